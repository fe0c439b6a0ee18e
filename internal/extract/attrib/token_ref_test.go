package attrib

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The tokenizer as it was before its byte loops went through tables: the
// reference the tests hold the faster one to, token for token.

func refTokenizeLowered(s, lowered string, out []tok) []tok {
	out = out[:0]
	glued := false // the previous word ended in a hyphen that joins this one
	lower := ""    // s with ASCII letters in lower case, made when a word needs it
	if len(lowered) == len(s) {
		lower = lowered
	}
	i := 0
	for i < len(s) {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		switch {
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
		case isWordRune(r):
			j := refScanWord(s, i)
			if lower == "" && hasASCIIUpper(s[i:j]) {
				lower = asciiLower(s)
			}
			out = append(out, tok{})
			t := &out[len(out)-1]
			refMakeWord(t, s, lower, i, j, glued)
			if lex != nil { // nil while the lexicons load
				t.w = lex.word(t.key)
				if t.alt != "" {
					t.wa = lex.word(t.alt)
				}
			}
			glued = false
			if j < len(s) && (s[j] == '-' || s[j] >= utf8.RuneSelf) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if isHyphen(r2) && j+w2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+w2:])
					if isWordRune(r3) {
						glued = true
						j += w2
					}
				}
			}
			i = j
		default:
			out = append(out, tok{start: i, end: i + w, p: punctClass(s, i, r, w)})
			glued = false
			i += w
		}
	}
	return out
}

func refScanWord(s string, i int) int {
	j := i
	segLen := 0 // letters since the last dot, for initialisms
	dotted := false
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			j++
			segLen++
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

func refMakeWord(t *tok, s, lower string, i, j int, glued bool) {
	raw := s[i:j]
	t.start, t.end, t.hyph = i, j, glued
	letters, uppers, ascii, marks := 0, 0, true, false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case 'A' <= c && c <= 'Z':
			letters++
			uppers++
		case 'a' <= c && c <= 'z':
			letters++
		case c == '.' || c == '\'':
			marks = true
		}
	}
	var k string
	if ascii {
		// The common case, without allocation when already lower case.
		t.cap = 'A' <= raw[0] && raw[0] <= 'Z'
		k = raw
		if uppers > 0 {
			k = lower[i:j]
		}
	} else {
		letters, uppers = 0, 0
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
	}
	t.upper = letters > 0 && letters == uppers
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
	} else if len(k) > 2 && k[len(k)-1] == 's' {
		// Possessive with the apostrophe stripped ("Syrias"), or a plural.
		stem := k[:len(k)-1]
		if d := demonym(stem); d != "" {
			t.alt = d
		} else {
			t.alt = stem
		}
	}
}

// checkSameTokens fails unless the tokenizer and the reference agree on s.
func checkSameTokens(t *testing.T, s string) {
	t.Helper()
	want := refTokenizeLowered(s, "", nil)
	if got := tokenize(s, nil); !reflect.DeepEqual(got, want) {
		t.Fatalf("tokenize(%q) =\n%+v\nthe reference gives\n%+v", s, got, want)
	}
	// As the extractor calls it, with the sentence lower-cased already.
	if got := tokenizeLowered(s, asciiLower(s), nil); !reflect.DeepEqual(got, want) {
		t.Fatalf("tokenizeLowered(%q) =\n%+v\nthe reference gives\n%+v", s, got, want)
	}
	checkLongest(t, s, want)
}

// checkLongest fails unless the tries' longest, which follows one path
// while it does not branch, finds what the full search finds from every
// token of s.
func checkLongest(t *testing.T, s string, toks []tok) {
	t.Helper()
	for i := range toks {
		if e, end := lex.src.longest(toks, i); true {
			if we, wend := lex.src.longestSearch(toks, i); e != we || end != wend {
				t.Fatalf("%q from token %d: sources longest gives %v..%d, the search %v..%d", s, i, e, end, we, wend)
			}
		}
		if e, end := lex.act.longest(toks, i); true {
			if we, wend := lex.act.longestSearch(toks, i); e != we || end != wend {
				t.Fatalf("%q from token %d: actors longest gives %v..%d, the search %v..%d", s, i, e, end, we, wend)
			}
		}
	}
}

// TestLongestAsSearch holds longest to the full search on the fakes-dev
// sentences, where speaker names branch on possessives and plurals.
func TestLongestAsSearch(t *testing.T) {
	branched := 0
	for _, a := range fakesDev(t) {
		for _, s := range sentences(a) {
			toks := tokenize(s, nil)
			checkLongest(t, s, toks)
			for i := range toks {
				if len(lex.src.children(0, &toks[i], nil)) > 1 {
					branched++
				}
			}
		}
	}
	if branched == 0 {
		t.Error("no token branches: the search is not tested")
	}
}

func TestTokenizeAsReference(t *testing.T) {
	for _, c := range findCases {
		checkSameTokens(t, c.sentence)
	}
	for _, s := range []string{
		"U.S. Gen. Smith's rebels' 1,500 3.5 U.N.-led al-Nusra Syria’s ISIS-held Ü.S. É. naïve I.",
		"x.y. a.b.c. Mr. MR. mr. ab.cd 'quoted' rebels'x Asad’s ʼs \xff\xfe a\u0301b",
		"US-led al-Nusra-held 2-3 a- -b x-é X-\u2010Y a\u2011b end-",
		"AB, ab,cd 1,5 SANA. said\ttold\nAleppo \u00a0Idlib",
	} {
		checkSameTokens(t, s)
	}
}

func FuzzTokenizeAsReference(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.sentence)
	}
	f.Add("U.S. Gen. Smith's rebels' 1,500 3.5 U.N.-led al-Nusra Syria’s")
	f.Fuzz(checkSameTokens)
}
