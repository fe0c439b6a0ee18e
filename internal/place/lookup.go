package place

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/place/layout"
	"github.com/tallyhq/tally/internal/place/namekey"
)

// Level is how precisely a place is known: the precision values of SPEC.md.
type Level = claim.Precision

// The place precisions of SPEC.md.
const (
	LevelPlace   Level = "place"   // a town, village or neighbourhood
	LevelNear    Level = "near"    // near or in the outskirts of a place
	LevelAdmin2  Level = "admin2"  // a district
	LevelAdmin1  Level = "admin1"  // a province, governorate, oblast or state
	LevelCountry Level = "country" // a country
	LevelRegion  Level = "region"  // an area that is not a division (East Ghouta, Donbas)
)

// Entry is one place of the gazetteer.
type Entry struct {
	GeonamesID int64  // 0 for UCDP and curated entries
	Name       string // canonical name ("Ar Raqqah")
	Admin1     string // first-level division name ("Ar-Raqqah"), as GeoNames admin1CodesASCII gives it
	Admin2     string // second-level division name ("Ar-Raqqah District")
	Country    string // ISO 3166-1 alpha-2
	Lat, Lon   float64
	Population int64 // 0 when unknown; for divisions and countries, the sum over their places
	// Level is the entry's kind: place, admin2, admin1, country or
	// region. An Entry returned by Resolve carries the precision of the
	// resolution instead, which may also be near.
	Level Level

	id int32 // entry index + 1; 0 for an Entry not from the gazetteer
}

// cand is a candidate entry for a name, with how it matched.
type cand struct {
	idx   int32
	flags byte // layout.Flag*: how the matched key was derived from the entry (and, for a skeleton match, its prior bucket)
	exact bool // matched through the exact key, not only the skeleton
	cc    byte // for a skeleton match, the entry index of its country (layout.NoCountry if none)
}

// candidates returns every entry whose exact key is key or whose skeleton
// is the skeleton of key: the exact matches in entry order, then the
// others in the order of their skeleton's rows (most prominent first, see
// layout.PriorKey). It allocates only the returned slice.
func candidates(key string, out []cand) []cand {
	if key == "" || len(key) > layout.MaxKeyLen {
		return out[:0]
	}
	lo, hi := findExact(key)
	return candidatesIn(key, lo, hi, out)
}

// candidatesIn is candidates for a key whose rows in the exact index,
// [lo, hi), are known.
func candidatesIn(key string, lo, hi int, out []cand) []cand {
	out = out[:0]
	if key == "" || len(key) > layout.MaxKeyLen {
		return out
	}
	ex := index(exactBin)
	for i := lo; i < hi; i++ {
		idx, fl := ex.value(i)
		out = append(out, cand{idx: idx, flags: fl, exact: true})
	}
	loose := looseRun(namekey.Loose(key)).cands
	if len(loose) == 0 {
		return out
	}
	// An entry matched exactly is not listed again through its skeleton.
	// The skeleton's rows keep their order, so that ranking can stop at
	// the first one too obscure to matter.
	n := len(out)
	if n == 0 {
		return append(out, loose...)
	}
	exact := out[:n:n]
	for _, c := range loose {
		if _, found := slices.BinarySearchFunc(exact, c.idx, func(e cand, idx int32) int { return int(e.idx - idx) }); !found {
			out = append(out, c)
		}
	}
	return out
}

// Lookup returns every entry the name may denote as written: entries whose
// normalised name equals it (case, diacritics, apostrophes, hyphens and
// Arabic articles aside: "al-Raqqa", "Ar-Raqqah", "الرقة") and, after them,
// entries that share only its transliteration skeleton ("Raqa", "Rakka").
// Within each group the most populous come first. It does not strip
// modifiers ("Idlib province"); Resolve does. Unknown names give nil.
func Lookup(name string) []Entry {
	cs := candidates(namekey.Key(name), nil)
	if len(cs) == 0 {
		return nil
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].exact != cs[b].exact {
			return cs[a].exact
		}
		if pa, pb := record(cs[a].idx).population(), record(cs[b].idx).population(); pa != pb {
			return pa > pb
		}
		return cs[a].idx < cs[b].idx
	})
	out := make([]Entry, len(cs))
	for i, c := range cs {
		out[i] = entryAt(c.idx)
	}
	return out
}

