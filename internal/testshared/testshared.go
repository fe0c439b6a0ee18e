// Package testshared gives tests and benchmarks the real corpus and
// reference data of ../shared, the folder beside the repository. Where it is
// absent (a user's fresh clone) a test skips with a message; under CI
// (CI=true) it must be there, and the test fails instead. Only tests import
// this package: the tally binary never needs ../shared.
package testshared

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// root is ../shared, found from this file so that any package's tests agree.
func root() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "..", "shared")
}

// Path returns the path of a file under ../shared ("corpus/seed/...").
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(root(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing under CI: %v", p, err)
		}
		tb.Skipf("skipping: %s not found (the shared corpus sits beside the repository)", p)
	}
	return p
}

// FakesDevPath is the development corpus of 351 real articles.
const FakesDevPath = "corpus/fakes-dev/fakes-dev.csv"

// FakesDevColumn returns one column of the development corpus, a value a
// row, by its header name ("article_content", "date").
func FakesDevColumn(tb testing.TB, name string) []string {
	tb.Helper()
	p := Path(tb, FakesDevPath)
	f, err := os.Open(p)
	if err != nil {
		tb.Fatalf("open %s: %v", p, err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		tb.Fatalf("read %s: %v", p, err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == name {
			col = i
		}
	}
	if col < 0 {
		tb.Fatalf("%s has no column %q", p, name)
	}
	out := make([]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		out = append(out, r[col])
	}
	return out
}

// SkipUnderRace skips a test that reads a full shared data set when the
// race detector is on; .ci/run runs such tests once without it.
func SkipUnderRace(tb testing.TB) {
	tb.Helper()
	if RaceEnabled {
		tb.Skip("skipping under -race: the full-size data test runs without it (.ci/run)")
	}
}
