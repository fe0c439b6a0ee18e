package document

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// result is one item a reader yields.
type result struct {
	doc *Document
	err error
}

func collect(t testing.TB, seq func(func(*Document, error) bool)) []result {
	t.Helper()
	var out []result
	for d, err := range seq {
		if (d == nil) == (err == nil) {
			t.Fatalf("yielded doc %v and error %v: want exactly one", d, err)
		}
		out = append(out, result{d, err})
	}
	return out
}

func readAllPath(t testing.TB, path string, opt Options) []result {
	t.Helper()
	return collect(t, ReadPath(path, opt))
}

// summary is "doc ORIGIN" or "err MESSAGE" per result, to compare whole
// outcomes at once.
func summary(rs []result) []string {
	var out []string
	for _, r := range rs {
		if r.err != nil {
			out = append(out, "err "+r.err.Error())
		} else {
			out = append(out, "doc "+r.doc.Origin)
		}
	}
	return out
}

func docs(rs []result) []*Document {
	var out []*Document
	for _, r := range rs {
		if r.doc != nil {
			out = append(out, r.doc)
		}
	}
	return out
}

// checkErrors requires every error to be one line starting with the file
// name, as the command line prints them.
func checkErrors(t *testing.T, rs []result, name string) {
	t.Helper()
	for _, r := range rs {
		if r.err == nil {
			continue
		}
		msg := r.err.Error()
		if strings.ContainsAny(msg, "\n\r") {
			t.Errorf("error is not one line: %q", msg)
		}
		if !strings.HasPrefix(msg, name+":") {
			t.Errorf("error %q does not start with %q", msg, name+":")
		}
		var de *Error
		if !errors.As(r.err, &de) {
			t.Errorf("error %q is not a *document.Error", msg)
		}
	}
}

func hashOf(raw string) string {
	sum := sha256.Sum256([]byte(NewText(raw).Norm))
	return hex.EncodeToString(sum[:])
}

func TestReadPlainText(t *testing.T) {
	path := "testdata/plain.txt"
	rs := readAllPath(t, path, Options{Source: "cli-source", Published: "2000-01-01"})
	if len(rs) != 1 || rs[0].err != nil {
		t.Fatalf("got %v", summary(rs))
	}
	d := rs[0].doc
	content, _ := os.ReadFile(path)
	if d.Body.Raw != string(content) {
		t.Errorf("Body.Raw is not the file content")
	}
	if d.Published != "2019-03-02" {
		t.Errorf("Published = %q, want the header's 2019-03-02 over the option", d.Published)
	}
	if got := d.Body.Norm[d.Headline[0]:d.Headline[1]]; got != "Shelling kills 4 in northern town, says local council." {
		t.Errorf("headline = %q", got)
	}
	if strings.Contains(d.Body.Norm, "2019-03-02") || strings.Contains(d.Body.Norm, "date ") {
		t.Errorf("date header not blanked: %q", d.Body.Norm[:40])
	}
	if !slices.Equal(d.Credits, []string{"Reuters"}) {
		t.Errorf("Credits = %q", d.Credits)
	}
	if d.Source != "cli-source" || d.Origin != path || d.HTML || d.Title.Raw != "" {
		t.Errorf("Source %q Origin %q HTML %v Title %q", d.Source, d.Origin, d.HTML, d.Title.Raw)
	}
	if d.ID != hashOf(string(content)) {
		t.Errorf("ID = %q, want the SHA-256 of the normalised text", d.ID)
	}
}

func TestReadPlainTextTitleLine(t *testing.T) {
	rs := readAllPath(t, "testdata/plain_title.txt", Options{})
	d := docs(rs)[0]
	if got := d.Body.Norm[d.Headline[0]:d.Headline[1]]; got != "Aid convoy reaches besieged district" {
		t.Errorf("headline = %q", got)
	}
	if d.Published != "" {
		t.Errorf("Published = %q, want none", d.Published)
	}
}

