package extract

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/tallyhq/tally/internal/extract/number"
)

// tokKind separates words from punctuation and from the number mentions
// that the number rule set found.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokPunct
	tokNum
)

// token is one word, punctuation mark or whole number mention of a
// sentence. Offsets are into the sentence's text.
type token struct {
	start, end int
	lower      string // lower-cased word, or the punctuation mark
	num        *number.Mention
	// The small fields together: 48 bytes a token rather than 56, and a
	// sentence has dozens of tokens.
	kind  tokKind
	upper bool   // the word starts with a capital letter
	name  bool   // the token can be part of a place name (see nameToken)
	poss  bool   // a name token in the possessive (see possessive); false for other tokens
	wid   uint32 // the number of lower in wordIDs: what the rule tables say of it
}

// tokenize splits a sentence into tokens, making each counted number
// mention one token so that the rules can speak of "N" whatever its wording
// ("more than 55 thousand", "25-30", "dozens of").
func tokenize(s string, mentions []number.Mention) []token {
	return appendTokens(make([]token, 0, len(s)/5+1), s, mentions)
}

// appendTokens is tokenize, appending to toks.
func appendTokens(toks []token, s string, mentions []number.Mention) []token {
	// Lower-casing the sentence once costs one allocation instead of one
	// a word; it keeps offsets only when every byte is ASCII.
	lowered, _ := lowerIfASCII(s)
	return appendLowered(toks, s, lowered, mentions)
}

// appendLowered is appendTokens for a sentence whose lower-cased form is
// known: lowered is strings.ToLower(s) when s is all ASCII, else "" (each
// word is lower-cased on its own).
func appendLowered(toks []token, s, lowered string, mentions []number.Mention) []token {
	mi := 0
	// Where the next mention starts: until there, no token needs to look
	// at the mentions (a sentence has few, and dozens of tokens).
	next := len(s)
	if len(mentions) > 0 {
		next = mentions[0].Start
	}
	for i := 0; i < len(s); {
		if i >= next {
			for mi < len(mentions) && mentions[mi].End <= i {
				mi++
			}
			if mi < len(mentions) && mentions[mi].Start == i {
				m := &mentions[mi]
				w := ""
				if lowered != "" {
					w = lowered[m.Start:m.End]
				} else {
					w = strings.ToLower(s[m.Start:m.End])
				}
				toks = append(toks, token{kind: tokNum, start: m.Start, end: m.End, lower: w, num: m, wid: wordID(w)})
				i = m.End
				mi++
				next = len(s)
				if mi < len(mentions) {
					next = mentions[mi].Start
				}
				continue
			}
			next = len(s)
			if mi < len(mentions) {
				next = mentions[mi].Start
			}
		}
		c := s[i]
		switch byteKind[c] {
		case kSpace:
			i++
			continue
		case kWord:
			j := i + 1
			for j < len(s) && byteKind[s[j]] == kWord {
				// The bulk of every word: ASCII letters and digits.
				j++
			}
			plainEnd := j
			if j < len(s) && byteKind[s[j]] != kSpace {
				j = wordEnd(s, j)
			}
			// appendWord, in this loop: most tokens are these words, and
			// a call costs as much as making one.
			if next > i && next < j {
				j = next
			}
			w := ""
			if lowered != "" {
				w = lowered[i:j]
			} else {
				w = strings.ToLower(s[i:j])
			}
			t := token{kind: tokWord, start: i, end: j, lower: w, upper: 'A' <= c && c <= 'Z', wid: wordID(w)}
			if j <= plainEnd && int(t.wid) < len(plainName) {
				// Letters, digits and '*' alone: no hyphen for a
				// lower-case article, no suffix to trim, so nameToken
				// is what the tables say of the word (once they are
				// all loaded: see lexicon.go's init).
				t.name = t.upper && plainName[t.wid]
			} else {
				t.name = nameToken(t)
			}
			t.poss = t.name && possessive(t)
			toks = append(toks, t)
			i = j
			if i < len(s) && s[i] == ' ' && i != next {
				// Most often one space between two words.
				i++
			}
			continue
		case kHigh:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsSpace(r):
				i += size
				continue
			case isWordRune(r):
				toks = appendWord(toks, s, lowered, i, wordEnd(s, i+size), next, unicode.IsUpper(r))
				i = toks[len(toks)-1].end
				continue
			}
			p := s[i : i+size]
			toks = append(toks, token{kind: tokPunct, start: i, end: i + size, lower: p, wid: wordID(p)})
			i += size
			continue
		}
		toks = append(toks, token{kind: tokPunct, start: i, end: i + 1, lower: s[i : i+1], wid: punctIDs[c]})
		i++
	}
	return toks
}

