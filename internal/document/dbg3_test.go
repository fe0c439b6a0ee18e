package document

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugBlanks(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	for d, err := range ReadPath(os.Getenv("DUMP"), Options{}) {
		if err != nil {
			continue
		}
		raw := NewText(d.Body.Raw)
		norm := d.Body.Norm
		// runs of blanked bytes, excluding the first 5% and last 30%
		i := 0
		for i < len(norm) {
			if norm[i] == ' ' && raw.Norm[i] != ' ' {
				j := i
				for j < len(norm) && (norm[j] == ' ') {
					j++
				}
				a, b := d.Body.RawSpan(i, j)
				fmt.Printf("%s %s [%d:%d/%d] %q\n", d.Origin[len(d.Origin)-4:], d.Source, i, j, len(norm), d.Body.Raw[a:b])
				i = j
				continue
			}
			i++
		}
	}
}
