package extract

import (
	"slices"
	"testing"
)

// TestPartWholeFlagsOrder: a sentence with several parts larger than their
// whole gives its flags in the order of the parts, the same on every run
// (the sentences below once made two flags whose order changed between
// runs).
func TestPartWholeFlagsOrder(t *testing.T) {
	// Lower-cased copy, as a fakes-dev article read in lower case gives it.
	doc := docOf("at least 23 people most of them from the ahrar al-sham militant group were killed by a truck suicide bomber in syrias aleppo city on monday a monitor said. " +
		"at least 23 people most of them from the ahrar al-sham militant group were killed by a truck suicide bomber in syrias aleppo city on monday a monitor said. " +
		"the opposing britain-based syrian observatory for human rights said 19 fighters from the group and four civilians were killed in the blast in the sukari district of the city.")
	var want []string
	for run := range 20 {
		res := Check(doc)
		var got []string
		for _, f := range res.Flags {
			got = append(got, f.Claims...)
		}
		if run == 0 {
			want = got
			if len(got) < 4 {
				t.Fatalf("want at least two part-whole flags, got %+v", res.Flags)
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Fatalf("run %d: flags name %v, first run %v", run, got, want)
		}
	}
}
