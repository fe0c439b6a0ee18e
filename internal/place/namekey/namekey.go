// Package namekey turns a place name as written into the keys the
// gazetteer is indexed by. It is its own package because the generator
// (tools/gazetteer) must compute exactly the same keys as the runtime
// lookup, and the generator cannot import package place, whose embedded
// data it is about to write.
//
// Two keys are computed:
//
//   - Key, the exact key: lower case, diacritics and apostrophes dropped,
//     punctuation turned into single spaces, Arabic articles ("al-", "Al ",
//     "ar-", "as-", "ad-", "el-", "ez-", and "ال" in Arabic script) removed.
//     "Ar-Raqqah", "al-Raqqa" and "AR RAQQAH" all give "raqqah"/"raqqa";
//     "Deir ez-Zor" and "Deir el-Zor" both give "deir zor".
//   - Loose, a consonant skeleton of Key for Latin-script names, which joins
//     the transliteration variants news writes: vowels dropped (one "@" marks
//     a word-initial vowel), doubled letters collapsed, q/c to k, "ch"/"sh"
//     together, a final "h" after a vowel dropped, and assimilated articles
//     ("Ezzor", "Arraqqa") undone. Raqqa, Raqa, Rakka and Raqqah share "rk";
//     Deir ez-Zor, Deir Ezzor, Deir al-Zour and Dayr az Zawr share "drzr".
//
// The skeleton is deliberately lossy, so matches through it are weaker
// evidence than exact ones; package place scores them lower.
package namekey

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxInput is the longest name, in bytes, that is keyed at all. No place
// name comes near it; refusing longer input keeps every caller linear in
// the input however long a phrase a buggy mention finder passes in.
const MaxInput = 512

// articles are the Arabic definite articles as news transliterates them,
// standing as their own word once hyphens are spaces. They are dropped
// wherever they stand, because writers differ both in the article's vowel
// and in whether they write it at all ("Maarat al-Numan", "Maarat Numan").
var articles = map[string]bool{
	"al": true, "el": true, "ar": true, "as": true, "ad": true, "az": true,
	"an": true, "at": true, "ash": true, "ath": true, "adh": true, "ez": true,
	"es": true, "ed": true, "ul": true, "ud": true,
}

// abbreviations are expanded so that "St. Petersburg" meets "Saint Petersburg".
var abbreviations = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

// special maps letters that Unicode does not decompose into a base letter
// and a mark, and Arabic letter variants that spellings mix freely.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h", 'ŀ': "l", 'ŧ': "t", 'ĸ': "k", 'ŋ': "n",
	'ə': "a", 'ɨ': "i",
	'ٱ': "ا", // alef wasla
	'ة': "ه", // ta marbuta is written as ha as often as not
	'ى': "ي", // alef maqsura
	'ی': "ي", // Persian yeh
	'ک': "ك", // Persian kaf
}

// isApostrophe reports runes that are dropped without leaving a word
// break: apostrophes, and the ayn and hamza signs of scholarly
// transliteration ("Ma'arrat", "Maʿarrat").
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '`', '\u00B4', '\u02BC', '\u02BB', '\u02BE', '\u02BF', '\u2032', '\u02B9', '\u0640', '\u0621':
		// U+0640 is the Arabic tatweel, U+0621 a standalone hamza.
		return true
	}
	return false
}

// Key returns the exact key of name, or "" when name has no letters or
// digits or is longer than MaxInput.
func Key(name string) string {
	if len(name) > MaxInput {
		return ""
	}
	if len(name) <= 64 {
		// Keyed on the stack, as AppendKey does: most names are short
		// ASCII without articles, and decoding each rune into a builder
		// cost several times as much.
		var buf [64]byte
		if k, ok, rules := appendASCII(buf[:0], name); ok {
			if !rules {
				return string(k)
			}
			var out [80]byte
			return string(appendWordRules(out[:0], k))
		}
	}
	return keyRunes(name)
}

// appendWordRules appends to dst the ASCII key k (words between single
// spaces) with the word rules applied as keyRunes applies them: articles
// dropped, unless every word is one, and abbreviations expanded. Many
// Syrian names have an article ("Deir al-Zor"), and keying them rune by
// rune, with a builder and a list of words, cost several times as much.
func appendWordRules(dst, k []byte) []byte {
	n0 := len(dst)
	for rest := k; len(rest) > 0; {
		n := 0
		for n < len(rest) && rest[n] != ' ' {
			n++
		}
		w := rest[:n]
		if n < len(rest) {
			rest = rest[n+1:]
		} else {
			rest = rest[n:]
		}
		if len(w) == 0 || len(w) <= 3 && isArticle(w) {
			continue
		}
		if len(dst) > n0 {
			dst = append(dst, ' ')
		}
		if e := abbreviation(w); e != "" {
			dst = append(dst, e...)
		} else {
			dst = append(dst, w...)
		}
	}
	if len(dst) == n0 {
		// A name made only of article-like words ("As", a town in
		// Belgium) keeps them.
		return append(dst, k...)
	}
	return dst
}

