package attrib

import (
	"maps"
	"slices"
	"sync"

	"github.com/tallyhq/tally/internal/claim"
)

// Span is a stretch of the sentence: byte offsets and the text between them.
type Span struct {
	Start, End int
	Text       string
}

// Via is the medium a statement reached the article through: the agency
// in "a military source told SANA" or "a source quoted by SANA".
type Via struct {
	Span
	Source claim.Source
}

// Attribution is one statement's speaker.
type Attribution struct {
	Span                // the speaker phrase as written, determiner included ("the Russian Defense Ministry")
	Cue    string       // the cue as written: "according to", "said", "told", "reported", ...
	CueAt  int          // byte offset of the cue in the sentence
	Source claim.Source // normalised; Name "" for a carry-over (see IsCarryOver)
	Quoted bool         // the speaker is attached to a quotation ("...," the ministry stated)
	Via    *Via         // the medium, when the sentence names one
}

// IsCarryOver reports whether a names no speaker of its own but refers back
// to one named earlier: "he said", "the statement reads", "the group added",
// "its spokesman said". The caller should carry the previous sentence's
// speaker over; Source.Type may still hint at the kind of speaker when there
// is none to carry.
func IsCarryOver(a Attribution) bool { return a.Cue != "" && a.Source.Name == "" }

type cueKind uint8

const (
	cueNone      cueKind = iota
	cueSay               // said, added, ...: speaker before, or after ("said the Observatory")
	cueVerb              // reported, claimed, announced, ...: speaker before
	cueTell              // told: speaker before, listener after
	cueQuote             // quoted, cited: "X quoted Y as saying", "X quoted by Y"
	cueCiting            // citing, quoting: speaker after
	cueAccording         // according (to): speaker after
)

var cues = map[string]cueKind{
	"said": cueSay, "says": cueSay, "say": cueSay, "added": cueSay, "adds": cueSay,
	"stated": cueSay, "states": cueSay, "noted": cueSay, "notes": cueSay,
	"explained": cueSay, "wrote": cueSay, "tweeted": cueSay,
	"reported": cueVerb, "reports": cueVerb, "claimed": cueVerb, "claims": cueVerb,
	"announced": cueVerb, "announces": cueVerb, "confirmed": cueVerb, "confirms": cueVerb,
	"indicated": cueVerb, "revealed": cueVerb, "declared": cueVerb, "documented": cueVerb,
	"mentioned": cueVerb, "affirmed": cueVerb, "alleged": cueVerb, "reads": cueVerb,
	"estimated": cueVerb, "estimates": cueVerb, "recorded": cueVerb, "counted": cueVerb,
	"warned": cueVerb, "insisted": cueVerb, "asserted": cueVerb, "stressed": cueVerb,
	"put": cueVerb, "puts": cueVerb, "placed": cueVerb,
	"told": cueTell, "tells": cueTell,
	"quoted": cueQuote, "cited": cueQuote,
	"citing": cueCiting, "quoting": cueCiting,
	"according": cueAccording,
}

// nounLike are cue forms that are also plural nouns ("media reports said"):
// they are not cues when another cue follows.
var nounLike = []string{
	"reports", "claims", "states", "notes", "estimates",
}

// tollCues are verbs that are cues only before a toll: "the monitor put
// the death toll at 11", "activists placed the number of dead at 40".
var tollCues = []string{"put", "puts", "placed"}

// tollNouns name a toll after a toll cue (within tollReach tokens), and
// "at" must follow within atReach more: "put the toll in opposition areas
// at 45", not "put the death toll higher".
var tollNouns = []string{"toll", "tally", "number", "figure", "count", "total"}

const (
	tollReach = 4
	atReach   = 8
)

// capCues may be written with a capital: sentence-initial "According to",
// headline "Homs Governor Says". "Said" is left out: it is a common Arabic
// name ("Osama Said").
var capCues = []string{"according", "citing", "quoting", "says", "told", "say"}

// weakCues are verbs that often have a non-speaker subject ("Videos
// recorded", "Other reports"); their speaker must be in the lexicon.
var weakCues = []string{
	"recorded", "counted", "estimated", "estimates", "reports",
	"claims", "states", "notes", "documented", "warned",
	"insisted", "stressed", "asserted", "revealed", "indicated",
	"mentioned", "affirmed", "alleged", "declared", "reads",
}

// preps before a phrase make it the object of a preposition, not a
// subject: "in northern Syria said" names no speaker.
var preps = []string{
	"of", "in", "at", "from", "inside", "near", "to",
	"with", "for", "by", "into", "on", "across",
	"throughout", "around", "under", "over", "against",
	"between", "within", "outside", "about", "towards",
	"toward", "through", "than", "like",
}

// clauseOpeners may stand before a subject.
var clauseOpeners = []string{
	"who", "which", "what", "whom", "where", "and",
	"but", "while", "as", "that", "meanwhile", "however", "whereas", "although", "though", "when",
	"also", "so", "because", "since", "after", "yet",
}

// invertible cues can have their speaker after them: "..., said the Observatory".
var invertible = []string{"said", "says", "added", "stated", "noted", "explained", "wrote"}

// advSkip are words that may stand between a speaker and its verb ("the
// Observatory also said", "the army has officially announced").
var advSkip = []string{
	"also", "later", "earlier", "previously", "further",
	"separately", "repeatedly", "officially", "meanwhile",
	"however", "too", "then", "had", "has", "have",
	"already", "publicly", "recently", "initially", "first",
	"again", "would", "could", "may", "might", "did",
	"does", "do", "will", "subsequently", "now", "just",
	"reportedly", "allegedly", "late", "himself",
	"herself", "itself", "themselves", "last", "night",
	"yesterday", "today", "tonight", "morning", "evening",
	"afternoon", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "on",
}

