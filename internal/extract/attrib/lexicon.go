package attrib

import (
	"embed"
	"encoding/binary"
	"slices"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/extract/wordset"
)

// The lexicons are data, not code, so that a linguist can extend them
// without reading Go: see the comment block at the top of each file.
//
//go:embed aliases.tsv actors.tsv words.txt
var dataFS embed.FS

// dataFiles are the embedded lexicon files, in the order they load.
var dataFiles = []string{"aliases.tsv", "actors.tsv", "words.txt"}

// maxAliasLen bounds alias matching; it keeps matching linear in the text.
const maxAliasLen = 12

// The lexicon comes ready-made from lexicon_gen.go, which go generate
// writes from the data files and the word lists: a process then starts
// without parsing them. When they have changed since (the checksum over
// all of them, taken at start, tells), it is loaded from the data files
// instead (lexicon_load.go), which is slower but as right.
//
//go:generate go test -run ^TestLexiconGenerated$ -update
var lex *lexicon

func init() {
	if genLexicon.sum == lexiconSum() {
		lex = genLexicon.build()
	} else {
		lex = loadLexicon().build()
	}
}

// lexicon is what the rules know: source aliases, actor aliases and word
// lists, as tables indexed by word id.
type lexicon struct {
	src     trie[srcEntry]
	anaphor map[string]claim.SourceType // whole-phrase anaphors ("the group") → type hint
	act     trie[actEntry]
	vocab   []string // words of descriptions and of words.txt, allowed inside a speaker phrase (sorted)
	errs    []string // malformed data lines, reported by the tests

	keys  []string     // word key by id
	infos []wordInfo   // what the rules know of each word, by id
	words *wordset.Set // the keys, numbered id+1
}

// wordInfo is what the rules know of one token key: the word lists it is
// on and its cue kind, looked up once per token instead of once per list,
// and its id, an index into the tries' root tables.
type wordInfo struct {
	cls wordClass
	cue cueKind
	id  int32
}

// wordClass is a set of word lists, one bit each.
type wordClass uint32

const (
	cDeterminer wordClass = 1 << iota
	cDefinite
	cPossPronoun
	cPronoun
	cPrep
	cContPrep
	cClauseOpener
	cAdvSkip
	cBeForm
	cCompoundTail
	cStopCap
	cDemonymAdj
	cPlaceNoun
	cCompass
	cMonth
	cPeriod
	cTimeWord
	cDocNoun
	cCapCue
	cNounLike
	cWeakCue
	cInvertible
	cSideFiller
	cNotSideTail
	cVocab
	cTollCue
	cTollNoun
)

// wordList is one of the rules' word lists and its class.
type wordList struct {
	words []string
	c     wordClass
}

// wordLists are the word lists of the rules.
func wordLists() []wordList {
	return []wordList{
		{determiners, cDeterminer}, {definite, cDefinite}, {possPronouns, cPossPronoun},
		{pronouns, cPronoun}, {preps, cPrep}, {contPreps, cContPrep}, {clauseOpeners, cClauseOpener},
		{advSkip, cAdvSkip}, {beForms, cBeForm}, {compoundTails, cCompoundTail}, {stopCaps, cStopCap},
		{demonymAdj, cDemonymAdj}, {placeNouns, cPlaceNoun}, {compass, cCompass}, {months, cMonth},
		{periods, cPeriod}, {timeWords, cTimeWord}, {docNouns, cDocNoun}, {capCues, cCapCue},
		{nounLike, cNounLike}, {weakCues, cWeakCue}, {invertible, cInvertible},
		{sideFillers, cSideFiller}, {notSideTails, cNotSideTail},
		{tollCues, cTollCue}, {tollNouns, cTollNoun},
	}
}