// keyRunes is Key rune by rune: for any name, and the word rules.
func keyRunes(name string) string {
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		// Decomposing first lets one rule (drop combining marks) strip
		// Latin accents and Arabic vowel signs and hamza seats alike.
		name = norm.NFD.String(name)
	}
	var b strings.Builder
	b.Grow(len(name))
	space := true // no leading space
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			b.WriteByte(byte(r))
			space = false
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			b.WriteByte(byte(r + 'a' - 'A'))
			space = false
		case isApostrophe(r) || unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if s, ok := special[r]; ok {
				b.WriteString(s)
			} else {
				b.WriteRune(r)
			}
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimSuffix(b.String(), " ")
	if out == "" || !needsWordRules(out) {
		return out // the common case: no article, no abbreviation
	}
	words := strings.Fields(out)
	kept := words[:0:0]
	for _, w := range words {
		if articles[w] {
			continue
		}
		if e, ok := abbreviations[w]; ok {
			w = e
		}
		// The Arabic article is written joined to its noun.
		if rest, ok := strings.CutPrefix(w, "ال"); ok && utf8.RuneCountInString(rest) >= 2 {
			w = rest
		}
		kept = append(kept, w)
	}
	if len(kept) == 0 {
		// A name made only of article-like words ("As", a town in
		// Belgium) keeps them.
		kept = words
	}
	return strings.Join(kept, " ")
}

// AppendKey appends Key(name) to dst. An ASCII name without articles or
// abbreviations, most of what a text asks about, is keyed in dst without
// allocating: a lookup that finds nothing then costs nothing to the
// collector.
func AppendKey(dst []byte, name string) []byte {
	if len(name) > MaxInput {
		return dst
	}
	n0 := len(dst)
	dst, ok, rules := appendASCII(dst, name)
	if !ok {
		return append(dst[:n0], Key(name)...)
	}
	if rules {
		var buf [128]byte
		k := append(buf[:0], dst[n0:]...)
		return appendWordRules(dst[:n0], k)
	}
	return dst
}

// appendASCII appends the key of an ASCII name before the word rules (the
// letters and digits lower-cased, apostrophes dropped, each run of
// anything else one space, none at either end; the curly apostrophes too
// are dropped), and reports whether a word
// of it needs the word rules (needsWordRules), or reports false, dst
// unchanged, when name is not ASCII. One look-up in asciiKey a byte, and
// the short words checked as they end: every name asked about is keyed,
// most of them more than once.
func appendASCII(dst []byte, name string) (_ []byte, ok, rules bool) {
	n0 := len(dst)
	w := n0 // where the current word began in dst
	for i := 0; i < len(name); i++ {
		switch c := asciiKey[name[i]]; c {
		case keyDrop:
		case keyBreak:
			if n := len(dst); n > w {
				if n-w <= 3 && !rules {
					rules = shortRule(dst[w:n])
				}
				dst = append(dst, ' ')
				w = n + 1
			}
		case keyNotASCII:
			// ’ and ‘, which news writes for the apostrophe, are dropped
			// as keyRunes drops them (NFD leaves them as they are).
			if name[i] == 0xe2 && i+2 < len(name) && name[i+1] == 0x80 && (name[i+2] == 0x99 || name[i+2] == 0x98) {
				i += 2
				continue
			}
			// A Latin letter with diacritics ("Ḩamāh", "Maʿarrat"), as
			// the gazetteer's own names have: keyed from a table of what
			// keyRunes makes of each such rune, where decomposing the
			// whole name and looking up each rune's properties cost
			// several times as much.
			r, size := utf8.DecodeRuneInString(name[i:])
			lk, ok := latinKey(r)
			if !ok {
				return dst[:n0], false, false
			}
			i += size - 1
			switch lk {
			case "":
			case " ":
				if n := len(dst); n > w {
					if n-w <= 3 && !rules {
						rules = shortRule(dst[w:n])
					}
					dst = append(dst, ' ')
					w = n + 1
				}
			default:
				dst = append(dst, lk...)
			}
		default:
			dst = append(dst, c)
		}
	}
	n := len(dst)
	if n > w {
		if n-w <= 3 && !rules {
			rules = shortRule(dst[w:n])
		}
	} else if n > n0 {
		dst = dst[:n-1] // the space after the last word
	}
	return dst, true, rules
}

