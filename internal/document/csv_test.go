package document

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// onlyReader hides every method but Read: a stream such as a pipe on
// stdin, which cannot go back.
type onlyReader struct{ io.Reader }

// outcome is summary with each document's fields, to compare two readings
// of one input.
func outcome(rs []result) []string {
	var out []string
	for _, r := range rs {
		if r.err != nil {
			out = append(out, "err "+r.err.Error())
			continue
		}
		d := r.doc
		out = append(out, fmt.Sprintf("doc %s id=%q title=%q body=%x published=%q source=%q url=%q",
			d.Origin, d.ID, d.Title.Raw, sha256.Sum256([]byte(d.Body.Raw)), d.Published, d.Source, d.URL))
	}
	return out
}

// checkCSVAgainstWhole reads data within MaxBytes as name, seekable, as a
// stream, and in pieces of a few bytes (as lines longer than the buffer
// are read), and wants exactly what encoding/csv over the whole input
// gave before reading was streamed.
func checkCSVAgainstWhole(t *testing.T, name string, data []byte) {
	t.Helper()
	opt := Options{MaxBytes: 1 << 16}
	if len(data) == 0 || len(data) > int(opt.max()) || binaryReason(data[:min(len(data), sniffLen)]) != "" {
		return // refused before the format is looked at, as before
	}
	comma := ','
	if strings.HasSuffix(name, ".tsv") {
		comma = '\t'
	}
	want := outcome(readWholeCSV(name, data, comma, opt))
	for _, v := range []struct {
		how   string
		r     func() io.Reader
		piece int
	}{
		{"seekable", func() io.Reader { return bytes.NewReader(data) }, 0},
		{"stream", func() io.Reader { return onlyReader{bytes.NewReader(data)} }, 0},
		{"stream in pieces", func() io.Reader { return onlyReader{bytes.NewReader(data)} }, 16},
	} {
		csvPiece = v.piece
		got := outcome(collect(t, Read(name, v.r(), opt)))
		csvPiece = 0
		if !slices.Equal(got, want) {
			t.Fatalf("%s, %s: %q\nstreamed:\n%s\nwhole:\n%s", name, v.how, data, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// checkCSVStream reads data with a limit small enough that records go over
// it, seekable and as a stream: the two agree up to where the stream must
// stop because it cannot go back, and neither hangs nor panics.
func checkCSVStream(t *testing.T, name string, data []byte) {
	t.Helper()
	opt := Options{MaxBytes: 24}
	seekable := outcome(collect(t, Read(name, bytes.NewReader(data), opt)))
	csvPiece = 16
	stream := outcome(collect(t, Read(name, onlyReader{bytes.NewReader(data)}, opt)))
	csvPiece = 0
	if n := len(stream); n > 0 && strings.HasSuffix(stream[n-1], "cannot go back (a stream); save it to a file to read them") {
		if n > len(seekable) || !slices.Equal(stream[:n-1], seekable[:n-1]) {
			t.Fatalf("%s: %q\nstream:\n%s\nseekable:\n%s", name, data, strings.Join(stream, "\n"), strings.Join(seekable, "\n"))
		}
		return
	}
	if !slices.Equal(stream, seekable) {
		t.Fatalf("%s: %q\nstream:\n%s\nseekable:\n%s", name, data, strings.Join(stream, "\n"), strings.Join(seekable, "\n"))
	}
}

// bigCSV describes a generated CSV: rows short rows after a header, the row
// with id stray has a stray quote in an unquoted field, the one with id
// open a quote that is never closed (0: none). Row i is on line i+1.
type bigCSV struct {
	rows, stray, open int
}

func (b bigCSV) row(i int) string {
	switch i {
	case b.stray:
		return fmt.Sprintf("%d,Stray %d,This row has a \"stray\" quote in its text\n", i, i)
	case b.open:
		return fmt.Sprintf("%d,Open %d,\"This quote is never closed and swallows the rest\n", i, i)
	}
	return fmt.Sprintf("%d,Title %d,Row %d: at least 3 civilians were killed when shells hit a market on Sunday a monitor said\n", i, i, i)
}

// write writes the file to w and gives its size.
func (b bigCSV) write(t testing.TB, w io.Writer) int64 {
	t.Helper()
	bw := bufio.NewWriterSize(w, 1<<20)
	n, _ := bw.WriteString("id,title,text\n")
	size := int64(n)
	for i := 1; i <= b.rows; i++ {
		n, _ := bw.WriteString(b.row(i))
		size += int64(n)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	return size
}

// want is the errors reading the file gives.
func (b bigCSV) want(name string) []string {
	var out []string
	if b.stray > 0 {
		col := strings.IndexByte(b.row(b.stray), '"') + 1
		out = append(out, fmt.Sprintf(`%s:%d: CSV: stray " in an unquoted field (line %d, column %d)`, name, b.stray+1, b.stray+1, col))
	}
	if b.open > 0 {
		// encoding/csv reports the end of the input, just past the last line.
		col := len(b.row(b.rows)) + 1
		out = append(out, fmt.Sprintf(`%s:%d: CSV: broken quoting: a " inside a quoted field must be doubled, and every quoted field closed (line %d, column %d)`, name, b.open+1, b.rows+1, col))
	}
	return out
}

// peakHeap samples the heap in use until stop is called, which gives the
// highest it saw. Sampling can miss a short peak, but not a reader that
// holds the input or the documents, which is what it is for.
func peakHeap() (stop func() uint64) {
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var peakSoFar uint64
		var ms runtime.MemStats
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peakSoFar = max(peakSoFar, ms.HeapInuse)
			select {
			case <-done:
				peak <- peakSoFar
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-peak
	}
}

// TestReadBigCSV reads a CSV of a million short rows (over 100 MB) with a
// stray quote in the middle and an unterminated quote near the end, from
// the file and as a stream: every other row is a document, the two bad
// rows are errors naming their lines, and the heap stays far below the
// file's size. Under the race detector it reads a tenth of the rows.
func TestReadBigCSV(t *testing.T) {
	if testing.Short() {
		t.Skip("a large file")
	}
	rows := 1_000_000
	if raceEnabled {
		rows = 100_000
	}
	b := bigCSV{rows: rows, stray: rows / 2, open: rows - 20}
	path := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	size := b.write(t, f)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if !raceEnabled && size < 100<<20 {
		t.Fatalf("file of %d bytes, want over 100 MB", size)
	}
	for _, tc := range []struct {
		how  string
		docs func() iter.Seq2[*Document, error]
	}{
		{"file", func() iter.Seq2[*Document, error] { return ReadPath(path, Options{}) }},
		{"stream", func() iter.Seq2[*Document, error] {
			return func(yield func(*Document, error) bool) {
				f, err := os.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				for d, err := range Read(path, onlyReader{f}, Options{}) {
					if !yield(d, err) {
						return
					}
				}
			}
		}},
	} {
		t.Run(tc.how, func(t *testing.T) {
			runtime.GC()
			stop := peakHeap()
			var errs []string
			n, sum := 0, 0
			for d, err := range tc.docs() {
				if err != nil {
					errs = append(errs, err.Error())
					continue
				}
				n++
				id, _ := strconv.Atoi(d.ID)
				sum += id
				if want := lineOrigin(path, id+1); d.Origin != want {
					t.Fatalf("document %s from %s, want %s", d.ID, d.Origin, want)
				}
			}
			peak := stop()
			if want := b.want(path); !slices.Equal(errs, want) {
				t.Errorf("errors\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
			}
			if want := rows*(rows+1)/2 - b.stray - b.open; n != rows-2 || sum != want {
				t.Errorf("%d documents (ids summing to %d), want %d (%d)", n, sum, rows-2, want)
			}
			t.Logf("%d rows, %.1f MB: peak heap in use %.1f MiB", rows, float64(size)/1e6, float64(peak)/(1<<20))
			if peak > 64<<20 {
				t.Errorf("peak heap in use %.1f MiB reading a %.1f MB file, want under 64 MiB", float64(peak)/(1<<20), float64(size)/1e6)
			}
		})
	}
}

// BenchmarkReadCSV measures CSV reading in MB/s on short rows: "records"
// is the splitter and encoding/csv alone, "documents" all of Read (which
// also normalises each text and looks for furniture and dates), and
// "whole" the documents as read before streaming, for comparison.
func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	big := bigCSV{rows: 20_000}
	big.write(b, &buf)
	data := buf.Bytes()
	b.Run("records", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sp := newCSVSplitter(bufio.NewReaderSize(bytes.NewReader(data), 64<<10), ',', DefaultMaxBytes, 0, 0)
			p := newCSVParser(',')
			for {
				c, err := sp.next()
				if err == io.EOF {
					break
				}
				if _, err := p.parse(c.data, c.eof); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("documents", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for _, err := range Read("x.csv", bytes.NewReader(data), Options{}) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("whole", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			for _, r := range readWholeCSV("x.csv", data, ',', Options{}) {
				if r.err != nil {
					b.Fatal(r.err)
				}
			}
		}
	})
}

// TestReadCSVOversized reads records over MaxBytes: each is one error
// naming its line, not kept in memory, and the records after it come
// through, from a file and from a stream. A quote that never closes and
// runs over the limit can only be read again from a file.
func TestReadCSVOversized(t *testing.T) {
	long := strings.Repeat("x", 3000)
	lines := strings.Repeat("a line of a long quoted field\n", 100)
	tooLarge := "too large: over 1 KiB (the limit per document)"
	broken := "CSV: broken quoting: a quoted field from this line runs on for over 1 KiB (the limit per document) to the end of the input"
	for _, tc := range []struct {
		name, data   string
		file, stream []string // the outcome from each; stream nil: as file
	}{
		{"unquoted line", "id,text\n1,First.\n2," + long + "\n3,Last.\n",
			[]string{"doc :2", "err :3: " + tooLarge, "doc :4"}, nil},
		{"quoted lines", "id,text\n1,First.\n2,\"" + lines + "\"\n3,Last.\n",
			[]string{"doc :2", "err :3: " + tooLarge, "doc :104"}, nil},
		{"CRLF and a blank line", "id,text\r\n1,First.\r\n\r\n2,\"" + long + "\"\r\n3,Last.\r\n",
			[]string{"doc :2", "err :4: " + tooLarge, "doc :5"}, nil},
		{"last record", "id,text\n1,First.\n2,\"" + long + "\"",
			[]string{"doc :2", "err :3: " + tooLarge}, nil},
		{"a stray quote in it", "id,text\n1,First.\n2,\"" + lines + "\"x\n3,Last.\n",
			[]string{"doc :2", "err :3: " + tooLarge, "doc :104"}, nil},
		{"header", "id," + long + "\n1,First.\n", []string{"err :1: " + tooLarge}, nil},
		{"never closed", "id,text\n1,First.\n2,\"Never closed.\n" + strings.Repeat("3,After.\n", 200),
			append([]string{"doc :2", "err :3: " + broken}, slices.Repeat([]string{"doc"}, 200)...),
			[]string{"doc :2", "err :3: " + broken + "; the lines after it are not read: the input cannot go back (a stream); save it to a file to read them"}},
		{"closed by a stray quote at the end", "id,text\n1,First.\n2,\"Not closed.\n" + strings.Repeat("3,After.\n", 200) + "4,\"x\n",
			append(append([]string{"doc :2", "err :3: " + broken}, slices.Repeat([]string{"doc"}, 200)...),
				`err :204: CSV: broken quoting: a " inside a quoted field must be doubled, and every quoted field closed (line 204, column 6)`),
			[]string{"doc :2", "err :3: " + broken + "; the lines after it are not read: the input cannot go back (a stream); save it to a file to read them"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.csv")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			opt := Options{MaxBytes: 1 << 10}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			streamWant := tc.stream
			if streamWant == nil {
				streamWant = tc.file
			}
			for _, v := range []struct {
				how  string
				rs   []result
				want []string
			}{
				{"file", readAllPath(t, path, opt), tc.file},
				{"stream", collect(t, Read(path, onlyReader{f}, opt)), streamWant},
			} {
				checkErrors(t, v.rs, path)
				var got []string
				for _, s := range summary(v.rs) {
					s = strings.Replace(s, path, "", 1)
					if strings.HasPrefix(s, "doc :") && slices.Contains(v.want, "doc") && !slices.Contains(v.want, s) {
						s = "doc" // many alike: the count is what matters
					}
					got = append(got, s)
				}
				if !slices.Equal(got, v.want) {
					t.Errorf("%s: got\n%s\nwant\n%s", v.how, strings.Join(got, "\n"), strings.Join(v.want, "\n"))
				}
			}
		})
	}
}