// lexiconSum is a checksum over everything the lexicon is made of: the
// data files and the word tables of the code; the maps, whose order
// varies, add up a hash per entry.
func lexiconSum() uint64 {
	h := uint64(len(dataFiles))
	for _, name := range dataFiles {
		data, _ := dataFS.ReadFile(name)
		h = sum64(h, data)
	}
	buf := make([]byte, 0, 8<<10)
	for _, l := range wordLists() {
		for _, w := range l.words {
			buf = append(append(buf, w...), 0)
		}
		buf = append(buf, byte(l.c), byte(l.c>>8), byte(l.c>>16), byte(l.c>>24), 0)
	}
	h = sum64(h, buf)
	var m uint64
	for k, v := range cues {
		m += fnv64("cue", k, string(rune('0'+v)))
	}
	for k, v := range demonyms {
		m += fnv64("demonym", k, v)
	}
	for k, v := range notVocab {
		if v {
			m += fnv64("notvocab", k, "")
		}
	}
	for k, v := range validTypes {
		m += fnv64("type", k, string(v))
	}
	for k, v := range titleAbbrevs {
		if v {
			m += fnv64("abbrev", k, "")
		}
	}
	return h ^ m
}

// sum64 mixes p into h, eight bytes at a time: a checksum that tells
// edits apart, fast enough to run at every start.
func sum64(h uint64, p []byte) uint64 {
	mix := func(h, w uint64) uint64 {
		h = (h ^ w) * 0x9E3779B97F4A7C15
		return h ^ h>>29
	}
	for len(p) >= 8 {
		h = mix(h, binary.LittleEndian.Uint64(p))
		p = p[8:]
	}
	var tail [8]byte
	copy(tail[:], p)
	return mix(mix(h, binary.LittleEndian.Uint64(tail[:])), uint64(len(p)))
}

// fnv64 is FNV-1a over the strings, each followed by a 0.
func fnv64(parts ...string) uint64 {
	h := uint64(14695981039346656037)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h = (h ^ uint64(p[i])) * 1099511628211
		}
		h *= 1099511628211
	}
	return h
}

// frozenLexicon is a lexicon as lists, as lexicon_gen.go writes it; build
// makes the look-up tables.
type frozenLexicon struct {
	sum     uint64 // lexiconSum of what it was made of
	keys    []string
	infos   []wordInfo // id is filled in by build
	src     frozenTrie[srcEntry]
	act     frozenTrie[actEntry]
	anaphor []anaphorEntry
	vocab   []string
	errs    []string
}

type anaphorEntry struct {
	phrase string
	typ    claim.SourceType
}

type frozenTrie[E any] struct {
	nodes   []trieNode
	edges   []edge
	entries []E
}

// edge is a trie edge: from node, by word (id) in which case, to node.
type edge struct {
	key   uint64 // edgeKey
	child int32
}

// build makes the look-up tables of f.
func (f *frozenLexicon) build() *lexicon {
	l := &lexicon{
		anaphor: make(map[string]claim.SourceType, len(f.anaphor)),
		vocab:   f.vocab,
		errs:    f.errs,
		keys:    f.keys,
		infos:   slices.Clone(f.infos),
	}
	for _, a := range f.anaphor {
		l.anaphor[a.phrase] = a.typ
	}
	for id := range f.keys {
		l.infos[id].id = int32(id)
	}
	l.words = wordset.New(f.keys)
	l.src.build(&f.src, len(f.keys))
	l.act.build(&f.act, len(f.keys))
	return l
}

// word returns what the lexicons know of key k, or nil.
func (l *lexicon) word(k string) *wordInfo {
	if n := l.words.ID(k); n != 0 {
		return &l.infos[n-1]
	}
	return nil
}

func (t *tok) is(c wordClass) bool    { return t.w != nil && t.w.cls&c != 0 }
func (t *tok) altIs(c wordClass) bool { return t.wa != nil && t.wa.cls&c != 0 }

func (t *tok) cue() cueKind {
	if t.w == nil {
		return cueNone
	}
	return t.w.cue
}

// is reports whether token i is a word on one of the lists c.
func (p *parser) is(i int, c wordClass) bool { return i >= 0 && i < len(p.t) && p.t[i].is(c) }