// IsKnown reports whether a phrase is a place name: its name, once
// modifiers are stripped ("Idlib Province", "Syria's Raqqa"), is in the
// gazetteer exactly, or is a transliteration variant with the same initial
// and a skeleton of four consonants or more of a notable place (a division,
// a region, or a city of 100,000 people or more) or of five or more of any
// place, if the phrase has several words ("Kafr Zeita"). So an odd spelling
// of a famous city is found ("Kharkov"), but not every capitalised word
// that shares a short skeleton with some town ("Red" and Riyadh).
//
// Many ordinary words are also names, or GeoNames alternate names, of
// small places somewhere ("Police", "March", "Reading", "Monday",
// "Taliban"); IsKnown says only that the phrase can be a place. The
// mention finder is expected to weigh it with the words around the
// phrase (a locative preposition, a head noun such as "the town of").
func IsKnown(name string) bool { return IsKnownIn(name, "") }

// IsKnownIn is IsKnown for a text about country (ISO code): there, a
// transliteration variant of a notable place of that country is known
// however short its skeleton ("Raqa" in a Syrian article).
func IsKnownIn(name, country string) bool {
	m := lookupMention(name)
	if m.q.core == "" || len(m.loose) == 0 && len(m.exact) == 0 {
		return false
	}
	if len(m.exact) > 0 {
		return true
	}
	// Only skeleton matches are left. They are judged by
	// their summaries: most capitalised words that reach here share a
	// common skeleton with hundreds of places, and reading each one's
	// record was most of the cost of saying no.
	key := m.q.key
	skel := m.q.skel
	if skel < 4 {
		// Then only a notable place of the text's country will do, and
		// the row's country byte says which are in it without their
		// summaries.
		if country == "" {
			return false
		}
		cc := upper2(country)
		ci, ok := countryIndex(cc)
		if !ok || ci >= layout.NoCountry {
			return slices.ContainsFunc(m.loose, func(c cand) bool { return rowNotable(c) && sumCountry(c.idx) == cc })
		}
		for _, c := range m.loose {
			if c.cc == byte(ci) && rowNotable(c) {
				return true
			}
		}
		return false
	}
	several := strings.Contains(key, " ")
	cc := ""
	if country != "" {
		cc = upper2(country)
	}
	for _, c := range m.loose {
		if rowNotable(c) && (sameInitialSum(key, c.idx) || country != "" && sumCountry(c.idx) == cc) {
			return true
		}
		// A long skeleton of a name of several words ("Kafr Zeita") is
		// not a coincidence.
		if several && skel >= 5 && sameInitialSum(key, c.idx) {
			return true
		}
	}
	return false
}

// MayBeIn reports whether Resolve(name, Context{Country: country}) may
// answer with a place of that country: false when no entry there has the
// name's key or skeleton. It reads the indexes in place, remembers
// nothing and, for an ASCII name, allocates nothing: most of the
// capitalised words a text is asked about are not places of its country
// ("Minister", "Observatory"), and taking each apart and gathering its
// candidates, as Resolve and IsKnownIn do, was most of the cost of saying
// no. A name with modifiers or qualifiers ("Idlib province", "Austin,
// Texas", "Syria's Raqqa") is not taken apart here: MayBeIn says yes.
func MayBeIn(name, country string) bool {
	ci, ok := countryIndex(upper2(country))
	if !ok || ci >= layout.NoCountry {
		return trimMention(name) != ""
	}
	return mayBe(name, ci)
}

// MayBeKnown reports whether Resolve may find name with any context:
// false when no entry has the name's key or skeleton. Like MayBeIn, it
// reads the indexes in place, remembers nothing and says yes to a name
// with modifiers.
func MayBeKnown(name string) bool { return mayBe(name, -1) }

