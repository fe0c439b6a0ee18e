package document

import (
	"fmt"
	"iter"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzRead reads data as name and checks what comes out: no panic, exactly
// one of document and error per item, one-line errors naming the input,
// and offsets that stay inside the text.
func fuzzRead(t *testing.T, name string, data []byte) {
	fuzzCheck(t, name, data, Read(name, strings.NewReader(string(data)), Options{MaxBytes: 1 << 16}))
}

// fuzzCheck makes fuzzRead's checks on what docs yields from data.
func fuzzCheck(t *testing.T, name string, data []byte, docs iter.Seq2[*Document, error]) {
	// A hang is a bug too: crash the worker so that the fuzzer keeps the
	// input.
	watchdog := time.AfterFunc(60*time.Second, func() { panic(fmt.Sprintf("HANG reading %s: %q", name, data)) })
	defer watchdog.Stop()
	for d, err := range docs {
		if (d == nil) == (err == nil) {
			t.Fatalf("doc %v and error %v", d, err)
		}
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, name) || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("bad error message %q", msg)
			}
			continue
		}
		for _, txt := range []*Text{&d.Body, &d.Title} {
			if len(txt.Norm) != len(NewText(txt.Raw).Norm) {
				t.Fatalf("Norm length changed by blanking")
			}
			prev := 0
			for n := 0; n <= len(txt.Norm); n++ {
				r := txt.RawOffset(n)
				if r < prev || r > len(txt.Raw) {
					t.Fatalf("RawOffset(%d) = %d after %d (len %d)", n, r, prev, len(txt.Raw))
				}
				prev = r
			}
			a, b := txt.RawSpan(0, len(txt.Norm))
			if a < 0 || b < a || b > len(txt.Raw) {
				t.Fatalf("RawSpan(all) = %d, %d", a, b)
			}
			if utf8.ValidString(txt.Raw) && !utf8.ValidString(txt.Norm) {
				t.Fatalf("valid Raw gave invalid Norm %q", txt.Norm)
			}
		}
		h := d.Headline
		if h[0] < 0 || h[1] < h[0] || h[1] > len(d.Body.Norm) {
			t.Fatalf("Headline %v out of range (len %d)", h, len(d.Body.Norm))
		}
		if d.Published != "" {
			if _, ok := ParseDate(d.Published); !ok || len(d.Published) != 10 {
				t.Fatalf("Published %q", d.Published)
			}
		}
	}
}

func addFiles(f *testing.F, names ...string) {
	for _, n := range names {
		if data, err := os.ReadFile("testdata/" + n); err == nil {
			f.Add(data)
		}
	}
}

func FuzzReadText(f *testing.F) {
	addFiles(f, "plain.txt", "plain_title.txt", "latin1.txt", "sniff_text")
	for _, tc := range furnitureCases {
		f.Add([]byte(tc.body))
	}
	f.Add([]byte(" date 2018-04-07 Up to 30 civilians die every week.\n\nMore text."))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "x.txt", data) })
}

func FuzzReadJSON(f *testing.F) {
	addFiles(f, "docs.jsonl", "array.json", "single.json", "sniff_json")
	f.Add([]byte(`{"text": 5}`))
	f.Add([]byte(`[{"text": "a", "title": "b", "published": "2017-01-01T00:00:00Z"}, {"text": "c"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "x.json", data)
		fuzzRead(t, "x.jsonl", data)
	})
}

func FuzzReadCSV(f *testing.F) {
	addFiles(f, "docs.csv", "broken.csv", "notext.csv")
	f.Add([]byte("id,text\n1,\"unterminated\n2,next\n"))
	f.Add([]byte("title,content,date\nT,\"Fri 07 Apr 2017 T. Body.--AFP\",4/7/17\n"))
	f.Add([]byte("id,text\r\n\r\n1,\"a\"\r\n2,\"b\"\r\r\n3,\"c\"\r"))
	f.Add([]byte("id\ttext\n1\t\"tab\"\t\n2\t\"x\"y\n3\tz\n\n"))
	f.Add([]byte(" \n\n\t\n"))
	f.Add([]byte("\xEF\xBB\xBF\n"))
	f.Add([]byte("text\n\"a\n\nb\"\"\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "x.csv", data)
		for _, name := range []string{"x.csv", "x.tsv"} {
			checkCSVAgainstWhole(t, name, data)
			checkCSVStream(t, name, data)
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	addFiles(f, "page.html", "sniff_html")
	f.Add([]byte("<html><body><p>short</p></body></html>"))
	f.Add([]byte("<!doctype html><title>x</title><article><p>" + strings.Repeat("Text with 5 killed. ", 40) + "</p></article>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "x.html", data)
		fuzzRead(t, "stdin", data) // sniffed
	})
}

func FuzzReadFeed(f *testing.F) {
	addFiles(f, "feed.rss", "feed.atom")
	f.Add([]byte(`<rss version="2.0"><channel><title>F</title><item><title>T</title><pubDate>7 April 2018</pubDate><description>&lt;p&gt;Two &amp; three&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><description>One.</description></item></rdf:RDF>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div><p>x</p></div></content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "x.rss", data)
		fuzzRead(t, "stdin", data) // sniffed
	})
}

func FuzzReadFetched(f *testing.F) {
	for _, ct := range []string{"text/html; charset=utf-8", "application/rss+xml", "application/feed+json", "text/plain", ""} {
		for _, n := range []string{"page.html", "feed.rss", "single.json"} {
			if data, err := os.ReadFile("testdata/" + n); err == nil {
				f.Add(ct, data)
			}
		}
	}
	f.Add("application/feed+json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"content_html": "<p>x</p>"}]}`))
	f.Fuzz(func(t *testing.T, contentType string, data []byte) {
		const url = "https://example.org/x"
		fuzzCheck(t, url, data, ReadFetched(url, contentType, strings.NewReader(string(data)), Options{MaxBytes: 1 << 16}))
	})
}
