package extract

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/extract/number"
)

// refFindPlaces is findPlaces as it was before it skipped the tokens that
// can start nothing: the reference the tests hold findPlaces to.
//
// It returns the place mentions of a sentence: capitalised names
// after a locative preposition or a head noun ("in Raqqa", "the city of
// Raqqa", "Syria's Raqqa"), lists continuing them ("Aleppo, Deir ez-Zor and
// East Ghouta"), and anaphors ("the city").
func refFindPlaces(toks []token) []placeMention {
	var out []placeMention
	for i := 0; i < len(toks); i++ {
		var e *entry
		var n int
		if placeLex.mayStart(&toks[i]) {
			e, n = placeLex.match(toks, i)
		}
		if e != nil && e.field(0) == "anaphor" && i+n < len(toks) && toks[i+n].lower == "of" {
			// "the city of Raqqa" names the city: read it as a head noun.
			continue
		}
		if e != nil && (e.field(0) == "status" || e.field(0) == "agent") {
			// "outlawed in Russia", "loyal to Damascus": skip the name
			// too, lest it be read after "in" or "to" as where the
			// article's events are.
			i += n
			for i < len(toks) && isNameToken(toks[i]) {
				i++
			}
			i--
			continue
		}
		if e != nil && e.field(0) == "anaphor" {
			out = append(out, placeMention{fullStart: toks[i].start, fullEnd: toks[i+n-1].end,
				nameStart: toks[i].start, nameEnd: toks[i+n-1].end, anaphor: true,
				plural: strings.HasPrefix(toks[i].lower, "these")})
			i += n - 1
			continue
		}
		// capitalPhrase wants a capital word one or two tokens on: most
		// tokens have none, and are turned away here without a call.
		cc, cn := "", 0
		if i+1 < len(toks) && lexWords[toks[i+1].wid].capital || i+2 < len(toks) && lexWords[toks[i+2].wid].capital {
			cc, cn = capitalPhrase(toks, i)
		}
		if cn > 0 {
			m := placeMention{nameStart: toks[i].start, nameEnd: toks[i+cn-1].end, fullStart: toks[i].start,
				fullEnd: toks[i+cn-1].end, marked: true, capitalOf: cc}
			if i > 0 && toks[i-1].lower == "the" {
				m.fullStart = toks[i-1].start
			}
			out = append(out, m)
			i += cn - 1
			continue
		}
		start, bare := -1, false
		switch {
		case e != nil && (e.field(0) == "prep" || e.field(0) == "head"):
			start = i + n
		case isNameToken(toks[i]) && isPossessive(toks[i]) && i+1 < len(toks) && isNameToken(toks[i+1]):
			// "Syria's Raqqa": the possessor is a place when the possessed is.
			start = i
		case (i == 0 || !isNameToken(toks[i-1])) && refTailAfterName(toks, i):
			// "Rockets targeted Aleppo city": the noun after the name says
			// it is a place, without a preposition before it.
			start, bare = i, true
		default:
			continue
		}
		end, list := refReadPlaceList(toks, start, i)
		if len(list) == 0 {
			continue
		}
		if bare {
			// The noun alone does not make an unknown name a place
			// ("Tishreen Palace area"): only the gazetteer does, in the
			// article's country.
			for k := range list {
				list[k].marked, list[k].bare = false, true
			}
		}
		if e != nil && e.field(0) == "head" && len(list) > 0 {
			// "the Salah al-Din district of Aleppo": a name before the head
			// noun belongs to the phrase.
			k := i
			for k > 0 && isNameToken(toks[k-1]) {
				k--
			}
			if k < i && k > 0 && toks[k-1].lower == "the" {
				k--
			}
			if k < i {
				list[0].fullStart = toks[k].start
			}
		}
		out = append(out, list...)
		i = end - 1
	}
	return out
}

// tailAfterName reports whether a run of name tokens from toks[i] ends in
// a tail noun ("Aleppo city", "Idlib province").
func refTailAfterName(toks []token, i int) bool {
	k := i
	for k < len(toks) && isNameToken(toks[k]) {
		k++
	}
	if k == i || k >= len(toks) || toks[k].upper {
		return false
	}
	e, _ := placeLex.match(toks, k)
	return e != nil && e.field(0) == "tail"
}