func TestSeed(t *testing.T) {
	content, err := os.ReadFile(seedFile)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed corpus missing in CI: %v", err)
		}
		t.Skipf("seed corpus not available (%v); it lives in ../shared next to the module", err)
	}
	rs := readAllPath(t, seedFile, Options{})
	if len(rs) != 1 || rs[0].err != nil {
		t.Fatalf("got %v", summary(rs))
	}
	d := rs[0].doc
	if d.Body.Raw != string(content) {
		t.Fatal("Body.Raw is not exactly the file content")
	}
	if d.Published != "2018-04-07" {
		t.Errorf("Published = %q, want 2018-04-07", d.Published)
	}
	a, b := d.Body.RawSpan(d.Headline[0], d.Headline[1])
	if got := d.Body.Raw[a:b]; got != "According to the Russian military, up to 30 civilians die due to mines every week." {
		t.Errorf("headline = %q", got)
	}
	if got := d.Body.Norm[d.Headline[0]:d.Headline[1]]; got != d.Body.Raw[a:b] {
		t.Errorf("headline in Norm = %q", got)
	}
	for _, want := range []string{"658 cases of injuries", "130 people were killed", "25-30 cases", "more than 55 thousand people"} {
		if !strings.Contains(d.Body.Norm, want) {
			t.Errorf("body lost %q", want)
		}
	}
	if strings.Contains(d.Body.Norm, "2018-04-07") {
		t.Error("date header not blanked")
	}
}

func TestReadJSONLines(t *testing.T) {
	path := "testdata/docs.jsonl"
	rs := readAllPath(t, path, Options{Source: "fallback"})
	want := []string{
		"doc testdata/docs.jsonl:1",
		"doc testdata/docs.jsonl:2",
		`err testdata/docs.jsonl:3: field "text": want a string, got a number`,
		"err testdata/docs.jsonl:5: invalid JSON: unexpected end of input (truncated line?)",
		"err testdata/docs.jsonl:6: empty document",
		"err testdata/docs.jsonl:7: want a JSON object, got an array",
		"doc testdata/docs.jsonl:8",
	}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkErrors(t, rs, path)
	ds := docs(rs)
	d := ds[0]
	if d.ID != "a1" || d.Title.Raw != "Two killed in blast" || d.Published != "2018-05-14" || d.Source != "example-news" || d.URL != "https://example.org/a1" {
		t.Errorf("first record: %+v", d)
	}
	if d.Body.Raw != "Two people were killed in a blast near the bakery on Monday, police said." {
		t.Errorf("Body.Raw = %q", d.Body.Raw)
	}
	if ds[1].ID != "42" || ds[1].Published != "2018-05-15" || ds[1].Source != "fallback" {
		t.Errorf("second record: ID %q Published %q Source %q", ds[1].ID, ds[1].Published, ds[1].Source)
	}
	if ds[2].ID != hashOf(ds[2].Body.Raw) {
		t.Errorf("record without id: ID %q", ds[2].ID)
	}
	var empty *Error
	if !errors.Is(rs[4].err, ErrEmpty) || !errors.As(rs[4].err, &empty) || empty.Origin != "testdata/docs.jsonl:6" {
		t.Errorf("blank text: %v", rs[4].err)
	}
}

func TestReadJSONArrayAndObject(t *testing.T) {
	rs := readAllPath(t, "testdata/array.json", Options{})
	want := []string{
		"doc testdata/array.json:2",
		`err testdata/array.json:3: empty document: field "text" is null`,
		"doc testdata/array.json:4",
	}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if d := rs[0].doc; d.Published != "2018-07-04" || d.ID != "b1" {
		t.Errorf("b1: Published %q (a \"date\" field, month first) ID %q", d.Published, d.ID)
	}
	rs = readAllPath(t, "testdata/single.json", Options{})
	if got := summary(rs); !slices.Equal(got, []string{"doc testdata/single.json"}) {
		t.Fatalf("got %q", got)
	}
	if d := rs[0].doc; d.ID != "s1" || d.Title.Raw != "One object spread over lines" || d.Published != "2017-11-30" {
		t.Errorf("single: %+v", d)
	}
}