var beForms = []string{"was", "were", "is", "are", "been", "be", "being"}

// contPreps may continue a speaker phrase: "a source at Aleppo police
// command", "the head of the local council", "a statement by the army".
var contPreps = []string{"of", "for", "at", "in", "from", "by"}

// compoundTails make a hyphenated modifier part of a speaker phrase:
// "Britain-based", "state-run", "US-backed".
var compoundTails = []string{
	"based", "run", "backed", "led", "linked", "affiliated",
	"funded", "controlled", "held", "allied", "aligned",
	"supported", "owned", "language", "government", "regime",
	"operated", "sponsored", "opposition",
}

// stopCaps are capitalised words that never belong to a speaker phrase:
// sentence-initial function words, times.
var stopCaps = []string{
	"the", "a", "an", "in", "on", "at", "but",
	"and", "or", "as", "after", "before", "meanwhile",
	"however", "also", "earlier", "later", "since", "while",
	"when", "if", "it", "he", "she", "they", "we",
	"this", "that", "these", "those", "there", "then",
	"today", "yesterday", "last", "for", "of", "to",
	"by", "with", "from", "according", "speaking", "i",
	"monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "january", "february", "march",
	"april", "may", "june", "july", "august", "september",
	"october", "november", "december", "so", "thus", "not",
	"no", "what", "where", "why", "how", "who", "which",
	"his", "her", "its", "their", "our", "get", "click",
	"tags", "related", "read", "more", "updated", "share",
	"says", "said", "told", "people", "many", "some",
	"several", "most", "all", "both", "each", "other",
	"another", "one", "two", "three", "dozens", "hundreds",
	"thousands",
}

// demonymAdj are adjectives that name no one on their own ("Russian").
var demonymAdj = []string{
	"syrian", "russian", "turkish", "kurdish", "american",
	"iranian", "israeli", "arab", "western", "british",
	"french", "iraqi", "lebanese", "jordanian", "german",
}

// maxWords bounds a speaker phrase.
const maxWords = 12

type parser struct {
	s         string
	t         []tok
	last      string // the text t holds the tokens of, kept for the next call
	tokenized bool
	aliasEnd  []int // per token: the end of the source alias it starts, -1, or aliasUnknown (see aliasTo)
	out       []Attribution
	ms        []ActorMention // scratch of FindActorsLowered and NormalizeActor

	// The phrases classify normalised last: speakerBefore asks about a
	// phrase and then finish builds it, and normalising is most of a
	// parse's cost.
	classified  [4]classified
	nclassified int
}

type classified struct {
	s, e int
	src  claim.Source
	st   status
}

// Find returns the attributions in a sentence: who is said to have made
// each statement, with the cue and, for "told X"/"quoted by X", the medium.
// It handles "according to X", "X said/told/reported/claimed/...", the
// inverted "..., said X", the speaker after a quotation, "citing X",
// "X quoted by Y", "Y quoted X as saying", coordinated speakers ("residents
// and activists said") and appositions ("SOHR, a Britain-based monitor,
// said"). Passives without an agent ("it was reported") give nothing.
// Phrases that refer back ("he said", "the statement reads") are returned
// as carry-overs: see IsCarryOver. Attributions come in the order of their
// cues, then of their speakers; no input makes it panic, and its work is
// linear in the sentence's length.
func Find(sentence string) []Attribution {
	return FindLowered(sentence, "")
}

// FindLowered is Find for a caller that has the sentence with its ASCII
// letters in lower case (and every other byte as it is) at hand, as a
// tokenizer that lower-cases a whole text once does: the words' keys are
// sliced from it rather than from a copy made here. A lowered that is not
// as long as sentence is ignored.
func FindLowered(sentence, lowered string) []Attribution {
	p := getParser(sentence, lowered)
	defer putParser(p)
	first := p.firstCue()
	if first < 0 {
		return nil
	}
	p.matchAliases()
	for i := first; i < len(p.t); i++ {
		if !p.t[i].mayCue() {
			continue
		}
		if k := p.cueAt(i); k != cueNone {
			p.handle(i, k)
		}
	}
	// The attributions were gathered in the parser's buffer, reused from
	// sentence to sentence: the result is one allocation of its size
	// rather than a slice grown by doubling.
	var out []Attribution
	if len(p.out) > 0 {
		out = slices.Clone(p.out)
	}
	clear(p.out)
	p.out = p.out[:0]
	slices.SortStableFunc(out, func(a, b Attribution) int {
		if a.CueAt != b.CueAt {
			return a.CueAt - b.CueAt
		}
		return a.Start - b.Start
	})
	return out
}

// parsers are pooled: Find runs over megabytes of sentences, and its
// token and index slices would otherwise dominate its cost.
var parsers = sync.Pool{New: func() any { return new(parser) }}

// getParser returns a parser holding the tokens of s; lowered is s with
// its ASCII letters in lower case, or "" (see FindLowered).
func getParser(s, lowered string) *parser {
	p := parsers.Get().(*parser)
	p.s = s
	p.nclassified = 0
	// The extractor asks Find and FindActors about the same sentence in
	// turn: its tokens are still here.
	if !p.tokenized || p.last != s {
		p.t = tokenizeLowered(s, lowered, p.t[:0])
		p.last, p.tokenized = s, true
	}
	return p
}

