package extract

import (
	"strings"
	"syscall"
	"testing"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/testshared"
)

func docOf(text string) *document.Document {
	return &document.Document{ID: "t", Body: document.NewText(text), Published: "2018-04-07"}
}

// FuzzCheck runs the whole extraction over arbitrary text: it must never
// panic, and every quote must be the exact slice its offsets name.
func FuzzCheck(f *testing.F) {
	for _, tc := range casualtyCorpus {
		f.Add(tc.sentence)
	}
	for _, tc := range sourceCorpus {
		f.Add(tc.text)
	}
	f.Add("; and while but, said 3 ; the monitor put the toll at 4, while")
	f.Add("\"From October 2017 to March 2018, there were 658 cases of injuries,\" the statement reads.\n\nThe city does not have running water.")
	f.Add("in Syria's Raqqa, Aleppo, Deir ez-Zor and the suburbs of Damascus in East Ghouta")
	f.Fuzz(func(t *testing.T, text string) {
		doc := docOf(text)
		res := Check(doc)
		for _, c := range res.Claims {
			q := c.Quote
			if q.Start < 0 || q.End > len(doc.Body.Raw) || q.Start > q.End || doc.Body.Raw[q.Start:q.End] != q.Text {
				t.Fatalf("claim %s quote %+v does not slice the text", c.ID, q)
			}
		}
		for _, p := range res.Document.Places {
			if *p.Start < 0 || *p.End > len(doc.Body.Raw) || doc.Body.Raw[*p.Start:*p.End] != p.Text {
				t.Fatalf("place %+v does not slice the text", p)
			}
		}
	})
}

// TestCheckNoFigures: a text without figures gives empty (not null) lists.
func TestCheckNoFigures(t *testing.T) {
	res := Check(docOf("The talks resumed in Geneva."))
	if res.Claims == nil || res.Flags == nil || len(res.Claims) != 0 {
		t.Fatalf("got %+v", res)
	}
}

// BenchmarkCheckFakesDev measures extraction throughput over the real
// article text of fakes-dev (bytes of article text per second).
func BenchmarkCheckFakesDev(b *testing.B) {
	path := testshared.Path(b, "corpus/fakes-dev/fakes-dev.csv")
	var docs []*document.Document
	size := 0
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(doc.Body.Raw) + len(doc.Title.Raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for b.Loop() {
		// Each pass starts cold, as a run of tally check over this corpus
		// would: the gazetteer memos only help within the pass.
		geoMemo.reset()
		place.ResetMemo()
		for _, d := range docs {
			Check(d)
		}
	}
	// The target is stated per CPU-second: wall-clock MB/s says little on
	// a shared machine.
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}

// cpuSeconds is the process's user and system CPU time so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkCheckSeed measures the founding case alone.
func BenchmarkCheckSeed(b *testing.B) {
	path := testshared.Path(b, "corpus/seed/sputnik-2018-04-07-raqqa-mines.txt")
	var doc *document.Document
	for d, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		doc = d
	}
	b.SetBytes(int64(len(doc.Body.Raw)))
	for b.Loop() {
		Check(doc)
	}
}

func TestSplitSentences(t *testing.T) {
	text := "The U.S. envoy arrived. Gen. Smith said 5 died.\nHeadline without stop\n\n\"It is bad,\" he said. Next one"
	var got []string
	for _, s := range splitSentences(text) {
		got = append(got, text[s.start:s.end])
	}
	want := []string{"The U.S. envoy arrived.", "Gen. Smith said 5 died.", "Headline without stop", "\"It is bad,\" he said.", "Next one"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