// mayBe is MayBeIn for the country of entry ci, MayBeKnown for ci < 0.
func mayBe(name string, ci int32) bool {
	// A name taken apart already (by Resolve without context, which the
	// first pass over a text asks of every mention) is answered from its
	// rows as the memo holds them, without keying it again or reading the
	// gazetteer, which is out of the cache by then.
	if m, ok := mentions.get(name); ok {
		return m.mayBe(ci)
	}
	s := trimMention(name)
	if s == "" || len(s) > maxMention {
		return false // Resolve takes nothing from it
	}
	if mayHaveModifiers(s) {
		return true
	}
	var kb, lb [keyBuf]byte
	key := namekey.AppendKey(kb[:0], s)
	if len(key) == 0 || len(key) > layout.MaxKeyLen {
		return false
	}
	var ccn uint16
	var sk []byte // the skeleton, once made
	skeleton := func() []byte {
		if sk == nil {
			sk = namekey.AppendLoose(lb[:0], key)
		}
		return sk
	}
	if ci >= 0 {
		ccn = record(ci).countryNum()
		// Most names asked about are capitalised words no entry of the
		// country has: filter.bin says so for most of them, where the
		// index would be probed twice and a common skeleton's rows
		// (thousands, abroad) searched for the country.
		if !inFilter(0, key, ccn) {
			if sk := skeleton(); len(sk) == 0 || !inFilter(1, sk, ccn) {
				return false
			}
		}
		// Most likely a yes, which the caller follows with IsKnownIn or
		// Resolve of the same name: it is taken apart once, here, from the
		// key made above, and remembered for them.
		return plainMention(name, key).mayBe(ci)
	}
	ex := index(exactBin)
	lo, hi := findHashed(ex, 0, key)
	if ci < 0 && hi > lo {
		return true
	}
	for i := lo; i < hi; i++ {
		if idx, _ := ex.value(i); sumCountryNum(idx) == ccn {
			return true
		}
	}
	if sk := skeleton(); len(sk) > 0 {
		lo, hi := findHashed(index(looseBin), 1, sk)
		if ci < 0 {
			return hi > lo
		}
		return strings.IndexByte(looseCCBin[lo:hi], byte(ci)) >= 0
	}
	return false
}

// keyBuf is the size of the stack buffers keys are built in: longer names
// are rare, and their keys grow onto the heap. Every byte of a buffer is
// zeroed on each call.
const keyBuf = 128

// mayHaveModifiers reports whether parseMention might take anything off
// a trimmed name: a qualifier (", Texas", " in Hama", "Syria's"), an
// apostrophe, a leading or trailing modifier, or the name being one. One
// pass over the bytes finds the qualifier marks (a comma, an apostrophe '
// or ’, " in " in any case) and the first and last spaces the modifier
// checks need: strings.ContainsAny decodes every rune when a character
// sought is not ASCII, and most names asked about have none of these.
func mayHaveModifiers(s string) bool {
	first, last := -1, -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '\'':
			return true
		case 0xe2: // ’ is E2 80 99; no rune's encoding has E2 but as its first byte
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 {
				return true
			}
		case ' ':
			if i+3 < len(s) && s[i+1]|0x20 == 'i' && s[i+2]|0x20 == 'n' && s[i+3] == ' ' {
				return true
			}
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		// One word: a modifier only if it is one.
		_, ok := loneModifier(s)
		return ok
	}
	if last > 0 && mayBeModifierWord(s[last+1:]) {
		var buf [maxModifierWord]byte
		if _, ok := trailing[string(lowerWord(s[last+1:], &buf))]; ok {
			return true
		}
	}
	_, ok := leadingModifierAt(s, first)
	return ok
}

// notable is a place worth matching through its skeleton alone: a
// division, a region, a city of 100,000 or a place UCDP recorded many
// events at. Countries are not: their spellings are all listed.
func notable(r rec) bool {
	switch r.level() {
	case layout.LevelCountry:
		return false
	case layout.LevelPlace:
		return r.population() >= layout.BigPlace || r.events() >= 20
	}
	return true
}

// sumNotable is notable, read from entry i's summary.
func sumNotable(i int32) bool {
	switch sumLevel(i) {
	case layout.LevelCountry:
		return false
	case layout.LevelPlace:
		return sumBig(i) || sumEvents(i) >= 20
	}
	return true
}