func TestReadJSONBroken(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []string
	}{
		{"array cut off", "[\n{\"text\": \"one. Two died.\"},\n{\"text\": \"cut",
			[]string{"doc x.json:2", "err x.json:3: invalid JSON: unexpected end of JSON input"}},
		{"syntax error in array", "[{\"text\": \"ok\"},\n{\"text\" \"no colon\"}]",
			[]string{"doc x.json:1", "err x.json:2: invalid JSON: invalid character '\"' after object key"}},
		{"data after the array", "[{\"text\": \"ok\"}] {}",
			[]string{"doc x.json:1", "err x.json:1: invalid JSON: data after the array"}},
		{"empty array", "[]", []string{"err x.json: empty document: no documents in the array"}},
		{"not JSON", "hello", []string{`err x.json: not JSON: want an object or an array, got "h"`}},
		{"title of the wrong type", `{"text": "ok", "title": {"a": 1}}`, []string{`err x.json: field "title": want a string, got an object`}},
		{"no text", `{"title": "only a title"}`, []string{`err x.json: no "text" field`}},
		{"content stands in for text", `{"content": "Body under another name."}`, []string{"doc x.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := collect(t, Read("x.json", strings.NewReader(tc.data), Options{}))
			if got := summary(rs); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			checkErrors(t, rs, "x.json")
		})
	}
}

func TestReadCSV(t *testing.T) {
	path := "testdata/docs.csv"
	rs := readAllPath(t, path, Options{Published: "1999-09-09"})
	if got := summary(rs); !slices.Equal(got, []string{"doc testdata/docs.csv:2", "doc testdata/docs.csv:3", "doc testdata/docs.csv:4"}) {
		t.Fatalf("got %q", got)
	}
	ds := docs(rs)
	d := ds[0]
	if d.ID != "101" || d.Title.Raw != "Mortar fire kills 3" || d.Source != "outlet-a" || d.URL != "https://example.org/101" {
		t.Errorf("record 101: %+v", d)
	}
	if !strings.HasPrefix(d.Body.Raw, "Fri 07 Apr 2017 at 0914 Mortar fire kills 3.") || !strings.HasSuffix(d.Body.Raw, "said.--AFP") {
		t.Errorf("Body.Raw is not the text field: %q", d.Body.Raw)
	}
	if d.Published != "2017-04-07" || !slices.Equal(d.Credits, []string{"AFP"}) {
		t.Errorf("Published %q Credits %q", d.Published, d.Credits)
	}
	if strings.Contains(d.Body.Norm, "Mortar fire kills 3") {
		t.Errorf("title repeat not blanked: %q", d.Body.Norm)
	}
	// The text's own stamp wins over the "date" column, which may be the
	// event date.
	if ds[1].Published != "2016-07-02" {
		t.Errorf("record 102: Published %q", ds[1].Published)
	}
	// No stamp: the "date" column is used, before the option.
	if ds[2].Published != "2016-07-03" {
		t.Errorf("record 103: Published %q", ds[2].Published)
	}
	if ds[2].Body.Raw != "First line of the article.\nSecond line of the article, with \"quoted\" words." {
		t.Errorf("multi-line field: %q", ds[2].Body.Raw)
	}
}

func TestReadBrokenCSV(t *testing.T) {
	path := "testdata/broken.csv"
	rs := readAllPath(t, path, Options{})
	want := []string{
		"doc testdata/broken.csv:2",
		`err testdata/broken.csv:3: CSV: stray " in an unquoted field (line 3, column 33)`,
		"doc testdata/broken.csv:4",
		`err testdata/broken.csv:5: CSV: broken quoting: a " inside a quoted field must be doubled, and every quoted field closed (line 5, column 35)`,
		"doc testdata/broken.csv:6",
		`err testdata/broken.csv:7: CSV: broken quoting: a " inside a quoted field must be doubled, and every quoted field closed (line 8, column 13)`,
		"doc testdata/broken.csv:8",
	}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkErrors(t, rs, path)
	var ids []string
	for _, d := range docs(rs) {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"1", "3", "5", "7"}) {
		t.Errorf("ids %q", ids)
	}
}

