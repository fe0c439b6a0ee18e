package timex

import (
	"math/bits"

	"github.com/tallyhq/tally/internal/extract/ascii8"
)

// Token kinds.
const (
	kWord  uint8 = iota + 1 // letters (and any non-ASCII bytes), then letters or digits
	kNum                    // ASCII digits, maybe with an ordinal suffix ("5th")
	kPunct                  // one other byte; en and em dashes become '-'
	kOther                  // digits glued to letters ("10km", "262016s")
)

// Token flags.
const (
	fCap uint8 = 1 << iota // first letter upper case
	fOrd                   // number with an ordinal suffix
)

// tok is one token of the text. Offsets are bytes; int32 keeps the slice
// compact, and Find reads no further than that.
type tok struct {
	start, end int32
	num        int32  // value of a kNum token, -1 when longer than 9 digits
	w          uint16 // lexicon index of a kWord token, 0 when unknown
	kind       uint8
	ndig       uint8 // digits of a kNum token (capped at 255)
	flags      uint8
	ch         byte // the byte of a kPunct token
}

// Byte classes for the tokeniser's inner loops.
const (
	cPunct uint8 = iota // the zero class: anything not listed below
	cSpace
	cDigit
	cLower
	cUpper
	cHigh // a byte of a non-ASCII character
)

// isAlnum reports whether class k is a digit or letter; the classes are
// ordered so that one unsigned comparison does.
func isAlnum(k uint8) bool { return k-cDigit <= cUpper-cDigit }

var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			t[c] = cSpace
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= 0x80:
			t[c] = cHigh
		}
	}
	return t
}()

// sepLen is the length of a non-ASCII separator at s[i]: 3 for an en or em
// dash, 2 for a no-break space, 0 otherwise.
func sepLen(s string, i int) int {
	if s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x93 || s[i+2] == 0x94) {
		return 3
	}
	if s[i] == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 {
		return 2
	}
	return 0
}

// tokenize splits text into toks, appending to dst. Words continue over
// letters, digits and non-ASCII bytes (so a name in another script stays one
// token), except the dashes and the no-break space, which separate.
func tokenize(dst []tok, s string) []tok {
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		switch byteClass[c] {
		case cSpace:
			i++
		case cDigit:
			j := i
			var v int64
			for j < n && byteClass[s[j]] == cDigit {
				if j-i < 10 {
					v = v*10 + int64(s[j]-'0')
				}
				j++
			}
			t := tok{start: int32(i), kind: kNum, ndig: uint8(min(j-i, 255)), num: int32(v)}
			if j-i > 9 {
				t.num = -1
			}
			k := j
			for k < n && isAlnum(byteClass[s[k]]) {
				k++
			}
			if k > j {
				if k-j == 2 && isOrdinalSuffix(s[j]|0x20, s[j+1]|0x20) {
					t.flags |= fOrd
				} else {
					t.kind = kOther
				}
				j = k
			}
			t.end = int32(j)
			dst = append(dst, t)
			i = j
		case cLower, cUpper:
			// Most words: ASCII, shorter than eight bytes, and followed by
			// an ASCII byte. One load gives the word's end and its key.
			if i+8 <= n {
				x := ascii8.Load(s[i : i+8])
				if stop := ^ascii8.Alnum(x) & ascii8.High; stop != 0 && x&(stop&-stop) == 0 {
					l := bits.TrailingZeros64(stop) / 8
					j := i + l
					t := tok{start: int32(i), end: int32(j), kind: kWord}
					if byteClass[c] == cUpper {
						t.flags |= fCap
					}
					if l <= lexMaxLen && mayBeWord(l, c, s[j-1]) {
						t.w = lexProbe(ascii8.Short(x, l), 0)
					}
					dst = append(dst, t)
					i = j
					continue
				}
			}
			fallthrough
		case cHigh:
			if c >= 0x80 && sepLen(s, i) != 0 {
				if sepLen(s, i) == 2 { // no-break space
					i += 2
					continue
				}
				dst = append(dst, tok{start: int32(i), end: int32(i + 3), kind: kPunct, ch: '-'})
				i += 3
				continue
			}
			j := wordEnd(s, i+1)
			t := tok{start: int32(i), end: int32(j), kind: kWord}
			if byteClass[c] == cUpper {
				t.flags |= fCap
			}
			if l := j - i; l <= lexMaxLen && mayBeWord(l, s[i], s[j-1]) {
				t.w = lexLookup(s, i, j)
			}
			dst = append(dst, t)
			i = j
		default:
			dst = append(dst, tok{start: int32(i), end: int32(i + 1), kind: kPunct, ch: c})
			i++
		}
	}
	return dst
}

