package extract

import (
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/tallyhq/tally/internal/extract/attrib"
	"github.com/tallyhq/tally/internal/extract/wordset"
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
	bit     uint16 // this table's bit in lexWords' tables
	// byWord is byFirst indexed by word number (see wordIDs): the
	// phrases starting with each word, for the tokens that carry the
	// number. Words numbered after this table was loaded start none of
	// its phrases and lie beyond its end.
	byWord [][]*entry
}

// wordInfo is what the rule tables say of one lower-case word.
type wordInfo struct {
	tables uint16 // the tables with a phrase starting with this word (one bit each)
	single uint16 // the tables with this word as a phrase of its own
	role   string // its first role as a phrase of its own in the places table
	// capital: one of its roles as a phrase of its own in the places
	// table is "capital".
	capital bool
	cue     bool // a cue of the attribution rules (attrib.MayAttribute)
}

// wordIDs numbers every word that starts a phrase of some table; lexWords
// holds what the tables say of each, by number. Number 0 is every other
// word, which no table knows. The tokenizer looks each word up once, so
// that the many table probes of the rules cost an index, not a map
// lookup.
var (
	wordIDs  = map[string]uint32{}
	lexWords = []wordInfo{{}}
)

// wordID is the number of a lower-case word, 0 when no table knows it.
func wordID(w string) uint32 {
	if words == nil {
		// While the tables load.
		return wordIDs[w]
	}
	return words.ID(w)
}

// words is wordID's table, built once every word is numbered. Words are
// looked up once per token; most are in no table.
var words *wordset.Set

// numberWord numbers a word that starts no phrase of a table but that a
// rule asks about (a cue of the attribution rules), once the tables are
// loaded: past every table's byWord, so that its empty tables keep the
// lookups from going there.
func numberWord(w string) uint32 {
	id, ok := wordIDs[w]
	if !ok {
		id = uint32(len(lexWords))
		wordIDs[w] = id
		lexWords = append(lexWords, wordInfo{})
	}
	return id
}

func init() {
	for _, w := range attrib.CueWords() {
		lexWords[numberWord(w)].cue = true
	}
	keys := make([]string, len(lexWords)-1) // lexWords[0] is no word
	for w, id := range wordIDs {
		keys[id-1] = w
	}
	words = wordset.New(keys)
	for b := range punctIDs {
		punctIDs[b] = wordID(string([]byte{byte(b)}))
	}
	plainName = make([]bool, len(lexWords))
	for id := range lexWords {
		plainName[id] = plainNameOf(&lexWords[id])
	}
	placeWordFlags = make([]uint8, len(lexWords))
	for id, w := range lexWords {
		if w.tables&placeLex.bit != 0 {
			placeWordFlags[id] |= placeStart
		}
		if w.capital {
			placeWordFlags[id] |= placeCapital
		}
	}
	wordFlags = make([]uint32, len(lexWords))
	for id, w := range lexWords {
		wordFlags[id] = uint32(w.tables)
		if w.cue {
			wordFlags[id] |= cueFlag
		}
	}
}

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
		panic("extract: more rule tables than a word's tables has bits")
	}
	lexicons = append(lexicons, lx)
	for w, es := range lx.byFirst {
		id, ok := wordIDs[w]
		if !ok {
			id = uint32(len(lexWords))
			wordIDs[w] = id
			lexWords = append(lexWords, wordInfo{})
		}
		lexWords[id].tables |= lx.bit
		first := true
		for _, e := range es {
			if len(e.words) != 1 {
				continue
			}
			lexWords[id].single |= lx.bit
			if name == "places" {
				if first {
					lexWords[id].role = e.field(0)
				}
				lexWords[id].capital = lexWords[id].capital || e.field(0) == "capital"
			}
			first = false
		}
	}
	lx.byWord = make([][]*entry, len(lexWords))
	for w, es := range lx.byFirst {
		lx.byWord[wordIDs[w]] = es
	}
	return lx
}

var lexicons []*lexicon

// match returns the longest phrase starting at toks[i] and the number of
// tokens it covers, or nil. Phrases match word tokens only, so punctuation
// ends them.
func (lx *lexicon) match(toks []token, i int) (*entry, int) {
	if i >= len(toks) || toks[i].kind != tokWord || lexWords[toks[i].wid].tables&lx.bit == 0 {
		return nil, 0
	}
	for _, e := range lx.byWord[toks[i].wid] {
		if i+len(e.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(e.words); k++ {
			t := &toks[i+k]
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

// mayStart reports whether a token's word starts some phrase of the table:
// a test small enough to be inlined, for the loops that try a table at
// every token before calling match.
func (lx *lexicon) mayStart(t *token) bool { return lexWords[t.wid].tables&lx.bit != 0 }

// nextStart returns the first index from i on whose token's word starts
// some phrase of the table, or len(toks): the loops that try a table at
// every token skip the others here, with the table's bit and lexWords
// held in registers rather than loaded again for each token.
func (lx *lexicon) nextStart(toks []token, i int) int {
	words, bit := lexWords, lx.bit
	for ; i < len(toks); i++ {
		if int(toks[i].wid) < len(words) && words[toks[i].wid].tables&bit != 0 {
			return i
		}
	}
	return i
}

// hasTok reports whether a token's lower-case form is a one-word phrase
// of the table.
func (lx *lexicon) hasTok(t *token) bool {
	return lexWords[t.wid].single&lx.bit != 0
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
