package number

import (
	"math/bits"
	"reflect"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/extract/ascii8"
)

// findSlow is AppendFind as it was before mayStart, startNext and the
// quantity letters of qualNext: every start word is tried, and every
// qualifier phrase matched, whatever follows it. It fails t when mayStart
// turns away a word that tryRef would take.
func findSlow(t *testing.T, text string) []Mention {
	t.Helper()
	f := newFinder(text)
	var out []Mention
	var x expr
	i := 0
	for {
		tk := scanCandidateRef(text, i)
		if tk.k == tEOF {
			break
		}
		if tk.k == tWord && f.look(tk).flags&fStart == 0 {
			i = tk.e
			continue
		}
		skip := tk.k == tWord && !f.mayStart(tk)
		if !f.tryRef(tk, &x) {
			i = tk.e
			continue
		}
		if skip {
			t.Fatalf("mayStart skips %q at %d, but try reads %q", text[tk.s:tk.e], tk.s, text[x.start:x.end])
		}
		if k, emit := f.classify(&x); emit {
			out = append(out, f.mention(&x, k))
			f.lastEnd, f.lastKind = x.end, k
		}
		i = max(x.end, tk.e)
	}
	return out
}

// scanCandidateRef is scanCandidate without startNext: it returns every
// word shaped like a start word, whatever follows it.
func scanCandidateRef(s string, i int) tok {
	n := len(s)
	for i < n {
		c := s[i]
		switch cl := byteClass[c]; {
		case cl&cAlpha != 0:
			if i+8 <= n {
				x := ascii8.Load(s[i : i+8])
				if other := nonWord(x); other != 0 {
					l := bits.TrailingZeros64(other) / 8
					after := byte(x >> (8 * l))
					if after != '\'' || i+l+1 >= n {
						if startLast[shapeIndex(c, l)]&(1<<(letterIndex[byte(x>>(8*(l-1)))]&31)) != 0 {
							return tok{i, i + l, tWord}
						}
						i += l
						if after == ' ' {
							i++
						}
						continue
					}
				}
			}
			j := wordRun(s, i+1)
			if j+1 < n && s[j] == '\'' {
				j = wordEnd(s, i)
			}
			if startLast[shapeIndex(c, j-i)]&(1<<(letterIndex[s[j-1]]&31)) != 0 {
				return tok{i, j, tWord}
			}
			i = j
		case cl&cDigit != 0:
			j := i + 1
			for j < n && isDigit(s[j]) {
				j++
			}
			return tok{i, j, tNum}
		case cl&cWord != 0:
			i = wordEnd(s, i)
		default:
			i++
		}
	}
	return tok{n, n, tEOF}
}

// tryRef is try without qualNext: every qualifier phrase of the word is
// matched, whatever follows it.
func (f *finder) tryRef(t tok, x *expr) bool {
	if t.k == tWord {
		e := f.look(t)
		for _, p := range e.phrases {
			if p.vague {
				break
			}
			end, ok := f.matchPhrase(t, p)
			if !ok {
				continue
			}
			if f.expression(t.s, f.next(end), p.q, x) {
				x.qualOver = p.over
				return true
			}
		}
		if e.flags&fQuantity == 0 {
			return false
		}
	}
	return f.expression(t.s, t, qNone, x)
}

func checkSkipAgrees(t *testing.T, text string) {
	t.Helper()
	got, want := Find(text), findSlow(t, text)
	if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
		t.Fatalf("Find(%q) = %+v, trying every start word gives %+v", text, got, want)
	}
}

// TestMayStartAgreesWithTry: skipping the start words that the next
// word's first letter rules out finds what trying each of them does.
func TestMayStartAgreesWithTry(t *testing.T) {
	texts := append([]string{
		"a-dozen people, a dozen, a hundred, a half million, a few, a couple of, a handful of, a number of",
		"a minimum of 5, a maximum of 6, an estimated 7, as many as 8, at least 9, at most 10, in excess of 11",
		"in 2014, at 5, as 6, an 7, a 8, a", "a ", "a -", "a-", "an-hundred", "A Dozen", "IN EXCESS OF 12",
		"up to 30, no fewer than 4, not less than 5, just under 6, close to 7, well over 8",
		"half a million, quarter of a million, first, twenty-first, one and a half million",
		"in the 5, in  excess of 6, in\texcess of 7, a  dozen, a 12, a-12, an 8, as\u00a0many as 9, at\nleast 10, in excess",
		"from 2014 to 2015, from the 12, from twelve to 13, some 30, some people, over 5, over Five, about $5, about half, around a dozen, nearly one-third",
		"between 2 and 3, from x to 4, some\t12, some  twelve, from\n9, over\u00a012, over 1st, some first",
		"a car, a bus, a hundred, a Hundred, a Few, a\tfew, a few", "in e", "a d", "at l", "at ",
	}, fuzzSeeds...)
	for _, text := range texts {
		checkSkipAgrees(t, text)
	}
	dev := devText(t)
	for _, line := range strings.Split(dev, "\n") {
		checkSkipAgrees(t, line)
	}
}

func FuzzMayStart(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("a-dozen a few an estimated 5 in excess of 6")
	f.Fuzz(func(t *testing.T, text string) {
		checkSkipAgrees(t, text)
	})
}

// TestFinderCachesStartEmpty: a new finder's zeroed caches answer as the
// scanners do, for the first position and the first word.
func TestFinderCachesStartEmpty(t *testing.T) {
	for _, s := range []string{"", "a", "12 killed", " in 2014"} {
		f := newFinder(s)
		if got, want := f.prev(0), prev(s, 0); got != want {
			t.Errorf("%q: new finder's prev(0) = %+v, want %+v", s, got, want)
		}
		if w := next(s, 0); w.k == tWord {
			if got, want := f.look(w), look(s, w); got != want {
				t.Errorf("%q: new finder's look of the first word = %p, want %p", s, got, want)
			}
		}
	}
}