func putParser(p *parser) {
	if cap(p.t) > 1<<14 || len(p.last) > 1<<16 {
		// Do not pin one huge input.
		p.t, p.aliasEnd, p.ms = nil, nil, nil
		p.last, p.tokenized = "", false
	}
	if cap(p.ms) > 1<<10 {
		p.ms = nil
	}
	if cap(p.out) > 64 {
		p.out = nil
	}
	p.s = ""
	parsers.Put(p)
}

// firstCue is the index of the first cue token, or -1: the tokens before
// it need no second look.
func (p *parser) firstCue() int {
	for i := range p.t {
		if p.t[i].mayCue() && p.cueAt(i) != cueNone {
			return i
		}
	}
	return -1
}

// mayCue reports whether the token's word is a cue at all: a test that
// inlines, so that the many words that are none cost no call of cueAt.
func (t *tok) mayCue() bool { return t.w != nil && t.w.cue != cueNone }

func (p *parser) cueAt(i int) cueKind {
	t := &p.t[i]
	if !t.word() || t.hyph {
		return cueNone
	}
	k := t.cue()
	if k == cueNone || t.poss {
		return cueNone
	}
	if t.cap && !t.is(cCapCue) {
		return cueNone // "United States", "Reports say"
	}
	if k == cueAccording && (i+1 >= len(p.t) || p.t[i+1].key != "to") {
		return cueNone
	}
	if t.is(cTollCue) && !p.tollAfter(i) {
		return cueNone // "put out the fire", "places of worship"
	}
	if t.is(cNounLike) && i+1 < len(p.t) {
		if nk := p.t[i+1].cue(); nk == cueSay || nk == cueVerb || nk == cueTell {
			return cueNone
		}
	}
	if (t.key == "said" || t.key == "reported") && i > 0 && p.t[i-1].is(cDeterminer) {
		return cueNone // "the said ministry", "the reported use": adjectives
	}
	return k
}

// tollAfter reports whether a toll noun and then "at" follow the cue at i
// closely: "put the death toll at", "placed the number of dead at".
func (p *parser) tollAfter(i int) bool {
	for j := i + 1; j < len(p.t) && j <= i+tollReach; j++ {
		if !p.t[j].word() {
			return false
		}
		if !p.t[j].is(cTollNoun) {
			continue
		}
		for k := j + 1; k < len(p.t) && k <= j+atReach; k++ {
			if p.t[k].key == "at" {
				return true
			}
			if !p.t[k].word() {
				return false
			}
		}
		return false
	}
	return false
}

// matchAliases readies the source aliases to be matched on demand: a
// speaker phrase is looked for around the cues only, so most tokens of
// a sentence are never asked whether an alias starts or ends there.
func (p *parser) matchAliases() {
	n := len(p.t)
	p.aliasEnd = slices.Grow(p.aliasEnd[:0], n)[:n]
	for i := range p.aliasEnd {
		p.aliasEnd[i] = aliasUnknown
	}
}

// aliasUnknown marks a token not yet matched against the aliases.
const aliasUnknown = -2

// aliasTo is the end of the source alias starting at token i (the
// longest one, unless it is rejected), or -1.
func (p *parser) aliasTo(i int) int {
	if end := p.aliasEnd[i]; end != aliasUnknown {
		return end
	}
	end := -1
	if lex.src.root.mayStart(&p.t[i]) {
		if e, x := lex.src.longest(p.t, i); e != nil && !e.reject {
			end = x
		}
	}
	p.aliasEnd[i] = end
	return end
}

// aliasFrom is the first token of the earliest alias (as aliasTo finds
// them) that ends with token k, or -1. Only the starts as close to k as
// the longest alias ending with its word are tried (see endLenOf).
func (p *parser) aliasFrom(k int) int {
	// Most words end no alias, and those that do end short ones: only
	// the starts as far back as the longest alias ending with this word
	// need trying.
	n := lex.src.endLenOf(&p.t[k])
	for i := max(0, k-n+1); i <= k; i++ {
		if p.aliasTo(i) == k+1 {
			return i
		}
	}
	return -1
}

func (p *parser) key(i int) string {
	if i < 0 || i >= len(p.t) {
		return ""
	}
	return p.t[i].key
}

func (p *parser) span(s, e int) Span {
	if s >= e || s < 0 || e > len(p.t) {
		return Span{}
	}
	a, b := p.t[s].start, p.t[e-1].end
	return Span{Start: a, End: b, Text: p.s[a:b]}
}

// classify normalises the tokens s..e.
func (p *parser) classify(s, e int) (claim.Source, status) {
	if s >= e || s < 0 || e > len(p.t) {
		return claim.Source{}, stReject
	}
	n := min(p.nclassified, len(p.classified))
	for _, c := range p.classified[:n] {
		if c.s == s && c.e == e {
			return c.src, c.st
		}
	}
	src, st := p.normalize(s, e)
	p.classified[p.nclassified%len(p.classified)] = classified{s, e, src, st}
	p.nclassified++
	return src, st
}

// normalize is classify without the memo.
func (p *parser) normalize(s, e int) (claim.Source, status) {
	sp := p.span(s, e)
	// Offsets of the sub-slice stay relative to p.s, so pass p.s[0:end].
	src, st := normalizeToks(p.s[:p.t[e-1].end], p.t[s:e])
	src.Text = sp.Text
	return src, st
}

// placeNouns may occur in a locative phrase attached to a speaker ("activists
// in the town", "a source in Aleppo province") but never head one.
var placeNouns = []string{
	"province", "town", "city", "village", "district",
	"area", "region", "countryside", "neighbourhood",
	"neighborhood", "governorate", "quarter", "camp", "scene",
	"site", "capital", "suburbs", "outskirts", "country",
	"east", "west", "north", "south", "areas", "towns",
	"villages", "cities", "provinces", "ground",
}

