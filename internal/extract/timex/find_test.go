package timex

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/testshared"
)

// TestTokenizerSeparators covers the non-ASCII separators: en and em dashes
// connect ranges, a no-break space separates words.
func TestTokenizerSeparators(t *testing.T) {
	pub := time.Date(2018, 4, 7, 12, 0, 0, 0, time.UTC)
	cases := []struct{ text, span, start, end string }{
		{"Deaths in October\u2013December 2017 rose.", "in October\u2013December 2017", "2017-10-01", "2017-12-31"},
		{"Deaths in October \u2014 December 2017 rose.", "in October \u2014 December 2017", "2017-10-01", "2017-12-31"},
		{"Shelling on\u00a0Sunday\u00a0night killed 4.", "on\u00a0Sunday\u00a0night", "2018-04-01", "2018-04-01"},
		{"Al-Qusayr fell in Ma\u00efd 2013.", "2013", "2013-01-01", "2013-12-31"},
	}
	for _, c := range cases {
		got := Find(c.text, pub)
		checkInvariants(t, c.text, got)
		if c.text == cases[3].text { // "Ma\u00efd" is one unknown word: no context for 2013
			if len(got) != 0 {
				t.Errorf("%q: got %s, want nothing", c.text, show(c.text, got))
			}
			continue
		}
		if len(got) != 1 || got[0].Period == nil || got[0].Period.Text != c.span ||
			got[0].Period.Start != c.start || got[0].Period.End != c.end {
			t.Errorf("%q: got %s, want %q %s..%s", c.text, show(c.text, got), c.span, c.start, c.end)
		}
	}
}

// TestPublishedLocation: the publication day is the calendar day in the
// time's own location, not in UTC.
func TestPublishedLocation(t *testing.T) {
	beirut := time.FixedZone("EET", 3*3600)
	pub := time.Date(2018, 4, 8, 1, 0, 0, 0, beirut) // still April 7 in UTC
	got := Find("yesterday", pub)
	if len(got) != 1 || got[0].Period.Start != "2018-04-07" {
		t.Fatalf("got %s, want 2018-04-07", show("yesterday", got))
	}
}

// TestAbsurdInputs: no panic and sane results on odd publication dates and
// pathological texts.
func TestAbsurdInputs(t *testing.T) {
	pubs := []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)}
	texts := []string{
		"", "-", "since", "from", "between 2011 and", "the end of the end of the end of the start of",
		"in the past 9999 years and 9999 years ago", "since 31 February 2016", "March 32",
		strings.Repeat("the beginning of ", 2000) + "2014", strings.Repeat("early ", 1000) + "March",
		"\xe2\x80", "\xe2", "\xc2", "Ma\xff\xfe 5", "2018-13-45", "99.99.2017", "0.0.2017",
	}
	for _, pub := range pubs {
		for _, text := range texts {
			checkInvariants(t, text, Find(text, pub))
		}
	}
}

