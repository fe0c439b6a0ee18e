package extract

import (
	"strings"
	"sync"

	"github.com/tallyhq/tally/internal/place"
)

// placeMention is a place name found in a sentence. Offsets are into the
// sentence text: name is the bare name ("Raqqa"), full the phrase the figure
// refers to ("the outskirts of Raqqa", "Idlib province").
type placeMention struct {
	nameStart, nameEnd int
	fullStart, fullEnd int
	inner              bool // "the suburbs of Damascus in East Ghouta": Damascus only situates East Ghouta
	anaphor            bool // "the city", "these settlements": refers back
	plural             bool // "these settlements": refers to a list
	possessor          bool // "Syria's" in "Syria's Raqqa"
	inNext             bool // "Kafr Zeita in Hama countryside": the next mention situates this one
	marked             bool // a head or tail noun says it is a place ("the village of X", "X camp")
	bare               bool // no preposition or head noun before it: a place only in the article's country

	// capitalOf is the ISO code of the country whose capital the phrase
	// names ("the Syrian capital").
	capitalOf string

	entry *place.Entry // the gazetteer's resolution, nil when unknown

	bareText *geoAnswer // resolveBare of its mentionText, once asked (see bareAnswer)
}

// isNameToken reports whether a token can be part of a place name: a
// capitalised word that is not a month, weekday, title or organisation, or
// a lower-case Arabic article inside a name ("Deir ez-Zor"). The tokenizer
// has asked nameToken.
func isNameToken(t token) bool { return t.name }

// nameToken is isNameToken, worked out.
func nameToken(t token) bool {
	if t.kind != tokWord {
		return false
	}
	if !t.upper {
		// "ez-Zor", "al-Numan": a lower-case article joined to a name;
		// but "al-Sham" closes a group's name ("Ahrar al-Sham"), and alone
		// it would be read as Damascus.
		// The article before the first hyphen has two or three letters,
		// so two byte tests turn away nearly every lower-case word where
		// strings.Cut would scan each: the tokenizer asks this of them all.
		w := t.lower
		k := 2
		if len(w) <= k || w[k] != '-' {
			k = 3
			if len(w) <= k || w[k] != '-' || w[2] == '-' || w[1] == '-' {
				return false
			}
		}
		return k+1 < len(w) && isArabicArticle(w[:k]) && lexWords[t.wid].role != "stop"
	}
	w := strings.TrimSuffix(strings.TrimSuffix(t.lower, "'s"), "'")
	// What the tables say of w: the token knows it for its own word, and
	// most capitalised words are in none.
	info := &lexWords[t.wid]
	if len(w) != len(t.lower) {
		info = &lexWords[wordID(w)]
	}
	if info.single&placeLex.bit != 0 {
		if role := info.role; role == "stop" || role == "prep" {
			return false
		}
	}
	// Title-case headlines capitalise every word: a casualty, victim or
	// cause word ends a name ("Syria Stronghold Kill 22").
	if info.single&(triggers.bit|victimLex.bit|causeLex.bit|thingLex.bit) != 0 {
		return false
	}
	if strings.IndexByte(w, '-') < 0 {
		// None of the suffixes below.
		return true
	}
	for _, suffix := range []string{"-led", "-backed", "-based", "-born", "-run", "-held", "-controlled"} {
		if strings.HasSuffix(w, suffix) {
			return false
		}
	}
	return true
}

// plainName is, by word number, nameToken of a capitalised token of that
// word with neither a hyphen nor an apostrophe in it: what the tables say
// of the word alone decides. It is made once every word is numbered (see
// lexicon.go's init).
var plainName []bool

// plainNameOf is plainName of a word.
func plainNameOf(info *wordInfo) bool {
	if info.single&placeLex.bit != 0 && (info.role == "stop" || info.role == "prep") {
		return false
	}
	return info.single&(triggers.bit|victimLex.bit|causeLex.bit|thingLex.bit) == 0
}

// isArabicArticle reports the Arabic articles that may stand in lower case
// inside a place name: a switch the compiler turns into a few comparisons
// of length and bytes rather than a hash.
func isArabicArticle(w string) bool {
	switch w {
	case "al", "el", "ez", "az", "ad", "as", "ar", "an", "ash", "at", "ez-zor", "al-":
		return true
	}
	return false
}

