package number

import (
	"reflect"
	"slices"
	"testing"
)

// checkMentions asserts the invariants of Find's result: offsets in range
// and ordered, no overlaps, NumStart inside the span, Text the exact slice,
// and an interval that makes sense.
func checkMentions(t *testing.T, text string, ms []Mention) {
	t.Helper()
	last := 0
	for i, m := range ms {
		if m.Start < last || m.Start > m.NumStart || m.NumStart >= m.End || m.End > len(text) {
			t.Fatalf("mention %d: bad offsets start=%d num=%d end=%d (previous end %d, len %d) in %q",
				i, m.Start, m.NumStart, m.End, last, len(text), text)
		}
		if m.Count.Text != text[m.Start:m.End] {
			t.Fatalf("mention %d: Text %q != slice %q", i, m.Count.Text, text[m.Start:m.End])
		}
		c := m.Count
		if c.Low < 0 || (c.High != nil && *c.High < c.Low) {
			t.Fatalf("mention %d %q: bad interval low=%d high=%v", i, c.Text, c.Low, c.High)
		}
		if (c.Value == nil) != (c.Qualifier == "vague") {
			t.Fatalf("mention %d %q: value %v with qualifier %s", i, c.Text, c.Value, c.Qualifier)
		}
		if m.Kind < Count || m.Kind > Other {
			t.Fatalf("mention %d %q: bad kind %d", i, c.Text, m.Kind)
		}
		last = m.End
	}
}

var fuzzSeeds = []string{
	"At least 29 Syrian rebels were killed",
	"killing 12 people including 5 children",
	"(updated 1935 05.10.2017) Get short URL 0 612",
	"Wed 05 Apr 2017 at 0914",
	"from 10000 to more than 30000",
	"between 25 and 30, 25-30, 2017-18, tens of thousands",
	"one hundred and twenty, a quarter of a million, half a dozen, two and a half million",
	"1,500 55,000 1.5 million 55K $5bn 10:30 3pm 1st 1990s MH17 Su-24 No. 5",
	"999999999999999999999999 1,000,000,000,000,000,000 9.99999999999999999 million",
	"\xff\xfe 12 \xe2\x80\x93 15 \xe2\x82\xac5",
	"a", "one", "-", "1-", "1-2-", "1.", "1..2", "1:", "1/", "12,", "12,00", "300 0", "some", "between 1 and",
	"twenty-", "a hundred and", "several hundred thousand million billion",
}

func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms := Find(text)
		checkMentions(t, text, ms)
		// Appending to a slab that holds another text's mentions finds the
		// same ones after them, and leaves those as they were.
		slab := AppendFind(nil, "killing 12 people and 3 children")
		before := slices.Clone(slab)
		slab = AppendFind(slab, text)
		added := slab[len(before):]
		if !reflect.DeepEqual(slab[:len(before)], before) || len(added) != len(ms) || len(ms) > 0 && !reflect.DeepEqual(added, ms) {
			t.Fatalf("AppendFind(slab, %q) = %+v after the slab, Find gives %+v", text, added, ms)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := Parse(s)
		if !ok {
			return
		}
		if c.Low < 0 || (c.High != nil && *c.High < c.Low) {
			t.Fatalf("Parse(%q): bad interval low=%d high=%v", s, c.Low, c.High)
		}
		if (c.Value == nil) != (c.Qualifier == "vague") {
			t.Fatalf("Parse(%q): value %v with qualifier %s", s, c.Value, c.Qualifier)
		}
	})
}

// TestAppendFindNone: a text without numbers leaves the slab as it was,
// nil included.
func TestAppendFindNone(t *testing.T) {
	if got := AppendFind(nil, "no figures here"); got != nil {
		t.Errorf("AppendFind(nil, no figures) = %+v, want nil", got)
	}
	slab := make([]Mention, 1, 8)
	if got := AppendFind(slab, "no figures here"); len(got) != 1 || &got[0] != &slab[0] {
		t.Errorf("AppendFind(slab, no figures) = %+v, want the slab itself", got)
	}
}

// TestFindAllocations checks that Find allocates only its result and the
// block its pointers point into.
func TestFindAllocations(t *testing.T) {
	text := "At least 29 Syrian rebels and up to 30 civilians were killed, and dozens more wounded, in 2014."
	if n := testing.AllocsPerRun(100, func() { Find(text) }); n > 2 {
		t.Errorf("Find allocates %v times per call, want at most 2", n)
	}
}
