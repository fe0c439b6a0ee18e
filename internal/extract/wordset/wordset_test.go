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
	keys = append(keys, "", "killed", "said", "ﺍﻟﺮﻗﺔ", "a", "ab", "abc", "abcd", "abcdefgh", "abcdefghi",
		// Longer than the two words a lookup compares: alike in them,
		// different between.
		"government-x-controlled", "government-y-controlled", "governmentcontrolled", "government--controlled")
	if s := New(keys); s.ID("government-z-controlled") != 0 || s.ID("government-x-controlle") != 0 || s.ID("abcdefghij") != 0 {
		t.Error("a word the set does not hold has a number")
	}
	s := New(keys)
	for i, k := range keys {
		if got := s.ID(k); got != uint32(i)+1 {
			t.Errorf("ID(%q) = %d, want %d", k, got, i+1)
		}
	}
	for _, k := range []string{"w3000", "kille", "killed ", "Said", "x", "b", "ac", "abd", "abce", "abcdefgi", "bbcdefghi", "\x00", "a\x00"} {
		if got := s.ID(k); got != 0 {
			t.Errorf("ID(%q) = %d, want 0", k, got)
		}
	}
	for _, empty := range []*Set{New(nil), {}} {
		for _, k := range []string{"said", "", "government-x-controlled"} {
			if got := empty.ID(k); got != 0 {
				t.Errorf("an empty set knows %q: %d", k, got)
			}
		}
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

// FuzzID holds ID to a map over keys made from the input: its words, and
// each with a byte changed, cut or added (the near misses a print must
// tell apart).
func FuzzID(f *testing.F) {
	for _, s := range []string{"killed wounded said", "a ab abc abcd abcdefgh abcdefghijklmnopq", "government-x-controlled government-y-controlled", "\x00 \xff\xfe"} {
		f.Add(s, "abcdefghi")
	}
	f.Fuzz(func(t *testing.T, text, probe string) {
		want := map[string]uint32{}
		var keys []string
		for _, w := range strings.Fields(text) {
			if _, ok := want[w]; !ok {
				keys = append(keys, w)
				want[w] = uint32(len(keys))
			}
		}
		s := New(keys)
		for _, k := range append(strings.Fields(text), probe, probe+"x", "x"+probe) {
			for _, v := range []string{k, k[:len(k)/2], strings.ToUpper(k)} {
				if got := s.ID(v); got != want[v] {
					t.Fatalf("ID(%q) = %d, want %d (keys %q)", v, got, want[v], keys)
				}
			}
		}
	})
}

var foldedWords = map[string]bool{"mr": true, "u.s": true, "no": false, "approx": true, "": true,
	"government-controlled": true, "ﺍﻟﺮﻗﺔ": true, "k": true, "i̇stanbul": true}

func checkFolded(t *testing.T, f *Folded, words map[string]bool, w string) {
	t.Helper()
	if got, want := f.Has(w), HasFolded(words, w); got != want {
		t.Fatalf("Has(%q) = %v, HasFolded gives %v", w, got, want)
	}
}

func TestFolded(t *testing.T) {
	f := NewFolded(foldedWords)
	for k := range foldedWords {
		for _, w := range []string{k, strings.ToUpper(k), k + "x", "x" + k, capitalised(k)} {
			checkFolded(t, f, foldedWords, w)
		}
	}
	for _, w := range []string{"\u212a", "İstanbul", "MR", "Mr", "GOVERNMENT-CONTROLLED-AREAS-OF-THE-NORTH", "approxi"} {
		checkFolded(t, f, foldedWords, w)
	}
}

func FuzzFolded(f *testing.F) {
	fs := NewFolded(foldedWords)
	f.Add("Mr")
	f.Add("\u212a")
	f.Fuzz(func(t *testing.T, w string) { checkFolded(t, fs, foldedWords, w) })
}

// capitalised is w with its first byte in upper case, when it is ASCII.
func capitalised(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}
