package document

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// feedDoc is what a test expects of one document read from a feed.
type feedDoc struct {
	title, source, published, url string
	body                          string // the whole Body.Raw
}

func TestReadFeed(t *testing.T) {
	rssDocs := []feedDoc{
		{"Shelling kills 4 in northern town", "Example Wire & Co", "2019-03-02", "https://news.example.org/2019/03/02/shelling",
			"Four people were killed when shells hit the market on Saturday, the local council said.\n\nNine were wounded."},
		{"Aid convoy reaches besieged district", "Example Wire & Co", "2019-03-03", "https://news.example.org/2019/03/03/convoy",
			"An aid convoy of 40 trucks reached the besieged district on Sunday, the UN said.\n\nAbout 12,000 people have been displaced since January."},
		{"Plain description, odd date", "Example Wire & Co", "2019-03-04", "https://news.example.org/2019/03/04/plain",
			"Two children were injured by a landmine near the village, medics said."},
	}
	rssWant := func(name string) []string {
		return []string{
			"doc " + name + ":item 1",
			"doc " + name + ":item 2",
			"err " + name + `:item 3: empty document: no content or description (title "Photo gallery: the market after the strike")`,
			"doc " + name + ":item 4",
		}
	}
	const tiny = `<rss version="2.0"><channel>%s<item><title>T</title><description>Three were hurt.</description>%s</item></channel></rss>`
	for _, tc := range []struct {
		name     string
		path     string // a file to read with ReadPath, else data read with Read as file
		file     string
		data     string
		opt      Options
		want     []string
		wantDocs []feedDoc
	}{
		{
			name: "RSS 2.0 with content:encoded and an item without text",
			path: "testdata/feed.rss", opt: Options{Source: "fallback", Published: "2001-01-01"},
			want: rssWant("testdata/feed.rss"), wantDocs: rssDocs,
		},
		{
			name: "sniffed from stdin",
			file: "stdin", data: readTestdata(t, "feed.rss"),
			want: rssWant("stdin"), wantDocs: rssDocs,
		},
		{
			name: "Atom: html, xhtml and summary, dates as written, an entry without text",
			path: "testdata/feed.atom",
			want: []string{
				"doc testdata/feed.atom:item 1",
				"doc testdata/feed.atom:item 2",
				"doc testdata/feed.atom:item 3",
				`err testdata/feed.atom:item 4: empty document: no content or description (link "https://monitor.example.net/a/4")`,
			},
			wantDocs: []feedDoc{
				{"Air strike kills 9 in village", "Monitor Updates", "2020-01-05", "https://monitor.example.net/a/1",
					"An air strike killed nine people in the village on Sunday, the monitor said."},
				{"Updated only", "Monitor Updates", "2020-01-04", "https://monitor.example.net/a/2",
					"Three soldiers were wounded in clashes on Saturday."},
				{"Summary only", "Monitor Updates", "2020-01-03", "",
					"Five people went missing after the boat sank."},
			},
		},
		{
			name: "options fill in a feed without a title and an item without a date",
			file: "x.rss", data: fmt.Sprintf(tiny, "", ""), opt: Options{Source: "cli", Published: "7 April 2018"},
			want:     []string{"doc x.rss:item 1"},
			wantDocs: []feedDoc{{"T", "cli", "2018-04-07", "", "Three were hurt."}},
		},
		{
			name: "a date gofeed cannot read and ParseDate can",
			file: "x.rss", data: fmt.Sprintf(tiny, "<title>F</title>", "<pubDate>7 April 2018</pubDate>"),
			want:     []string{"doc x.rss:item 1"},
			wantDocs: []feedDoc{{"T", "F", "2018-04-07", "", "Three were hurt."}},
		},
		{
			name: "broken XML",
			file: "x.rss", data: `<rss version="2.0"><channel><item><title>a</title><description>b`,
			want: []string{"err x.rss: invalid feed: XML syntax error on line 1: unexpected EOF"},
		},
		{
			name: "not a feed",
			file: "x.atom", data: "Just a sentence.",
			want: []string{"err x.atom: not an RSS or Atom feed"},
		},
		{
			name: "no items",
			file: "x.rss", data: `<rss version="2.0"><channel><title>F</title></channel></rss>`,
			want: []string{"err x.rss: empty document: the feed has no items"},
		},
		{
			name: "too big for MaxBytes",
			path: "testdata/feed.rss", opt: Options{MaxBytes: 1 << 10},
			want: []string{"err testdata/feed.rss: too large: over 1 KiB (the limit per document)"},
		},
		{
			name: "too big, streamed",
			file: "stdin", data: readTestdata(t, "feed.rss"), opt: Options{MaxBytes: 1 << 10},
			want: []string{"err stdin: too large: over 1 KiB (the limit per document)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rs []result
			name := tc.path
			if tc.path != "" {
				rs = readAllPath(t, tc.path, tc.opt)
			} else {
				name = tc.file
				rs = collect(t, Read(tc.file, strings.NewReader(tc.data), tc.opt))
			}
			if got := summary(rs); !slices.Equal(got, tc.want) {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			checkErrors(t, rs, name)
			ds := docs(rs)
			if len(ds) != len(tc.wantDocs) {
				t.Fatalf("%d documents, want %d", len(ds), len(tc.wantDocs))
			}
			for i, d := range ds {
				w := tc.wantDocs[i]
				got := feedDoc{d.Title.Raw, d.Source, d.Published, d.URL, d.Body.Raw}
				if got != w {
					t.Errorf("%s:\ngot  %q\nwant %q", d.Origin, got, w)
				}
				if !d.HTML {
					t.Errorf("%s: HTML false: the text was extracted, so JSON output must carry it", d.Origin)
				}
				if d.ID != hashOf(d.Body.Raw) {
					t.Errorf("%s: ID %q, want the hash of the text", d.Origin, d.ID)
				}
				checkRoundTrip(t, d.Origin, &d.Body)
			}
		})
	}
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// endlessFeed is a feed that goes on with items until left runs out.
type endlessFeed struct {
	left, read int64
	pending    []byte
}

func (r *endlessFeed) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	if len(r.pending) == 0 {
		if r.read == 0 {
			r.pending = []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>`)
		} else {
			r.pending = []byte("<item><title>More</title><description>Two were killed.</description></item>\n")
		}
	}
	n := copy(p[:min(int64(len(p)), r.left)], r.pending)
	r.pending = r.pending[n:]
	r.left -= int64(n)
	r.read += int64(n)
	return n, nil
}

// A 100 MB feed is refused after reading just over the limit from a
// stream, and before reading anything from a file.
func TestFeedTooLarge(t *testing.T) {
	const size = 100 << 20
	const limit = 1 << 20
	ef := &endlessFeed{left: size}
	rs := collect(t, Read("stdin", ef, Options{MaxBytes: limit}))
	if got := summary(rs); !slices.Equal(got, []string{"err stdin: too large: over 1 MiB (the limit per document)"}) {
		t.Errorf("got %q", got)
	}
	if !errors.Is(rs[0].err, ErrTooLarge) {
		t.Error("not ErrTooLarge")
	}
	if ef.read > limit+(1<<20) {
		t.Errorf("read %d bytes of a %d-byte feed", ef.read, int64(size))
	}

	// A sparse file: its size is refused before a byte is read.
	big := filepath.Join(t.TempDir(), "big.rss")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, &endlessFeed{left: 4 << 10}); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rs = readAllPath(t, big, Options{})
	if got := summary(rs); !slices.Equal(got, []string{"err " + big + ": too large: over 50 MiB (the limit per document)"}) {
		t.Errorf("got %q", got)
	}
}

func TestFeedStopEarly(t *testing.T) {
	n := 0
	for range ReadPath("testdata/feed.rss", Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("%d items before stopping", n)
	}
}
