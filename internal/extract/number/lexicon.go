package number

import (
	"strings"

	"github.com/tallyhq/tally/internal/extract/ascii8"
)

// This file holds the word tables. Everything the scanner knows about words
// is here, as data, so that adding a qualifier or a unit is a one-line
// change; the code in find.go only asks what flags a word carries.

// wclass is a word's role in a spelled-out number.
type wclass uint8

const (
	wNone    wclass = iota
	wUnit           // zero..nine
	wTeen           // ten..nineteen
	wTens           // twenty..ninety
	wHundred        // hundred
	wScale          // thousand, million, billion, trillion
	wDozen          // dozen (x12)
	wDigits         // a digit string (only as the first element)
	wA              // "a"/"an": 1, but only before hundred/scale/dozen
	wHalf           // "half" in "half a million"
	wQuarter        // "quarter" in "a quarter of a million"
)

// flag is a set of facts about a word.
type flag uint32

const (
	fNum           flag = 1 << iota // part of a spelled-out number (see class)
	fOrdinal                        // first, second ... (val is the ordinal)
	fStart                          // may start a mention
	fMonth                          // month name, counted only when capitalised
	fMeasure                        // unit after a number: the number is a Measure
	fDuration                       // a span of time (also fMeasure)
	fMoney                          // currency after a number: "dollars"
	fMoneyPre                       // currency before a number: "USD", "€"
	fCurrencyAdj                    // "Syrian" in "Syrian pounds"
	fPercent                        // "percent", "pct"
	fClock                          // "pm", "GMT": the number is a time of day
	fHHMM                           // "hours", "hrs": a four-digit HHMM before it is a time
	fAgeBefore                      // "aged 15"
	fStamp                          // "updated 1935": page furniture before a time
	fYearPrep                       // "in 2014", "since 2013"
	fCountNoun                      // "2000 people": a 19xx/20xx number before it is a count
	fCountVerb                      // "killed 2000": a 19xx/20xx number after it is a count
	fIdent                          // "Resolution 2254": a number after it is an identifier
	fIdentCap                       // the same, but only when capitalised ("Division 30")
	fIdentChain                     // "URL 0 612": every number right after it is an identifier
	fPluralScale                    // "thousands" in "tens of thousands"
	fPronounAfter                   // "one of", "one another": "one" is a pronoun
	fPronounBefore                  // "no one", "each one": "one" is a pronoun
	fPerson                         // "a boy, 9,": a person noun before an age in commas
	fQuantity                       // may start a quantity (not only a qualifier)
	fEra                            // "1750 BC": the number is a year (upper case only)
)

// qual is the qualifier a phrase puts on the number after it.
type qual uint8

const (
	qNone    qual = iota
	qAtLeast      // Low = N, High open
	qAtMost       // Low = 0, High = N
	qAbout        // Low = floor(0.9N), High = ceil(1.1N)
	qNearly       // about, but Low = floor(0.9N), High = N
	qBetween      // introduces "between X and Y"
	qFrom         // introduces "from X to Y"
)

// phrase is a multi-word qualifier or vague quantity, keyed by its first word.
type phrase struct {
	words   []string // lower case
	q       qual     // qualifier phrases
	over    bool     // the plain word "over": dropped before a span of time
	vague   bool     // vague quantity phrases
	low     int64
	high    int64 // -1: open-ended
	needOf  bool  // only a quantity when "of" or a casualty verb is next to it ("scores of", "injured scores")
	ofScale bool  // may take "of thousands"/"of millions" after it
}

// lexEntry is everything known about one lower-case word.
type lexEntry struct {
	flags   flag
	class   wclass
	val     int64
	phrases []*phrase // qualifier then vague phrases starting with this word, longest first
	// qualNext and vagueNext hold the lower-case first letters ('a' is
	// bit 0) of the second words of its qualifier and of its vague
	// phrases, allNext when a vague phrase is a word alone or a second
	// word starts with no letter: the word after it turns most phrase
	// tests away ("in" not before "excess") without reading that word. A
	// qualifier of one word adds the first letters of the words that may
	// start a quantity, and digitNext.
	qualNext, vagueNext uint32
	// tryNext is what of the two, and of aNext, try reads: when the word
	// after this one starts with none of its letters (see mayFollow) and
	// this is not "a-" ("a-dozen"), try fails, and Find skips the word
	// without trying it. Most start words of a text are "in", "a", "at",
	// "an" and "as", before words that make no mention with them.
	tryNext uint32
}