// unitOK reports whether the hyphen group g..i may be part of a speaker
// phrase: a capitalised name, a speaker word, or a compound modifier.
func (p *parser) unitOK(g, i int) bool {
	t := &p.t[i]
	if !t.word() {
		return false
	}
	if t.hyph && t.is(cCompoundTail) && i > g {
		return true
	}
	if t.is(cVocab) || t.altIs(cVocab) || t.is(cPlaceNoun) {
		return !t.is(cStopCap) || t.cap
	}
	for j := g; j <= i; j++ {
		if p.t[j].cap && !p.t[j].is(cStopCap) && !isDigits(p.t[j].key) {
			return true
		}
	}
	return false
}

// plainWord reports whether token i is a lower-case word that may be an
// adjective inside a noun phrase ("the hard-line militant group").
func (p *parser) plainWord(i int) bool {
	t := &p.t[i]
	return t.word() && !t.cap && !t.is(cDeterminer) && !t.is(cPossPronoun) && !t.is(cPronoun) &&
		!t.is(cContPrep) && !t.is(cPrep) && !t.is(cBeForm) && !isDigits(t.key) &&
		t.cue() == cueNone && !t.is(cClauseOpener) && !t.is(cAdvSkip) && t.key != "not"
}

// headAt reports whether token j can be (part of) the head a preposition
// attaches a speaker phrase to.
func (p *parser) headAt(j int) bool {
	if j < 0 || j >= len(p.t) || !p.t[j].word() || p.t[j].is(cPlaceNoun) {
		return false
	}
	if p.aliasFrom(j) >= 0 || p.aliasTo(j) >= 0 {
		return true
	}
	return p.unitOK(j, j)
}

// group returns the first token of the hyphen group ending at i.
func (p *parser) group(i int) int {
	g := i
	for g > 0 && p.t[g].hyph && p.t[g-1].word() {
		g--
	}
	return g
}

// backward finds the speaker phrase ending just before token end.
func (p *parser) backward(end int) (int, bool) {
	i, s, words := end-1, end, 0
	lowerHead := false // the unit just taken is a lower-case common noun
	for steps := 0; i >= 0 && words < maxWords && steps < 3*maxWords; steps++ {
		t := &p.t[i]
		if a := p.aliasFrom(i); a >= 0 {
			s, i = a, a-1
			words++
			lowerHead = false
			continue
		}
		if t.p == pRParen && words == 0 {
			// "(SOHR) said": a bracketed acronym after the name.
			j := i - 1
			for j >= 0 && i-j < 6 && p.t[j].word() {
				j--
			}
			if j >= 0 && j < i-1 && p.t[j].p == pLParen {
				s, i = j, j-1
				continue
			}
			break
		}
		if !t.word() {
			break
		}
		if t.is(cDeterminer) || t.is(cPossPronoun) {
			if words == 0 {
				break
			}
			s = i
			// "the head of the observatory": go on past "of the".
			if i >= 2 && p.t[i-1].is(cContPrep) && !p.t[i-1].cap && p.headAt(i-2) && !p.t[i-2].is(cDeterminer) {
				s, i = i-1, i-2
				continue
			}
			break
		}
		if t.is(cPronoun) {
			if words == 0 && t.key != "who" && t.key != "which" && t.key != "one" {
				s, words = i, 1
			}
			break
		}
		if t.is(cContPrep) && !t.cap {
			// "the district of Alwaer": a place noun may take an "of".
			placeOf := t.key == "of" && i > 0 && p.is(i-1, cPlaceNoun)
			if words > 0 && (p.headAt(i-1) || placeOf) && !p.is(i-1, cDeterminer) {
				s, i = i, i-1
				continue
			}
			break
		}
		g := p.group(i)
		if p.unitOK(g, i) {
			lowerHead = !p.t[g].cap && p.aliasTo(g) < 0 && !p.t[i].is(cPlaceNoun) && !p.t[i].is(cCompass)
			s, i = g, g-1
			words++
			continue
		}
		// Up to two adjectives between a determiner and a common noun: "the
		// hard-line militant group", "a new report".
		if words > 0 && lowerHead {
			j, n := i, 0
			for j >= 0 && n < 2 && p.plainWord(j) {
				j = p.group(j) - 1
				n++
			}
			if j >= 0 && n > 0 && (p.t[j].is(cDeterminer) || p.t[j].is(cPossPronoun)) && p.t[j].word() {
				s = j
			}
		}
		break
	}
	if words == 0 {
		return 0, false
	}
	return p.trimPlace(s, end), true
}

var compass = []string{
	"northern", "southern", "eastern", "western", "central",
	"rural", "northeastern", "northwestern", "southeastern", "southwestern",
}

// trimPlace drops a leading locative that the backward walk took in
// because commas were stripped: "the region SANA said" → "SANA", "the town
// activists" → "activists", "central Damascus local media" → "local
// media", "the eastern Syrian city of Ashara Syrian Observatory..." → "Syrian
// Observatory...". The locative must hold a place noun or a known place;
// "A Madaya resident" and "Homs Governor Talal Barazi" stay whole.
func (p *parser) trimPlace(s, end int) int {
	place := false
	for i := s; i < end; {
		t := &p.t[i]
		if !t.word() {
			return s
		}
		if e, e2 := lex.src.longest(p.t[:end], i); e != nil {
			if e.reject || e.alone {
				place = true
				i = e2
				continue
			}
			if e.generic && t.cap {
				return s // a title: "Homs Governor"
			}
			if place && i > s && (!e.generic || !t.cap) {
				return i
			}
			return s
		}
		switch {
		case t.is(cPlaceNoun):
			place = true
		case t.is(cDeterminer) || t.is(cCompass) || t.key == "of" || t.key == "in":
		case t.cap && !t.is(cStopCap):
		case t.is(cVocab) || t.altIs(cVocab):
			if place && i > s {
				return i
			}
			return s
		default:
			return s
		}
		i++
	}
	return s
}

