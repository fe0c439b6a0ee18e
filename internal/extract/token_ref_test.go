package extract

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract/number"
	"github.com/tallyhq/tally/internal/extract/wordset"
	"github.com/tallyhq/tally/internal/testshared"
)

// refAppendLowered is the tokenizer as it was before its ASCII fast paths:
// the reference the tests hold appendLowered to, token for token.
func refAppendLowered(toks []token, s, lowered string, mentions []number.Mention) []token {
	mi := 0
	for i := 0; i < len(s); {
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
			continue
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == ' ' || unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				if c := s[j]; c < utf8.RuneSelf {
					// ASCII, without decoding.
					if asciiWord[c] || (c == '-' || c == '\'') && j+1 < len(s) && isWordByte(s[j+1]) {
						j++
						continue
					}
					break
				}
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += sz
					continue
				}
				break
			}
			if mi < len(mentions) && mentions[mi].Start < j && mentions[mi].Start > i {
				// A mention starting inside a word ("x25") ends the word there.
				j = mentions[mi].Start
			}
			w := ""
			if lowered != "" {
				w = lowered[i:j]
			} else {
				w = strings.ToLower(s[i:j])
			}
			t := token{kind: tokWord, start: i, end: j, lower: w, upper: unicode.IsUpper(r), wid: wordID(w)}
			// The rules ask these of a token again and again: it is
			// asked once.
			t.name = nameToken(t)
			t.poss = t.name && possessive(t)
			toks = append(toks, t)
			i = j
		default:
			p := s[i : i+size]
			id := uint32(0)
			if size == 1 {
				id = punctIDs[p[0]]
			} else {
				id = wordID(p)
			}
			toks = append(toks, token{kind: tokPunct, start: i, end: i + size, lower: p, wid: id})
			i += size
		}
	}
	return toks
}

// checkSameTokens fails unless the tokenizer and the reference agree on s,
// lower-cased whole when it is ASCII and word by word when not.
func checkSameTokens(t *testing.T, s string) {
	t.Helper()
	ms := number.Find(s)
	lowered, _ := lowerIfASCII(s)
	if got, want := appendLowered(nil, s, lowered, ms), refAppendLowered(nil, s, lowered, ms); !reflect.DeepEqual(got, want) {
		t.Fatalf("appendLowered(%q) =\n%+v\nthe reference gives\n%+v", s, got, want)
	}
}

func TestTokensAsReference(t *testing.T) {
	for _, tc := range casualtyCorpus {
		checkSameTokens(t, tc.sentence)
	}
	for _, tc := range sourceCorpus {
		checkSameTokens(t, tc.text)
	}
	for _, s := range []string{
		"x25 killed, al-Nusra's 1,500 Daesh* fighters\tin\vIdlib\u00a0and Ḥamāh; ‘quoted’ — 3-4 x-",
		"Raqqa's rebels' ' - -a a- É\u0301 \xff 12\xe2\x80\x9315 Zor\r\nX",
	} {
		checkSameTokens(t, s)
	}
}

func FuzzTokensAsReference(f *testing.F) {
	for _, tc := range casualtyCorpus {
		f.Add(tc.sentence)
	}
	f.Add("x25 killed, al-Nusra's 1,500 Daesh* fighters in Ḥamāh")
	f.Fuzz(checkSameTokens)
}

// forEachDevSentence calls check with every sentence of the development
// corpus's titles and bodies, as the extractor splits them.
func forEachDevSentence(t *testing.T, check func(*testing.T, string)) {
	t.Helper()
	path := testshared.Path(t, "corpus/fakes-dev/fakes-dev.csv")
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{doc.Title.Norm, doc.Body.Norm} {
			for _, sp := range splitSentences(text) {
				check(t, text[sp.start:sp.end])
			}
		}
	}
}

// TestTokensAsReferenceFakesDev holds the tokenizer to the reference on
// every sentence of the development corpus.
func TestTokensAsReferenceFakesDev(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole corpus")
	}
	forEachDevSentence(t, checkSameTokens)
}

func checkLowerIfASCII(t *testing.T, s string) {
	t.Helper()
	got, ok := lowerIfASCII(s)
	want := ""
	if isASCII(s) {
		want = strings.ToLower(s)
	}
	if ok != isASCII(s) || got != want {
		t.Fatalf("lowerIfASCII(%q) = %q, %v; want %q, %v", s, got, ok, want, isASCII(s))
	}
}

func TestLowerIfASCII(t *testing.T) {
	for _, s := range []string{"", "A", "Raqqa's ZOO@[`{", "12345678ABCDEFGHx", "abcdefgh\xc3\xa9", "\xc3\xa9abcdefghIJ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{~\x7f\x00"} {
		checkLowerIfASCII(t, s)
	}
}

func FuzzLowerIfASCII(f *testing.F) {
	f.Add("Raqqa's ZOO@[`{ 12345678")
	f.Add("abcdefgh\xc3\xa9")
	f.Fuzz(checkLowerIfASCII)
}

func checkAbbreviationFolded(t *testing.T, raw string) {
	t.Helper()
	if got, want := abbreviationFolded(raw), wordset.HasFolded(abbreviations, raw); got != want {
		t.Fatalf("abbreviationFolded(%q) = %v, HasFolded gives %v", raw, got, want)
	}
	if got, want := foldedLen(raw), len(strings.ToLower(raw)); got != want {
		t.Fatalf("foldedLen(%q) = %d, want %d", raw, got, want)
	}
}

func TestAbbreviationFolded(t *testing.T) {
	for k := range abbreviations {
		checkAbbreviationFolded(t, k)
		checkAbbreviationFolded(t, strings.ToUpper(k))
		checkAbbreviationFolded(t, k+"x")
	}
	for _, s := range []string{"", "U.S", "\u212ao", "C\u212a", "approxim", "approximately", "Mrs", "É", "dr\xff"} {
		checkAbbreviationFolded(t, s)
	}
}

func FuzzAbbreviationFolded(f *testing.F) {
	f.Add("U.S")
	f.Add("\u212ao")
	f.Fuzz(checkAbbreviationFolded)
}
