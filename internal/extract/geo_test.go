package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract/wordset"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/testshared"
)

// TestMentionTextListHeads: a list's plural head comes off in any case,
// and nothing else does.
func TestMentionTextListHeads(t *testing.T) {
	for text, want := range map[string]string{
		"the cities of Aleppo":     "Aleppo",
		"Towns Of Idlib":           "Idlib",
		"VILLAGES OF HAMA":         "HAMA",
		"the settlements of Ibrah": "Ibrah",
		"the city of Raqqa":        "the city of Raqqa",
		"Kafr Zeita":               "Kafr Zeita",
		"the villagesof Hama":      "the villagesof Hama",
		"Şehirs of Hatay":          "Şehirs of Hatay",
	} {
		s := &analysed{text: text}
		if got := s.mentionText(&placeMention{fullStart: 0, fullEnd: len(text)}); got != want {
			t.Errorf("mentionText(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestIsCommonWord: the ASCII fast path agrees with lower-casing.
func TestIsCommonWord(t *testing.T) {
	for w := range commonWords {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if !isCommonWord(v) {
				t.Errorf("isCommonWord(%q) = false", v)
			}
		}
	}
	for _, v := range []string{"Raqqa", "", "Ünew", strings.Repeat("New", 20), "\u212aurd", "\u212aURDS", "1st", "@", "[new", "neW", "Nex", "White  House"} {
		if isCommonWord(v) != commonWords[strings.ToLower(v)] {
			t.Errorf("isCommonWord(%q) disagrees with lower-casing", v)
		}
	}
	// Every common word is lower-case ASCII starting with a letter, as
	// commonShapes takes them to be.
	for w := range commonWords {
		if w == "" || w[0] < 'a' || w[0] > 'z' || strings.ToLower(w) != w {
			t.Errorf("common word %q does not start with a lower-case letter", w)
		}
	}
}

// FuzzIsCommonWord: the length and initial filter agrees with looking the
// lower-cased name up, whatever the bytes.
func FuzzIsCommonWord(f *testing.F) {
	for w := range commonWords {
		f.Add(w)
		f.Add(strings.ToUpper(w))
	}
	f.Add("\u212aurd")
	f.Add("Raqqa")
	f.Add("")
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := isCommonWord(name), wordset.HasFolded(commonWords, name); got != want {
			t.Errorf("isCommonWord(%q) = %v, HasFolded %v", name, got, want)
		}
	})
}

// TestNameTokenLowerCase pins which lower-case words nameToken lets into a
// place name: only an Arabic article joined by its first hyphen to more.
func TestNameTokenLowerCase(t *testing.T) {
	for _, c := range []struct {
		word string
		want bool
	}{
		{"ez-zor", true},
		{"al-numan", true},
		{"ash-shaddadi", true},
		{"al", false},         // no hyphen
		{"a-al-bab", false},   // the first hyphen ends "a", no article
		{"all-out", false},    // "all" is no article
		{"al-sham", false},    // a stop word: closes a group's name
		{"pro-regime", false}, // "pro" is no article
		{"ceasefire", false},
		{"x", false},
	} {
		toks := tokenize(c.word, nil)
		if len(toks) != 1 {
			t.Fatalf("%q: %d tokens", c.word, len(toks))
		}
		if got := nameToken(toks[0]); got != c.want {
			t.Errorf("nameToken(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

// TestPhraseAnswersMatchMap: the short list and the map it turns into
// answer as one map would, across the switch.
func TestPhraseAnswersMatchMap(t *testing.T) {
	for _, distinct := range []int{0, 1, phraseList - 1, phraseList, phraseList + 1, 5 * phraseList} {
		var p phraseAnswers
		want := map[string]*place.Entry{}
		for i := range 3 * distinct {
			text := strings.Repeat("x", i%distinct+1)
			e, ok := p.get(text)
			if we, wok := want[text]; ok != wok || e != we {
				t.Fatalf("%d phrases: get(%q) = %p, %v; want %p, %v", distinct, text, e, ok, we, wok)
			}
			if !ok {
				var entry *place.Entry
				if i%3 != 0 { // some phrases resolve to nothing
					entry = &place.Entry{Name: text}
				}
				p.put(text, entry)
				want[text] = entry
			}
		}
	}
}

// TestHasEntryMatchesSameEntry: hasEntry is slices.ContainsFunc with
// sameEntry, whatever field tells two entries apart.
func TestHasEntryMatchesSameEntry(t *testing.T) {
	base := place.Entry{Name: "Aleppo", Country: "SY", Lat: 36.2, Lon: 37.16, Population: 1}
	variants := []place.Entry{base}
	for _, f := range []func(*place.Entry){
		func(e *place.Entry) { e.Name = "Halab" },
		func(e *place.Entry) { e.Country = "TR" },
		func(e *place.Entry) { e.Lat = 36.3 },
		func(e *place.Entry) { e.Lon = 37.2 },
		func(e *place.Entry) { e.Population = 2 }, // not compared
	} {
		v := base
		f(&v)
		variants = append(variants, v)
	}
	for i := range variants {
		for j := range variants {
			es := variants[i : i+1]
			e := variants[j]
			want := slices.ContainsFunc(es, func(x place.Entry) bool { return sameEntry(x, e) })
			if got := hasEntry(es, &e); got != want {
				t.Errorf("hasEntry(%v, %v) = %v, want %v", es, e, got, want)
			}
		}
	}
	if hasEntry(nil, &base) {
		t.Error("hasEntry(nil) = true")
	}
}

// TestTextOfMatchesMentionText: a mention's text read from its
// context-free answer is mentionText's, for every mention of fakes-dev
// the country vote asks about.
func TestTextOfMatchesMentionText(t *testing.T) {
	path := testshared.Path(t, "corpus/fakes-dev/fakes-dev.csv")
	n := 0
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		g := analyseForGeo(doc)
		c := &docContext{doc: g.doc, sents: g.sents}
		c.voteCountry()
		for _, s := range c.sents {
			for i := range s.places {
				m := &s.places[i]
				if m.bareText == nil {
					continue
				}
				n++
				if got, want := s.textOf(m), s.mentionText(m); got != want {
					t.Errorf("%s: textOf = %q, mentionText = %q", doc.ID, got, want)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no mentions asked about")
	}
}

// TestPlacesInOrder: a sentence's mentions are left unsorted only when the
// stable sort by start would leave them as they are.
func TestPlacesInOrder(t *testing.T) {
	for _, starts := range [][]int{{}, {3}, {1, 2, 3}, {1, 1, 2}, {2, 1}, {1, 3, 2}, {5, 5, 4}} {
		ms := make([]placeMention, len(starts))
		for i, st := range starts {
			ms[i] = placeMention{fullStart: st, nameEnd: i} // nameEnd tells them apart
		}
		sorted := slices.Clone(ms)
		slices.SortStableFunc(sorted, func(a, b placeMention) int { return a.fullStart - b.fullStart })
		if got, want := placesInOrder(ms), slices.Equal(ms, sorted); got != want {
			t.Errorf("placesInOrder(%v) = %v, want %v", starts, got, want)
		}
	}
}
