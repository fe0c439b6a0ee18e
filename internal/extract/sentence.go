package extract

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/tallyhq/tally/internal/extract/wordset"
)

// sentence is a span of normalised text the rules work on, with the
// paragraph it belongs to and whether it opens inside a quotation.
type sentence struct {
	start, end int // offsets into the normalised text
	para       int
	inQuote    bool // starts inside an open quotation mark
	quoted     bool // contains or continues a quotation
}

// abbreviations whose full stop does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "maj": true, "brig": true, "gov": true, "sen": true,
	"rep": true, "prof": true, "no": true, "vs": true, "etc": true, "inc": true, "co": true,
	"jr": true, "sr": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"u.s": true, "u.n": true, "u.k": true, "a.m": true, "p.m": true, "approx": true,
}

// splitSentences segments text into sentences. A blank line starts a new
// paragraph; a single line break ends a sentence (headlines and list items
// have no full stop). A full stop, question or exclamation mark ends one
// when the next word starts a new sentence, unless it closes an
// abbreviation.
func splitSentences(text string) []sentence {
	return appendSentences(nil, text)
}

// appendSentences is splitSentences appending to out.
func appendSentences(out []sentence, text string) []sentence {
	para := 0
	start := 0
	quoteOpen := false
	startInQuote := false
	sawQuote := false
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if s < e {
			out = append(out, sentence{start: s, end: e, para: para, inQuote: startInQuote, quoted: sawQuote || startInQuote})
		}
		start = end
		startInQuote = quoteOpen
		sawQuote = false
	}
	for i := 0; i < len(text); i++ {
		// Most bytes are none of the ones below: skip them.
		i = nextSentenceByte(text, i)
		if i == len(text) {
			break
		}
		c := text[i]
		switch c {
		case '"':
			quoteOpen = !quoteOpen
			sawQuote = true
		case '\n':
			emit(i)
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				para++
				// Quotation marks do not run across paragraphs in news copy:
				// a new paragraph opening with a quote reopens it.
				quoteOpen = false
				startInQuote = false
			}
			start = i + 1
		case '.', '!', '?':
			if c == '.' && isAbbreviation(text, i) {
				continue
			}
			j := i + 1
			for j < len(text) && (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == '.') {
				if text[j] == '"' {
					quoteOpen = !quoteOpen
					sawQuote = true
				}
				j++
			}
			if j < len(text) && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' {
				continue
			}
			k := j
			for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
			if k < len(text) && !startsSentence(text[k:]) {
				continue
			}
			emit(j)
			i = j - 1
		}
	}
	emit(len(text))
	return out
}

// sentenceByte marks the bytes splitSentences acts on.
var sentenceByte = [256]bool{'"': true, '\n': true, '.': true, '!': true, '?': true}

// nextSentenceByte is the offset of the first sentenceByte in text from i
// on, or len(text). It tests eight bytes at a time: a sentence is some
// hundred bytes between two of them.
func nextSentenceByte(text string, i int) int {
	b := unsafe.Slice(unsafe.StringData(text), len(text))
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		// Every sentenceByte is an ASCII byte below '@' other than the
		// space: eight bytes with none, as most are, cost a third of
		// the five exact tests below. Adding 0x80-'@' to a byte of seven
		// bits sets its top bit when it is '@' or above; adding 0x7F,
		// when it is not 0 (x^' ' is 0 where x has a space).
		const ones = 0x0101010101010101
		low := x &^ highBits
		below := ^(low + (0x80-'@')*ones) &^ x & highBits
		space := ^((low ^ ' '*ones) + 0x7F*ones) & highBits
		if below&^space == 0 {
			continue
		}
		if hasByte(x, '"')|hasByte(x, '\n')|hasByte(x, '.')|hasByte(x, '!')|hasByte(x, '?') != 0 {
			break
		}
	}
	for i < len(b) && !sentenceByte[b[i]] {
		i++
	}
	return i
}

// hasByte is non-zero when some byte of x is c: the bytes equal to c are
// zero in x^c…c, and subtracting 1 from each byte borrows through the
// top bit of a zero byte first.
func hasByte(x uint64, c byte) uint64 {
	const ones = 0x0101010101010101
	y := x ^ ones*uint64(c)
	return (y - ones) &^ y & highBits
}

// abbreviationFolded is wordset.HasFolded(abbreviations, raw), without
// hashing an ASCII word into the map.
func abbreviationFolded(raw string) bool { return abbrevSet.Has(raw) }

// foldedLen is len(strings.ToLower(s)), without the copy for ASCII.
func foldedLen(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return len(strings.ToLower(s))
}

var abbrevSet = wordset.NewFolded(abbreviations)

// startsSentence reports whether s begins like a new sentence.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\'' || r == '(' || r == '[' || r == '\n' || r == '-' || r > 0x600
}

// isAbbreviation reports whether the full stop at text[dot] closes an
// abbreviation or an initial ("U.S.", "Gen.").
func isAbbreviation(text string, dot int) bool {
	j := dot
	for j > 0 && (isWordByte(text[j-1]) || text[j-1] == '.') {
		j--
	}
	raw := text[j:dot]
	if abbreviationFolded(raw) {
		return true
	}
	// A single capital letter: an initial or part of "U.S.".
	if dot-j == 1 && text[j] >= 'A' && text[j] <= 'Z' {
		return true
	}
	if strings.Contains(raw, ".") && foldedLen(raw) <= 6 {
		return true
	}
	// Decimal point inside a number.
	return dot > 0 && dot+1 < len(text) && text[dot-1] >= '0' && text[dot-1] <= '9' && text[dot+1] >= '0' && text[dot+1] <= '9'
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e && isSpaceByte(text[s]) {
		s++
	}
	for e > s && isSpaceByte(text[e-1]) {
		e--
	}
	return s, e
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }
