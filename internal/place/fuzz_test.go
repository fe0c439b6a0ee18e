package place

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/place/namekey"
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
		if !MayBeKnown(name) {
			if e, ok := Resolve(name, Context{Country: cc, Admin1: name}); ok {
				t.Fatalf("MayBeKnown(%q) is false, but Resolve gives %v", name, e)
			}
		}
		if !MayBeIn(name, cc) {
			if e, ok := Resolve(name, Context{Country: cc}); ok && e.Country == upper2(cc) {
				t.Fatalf("MayBeIn(%q, %q) is false, but Resolve gives %v", name, cc, e)
			}
		}
	})
}

// countWork runs f with the work counter on and returns what it counted.
func countWork(f func()) workCount {
	var w workCount
	work = &w
	defer func() { work = nil }()
	f()
	return w
}

// Long and hostile input costs no more than its length: a 10,000-byte
// name, a phrase of thousands of capitalised words, mixed scripts. The
// work is counted (probes, bytes keyed, rows, candidates scored, places
// weighed), not timed.
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
	// What one ordinary name with every context costs, for scale.
	ResetMemo()
	unit := countWork(func() {
		Resolve("Raqqa", Context{Country: "SY", Admin1: "Raqqa", Near: make([]Entry, 1000)})
		Lookup("Raqqa")
		IsKnown("Raqqa")
	}).total()
	for what, s := range inputs {
		ResetMemo()
		w := countWork(func() {
			for range 10 {
				Resolve(s, Context{Country: "SY", Admin1: s, Near: make([]Entry, 1000)})
				Lookup(s)
				IsKnown(s)
			}
		})
		// Mentions over maxMention bytes are refused, and at most maxNear
		// places named nearby are weighed: ten calls on any input cost
		// about what ten on a short name do.
		t.Logf("%s: %d", what, w.total())
		if w.total() > 20*unit+10*3*namekey.MaxInput {
			t.Errorf("%s (%d bytes): %+v, %d in all; one ordinary name costs %d", what, len(s), w, w.total(), unit)
		}
	}
	// Thousands of capitalised words, each asked about in turn as a
	// mention finder would: linear in their number.
	words := strings.Fields(strings.Repeat("Aleppo Government Raqqa Minister Tuesday Homs Observatory ", 1000))
	cost := func(n int) int {
		return countWork(func() {
			for _, w := range words[:n] {
				if IsKnown(w) {
					Resolve(w, Context{Country: "SY"})
				}
			}
		}).total()
	}
	ResetMemo()
	cost(700) // the first look-ups of each word, remembered after
	small, large := cost(700), cost(7000)
	if small == 0 || large > 11*small {
		t.Errorf("7,000 words cost %d, 700 cost %d: worse than linear", large, small)
	}
	t.Logf("work: one name with context %d; 700 words %d, 7,000 words %d", unit, small, large)
}

// mayHaveModifiersSteps is mayHaveModifiers as the checks it fuses, one
// after another.
func mayHaveModifiersSteps(s string) bool {
	if strings.ContainsAny(s, ",'’") || lastIndexFold(s, " in ") >= 0 {
		return true
	}
	if _, ok := loneModifier(s); ok {
		return true
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 && mayBeModifierWord(s[i+1:]) {
		var buf [maxModifierWord]byte
		if _, ok := trailing[string(lowerWord(s[i+1:], &buf))]; ok {
			return true
		}
	}
	_, ok := leadingModifier(s)
	return ok
}

// TestMayHaveModifiersFused checks the one-pass mayHaveModifiers against
// its steps, on phrases of modifier words, names, marks and spaces.
func TestMayHaveModifiersFused(t *testing.T) {
	parts := []string{" ", "  ", "in", "IN", ",", "'", "’", "\xe2", "é", "north", "North", "the", "The", "of",
		"province", "Province", "city", "town", "outskirts", "Raqqa", "Idlib", "n", "NW", "near", "east", "K", "countryside", "-"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(parts[rng.IntN(len(parts))])
			if rng.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		s := trimMention(b.String())
		if s == "" {
			continue
		}
		if got, want := mayHaveModifiers(s), mayHaveModifiersSteps(s); got != want {
			t.Fatalf("mayHaveModifiers(%q) = %v, its steps say %v", s, got, want)
		}
	}
}

func FuzzMayHaveModifiers(f *testing.F) {
	for _, s := range []string{"Raqqa", "Idlib province", "north of Aleppo", "Austin, Texas", "Kafr Zeita in Hama", "Syria’s north", "N Syria", "countryside"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s = trimMention(s); s == "" {
			return
		}
		if got, want := mayHaveModifiers(s), mayHaveModifiersSteps(s); got != want {
			t.Fatalf("mayHaveModifiers(%q) = %v, its steps say %v", s, got, want)
		}
	})
}