// findPlaces returns the place mentions of a sentence: capitalised names
// after a locative preposition or a head noun ("in Raqqa", "the city of
// Raqqa", "Syria's Raqqa"), lists continuing them ("Aleppo, Deir ez-Zor and
// East Ghouta"), and anaphors ("the city").
func findPlaces(toks []token) []placeMention {
	return appendPlaces(nil, toks)
}

// appendPlaces is findPlaces appending to out.
func appendPlaces(out []placeMention, toks []token) []placeMention {
	for i := 0; i < len(toks); i++ {
		// Most tokens start nothing below: skip them in a loop of a few
		// loads each rather than asking each what follows.
		if i = nextPlaceCue(toks, i); i >= len(toks) {
			break
		}
		var e *entry
		var n int
		if placeLex.mayStart(&toks[i]) {
			e, n = placeLex.match(toks, i)
		}
		// The phrase's role, asked below again and again; "" for none.
		role := ""
		if e != nil {
			role = e.field(0)
		}
		if role == "anaphor" && i+n < len(toks) && toks[i+n].lower == "of" {
			// "the city of Raqqa" names the city: read it as a head noun.
			continue
		}
		if role == "status" || role == "agent" {
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
		if role == "anaphor" {
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
		case role == "prep" || role == "head":
			start = i + n
		case isNameToken(toks[i]) && isPossessive(toks[i]) && i+1 < len(toks) && isNameToken(toks[i+1]):
			// "Syria's Raqqa": the possessor is a place when the possessed is.
			start = i
		case (i == 0 || !isNameToken(toks[i-1])) && tailAfterName(toks, i):
			// "Rockets targeted Aleppo city": the noun after the name says
			// it is a place, without a preposition before it.
			start, bare = i, true
		default:
			continue
		}
		if !mayListPlaces(toks, start) {
			// Most prepositions are followed by no name.
			continue
		}
		// The list is read onto out: one slice grown, not one a list.
		base := len(out)
		end, grown := readPlaceList(toks, start, i, role == "prep", out)
		if len(grown) == base {
			continue
		}
		out = grown
		list := out[base:]
		if bare {
			// The noun alone does not make an unknown name a place
			// ("Tishreen Palace area"): only the gazetteer does, in the
			// article's country.
			for k := range list {
				list[k].marked, list[k].bare = false, true
			}
		}
		if role == "head" && len(list) > 0 {
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
		i = end - 1
	}
	return out
}

// nextPlaceCue is the first index from i on where findPlaces may find
// something, or len(toks): a name token, a word starting a phrase of the
// places table, or one or two tokens before a capital word (see
// capitalPhrase). Any other token matches no case of findPlaces: it is no
// name, so neither a possessor nor the start of a name before a tail noun.
func nextPlaceCue(toks []token, i int) int {
	flags := placeWordFlags
	for j := i; j < len(toks); j++ {
		t := &toks[j]
		if t.name || int(t.wid) >= len(flags) {
			// A name, or a word while the tables load: findPlaces asks.
			return j
		}
		switch f := flags[t.wid]; {
		case f&placeCapital != 0:
			return max(i, j-2)
		case f != 0:
			return j
		}
	}
	return len(toks)
}

// placeWordFlags is, by word number, whether the word starts a phrase of
// the places table (placeStart) and whether it is a capital word
// (placeCapital): what nextPlaceCue reads of lexWords, one byte a word. It
// is made once every word is numbered (see lexicon.go's init).
var placeWordFlags []uint8

const (
	placeStart = 1 << iota
	placeCapital
)

// capitalPhrase reads "Syrian capital", "Syria's capital" or, as headlines
// write it, "Syria capital" at toks[i]: the country whose capital it names
// and the number of tokens, or 0.
func capitalPhrase(toks []token, i int) (string, int) {
	if i+1 >= len(toks) || !capitalWord(toks[i+1]) && (i+2 >= len(toks) || !capitalWord(toks[i+2])) {
		return "", 0
	}
	cc, n := "", 0
	if e, k := demonyms.match(toks, i); e != nil {
		cc, n = e.field(0), k
	} else if e, ok := countryPossessor(toks[i].lower); ok && toks[i].upper {
		cc, n = e.Country, 1
	} else if isPossessive(toks[i]) {
		w := strings.TrimSuffix(strings.TrimSuffix(toks[i].lower, "'s"), "'")
		if w == toks[i].lower {
			w = strings.TrimSuffix(w, "s") // "Syrias": the apostrophe lost
		}
		if e, ok := countryPossessor(w); ok {
			cc, n = e.Country, 1
		}
	}
	if n == 0 {
		return "", 0
	}
	if i+n >= len(toks) || !capitalWord(toks[i+n]) {
		return "", 0
	}
	return cc, n + 1
}

func capitalWord(t token) bool { return lexWords[t.wid].capital }

// tailAfterName reports whether a run of name tokens from toks[i] ends in
// a tail noun ("Aleppo city", "Idlib province").
func tailAfterName(toks []token, i int) bool {
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

// mayListPlaces is false when readPlaceList would read no place from
// toks[j:]: after an optional "the", it reads head nouns, each starting with
// a word of the places table, and then needs a name token.
func mayListPlaces(toks []token, j int) bool {
	if j < len(toks) && toks[j].lower == "the" {
		j++
	}
	if j >= len(toks) {
		return false
	}
	t := &toks[j]
	return t.name || int(t.wid) >= len(placeWordFlags) || placeWordFlags[t.wid]&placeStart != 0
}

// readPlaceList reads one or more coordinated place names from toks[j:]
// ("the suburbs of Damascus in East Ghouta", "Aleppo, Deir ez-Zor and ...")
// and appends them to out. cue is the index of the preposition or head
// that introduced them; prep, whether the places table reads a preposition
// there.
func readPlaceList(toks []token, j, cue int, prep bool, out []placeMention) (int, []placeMention) {
	base := len(out)
	fullStart := toks[cue].start
	if prep {
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
		for k < len(toks) && (isNameToken(toks[k]) || k > nameStart && isArabicArticle(toks[k].lower) && k+1 < len(toks) && isNameToken(toks[k+1])) {
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
		case fullStart >= 0 && len(out) == base:
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
		if len(out) > base && out[len(out)-1].possessor {
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

// isPossessive reports whether a name is in the possessive: "Syria's",
// and, since scraped copy often loses the apostrophe, "Syrias" when
// "Syria" is a country. The tokenizer has asked possessive of the name
// tokens.
func isPossessive(t token) bool {
	if t.name {
		return t.poss
	}
	return possessive(t)
}

// possessive is isPossessive, worked out.
func possessive(t token) bool {
	switch {
	case strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "s'"):
		return true
	case len(t.lower) > 3 && strings.HasSuffix(t.lower, "s"):
		_, ok := countryPossessor(t.lower[:len(t.lower)-1])
		return ok
	}
	return false
}

// countryPossessor reports whether a lower-case word names a country. The
// answers are remembered: the same few words ("syria", "iraq") come up in
// every article, and the gazetteer's resolution is costly by comparison.
func countryPossessor(word string) (place.Entry, bool) {
	countryWords.RLock()
	r, found := countryWords.m[word]
	countryWords.RUnlock()
	if found {
		return r.entry, r.ok
	}
	e, ok := place.Resolve(word, place.Context{})
	ok = ok && e.Level == place.LevelCountry
	countryWords.Lock()
	if len(countryWords.m) < maxCountryWords {
		countryWords.m[word] = countryAnswer{e, ok}
	}
	countryWords.Unlock()
	return e, ok
}

type countryAnswer struct {
	entry place.Entry
	ok    bool
}

// maxCountryWords bounds the memory of countryPossessor against texts full
// of distinct capitalised words ending in s.
const maxCountryWords = 10000

// countryWords is countryPossessor's memory: a map under a lock, which
// asks for no allocation the way a sync.Map's key does.
var countryWords = struct {
	sync.RWMutex
	m map[string]countryAnswer
}{m: map[string]countryAnswer{}}

func trimPossessive(t token) int {
	if strings.HasSuffix(t.lower, "'s") {
		return t.end - 2
	}
	if isPossessive(t) && !strings.HasSuffix(t.lower, "'") {
		return t.end - 1
	}
	if strings.HasSuffix(t.lower, "'") {
		return t.end - 1
	}
	return t.end
}
