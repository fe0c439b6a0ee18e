package attrib

import (
	"strings"
	"unicode/utf8"

	"github.com/tallyhq/tally/internal/claim"
)

// status is what a speaker phrase turned out to be.
type status int

const (
	stReject  status = iota // not a source: a place, a time, an ordinary noun
	stOK                    // a source found in the lexicon
	stWeak                  // a guess: an unknown capitalised name, or a place standing for its government
	stAnaphor               // refers back to an earlier speaker ("he", "the group")
)

// ok reports whether the phrase names a source, surely or by a guess.
func (s status) ok() bool { return s == stOK || s == stWeak }

// determiners open a noun phrase; "one" and "another" count ("One
// resident said").
var determiners = []string{
	"the", "a", "an", "this", "that", "these", "those",
	"one", "another",
}

// definite determiners make "the group" refer back; "a group" does not.
var definite = []string{"the", "this", "that", "these", "those"}

var possPronouns = []string{"its", "his", "her", "their", "our"}

var pronouns = []string{
	"he", "she", "it", "they", "we", "i", "you",
	"who", "which", "one", "both", "some", "others", "another",
}

// Normalize maps a source phrase as written ("the Russian Defense Ministry",
// "Syria's state news agency SANA", "a monitor", "residents", "Homs Governor
// Talal Barazi") to a canonical name and type. Source.Text is the phrase as
// given. ok is false when the phrase is not a plausible source: a pronoun, a
// place, a time, an ordinary noun. For a phrase that refers back to an
// earlier speaker ("he", "the group", "the statement", "its spokesman") ok is
// false, Name is "" and Type may hint at the kind of speaker ("the ministry"
// → government); Find reports those as carry-over attributions.
func Normalize(phrase string) (claim.Source, bool) {
	var buf [32]tok
	toks := tokenize(phrase, buf[:0])
	src, st := normalizeToks(phrase, toks)
	return src, st.ok()
}

// normalizeToks classifies the words of toks (offsets into s).
func normalizeToks(s string, toks []tok) (claim.Source, status) {
	// Words only: punctuation inside a phrase (commas of an apposition,
	// brackets of an acronym) does not change who it names. Most phrases
	// have none, and are read where they are.
	for i := range toks {
		if !toks[i].word() {
			return normalizeMixed(s, toks)
		}
	}
	return normalizeWords(s, toks, toks)
}

// normalizeMixed is normalizeToks for a phrase with punctuation: its words
// are copied out first.
func normalizeMixed(s string, toks []tok) (claim.Source, status) {
	var wbuf [32]tok
	words := wbuf[:0]
	for _, t := range toks {
		if t.word() {
			words = append(words, t)
		}
	}
	return normalizeWords(s, toks, words)
}

// normalizeWords is normalizeToks given the phrase's words.
func normalizeWords(s string, toks, words []tok) (claim.Source, status) {
	src := claim.Source{Type: claim.Unknown}
	if len(toks) > 0 {
		src.Text = s[toks[0].start:toks[len(toks)-1].end]
	} else {
		src.Text = strings.TrimSpace(s)
	}
	if len(words) == 0 {
		return src, stReject
	}
	possessed := false
	def := false
	for len(words) > 0 && (words[0].is(cDeterminer) || words[0].is(cPossPronoun)) {
		possessed = possessed || words[0].is(cPossPronoun)
		def = def || words[0].is(cDefinite)
		words = words[1:]
	}
	if len(words) == 0 {
		return src, stReject
	}
	if len(words) == 1 && words[0].is(cPronoun) {
		if words[0].key == "one" || words[0].key == "who" || words[0].key == "which" {
			return src, stReject
		}
		return src, stAnaphor
	}
	// "the group", "this organisation": the whole phrase points back.
	if def || possessed || len(words) == 1 {
		if typ, ok := anaphorOf(words); ok && (def || possessed) {
			src.Type = typ
			return src, stAnaphor
		}
	}

	var best, head *srcEntry
	bestEnd := 0
	var rbuf [32]bool
	rejected := rbuf[:0]
	for range words {
		rejected = append(rejected, false)
	}
	// Matches may overlap ("Syria's government-run TV" holds both "Syrian
	// government" and "government-run TV"), so every start is tried.
	headLen := 0
	for i := 0; i < len(words); i++ {
		e, end := lex.src.longest(words, i)
		if e == nil {
			continue
		}
		if e.reject || (e.alone && (i > 0 || end < len(words))) {
			for j := i; j < end; j++ {
				rejected[j] = true
			}
			continue
		}
		if best == nil || better(e, end, best, bestEnd) {
			best, bestEnd = e, end
		}
		if end == len(words) && end-i > headLen {
			head, headLen = e, end-i
		}
	}
	// The head noun decides what a government's outlet or a town's people
	// are: "Syria's government-run TV" is media, "Damascus residents" local.
	if head != nil && best != nil && head != best && head.generic && best.typ == claim.Government &&
		head.typ != claim.Government && head.typ != claim.Unknown {
		best = head
	}
	if best != nil {
		if possessed && best.generic {
			// "its spokesman", "their correspondent": someone of an
			// entity named earlier.
			src.Type = best.typ
			return src, stAnaphor
		}
		src.Name = best.canon
		if src.Name == "*" {
			src.Name = cleanName(s, words)
		}
		src.Type = best.typ
		if best.alone {
			return src, stWeak
		}
		return src, stOK
	}
	// "the hard-line militant group": an anaphoric head with adjectives.
	if def || possessed {
		if typ, ok := lex.anaphor[words[len(words)-1].key]; ok {
			src.Type = typ
			return src, stAnaphor
		}
	}
	// No alias: a capitalised name that is not a place, a time or an
	// adjective is taken as a person or body we do not know ("Hisham Marwah").
	for i, w := range words {
		if w.cap && !rejected[i] && !w.is(cStopCap) && !isDigits(w.key) && !w.is(cDemonymAdj) && !w.altIs(cDemonymAdj) {
			src.Name = cleanName(s, words)
			return src, stWeak
		}
	}
	return src, stReject
}

// better ranks alias matches within one phrase: a name beats a generic
// description, a typed source beats "unknown", then the longer, then the
// later one (English heads come last: "the Britain-based Syrian Observatory").
func better(e *srcEntry, end int, b *srcEntry, bEnd int) bool {
	if e.generic != b.generic {
		return !e.generic
	}
	if (e.typ == claim.Unknown) != (b.typ == claim.Unknown) {
		return e.typ != claim.Unknown
	}
	if e.n != b.n {
		return e.n > b.n
	}
	return end > bEnd
}

// anaphorOf looks the phrase of words up in lex.anaphor, its keys joined
// by spaces on the stack rather than in a new string.
func anaphorOf(words []tok) (claim.SourceType, bool) {
	if len(words) == 1 {
		typ, ok := lex.anaphor[words[0].key]
		return typ, ok
	}
	var buf [64]byte
	b := buf[:0]
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w.key...)
	}
	typ, ok := lex.anaphor[string(b)]
	return typ, ok
}

// cleanName is the phrase from its first word after any determiner, with
// white space collapsed: the name of a source we have no canonical name for.
func cleanName(s string, words []tok) string {
	if len(words) == 0 {
		return ""
	}
	return collapseSpaces(s[words[0].start:words[len(words)-1].end])
}

// collapseSpaces is strings.Join(strings.Fields(s), " "). Most names are
// written with single spaces already, and are returned as they are rather
// than split and joined again.
func collapseSpaces(s string) string {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r',
			c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}