// allNext is a lexEntry's qualNext or vagueNext when the word after it
// decides nothing.
const allNext = ^uint32(0)

// digitNext is the bit of qualNext that lets a number follow (bit 26,
// after the letters'; see nextIndex).
const digitNext = 1 << 26

// aNext holds the first letters of the words that can follow "a" in a
// number ("a hundred", "a million", "a half million"), in the form of a
// lexEntry's vagueNext.
var aNext uint32

// Qualifier phrases, matched case-insensitively, longest first. See the
// package documentation for the intervals.
var qualifierPhrases = []struct {
	text string
	q    qual
}{
	{"at least", qAtLeast},
	{"more than", qAtLeast},
	{"well over", qAtLeast},
	{"just over", qAtLeast},
	{"over", qAtLeast},
	{"well above", qAtLeast},
	{"above", qAtLeast},
	{"upwards of", qAtLeast},
	{"upward of", qAtLeast},
	{"in excess of", qAtLeast},
	{"surpassed", qAtLeast},
	{"surpassing", qAtLeast},
	{"exceeded", qAtLeast},
	{"exceeding", qAtLeast},
	{"topped", qAtLeast},
	{"no fewer than", qAtLeast},
	{"not fewer than", qAtLeast},
	{"no less than", qAtLeast},
	{"not less than", qAtLeast},
	{"a minimum of", qAtLeast},
	{"greater than", qAtLeast},
	{"higher than", qAtLeast},

	{"up to", qAtMost},
	{"as many as", qAtMost},
	{"as much as", qAtMost},
	{"as high as", qAtMost},
	{"fewer than", qAtMost},
	{"less than", qAtMost},
	{"no more than", qAtMost},
	{"not more than", qAtMost},
	{"at most", qAtMost},
	{"at the most", qAtMost},
	{"a maximum of", qAtMost},
	{"maximum of", qAtMost},

	{"some", qAbout},
	{"around", qAbout},
	{"about", qAbout},
	{"approximately", qAbout},
	{"approx", qAbout},
	{"roughly", qAbout},
	{"an estimated", qAbout},
	{"estimated", qAbout},
	{"circa", qAbout},
	{"nearly", qNearly},
	{"almost", qNearly},
	{"close to", qNearly},
	{"just under", qNearly},
	{"just shy of", qNearly},

	{"between", qBetween},
	{"from", qFrom},
}

// Vague quantities; see the package documentation.
var vaguePhrases = []struct {
	text      string
	low, high int64
	needOf    bool
	ofScale   bool
}{
	{"a few", 2, 5, false, false},
	{"a couple of", 2, 3, false, false},
	{"a handful of", 2, 5, false, false},
	{"several", 3, 9, false, false},
	{"a number of", 2, -1, false, false},
	{"a small number of", 2, 9, false, false},
	{"a large number of", 10, -1, false, false},
	{"tens", 10, 99, true, true},
	{"dozens", 12, 99, false, true},
	{"scores", 20, 99, true, true},
	{"hundreds", 100, 999, false, true},
	{"thousands", 1000, 9999, false, false},
	{"millions", 1000000, -1, false, false},
	{"billions", 1000000000, -1, false, false},
}

