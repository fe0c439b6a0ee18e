package attrib

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/tallyhq/tally/internal/extract/wordset"
)

// Punctuation classes of a token. Words have class 0.
const (
	pEnd    = '.' // sentence end: . ! ? ; and a blank line
	pComma  = ','
	pColon  = ':'
	pOpenQ  = 'o' // opening quotation mark
	pCloseQ = 'c' // closing quotation mark
	pAmbQ   = 'q' // a straight quote we cannot orient
	pLParen = '('
	pRParen = ')'
	pDash   = '-' // a free-standing dash between clauses
	pOther  = 'x'
)

// tok is one word or punctuation mark with its byte offsets in the text.
// The keys are what the lexicons are matched on: lower case, without dots,
// apostrophes or a possessive 's, so "U.S.", "US" and "us" share the key
// "us" and "Syria's" and the stripped "Syrias" can both find "syrian".
type tok struct {
	start, end int
	key        string    // normalised word; "" for punctuation
	alt        string    // second key to try: plural/possessive stripped or its demonym
	p          byte      // punctuation class, 0 for words
	cap        bool      // starts with an upper-case letter
	upper      bool      // all letters upper-case and at least one letter ("ISIS", "U.S."); case-sensitive aliases match only these
	hyph       bool      // glued to the previous word by a hyphen ("led" in "US-led")
	poss       bool      // written with a possessive ("Assad's")
	w, wa      *wordInfo // what the lexicons know of key and alt; nil: nothing
}

func (t *tok) word() bool { return t.p == 0 }

// demonyms lets a possessive country name match the adjective form the
// lexicons use: "Syria's state news agency" = "Syrian state news agency",
// "Russias ministry of defence" = "Russian ministry of defence".
var demonyms = map[string]string{
	"syria": "syrian", "russia": "russian", "turkey": "turkish", "iran": "iranian",
	"israel": "israeli", "america": "american", "britain": "british", "iraq": "iraqi",
	"jordan": "jordanian", "lebanon": "lebanese", "france": "french", "germany": "german",
}

// titleAbbrevs are abbreviations whose full stop belongs to the word, so that
// "Maj. Gen. Igor Konashenkov said" is not cut into sentences.
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "maj": true, "col": true,
	"lt": true, "capt": true, "sgt": true, "brig": true, "st": true, "prof": true, "sen": true,
	"rep": true, "gov": true, "cpl": true, "adm": true, "lieut": true, "no": false,
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// tokenize splits s into words and punctuation. It never fails: invalid
// UTF-8 bytes become one-byte punctuation tokens. Runs in one pass.
func tokenize(s string, out []tok) []tok {
	return tokenizeLowered(s, "", out)
}

// tokenizeLowered is tokenize given lowered, s with its ASCII letters in
// lower case as asciiLower makes it, or "" to have it made when a word
// needs it.
func tokenizeLowered(s, lowered string, out []tok) []tok {
	out = out[:0]
	glued := false // the previous word ended in a hyphen that joins this one
	lower := ""    // s with ASCII letters in lower case, made when a word needs it
	if len(lowered) == len(s) {
		lower = lowered
	}
	lx := lex // nil while the lexicons load
	i := 0
	for i < len(s) {
		c := s[i]
		if k := byteKinds[c]; k&kAlnum != 0 {
			// Most tokens are words of ASCII letters and digits up to a
			// space or a mark that cannot go on with them: their bytes are
			// run through once, and they need none of scanWord's and
			// makeWord's cases. Kept in this loop rather than a call, as
			// it is most of the tokens of every sentence.
			j, kinds := i+1, k
			for j < len(s) {
				k := byteKinds[s[j]]
				if k&kAlnum == 0 {
					break
				}
				kinds |= k
				j++
			}
			if j == len(s) || byteKinds[s[j]]&(kMark|kHigh|kComma) == 0 {
				key := s[i:j]
				if kinds&kUpper != 0 {
					if lower == "" {
						lower = asciiLower(s)
					}
					key = lower[i:j]
				}
				t := tok{
					start: i, end: j, key: key, alt: plainAlt(key), hyph: glued,
					cap:   k&kUpper != 0,
					upper: kinds&(kUpper|kLower) == kUpper,
				}
				if lx != nil {
					t.w = lx.word(key)
					if t.alt != "" {
						t.wa = lx.word(t.alt)
					}
				}
				out = append(out, t)
				glued = false
				if j < len(s) {
					switch c := s[j]; {
					case c == ' ':
						// Most often one space to the next word: as the
						// case below.
						j++
					case c == '-':
						if j+1 < len(s) && byteKinds[s[j+1]]&kAlnum != 0 {
							glued = true
							j++
						} else {
							glued, j = hyphenAfter(s, j)
						}
					}
				}
				i = j
				continue
			}
		}
		r, w := rune(c), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r < utf8.RuneSelf && byteKinds[r]&kAlnum != 0 || r >= utf8.RuneSelf && isWordRune(r):
			// A word with marks or other letters than ASCII ones.
			j := scanWord(s, i)
			if lower == "" && hasASCIIUpper(s[i:j]) {
				lower = asciiLower(s)
			}
			out = append(out, tok{})
			t := &out[len(out)-1]
			makeWord(t, s, lower, i, j, glued)
			if lx != nil {
				t.w = lx.word(t.key)
				if t.alt != "" {
					t.wa = lx.word(t.alt)
				}
			}
			glued = false
			if j < len(s) && (s[j] == '-' || s[j] >= utf8.RuneSelf) {
				glued, j = hyphenAfter(s, j)
			} else if j < len(s) && s[j] == ' ' {
				j++
			}
			i = j
		case r == ' ':
			glued = false
			i++
		case r == '\n':
			// A blank line ends a sentence (headline, paragraphs); a single
			// newline is only wrapping.
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
				j++
			}
			if j < len(s) && s[j] == '\n' {
				out = append(out, tok{start: i, end: i + 1, p: pEnd})
			}
			glued = false
			i += w
		case r < utf8.RuneSelf && (r == '\t' || r == '\r' || r == '\v' || r == '\f') || r >= utf8.RuneSelf && unicode.IsSpace(r):
			glued = false
			i += w
		default:
			out = append(out, tok{start: i, end: i + w, p: punctClass(s, i, r, w)})
			glued = false
			i += w
		}
	}
	return out
}