func TestReadCSVVariants(t *testing.T) {
	for _, tc := range []struct {
		name, file, data string
		want             []string
	}{
		{"no text column", "x.csv", "id,headline\n1,Something\n",
			[]string{"err x.csv:1: no text column in the header (want one of text, content, body, article_content)"}},
		{"header only", "x.csv", "id,text\n", []string{"err x.csv: empty document: no records after the header"}},
		{"short record", "x.csv", "id,title,text\n1,only two\n2,ok,Fine text.\n",
			[]string{"err x.csv:2: record has 2 fields, no text column (column 3)", "doc x.csv:3"}},
		{"empty text", "x.csv", "id,text\n1,\n2,Text.\n", []string{"err x.csv:2: empty document", "doc x.csv:3"}},
		{"tab separated", "x.tsv", "id\ttext\n1\tTabbed text.\n", []string{"doc x.tsv:2"}},
		{"BOM and header case", "x.csv", "\ufeffID,Content,Outlet\n7,Text here.,Some outlet\n", []string{"doc x.csv:2"}},
		{"binary text field", "x.csv", "id,text\n1,\"a\x00b\"\n", []string{"err x.csv: binary file (contains NUL bytes)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := collect(t, Read(tc.file, strings.NewReader(tc.data), Options{}))
			if got := summary(rs); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			checkErrors(t, rs, tc.file)
		})
	}
	rs := collect(t, Read("x.csv", strings.NewReader("\ufeffID,Content,Outlet\n7,Text here.,Some outlet\n"), Options{}))
	if d := rs[0].doc; d.ID != "7" || d.Source != "Some outlet" {
		t.Errorf("header names: ID %q Source %q", d.ID, d.Source)
	}
}

func TestReadHTML(t *testing.T) {
	path := "testdata/page.html"
	rs := readAllPath(t, path, Options{})
	if len(rs) != 1 || rs[0].err != nil {
		t.Fatalf("got %v", summary(rs))
	}
	d := rs[0].doc
	if !d.HTML || d.Title.Raw != "Air strike kills 9 in village" || d.Published != "2016-08-11" || d.Source != "Example Times" {
		t.Errorf("HTML %v Title %q Published %q Source %q", d.HTML, d.Title.Raw, d.Published, d.Source)
	}
	for _, want := range []string{"killed nine people on Thursday", "pulled 14 wounded people", "\u201cWe heard the plane come back,\u201d"} {
		if !strings.Contains(d.Body.Raw, want) {
			t.Errorf("article text lost %q:\n%s", want, d.Body.Raw)
		}
	}
	for _, junk := range []string{"tracking", "font-family", "Most read", "50 killed elsewhere", "Sport"} {
		if strings.Contains(d.Body.Raw, junk) {
			t.Errorf("boilerplate %q kept:\n%s", junk, d.Body.Raw)
		}
	}
	if !strings.Contains(d.Body.Norm, `"We heard the plane come back,"`) {
		t.Errorf("quotes not folded in Norm")
	}
	// Offsets point into the extracted text.
	i := strings.Index(d.Body.Norm, "nine people")
	if a, b := d.Body.RawSpan(i, i+len("nine people")); d.Body.Raw[a:b] != "nine people" {
		t.Errorf("RawSpan into extracted text: %q", d.Body.Raw[a:b])
	}
}

func TestReadHTMLWithoutArticle(t *testing.T) {
	rs := collect(t, Read("x.html", strings.NewReader("<html><head><script>var x = 1;</script></head><body></body></html>"), Options{}))
	if len(rs) != 1 || rs[0].err == nil {
		t.Fatalf("got %v", summary(rs))
	}
	checkErrors(t, rs, "x.html")
}