var (
	units = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
	teens = []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen"}
	tensWords = []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	scales    = map[string]int64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
	// Plural scales after a vague word and "of": "tens of thousands".
	pluralScales = map[string]int64{"hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}

	ordinalWords = map[string]int64{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
		"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
		"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
		"nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
		"sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
		"thousandth": 1000, "millionth": 1000000,
	}

	// Months count only when capitalised, since "march" and "may" are verbs.
	months = []string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}

	durationUnits = []string{"minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
		"day", "days", "night", "nights", "week", "weeks", "month", "months", "year", "years",
		"yr", "yrs", "decade", "decades", "century", "centuries", "seconds", "secs"}
	measureUnits = []string{"km", "kms", "kilometers", "kilometres", "kilometer", "kilometre",
		"mile", "miles", "m", "meter", "meters", "metre", "metres", "cm", "mm", "feet", "foot",
		"ft", "yard", "yards", "inch", "inches", "kg", "kgs", "kilogram", "kilograms", "kilo",
		"kilos", "gram", "grams", "ton", "tons", "tonne", "tonnes", "litre", "litres", "liter",
		"liters", "gallon", "gallons", "barrels", "bpd", "hectare", "hectares", "acre",
		"acres", "dunum", "dunums", "dunam", "dunams", "donum", "donums", "degree", "degrees",
		"sq", "square", "calibre", "caliber", "mph", "kph", "kmh", "knots", "mw", "megawatts",
		"kw", "kilowatts", "km2", "sqkm"}
	moneyAfter = []string{"dollar", "dollars", "usd", "euro", "euros", "eur", "pound", "pounds",
		"lira", "liras", "lire", "ruble", "rubles", "rouble", "roubles", "riyal", "riyals",
		"rial", "rials", "dinar", "dinars", "dirham", "dirhams", "yuan", "yen", "syp", "lbp",
		"francs", "gbp"}
	moneyBefore = []string{"usd", "us$", "eur", "gbp", "syp", "lbp", "rub", "€", "£", "$"}
	// "1000 Syrian pounds": an adjective between a number and its currency.
	currencyAdjectives = []string{"syrian", "lebanese", "turkish", "egyptian", "jordanian",
		"iraqi", "iranian", "saudi", "qatari", "us", "american", "russian", "british",
		"kuwaiti", "emirati"}
	percentWords = []string{"percent", "pct", "percentage"}
	clockWords   = []string{"am", "pm", "gmt", "utc", "o'clock", "est", "edt", "cet", "cest",
		"eet", "eest", "bst"}
	hhmmWords = []string{"hours", "hrs", "hr", "local"}
	// Words before a number that make it an age.
	ageBefore = []string{"aged", "age", "ages"}
	// Page furniture: "(updated 1935 05.10.2017)".
	stampWords = []string{"updated", "posted", "modified"}
	// Words after which a 19xx/20xx number is a year even before a noun:
	// "in 2014 rebels took the town".
	yearPreps = []string{"in", "since", "until", "till", "by", "during", "before", "after",
		"early", "late", "mid", "from", "through", "throughout", "end", "beginning", "summer",
		"winter", "spring", "autumn", "year", "copyright"}
	// Nouns after which a 19xx/20xx number is a count: "2000 civilians".
	countNouns = []string{"people", "persons", "civilians", "children", "kids", "women", "men",
		"fighters", "soldiers", "militants", "rebels", "troops", "terrorists", "jihadists",
		"gunmen", "insurgents", "members", "refugees", "families", "residents", "inhabitants",
		"dead", "killed", "wounded", "injured", "casualties", "deaths", "victims", "bodies",
		"displaced", "prisoners", "detainees", "homes", "houses", "students", "babies",
		"infants", "martyrs", "workers", "personnel", "officers", "policemen", "militiamen",
		"combatants", "individuals", "migrants", "returnees", "evacuees", "patients",
		"hostages", "were", "others", "more", "airstrikes", "strikes", "raids", "shells",
		"rockets", "missiles", "bombs", "attacks", "cases", "lives", "buildings", "tents"}
	// Verbs before which a 19xx/20xx number is a count: "killed 2000".
	// Also what lets "scores" and "tens" stand without "of": "injured scores".
	countVerbs = []string{"killed", "killing", "kill", "kills", "wounded", "wounding", "wound",
		"wounds", "injured", "injuring", "injure", "injures", "displaced", "displacing", "evacuated", "rescued", "arrested", "detained",
		"executed", "massacred", "claimed", "freed", "released", "total", "toll"}
	// Nouns whose following number names something instead of counting it.
	identNouns = []string{"resolution", "resolutions", "article", "articles", "route",
		"highway", "flight", "chapter", "paragraph", "clause", "decree", "protocol", "page",
		"channel", "item", "id", "model", "version", "motorway", "hangar", "platform",
		"unscr", "views", "regiment", "battalion"}
	// Capitalised only, and kept short: headlines capitalise every word.
	identCapNouns = []string{"no", "nos", "road", "street", "division", "brigade", "squadron", "unit", "sector", "zone", "phase", "block", "gate", "building",
		"law", "hall", "room", "apartment", "checkpoint"}
	// Identifier nouns whose every following number is an identifier too:
	// "URL 0 612", "resolutions 2118 and 2254".
	identChainNouns = []string{"url", "resolutions", "articles"}
	// "a boy, 9, and his sister, 7": a number in commas after one of these is an age.
	personNouns = []string{"boy", "girl", "man", "woman", "son", "daughter", "sister", "brother",
		"child", "mother", "father", "wife", "husband", "baby", "teenager", "student", "nephew",
		"niece", "cousin", "grandmother", "grandfather"}
	// "one of the", "one another", "one by one": "one" is not a count.
	pronounAfter = []string{"of", "another", "another's", "anothers", "by", "after", "who",
		"else", "hand", "that", "which"}
	pronounBefore = []string{"no", "any", "every", "each", "the", "this", "that", "which",
		"someone", "anyone", "everyone"}
	eras = []string{"bc", "ad", "bce", "ce"}
)

