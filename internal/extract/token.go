package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	kind       tokKind
	start, end int
	lower      string // lower-cased word, or the punctuation mark
	upper      bool   // the word starts with a capital letter
	num        *number.Mention
}

// tokenize splits a sentence into tokens, making each counted number
// mention one token so that the rules can speak of "N" whatever its wording
// ("more than 55 thousand", "25-30", "dozens of").
func tokenize(s string, mentions []number.Mention) []token {
	toks := make([]token, 0, len(s)/5+1)
	mi := 0
	for i := 0; i < len(s); {
		for mi < len(mentions) && mentions[mi].End <= i {
			mi++
		}
		if mi < len(mentions) && mentions[mi].Start == i {
			m := &mentions[mi]
			toks = append(toks, token{kind: tokNum, start: m.Start, end: m.End, lower: strings.ToLower(s[m.Start:m.End]), num: m})
			i = m.End
			mi++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) || ((r2 == '-' || r2 == '\'') && j+sz < len(s) && isWordByte(s[j+sz])) {
					j += sz
					continue
				}
				break
			}
			if mi < len(mentions) && mentions[mi].Start < j && mentions[mi].Start > i {
				// A mention starting inside a word ("x25") ends the word there.
				j = mentions[mi].Start
			}
			toks = append(toks, token{kind: tokWord, start: i, end: j, lower: strings.ToLower(s[i:j]), upper: unicode.IsUpper(r)})
			i = j
		default:
			toks = append(toks, token{kind: tokPunct, start: i, end: i + size, lower: s[i : i+size]})
			i += size
		}
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '*'
}

func isWordByte(b byte) bool {
	return b >= 0x80 || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
