package place

import (
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/place/layout"
	"github.com/tallyhq/tally/internal/place/namekey"
)

// mayBeProbe is mayBe as it was before it read the mention memo: the name
// keyed and the indexes probed every time. mayBe must agree with it
// whether the name is remembered or not.
func mayBeProbe(name string, ci int32) bool {
	s := trimMention(name)
	if s == "" || len(s) > maxMention {
		return false
	}
	if mayHaveModifiers(s) {
		return true
	}
	key := []byte(namekey.Key(s))
	if len(key) == 0 || len(key) > layout.MaxKeyLen {
		return false
	}
	sk := namekey.AppendLoose(nil, key)
	ex := index(exactBin)
	lo, hi := findHashed(ex, 0, key)
	if ci < 0 && hi > lo {
		return true
	}
	ccn := uint16(0)
	if ci >= 0 {
		ccn = record(ci).countryNum()
	}
	for i := lo; i < hi; i++ {
		if idx, _ := ex.value(i); ci >= 0 && sumCountryNum(idx) == ccn {
			return true
		}
	}
	if len(sk) > 0 {
		lo, hi := findHashed(index(looseBin), 1, sk)
		if ci < 0 {
			return hi > lo
		}
		return strings.IndexByte(looseCCBin[lo:hi], byte(ci)) >= 0
	}
	return false
}

var mayBeNames = []string{
	"Raqqa", "Raqa", "Rakka", "Idlib", "Idlib province", "Idlib Province", "Syria's Raqqa", "Deir ez-Zor",
	"Deir Ezzor", "Kafr Zeita in Hama countryside", "Austin, Texas", "Minister", "Observatory", "Latest",
	"Daeshs", "Washington Post", "Takfiris", "Aleppo", "Damascus", "Mosul", "Kharkov", "Kyiv", "Tripoli",
	"Springfield", "Eastern Ghouta", "Donbas", "Dunbas", "الرقة", "Ракка", "St. Petersburg", "north",
	"Countryside", "City", "the", "", "  ", "\xff\xfe", "Ma'arrat al-Nu'man", "Maarat al-Numan", "“Homs”",
	"Homs.", "Paris", "London", "As", "Al", "Ar Raqqah", "Hama", "Daraa", "Deraa", "Minian", "Red",
	strings.Repeat("Kafr ", 70), "Kafr Nabl", "Jobar", "Yabroud", "Qalamoun", "Afrin District", "Afrin",
}

var mayBeCountries = []string{"SY", "sy", "IQ", "US", "FR", "UA", "LB", "GB", "XX", "", "S"}

// TestMayBeFromMemoAgrees checks that MayBeIn and MayBeKnown answer the
// same for a name the mention memo holds (put there by Resolve, or by
// mayBe itself) as the probes of the indexes do.
func TestMayBeFromMemoAgrees(t *testing.T) {
	t.Cleanup(ResetMemo)
	for _, name := range mayBeNames {
		for _, cc := range mayBeCountries {
			checkMayBe(t, name, cc)
		}
	}
}

func checkMayBe(t *testing.T, name, cc string) {
	t.Helper()
	ci, ok := countryIndex(upper2(cc))
	known := mayBeProbe(name, -1)
	var in bool
	if !ok || ci >= layout.NoCountry {
		in = trimMention(name) != ""
	} else {
		in = mayBeProbe(name, ci)
	}
	for _, step := range []string{"fresh", "asked before", "resolved"} {
		switch step {
		case "fresh":
			ResetMemo()
		case "resolved":
			ResetMemo()
			Resolve(name, Context{})
		}
		if got := MayBeIn(name, cc); got != in {
			t.Fatalf("%s: MayBeIn(%q, %q) = %v, the indexes say %v", step, name, cc, got, in)
		}
		if got := MayBeKnown(name); got != known {
			t.Fatalf("%s: MayBeKnown(%q) = %v, the indexes say %v", step, name, got, known)
		}
	}
}

func FuzzMayBe(f *testing.F) {
	for _, s := range mayBeNames {
		f.Add(s, "SY")
	}
	f.Fuzz(func(t *testing.T, name, cc string) {
		t.Cleanup(ResetMemo)
		checkMayBe(t, name, cc)
	})
}

// TestMatchedExactlyAgrees checks the rows of a skeleton ranking passes
// over as matched exactly against the set of the exact matches' entries.
func TestMatchedExactlyAgrees(t *testing.T) {
	t.Cleanup(ResetMemo)
	rows := 0
	for _, name := range mayBeNames {
		m := lookupMention(name)
		exact := map[int32]bool{}
		for _, c := range m.exact {
			exact[c.idx] = true
		}
		for _, c := range m.loose {
			rows++
			if got := m.matchedExactly(c.idx); got != exact[c.idx] {
				t.Fatalf("%q: matchedExactly(%d) = %v, want %v", name, c.idx, got, exact[c.idx])
			}
		}
		for _, idx := range []int32{-1, 0, 1, int32(numEntries()) - 1, int32(numEntries())} {
			if got := m.matchedExactly(idx); got != exact[idx] {
				t.Fatalf("%q: matchedExactly(%d) = %v, want %v", name, idx, got, exact[idx])
			}
		}
	}
	if rows < 100 {
		t.Fatalf("only %d skeleton rows checked", rows)
	}
}