// hyphenAfter reports whether the hyphen at s[j], if it is one, glues the
// word before it to a word after it, and where the next token starts.
func hyphenAfter(s string, j int) (bool, int) {
	r2, w2 := utf8.DecodeRuneInString(s[j:])
	if isHyphen(r2) && j+w2 < len(s) {
		r3, _ := utf8.DecodeRuneInString(s[j+w2:])
		if isWordRune(r3) {
			return true, j + w2
		}
	}
	return false, j
}

func hasASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// asciiLower returns s with its ASCII letters in lower case and every other
// byte as it is, so that a word of ASCII letters in it is at the same
// offsets as in s.
func asciiLower(s string) string {
	if len(s) == 0 {
		return ""
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	// As strings.Builder does: b is not written again, so the string
	// may share it rather than copy it.
	return unsafe.String(&b[0], len(b))
}

// scanWord returns the end of the word starting at i: letters and digits,
// an apostrophe between letters, full stops of initialisms (U.S., U.N.) and
// of title abbreviations, and separators inside numbers (1,500; 3.5).
func scanWord(s string, i int) int {
	j := i
	segLen := 0 // letters since the last dot, for initialisms
	dotted := false
	for j < len(s) {
		if byteKinds[s[j]]&kAlnum != 0 {
			// A run of ASCII letters and digits, the bulk of every word.
			k := j + 1
			for k < len(s) && byteKinds[s[k]]&kAlnum != 0 {
				k++
			}
			segLen += k - j
			j = k
			continue
		}
		if c := s[j]; c < utf8.RuneSelf && c != '\'' && c != ',' && c != '.' {
			break // space and most punctuation end a word at once
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += w
			segLen++
			continue
		}
		if j+w < len(s) && j > i {
			next, _ := utf8.DecodeRuneInString(s[j+w:])
			prev, _ := utf8.DecodeLastRuneInString(s[i:j])
			if isApos(r) && unicode.IsLetter(prev) && unicode.IsLetter(next) {
				j += w
				continue
			}
			if (r == ',' || r == '.') && unicode.IsDigit(prev) && unicode.IsDigit(next) {
				j += w
				continue
			}
			if r == '.' && segLen == 1 && unicode.IsLetter(prev) && unicode.IsLetter(next) {
				// "U.S": keep going inside an initialism
				j += w
				segLen = 0
				dotted = true
				continue
			}
		}
		break
	}
	// A trailing full stop belongs to "U.S." and "Gen." but not to a word
	// that ends a sentence.
	if j < len(s) && s[j] == '.' {
		if (dotted && segLen == 1) || isTitleAbbrev(s[i:j]) {
			j++
		}
	}
	// A plural possessive written "rebels'" keeps its apostrophe.
	if j < len(s) && j > i && s[j] == '\'' && s[j-1] == 's' {
		if j+1 == len(s) || !isWordRune(rune(s[j+1])) {
			j++
		}
	}
	return j
}

// Byte kinds for the word loops: one table look-up a byte instead of a
// chain of comparisons.
const (
	kUpper = 1 << iota // A-Z
	kLower             // a-z
	kDigit             // 0-9
	kMark              // . and ', which a key drops
	kHigh              // a byte of a non-ASCII character
	kComma             // ',', which goes on a number ("1,500")

	kAlnum = kUpper | kLower | kDigit
)

var byteKinds = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = kUpper
		case 'a' <= c && c <= 'z':
			t[c] = kLower
		case '0' <= c && c <= '9':
			t[c] = kDigit
		case c == '.' || c == '\'':
			t[c] = kMark
		case c >= utf8.RuneSelf:
			t[c] = kHigh
		case c == ',':
			t[c] = kComma
		}
	}
	return t
}()

