package attrib

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/tallyhq/tally/internal/claim"
)

// loader reads the data files and the word lists into a frozenLexicon:
// what go generate writes to lexicon_gen.go, and what a process uses when
// the data changed since.
type loader struct {
	f       frozenLexicon
	words   map[string]int32
	edges   [2]map[uint64]int32 // of f.src and f.act
	anaphor map[string]claim.SourceType
	vocab   map[string]bool
	toks    []tok    // scratch
	keys    []string // scratch
}

func loadLexicon() *frozenLexicon {
	ld := &loader{
		words:   make(map[string]int32, 4096),
		edges:   [2]map[uint64]int32{make(map[uint64]int32, 2048), make(map[uint64]int32, 1024)},
		anaphor: map[string]claim.SourceType{},
		vocab:   map[string]bool{},
	}
	ld.f.src.nodes = []trieNode{{}}
	ld.f.act.nodes = []trieNode{{}}
	ld.loadSources()
	ld.loadActors()
	ld.loadWords()
	ld.finish()
	return &ld.f
}

// wordID returns the id of word k, giving it one if it has none.
func (ld *loader) wordID(k string) int32 {
	id, ok := ld.words[k]
	if !ok {
		id = int32(len(ld.f.keys))
		ld.words[k] = id
		ld.f.keys = append(ld.f.keys, k)
		ld.f.infos = append(ld.f.infos, wordInfo{})
	}
	return id
}

// insert adds keys → e to t, whose edges are in edges, or passes the
// existing entry to e so that rows for the same alias can be merged.
func insert[E any](ld *loader, t *frozenTrie[E], edges map[uint64]int32, keys []string, e func(old *E) *E) {
	n := int32(0)
	for _, k := range keys {
		upper := strings.HasPrefix(k, "^")
		k = strings.TrimPrefix(k, "^")
		ek := edgeKey(n, ld.wordID(k), upper)
		c, ok := edges[ek]
		if !ok {
			c = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{})
			edges[ek] = c
			t.nodes[n].inner = true
		}
		n = c
	}
	var old *E
	if i := t.nodes[n].e; i > 0 {
		old = &t.entries[i-1]
	}
	v := *e(old)
	if old != nil {
		*old = v
		return
	}
	t.entries = append(t.entries, v)
	t.nodes[n].e = int32(len(t.entries))
}

// finish adds the word lists and puts the maps in order.
func (ld *loader) finish() {
	for _, list := range wordLists() {
		for _, k := range list.words {
			ld.f.infos[ld.wordID(k)].cls |= list.c
		}
	}
	for _, k := range slices.Sorted(maps.Keys(cues)) {
		ld.f.infos[ld.wordID(k)].cue = cues[k]
	}
	ld.f.vocab = slices.Sorted(maps.Keys(ld.vocab))
	for _, k := range ld.f.vocab {
		ld.f.infos[ld.wordID(k)].cls |= cVocab
	}
	for _, k := range slices.Sorted(maps.Keys(ld.anaphor)) {
		ld.f.anaphor = append(ld.f.anaphor, anaphorEntry{k, ld.anaphor[k]})
	}
	ld.f.src.edges = sortedEdges(ld.edges[0])
	ld.f.act.edges = sortedEdges(ld.edges[1])
	ld.f.sum = lexiconSum()
}

func sortedEdges(m map[uint64]int32) []edge {
	out := make([]edge, 0, len(m))
	for k, c := range m {
		out = append(out, edge{k, c})
	}
	slices.SortFunc(out, func(a, b edge) int { return cmp.Compare(a.key, b.key) })
	return out
}

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
// all-capital tokens must match all-capital words ("IS", not "is"). The
// keys are appended to keys; toks is scratch space.
func aliasKeys(alias string, caseSens bool, keys []string, toks *[]tok) []string {
	*toks = tokenize(alias, (*toks)[:0])
	for i, t := range *toks {
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

// dataLines yields the non-comment lines of an embedded file with their
// line numbers and tab-separated columns, trimmed.
func dataLines(name string, f func(n int, cols []string)) []string {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return []string{err.Error()}
	}
	var buf [8]string
	for n, rest := 0, string(b); rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		n++
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := buf[:0]
		for {
			col, more, found := strings.Cut(line, "\t")
			cols = append(cols, strings.TrimSpace(col))
			if !found {
				break
			}
			line = more
		}
		f(n, cols)
	}
	return nil
}

func (ld *loader) loadSources() {
	ld.f.errs = append(ld.f.errs, dataLines("aliases.tsv", func(n int, c []string) {
		bad := func(why string) { ld.f.errs = append(ld.f.errs, fmt.Sprintf("aliases.tsv:%d: %s", n, why)) }
		if len(c) < 3 || c[0] == "" || c[1] == "" {
			bad("want alias<TAB>canonical<TAB>type[<TAB>flags]")
			return
		}
		var flags struct{ generic, anaphor, caseSens, alone bool }
		if len(c) > 3 {
			for _, f := range strings.FieldsFunc(c[3], func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
				switch f {
				case "generic":
					flags.generic = true
				case "anaphor":
					flags.anaphor = true
				case "case":
					flags.caseSens = true
				case "alone":
					flags.alone = true
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
		keys := aliasKeys(c[0], flags.caseSens, nil, &ld.toks)
		if len(keys) == 0 || len(keys) > maxAliasLen {
			bad("alias has no words or too many")
			return
		}
		// Words of descriptions ("military source", "the group") may grow a
		// speaker phrase word by word; names are matched whole, so their
		// words ("Save the Children") must not.
		for _, k := range keys {
			k = strings.TrimPrefix(k, "^")
			if (flags.generic || flags.anaphor) && !reject && !notVocab[k] && !isDigits(k) {
				ld.vocab[k] = true
			}
		}
		if flags.anaphor {
			ld.anaphor[strings.Join(keys, " ")] = typ
			return
		}
		e := srcEntry{canon: c[1], typ: typ, generic: flags.generic, reject: reject, alone: flags.alone, n: len(keys)}
		insert(ld, &ld.f.src, ld.edges[0], keys, func(old *srcEntry) *srcEntry {
			if old != nil {
				bad("duplicate alias " + c[0])
			}
			return &e
		})
	})...)
}

func (ld *loader) loadActors() {
	ld.f.errs = append(ld.f.errs, dataLines("actors.tsv", func(n int, c []string) {
		bad := func(why string) { ld.f.errs = append(ld.f.errs, fmt.Sprintf("actors.tsv:%d: %s", n, why)) }
		if len(c) < 3 || c[0] == "" {
			bad("want alias<TAB>canonical<TAB>role[<TAB>aerial canonical]")
			return
		}
		caseSens := len(c) > 4 && c[4] == "case"
		keys := aliasKeys(c[0], caseSens, ld.keys[:0], &ld.toks)
		ld.keys = keys
		if len(keys) == 0 || len(keys) > maxAliasLen {
			bad("alias has no words or too many")
			return
		}
		insert(ld, &ld.f.act, ld.edges[1], keys, func(old *actEntry) *actEntry {
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

func (ld *loader) loadWords() {
	ld.f.errs = append(ld.f.errs, dataLines("words.txt", func(n int, c []string) {
		ld.keys = aliasKeys(c[0], false, ld.keys[:0], &ld.toks)
		for _, k := range ld.keys {
			ld.vocab[k] = true
		}
	})...)
}
