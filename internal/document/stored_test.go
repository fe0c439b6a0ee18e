package document

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A document read again from what a store kept of it is the document
// reading gave: same key, headline, date, credits and text.
func TestRereadGivesTheSameDocument(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*")
	if len(paths) == 0 {
		t.Fatal("no testdata")
	}
	n := 0
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			continue
		}
		for d, err := range ReadPath(p, Options{}) {
			if err != nil {
				continue
			}
			n++
			again, err := Reread(Kept{ID: d.ID, Title: d.Title.Raw, Body: d.Body.Raw, Published: d.Published,
				Source: d.Source, URL: d.URL, Origin: d.Origin, HTML: d.HTML, Plain: d.Plain})
			if err != nil {
				t.Errorf("%s: %v", d.Origin, err)
				continue
			}
			// Whether it came from a feed matters only while ingesting.
			d.FeedItem = false
			if !reflect.DeepEqual(again, d) {
				t.Errorf("%s: read again:\n got %+v\nwant %+v", d.Origin, again, d)
			}
			if again.Key() != d.Key() || len(d.Key()) != 64 {
				t.Errorf("%s: key %s, then %s", d.Origin, d.Key(), again.Key())
			}
		}
	}
	if n < 5 {
		t.Errorf("only %d documents in testdata", n)
	}
}