func TestReadBadFiles(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"empty.txt", "testdata/empty.txt: empty document"},
		{"blank.txt", "testdata/blank.txt: empty document"},
		{"archive.txt", "testdata/archive.txt: binary file (contains NUL bytes)"},
		{"utf16.txt", "testdata/utf16.txt: binary file (UTF-16 text; convert it to UTF-8)"},
		{"missing.txt", "testdata/missing.txt: stat: no such file or directory"},
		{"notext.csv", "testdata/notext.csv:1: no text column in the header (want one of text, content, body, article_content)"},
	} {
		rs := readAllPath(t, "testdata/"+tc.file, Options{})
		if got := summary(rs); !slices.Equal(got, []string{"err " + tc.want}) {
			t.Errorf("%s: got %q, want %q", tc.file, got, tc.want)
		}
		checkErrors(t, rs, "testdata/"+tc.file)
	}
	rs := readAllPath(t, "testdata/archive.txt", Options{})
	if !errors.Is(rs[0].err, ErrBinary) {
		t.Errorf("binary error does not wrap ErrBinary")
	}
	rs = readAllPath(t, "testdata/empty.txt", Options{})
	if !errors.Is(rs[0].err, ErrEmpty) {
		t.Errorf("empty error does not wrap ErrEmpty")
	}
}

func TestReadInvalidUTF8(t *testing.T) {
	rs := readAllPath(t, "testdata/latin1.txt", Options{})
	if len(rs) != 1 || rs[0].err != nil {
		t.Fatalf("got %v", summary(rs))
	}
	d := rs[0].doc
	content, _ := os.ReadFile("testdata/latin1.txt")
	if d.Body.Raw != string(content) {
		t.Error("Raw changed")
	}
	if !utf8.ValidString(d.Body.Norm) || !strings.Contains(d.Body.Norm, "damaged  t  in") {
		t.Errorf("Norm = %q", d.Body.Norm)
	}
	// Mostly invalid bytes is binary.
	junk := bytes.Repeat([]byte{0xC0, 0xFF, 'a', 0x9F}, 100)
	rs = collect(t, Read("junk.txt", bytes.NewReader(junk), Options{}))
	if len(rs) != 1 || !errors.Is(rs[0].err, ErrBinary) {
		t.Errorf("mostly invalid UTF-8: %v", summary(rs))
	}
}

// countingReader serves left bytes of filler and counts what was read.
type countingReader struct {
	left, read int64
	fill       byte
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.left)
	for i := range p[:n] {
		p[i] = r.fill
	}
	r.left -= n
	r.read += n
	return int(n), nil
}

func TestOversized(t *testing.T) {
	const size = 60 << 20
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, &countingReader{left: size, fill: 'a'}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rs := readAllPath(t, big, Options{})
	if got := summary(rs); !slices.Equal(got, []string{"err " + big + ": too large: over 50 MiB (the limit per document)"}) {
		t.Errorf("got %q", got)
	}
	if !errors.Is(rs[0].err, ErrTooLarge) {
		t.Error("not ErrTooLarge")
	}

	// From a stream (stdin): refused after reading just over the limit.
	cr := &countingReader{left: size, fill: 'b'}
	rs = collect(t, Read("stdin", cr, Options{}))
	if len(rs) != 1 || !errors.Is(rs[0].err, ErrTooLarge) {
		t.Fatalf("got %v", summary(rs))
	}
	if cr.read > DefaultMaxBytes+(1<<20) {
		t.Errorf("read %d bytes of a %d-byte stream", cr.read, int64(size))
	}

	// JSON Lines: the limit is per line, the other lines come through.
	jl := filepath.Join(dir, "big.jsonl")
	f, err = os.Create(jl)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, `{"id": "before", "text": "Before the big line."}`)
	fmt.Fprint(f, `{"id": "big", "text": "`)
	if _, err := io.Copy(f, &countingReader{left: size, fill: 'c'}); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, `"}`)
	fmt.Fprintln(f, `{"id": "after", "text": "After the big line."}`)
	f.Close()
	rs = readAllPath(t, jl, Options{})
	want := []string{"doc " + jl + ":1", "err " + jl + ":2: too large: over 50 MiB (the limit per document)", "doc " + jl + ":3"}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	// CSV: the limit is per record, and a record over it is passed over
	// without being kept: no more than the limit of it is ever held.
	cp := filepath.Join(dir, "big.csv")
	f, err = os.Create(cp)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "id,text\nbefore,Before the big record.\nbig,\"")
	if _, err := io.Copy(f, &countingReader{left: size, fill: 'd'}); err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "\"\nafter,After the big record.\n")
	f.Close()
	runtime.GC()
	stop := peakHeap()
	rs = readAllPath(t, cp, Options{MaxBytes: 1 << 20})
	peak := stop()
	want = []string{"doc " + cp + ":2", "err " + cp + ":3: too large: over 1 MiB (the limit per document)", "doc " + cp + ":4"}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if peak > 16<<20 {
		t.Errorf("peak heap in use %.1f MiB passing over a %d MiB record", float64(peak)/(1<<20), size>>20)
	}
}