// latinKey gives what keyRunes makes of rune r, a letter of the Latin
// ranges below or a combining mark: "" when it is dropped, " " for a word
// break, else the ASCII letters it writes; ok is false for any other rune,
// and for one keyRunes makes anything else of.
func latinKey(r rune) (s string, ok bool) {
	var i int
	switch {
	case r < latinLo1:
		return "", false
	case r < latinHi1:
		i = int(r - latinLo1)
	case latinLo2 <= r && r < latinHi2:
		i = int(r-latinLo2) + latinHi1 - latinLo1
	case isApostrophe(r):
		return "", true
	default:
		return "", false
	}
	e := latinTable()[i]
	return e.s, e.ok
}

// The ranges latinKey knows: Latin-1, Latin Extended-A and -B, IPA,
// spacing modifiers (ʿ and ʾ of transliteration), combining diacritics,
// and Latin Extended Additional (ḩ, ṭ).
const (
	latinLo1, latinHi1 = 0x80, 0x370
	latinLo2, latinHi2 = 0x1e00, 0x1f00
)

type latinEntry struct {
	s  string
	ok bool
}

// latinTable is made on first use, by keying each rune rune by rune
// between two letters no word rule touches: so it says what keyRunes
// does, whatever that is.
var latinTable = sync.OnceValue(func() []latinEntry {
	t := make([]latinEntry, latinHi1-latinLo1+latinHi2-latinLo2)
	for i := range t {
		r := rune(latinLo1 + i)
		if i >= latinHi1-latinLo1 {
			r = rune(latinLo2 + i - (latinHi1 - latinLo1))
		}
		k := keyRunes("q" + string(r) + "q")
		switch {
		case k == "qq":
			t[i] = latinEntry{"", true}
		case k == "q q":
			t[i] = latinEntry{" ", true}
		case len(k) > 2 && k[0] == 'q' && k[len(k)-1] == 'q' && isLowerASCII(k[1:len(k)-1]):
			t[i] = latinEntry{k[1 : len(k)-1], true}
		}
	}
	return t
})

// isLowerASCII reports whether s is ASCII lower-case letters and digits.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// What asciiKey makes of a byte that is not kept.
const (
	keyDrop     = 0    // an apostrophe, dropped without a word break
	keyBreak    = ' '  // anything else that is not a letter or digit
	keyNotASCII = 0x80 // not ASCII: the name is keyed rune by rune
)

// asciiKey maps each byte to what appendASCII makes of it: an ASCII letter
// or digit to itself in lower case, else keyDrop, keyBreak or keyNotASCII.
var asciiKey = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = keyNotASCII
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		case isApostrophe(rune(c)):
			t[c] = keyDrop
		default:
			t[c] = keyBreak
		}
	}
	return t
}()

// needsWordRules reports whether some word of a normalised name is an
// article or an abbreviation, or starts with the Arabic article.
func needsWordRules[S string | []byte](s S) bool {
	for len(s) > 0 {
		n := 0
		for n < len(s) && s[n] != ' ' {
			n++
		}
		w := s[:n]
		if len(w) <= 3 && shortRule(w) || len(w) >= 4 && string(w[:4]) == "ال" {
			return true
		}
		if n == len(s) {
			break
		}
		s = s[n+1:]
	}
	return false
}

// shortRule reports whether a word of one to three bytes is an article or
// an abbreviation: every short word of a name is asked about, and a switch
// on its bytes costs a fraction of two map look-ups.
// TestShortRule keeps it equal to the maps.
func shortRule[S string | []byte](w S) bool {
	var k uint32
	for i := 0; i < len(w); i++ {
		k = k<<8 | uint32(w[i])
	}
	switch len(w) {
	case 2:
		switch k {
		case 'a'<<8 | 'l', 'e'<<8 | 'l', 'a'<<8 | 'r', 'a'<<8 | 's', 'a'<<8 | 'd', 'a'<<8 | 'z',
			'a'<<8 | 'n', 'a'<<8 | 't', 'e'<<8 | 'z', 'e'<<8 | 's', 'e'<<8 | 'd', 'u'<<8 | 'l', 'u'<<8 | 'd',
			's'<<8 | 't', 'm'<<8 | 't', 'f'<<8 | 't':
			return true
		}
	case 3:
		switch k {
		case 'a'<<16 | 's'<<8 | 'h', 'a'<<16 | 't'<<8 | 'h', 'a'<<16 | 'd'<<8 | 'h', 's'<<16 | 't'<<8 | 'e':
			return true
		}
	}
	return false
}