// Country returns the country entry for an ISO 3166-1 alpha-2 code.
func Country(iso2 string) (Entry, bool) {
	if len(iso2) != 2 {
		return Entry{}, false
	}
	i, ok := countryIndex(upper2(iso2))
	if !ok {
		return Entry{}, false
	}
	return entryAt(i), true
}

// Capital returns the national capital (GeoNames PPLC) of the country with
// ISO 3166-1 alpha-2 code iso2, for "the Syrian capital" and "Iraq's
// capital"; the most populous one where GeoNames marks several.
func Capital(iso2 string) (Entry, bool) {
	i, ok := capitals()[upper2(iso2)]
	if !ok {
		return Entry{}, false
	}
	return entryAt(i), true
}

// capitals maps each country code to its capital's entry index, found on
// first use by one pass over the summaries (a quarter of the records'
// bytes), reading the records of the few capitals only, so that start-up
// stays free.
var capitals = sync.OnceValue(func() map[string]int32 {
	m := map[string]int32{}
	want := layout.Kind(layout.LevelPlace, 0, layout.FeatureCapital)
	const mask = 7 | 7<<5 // level and feature, not source
	for i := range int32(numEntries()) {
		if sumAt(i, layout.SumKind)&mask != want {
			continue
		}
		r := record(i)
		cc := r.country()
		if j, ok := m[cc]; !ok || r.population() > record(j).population() {
			m[cc] = i
		}
	}
	return m
})

// Admin1Of returns the first-level division an entry of the gazetteer lies
// in (the entry itself for a division of that level), for placing a
// document at admin1 level.
func Admin1Of(e Entry) (Entry, bool) {
	if e.id == 0 {
		return Entry{}, false
	}
	a := record(e.id - 1).admin1()
	if a < 0 {
		return Entry{}, false
	}
	return entryAt(a), true
}