func TestOversizedLine(t *testing.T) {
	line := `{"id": "big", "text": "` + strings.Repeat("x", 3000) + `"}`
	data := `{"id": "a", "text": "First."}` + "\n" + line + "\n" + `{"id": "b", "text": "Last."}` + "\n"
	rs := collect(t, Read("x.jsonl", strings.NewReader(data), Options{MaxBytes: 1024}))
	want := []string{"doc x.jsonl:1", "err x.jsonl:2: too large: over 1 KiB (the limit per document)", "doc x.jsonl:3"}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		file string
		html bool
		text string
	}{
		{"sniff_json", false, "Sniffed as JSON. Six were hurt."},
		{"sniff_html", true, "Sniffed as HTML"},
		{"sniff_text", false, "[Photo] A caption first"},
	} {
		data, err := os.ReadFile("testdata/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"testdata/" + tc.file, "stdin"} {
			var rs []result
			if name == "stdin" {
				rs = collect(t, Read("stdin", bytes.NewReader(data), Options{}))
			} else {
				rs = readAllPath(t, name, Options{})
			}
			if len(rs) != 1 || rs[0].err != nil {
				t.Errorf("%s: got %v", name, summary(rs))
				continue
			}
			if d := rs[0].doc; d.HTML != tc.html || !strings.Contains(d.Body.Raw, tc.text) {
				t.Errorf("%s: HTML %v Raw %q", name, d.HTML, d.Body.Raw)
			}
		}
	}
}

