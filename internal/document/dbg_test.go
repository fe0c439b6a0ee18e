package document

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	out, _ := os.Create("/tmp/dbg/dump.txt")
	defer out.Close()
	n := 0
	for d, err := range ReadPath(os.Getenv("DUMP"), Options{}) {
		if err != nil {
			fmt.Fprintln(out, "ERR", err)
			continue
		}
		n++
		fmt.Fprintf(out, "=== %s %s pub=%s src=%s credits=%v hl=%v\nTITLE %q\n", d.Origin, d.ID[:8], d.Published, d.Source, d.Credits, d.Headline, d.Title.Norm)
		norm := d.Body.Norm
		// show blanked regions
		var b strings.Builder
		for i := 0; i < len(norm); i++ {
			if norm[i] == ' ' && i < len(d.Body.Raw) && d.Body.Raw[d.Body.RawOffset(i)] != ' ' {
				b.WriteByte('_')
			} else {
				b.WriteByte(norm[i])
			}
		}
		fmt.Fprintln(out, strings.Join(strings.Fields(strings.ReplaceAll(b.String(), "_", "·")), " "))
	}
	fmt.Fprintln(out, "docs", n)
}
