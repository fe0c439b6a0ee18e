package place

import (
	"strings"
	"unicode/utf8"

	"github.com/tallyhq/tally/internal/place/namekey"
)

// want is the kind of place a modifier asks for.
type want int8

const (
	wantAny    want = iota
	wantPlace       // "Raqqa city", "the town of Douma"
	wantAdmin       // "Idlib province", "Hama countryside", "Donetsk Oblast"
	wantAdmin2      // "Afrin district", "Bakhmut raion"
)

// query is a place mention taken apart: the name to look up and what the
// words around it say.
type query struct {
	core  string   // the name as written, modifiers removed
	key   string   // namekey.Key(core), once computed
	skel  int      // the consonant symbols of key's skeleton once computed
	want  want     // the kind of place asked for
	near  bool     // outskirts, vicinity, a direction: somewhere around the place
	quals []string // phrases that situate it: "Syria" in "Syria's Raqqa", "Texas" in "Austin, Texas"

	exact exactRun // the last phrase looked up in the exact index while taking the mention apart
	form  form     // what mayBe makes of the name before looking it up

	room *textRoom // where a kept key is copied while the mention is taken apart, nil for the heap
}

// form is what mayBe makes of a name as written, so that a name taken
// apart already is answered from its memo: refused (empty, or too long to
// be a name), with modifiers or qualifiers (a yes without looking), or
// plain (answered by its key's and skeleton's rows).
type form byte

const (
	formRefused form = iota
	formModified
	formPlain
)

// exactRun is where the key of a phrase lies in the exact index: when the
// phrase is the core, the candidates need not search for it again.
type exactRun struct {
	of, key  string // key is kept only when found: most phrases tried are not
	lo, hi   int
	searched bool
}

// maxMention bounds the length of a mention Resolve takes apart. The
// longest names in the gazetteer are under 100 bytes; a longer phrase is
// not a place name, and refusing it keeps every call cheap.
const maxMention = 300

// modifier is a word or phrase around a name and what it says.
type modifier struct {
	text string
	want want
	near bool
}

// leading modifiers, longest first where one is a prefix of another. Each
// ends in a space, so that they match whole words only.
var leading = []modifier{
	{"the outskirts of ", wantAny, true}, {"outskirts of ", wantAny, true},
	{"the suburbs of ", wantAny, true}, {"suburbs of ", wantAny, true},
	{"the vicinity of ", wantAny, true}, {"vicinity of ", wantAny, true},
	{"the countryside of ", wantAdmin, false}, {"countryside of ", wantAdmin, false},
	{"the city of ", wantPlace, false}, {"city of ", wantPlace, false},
	{"the town of ", wantPlace, false}, {"town of ", wantPlace, false},
	{"the village of ", wantPlace, false}, {"village of ", wantPlace, false},
	{"the province of ", wantAdmin, false}, {"province of ", wantAdmin, false},
	{"the governorate of ", wantAdmin, false}, {"governorate of ", wantAdmin, false},
	{"the region of ", wantAdmin, false}, {"region of ", wantAdmin, false},
	{"the state of ", wantAdmin, false}, {"state of ", wantAdmin, false},
	{"the district of ", wantAdmin2, false}, {"district of ", wantAdmin2, false},
	{"north of ", wantAny, true}, {"south of ", wantAny, true}, {"east of ", wantAny, true}, {"west of ", wantAny, true},
	{"near ", wantAny, true}, {"around ", wantAny, true}, {"outside ", wantAny, true}, {"nearby ", wantAny, true},
	{"the port city of ", wantPlace, false}, {"port city of ", wantPlace, false},
	{"the port of ", wantPlace, false}, {"port of ", wantPlace, false},
	{"the centre of ", wantPlace, false}, {"the center of ", wantPlace, false},
	{"rural ", wantAdmin, false}, {"greater ", wantAny, false}, {"downtown ", wantPlace, false},
	{"the ", wantAny, false},
	// Directions: "northern Syria", "eastern Aleppo", "south-west Idlib".
	{"north-eastern ", wantAny, true}, {"north-western ", wantAny, true}, {"south-eastern ", wantAny, true}, {"south-western ", wantAny, true},
	{"northeastern ", wantAny, true}, {"northwestern ", wantAny, true}, {"southeastern ", wantAny, true}, {"southwestern ", wantAny, true},
	{"north-east ", wantAny, true}, {"north-west ", wantAny, true}, {"south-east ", wantAny, true}, {"south-west ", wantAny, true},
	{"northeast ", wantAny, true}, {"northwest ", wantAny, true}, {"southeast ", wantAny, true}, {"southwest ", wantAny, true},
	{"northern ", wantAny, true}, {"southern ", wantAny, true}, {"eastern ", wantAny, true}, {"western ", wantAny, true},
	{"north ", wantAny, true}, {"south ", wantAny, true}, {"east ", wantAny, true}, {"west ", wantAny, true},
	{"central ", wantAny, true},
	// Headlines' abbreviations: "N Syria", "NW Syria".
	{"ne ", wantAny, true}, {"nw ", wantAny, true}, {"se ", wantAny, true}, {"sw ", wantAny, true},
	{"n ", wantAny, true}, {"s ", wantAny, true}, {"e ", wantAny, true}, {"w ", wantAny, true},
}

