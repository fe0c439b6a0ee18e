package document

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestNewTextFolds(t *testing.T) {
	tests := []struct {
		name, raw, norm string
	}{
		{"ascii is untouched", "Up to 30 civilians die every week.", "Up to 30 civilians die every week."},
		{"curly double quotes", "\u201cWe heard it,\u201d he said.", `"We heard it," he said.`},
		{"curly single quotes and apostrophe", "Syria\u2019s \u2018capital\u2019", "Syria's 'capital'"},
		{"low and reversed quotes", "\u201eQuote\u201f \u201aq\u201b", `"Quote" 'q'`},
		{"primes", "5\u2032 and 7\u2033", `5' and 7"`},
		{"guillemets", "\u00abnon\u00bb", `"non"`},
		{"en and em dashes", "25\u201330 killed \u2014 a monitor", "25-30 killed - a monitor"},
		{"minus and hyphens", "\u2212 \u2010 \u2011", "- - -"},
		{"no-break and thin spaces", "30\u00a0people, 10\u202fkm, 5\u2009m", "30 people, 10 km, 5 m"},
		{"ideographic space", "a\u3000b", "a b"},
		{"zero-width removed", "Raq\u200bqa\u200c \u200dIdlib\u2060 \ufeffHoms", "Raqqa Idlib Homs"},
		{"soft hyphen removed", "Alep\u00adpo", "Aleppo"},
		{"bidi marks removed", "\u200fDaraa\u200e \u202bX\u202c", "Daraa X"},
		{"Arabic-Indic digits", "\u0663\u0660 \u0642\u062a\u064a\u0644\u0627", "30 \u0642\u062a\u064a\u0644\u0627"},
		{"Persian digits", "\u06f1\u06f2\u06f5", "125"},
		{"Arabic separators", "\u0661\u066c\u0665\u0660\u0660 \u0662\u066b\u0665", "1,500 2.5"},
		{"ellipsis", "and then\u2026 silence", "and then... silence"},
		{"NFC composes", "Mu\u0308ller cafe\u0301", "M\u00fcller caf\u00e9"},
		{"NFC singleton", "\u2126 \u212b", "\u03a9 \u00c5"},
		{"Hangul jamo compose", "\u1100\u1161", "\uac00"},
		{"invalid UTF-8 becomes spaces", "ab\xffcd\xe2\x82 e", "ab cd   e"},
		{"controls become spaces", "a\x00b\x07c\x7fd\te\r\nf", "a b c d\te\r\nf"},
		{"C1 controls", "a\u0085b\u0096c", "a\nb c"},
		{"line separators", "a\u2028b\u2029c", "a\nb\nc"},
		{"BOM at start", "\ufeffdate 2018-04-07 Text", "date 2018-04-07 Text"},
		{"already NFC non-ASCII kept", "Deir ez-Zor \u062f\u064a\u0631 \u0627\u0644\u0632\u0648\u0631 \u4e2d\u6587", "Deir ez-Zor \u062f\u064a\u0631 \u0627\u0644\u0632\u0648\u0631 \u4e2d\u6587"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			txt := NewText(tc.raw)
			if txt.Raw != tc.raw {
				t.Fatalf("Raw changed: %q", txt.Raw)
			}
			if txt.Norm != tc.norm {
				t.Errorf("Norm = %q, want %q", txt.Norm, tc.norm)
			}
			checkText(t, txt)
		})
	}
}

func TestASCIIHasNoMap(t *testing.T) {
	txt := NewText("plain ASCII text, 30 killed.\n")
	if txt.cps != nil || txt.Norm != txt.Raw {
		t.Fatalf("ASCII text got a map: %+v", txt.cps)
	}
	// One-byte-for-one-byte replacements need no map either.
	txt = NewText("a\xffb\x01c")
	if txt.cps != nil {
		t.Errorf("1:1 replacements got a map: %+v", txt.cps)
	}
}

