package document

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// readWholeCSV is how CSV was read before it was streamed: the whole input
// in memory, encoding/csv over all of it. It stays as the oracle the
// streaming reader is checked against (FuzzReadCSV), for inputs within
// MaxBytes, where the two must agree exactly.
func readWholeCSV(name string, data []byte, comma rune, opt Options) []result {
	var out []result
	rd := &reader{name: name, opt: opt, yield: func(d *Document, err error) bool {
		out = append(out, result{d, err})
		return true
	}}
	if len(bytes.TrimSpace(data)) == 0 {
		rd.emit(nil, at(rd.name, ErrEmpty))
		return out
	}
	rd.readWholeCSV(data, comma)
	return out
}

func (rd *reader) readWholeCSV(data []byte, comma rune) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	cr := newWholeCSVReader(data, comma)
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
	type csvRead struct {
		rec []string
		err error
	}
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
					restart := base + pe.StartLine
					off := lineOffset(data, restart)
					if off >= len(data) {
						break
					}
					cr, base = newWholeCSVReader(data[off:], comma), restart
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

func newWholeCSVReader(data []byte, comma rune) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	return cr
}