// A trie maps sequences of token keys to entries. Nodes are numbered, 0
// being the root; the edges of all nodes but the root are one open
// addressing table over (node, word id, case), and the root's, which every
// token of a text is looked up in, are tables indexed by word id. Keys of
// all-capital alias tokens from case-sensitive rows (written with a "^"
// prefix by aliasKeys) are edges of their own, which only all-capital
// words follow.
type trie[E any] struct {
	root     rootEdges
	endLen   []uint8 // by word id: the most keys of an entry whose last key it is; 0: none
	nodes    []trieNode
	edgeKeys []uint64 // open addressing over edgeKey; 0: free
	edgeVals []int32
	entries  []E
}

// rootEdges are the edges of a trie's root.
type rootEdges struct {
	next, nextU []int32 // child by word id, plain and case-sensitive; 0: none
}

// mayStart reports whether token tk leads anywhere from the root. It is
// the trie's mayStart, outside the generic type so that the loops trying
// a trie at every token inline it (Go does not inline a generic type's
// method into them) and call longest only for the few words it lets by.
func (r *rootEdges) mayStart(tk *tok) bool {
	if tk.p != 0 {
		return false
	}
	if w := tk.w; w != nil && (r.next[w.id] != 0 || tk.upper && tk.key != "" && r.nextU[w.id] != 0) {
		return true
	}
	return tk.wa != nil && r.next[tk.wa.id] != 0
}

type trieNode struct {
	e     int32 // index+1 of the node's entry; 0: none
	inner bool  // the node has children
}

// edgeKey packs an edge's origin, word and case; only the root's edges
// have key 0 in their top bits.
func edgeKey(n, word int32, upper bool) uint64 {
	k := uint64(uint32(n))<<33 | uint64(uint32(word))<<1
	if upper {
		k |= 1
	}
	return k
}

func edgeSlot(k uint64, mask uint64) uint64 { return (k * 0x9E3779B97F4A7C15 >> 32) & mask }

// build makes t's tables from f.
func (t *trie[E]) build(f *frozenTrie[E], words int) {
	t.nodes, t.entries = f.nodes, f.entries
	t.root.next, t.root.nextU = make([]int32, words), make([]int32, words)
	size := 1
	for size < 2*len(f.edges) {
		size *= 2
	}
	t.edgeKeys, t.edgeVals = make([]uint64, size), make([]int32, size)
	mask := uint64(size - 1)
	t.endLen = make([]uint8, words)
	depth := nodeDepths(f)
	for _, e := range f.edges {
		if f.nodes[e.child].e != 0 {
			w := uint32(e.key) >> 1
			t.endLen[w] = max(t.endLen[w], depth[e.child])
		}
		if e.key>>33 == 0 {
			if w := int32(uint32(e.key) >> 1); e.key&1 != 0 {
				t.root.nextU[w] = e.child
			} else {
				t.root.next[w] = e.child
			}
			continue
		}
		for i := edgeSlot(e.key, mask); ; i = (i + 1) & mask {
			if t.edgeKeys[i] == 0 {
				t.edgeKeys[i], t.edgeVals[i] = e.key, e.child
				break
			}
		}
	}
}

// nodeDepths is, by node, how many keys lead to it from the root. A
// node's depth is its parent's plus one, and edges come in no order: the
// passes go on until no depth changes, as many as the trie is deep.
func nodeDepths[E any](f *frozenTrie[E]) []uint8 {
	depth := make([]uint8, len(f.nodes))
	known := make([]bool, len(f.nodes))
	if len(known) > 0 {
		known[0] = true
	}
	for changed := true; changed; {
		changed = false
		for _, e := range f.edges {
			if n := e.key >> 33; known[n] && !known[e.child] {
				depth[e.child], known[e.child] = depth[n]+1, true
				changed = true
			}
		}
	}
	return depth
}

