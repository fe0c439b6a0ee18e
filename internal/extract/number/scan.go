package number

import "github.com/tallyhq/tally/internal/extract/ascii8"

// The scanner works on bytes: words are runs of ASCII letters (plus any
// byte >= 0x80, so that UTF-8 letters and symbols such as "€" stay inside a
// word and are never split), numbers are runs of ASCII digits, everything
// else is a one-byte symbol. It never decodes UTF-8, so invalid UTF-8 is
// just more word bytes.

type tkind uint8

const (
	tEOF tkind = iota
	tWord
	tNum
	tSym
)

// tok is a token: the byte range [s, e) of the text.
type tok struct {
	s, e int
	k    tkind
}

// Byte classes, looked up in a table because the scanner asks for every
// byte of the text.
const (
	cSpace = 1 << iota
	cDigit
	cAlpha // ASCII letter
	cWord  // ASCII letter or any byte >= 0x80
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = cSpace
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			t[c] = cAlpha | cWord
		case c >= 0x80:
			t[c] = cWord
		}
	}
	return
}()

func isSpace(c byte) bool    { return byteClass[c]&cSpace != 0 }
func isDigit(c byte) bool    { return byteClass[c]&cDigit != 0 }
func isAlpha(c byte) bool    { return byteClass[c]&cAlpha != 0 }
func isUpper(c byte) bool    { return c >= 'A' && c <= 'Z' }
func isWordByte(c byte) bool { return byteClass[c]&cWord != 0 }

// scanned, when not nil, counts the bytes the scanners below read. Every
// loop over the text goes through them, so the linearity test bounds this
// count instead of timing Find (such tests run one at a time, never in
// parallel).
var scanned *int

// next returns the token at the first non-space byte at or after i. An
// apostrophe between two letters stays inside the word ("o'clock").
func next(s string, i int) tok {
	i0 := i
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if scanned != nil {
		*scanned += i - i0 + 1 // the spaces; a number's or word's bytes are counted below
	}
	if i >= len(s) {
		return tok{len(s), len(s), tEOF}
	}
	c := s[i]
	switch {
	case isDigit(c):
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if scanned != nil {
			*scanned += j - i
		}
		return tok{i, j, tNum}
	case isWordByte(c):
		return tok{i, wordEnd(s, i), tWord}
	}
	return tok{i, i + 1, tSym}
}

// wordEnd returns the end of the word starting at i. An apostrophe between
// two letters stays inside the word ("o'clock").
func wordEnd(s string, i int) int {
	j := i + 1
	for j < len(s) {
		if c := byteClass[s[j]]; c&cWord != 0 {
			j++
		} else if s[j] == '\'' && j+1 < len(s) && isAlpha(s[j+1]) && isAlpha(s[j-1]) {
			j += 2
		} else {
			break
		}
	}
	if scanned != nil {
		*scanned += j - i
	}
	return j
}

// prev returns the token ending at the last non-space byte before i.
func prev(s string, i int) tok {
	if i > len(s) {
		i = len(s)
	}
	i0 := i
	for i > 0 && isSpace(s[i-1]) {
		i--
	}
	if scanned != nil {
		*scanned += i0 - i
	}
	if i <= 0 {
		return tok{0, 0, tEOF}
	}
	c := s[i-1]
	switch {
	case isDigit(c):
		j := i - 1
		for j > 0 && isDigit(s[j-1]) {
			j--
		}
		return tok{j, i, tNum}
	case isWordByte(c):
		j := i - 1
		for j > 0 {
			if isWordByte(s[j-1]) {
				j--
				continue
			}
			if s[j-1] == '\'' && j >= 2 && isAlpha(s[j-2]) && isAlpha(s[j]) {
				j -= 2
				continue
			}
			break
		}
		if scanned != nil {
			*scanned += i - j
		}
		return tok{j, i, tWord}
	}
	return tok{i - 1, i, tSym}
}

// look returns the lexicon entry of a word token, case-insensitively. The
// word's bytes, lower-cased, are the key itself (see lexFind): no string
// is built and none compared.
func look(s string, t tok) *lexEntry {
	n := t.e - t.s
	if t.k != tWord || n > maxKey {
		return &zeroEntry
	}
	if scanned != nil {
		*scanned += n
	}
	if n <= 8 && t.s+8 <= len(s) {
		// The word and what follows it, in one load; the mask drops what
		// follows.
		return lexFind(ascii8.Short(ascii8.Load(s[t.s:t.s+8]), n), 0)
	}
	return lexFind(ascii8.Key(s, t.s, t.e))
}

// is reports whether token t is the word w (lower case), ignoring case.
func is(s string, t tok, w string) bool {
	if t.k != tWord || t.e-t.s != len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := s[t.s+i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// isSym reports whether token t is the symbol c.
func isSym(s string, t tok, c byte) bool { return t.k == tSym && s[t.s] == c }

// maxCount bounds every value: nothing larger is a count, and keeping all
// arithmetic below it means int64 never overflows.
const maxCount int64 = 1e15

// satMul and satAdd compute within [0, maxCount], reporting saturation.
func satMul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, false
	}
	if a > maxCount/b {
		return maxCount, true
	}
	return a * b, false
}

func satAdd(a, b int64) (int64, bool) {
	if a > maxCount-b {
		return maxCount, true
	}
	return a + b, false
}

