package attrib

import (
	"embed"
	"fmt"
	"strings"

	"github.com/tallyhq/tally/internal/claim"
)

// The lexicons are data, not code, so that a linguist can extend them
// without reading Go: see the comment block at the top of each file.
//
//go:embed aliases.tsv actors.tsv words.txt
var dataFS embed.FS

// maxAliasLen bounds alias matching; it keeps matching linear in the text.
const maxAliasLen = 12

// node is a trie over token keys. Keys of all-capital alias tokens from
// case-sensitive rows are stored with a "^" prefix.
type node[E any] struct {
	next map[string]*node[E]
	e    *E
}

type trie[E any] struct{ root node[E] }

// insert adds keys → e, or returns the existing entry so that rows for
// the same alias can be merged.
func (t *trie[E]) insert(keys []string, e func(old *E) *E) {
	n := &t.root
	for _, k := range keys {
		if n.next == nil {
			n.next = make(map[string]*node[E])
		}
		c := n.next[k]
		if c == nil {
			c = &node[E]{}
			n.next[k] = c
		}
		n = c
	}
	n.e = e(n.e)
}

// children appends the trie children t can lead to: the case-sensitive key,
// the plain key and the alternative key ("Syria's" may continue as "syria"
// or "syrian").
func (n *node[E]) children(t *tok, out []*node[E]) []*node[E] {
	if n.next == nil || t.p != 0 {
		return out
	}
	for _, k := range [3]string{t.ukey, t.key, t.alt} {
		if k == "" {
			continue
		}
		if c := n.next[k]; c != nil {
			dup := false
			for _, o := range out {
				dup = dup || o == c
			}
			if !dup {
				out = append(out, c)
			}
		}
	}
	return out
}

// longest returns the longest entry matching toks from i, and its end.
// A token with several keys branches ("Syria's" may continue as "syria" or
// "syrian"); the search keeps a small explicit stack and a visit budget so
// that it stays linear whatever the input.
func (t *trie[E]) longest(toks []tok, i int) (*E, int) {
	type frame struct {
		n *node[E]
		j int
	}
	var stack [16]frame
	sp := 0
	stack[sp] = frame{&t.root, i}
	sp++
	var best *E
	end := i
	for budget := 64; sp > 0 && budget > 0; budget-- {
		sp--
		f := stack[sp]
		if f.j >= len(toks) || f.j-i >= maxAliasLen {
			continue
		}
		var buf [3]*node[E]
		for _, c := range f.n.children(&toks[f.j], buf[:0]) {
			if c.e != nil && f.j+1 > end {
				best, end = c.e, f.j+1
			}
			if c.next != nil && sp < len(stack) {
				stack[sp] = frame{c, f.j + 1}
				sp++
			}
		}
	}
	return best, end
}

// srcEntry is one canonical source an alias stands for.
type srcEntry struct {
	canon   string // canonical name; "*" means the phrase as written
	typ     claim.SourceType
	generic bool // loses to any specific name in the same phrase
	reject  bool // not a source at all (a place, a time)
	alone   bool // counts only as the whole phrase ("Damascus said")
	n       int  // alias length in tokens
}

// actEntry is what an actor alias can do in a phrase.
type actEntry struct {
	name    string // canonical actor when the alias names one ("ISIS")
	side    string // canonical actor when the alias modifies a means ("Russian" jets)
	sideAir string // ... when the means is aerial, if different ("Russian Air Force")
	means   byte   // 'a' aerial, 'g' ground, 'x' either; 0 if not a means word
	follow  bool   // may follow a name as its head ("ISIS militants")
	block   bool   // a longer phrase that is not an actor ("National Coalition")
}

type lexicon struct {
	src     trie[srcEntry]
	anaphor map[string]claim.SourceType // whole-phrase anaphors ("the group") → type hint
	act     trie[actEntry]
	vocab   map[string]bool // words of descriptions and of words.txt, allowed inside a speaker phrase
	errs    []string        // malformed data lines, reported by the tests
}

var lex = loadLexicon()

// function words that alias rows contain but that must not, alone, let a
// speaker phrase grow ("of", "for").
var notVocab = map[string]bool{
	"of": true, "for": true, "the": true, "and": true, "in": true, "at": true, "on": true,
	"to": true, "a": true, "an": true, "by": true, "from": true, "with": true, "al": true,
	"el": true, "is": true, "it": true, "who": true,
}

var validTypes = map[string]claim.SourceType{
	"government": claim.Government, "military": claim.Military, "monitor": claim.Monitor,
	"un": claim.UN, "ngo": claim.NGO, "media": claim.Media, "local": claim.Local,
	"unknown": claim.Unknown,
}