// forward finds the speaker phrase starting at token start and returns
// its end.
func (p *parser) forward(start int) (int, bool) {
	n := len(p.t)
	i := start
	if i < n && (p.t[i].is(cDeterminer) || p.t[i].is(cPossPronoun)) && p.t[i].word() {
		i++
	}
	words := 0
	for steps := 0; i < n && words < maxWords && steps < 3*maxWords; steps++ {
		if end := p.aliasTo(i); end > i {
			i = end
			words++
			continue
		}
		t := &p.t[i]
		if t.p == pLParen && words > 0 {
			j := i + 1
			for j < n && j-i < 6 && p.t[j].word() {
				j++
			}
			if j < n && j > i+1 && p.t[j].p == pRParen {
				i = j + 1
				continue
			}
			break
		}
		if !t.word() || t.is(cDeterminer) || t.is(cPronoun) || t.is(cPossPronoun) {
			break
		}
		if t.is(cContPrep) && !t.cap {
			j := i + 1
			if p.is(j, cDeterminer) {
				j++
			}
			if words > 0 && (p.headAt(j) || (j < n && p.t[j].is(cPlaceNoun))) {
				i = j
				continue
			}
			break
		}
		if t.cue() != cueNone && !t.cap {
			break
		}
		g := i
		for g+1 < n && p.t[g+1].hyph {
			g++
		}
		if p.unitOK(i, g) {
			i = g + 1
			words++
			continue
		}
		// An adjective before a speaker word: "preliminary reports",
		// "the Syrian opposing UK-based Observatory".
		if p.plainWord(i) {
			j := g + 1
			if j < n && p.plainWord(j) && !p.headAt(j) {
				for j+1 < n && p.t[j+1].hyph {
					j++
				}
				j++
			}
			if j < n && p.headAt(j) && !p.t[j].is(cPlaceNoun) && (!p.t[j].cap || p.aliasTo(j) >= 0 || (j+1 < n && p.t[j+1].hyph && p.t[j+1].is(cCompoundTail))) {
				i = j
				continue
			}
		}
		break
	}
	if words == 0 {
		return 0, false
	}
	return i, true
}

var months = []string{
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november",
	"december",
}

var periods = []string{"week", "month", "year", "weekend", "morning", "evening", "night"}

// skipBack steps back over adverbs and times between a speaker and its
// verb ("the Observatory also said", "the army on Sunday announced", "the
// U.N. in August said", "this week said").
func (p *parser) skipBack(i int) int {
	k := i
	for n := 0; n < 6 && k > 0; n++ {
		t := &p.t[k-1]
		if !t.word() {
			break
		}
		switch {
		case t.key == "on" || t.key == "in":
			if k < i && (p.is(k, cAdvSkip) || p.is(k, cMonth)) && !p.t[k-1].cap {
				k--
				continue
			}
		case t.is(cMonth) && t.cap:
			k--
			continue
		case t.is(cPeriod) && (p.key(k-2) == "this" || p.key(k-2) == "last"):
			k -= 2
			continue
		case t.is(cAdvSkip) || t.key == "there":
			k--
			continue
		}
		break
	}
	// "the ministry in a statement said"
	if k >= 3 && p.key(k-1) == "statement" && p.key(k-2) == "a" && p.key(k-3) == "in" {
		k -= 3
	}
	return k
}

func (p *parser) handle(i int, kind cueKind) {
	cueEnd := i + 1
	if kind == cueAccording {
		cueEnd = i + 2
	}
	cue := p.span(i, cueEnd)
	switch kind {
	case cueAccording, cueCiting:
		p.fromForward(cueEnd, cue)
		return
	}
	k := p.skipBack(i)
	passive := k > 0 && p.is(k-1, cBeForm) && !p.t[k-1].upper
	byNext := p.key(cueEnd) == "by"
	if passive {
		if kind == cueQuote {
			// "X was quoted (by Y) as saying"
			a, _, st := p.speakerBefore(k-1, cue)
			if st == stReject {
				return
			}
			if byNext {
				a.Via = p.viaAfter(cueEnd + 1)
			}
			p.add(a)
			return
		}
		if byNext {
			p.fromForward(cueEnd+1, cue)
		}
		return // "it was reported": no speaker
	}
	if byNext {
		if kind == cueQuote {
			// "a source quoted by SANA"
			if a, _, st := p.speakerBefore(k, cue); st != stReject {
				a.Via = p.viaAfter(cueEnd + 1)
				p.add(a)
				return
			}
		}
		// "the attack claimed by Daesh", "as reported by SANA"
		p.fromForward(cueEnd+1, cue)
		return
	}
	a, s, st := p.speakerBefore(k, cue)
	ok := st != stReject
	switch kind {
	case cueQuote:
		// "SANA quoted a military source as saying": the object speaks.
		if e, fok := p.forward(cueEnd); fok {
			if src, st := p.classify(cueEnd, e); st.ok() {
				obj := Attribution{Span: p.span(cueEnd, e), Cue: cue.Text, CueAt: cue.Start, Source: src}
				if ok && a.Source.Name != "" {
					obj.Via = &Via{Span: a.Span, Source: a.Source}
				}
				p.add(obj)
				return
			}
		}
	case cueTell:
		if ok {
			if v := p.viaAfter(cueEnd); v != nil {
				a.Via = v
			}
		}
	}
	if st == stWeak && p.t[i].is(cWeakCue) {
		ok = false
	}
	if ok && st == stWeak && kind == cueSay && p.t[i].is(cInvertible) {
		// "...of Tabaqa said observatory head Rami Abdel Rahman": a guessed
		// name before the verb loses to a known one after it.
		if p.inverted(i, cue, true) {
			return
		}
	}
	if ok {
		if p.quoteAfter(cueEnd) {
			a.Quoted = true
		}
		p.add(a)
		p.coordinated(a, s, cue)
		return
	}
	if kind == cueSay && p.t[i].is(cInvertible) {
		p.inverted(i, cue, false)
	}
}

