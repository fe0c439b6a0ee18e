package wordset

import (
	"fmt"
	"strings"
	"testing"
)

func TestSet(t *testing.T) {
	var keys []string
	for i := range 3000 {
		keys = append(keys, fmt.Sprintf("w%d", i))
	}
	keys = append(keys, "", "killed", "said", "ﺍﻟﺮﻗﺔ")
	s := New(keys)
	for i, k := range keys {
		if got := s.ID(k); got != uint32(i)+1 {
			t.Errorf("ID(%q) = %d, want %d", k, got, i+1)
		}
	}
	for _, k := range []string{"w3000", "kille", "killed ", "Said", "x"} {
		if got := s.ID(k); got != 0 {
			t.Errorf("ID(%q) = %d, want 0", k, got)
		}
	}
	if got := New(nil).ID("said"); got != 0 {
		t.Errorf("an empty set knows %q: %d", "said", got)
	}
}

func BenchmarkID(b *testing.B) {
	s := New([]string{"killed", "wounded", "said", "according", "to"})
	words := []string{"the", "killed", "observatory", "said", "on", "tuesday"}
	for b.Loop() {
		for _, w := range words {
			s.ID(w)
		}
	}
}

func TestHasFolded(t *testing.T) {
	set := map[string]bool{"new": true, "gen.": true, "état": true, strings.Repeat("a", 40): true}
	for word, want := range map[string]bool{
		"New": true, "NEW": true, "new": true, "News": false, "Gen.": true, "ÉTAT": true, "état": true,
		strings.Repeat("A", 40): true, strings.Repeat("A", 41): false, "": false,
	} {
		if got := HasFolded(set, word); got != want {
			t.Errorf("HasFolded(%q) = %v, want %v", word, got, want)
		}
	}
}
