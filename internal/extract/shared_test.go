package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedFile returns the path of a file of ../shared (the real corpus and
// data beside the repository). A user's fresh clone has no ../shared: the
// test skips with a message; under CI it must be there.
func sharedFile(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join("..", "..", "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing under CI: %v", p, err)
		}
		tb.Skipf("skipping: %s not found (the shared corpus sits beside the repository)", p)
	}
	return p
}
