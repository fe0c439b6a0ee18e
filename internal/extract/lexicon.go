package extract

import (
	"embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed rules/*.tsv
var ruleFiles embed.FS

// entry is one row of a rule table: a phrase (lower-case words) and the
// values of the row's other columns.
type entry struct {
	words  []string
	fields []string
}

// field returns the n-th value column, or "" when the row has fewer.
func (e *entry) field(n int) string {
	if n < len(e.fields) {
		return e.fields[n]
	}
	return ""
}

// lexicon finds the phrases of one rule table in a token stream, longest
// match first.
type lexicon struct {
	name    string
	byFirst map[string][]*entry
	bit     uint16 // this table's bit in firstWords
}

// firstWords maps a lower-case word to the set of tables (one bit each)
// that have a phrase starting with it. The tokenizer looks each word up
// once, so that the many table probes of the rules cost a bit test, not a
// map lookup, for the words no table knows.
var firstWords = map[string]uint16{}

// loadLexicon reads rules/NAME.tsv: one phrase a line, tab-separated value
// columns after it, '#' starting a comment line. The tables are compiled
// into the binary, so a malformed one is a programming error found by the
// tests, and it panics at start-up rather than extracting wrongly.
func loadLexicon(name string) *lexicon {
	data, err := ruleFiles.ReadFile("rules/" + name + ".tsv")
	if err != nil {
		panic(fmt.Sprintf("extract: rule table %s: %v", name, err))
	}
	lx := &lexicon{name: name, byFirst: map[string][]*entry{}}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		words := strings.Fields(strings.ToLower(cols[0]))
		if len(words) == 0 {
			panic(fmt.Sprintf("extract: rule table %s line %d: empty phrase", name, n+1))
		}
		e := &entry{words: words, fields: cols[1:]}
		lx.byFirst[words[0]] = append(lx.byFirst[words[0]], e)
	}
	for _, es := range lx.byFirst {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].words) > len(es[j].words) })
	}
	lx.bit = 1 << len(lexicons)
	if lx.bit == 0 {
		panic("extract: more rule tables than firstWords has bits")
	}
	lexicons = append(lexicons, lx)
	for w := range lx.byFirst {
		firstWords[w] |= lx.bit
	}
	return lx
}

var lexicons []*lexicon

// match returns the longest phrase starting at toks[i] and the number of
// tokens it covers, or nil. Phrases match word tokens only, so punctuation
// ends them.
func (lx *lexicon) match(toks []token, i int) (*entry, int) {
	if i >= len(toks) || toks[i].kind != tokWord || toks[i].tables&lx.bit == 0 {
		return nil, 0
	}
	for _, e := range lx.byFirst[toks[i].lower] {
		if i+len(e.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(e.words); k++ {
			t := toks[i+k]
			if t.kind != tokWord || t.lower != e.words[k] {
				ok = false
				break
			}
		}
		if ok {
			return e, len(e.words)
		}
	}
	return nil, 0
}

// has reports whether the single word w is a one-word phrase of the table.
func (lx *lexicon) has(w string) bool {
	if firstWords[w]&lx.bit == 0 {
		return false
	}
	for _, e := range lx.byFirst[w] {
		if len(e.words) == 1 {
			return true
		}
	}
	return false
}

// The rule tables. Each is documented at the top of its file.
var (
	triggers  = loadLexicon("casualty")
	victimLex = loadLexicon("victims")
	thingLex  = loadLexicon("things")
	gapLex    = loadLexicon("gap")
	causeLex  = loadLexicon("causes")
	modalLex  = loadLexicon("hypothetical")
	subLex    = loadLexicon("subcount")
	serviceLx = loadLexicon("services")
	statusLex = loadLexicon("status")
	placeLex  = loadLexicon("places")
	demonyms  = loadLexicon("demonyms")
)