// aliasKeys tokenizes an alias the way text is tokenized. With caseSens,
// all-capital tokens must match all-capital words ("IS", not "is").
func aliasKeys(alias string, caseSens bool) []string {
	toks := tokenize(alias, nil)
	keys := make([]string, 0, len(toks))
	for i, t := range toks {
		if !t.word() {
			continue // "U.S.-led" and "US led" are the same alias
		}
		if i == 0 && t.key == "the" {
			continue
		}
		k := t.key
		if t.poss {
			if d := demonyms[k]; d != "" {
				k = d
			}
		}
		if caseSens && t.upper {
			k = "^" + k
		}
		keys = append(keys, k)
	}
	return keys
}

func loadLexicon() *lexicon {
	l := &lexicon{anaphor: map[string]claim.SourceType{}, vocab: map[string]bool{}}
	l.loadSources()
	l.loadActors()
	l.loadWords()
	return l
}

// dataLines yields the non-comment lines of an embedded file with their
// line numbers.
func dataLines(name string, f func(n int, cols []string)) []string {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return []string{err.Error()}
	}
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		f(n+1, cols)
	}
	return nil
}

func (l *lexicon) loadSources() {
	l.errs = append(l.errs, dataLines("aliases.tsv", func(n int, c []string) {
		bad := func(why string) { l.errs = append(l.errs, fmt.Sprintf("aliases.tsv:%d: %s", n, why)) }
		if len(c) < 3 || c[0] == "" || c[1] == "" {
			bad("want alias<TAB>canonical<TAB>type[<TAB>flags]")
			return
		}
		flags := map[string]bool{}
		if len(c) > 3 {
			for _, f := range strings.Fields(strings.ReplaceAll(c[3], ",", " ")) {
				switch f {
				case "generic", "anaphor", "case", "alone":
					flags[f] = true
				default:
					bad("unknown flag " + f)
				}
			}
		}
		var typ claim.SourceType
		reject := c[2] == "-"
		if !reject {
			t, ok := validTypes[c[2]]
			if !ok {
				bad("unknown type " + c[2])
				return
			}
			typ = t
		}
		keys := aliasKeys(c[0], flags["case"])
		if len(keys) == 0 || len(keys) > maxAliasLen {
			bad("alias has no words or too many")
			return
		}
		// Words of descriptions ("military source", "the group") may grow a
		// speaker phrase word by word; names are matched whole, so their
		// words ("Save the Children") must not.
		for _, k := range keys {
			k = strings.TrimPrefix(k, "^")
			if (flags["generic"] || flags["anaphor"]) && !reject && !notVocab[k] && !isDigits(k) {
				l.vocab[k] = true
			}
		}
		if flags["anaphor"] {
			l.anaphor[strings.Join(keys, " ")] = typ
			return
		}
		e := srcEntry{canon: c[1], typ: typ, generic: flags["generic"], reject: reject, alone: flags["alone"], n: len(keys)}
		l.src.insert(keys, func(old *srcEntry) *srcEntry {
			if old != nil {
				bad("duplicate alias " + c[0])
			}
			return &e
		})
	})...)
}

func (l *lexicon) loadActors() {
	l.errs = append(l.errs, dataLines("actors.tsv", func(n int, c []string) {
		bad := func(why string) { l.errs = append(l.errs, fmt.Sprintf("actors.tsv:%d: %s", n, why)) }
		if len(c) < 3 || c[0] == "" {
			bad("want alias<TAB>canonical<TAB>role[<TAB>aerial canonical]")
			return
		}
		caseSens := len(c) > 4 && c[4] == "case"
		keys := aliasKeys(c[0], caseSens)
		if len(keys) == 0 || len(keys) > maxAliasLen {
			bad("alias has no words or too many")
			return
		}
		l.act.insert(keys, func(old *actEntry) *actEntry {
			e := actEntry{}
			if old != nil {
				e = *old
			}
			switch c[2] {
			case "name":
				if c[1] == "" || c[1] == "-" {
					bad("name row needs a canonical name")
				}
				e.name = c[1]
			case "side":
				e.side = c[1]
				if len(c) > 3 && c[3] != "" {
					e.sideAir = c[3]
				}
			case "means":
				switch c[1] {
				case "air":
					e.means = 'a'
				case "ground":
					e.means = 'g'
				case "any":
					e.means = 'x'
				default:
					bad("means class must be air, ground or any")
				}
			case "follow":
				e.follow = true
			case "block":
				e.block = true
			default:
				bad("unknown role " + c[2])
			}
			return &e
		})
	})...)
}

func (l *lexicon) loadWords() {
	l.errs = append(l.errs, dataLines("words.txt", func(n int, c []string) {
		for _, k := range aliasKeys(c[0], false) {
			l.vocab[k] = true
		}
	})...)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