// leadingModifier finds the first leading modifier that s begins with and
// does not end with.
func leadingModifier(s string) (modifier, bool) {
	return leadingModifierAt(s, strings.IndexByte(s, ' '))
}

// leadingModifierAt is leadingModifier for s whose first space is at sp
// (-1 for none).
func leadingModifierAt(s string, sp int) (modifier, bool) {
	c := s[0] | 0x20
	if c < 'a' || c > 'z' {
		return modifier{}, false
	}
	// Every leading modifier ends in a space: a name of one word, as most
	// are, has none, and one whose first space is elsewhere does not
	// have this one.
	if sp < 0 {
		return modifier{}, false
	}
	// Nor does a name whose first word is of a length no modifier's of
	// that initial has: most multi-word names are turned away so, without
	// going through the modifiers.
	if sp >= 32 || leadingFirstWord[c-'a']&(1<<sp) == 0 {
		return modifier{}, false
	}
	for _, m := range leadingByInitial[c-'a'] {
		if len(m.text) > sp && m.text[sp] == ' ' && hasPrefixFold(s, m.text) && len(s) > len(m.text) {
			return m, true
		}
	}
	return modifier{}, false
}

// leadingFirstWord has bit n of entry c set when some leading modifier
// beginning with letter 'a'+c has a first word of n bytes.
var leadingFirstWord = func() (t [26]uint32) {
	for _, m := range leading {
		t[m.text[0]-'a'] |= 1 << strings.IndexByte(m.text, ' ')
	}
	return t
}()

// leadingByInitial are the leading modifiers by their first letter, in
// the order of leading: most words begin with none of them.
var leadingByInitial = func() (t [26][]modifier) {
	for _, m := range leading {
		t[m.text[0]-'a'] = append(t[m.text[0]-'a'], m)
	}
	return t
}()

// trailing modifiers: single words after the name.
var trailing = map[string]modifier{
	"province": {want: wantAdmin}, "provinces": {want: wantAdmin}, "governorate": {want: wantAdmin},
	"oblast": {want: wantAdmin}, "region": {want: wantAdmin}, "state": {want: wantAdmin},
	"prefecture": {want: wantAdmin}, "department": {want: wantAdmin}, "countryside": {want: wantAdmin},
	"krai": {want: wantAdmin}, "kray": {want: wantAdmin}, "emirate": {want: wantAdmin},
	"district": {want: wantAdmin2}, "districts": {want: wantAdmin2}, "raion": {want: wantAdmin2},
	"rayon": {want: wantAdmin2}, "county": {want: wantAdmin2}, "municipality": {want: wantAdmin2},
	"city": {want: wantPlace}, "town": {want: wantPlace}, "village": {want: wantPlace},
	"neighbourhood": {want: wantPlace}, "neighborhood": {want: wantPlace}, "camp": {want: wantPlace},
	"centre": {want: wantPlace}, "center": {want: wantPlace},
	"suburbs": {near: true}, "outskirts": {near: true}, "environs": {near: true}, "vicinity": {near: true},
	"area": {near: true}, "areas": {near: true}, "frontline": {near: true}, "front": {near: true},
}