// speakerBefore finds and classifies the speaker phrase that ends before
// token k (a comma closing an apposition may stand between). It also
// returns the phrase's first token.
func (p *parser) speakerBefore(k int, cue Span) (Attribution, int, status) {
	commaClosed := false
	if k > 1 && p.t[k-1].p == pComma && p.t[k-2].word() {
		k--
		commaClosed = true
	}
	// "Syrian state television, which said": the relative pronoun's
	// antecedent speaks.
	rel := false
	if k > 1 && (p.key(k-1) == "which" || p.key(k-1) == "who") {
		k--
		if k > 1 && p.t[k-1].p == pComma {
			k--
		}
		rel = true
	}
	s, ok := p.backward(k)
	if !ok {
		// "The monitor, which relies on a network of sources inside Syria
		// for its information, said"
		if s2, e2, ok2 := p.antecedent(k, true); ok2 {
			return p.finish(s2, e2, cue, nil)
		}
		return Attribution{}, 0, stReject
	}
	var via *Via
	// "a military source quoted by SANA said": SANA is the medium.
	if s >= 2 && p.key(s-1) == "by" && (p.key(s-2) == "quoted" || p.key(s-2) == "cited") {
		vs, vst := p.classify(s, k)
		q := s - 2
		if p.key(q-1) == "as" {
			q--
		}
		if q > 1 && p.t[q-1].p == pComma {
			q--
		}
		if s2, ok2 := p.backward(q); ok2 {
			if vst.ok() {
				via = &Via{Span: p.span(s, k), Source: vs}
			}
			s, k = s2, q
		}
	}
	s = p.apposition(s, k, commaClosed)
	// "Speaking to Syrian state TV Barazi said": the medium before a name.
	split := false
	if via == nil && s > 0 && (p.key(s-1) == "to" || p.key(s-1) == "with") {
		if m, ok := p.mediaPrefix(s, k); ok {
			vs, _ := p.classify(s, m)
			via = &Via{Span: p.span(s, m), Source: vs}
			s, split = m, true
		}
	}
	// "near Damascus British Foreign Secretary William Hague said": a place
	// after a preposition is not part of the speaker.
	if !split && s > 0 && p.is(s-1, cPrep) {
		if e, end := lex.src.longest(p.t[:k], s); e != nil && (e.reject || e.alone) {
			if end < k && p.t[end].word() {
				s = end
			}
		} else if e == nil {
			// "killed in Binnish activists said": an unknown place name.
			m := s
			for m < k && p.t[m].word() && p.t[m].cap && p.aliasTo(m) < 0 {
				m++
			}
			if m > s && m < k && !p.t[m].cap {
				if _, st := p.classify(m, k); st == stOK {
					s = m
				}
			}
		}
	}
	_, st := p.classify(s, k)
	// "The Observatory which relies on activists inside Syria said": when
	// the phrase before the verb is a guess or the object of a preposition,
	// the subject the relative clause hangs on is the speaker.
	if !rel && (st != stOK || (s > 0 && p.is(s-1, cPrep))) {
		if s2, e2, ok2 := p.antecedent(s, st == stReject || st == stWeak); ok2 {
			return p.finish(s2, e2, cue, nil)
		}
	}
	if st == stWeak && !split && !rel {
		// A guessed name or a metonym must be a subject, not the object of
		// a preposition ("in northern Syria said", "of Tabaqa said").
		if s > 0 && p.is(s-1, cPrep) {
			return Attribution{}, 0, stReject
		}
		if p.isMetonym(s, k) && !p.clauseStart(s) {
			return Attribution{}, 0, stReject
		}
	}
	return p.finish(s, k, cue, via)
}

// finish builds the attribution for the phrase s..e.
func (p *parser) finish(s, e int, cue Span, via *Via) (Attribution, int, status) {
	src, st := p.classify(s, e)
	if st == stReject {
		return Attribution{}, 0, stReject
	}
	a := Attribution{Span: p.span(s, e), Cue: cue.Text, CueAt: cue.Start, Source: src, Via: via}
	if st == stAnaphor {
		a.Source.Name = ""
	}
	a.Quoted = p.quoteBefore(s)
	return a, s, st
}

// clauseStart reports whether a subject can start at token s.
func (p *parser) clauseStart(s int) bool {
	if s == 0 || !p.t[s-1].word() {
		return true
	}
	return p.is(s-1, cClauseOpener)
}

// isMetonym reports whether s..e is a place standing for its government.
func (p *parser) isMetonym(s, e int) bool {
	for i := s; i < e; i++ {
		if !p.t[i].word() || p.t[i].is(cDeterminer) {
			continue
		}
		en, end := lex.src.longest(p.t[:e], i)
		return en != nil && en.alone && end == e
	}
	return false
}

