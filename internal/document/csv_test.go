package document

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
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