// isArticle is articles[string(w)] and abbreviation abbreviations[string(w)]
// for a word of an ASCII key, by a switch on its bytes rather than a map
// look-up: every word of a name with an article is asked about.
// TestShortRule keeps them equal to the maps.
func isArticle(w []byte) bool {
	return shortRule(w) && abbreviation(w) == ""
}

func abbreviation(w []byte) string {
	switch string(w) {
	case "st":
		return "saint"
	case "ste":
		return "sainte"
	case "mt":
		return "mount"
	case "ft":
		return "fort"
	}
	return ""
}

// IsLatin reports whether key is written in ASCII letters, digits and
// spaces only, the keys that have a meaningful Loose form.
func IsLatin[S string | []byte](key S) bool {
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return len(key) > 0
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
		return true
	}
	return false
}

// Loose returns the consonant skeleton of an exact key (see the package
// comment), or "" when key is not Latin.
func Loose(key string) string {
	if !IsLatin(key) {
		return ""
	}
	return string(AppendLoose(make([]byte, 0, len(key)), key))
}

// AppendLoose appends Loose(key) to dst, allocating nothing when dst has
// room: twice the key's length is always enough ("x" becomes "ks"). Each
// byte is classed by one look-up in looseClass, and the last symbol
// written is kept in a variable rather than read back from dst: every
// name asked about has its skeleton made, most of them more than once.
func AppendLoose[S string | []byte](dst []byte, key S) []byte {
	if len(key) == 0 {
		return dst
	}
	n0 := len(dst)
	var last byte // the last symbol written, 0 for none (no symbol is 0)
	emit := func(c byte) {
		if c != last {
			dst = append(dst, c)
			last = c
		}
	}
	for len(key) > 0 {
		// The words of a Latin key, which has no other white space.
		n := 0
		for n < len(key) && key[n] != ' ' {
			n++
		}
		t := key[:n]
		if n < len(key) {
			key = key[n+1:]
		} else {
			key = key[n:]
		}
		if len(t) == 0 {
			continue
		}
		// "ezzor", "arraqqa", "assuwayda": the article assimilated to the
		// noun's first consonant and written joined.
		if len(t) >= 5 && (t[0] == 'a' || t[0] == 'e') && t[1] == t[2] && strings.IndexByte("lrsztdn", t[1]) >= 0 {
			t = t[2:]
		}
		// "Raqqah", "Hasakeh": a final h after a vowel is the ta marbuta,
		// written or not.
		if n := len(t); n >= 3 && t[n-1] == 'h' && isVowel(t[n-2]) {
			t = t[:n-1]
		}
		for i := 0; i < len(t); i++ {
			c := t[i]
			switch looseClass[c] {
			case looseOther:
				return dst[:n0] // not a Latin key
			case looseVowel:
				if i == 0 {
					emit('@')
				}
				continue
			case looseSelf:
				emit(c)
				continue
			}
			var n byte
			if i+1 < len(t) {
				n = t[i+1]
			}
			switch {
			case c == 'k' && n == 'h':
				emit('x')
				i++
			case (c == 's' || c == 'c') && n == 'h':
				emit('S') // English sh, French ch
				i++
			case c == 'z' && n == 'h', c == 'd' && n == 'j':
				emit('j')
				i++
			case (c == 'g' || c == 't' || c == 'd') && n == 'h':
				emit(c)
				i++
			case c == 'p' && n == 'h':
				emit('f')
				i++
			case c == 'c' && n == 'k':
				emit('k')
				i++
			case c == 'q' || c == 'c':
				emit('k')
			case c == 'x':
				emit('k')
				emit('s')
			default:
				emit(c)
			}
		}
	}
	return dst
}

// The classes of looseClass.
const (
	looseOther = iota // not in a Latin key
	looseVowel        // isVowel
	looseSelf         // a consonant or digit written as it is, whatever follows
	looseRule         // a consonant some rule rewrites
)

// looseClass classes each byte for AppendLoose.
var looseClass = func() (t [256]byte) {
	for c := range 256 {
		b := byte(c)
		switch {
		case b == ' ':
			// Words are split before the class is looked up.
		case isVowel(b):
			t[c] = looseVowel
		case strings.IndexByte("ksczdgtpqx", b) >= 0:
			t[c] = looseRule
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9':
			t[c] = looseSelf
		}
	}
	return t
}()