// maxWord is the longest word looked up; longer words are in no table.
const maxWord = 24

var zeroEntry lexEntry

// entry returns the entry of w in lexKeys and lexVals, adding one if there
// is none. Entries come from slabs, not one allocation each.
func entry(w string) *lexEntry {
	if j, ok := lexSlot(w); ok {
		return lexVals[j]
	}
	if 4*(lexCount+1) > len(lexKeys) {
		growLexTable()
	}
	if len(lexSlab) == cap(lexSlab) {
		lexSlab = make([]lexEntry, 0, 256)
	}
	lexSlab = append(lexSlab, lexEntry{})
	e := &lexSlab[len(lexSlab)-1]
	j, _ := lexSlot(w)
	lexKeys[j], lexVals[j] = w, e
	lexCount++
	return e
}

// lexSlot returns the slot of w in lexKeys, or the free slot where it
// goes.
func lexSlot(w string) (uint32, bool) {
	if len(lexKeys) == 0 {
		return 0, false
	}
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	for j := h & lexMask; ; j = (j + 1) & lexMask {
		switch lexKeys[j] {
		case w:
			return j, true
		case "":
			return j, false
		}
	}
}

// growLexTable doubles the table (at first, makes it).
func growLexTable() {
	keys, vals := lexKeys, lexVals
	size := max(2*len(keys), 1024)
	lexKeys, lexVals, lexMask = make([]string, size), make([]*lexEntry, size), uint32(size-1)
	for i, w := range keys {
		if w != "" {
			j, _ := lexSlot(w)
			lexKeys[j], lexVals[j] = w, vals[i]
		}
	}
}

func mark(words []string, f flag) {
	for _, w := range words {
		entry(w).flags |= f
	}
}