// wordEnd returns the end of the word continuing at j: letters, digits
// and non-ASCII bytes other than the separators. Eight bytes at a time
// while they are ASCII, as most words are; a non-ASCII byte is read on its
// own, as it may start a separator.
func wordEnd(s string, j int) int {
	for j+8 <= len(s) {
		x := ascii8.Load(s[j : j+8])
		stop := ^ascii8.Alnum(x) & ascii8.High
		if stop == 0 {
			j += 8
			continue
		}
		if x&(stop&-stop) != 0 { // the first non-alphanumeric byte is not ASCII
			break
		}
		return j + bits.TrailingZeros64(stop)/8
	}
	for j < len(s) {
		k := byteClass[s[j]]
		if isAlnum(k) || k == cHigh && sepLen(s, j) == 0 {
			j++
			continue
		}
		break
	}
	return j
}

// lexFilter has a bit for each (length, first letter, last letter) of a
// lexicon word, so that most words of a text skip the map look-up.
var lexFilter [16 * 32 * 32 / 64]uint64

func filterKey(l int, first, last byte) int {
	return (l&15)<<10 | int(first&31)<<5 | int(last&31)
}

func mayBeWord(l int, first, last byte) bool {
	k := filterKey(l, first, last)
	return lexFilter[k>>6]&(1<<(k&63)) != 0
}

func isOrdinalSuffix(a, b byte) bool {
	return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
}

// cueRoles are the roles of the words of which every time expression has
// at least one, unless it has a number: each rule ends in a number, a
// month, a weekday, a unit ("the past week", "every day", "two years
// ago"), a day word ("yesterday", "overnight"), a part of the day ("this
// morning", "last night"), a season, "weekend" or a rate adverb ("daily").
// "the", "since", "from", "last" and the like only lead up to one.
const cueRoles = rMonth | rWeekday | rWeekdayAbbr | rUnit | rDayWord | rOvernight | rNight |
	rDayPart | rWeekend | rSeason | rRateAdv

// cueFilter is lexFilter for the words with a cue role.
var cueFilter [16 * 32 * 32 / 64]uint64

// mayHaveTime reports whether text has a number that may start a rule
// (see numMayStart) or a word with a cue role: a text with neither has no
// time expression, and most sentences that reach Find have neither (their
// numbers are counts, "12 people"), so this saves tokenising them. Words
// are read as runs of ASCII letters, which splits some of the tokeniser's
// words (at non-ASCII bytes) but never joins two, so a cue word the
// tokeniser would see is seen here too.
func mayHaveTime(s string) bool {
	n := len(s)
	for i := 0; i < n; {
		if !isLetter(s[i]) {
			i++
			continue
		}
		if i+8 <= n {
			// Most words: one load gives their end and key, as in tokenize.
			x := ascii8.Load(s[i : i+8])
			if stop := ^ascii8.Letters(x) & ascii8.High; stop != 0 {
				l := bits.TrailingZeros64(stop) / 8
				if k := filterKey(l, s[i], byte(x>>(8*(l-1)))); cueFilter[k>>6]&(1<<(k&63)) != 0 &&
					lexWords[lexProbe(ascii8.Short(x, l), 0)].roles&cueRoles != 0 {
					return true
				}
				i += l
				continue
			}
		}
		j := i + 1
		for j < n && isLetter(s[j]) {
			j++
		}
		if l := j - i; l <= lexMaxLen {
			k := filterKey(l, s[i], s[j-1])
			if cueFilter[k>>6]&(1<<(k&63)) != 0 && lexWords[lexLookup(s, i, j)].roles&cueRoles != 0 {
				return true
			}
		}
		i = j
	}
	// The numbers last: a sentence with a cue word mostly has it early,
	// and one without reads its numbers here and its words above anyway.
	return numberMayStart(s)
}

func isLetter(c byte) bool { return byteClass[c]-cLower <= cUpper-cLower }

// numberMayStart reports whether s has a run of digits that numMayStart
// might take, without a cue word after it: four digits (a year), or one
// or two before '.', '-', a non-ASCII byte (a dash) or a word of role rOf
// or rTo ("5th of", "1 to 5"), past any letters glued to them and spaces.
// Three digits, or one or two before anything else, start a rule only
// before a unit or a month, which are cue words. It errs towards true:
// the digits of a word ("MH17"), which the tokeniser does not make a
// number, are read as numbers too.
func numberMayStart(s string) bool {
	n := len(s)
	i := 0
	for {
		// To the next digit, eight bytes at a time: most bytes are not.
		for i+8 <= n && ascii8.Digits(ascii8.Load(s[i:i+8])) == 0 {
			i += 8
		}
		for i < n && byteClass[s[i]] != cDigit {
			i++
		}
		if i == n {
			return false
		}
		j := i + 1
		for j < n && byteClass[s[j]] == cDigit {
			j++
		}
		switch d := j - i; {
		case d == 4:
			return true
		case d <= 2:
			k := j
			for k < n && isAlnum(byteClass[s[k]]) {
				k++
			}
			for k < n && byteClass[s[k]] == cSpace {
				k++
			}
			if k < n && (s[k] == '.' || s[k] == '-' || s[k] >= 0x80) {
				return true
			}
			e := k
			for e < n && isLetter(s[e]) {
				e++
			}
			if l := e - k; l > 0 && l <= lexMaxLen && lexWords[lexLookup(s, k, e)].roles&(rOf|rTo) != 0 {
				return true
			}
		}
		i = j
	}
}