// readPlaceList reads one or more coordinated place names from toks[j:]
// ("the suburbs of Damascus in East Ghouta", "Aleppo, Deir ez-Zor and ...").
// cue is the index of the preposition or head that introduced them.
func refReadPlaceList(toks []token, j, cue int) (int, []placeMention) {
	var out []placeMention
	fullStart := toks[cue].start
	if e, _ := placeLex.match(toks, cue); e != nil && e.field(0) == "prep" {
		fullStart = -1
	}
	for {
		k := j
		if k < len(toks) && toks[k].lower == "the" {
			k++
		}
		headStart, around := -1, false
		for k < len(toks) {
			e, n := placeLex.match(toks, k)
			if e == nil || e.field(0) != "head" {
				break
			}
			if headStart < 0 {
				headStart = k
			}
			around = around || e.field(1) == "around"
			k += n
		}
		nameStart := k
		if _, n := capitalPhrase(toks, k); n > 0 {
			// "near the Syrian capital": findPlaces reads it as one
			// mention when it comes to the adjective.
			break
		}
		for k < len(toks) && (isNameToken(toks[k]) || k > nameStart && arabicArticles[toks[k].lower] && k+1 < len(toks) && isNameToken(toks[k+1])) {
			k++
			if isPossessive(toks[k-1]) {
				break
			}
		}
		if k == nameStart {
			break
		}
		m := placeMention{nameStart: toks[nameStart].start, nameEnd: trimPossessive(toks[k-1]), fullStart: toks[nameStart].start}
		switch {
		case headStart >= 0:
			m.fullStart = toks[headStart].start
			if j < headStart {
				m.fullStart = toks[j].start
			}
		case fullStart >= 0 && len(out) == 0:
			m.fullStart = fullStart
		}
		m.marked = headStart >= 0
		if k < len(toks) {
			if e, n := placeLex.match(toks, k); e != nil && e.field(0) == "tail" {
				k += n
				m.marked = true
			}
		}
		m.fullEnd = max(m.nameEnd, toks[k-1].end)
		if strings.HasSuffix(toks[k-1].lower, "'s") {
			m.fullEnd = m.nameEnd
		}
		possessor := isPossessive(toks[k-1])
		if len(out) > 0 && out[len(out)-1].possessor {
			m.fullStart = out[len(out)-1].fullStart
		}
		m.possessor = possessor
		out = append(out, m)
		j = k
		if possessor && j < len(toks) && isNameToken(toks[j]) {
			continue
		}
		// Continue a list: ", X", "and X", "or X", "in X" (the last situates the first).
		if j+1 < len(toks) && (toks[j].lower == "," || toks[j].lower == "and" || toks[j].lower == "or" || toks[j].lower == "in") {
			next := j + 1
			if toks[j].lower == "," && next < len(toks) && toks[next].lower == "and" {
				next++
			}
			if toks[j].lower == "in" {
				// "the suburbs of Damascus in East Ghouta": the outer name is
				// the situating one when the inner names an area around a
				// place; "the town of Saraqib in Idlib province" is in
				// Saraqib.
				if around {
					out[len(out)-1].inner = true
				} else {
					out[len(out)-1].inNext = true
				}
			}
			j = next
			continue
		}
		break
	}
	return j, out
}

// checkSamePlaces fails unless findPlaces and the reference agree on the
// tokens of s.
func checkSamePlaces(t *testing.T, s string) {
	t.Helper()
	toks := tokenize(s, number.Find(s))
	if got, want := findPlaces(toks), refFindPlaces(toks); !reflect.DeepEqual(got, want) {
		t.Fatalf("findPlaces(%q) =\n%+v\nthe reference gives\n%+v", s, got, want)
	}
}

// placeRefTexts are the texts the place tests hold findPlaces to the
// reference on: every corpus's sentences, and the corner cases of its
// skipping (a capital word one or two tokens on, at either end).
func placeRefTexts() []string {
	var out []string
	for _, tc := range placeCorpus {
		out = append(out, tc.sentence)
	}
	for _, tc := range casualtyCorpus {
		out = append(out, tc.sentence)
	}
	for _, tc := range sourceCorpus {
		out = append(out, tc.text)
	}
	for _, tc := range articlePlaceCorpus {
		out = append(out, tc.title, tc.text)
	}
	for _, tc := range claimPlaceCorpus {
		out = append(out, tc.text)
	}
	return append(out,
		"capital", "Syrian capital", "in the Syrian capital", "Syria's capital Damascus",
		"the Syria capital", ", , Syrias capital", "Syria capital", "x capital capital",
		"loyal to Damascus Raqqa", "the city of Raqqa", "these settlements in the city",
		"Rockets targeted Aleppo city", "Raqqa", "Raqqa's", "Deir ez-Zor", "ez-Zor al-Numan",
	)
}

func TestPlacesAsReference(t *testing.T) {
	for _, s := range placeRefTexts() {
		checkSamePlaces(t, s)
	}
}

// TestPlacesAsReferenceFakesDev holds findPlaces to the reference on every
// sentence of the development corpus.
func TestPlacesAsReferenceFakesDev(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole corpus")
	}
	forEachDevSentence(t, checkSamePlaces)
}

func FuzzPlacesAsReference(f *testing.F) {
	for _, s := range placeRefTexts() {
		f.Add(s)
	}
	f.Fuzz(checkSamePlaces)
}

// arabicArticles is the table isArabicArticle was made from, as the
// reference findPlaces read it.
var arabicArticles = map[string]bool{"al": true, "el": true, "ez": true, "az": true, "ad": true, "as": true, "ar": true, "an": true, "ash": true, "at": true, "ez-zor": true, "al-": true}

func TestIsArabicArticle(t *testing.T) {
	for _, w := range []string{"", "al", "al-", "ez-zor", "ash", "a", "als", "ez-", "Al", "el-", "at"} {
		if got := isArabicArticle(w); got != arabicArticles[w] {
			t.Errorf("isArabicArticle(%q) = %v, want %v", w, got, arabicArticles[w])
		}
	}
	for w := range arabicArticles {
		if !isArabicArticle(w) {
			t.Errorf("isArabicArticle(%q) = false", w)
		}
	}
}