func init() {
	num := func(w string, c wclass, v int64) {
		e := entry(w)
		e.flags |= fNum | fStart | fQuantity
		e.class, e.val = c, v
	}
	for i, w := range units {
		num(w, wUnit, int64(i))
	}
	for i, w := range teens {
		num(w, wTeen, int64(10+i))
	}
	for i, w := range tensWords {
		num(w, wTens, int64(20+10*i))
	}
	num("hundred", wHundred, 100)
	for w, v := range scales {
		num(w, wScale, v)
	}
	num("dozen", wDozen, 12)
	num("a", wA, 1)
	num("an", wA, 1)
	num("half", wHalf, 0)
	num("quarter", wQuarter, 0)
	for w, v := range ordinalWords {
		e := entry(w)
		e.flags |= fOrdinal | fStart | fQuantity
		e.val = v
	}
	for w, v := range pluralScales {
		e := entry(w)
		e.flags |= fPluralScale
		e.val = v
	}
	mark(months, fMonth)
	mark(durationUnits, fMeasure|fDuration)
	mark(measureUnits, fMeasure)
	mark(moneyAfter, fMoney)
	mark(moneyBefore, fMoneyPre)
	mark(currencyAdjectives, fCurrencyAdj)
	mark(percentWords, fPercent)
	mark(clockWords, fClock)
	mark(hhmmWords, fHHMM)
	mark(ageBefore, fAgeBefore)
	mark(stampWords, fStamp)
	mark(yearPreps, fYearPrep)
	mark(countNouns, fCountNoun)
	mark(countVerbs, fCountVerb)
	mark(identNouns, fIdent)
	mark(identCapNouns, fIdentCap)
	mark(identChainNouns, fIdent|fIdentChain)
	mark(pronounAfter, fPronounAfter)
	mark(pronounBefore, fPronounBefore)
	mark(eras, fEra)
	mark(personNouns, fPerson)

	for _, p := range qualifierPhrases {
		w := strings.Fields(p.text)
		ph := &phrase{words: w, q: p.q, over: p.text == "over"}
		e := entry(w[0])
		e.flags |= fStart
		e.phrases = append(e.phrases, ph)
	}
	for _, p := range vaguePhrases {
		w := strings.Fields(p.text)
		ph := &phrase{words: w, vague: true, low: p.low, high: p.high, needOf: p.needOf, ofScale: p.ofScale}
		e := entry(w[0])
		e.flags |= fStart | fQuantity
		e.phrases = append(e.phrases, ph)
	}
	// A qualifier of one word ("from", "some", "over") is a phrase only
	// before a quantity: a number, or a word that may start one.
	quantityFirst := uint32(digitNext)
	for j, w := range lexKeys {
		if w != "" && lexVals[j].flags&fQuantity != 0 {
			if w[0] < 'a' || w[0] > 'z' {
				quantityFirst = allNext
			} else {
				quantityFirst |= 1 << (w[0] - 'a')
			}
		}
	}
	for _, e := range lexVals {
		if e == nil {
			continue
		}
		for _, p := range e.phrases {
			m := &e.qualNext
			if p.vague {
				m = &e.vagueNext
			}
			if len(p.words) < 2 && !p.vague {
				*m |= quantityFirst
			} else if len(p.words) < 2 || p.words[1][0] < 'a' || p.words[1][0] > 'z' {
				*m = allNext
			} else {
				*m |= 1 << (p.words[1][0] - 'a')
			}
		}
	}
	// Longest first, qualifiers before vague phrases, so that "a maximum of"
	// and "a large number of" win over shorter phrases sharing a first word.
	for _, e := range lexVals {
		if e == nil {
			continue
		}
		ps := e.phrases
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && phraseLess(ps[j], ps[j-1]); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	for j, w := range lexKeys {
		if w == "" {
			continue
		}
		e := lexVals[j]
		if e.flags&fNum != 0 {
			a := wstate{cur: 1, last: wA}
			if e.class == wHalf || e.class == wQuarter || a.add(e.class, e.val) {
				if !isAlpha(w[0]) || isUpper(w[0]) || w[0] > 'z' {
					aNext = allNext
				} else if aNext != allNext {
					aNext |= 1 << (w[0] - 'a')
				}
			}
		}
		if len(w) > maxWord {
			panic("number: lexicon word longer than maxWord: " + w)
		}
		if e.flags&fStart != 0 {
			addStartShape(w)
		}
	}
	for j, e := range lexVals {
		if e != nil {
			e.tryNext = tryNextOf(e)
			if w := lexKeys[j]; e.flags&fStart != 0 && isAlpha(w[0]) && isAlpha(w[len(w)-1]) {
				startNext[shapeIndex(w[0], len(w))] |= e.tryNext
			}
		}
	}
	fillLexSlots()
}

// tryNextOf is e's tryNext: the letters of qualNext, and when the word may
// start a quantity, those of vagueNext and those after "a"; every letter
// when a number word or an ordinal reads on whatever follows.
func tryNextOf(e *lexEntry) uint32 {
	m := e.qualNext
	if e.flags&fQuantity == 0 {
		return m
	}
	m |= e.vagueNext
	switch {
	case e.flags&fOrdinal != 0:
		return allNext
	case e.flags&fNum == 0:
		return m
	case e.class == wA:
		return m | aNext
	}
	return allNext
}

// lexKeys and lexVals are the lexicon as it is built, an open-addressing
// hash table keyed by strings; init then copies it into lexSlots.
var (
	lexKeys  []string
	lexVals  []*lexEntry
	lexMask  uint32
	lexCount int
	lexSlab  []lexEntry
)

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// maxKey is the longest lexicon word: look reads a word of up to 16 bytes
// into two machine words, and a longer one is in no table.
const maxKey = ascii8.MaxKey

// lexSlots is the lexicon as look probes it, an open-addressing hash table
// (linear probing, at most a quarter full) keyed by a word's lower-case
// bytes packed into two machine words, zeros after the word: a key
// compares in two instructions, and no text word packs like a lexicon
// word unless it is that word (a word holds no zero byte). The scan looks
// words up often enough that this beats the built-in map several times.
var lexSlots [lexSlotCount]struct {
	k0, k1 uint64
	e      *lexEntry
}

const lexSlotCount = 2048

// lexFind returns the entry of the packed key k0, k1, or zeroEntry.
func lexFind(k0, k1 uint64) *lexEntry {
	for j := lexSlotOf(k0, k1); ; j = (j + 1) & (lexSlotCount - 1) {
		sl := &lexSlots[j]
		if sl.k0 == k0 && sl.k1 == k1 {
			return sl.e
		}
		if sl.e == nil {
			return &zeroEntry
		}
	}
}

func lexSlotOf(k0, k1 uint64) uint64 {
	return ascii8.Hash(k0, k1) >> (64 - 11)
}

func fillLexSlots() {
	if 4*lexCount > lexSlotCount {
		panic("number: lexSlots too small")
	}
	for i, w := range lexKeys {
		if w == "" {
			continue
		}
		if len(w) > maxKey {
			panic("number: lexicon word longer than maxKey: " + w)
		}
		k0, k1 := ascii8.Key(w, 0, len(w))
		j := lexSlotOf(k0, k1)
		for lexSlots[j].e != nil {
			j = (j + 1) & (lexSlotCount - 1)
		}
		lexSlots[j].k0, lexSlots[j].k1, lexSlots[j].e = k0, k1, lexVals[i]
	}
}

// startNext is, by the row of startLast, the letters of the tryNext of
// every start word of that shape: a word of the shape before a word
// starting with none of them is no start, and the scan passes over it
// ("in the", "a car") without returning it.
var startNext [32 * shapeLens]uint32

// startLast holds, for each first letter and length of a word that may
// start a mention, a bit set of its possible last letters (bit 0 is 'a'),
// so that Find rejects most words of a text ("the", "said", "killed")
// with one load and a shift, before any lookup. Rows are indexed by
// shapeIndex. Lengths from shapeLens-1 up share the last row, which is
// empty, as no start word is that long.
var startLast [32 * shapeLens]uint32

const shapeLens = 32

// shapeIndex is the row of startLast for a word of n bytes starting with
// the ASCII letter c: c&31 is the letter's number from 1, in either case.
func shapeIndex(c byte, n int) int {
	return (int(c&31)*shapeLens + min(n, shapeLens-1)) & (len(startLast) - 1)
}

// nextIndex is the bit of a byte in qualNext, vagueNext and tryNext: c0 of
// an ASCII letter, 26 for a digit, and 31, which only allNext sets, for any
// other byte.
var nextIndex = func() (t [256]uint8) {
	for c := range 256 {
		t[c] = 31
		switch {
		case isAlpha(byte(c)):
			t[c] = c0(byte(c))
		case isDigit(byte(c)):
			t[c] = 26
		}
	}
	return
}()

// letterIndex is c0 of an ASCII letter, and 31 (a bit no startLast row
// sets) for any other byte: a word ending in one starts nothing.
var letterIndex = func() (t [256]uint8) {
	for c := range 256 {
		t[c] = 31
		if isAlpha(byte(c)) {
			t[c] = c0(byte(c))
		}
	}
	return
}()

// addStartShape records a start word in startLast.
func addStartShape(w string) {
	n := len(w)
	if n == 0 || !isAlpha(w[0]) || !isAlpha(w[n-1]) {
		return // such a word is never a whole word of text Find looks up
	}
	if n >= shapeLens-1 {
		panic("number: start word too long for startLast: " + w)
	}
	startLast[shapeIndex(w[0], n)] |= 1 << c0(w[n-1])
}

// c0 is the number of an ASCII letter in the alphabet, from 0.
func c0(c byte) byte { return c | 0x20 - 'a' }

func phraseLess(a, b *phrase) bool {
	if a.vague != b.vague {
		return !a.vague
	}
	return len(a.words) > len(b.words)
}
