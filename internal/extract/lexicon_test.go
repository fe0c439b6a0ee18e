package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestWordID: the hash table finds every numbered word, and no other.
func TestWordID(t *testing.T) {
	for w, id := range wordIDs {
		if got := wordID(w); got != id {
			t.Errorf("wordID(%q) = %d, want %d", w, got, id)
		}
	}
	for _, w := range strings.Fields("zzz qqqq raqqa civilianz killedd 12345 - — \u00e9 x") {
		if _, ok := wordIDs[w]; !ok && wordID(w) != 0 {
			t.Errorf("wordID(%q) = %d for a word no table knows", w, wordID(w))
		}
	}
	for b := range punctIDs {
		if want := wordIDs[string([]byte{byte(b)})]; punctIDs[b] != want {
			t.Errorf("punctIDs[%d] = %d, want %d", b, punctIDs[b], want)
		}
	}
}

// TestLowerIfASCIIEveryByte: every ASCII byte, at every place of an
// eight-byte word and of the tail, is lower-cased as strings.ToLower does.
func TestLowerIfASCIIEveryByte(t *testing.T) {
	var b strings.Builder
	for c := range 128 {
		b.WriteByte(byte(c))
	}
	all := b.String()
	for _, s := range []string{"", all, all[1:], all[3:], all[7:], "At Least 19 People, ALEPPO's U.S.-led [x]", "@AZ[`az{"} {
		checkLowerIfASCII(t, s)
	}
	// Every ASCII byte at every place of a word, beside a capital.
	for c := range 128 {
		for at := range 9 {
			w := []byte("QWERTYUIOP")
			w[at] = byte(c)
			checkLowerIfASCII(t, string(w))
		}
	}
}

// TestIsASCII: a byte of a non-ASCII character anywhere is found.
func TestIsASCII(t *testing.T) {
	for n := range 20 {
		s := []byte(strings.Repeat("a", n))
		if !isASCII(string(s)) {
			t.Errorf("isASCII(%q) = false", s)
		}
		for at := range n {
			s[at] = 0x80
			if isASCII(string(s)) {
				t.Errorf("isASCII(%q) = true", s)
			}
			s[at] = 'a'
		}
	}
}

// TestASCIIClasses: the tokenizer's ASCII tables agree with package unicode.
func TestASCIIClasses(t *testing.T) {
	for c := range rune(utf8.RuneSelf) {
		if asciiSpace[c] != unicode.IsSpace(c) {
			t.Errorf("asciiSpace[%q] = %v", c, asciiSpace[c])
		}
		if upper := 'A' <= c && c <= 'Z'; upper != unicode.IsUpper(c) {
			t.Errorf("%q: upper %v, unicode.IsUpper %v", c, upper, unicode.IsUpper(c))
		}
	}
}

// TestNextSentenceByte: every byte value at every place of a text, as a
// byte-at-a-time scan finds it.
func TestNextSentenceByte(t *testing.T) {
	// The second text has a comma, a digit, a space and a non-ASCII byte
	// in every eight: bytes that a first, cheaper test cannot tell from a
	// sentenceByte.
	for _, base := range []string{"abcdefgh", "abc,d7 \xc3"} {
		for c := range 256 {
			for at := range 20 {
				b := []byte(strings.Repeat(base, 3))
				b[at] = byte(c)
				text := string(b)
				for from := range len(text) + 1 {
					want := from
					for want < len(text) && !sentenceByte[text[want]] {
						want++
					}
					if got := nextSentenceByte(text, from); got != want {
						t.Fatalf("nextSentenceByte(%q, %d) = %d, want %d", text, from, got, want)
					}
				}
			}
		}
	}
}