func TestRawOffsetAndSpan(t *testing.T) {
	raw := "\ufeff\u201cUp to 30\u201d \u2014 died\u2026 Raq\u200bqa."
	txt := NewText(raw)
	if want := `"Up to 30" - died... Raqqa.`; txt.Norm != want {
		t.Fatalf("Norm = %q, want %q", txt.Norm, want)
	}
	span := func(sub string) string {
		i := strings.Index(txt.Norm, sub)
		if i < 0 {
			t.Fatalf("%q not in Norm", sub)
		}
		a, b := txt.RawSpan(i, i+len(sub))
		return raw[a:b]
	}
	for sub, want := range map[string]string{
		`"Up to 30"`: "\u201cUp to 30\u201d",
		"Up to 30":   "Up to 30",
		"-":          "\u2014",
		"died...":    "died\u2026",
		"Raqqa":      "Raq\u200bqa",
		"Raq":        "Raq",
		"qa.":        "qa.",
	} {
		if got := span(sub); got != want {
			t.Errorf("RawSpan(%q) gives %q, want %q", sub, got, want)
		}
	}
	// Inside a replacement: the middle dot of "..." maps to the start of
	// the ellipsis, and a span of it to the whole ellipsis.
	i := strings.Index(txt.Norm, "...")
	if got, want := txt.RawOffset(i+1), strings.Index(raw, "\u2026"); got != want {
		t.Errorf("RawOffset(inside ...) = %d, want %d", got, want)
	}
	if a, b := txt.RawSpan(i+1, i+2); raw[a:b] != "\u2026" {
		t.Errorf("RawSpan(inside ...) = %q", raw[a:b])
	}
	// The BOM is skipped; the ends map to the ends.
	if got := txt.RawOffset(0); got != 3 {
		t.Errorf("RawOffset(0) = %d, want 3 (after the BOM)", got)
	}
	if got := txt.RawOffset(len(txt.Norm)); got != len(raw) {
		t.Errorf("RawOffset(len) = %d, want %d", got, len(raw))
	}
	// Out of range is clamped.
	if got := txt.RawOffset(-5); got != 3 {
		t.Errorf("RawOffset(-5) = %d", got)
	}
	if a, b := txt.RawSpan(-1, 1<<20); a != 3 || b != len(raw) {
		t.Errorf("RawSpan(-1, huge) = %d, %d", a, b)
	}
	if a, b := txt.RawSpan(5, 2); a != b {
		t.Errorf("RawSpan(5, 2) = %d, %d, want an empty span", a, b)
	}
}

func TestBlank(t *testing.T) {
	txt := NewText("Get short URL 0 0 0\nUp to 30 \u2014 killed")
	txt.Blank(0, len("Get short URL 0 0 0")+1)
	if want := "                   \nUp to 30 - killed"; txt.Norm != want {
		t.Errorf("Norm = %q, want %q", txt.Norm, want)
	}
	// Offsets do not move.
	i := strings.Index(txt.Norm, "30")
	if a, b := txt.RawSpan(i, i+2); txt.Raw[a:b] != "30" {
		t.Errorf("after Blank, RawSpan(30) = %q", txt.Raw[a:b])
	}
	// Blanking inside a multi-byte rune widens to the whole rune.
	txt = NewText("a\u00e9b")
	txt.Blank(2, 3)
	if txt.Norm != "a  b" {
		t.Errorf("Norm = %q, want whole rune blanked", txt.Norm)
	}
	// Out-of-range spans are clamped; empty ones do nothing.
	txt.Blank(-3, 0)
	txt.Blank(10, 20)
	txt.Blank(3, 1)
	if txt.Norm != "a  b" {
		t.Errorf("Norm = %q after no-op blanks", txt.Norm)
	}
	// A blanked multi-byte Raw rune is still quoted whole.
	txt = NewText("x \u2014 y")
	txt.Blank(2, 3)
	if a, b := txt.RawSpan(1, 4); !utf8.ValidString(txt.Raw[a:b]) {
		t.Errorf("RawSpan over blanked dash cuts a rune: %q", txt.Raw[a:b])
	}
}

// checkText verifies the offset-map invariants of a Text: RawOffset is
// monotonic and in range, spans are valid slices that keep runes whole,
// and a span between unit boundaries normalises back to the same Norm.
func checkText(t testing.TB, txt Text) {
	t.Helper()
	prev := -1
	for n := 0; n <= len(txt.Norm); n++ {
		r := txt.RawOffset(n)
		if r < 0 || r > len(txt.Raw) {
			t.Fatalf("RawOffset(%d) = %d out of [0, %d] for %q", n, r, len(txt.Raw), txt.Raw)
		}
		if r < prev {
			t.Fatalf("RawOffset not monotonic at %d: %d < %d for %q", n, r, prev, txt.Raw)
		}
		prev = r
	}
	if got := txt.RawOffset(len(txt.Norm)); got != len(txt.Raw) {
		t.Fatalf("RawOffset(len(Norm)) = %d, want %d", got, len(txt.Raw))
	}
	bounds := unitBoundaries(txt)
	valid := utf8.ValidString(txt.Raw)
	for i := 0; i < len(bounds); i++ {
		for j := i; j < len(bounds) && j < i+12; j++ {
			s, e := bounds[i], bounds[j]
			a, b := txt.RawSpan(s, e)
			if a < 0 || b < a || b > len(txt.Raw) {
				t.Fatalf("RawSpan(%d, %d) = %d, %d for %q", s, e, a, b, txt.Raw)
			}
			if valid && !utf8.ValidString(txt.Raw[a:b]) {
				t.Fatalf("RawSpan(%d, %d) cuts a rune: %q of %q", s, e, txt.Raw[a:b], txt.Raw)
			}
			if got := NewText(txt.Raw[a:b]).Norm; got != txt.Norm[s:e] {
				t.Fatalf("Raw[RawSpan(%d, %d)] = %q normalises to %q, want %q (raw %q)", s, e, txt.Raw[a:b], got, txt.Norm[s:e], txt.Raw)
			}
		}
	}
}

