package attrib

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/extract/wordset"
)

// isTitleAbbrev looks words up in a Folded set built from titleAbbrevs: it
// must answer as the map does, for every entry (including "no", mapped to
// false) in every case, and for words near them.
func TestTitleAbbrevMatchesMap(t *testing.T) {
	words := []string{"", "x", "\u212a", "GEN\u212a", "général", strings.Repeat("a", 40), "sgts", "mrs.", "Mr"}
	for w := range titleAbbrevs {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:], w+"x", w[:len(w)-1])
	}
	for _, w := range words {
		if got, want := isTitleAbbrev(w), wordset.HasFolded(titleAbbrevs, w); got != want {
			t.Errorf("isTitleAbbrev(%q) = %v, want %v", w, got, want)
		}
	}
}

func FuzzTitleAbbrevMatchesMap(f *testing.F) {
	for w := range titleAbbrevs {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := isTitleAbbrev(w), wordset.HasFolded(titleAbbrevs, w); got != want {
			t.Errorf("isTitleAbbrev(%q) = %v, want %v", w, got, want)
		}
	})
}
