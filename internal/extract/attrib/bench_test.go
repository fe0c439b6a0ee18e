package attrib

import (
	"strings"
	"testing"
)

// BenchmarkFind runs Find over every sentence of fakes-dev.
func BenchmarkFind(b *testing.B) {
	arts := fakesDev(b)
	var sents []string
	n := 0
	for _, a := range arts {
		for _, s := range sentences(a) {
			sents = append(sents, s)
			n += len(s)
		}
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			Find(s)
		}
	}
}

// BenchmarkFindActors runs FindActors over every article of fakes-dev.
func BenchmarkFindActors(b *testing.B) {
	arts := fakesDev(b)
	n := 0
	for _, a := range arts {
		n += len(a)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			FindActors(a)
		}
	}
}

// BenchmarkAsExtracted calls Find and FindActors on the fakes-dev
// sentences as the extractor does: Find only where a word is a cue
// (MayAttribute), FindActors only where there is a digit (a figure to
// blame), both on the same sentence in turn.
func BenchmarkAsExtracted(b *testing.B) {
	arts := fakesDev(b)
	type call struct {
		s          string
		cue, digit bool
	}
	var calls []call
	n := 0
	for _, a := range arts {
		for _, s := range sentences(a) {
			c := call{s: s, digit: strings.ContainsAny(s, "0123456789")}
			for _, w := range strings.Fields(s) {
				c.cue = c.cue || MayAttribute(strings.ToLower(strings.Trim(w, `.,;:"'()`)))
			}
			calls = append(calls, c)
			n += len(s)
		}
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, c := range calls {
			if c.cue {
				Find(c.s)
			}
			if c.digit {
				FindActors(c.s)
			}
		}
	}
}

// TestCorpusCoverage reports how many fakes-dev articles get at least one
// attribution and one named (not carried-over) source, and checks that
// every span is sound on real text.
func TestCorpusCoverage(t *testing.T) {
	arts := fakesDev(t)
	withAny, withNamed, total := 0, 0, 0
	for _, art := range arts {
		any, named := false, false
		for _, s := range sentences(art) {
			as := Find(s)
			checkSpans(t, s, as, FindActorMentions(s))
			for _, a := range as {
				total++
				any = true
				named = named || !IsCarryOver(a)
			}
		}
		if any {
			withAny++
		}
		if named {
			withNamed++
		}
	}
	t.Logf("fakes-dev: %d/%d articles with an attribution, %d with a named source, %d attributions",
		withAny, len(arts), withNamed, total)
	if withAny*10 < len(arts)*8 {
		t.Errorf("coverage fell: %d/%d articles", withAny, len(arts))
	}
}
