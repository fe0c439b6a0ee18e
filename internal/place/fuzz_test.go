package place

import (
	"math"
	"strings"
	"testing"
	"time"
)

var validLevels = map[Level]bool{LevelPlace: true, LevelNear: true, LevelAdmin2: true, LevelAdmin1: true, LevelCountry: true, LevelRegion: true}

func checkEntry(t *testing.T, what string, e Entry) {
	t.Helper()
	if len(e.Country) != 2 || e.Name == "" || !validLevels[e.Level] ||
		math.Abs(e.Lat) > 90 || math.Abs(e.Lon) > 180 || math.IsNaN(e.Lat) || math.IsNaN(e.Lon) {
		t.Fatalf("%s gave a malformed entry %+v", what, e)
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"Raqqa", "Syria's Raqqa", "the outskirts of Deir Ezzor", "Kafr Zeita in Hama countryside",
		"Austin, Texas", "الرقة", "Raqqa الرقة Ракка 拉卡", "Deir ez-Zor's eastern countryside", "'s",
		", ,", " in ", "the the the", "Ma'arrat al-Nu'man", "\xff\xfe", "St. Petersburg", "north of",
	} {
		f.Add(s, "SY")
	}
	f.Fuzz(func(t *testing.T, name, cc string) {
		e, ok := Resolve(name, Context{Country: cc, Admin1: name})
		if ok {
			checkEntry(t, "Resolve", e)
		}
		for _, e := range Lookup(name) {
			checkEntry(t, "Lookup", e)
		}
		IsKnown(name)
		IsKnownIn(name, cc)
		if !MayBeIn(name, cc) {
			if e, ok := Resolve(name, Context{Country: cc}); ok && e.Country == upper2(cc) {
				t.Fatalf("MayBeIn(%q, %q) is false, but Resolve gives %v", name, cc, e)
			}
		}
	})
}

// Long and hostile input costs no more than its length: a 10,000-byte
// name, a phrase of thousands of capitalised words, mixed scripts.
func TestHostileInputIsCheap(t *testing.T) {
	inputs := map[string]string{
		"10,000 letters":      strings.Repeat("a", 10000),
		"10,000 Arabic":       strings.Repeat("ر", 5000),
		"thousands of words":  strings.Repeat("Aleppo Raqqa Homs Idlib ", 1000),
		"mixed scripts":       strings.Repeat("Raqqa الرقة Ракка 拉卡 ", 500),
		"possessives":         strings.Repeat("Syria's ", 2000) + "Raqqa",
		"commas":              strings.Repeat("Raqqa, ", 2000),
		"modifiers":           strings.Repeat("northern ", 1000) + "Syria" + strings.Repeat(" countryside", 1000),
		"short modifier soup": "the outskirts of the countryside of northern eastern rural greater the city of Aleppo province district",
		"invalid UTF-8":       strings.Repeat("\xff\xfe\xfd", 3000),
	}
	for what, s := range inputs {
		start := time.Now()
		for range 10 {
			Resolve(s, Context{Country: "SY", Admin1: s, Near: make([]Entry, 1000)})
			Lookup(s)
			IsKnown(s)
		}
		if d := time.Since(start) / 10; d > 20*time.Millisecond {
			t.Errorf("%s (%d bytes): %v per call", what, len(s), d)
		}
	}
	// Thousands of capitalised words, each asked about in turn as a
	// mention finder would: linear in their number.
	words := strings.Fields(strings.Repeat("Aleppo Government Raqqa Minister Tuesday Homs Observatory ", 1000))
	cost := func(n int) time.Duration {
		start := time.Now()
		for _, w := range words[:n] {
			if IsKnown(w) {
				Resolve(w, Context{Country: "SY"})
			}
		}
		return time.Since(start)
	}
	cost(700) // warm the pages the words touch
	small, large := cost(700), cost(7000)
	if large > 30*small+50*time.Millisecond {
		t.Errorf("7,000 words took %v, 700 took %v: worse than linear", large, small)
	}
	t.Logf("IsKnown+Resolve over 7,000 words: %v (%v per word)", large, large/7000)
}