// isTitleAbbrev reports whether word, in lower case, is a title
// abbreviation.
func isTitleAbbrev(word string) bool { return titleAbbrevSet.Has(word) }

// titleAbbrevSet answers as wordset.HasFolded(titleAbbrevs, word) in one
// probe of a table rather than a map hash: scanWord asks it of every word
// before a full stop.
var titleAbbrevSet = wordset.NewFolded(titleAbbrevs)

// makeWord fills t, a zero token, for the word s[i:j]; lower is s with
// ASCII letters in lower case, or "" when the word has no upper-case ASCII
// letter.
func makeWord(t *tok, s, lower string, i, j int, glued bool) {
	raw := s[i:j]
	t.start, t.end, t.hyph = i, j, glued
	// What kinds of byte the word has is all the ASCII case needs: its
	// letters are all capitals when it has a capital and no small letter.
	var kinds uint8
	for i := 0; i < len(raw); i++ {
		kinds |= byteKinds[raw[i]]
	}
	marks := kinds&kMark != 0
	var k string
	if kinds&kHigh == 0 {
		// The common case, without allocation when already lower case.
		t.cap = 'A' <= raw[0] && raw[0] <= 'Z'
		t.upper = kinds&kUpper != 0 && kinds&kLower == 0
		k = raw
		if kinds&kUpper != 0 {
			k = lower[i:j]
		}
	} else {
		letters, uppers := 0, 0
		for i, c := range raw {
			if i == 0 {
				t.cap = unicode.IsUpper(c)
			}
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					uppers++
				}
			}
		}
		k = strings.ToLower(raw)
		marks = true
		t.upper = letters > 0 && letters == uppers
	}
	last := k[len(k)-1]
	switch {
	case last != 's' && last != '\'':
	case strings.HasSuffix(k, "'s"), strings.HasSuffix(k, "’s"), strings.HasSuffix(k, "ʼs"):
		_, w := utf8.DecodeLastRuneInString(k[:len(k)-1])
		k = k[:len(k)-1-w]
		t.poss = true
	case strings.HasSuffix(k, "s'"):
		k = k[:len(k)-1]
		t.poss = true
	}
	if marks && strings.ContainsAny(k, ".'’ʼ") {
		k = strings.Map(func(c rune) rune {
			if c == '.' || isApos(c) {
				return -1
			}
			return c
		}, k)
	}
	t.key = k
	if t.poss {
		t.alt = demonym(k)
	} else {
		// Possessive with the apostrophe stripped ("Syrias"), or a plural.
		t.alt = plainAlt(k)
	}
}

// plainAlt is the alternative key of a word k without a possessive: a
// plural's stem or that stem's demonym ("syrias" → "syrian"), or "".
func plainAlt(k string) string {
	if len(k) <= 2 || k[len(k)-1] != 's' {
		return ""
	}
	stem := k[:len(k)-1]
	if d := demonym(stem); d != "" {
		return d
	}
	return stem
}

// demonym is demonyms[k]; most words are no country, and their length
// and last letter say so without a map look-up.
func demonym(k string) string {
	if n := len(k); n < demonymShape.min || n > demonymShape.max || !demonymShape.last[k[n-1]] {
		return ""
	}
	return demonyms[k]
}

// demonymShape is the lengths and last letters of the demonyms' keys.
var demonymShape = func() (sh struct {
	min, max int
	last     [256]bool
}) {
	sh.min = 1 << 30
	for k := range demonyms {
		sh.min, sh.max = min(sh.min, len(k)), max(sh.max, len(k))
		sh.last[k[len(k)-1]] = true
	}
	return sh
}()

func punctClass(s string, i int, r rune, w int) byte {
	switch r {
	case '.', '!', '?', ';', '…':
		return pEnd
	case ',', '،':
		return pComma
	case ':':
		return pColon
	case '(', '[':
		return pLParen
	case ')', ']':
		return pRParen
	case '“', '«', '„':
		return pOpenQ
	case '”', '»':
		return pCloseQ
	case '"', '‘', '’':
		// Straight quotes: a mark glued to the word before it closes a
		// quotation, one glued to the word after it opens one.
		before := i > 0 && !unicode.IsSpace(lastRune(s[:i]))
		after := i+w < len(s) && !unicode.IsSpace(firstRune(s[i+w:]))
		switch {
		case before && !after:
			return pCloseQ
		case after && !before:
			return pOpenQ
		case i == 0:
			return pOpenQ
		case i+w == len(s):
			return pCloseQ
		}
		return pAmbQ
	case '-', '–', '—', '‐', '‑':
		return pDash
	}
	return pOther
}

func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

// isQuote reports whether class p is any quotation mark.
func isQuote(p byte) bool { return p == pOpenQ || p == pCloseQ || p == pAmbQ }