// hasPrefixFold reports whether s begins with the ASCII lower-case prefix p,
// ignoring ASCII case. Only ASCII is folded, so byte offsets stay valid.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// lastIndexFold finds the last ASCII-case-insensitive occurrence of the
// lower-case word sep in s, or -1.
func lastIndexFold(s, sep string) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if hasPrefixFold(s[i:], sep) {
			return i
		}
	}
	return -1
}

// exactKnown reports whether s, as written, is a name in the exact index.
// Its key is kept when it is found, or when keep says s is the core.
func (q *query) exactKnown(s string, keep bool) bool {
	if q.exact.of == s && s != "" {
		// Asked again once no modifier came off: the same search.
		return q.exact.lo < q.exact.hi
	}
	if work != nil {
		work.keyed += len(s)
	}
	// Keyed on the stack: most phrases tried ("the town of X", "X
	// province") are not keys, and their keys are not kept.
	var kb [keyBuf]byte
	k := namekey.AppendKey(kb[:0], s)
	if len(k) == 0 {
		return false
	}
	lo, hi := findHashed(index(exactBin), 0, k)
	key := ""
	if lo < hi || keep {
		if q.room != nil {
			key = q.room.keepBytes(k)
		} else {
			key = string(k)
		}
	}
	q.exact = exactRun{of: s, key: key, lo: lo, hi: hi, searched: true}
	return lo < hi
}

const trimSet = " \t\r\n\"“”«»()[]{}.,;:!?"

