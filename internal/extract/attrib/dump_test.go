package attrib

import (
	"fmt"
	"os"
	"regexp"
	"testing"
)

func TestDumpCorpus(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	arts := fakesDev(t)
	f, _ := os.Create("/tmp/attrib_dump.txt")
	defer f.Close()
	g, _ := os.Create("/tmp/attrib_miss.txt")
	defer g.Close()
	cue := regexp.MustCompile(`\b(said|says|told|according to|reported|claimed|announced|quoted|citing)\b`)
	for ai, art := range arts {
		for _, s := range sentences(art) {
			as := Find(s)
			if len(as) == 0 {
				if cue.MatchString(s) {
					fmt.Fprintf(g, "[%d] %s\n", ai, s)
				}
				continue
			}
			fmt.Fprintf(f, "[%d] %s\n", ai, s)
			for _, a := range as {
				v := ""
				if a.Via != nil {
					v = fmt.Sprintf(" via=%q", a.Via.Source.Name)
				}
				fmt.Fprintf(f, "    %q | %s | %q/%s q=%v%s\n", a.Text, a.Cue, a.Source.Name, a.Source.Type, a.Quoted, v)
			}
		}
	}
}