// unitBoundaries lists the Norm offsets that are rune boundaries and not
// inside a replacement unit.
func unitBoundaries(txt Text) []int {
	inside := make([]bool, len(txt.Norm)+1)
	for i, c := range txt.cps {
		if !c.ident {
			for n := c.norm + 1; n < txt.cps[i+1].norm; n++ {
				inside[n] = true
			}
		}
	}
	var out []int
	for n := 0; n <= len(txt.Norm); n++ {
		if !inside[n] && (n == len(txt.Norm) || utf8.RuneStart(txt.Norm[n])) {
			out = append(out, n)
		}
	}
	return out
}

// pieces are the building blocks of the random texts: ASCII, everything
// the fold table touches, composing sequences, invalid bytes.
var pieces = []string{
	"a", "Z", "7", " ", ".", "\n", "\r\n", "\t", "killed ", "30 ",
	"\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u2212", "\u00a0", "\u202f", "\u3000",
	"\u200b", "\u200d", "\ufeff", "\u2060", "\u00ad", "\u200f", "\u2026", "\u0663", "\u06f9", "\u066c",
	"e\u0301", "\u0301", "\u0308", "\u035c", "a\u0316\u0301", "\u00e9", "\u2126", "\u1100\u1161", "\u1100", "\u1161",
	"\u0627\u0644", "\u4e2d", "\U0001F600", "\U0001F468\u200d\U0001F469", "\u0958", "\u0085", "\u0096",
	"\xff", "\xe2\x82", "\xc3", "\x80", "\x00", "\x1b",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(24); n >= 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestOffsetMapProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		raw := randomText(r)
		checkText(t, NewText(raw))
	}
}

func FuzzNewText(f *testing.F) {
	for _, p := range pieces {
		f.Add(p)
	}
	f.Add(" date 2018-04-07 According to the Russian military, up to 30 civilians die due to mines every week.")
	f.Add("\u201cUp to 30\u201d \u2014 died\u2026 Raq\u200bqa.")
	f.Fuzz(func(t *testing.T, raw string) {
		watchdog := time.AfterFunc(60*time.Second, func() { panic(fmt.Sprintf("HANG on %q", raw)) })
		defer watchdog.Stop()
		if len(raw) > 400 {
			raw = raw[:400] // checkText is quadratic in the boundaries
		}
		txt := NewText(raw)
		checkText(t, txt)
		// Blanking never moves offsets or breaks UTF-8 validity of Norm
		// when Norm was valid.
		if len(txt.Norm) > 2 {
			before := utf8.ValidString(txt.Norm)
			n := len(txt.Norm)
			txt.Blank(n/3, 2*n/3)
			if len(txt.Norm) != n {
				t.Fatalf("Blank changed the length")
			}
			if before && !utf8.ValidString(txt.Norm) {
				t.Fatalf("Blank broke UTF-8: %q", txt.Norm)
			}
		}
	})
}

// benchText is the fakes-dev article text, or a stand-in when the corpus
// is absent.
func benchText(b *testing.B) string {
	f, err := os.Open(fakesDev)
	if err != nil {
		return strings.Repeat("At least 29 Syrian rebels were killed in clashes with regime troops overnight. ", 20000)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, rec := range recs[1:] {
		sb.WriteString(rec[2])
		sb.WriteString("\n\n")
	}
	return sb.String()
}

func BenchmarkNewText(b *testing.B) {
	text := benchText(b)
	ascii := strings.Map(func(r rune) rune {
		if r >= utf8.RuneSelf {
			return '?'
		}
		return r
	}, text)
	curly := strings.NewReplacer(`"`, "\u201c", "'", "\u2019", " - ", " \u2014 ").Replace(text)
	for _, bc := range []struct{ name, text string }{
		{"fakes-dev", text},
		{"ascii", ascii},
		{"curly-quotes", curly},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				NewText(bc.text)
			}
		})
	}
}

// TestPlainASCII checks the eight-bytes-at-a-time test against the plain
// one, with every byte value at every offset of a word.
func TestPlainASCII(t *testing.T) {
	base := []byte("Five were killed in Aleppo, a monitor said on Monday.")
	for c := 0; c < 256; c++ {
		for at := 0; at < 16; at++ {
			b := append([]byte(nil), base...)
			b[at] = byte(c)
			if got, want := plainASCII(string(b)), plainASCIIBytes(string(b)); got != want {
				t.Errorf("byte %#x at %d: %v, want %v", c, at, got, want)
			}
		}
	}
	if plainASCIIBytes("\x7f") || plainASCIIBytes("\x00") || plainASCIIBytes("é") || !plainASCIIBytes("a\tb\r\n\v\f~ ") {
		t.Error("plainASCIIBytes is wrong")
	}
}