func TestSniffMarkup(t *testing.T) {
	for _, tc := range []struct {
		data string
		want []string
	}{
		{`<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`, []string{"err stdin: empty document: the feed has no items"}},
		{`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, []string{"err stdin: empty document: the feed has no items"}},
		{"<!-- made by hand -->\n<?xml-stylesheet href=\"s.xsl\"?><rss version=\"2.0\"><channel><item><description>Two were hurt.</description></item></channel></rss>", []string{"doc stdin:item 1"}},
		{`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>T</title></channel><item><title>One hurt</title><description>One was hurt.</description></item></rdf:RDF>`, []string{"doc stdin:item 1"}},
		{`<?xml version="1.0"?><!DOCTYPE html><html><body><p>Six were hurt.</p></body></html>`, []string{"doc stdin"}},
		{`<feedback>Seven people were hurt.</feedback>`, []string{"doc stdin"}},
		{`<note>Five people were hurt.</note>`, []string{"doc stdin"}},
	} {
		rs := collect(t, Read("stdin", strings.NewReader(tc.data), Options{}))
		if got := summary(rs); !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.data, got, tc.want)
		}
	}
}

func TestReadPathStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	go func() {
		fmt.Fprintln(w, `{"id": "x", "text": "From standard input. Two died."}`)
		fmt.Fprintln(w, `{"id": "y", "text": 7}`)
		w.Close()
	}()
	rs := readAllPath(t, "-", Options{})
	want := []string{"doc stdin:1", `err stdin:2: field "text": want a string, got a number`}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "First article. Three were killed.")
	write("sub/b.jsonl", `{"id": "b", "text": "Second."}`+"\n"+`{"id": "c", "text": 1}`+"\n")
	write("sub/deeper/c.csv", "id,text\nd,Third.\n")
	write("sub/empty.txt", "")
	write(".hidden/x.txt", "skipped")
	write(".y.txt", "skipped")
	write("image.png", "\x89PNG\x00\x00")
	write("sub/news.rss", `<rss version="2.0"><channel><item><description>Fourth.</description></item></channel></rss>`)
	write("sub/notes.xml", `<?xml version="1.0"?><notes>Fifth.</notes>`)
	rs := readAllPath(t, dir, Options{})
	want := []string{
		"doc " + filepath.Join(dir, "a.txt"),
		"doc " + filepath.Join(dir, "sub/b.jsonl") + ":1",
		"err " + filepath.Join(dir, "sub/b.jsonl") + `:2: field "text": want a string, got a number`,
		"doc " + filepath.Join(dir, "sub/deeper/c.csv") + ":2",
		"err " + filepath.Join(dir, "sub/empty.txt") + ": empty document",
		"doc " + filepath.Join(dir, "sub/news.rss") + ":item 1",
		"doc " + filepath.Join(dir, "sub/notes.xml"),
	}
	if got := summary(rs); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStopEarly(t *testing.T) {
	for _, path := range []string{"testdata/docs.jsonl", "testdata/broken.csv", "testdata/array.json", "testdata"} {
		n := 0
		for range ReadPath(path, Options{}) {
			n++
			if n == 2 {
				break
			}
		}
		if n != 2 {
			t.Errorf("%s: %d items before stopping", path, n)
		}
	}
}

func TestPublishedPrecedence(t *testing.T) {
	rd := &reader{name: "x", opt: Options{Published: "2001-01-01"}}
	for _, tc := range []struct {
		name  string
		body  string
		m     meta
		want  string
		plain bool
	}{
		{"metadata first", "date 2019-01-01 Fri 07 Apr 2017 Body.", meta{published: "2020-02-02", date: "3/3/21"}, "2020-02-02", true},
		{"then the header", "date 2019-01-01 Fri 07 Apr 2017 Body.", meta{date: "3/3/21"}, "2019-01-01", true},
		{"then the stamp", "Fri 07 Apr 2017 Body.", meta{date: "3/3/21"}, "2017-04-07", false},
		{"then a date column", "Body.", meta{date: "3/3/21"}, "2021-03-03", false},
		{"then the option", "Body.", meta{}, "2001-01-01", false},
		{"bad metadata is skipped", "Body.", meta{published: "soon"}, "2001-01-01", false},
	} {
		tc.m.origin, tc.m.plain = "x", tc.plain
		d, err := rd.build(tc.body, tc.m)
		if err != nil {
			t.Fatal(err)
		}
		if d.Published != tc.want {
			t.Errorf("%s: Published = %q, want %q", tc.name, d.Published, tc.want)
		}
	}
	d, _ := (&reader{opt: Options{Published: "not a date"}}).build("Body.", meta{origin: "x"})
	if d.Published != "" {
		t.Errorf("invalid option used: %q", d.Published)
	}
}

func TestFakesDev(t *testing.T) {
	if _, err := os.Stat(fakesDev); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("fakes-dev corpus missing in CI: %v", err)
		}
		t.Skipf("fakes-dev corpus not available (%v)", err)
	}
	rs := readAllPath(t, fakesDev, Options{})
	n := 0
	for _, r := range rs {
		if r.err != nil {
			t.Errorf("error: %v", r.err)
			continue
		}
		n++
		d := r.doc
		if d.Published == "" || d.Source == "" || d.Title.Raw == "" || d.ID == "" {
			t.Errorf("%s: Published %q Source %q Title %q ID %q", d.Origin, d.Published, d.Source, d.Title.Raw, d.ID)
		}
		checkRoundTrip(t, d.Origin, &d.Body)
		checkRoundTrip(t, d.Origin, &d.Title)
	}
	if n != 351 {
		t.Errorf("read %d documents, want 351", n)
	}
}

// checkRoundTrip checks a long text's offset map without checkText's
// quadratic cost: every offset maps monotonically into Raw, and the Raw
// text of each unit (rune or replacement) normalises back to it.
func checkRoundTrip(t *testing.T, origin string, txt *Text) {
	t.Helper()
	fresh := NewText(txt.Raw) // Norm before furniture was blanked
	if len(fresh.Norm) != len(txt.Norm) {
		t.Fatalf("%s: blanking changed Norm's length", origin)
	}
	prev := 0
	for n := 0; n <= len(txt.Norm); n++ {
		r := txt.RawOffset(n)
		if r < prev || r > len(txt.Raw) {
			t.Fatalf("%s: RawOffset(%d) = %d after %d", origin, n, r, prev)
		}
		prev = r
	}
	bounds := unitBoundaries(fresh)
	for i := 1; i < len(bounds); i++ {
		s, e := bounds[i-1], bounds[i]
		a, b := txt.RawSpan(s, e)
		if got := NewText(txt.Raw[a:b]).Norm; got != fresh.Norm[s:e] {
			t.Fatalf("%s: span %d-%d: %q normalises to %q, want %q", origin, s, e, txt.Raw[a:b], got, fresh.Norm[s:e])
		}
	}
}

func BenchmarkReadFakesDev(b *testing.B) {
	data, err := os.ReadFile(fakesDev)
	if err != nil {
		b.Skipf("fakes-dev corpus not available: %v", err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for _, err := range Read("fakes-dev.csv", bytes.NewReader(data), Options{}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadJSONL reads the fakes-dev articles as JSON Lines, the form
// ingest is fed at scale: the cost of decoding each line besides the
// furniture rules.
func BenchmarkReadJSONL(b *testing.B) {
	data, err := os.ReadFile(fakesDev)
	if err != nil {
		b.Skipf("fakes-dev corpus not available: %v", err)
	}
	var lines bytes.Buffer
	for d, err := range Read("fakes-dev.csv", bytes.NewReader(data), Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		line, err := json.Marshal(map[string]string{"id": d.ID, "title": d.Title.Raw, "text": d.Body.Raw, "published": d.Published, "source": d.Source})
		if err != nil {
			b.Fatal(err)
		}
		lines.Write(append(line, '\n'))
	}
	b.SetBytes(int64(lines.Len()))
	for b.Loop() {
		for _, err := range Read("fakes-dev.jsonl", bytes.NewReader(lines.Bytes()), Options{}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadLarge reads one large plain-text article: the cost of the
// furniture rules on text that is mostly article.
func BenchmarkReadLarge(b *testing.B) {
	text := strings.Repeat("At least 29 \u201crebels\u201d were killed in clashes near the road, a monitor said on Sunday. ", 50000)
	text = "Fri 07 Apr 2017 " + text + "--AFP"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		for _, err := range Read("x.txt", strings.NewReader(text), Options{}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// JSON Lines from a pipe are read a line at a time: each document is
// yielded once its line has come, while the writer still holds the pipe
// open, and a pretty-printed object is still one JSON document.
func TestReadJSONLinesFromAPipe(t *testing.T) {
	pr, pw := io.Pipe()
	lines := []string{
		`{"id": "a", "text": "Shelling killed 3 people in Douma on Monday."}`,
		`{"id": "b", "text": "An air strike killed 5 civilians in Idlib."}`,
	}
	go func() {
		pw.Write([]byte(lines[0] + "\n"))
	}()
	next, stop := iter.Pull2(Read("stdin", pr, Options{}))
	defer stop()
	for i, line := range lines {
		if i > 0 {
			go pw.Write([]byte(line + "\n"))
		}
		d, err, ok := next()
		if !ok || err != nil {
			t.Fatalf("line %d: %v, %v", i+1, err, ok)
		}
		if want := string(rune('a' + i)); d.ID != want {
			t.Errorf("line %d: id %q, want %q", i+1, d.ID, want)
		}
	}
	pw.Close()
	if d, err, ok := next(); ok {
		t.Errorf("after the pipe closed: %v, %v", d, err)
	}

	var got []string
	for d, err := range Read("stdin", strings.NewReader("{\n  \"id\": \"p\",\n  \"text\": \"Ten were killed.\"\n}\n"), Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, d.ID)
	}
	if !slices.Equal(got, []string{"p"}) {
		t.Errorf("pretty-printed object: %v", got)
	}
}
