package document

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Key is the document's identity in a store: the hex SHA-256 of its
// normalised title and text, so that the same article read again, from any
// format, is the same document, while the same text under another headline
// is another document (a copy, grouped with it by the store).
func (d *Document) Key() string {
	h := sha256.New()
	io.WriteString(h, d.Title.Norm)
	h.Write([]byte{0})
	io.WriteString(h, d.Body.Norm)
	return hex.EncodeToString(h.Sum(nil))
}

// Kept is what a store keeps of a document to read it again: its text as
// read and its metadata.
type Kept struct {
	ID, Title, Body, Published, Source, URL, Origin string
	HTML, Plain                                     bool
}

// Reread makes the Document that reading its text gave, from what a store
// kept of it, so that extraction can run again when the rules change.
func Reread(k Kept) (*Document, error) {
	rd := &reader{name: k.Origin}
	return rd.build(k.Body, meta{
		origin: k.Origin, id: k.ID, title: k.Title, published: k.Published,
		source: k.Source, url: k.URL, html: k.HTML, plain: k.Plain,
	})
}

// progressReader tells progress how many bytes each read gave. Bytes read
// again after a Seek back (a CSV restart) are not told twice.
type progressReader struct {
	r         io.Reader
	progress  func(n int)
	pos, seen int64 // where reading is; the furthest it has been
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.pos += int64(n)
	if p.pos > p.seen {
		p.progress(int(p.pos - max(p.seen, p.pos-int64(n))))
		p.seen = p.pos
	}
	return n, err
}

// Seek moves in the underlying reader, when it can.
func (p *progressReader) Seek(offset int64, whence int) (int64, error) {
	s, ok := p.r.(io.Seeker)
	if !ok {
		return 0, errors.New("seek: not supported")
	}
	pos, err := s.Seek(offset, whence)
	if err == nil {
		p.pos = pos
	}
	return pos, err
}

// InputSize is how many bytes ReadPath(path) will read from files: the
// size of a file, or of the files a directory holds that ReadPath reads.
// It is for progress bars; stdin and unreadable paths count 0.
func InputSize(path string) int64 {
	if path == "-" {
		return 0
	}
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	if !info.IsDir() {
		return info.Size()
	}
	var total int64
	_ = filepath.WalkDir(path, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		hidden := p != path && strings.HasPrefix(e.Name(), ".")
		if e.IsDir() {
			if hidden {
				return fs.SkipDir
			}
			return nil
		}
		if hidden || formatOf(p) == formatSniff || !e.Type().IsRegular() {
			return nil
		}
		if info, err := e.Info(); err == nil {
			total += info.Size()
		}
		return nil
	})
	return total
}