// trimMention is strings.Trim(s, trimSet). The set has characters outside
// ASCII, for which strings.Trim decodes every rune at both ends and looks
// it up in the set: a name that begins and ends with an ASCII letter or
// digit, as most do, is returned as it is without that.
func trimMention(s string) string {
	if len(s) > 0 && isASCIIAlnum(s[0]) && isASCIIAlnum(s[len(s)-1]) {
		return s
	}
	return strings.Trim(s, trimSet)
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// parseMention takes a mention apart. A phrase that is itself a name in the
// gazetteer ("Eastern Ghouta", "Kurdistan Region", "South Sudan") is kept
// whole; otherwise qualifiers are split off (when quals is true) and
// modifiers stripped one at a time until what is left is a known name or
// nothing more can be stripped.
func parseMention(raw string, quals bool) query { return parseMentionIn(raw, quals, nil) }

// parseMentionIn is parseMention keeping the key it finds in room (nil:
// on the heap). The query returned still points to room.
func parseMentionIn(raw string, quals bool, room *textRoom) query {
	q := query{room: room}
	s := trimMention(raw)
	if s == "" || len(s) > maxMention {
		return q
	}
	if !mayHaveModifiers(s) {
		// Nothing to take off, as most names have ("Raqqa", "Deir
		// ez-Zor"): the steps below would each find so in turn. Its key
		// is kept for find, found in the exact index or not.
		q.exactKnown(s, true)
		q.core = s
		q.form = formPlain
		return q
	}
	q.form = formModified
	if m, ok := loneModifier(s); ok {
		// "City", "Countryside" and "Town" are places somewhere, but never
		// what a text means by the bare word.
		q.apply(m)
		return q
	}
	if q.exactKnown(s, false) {
		q.core = s
		return q
	}
	if quals {
		// "Austin, Texas", "Tripoli, Lebanon".
		if i := strings.LastIndexByte(s, ','); i > 0 {
			if w := trimMention(s[i+1:]); w != "" {
				q.quals = append(q.quals, w)
			}
			s = trimMention(s[:i])
		}
		// "Kafr Zeita in Hama countryside".
		if i := lastIndexFold(s, " in "); i > 0 {
			if w := trimMention(s[i+4:]); w != "" {
				q.quals = append(q.quals, w)
			}
			s = trimMention(s[:i])
		}
		// "Syria's Raqqa": the possessor situates the name.
		for _, ap := range []string{"'s ", "’s "} {
			if i := strings.Index(s, ap); i > 0 {
				q.quals = append(q.quals, s[:i])
				s = trimMention(s[i+len(ap):])
				break
			}
		}
	}
	for _, ap := range []string{"'s", "’s", "'", "’"} {
		if rest, ok := strings.CutSuffix(s, ap); ok {
			s = rest
			break
		}
	}
	for s != "" {
		if m, ok := loneModifier(s); ok {
			q.apply(m)
			s = ""
			break
		}
		if q.exactKnown(s, false) {
			break
		}
		// The type word after a name goes first, so that a name
		// beginning with a direction keeps it ("Western Australia state").
		changed := false
		if i := strings.LastIndexByte(s, ' '); i > 0 && mayBeModifierWord(s[i+1:]) {
			var buf [maxModifierWord]byte
			if m, ok := trailing[string(lowerWord(s[i+1:], &buf))]; ok {
				s = strings.TrimSpace(s[:i])
				q.apply(m)
				changed = true
			}
		}
		if !changed {
			if m, ok := leadingModifier(s); ok {
				s = strings.TrimSpace(s[len(m.text):])
				q.apply(m)
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	q.core = s
	if s == "" && len(q.quals) > 0 {
		// "Deir ez-Zor's eastern countryside", "Syria's north": nothing
		// but modifiers after the possessor, which is the place meant.
		q.core, q.quals = q.quals[len(q.quals)-1], q.quals[:len(q.quals)-1]
	}
	return q
}

// loneModifier reports whether s is nothing but one modifier word
// ("countryside", "north").
func loneModifier(s string) (modifier, bool) {
	if len(s) > 16 || !mayBeModifierWord(s) || strings.IndexByte(s, ' ') >= 0 {
		return modifier{}, false // no modifier is that long, of that initial and length, or of two words
	}
	var buf [maxModifierWord]byte
	m, ok := loneWords[string(lowerWord(s, &buf))]
	return m, ok
}

// maxModifierWord is more than the length of the longest one-word
// modifier.
const maxModifierWord = 16

// mayBeModifierWord reports whether w may be a one-word modifier, leading
// or trailing, by its first letter and its length alone: most words asked
// about are not, and are turned away so without being lower-cased and
// looked up. A word with a byte outside ASCII may lower-case into one
// (the Kelvin sign is a k, a dotted capital I an i) and says yes.
func mayBeModifierWord(w string) bool {
	n := len(w)
	if n == 0 {
		return false
	}
	if c := w[0] | 0x20; n < maxModifierWord && 'a' <= c && c <= 'z' && modifierLengths[c-'a']&(1<<n) != 0 {
		return true
	}
	// Lower-casing maps rune to rune: a word of more than four bytes a
	// letter of the longest modifier cannot become one.
	if n > 4*maxModifierWord {
		return false
	}
	for i := 0; i < n; i++ {
		if w[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// modifierLengths has bit n of entry c set when some one-word modifier
// of n bytes begins with letter 'a'+c.
var modifierLengths = func() (t [26]uint32) {
	for w := range loneWords {
		t[w[0]-'a'] |= 1 << len(w)
	}
	return t
}()

// lowerWord is strings.ToLower(w) for a word that may be a one-word
// modifier, written into buf so that looking it up (m[string(b)])
// allocates nothing; a word too long to be one gives nil.
func lowerWord(w string, buf *[maxModifierWord]byte) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return []byte(strings.ToLower(w)) // Unicode case folding
		}
	}
	if len(w) > len(buf) {
		return nil
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

// loneWords are the one-word modifiers, leading or trailing.
var loneWords = func() map[string]modifier {
	m := map[string]modifier{}
	for _, l := range leading {
		if w := strings.TrimSpace(l.text); !strings.Contains(w, " ") {
			m[w] = l
		}
	}
	for w, t := range trailing {
		m[w] = t
	}
	return m
}()

func (q *query) apply(m modifier) {
	if m.want != wantAny && q.want == wantAny {
		q.want = m.want
	}
	q.near = q.near || m.near
}