// TestLinear: texts made of near-misses and nested phrases cost a bounded
// number of anchor parses per token, so Find is linear whatever the text.
// Counting parses rather than timing keeps the test exact on a busy machine.
func TestLinear(t *testing.T) {
	pub := time.Date(2018, 4, 7, 0, 0, 0, 0, time.UTC)
	units := []string{
		"the beginning of the end of the first week of since from between early late the past few ",
		"the end of ", "the first half of the last quarter of ", "since early mid-late ",
		"from 1 to 2 to 3 - 4 - 5 ", "between March and April and May and ",
		"1 2 3 4 2014 2015 2016 ", "on Sunday Monday Tuesday ", "a day a week a year ",
	}
	for _, u := range units {
		text := strings.Repeat(u, 2000)
		var p parser
		checkInvariants(t, text, p.find(text, pub))
		if per := float64(p.steps) / float64(len(p.toks)); per > 8 {
			t.Errorf("%q repeated: %.1f anchor parses per token", u, per)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range corpus {
		f.Add(c.text, int32(17628)) // 2018-04-07
		f.Add(c.text, int32(0))
	}
	f.Add("From 1 to 5 March, October-December 2017, since mid-2012", int32(-719162))
	f.Fuzz(func(t *testing.T, text string, days int32) {
		var pub time.Time
		if days != 0 { // days since 1970-01-01; 0 stands for unknown
			pub = time.Unix(int64(days)*86400, 0).UTC()
		}
		checkInvariants(t, text, Find(text, pub))
		checkCues(t, text, pub)
	})
}

// checkCues fails when text has a time expression that Find's cue test
// would skip: the parse runs here whatever the test says.
func checkCues(t *testing.T, text string, pub time.Time) {
	t.Helper()
	if mayHaveTime(text) {
		return
	}
	var p parser
	if got := p.find(text, pub); len(got) != 0 {
		t.Errorf("%q has %s but no cue", text, show(text, got))
	}
}

// TestCues: every expression of the rule tables, and every word of the
// lexicon alone, is seen by the cue test whenever it yields something.
func TestCues(t *testing.T) {
	pub := time.Date(2018, 4, 7, 0, 0, 0, 0, time.UTC)
	for _, c := range corpus {
		checkCues(t, c.text, pub)
		checkCues(t, strings.ToUpper(c.text), pub)
	}
	for w := range lexIndex {
		for _, text := range []string{w, "in " + w, "the past " + w, "a " + w + " ago", "last " + w, "every " + w} {
			checkCues(t, text, pub)
			checkCues(t, strings.ToUpper(text[:1])+text[1:], pub)
		}
	}
	for _, text := range []string{
		"Rebels shelled the town, killing dozens of civilians.",
		"Rebels shelled the town, killing 12 civilians and 150 others, 99,000 displaced, MH17 downed.",
	} {
		if mayHaveTime(text) {
			t.Errorf("%q has no cue and no number that starts a rule, but passed the cue test", text)
		}
	}
	// Numbers that may start a rule without a cue word pass, whatever
	// the parse then finds; their neighbours are varied here.
	for _, n := range []string{"2014", "05.10.2017", "5th of", "1 to", "12 until", "3 TILL", "7  through", "8-", "9\u2013", "10\u00a0of", "11th.", "12 of", "4 Of"} {
		for _, text := range []string{n, "killing " + n + " x", "in " + n + " people"} {
			checkCues(t, text, pub)
			if !mayHaveTime(text) {
				t.Errorf("%q: its number may start a rule, but it failed the cue test", text)
			}
		}
	}
}

// benchCorpus loads article texts and dates from the FA-KES development set
// next to the repository (TALLY_BENCH_CSV overrides the path).
func benchCorpus(b *testing.B) (texts []string, pubs []time.Time, size int64) {
	path := os.Getenv("TALLY_BENCH_CSV")
	if path == "" {
		path = testshared.Path(b, testshared.FakesDevPath)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("benchmark corpus absent: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		b.Skipf("benchmark corpus unreadable: %v", err)
	}
	ci, di := -1, -1
	for i, h := range rows[0] {
		switch h {
		case "article_content":
			ci = i
		case "date":
			di = i
		}
	}
	if ci < 0 {
		b.Skip("benchmark corpus has no article_content column")
	}
	for _, r := range rows[1:] {
		var pub time.Time
		if di >= 0 {
			pub, _ = time.Parse("1/2/06", r[di])
		}
		texts, pubs = append(texts, r[ci]), append(pubs, pub)
		size += int64(len(r[ci]))
	}
	return texts, pubs, size
}

func BenchmarkFind(b *testing.B) {
	texts, pubs, size := benchCorpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, text := range texts {
			Find(text, pubs[i])
		}
	}
}

// TestLexTable: the hash table finds every lexicon word in any case, at
// the end of a text (read byte by byte) and before more text (read eight
// bytes at a time), and nothing else.
func TestLexTable(t *testing.T) {
	for w, i := range lexIndex {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			for _, text := range []string{v, v + " and more text", "x " + v + "."} {
				at := strings.Index(text, v)
				if got := lexLookup(text, at, at+len(v)); got != i {
					t.Errorf("lexLookup(%q in %q) = %d, want %d", v, text, got, i)
				}
			}
		}
	}
	for _, w := range []string{"said", "killed", "xyz", "marc", "mayo", "ma", "Ma\xc3\xafd", "ago1", "d\x00y"} {
		for _, text := range []string{w, w + " and more text"} {
			if got := lexLookup(text, 0, len(w)); got != 0 {
				t.Errorf("lexLookup(%q) = %d, want 0", text, got)
			}
		}
	}
}

// TestMayStart: whenever mayStart turns a start word or number away, the
// rules themselves find nothing there, whatever follows it (with and
// without spaces, for the dates written in one piece).
func TestMayStart(t *testing.T) {
	pub := time.Date(2018, 4, 7, 0, 0, 0, 0, time.UTC)
	next := []string{"5th", "5", "2017", ",", "-", "Xyz", "of", ""}
	for w := range lexIndex {
		next = append(next, w, strings.ToUpper(w[:1])+w[1:])
	}
	next = append(next, ".", "/", ":", "'")
	then := []string{"", "of 2017", "ago", "5 March 2017", "of the year", "- 2014", "of", "few days ago", "days",
		"before yesterday", "hours of Sunday", "of March 5", "half of 2017", "week of May", "three months of 2018",
		"of days ago", "a day", "2016", "10.2017", "5 March", "March", "March 2017", "of March", "- 5 March",
		"to 5 March 2017", "days ago"}
	var texts []string
	for _, start := range []string{"the", "The", "a", "an", "An", "A",
		"5", "05", "5th", "30", "31st", "300", "1999", "2017", "0914", "12345", "1234567890123"} {
		for _, n := range next {
			for _, th := range then {
				texts = append(texts, start+" "+n+" "+th, start+n+th)
			}
		}
	}
	for _, text := range texts {
		var p parser
		p.text = text
		p.toks = tokenize(nil, text)
		p.pub, p.hasPub = dateOf(pub), true
		if p.mayStart(0) {
			continue
		}
		if m, ok := p.tryRules(0); ok && m.end > 0 {
			t.Errorf("%q: mayStart is false, but the rules match %d tokens", text, m.end)
		}
	}
}

// TestCuesDevCorpus: no sentence of the development corpus that fails the
// cue test has a time expression.
func TestCuesDevCorpus(t *testing.T) {
	pub := time.Date(2018, 4, 7, 0, 0, 0, 0, time.UTC)
	skipped := 0
	for _, article := range testshared.FakesDevColumn(t, "article_content") {
		for _, s := range strings.Split(article, ". ") {
			checkCues(t, s, pub)
			if !mayHaveTime(s) {
				skipped++
			}
		}
	}
	if skipped == 0 {
		t.Error("the cue test passed every sentence of the development corpus")
	}
}
