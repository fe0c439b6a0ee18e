package document

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvColumns are the header names recognised for each field, in order of
// preference, compared without case, spaces, hyphens and underscores
// ("Article Content" is article_content). Dates follow ParseDate: FA-KES's
// "4/7/17" is 7 April 2017.
var csvColumns = []struct {
	field string
	names []string
}{
	{"id", []string{"id", "unit_id", "doc_id", "document_id", "article_id", "uid"}},
	{"title", []string{"title", "article_title", "headline", "heading"}},
	{"text", []string{"text", "content", "body", "article_content", "article_text", "article", "full_text", "story"}},
	{"published", []string{"published", "pubdate", "pub_date", "publication_date", "published_at", "published_date", "publish_date", "date_published"}},
	{"date", []string{"date"}},
	{"source", []string{"source", "outlet", "publisher", "source_name", "site", "media"}},
	{"url", []string{"url", "link", "article_url", "source_url", "href"}},
}

func columnKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF")))
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '-' && c != '_' {
			b = append(b, c)
		}
	}
	return string(b)
}

// readCSV reads a CSV (or TSV) file with a header row, one document per
// record. Records are read with encoding/csv, strict about quotes: a record
// with a stray quote is an error naming its line, and the records after it
// still come through. An unterminated quote swallows the rest of the file
// for encoding/csv; reading then starts again on the line after the
// broken record's first.
func (rd *reader) readCSV(data []byte, comma rune) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	cr := newCSVReader(data, comma)
	header, err := cr.Read()
	if err != nil {
		rd.emit(nil, rd.csvError(err, 0))
		return
	}
	cols := map[string]int{}
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = columnKey(h)
	}
	for _, c := range csvColumns {
		for _, name := range c.names {
			if _, done := cols[c.field]; done {
				break
			}
			for i := range header {
				if keys[i] == columnKey(name) {
					cols[c.field] = i
					break
				}
			}
		}
	}
	textCol, ok := cols["text"]
	if !ok {
		rd.emit(nil, errorf(lineOrigin(rd.name, 1), "no text column in the header (want one of text, content, body, article_content)"))
		return
	}
	base := 0 // lines before the current csv.Reader's start
	records := 0
	var peeked *csvRead
	for {
		var rec []string
		var err error
		if peeked != nil {
			rec, err, peeked = peeked.rec, peeked.err, nil
		} else {
			rec, err = cr.Read()
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				rd.emit(nil, at(rd.name, err))
				return
			}
			records++
			if !rd.emit(nil, rd.csvError(err, base)) {
				return
			}
			if pe.Err == csv.ErrQuote && pe.Line > pe.StartLine {
				next, nextErr := cr.Read()
				if nextErr != io.EOF {
					peeked = &csvRead{next, nextErr}
				} else {
					// The quote swallowed the rest: start again after
					// the broken record's first line.
					restart := base + pe.StartLine // lines before the restart
					off := lineOffset(data, restart)
					if off >= len(data) {
						break
					}
					cr, base = newCSVReader(data[off:], comma), restart
				}
			}
			continue
		}
		records++
		line, _ := cr.FieldPos(0)
		origin := lineOrigin(rd.name, base+line)
		if textCol >= len(rec) {
			if !rd.emit(nil, errorf(origin, "record has %d fields, no text column (column %d)", len(rec), textCol+1)) {
				return
			}
			continue
		}
		m := meta{origin: origin}
		for field, dst := range map[string]*string{"id": &m.id, "title": &m.title, "published": &m.published, "date": &m.date, "source": &m.source, "url": &m.url} {
			if i, ok := cols[field]; ok && i < len(rec) {
				*dst = rec[i]
			}
		}
		if !rd.emitBuilt(rec[textCol], m) {
			return
		}
	}
	if records == 0 {
		rd.emit(nil, at(rd.name, fmt.Errorf("%w: no records after the header", ErrEmpty)))
	}
}

// csvRead is a record read ahead.
type csvRead struct {
	rec []string
	err error
}

func newCSVReader(data []byte, comma rune) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // scraped files are ragged; the text column is what matters
	return cr
}

// csvError turns a csv error into a one-line Error naming the line where
// the bad record starts.
func (rd *reader) csvError(err error, base int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch pe.Err {
		case csv.ErrBareQuote:
			msg = `stray " in an unquoted field`
		case csv.ErrQuote:
			msg = `broken quoting: a " inside a quoted field must be doubled, and every quoted field closed`
		}
		where := fmt.Sprintf("line %d, column %d", base+pe.Line, pe.Column)
		return errorf(lineOrigin(rd.name, base+pe.StartLine), "CSV: %s (%s)", msg, where)
	}
	if err == io.EOF {
		return at(rd.name, ErrEmpty)
	}
	return at(rd.name, err)
}

// lineOffset is the byte offset where line n+1 starts (after n newlines).
func lineOffset(data []byte, n int) int {
	off := 0
	for ; n > 0; n-- {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	return off
}