// digitRun reads the digits at i: end, value (saturated), digit count.
func digitRun(s string, i int) (end int, v int64, n int, over bool) {
	end = i
	for end < len(s) && isDigit(s[end]) {
		if v > (maxCount-9)/10 {
			over = true
		} else {
			v = v*10 + int64(s[end]-'0')
		}
		end++
		n++
	}
	if scanned != nil {
		*scanned += end - i + 1
	}
	return
}

// numForm is the shape of a digit expression.
type numForm uint8

const (
	formInt     numForm = iota // 29, 55,000
	formDecimal                // 1.5
	formDate                   // 05.10.2017, 10/05/2017, 2018-04-07, 07-04-2018
	formTime                   // 10:30, 10:30:15
	formSlash                  // 2/3, 9/11, 2017/18
	formDotted                 // 1.2.3 and other dotted identifiers
	formRatio                  // 3:1, 2:255
)

// numLex is a digit expression as written.
type numLex struct {
	end    int
	form   numForm
	ival   int64 // integer part, comma groups joined
	fnum   int64 // fraction: fnum/fden
	fden   int64
	nd     int // digits in the integer part
	b      int64
	bn     int // the second part of a slash or ratio form and its digit count
	lead0  bool
	commas bool
	over   bool
}

// addGroup appends the three-digit group at s[at:] to the number
// ("55" then ",000"), saturating rather than overflowing.
func (nl *numLex) addGroup(s string, at int) {
	_, g, _, _ := digitRun(s, at)
	var o1, o2 bool
	nl.ival, o1 = satMul(nl.ival, 1000)
	nl.ival, o2 = satAdd(nl.ival, g)
	nl.over = nl.over || o1 || o2
	nl.nd += 3
}

// lexNumber reads the digit expression starting at i (a digit).
//
// Only commas followed by exactly three digits are thousands separators
// ("1,500"); a dot followed by digits is a decimal point ("1.5"; so the
// European "1.500" is one and a half). Dates and times are recognised here
// because their separators would otherwise split them into counts.
func lexNumber(s string, i int) numLex {
	j, v, n, over := digitRun(s, i)
	nl := numLex{end: j, form: formInt, ival: v, nd: n, fden: 1, over: over, lead0: n > 1 && s[i] == '0'}
	if n <= 3 {
		for j+3 < len(s) && s[j] == ',' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) &&
			(j+4 == len(s) || !isDigit(s[j+4])) {
			nl.addGroup(s, j+1)
			nl.commas = true
			j += 4
		}
		// "300 000": a space before a group is a separator only when the
		// group starts with 0, since "killed 12 100 wounded" is two numbers.
		for !nl.commas && j+3 < len(s) && s[j] == ' ' && s[j+1] == '0' && isDigit(s[j+2]) && isDigit(s[j+3]) &&
			(j+4 == len(s) || !isDigit(s[j+4])) {
			nl.addGroup(s, j+1)
			j += 4
		}
		nl.end = j
	}
	if j+1 >= len(s) || !isDigit(s[j+1]) {
		return nl
	}
	switch s[j] {
	case '.':
		k, _, fn, _ := digitRun(s, j+1)
		if k+1 < len(s) && s[k] == '.' && isDigit(s[k+1]) && !nl.commas {
			m, _, mn, _ := digitRun(s, k+1)
			if (n <= 2 && fn <= 2 && (mn == 2 || mn == 4)) || (n == 4 && fn <= 2 && mn <= 2) {
				nl.form = formDate
			} else {
				nl.form = formDotted
			}
			for m+1 < len(s) && s[m] == '.' && isDigit(s[m+1]) {
				nl.form = formDotted
				m, _, _, _ = digitRun(s, m+1)
			}
			nl.end = m
			return nl
		}
		// Keep nine fraction digits at most; the rest cannot matter.
		nl.form = formDecimal
		for p := j + 1; p < k && p < j+10; p++ {
			nl.fnum = nl.fnum*10 + int64(s[p]-'0')
			nl.fden *= 10
		}
		nl.end = k
	case ':':
		if nl.commas {
			return nl
		}
		k, b, bn, _ := digitRun(s, j+1)
		nl.b, nl.bn, nl.end = b, bn, k
		if n <= 2 && bn == 2 && v <= 24 && b < 60 {
			nl.form = formTime
			if k+2 < len(s) && s[k] == ':' && isDigit(s[k+1]) && isDigit(s[k+2]) && (k+3 == len(s) || !isDigit(s[k+3])) {
				nl.end = k + 3
			}
		} else {
			nl.form = formRatio
		}
	case '/':
		if nl.commas {
			return nl
		}
		k, b, bn, _ := digitRun(s, j+1)
		nl.b, nl.bn, nl.end = b, bn, k
		nl.form = formSlash
		if k+1 < len(s) && s[k] == '/' && isDigit(s[k+1]) {
			nl.end, _, _, _ = digitRun(s, k+1)
			nl.form = formDate
		}
	case '-':
		// Only whole numeric dates; "25-30" is a range, handled by the caller.
		if nl.commas || (n != 4 && n > 2) {
			return nl
		}
		k, _, bn, _ := digitRun(s, j+1)
		if bn > 2 || k+1 >= len(s) || s[k] != '-' || !isDigit(s[k+1]) {
			return nl
		}
		m, _, cn, _ := digitRun(s, k+1)
		if (n == 4 && cn <= 2) || (n <= 2 && (cn == 2 || cn == 4)) {
			nl.form = formDate
			nl.end = m
		}
	}
	return nl
}
