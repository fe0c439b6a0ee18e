package extract

import (
	"reflect"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/testshared"
)

// geoDoc is a document analysed once, with the place mentions the rules
// found, so that the place work of Check can be run again and again on
// its own.
type geoDoc struct {
	doc    *document.Document
	sents  []*analysed
	places [][]placeMention // per sentence, as findPlaces left them
}

// analyseForGeo analyses a document as Check does up to its context, each
// document in scratch of its own (Check reuses pooled scratch, which the
// replays would then share).
func analyseForGeo(doc *document.Document) geoDoc {
	var published time.Time
	if doc.Published != "" {
		published, _ = time.Parse(time.DateOnly, doc.Published)
	}
	sents := analyseDocument(doc, published, new(scratch))
	g := geoDoc{doc: doc, sents: sents, places: make([][]placeMention, len(sents))}
	for i, s := range sents {
		g.places[i] = append([]placeMention(nil), s.places...)
	}
	return g
}

// run does the place work of Check on the document: the gazetteer's
// resolution of its mentions and the anaphors' antecedents.
func (g geoDoc) run() *docContext {
	for i, s := range g.sents {
		s.places = append(s.places[:0:0], g.places[i]...)
	}
	c := &docContext{doc: g.doc, sents: g.sents}
	c.resolveGeo()
	c.resolvePlaces()
	return c
}

// BenchmarkGeoFakesDev measures the place work of a pass of
// BenchmarkCheckFakesDev alone (resolveGeo and resolvePlaces, each pass
// cold), the rest of extraction done once beforehand: bench/place.sh
// counts its instructions, which need no call graph to tell place work
// from the rest.
func BenchmarkGeoFakesDev(b *testing.B) {
	path := testshared.Path(b, "corpus/fakes-dev/fakes-dev.csv")
	var docs []geoDoc
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, analyseForGeo(doc))
	}
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for b.Loop() {
		geoMemo.reset()
		place.ResetMemo()
		for _, d := range docs {
			d.run()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(docs)), "µs/doc")
	// CPU time, as BenchmarkCheckFakesDev states its own: wall-clock time
	// says little on a shared machine.
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(1000*cpu/float64(b.N), "cpu-ms/op")
	}
}

// TestGeoReplayMatchesCheck checks that BenchmarkGeoFakesDev replays the
// place work of Check: every document's places come out the same.
func TestGeoReplayMatchesCheck(t *testing.T) {
	path := testshared.Path(t, "corpus/fakes-dev/fakes-dev.csv")
	n := 0
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		want := Check(doc).Document.Places
		g := analyseForGeo(doc)
		for range 2 { // a replay leaves the document as it found it
			if got := g.run().documentInfo().Places; !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: replay gives places %v, Check %v", doc.ID, got, want)
			}
		}
		n++
	}
	if n == 0 {
		t.Fatal("no documents")
	}
}