func upper2(s string) string {
	if len(s) != 2 || !('a' <= s[0] && s[0] <= 'z' || 'a' <= s[1] && s[1] <= 'z') {
		return s // nothing to change, nothing to allocate
	}
	b := []byte{s[0], s[1]}
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// numCountries is the length of the country block at the start of
// entries.bin, counted on first use (a few hundred records).
var numCountries = sync.OnceValue(func() int {
	n := 0
	for n < numEntries() && record(int32(n)).level() == layout.LevelCountry {
		n++
	}
	return n
})

// countryIndex finds the country entry of a code: countries come first in
// entries.bin, sorted by code. Codes of two capital letters are looked up
// in a table made on first use; others by binary search.
func countryIndex(cc string) (int32, bool) {
	if len(cc) == 2 && 'A' <= cc[0] && cc[0] <= 'Z' && 'A' <= cc[1] && cc[1] <= 'Z' {
		if i := countryTable()[int(cc[0]-'A')*26+int(cc[1]-'A')]; i >= 0 {
			return i, true
		}
		return 0, false
	}
	return searchCountry(cc)
}

func searchCountry(cc string) (int32, bool) {
	n := numCountries()
	i := sort.Search(n, func(i int) bool { return record(int32(i)).country() >= cc })
	if i < n && record(int32(i)).country() == cc {
		return int32(i), true
	}
	return 0, false
}

// countryTable maps AA..ZZ to the country entry of the code, -1 for none.
var countryTable = sync.OnceValue(func() *[26 * 26]int32 {
	var t [26 * 26]int32
	for j := range t {
		t[j] = -1
	}
	for i := range int32(numCountries()) {
		cc := record(i).country()
		if 'A' <= cc[0] && cc[0] <= 'Z' && 'A' <= cc[1] && cc[1] <= 'Z' {
			if j := int(cc[0]-'A')*26 + int(cc[1]-'A'); t[j] < 0 {
				t[j] = i // the first of the code, as searchCountry finds
			}
		}
	}
	return &t
})

// A batch of war reports names the same places again and again, each
// asked about several times (is it a place, which one in this article),
// and many names share a transliteration skeleton ("Cairo", "Kerry",
// "al-Quria": hundreds of candidates). Much of the cost of an answer is
// the searches, so their results are remembered: a name's parse, a key's
// candidates (names such as "Idlib", "Idlib province" and "the city of
// Idlib" share one), and a skeleton's candidates. A candidate holds no
// pointer, so the memos cost the garbage collector little. Each memo is
// bounded by the candidates it holds or keeps alive; when full, it is
// emptied and refilled.
// Entries are never modified once stored.
var (
	mentions  = memo[*mention]{m: map[string]*mention{}}
	keys      = memo[*keyCands]{m: map[string]*keyCands{}}
	skeletons = memo[*run]{m: map[string]*run{}}
	quals     = memo[qualifier]{m: map[string]qualifier{}}
)

const maxMemoCands = 200_000 // 1.6 MB of candidates in each memo

type memo[V any] struct {
	mu    sync.RWMutex
	m     map[string]V
	cands int
}

func (c *memo[V]) get(k string) (V, bool) {
	if work != nil {
		work.memo++
	}
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

// getBytes is get for a key being built in a buffer: the map look-up
// converts it without allocating.
func (c *memo[V]) getBytes(k []byte) (V, bool) {
	if work != nil {
		work.memo++
	}
	c.mu.RLock()
	v, ok := c.m[string(k)]
	c.mu.RUnlock()
	return v, ok
}

func (c *memo[V]) put(k string, v V, cands int) {
	c.mu.Lock()
	if c.cands+cands > maxMemoCands {
		clear(c.m)
		c.cands = 0
	}
	c.m[k] = v
	c.cands += cands + 1
	c.mu.Unlock()
}

func (c *memo[V]) reset() {
	c.mu.Lock()
	clear(c.m)
	c.cands = 0
	c.mu.Unlock()
}

// ResetMemo forgets the names looked up so far, for benchmarks that
// measure a cold start.
func ResetMemo() {
	mentions.reset()
	keys.reset()
	skeletons.reset()
	quals.reset()
}

// mention is a name as Resolve and IsKnownIn take it apart: the parsed
// query, with its key, and the candidates of that key.
type mention struct {
	q query
	*keyCands
	room textRoom // its name and key, which q points into
	own  keyCands // its key's candidates, when it was the first of its key
}

// keyCands are the candidates of a key: the exact matches in entry order,
// and the rows of its skeleton in their order (most prominent first),
// shared with the skeleton memo rather than copied. An entry matched
// exactly is not a candidate again through its skeleton (matchedExactly).
type keyCands struct {
	exact []cand
	// The first and last entries of exact; for none, a range nothing is in.
	exactLo, exactHi int32
	exactArr         [4]cand // exact, when it fits
	loose            []cand  // run.cands
	run              *run
	skel             int // the consonant symbols of the key's skeleton
}

// noCands is the keyCands of a key that has none.
var noCands = &keyCands{run: &run{}, exactLo: 1, exactHi: 0}

// all returns the candidates as one list: the exact matches, then the
// skeleton's other rows.
func (m *mention) all() []cand {
	out := append([]cand(nil), m.exact...)
	for _, c := range m.loose {
		if !m.matchedExactly(c.idx) {
			out = append(out, c)
		}
	}
	return out
}

// lookupMention takes a name apart and finds its candidates, or recalls
// them. The result is shared: callers must not modify it.
func lookupMention(name string) *mention {
	if m, ok := mentions.get(name); ok {
		return m
	}
	// The name is usually a slice of a document's text: a copy keeps the
	// memo from holding the whole document alive, and the parse's slices
	// point into the copy too.
	m := &mention{keyCands: noCands}
	name = m.room.keepString(name)
	m.q = parseMentionIn(name, true, &m.room)
	m.q.room = nil // nothing more is kept
	return remember(name, m)
}

// plainMention is lookupMention for a name mayBe found plain (trimmed,
// not refused, without modifiers), whose key it has made: parseMention
// would key it again and find it so.
func plainMention(name string, key []byte) *mention {
	m := &mention{keyCands: noCands}
	name = m.room.keepString(name)
	s := trimMention(name)
	if work != nil {
		work.keyed += len(s)
	}
	lo, hi := findHashed(index(exactBin), 0, key)
	m.q = query{core: s, form: formPlain}
	m.q.exact = exactRun{of: s, key: m.room.keepBytes(key), lo: lo, hi: hi, searched: true}
	return remember(name, m)
}

// textRoom holds a remembered mention's copy of its name, and its key, in
// the mention itself when they fit, as most do: two allocations fewer for
// each new name.
type textRoom struct {
	buf  [mentionRoom]byte
	used int
}

const mentionRoom = 48

// keepString returns a copy of s, in the room if it fits.
func (t *textRoom) keepString(s string) string {
	if len(s) == 0 || len(s) > len(t.buf)-t.used {
		return strings.Clone(s)
	}
	n := copy(t.buf[t.used:], s)
	p := &t.buf[t.used]
	t.used += n
	return unsafe.String(p, n)
}

// keepBytes returns b as a string, in the room if it fits: keepString
// copies what it is given either way, so b is only read.
func (t *textRoom) keepBytes(b []byte) string {
	return t.keepString(unsafe.String(unsafe.SliceData(b), len(b)))
}

// remember finds the candidates of a name taken apart, m, and remembers
// it under name (a copy of the caller's).
func remember(name string, m *mention) *mention {
	if m.q.core != "" {
		m.find()
	}
	// Counted with the candidates it holds on to, as the keys memo counts
	// them, so that neither can keep more alive than its bound.
	mentions.put(name, m, len(m.exact)+len(m.loose))
	return m
}

// mayBe is mayBe(name, ci) for the name m was taken apart from.
func (m *mention) mayBe(ci int32) bool {
	switch m.q.form {
	case formRefused:
		return false
	case formModified:
		return true
	}
	if ci < 0 {
		return len(m.exact) > 0 || len(m.loose) > 0
	}
	ccn := record(ci).countryNum()
	for _, c := range m.exact {
		if sumCountryNum(c.idx) == ccn {
			return true
		}
	}
	return strings.IndexByte(m.run.cc, byte(ci)) >= 0
}

// find fills in the key of m's name and its candidates, which names of one
// key ("Idlib", "Idlib province", "the city of Idlib") share.
func (m *mention) find() {
	lo, hi, found := 0, 0, false
	if x := m.q.exact; x.of == m.q.core && x.searched {
		// Searched for already: found, with its key, or not.
		lo, hi, found = x.lo, x.hi, true
		m.q.key = x.key
		if m.q.key == "" {
			m.q.key = namekey.Key(m.q.core)
		}
	} else {
		if work != nil {
			work.keyed += len(m.q.core)
		}
		m.q.key = namekey.Key(m.q.core)
	}
	key := m.q.key
	if key == "" || len(key) > layout.MaxKeyLen {
		return
	}
	if kc, ok := keys.get(key); ok {
		m.keyCands, m.q.skel = kc, kc.skel
		return
	}
	if !found {
		lo, hi = findExact(key)
	}
	// The skeleton is made on the stack, and becomes a string only for a
	// run not remembered yet that has rows: a third of the names asked
	// about have neither exact nor skeleton rows ("Washington Post",
	// "Takfiris"), and allocating their skeleton, run and candidates, and
	// remembering them, was most of the cost of finding so.
	var sb [2 * keyBuf]byte
	var sk []byte
	if namekey.IsLatin(key) {
		sk = namekey.AppendLoose(sb[:0], key)
	}
	r := noCands.run
	if len(sk) > 0 {
		var ok bool
		if r, ok = skeletons.getBytes(sk); !ok {
			llo, lhi := findLoose(string(sk))
			r = noCands.run
			if lhi > llo {
				r = newRunOf(sk, llo, lhi)
			}
		}
	}
	if hi == lo && len(r.cands) == 0 {
		// Not remembered under its key either: another name of this key
		// is rare, and finds the same nothing by two probes.
		m.keyCands, m.q.skel = noCands, 0
		return
	}
	// Held in the mention: the keys memo keeps it alive as long as it
	// keeps the candidates, one allocation fewer a new key.
	kc := &m.own
	*kc = keyCands{exactLo: 1, exactHi: 0}
	if hi > lo {
		ex := index(exactBin)
		if hi-lo <= len(kc.exactArr) {
			kc.exact = kc.exactArr[:0]
		} else {
			kc.exact = make([]cand, 0, hi-lo)
		}
		for i := lo; i < hi; i++ {
			idx, fl := ex.value(i)
			kc.exact = append(kc.exact, cand{idx: idx, flags: fl, exact: true})
		}
		kc.exactLo, kc.exactHi = kc.exact[0].idx, kc.exact[len(kc.exact)-1].idx
	}
	kc.skel = len(sk) - bytes.Count(sk, []byte("@"))
	kc.run = r
	kc.loose = kc.run.cands
	keys.put(key, kc, len(kc.exact)+len(kc.loose))
	m.keyCands, m.q.skel = kc, kc.skel
}

// matchedExactly reports whether entry idx is one of the exact matches
// (in entry order): such a row of the skeleton is not a candidate again.
// Asked only of the rows ranking reaches, a few of a run most of the time:
// listing them for every key when its candidates were gathered went
// through every row of its skeleton, thousands for a common one.
// It inlines: most keys have no exact match, and most rows fall outside
// the exact matches' range.
func (kc *keyCands) matchedExactly(idx int32) bool {
	return kc.exactLo <= idx && idx <= kc.exactHi && hasEntry(kc.exact, idx)
}

// hasEntry reports whether candidates in entry order include entry idx.
func hasEntry(ex []cand, idx int32) bool {
	lo, hi := 0, len(ex)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ex[m].idx < idx {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(ex) && ex[lo].idx == idx
}

// run is the candidates of one skeleton, in the order of their rows, with
// the country byte of each row (a slice of loosecc.bin), so that Resolve can
// find the rows in the text's country without reading the others.
type run struct {
	cands []cand
	cc    string   // the rows' country entries, as loosecc.bin has them
	skel  [24]byte // the skeleton the memo knows it by, when it fits
}

// inCountry appends to ps the positions of the rows of r whose country
// entry is cc, in order, and returns it. The country bytes are searched
// in place, many at a time: ordering a long run's rows by country when it
// was made cost more than all the searches of it.
func (r *run) inCountry(cc byte, ps []int32) []int32 {
	for at := 0; ; {
		j := strings.IndexByte(r.cc[at:], cc)
		if j < 0 {
			return ps
		}
		ps = append(ps, int32(at+j))
		at += j + 1
	}
}

// looseRun returns the candidates whose skeleton is loose, in the order of
// their rows.
func looseRun(loose string) *run {
	if loose == "" {
		return noCands.run
	}
	if r, ok := skeletons.get(loose); ok {
		return r
	}
	lo, hi := findLoose(loose)
	return newRun(loose, lo, hi)
}

// newRunOf is newRun for a skeleton made in a buffer: copied into the run
// when it fits, one allocation fewer a new skeleton.
func newRunOf(sk []byte, lo, hi int) *run {
	r := &run{}
	loose := ""
	if n := len(sk); n > 0 && n <= len(r.skel) {
		copy(r.skel[:], sk)
		loose = unsafe.String(&r.skel[0], n)
	} else {
		loose = string(sk)
	}
	return r.fill(loose, lo, hi)
}

// newRun makes the run of skeleton loose, whose rows are [lo, hi), and
// remembers it.
func newRun(loose string, lo, hi int) *run { return new(run).fill(loose, lo, hi) }

func (r *run) fill(loose string, lo, hi int) *run {
	ccs := looseCCBin[lo:hi]
	r.cands, r.cc = make([]cand, hi-lo), ccs
	// The rows' values, read as one slice: a common skeleton has
	// thousands of rows, and index.value checked and offset each.
	rows := looseBin[4+lo*layout.IndexRowSize : 4+hi*layout.IndexRowSize]
	cs := r.cands[:len(rows)/layout.IndexRowSize]
	for k := range cs {
		b := rows[k*layout.IndexRowSize+4 : k*layout.IndexRowSize+8]
		v := uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		cs[k] = cand{idx: int32(v & layout.EntryMask), flags: byte(v >> layout.FlagShift), cc: ccs[k]}
	}
	skeletons.put(loose, r, len(r.cands))
	return r
}