// child returns the child of node n by word id w, or 0.
func (t *trie[E]) child(n, w int32, upper bool) int32 {
	if n == 0 {
		if upper {
			return t.root.nextU[w]
		}
		return t.root.next[w]
	}
	k := edgeKey(n, w, upper)
	mask := uint64(len(t.edgeKeys) - 1)
	for i := edgeSlot(k, mask); ; i = (i + 1) & mask {
		switch t.edgeKeys[i] {
		case k:
			return t.edgeVals[i]
		case 0:
			return 0
		}
	}
}

// children appends the children of node n that token tk can lead to: by
// the case-sensitive key, the plain key and the alternative key ("Syria's"
// may continue as "syria" or "syrian").
func (t *trie[E]) children(n int32, tk *tok, out []int32) []int32 {
	if tk.p != 0 || tk.w == nil && tk.wa == nil {
		return out // every key of the trie is a known word
	}
	if tk.upper && tk.key != "" && tk.w != nil {
		if c := t.child(n, tk.w.id, true); c != 0 {
			out = append(out, c)
		}
	}
	// The plain key, then the alternative one, written out: a loop over
	// the two would build an array of them for every token.
	if tk.w != nil {
		if c := t.child(n, tk.w.id, false); c != 0 && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if tk.wa != nil {
		if c := t.child(n, tk.wa.id, false); c != 0 && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// endLen is the most tokens an entry ending with token tk can have: the
// longest walk that reaches a node with an entry by one of tk's keys; 0
// when none does.
func (t *trie[E]) endLenOf(tk *tok) int {
	if tk.p != 0 {
		return 0
	}
	n := uint8(0)
	if tk.w != nil {
		n = t.endLen[tk.w.id]
	}
	if tk.wa != nil {
		n = max(n, t.endLen[tk.wa.id])
	}
	return int(n)
}

// mayStart reports whether token tk leads anywhere from the root: whether
// children(0, tk, nil) would be non-empty.
func (t *trie[E]) mayStart(tk *tok) bool { return t.root.mayStart(tk) }

// longest returns the longest entry matching toks from i, and its end.
// A token with several keys branches ("Syria's" may continue as "syria" or
// "syrian"): then longestSearch finds it. Most walks have no branch, and
// follow one path without a stack.
func (t *trie[E]) longest(toks []tok, i int) (*E, int) {
	if i >= len(toks) || !t.mayStart(&toks[i]) {
		// Most words start no entry: they need no search.
		return nil, i
	}
	var best *E
	end := i
	n := int32(0)
	for j := i; j < len(toks) && j-i < maxAliasLen; j++ {
		var buf [3]int32
		cs := t.children(n, &toks[j], buf[:0])
		if len(cs) != 1 {
			if len(cs) > 1 {
				return t.longestSearch(toks, i)
			}
			break
		}
		nd := t.nodes[cs[0]]
		if nd.e != 0 {
			best, end = &t.entries[nd.e-1], j+1
		}
		if !nd.inner {
			break
		}
		n = cs[0]
	}
	return best, end
}

// longestSearch is longest for a walk that may branch. It keeps a small
// explicit stack and a visit budget so that it stays linear whatever the
// input.
func (t *trie[E]) longestSearch(toks []tok, i int) (*E, int) {
	if i >= len(toks) || !t.mayStart(&toks[i]) {
		return nil, i
	}
	type frame struct {
		n, j int32
	}
	var stack [16]frame
	sp := 0
	stack[sp] = frame{0, int32(i)}
	sp++
	var best *E
	end := i
	for budget := 64; sp > 0 && budget > 0; budget-- {
		sp--
		f := stack[sp]
		j := int(f.j)
		if j >= len(toks) || j-i >= maxAliasLen {
			continue
		}
		var buf [3]int32
		for _, c := range t.children(f.n, &toks[j], buf[:0]) {
			nd := t.nodes[c]
			if nd.e != 0 && j+1 > end {
				best, end = &t.entries[nd.e-1], j+1
			}
			if nd.inner && sp < len(stack) {
				stack[sp] = frame{c, int32(j + 1)}
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

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