// antecedent finds the subject of a clause interrupted by a relative
// clause or a participle before token s: "X which relies on ...", "X who
// spoke to AFP ...", "a doctor living in Akruma ...". X must start a
// clause and be a source; with loose, a description or a guessed name
// will do. The interruption may not contain a cue or sentence punctuation.
func (p *parser) antecedent(s int, loose bool) (int, int, bool) {
	for w := s - 1; w > 0 && w >= s-25; w-- {
		t := &p.t[w]
		if t.p == pEnd || isQuote(t.p) || (t.word() && t.cue() != cueNone && !t.cap) {
			return 0, 0, false
		}
		if !t.word() || t.cap {
			continue
		}
		rel := t.key == "which" || t.key == "who" || t.key == "that"
		ing := len(t.key) > 4 && t.key[len(t.key)-3:] == "ing" && !t.is(cVocab)
		if !rel && !ing {
			continue
		}
		e := w
		if e > 0 && p.t[e-1].p == pComma {
			e--
		}
		s2, ok := p.backward(e)
		if !ok {
			if rel {
				return 0, 0, false
			}
			continue
		}
		if !p.clauseStart(s2) {
			if rel {
				return 0, 0, false
			}
			continue
		}
		_, st := p.classify(s2, e)
		if st == stOK && (loose || !p.genericPhrase(s2, e)) {
			return s2, e, true
		}
		if (st == stWeak || st == stAnaphor) && loose {
			return s2, e, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// apposition extends the phrase s..e leftwards over an earlier phrase for
// the same source: "the Syrian Observatory for Human Rights, a
// Britain-based monitor", "Talal Barazi, the governor of Homs,", "Rami
// Abdel-Rahman the organisation's head".
func (p *parser) apposition(s, e int, commaClosed bool) int {
	j := s - 1
	comma := false
	if j >= 0 && p.t[j].p == pComma {
		j--
		comma = true
	}
	if j < 0 || !p.t[j].word() {
		return s
	}
	s0, ok := p.backward(j + 1)
	if !ok || s0 > j {
		return s
	}
	src1, st1 := p.classify(s, e)
	src0, st0 := p.classify(s0, j+1)
	if st0 == stOK && st1 == stReject && p.is(s, cDeterminer) && p.key(s) != "a" && p.key(s) != "an" {
		// A title that names no one on its own: "the organisation's head".
		return s0
	}
	if !st1.ok() || !st0.ok() {
		return s
	}
	if src0.Name == src1.Name && st0 == stOK {
		return s0
	}
	// "SOHR a Britain-based monitor": a description of the same kind,
	// introduced by a comma or an indefinite article.
	indefinite := p.key(s) == "a" || p.key(s) == "an"
	if p.genericPhrase(s, e) && src0.Type == src1.Type && st0 == stOK && (comma || indefinite) {
		return s0
	}
	// A person named before his title, set off by commas.
	if comma && commaClosed && st0 == stWeak && src0.Type == claim.Unknown && p.allCaps(s0, j+1) {
		return s0
	}
	return s
}

// genericPhrase reports whether the best alias of s..e is a description.
func (p *parser) genericPhrase(s, e int) bool {
	var best *srcEntry
	bestEnd := 0
	for i := s; i < e; {
		en, end := lex.src.longest(p.t[:e], i)
		if en == nil {
			i++
			continue
		}
		if !en.reject && (best == nil || better(en, end, best, bestEnd)) {
			best, bestEnd = en, end
		}
		i = end
	}
	return best != nil && best.generic
}

func (p *parser) allCaps(s, e int) bool {
	for i := s; i < e; i++ {
		if p.t[i].word() && !p.t[i].cap && !p.t[i].hyph {
			return false
		}
	}
	return true
}

// mediaPrefix splits "Syrian state TV Barazi" into a media alias and the
// capitalised name after it; it returns the name's first token.
func (p *parser) mediaPrefix(s, e int) (int, bool) {
	m := p.aliasTo(s)
	if m <= s || m >= e {
		return 0, false
	}
	if src, st := p.classify(s, m); st != stOK || src.Type != claim.Media {
		return 0, false
	}
	for i := m; i < e; i++ {
		if !p.t[i].word() || !p.t[i].cap {
			return 0, false
		}
	}
	if src, st := p.classify(m, e); !st.ok() || src.Type == claim.Media {
		return 0, false
	}
	return m, true
}

// viaAfter classifies the listener or medium starting at token j ("told
// Reuters", "quoted by SANA").
func (p *parser) viaAfter(j int) *Via {
	e, ok := p.forward(j)
	if !ok {
		return nil
	}
	src, st := p.classify(j, e)
	if !st.ok() {
		return nil
	}
	return &Via{Span: p.span(j, e), Source: src}
}

// fromForward adds the speaker that follows a cue ("according to X",
// "citing X", "claimed by X"). Documents are looked through: "according
// to a report by the UN" names the UN.
func (p *parser) fromForward(j int, cue Span) {
	// "a new toll from X", "figures compiled by X": skip to X.
	for b := j; b < len(p.t) && b < j+5 && p.t[b].word(); b++ {
		if !p.is(b, cDocNoun) {
			continue
		}
		for c := b + 1; c < len(p.t) && c < b+4 && p.t[c].word(); c++ {
			if k := p.key(c); k == "by" || k == "from" || k == "of" {
				if e2, ok2 := p.forward(c + 1); ok2 {
					if _, st := p.classify(c+1, e2); st.ok() {
						j = c + 1
					}
				}
				break
			}
		}
		break
	}
	e, ok := p.forward(j)
	if !ok {
		return
	}
	src, st := p.classify(j, e)
	if st == stReject {
		return
	}
	a := p.speakerAfter(j, e, st, src, cue)
	p.add(a)
}

var docNouns = []string{
	"report", "reports", "statement", "toll", "tally", "figures",
	"data", "count", "estimate", "estimates", "information",
	"list", "study", "survey", "records", "record", "video",
	"footage", "post", "posting", "account", "documentation",
	"tweet",
}

// appositionAfter extends a forward phrase j..e over a following phrase
// for the same source: "the Observatory, a Britain-based monitor".
func (p *parser) appositionAfter(j, e int) int {
	b := e
	if b < len(p.t) && p.t[b].p == pComma {
		b++
	}
	if b >= len(p.t) || !p.t[b].word() {
		return e
	}
	e2, ok := p.forward(b)
	if !ok {
		return e
	}
	src0, st0 := p.classify(j, e)
	src1, st1 := p.classify(b, e2)
	if !st0.ok() || !st1.ok() {
		return e
	}
	indefinite := p.key(b) == "a" || p.key(b) == "an"
	if src0.Name == src1.Name || (p.genericPhrase(b, e2) && src0.Type == src1.Type && (b > e || indefinite)) {
		return e2
	}
	if st0 == stWeak && src0.Type == claim.Unknown && p.allCaps(j, e) && (b > e || p.is(b, cDeterminer)) && src1.Type != claim.Unknown {
		return e2 // "Rami Abdel Rahman, head of the Observatory"
	}
	return e
}

// inverted handles "..., said the Observatory": the speaker after the
// verb. With strong, only a speaker found in the lexicon counts. It
// reports whether it added one.
func (p *parser) inverted(i int, cue Span, strong bool) bool {
	j := i + 1
	if j >= len(p.t) || p.is(j, cPronoun) {
		return false
	}
	e, ok := p.forward(j)
	if !ok {
		return false
	}
	// After a real inverted speaker comes the end of the clause, not a verb:
	// "said the army had..." is a reported clause.
	if e < len(p.t) && p.t[e].word() {
		k := p.key(e)
		switch {
		case p.is(e, cPrep|cDeterminer|cTimeWord):
		case len(k) > 4 && k[len(k)-3:] == "ing":
		case k == "which" || k == "who" || k == "as" || k == "while" || k == "after" || k == "and" || k == "via" || k == "told":
		default:
			return false
		}
	}
	src, st := p.classify(j, e)
	if st == stReject || (strong && st != stOK) {
		return false
	}
	a := p.speakerAfter(j, e, st, src, cue)
	a.Quoted = p.quoteBefore(i)
	p.add(a)
	return true
}

// timeWords may follow an inverted speaker: "said the Observatory late on
// Sunday".
var timeWords = []string{
	"yesterday", "today", "tonight", "earlier", "later",
	"late", "last", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday",
}

// coordinated adds the first speaker of "state media and activists said".
func (p *parser) coordinated(a Attribution, s int, cue Span) {
	if s < 2 || p.key(s-1) != "and" {
		return
	}
	s0, ok := p.backward(s - 1)
	if !ok {
		return
	}
	src, st := p.classify(s0, s-1)
	if st == stReject {
		return
	}
	b := Attribution{Span: p.span(s0, s-1), Cue: cue.Text, CueAt: cue.Start, Source: src, Quoted: a.Quoted}
	if st == stAnaphor {
		b.Source.Name = ""
	}
	p.add(b)
}

// quoteBefore reports whether a quotation closes just before token s
// (`"...," the ministry said`).
func (p *parser) quoteBefore(s int) bool {
	for j := s - 1; j >= 0 && j >= s-2; j-- {
		switch p.t[j].p {
		case pCloseQ, pAmbQ:
			return true
		case pComma:
			continue
		}
		return false
	}
	return false
}

// quoteAfter reports whether a quotation opens just after the cue
// (`X said: "...`).
func (p *parser) quoteAfter(j int) bool {
	for k := j; k < len(p.t) && k <= j+1; k++ {
		switch p.t[k].p {
		case pOpenQ, pAmbQ:
			return true
		case pColon, pComma:
			continue
		}
		return false
	}
	return false
}

// add appends a, unless the same speaker phrase is already there (a
// chain "quoted by X said" reaches it twice).
func (p *parser) add(a Attribution) {
	if a.Text == "" {
		return
	}
	// Duplicates come from neighbouring cues, so looking back a little
	// keeps this linear on pathological input.
	for j := len(p.out) - 1; j >= 0 && j >= len(p.out)-4; j-- {
		if o := p.out[j]; o.Start == a.Start && o.End == a.End {
			return
		}
	}
	p.out = append(p.out, a)
}

// MayAttribute reports whether a lower-cased word is one of the cues Find
// looks for. A caller that has already split a sentence into words can skip
// Find, and its tokenising, for sentences with no cue: most of them.
func MayAttribute(lowerWord string) bool {
	w := lex.word(lowerWord)
	return w != nil && w.cue != cueNone
}

// CueWords are the lower-cased words MayAttribute is true of, for a caller
// that marks them in its own word table.
func CueWords() []string {
	return slices.Sorted(maps.Keys(cues))
}

// speakerAfter builds the attribution of a speaker phrase at tokens [j, e)
// that follows its cue, taking in an apposition ("the Observatory, a
// Britain-based monitor") and blanking the name of a phrase that refers
// back ("the group") so that the caller carries the previous speaker over.
func (p *parser) speakerAfter(j, e int, st status, src claim.Source, cue Span) Attribution {
	e = p.appositionAfter(j, e)
	if st.ok() {
		src, _ = p.classify(j, e)
	}
	a := Attribution{Span: p.span(j, e), Cue: cue.Text, CueAt: cue.Start, Source: src}
	if st == stAnaphor {
		a.Source.Name = ""
	}
	return a
}