// appendWord appends the word token s[i:j], cut short where the next
// mention starts inside it ("x25"); upper: its first letter is a capital.
func appendWord(toks []token, s, lowered string, i, j, next int, upper bool) []token {
	if next > i && next < j {
		j = next
	}
	w := ""
	if lowered != "" {
		w = lowered[i:j]
	} else {
		w = strings.ToLower(s[i:j])
	}
	t := token{kind: tokWord, start: i, end: j, lower: w, upper: upper, wid: wordID(w)}
	// The rules ask these of a token again and again: it is asked once.
	t.name = nameToken(t)
	t.poss = t.name && possessive(t)
	return append(toks, t)
}

// wordEnd is the end of the word that goes on at s[j]: letters, digits,
// '*', and a hyphen or apostrophe joining two words ("al-Nusra's").
func wordEnd(s string, j int) int {
	for j < len(s) {
		c := s[j]
		switch byteKind[c] {
		case kWord:
			j++
			continue
		case kJoin:
			if j+1 < len(s) && isWordByte(s[j+1]) {
				j++
				continue
			}
		case kHigh:
			if r, sz := utf8.DecodeRuneInString(s[j:]); isWordRune(r) {
				j += sz
				continue
			}
		}
		break
	}
	return j
}

// Byte kinds for the tokenizer's loops: one table look-up a byte.
const (
	kPunct = iota // any other ASCII byte
	kSpace        // an ASCII space (unicode.IsSpace)
	kWord         // an ASCII byte of words (asciiWord)
	kJoin         // '-' and '\'', which join two words
	kHigh         // a byte of a non-ASCII character
)

var byteKind = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = kHigh
		case asciiSpace[c]:
			t[c] = kSpace
		case asciiWord[c]:
			t[c] = kWord
		case c == '-' || c == '\'':
			t[c] = kJoin
		}
	}
	return t
}()

// punctIDs are the word numbers of the one-byte strings, so that
// punctuation tokens of one byte need no lookup. They are set once every
// word is numbered (see wordID).
var punctIDs [256]uint32

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// asciiWord marks the ASCII bytes that belong to words; '*' is kept in
// words because agencies mark banned groups with it ("Daesh*").
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['*'] = true
	return t
}()

func isWordByte(b byte) bool {
	return b >= 0x80 || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// lowerIfASCII is strings.ToLower(s) and true when every byte of s is
// ASCII, else "" and false, eight bytes at a time: the library's version
// writes each byte through a builder, and the text is every byte of every
// document. One pass tells ASCII and lower-cases it.
func lowerIfASCII(s string) (string, bool) {
	if len(s) == 0 {
		return "", true
	}
	b := make([]byte, len(s))
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		if x&highBits != 0 {
			return "", false
		}
		// In each byte, below 0x80: adding 0x80-'A' sets the top bit from
		// 'A' on, adding 0x80-'Z'-1 from past 'Z'; no byte carries into
		// the next. The letters between get 0x20, the case bit.
		fromA := x + 0x3f3f3f3f3f3f3f3f
		pastZ := x + 0x2525252525252525
		binary.LittleEndian.PutUint64(b[i:], x|(fromA&^pastZ&highBits)>>2)
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return "", false
		}
		b[i] = asciiLowerTable[s[i]]
	}
	// As strings.Builder does: b is not written again, so the string
	// may share it rather than copy it.
	return unsafe.String(&b[0], len(b)), true
}

// highBits is the top bit of each byte of a word: set only for bytes of
// non-ASCII characters.
const highBits = 0x8080808080808080

var asciiLowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

func isASCII(s string) bool {
	src := unsafe.Slice(unsafe.StringData(s), len(s))
	i := 0
	for ; i+8 <= len(src); i += 8 {
		if binary.LittleEndian.Uint64(src[i:])&highBits != 0 {
			return false
		}
	}
	for ; i < len(src); i++ {
		if src[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
