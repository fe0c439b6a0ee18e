package document

import (
	"bufio"
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

// CSV and TSV are streamed: MaxBytes bounds each record, not the file, so
// that a file of a million rows is read in little memory and a record over
// the limit is one error naming its line, with reading going on after it.
//
// encoding/csv alone cannot do that: it holds a whole record before it can
// say anything about it, so it cannot pass over one that is too large, and
// it does not say where in the input a record starts, which going back
// after an unterminated quote needs. So a csvSplitter runs encoding/csv's
// quoting rules (strict quotes, no comments, no trimming) as a small state
// machine over the input: it finds where each record ends, keeps the
// record's bytes while they are within MaxBytes and only counts them
// beyond. encoding/csv then parses each kept record on its own, so fields,
// messages, lines and columns are encoding/csv's. FuzzReadCSV checks the
// pair against encoding/csv reading the whole input.
//
// An unterminated quote swallows the rest of the input: encoding/csv
// reports a quote error on a later line than the record's first, and only
// blank lines follow. Reading then starts again on the line after the
// broken record's first. What is read again is the broken record's bytes
// and the blank lines after it. When the record was within MaxBytes they
// are in memory, whatever the input: the record is the bounded spool. When
// it ran over MaxBytes (a quote that opens early in a big file) they were
// not kept: the input is read again from there with io.Seeker when it can
// seek (a file, any io.ReadSeeker), and a stream that cannot (a pipe on
// stdin) ends with an error that says so. Spooling a stream to a temporary
// file would recover that last case, at the cost of writing every
// oversized record of every stream to disk; a record that large from a
// pipe is rare enough to name it and stop.

// readCSV reads a CSV (or TSV) input with a header row from br, one
// document per record. off is how many bytes of the input come before
// br's first (a byte order mark dropped); bom says there was one.
func (rd *reader) readCSV(br *bufio.Reader, off int64, bom bool, comma rune) {
	max := rd.opt.max()
	sp := newCSVSplitter(br, comma, max, 0, off)
	p := newCSVParser(comma)
	hc, err := sp.next()
	switch {
	case err == io.EOF:
		rd.emit(nil, at(rd.name, ErrEmpty))
		return
	case err != nil:
		rd.emit(nil, sp.readError(rd.name, err))
		return
	case hc.data == nil:
		rd.emit(nil, tooLarge(lineOrigin(rd.name, hc.line), max))
		return
	}
	if !bom && len(bytes.TrimSpace(hc.data)) == 0 {
		// White space alone is an empty file, as for the other formats;
		// before other records it is a header without a text column.
		hc.data = bytes.Clone(hc.data)
		empty, err := sp.onlySpace()
		if err != nil {
			rd.emit(nil, sp.readError(rd.name, err))
			return
		}
		if empty {
			rd.emit(nil, at(rd.name, ErrEmpty))
			return
		}
	}
	header, err := p.parse(hc.data, hc.eof)
	if err != nil {
		rd.emit(nil, rd.csvError(err, hc.line-1))
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

	records := 0
	var peeked *csvChunk
	// atEnd reads past a broken record: true when only blank lines are
	// left, else the next record is kept for the loop.
	atEnd := func() (bool, error) {
		c, err := sp.next()
		if err == io.EOF {
			return true, nil
		}
		peeked = c
		return false, err
	}
	for {
		c := peeked
		peeked = nil
		if c == nil {
			var err error
			if c, err = sp.next(); err == io.EOF {
				break
			} else if err != nil {
				rd.emit(nil, sp.readError(rd.name, err))
				return
			}
		}
		records++
		origin := lineOrigin(rd.name, c.line)
		if c.data == nil {
			end := false
			if c.brokenQuote {
				if end, err = atEnd(); err != nil {
					rd.emit(nil, sp.readError(rd.name, err))
					return
				}
			}
			if !end {
				if !rd.emit(nil, tooLarge(origin, max)) {
					return
				}
				continue
			}
			// An unterminated quote swallowed the rest, too much of it
			// to keep: read it again from the input, if it can.
			msg := fmt.Sprintf("CSV: broken quoting: a quoted field from this line runs on for over %s (the limit per document) to the end of the input", byteSize(max))
			next, err := rd.csvRestart(sp, c, nil, c.line, c.firstEnd)
			if err != nil {
				rd.emit(nil, errorf(origin, "%s; the lines after it are not read: %v", msg, err))
				return
			}
			if !rd.emit(nil, errorf(origin, "%s", msg)) {
				return
			}
			sp = next
			continue
		}
		rec, err := p.parse(c.data, c.eof)
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				if !rd.emit(nil, at(origin, err)) {
					return
				}
				continue
			}
			if !rd.emit(nil, rd.csvError(err, c.line-1)) {
				return
			}
			if pe.Err == csv.ErrQuote && pe.Line > pe.StartLine {
				end, err := atEnd()
				if err != nil {
					rd.emit(nil, sp.readError(rd.name, err))
					return
				}
				if end {
					// The quote swallowed the rest: start again after the
					// broken record's first line.
					n := lineOffset(c.data, pe.StartLine)
					next, err := rd.csvRestart(sp, c, c.data[n:], c.line-1+pe.StartLine, c.off+int64(n))
					if err != nil {
						rd.emit(nil, errorf(origin, "CSV: the lines after the broken record are not read: %v", err))
						return
					}
					sp = next
				}
			}
			continue
		}
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

// csvRestart makes the splitter that reads again from offset off of the
// input, after lines lines, once sp has reached the end past the broken
// record c. tail, when c was kept, is c's bytes from off on: with the
// blank lines sp passed after c, they are all that is left to read, and
// no going back in the input is needed. Otherwise the input must seek.
func (rd *reader) csvRestart(sp *csvSplitter, c *csvChunk, tail []byte, lines int, off int64) (*csvSplitter, error) {
	if c.data != nil && !sp.blankOver {
		rest := io.MultiReader(bytes.NewReader(tail), bytes.NewReader(sp.blank))
		return newCSVSplitter(bufio.NewReaderSize(rest, 16<<10), rune(sp.comma), sp.max, lines, off), nil
	}
	if rd.seeker == nil {
		return nil, errors.New("the input cannot go back (a stream); save it to a file to read them")
	}
	if _, err := rd.seeker.Seek(rd.start+off, io.SeekStart); err != nil {
		return nil, fmt.Errorf("going back in the input: %w", err)
	}
	rd.br.Reset(rd.src)
	return newCSVSplitter(rd.br, rune(sp.comma), sp.max, lines, off), nil
}

// csvParser parses one record's bytes at a time with encoding/csv.
type csvParser struct {
	comma rune
	feed  bytes.Reader
	br    *bufio.Reader // the csv.Reader's, so that it makes no buffer of its own
	cr    *csv.Reader   // one for all records, which then reuse its buffers
	lines int           // lines cr has read: its line numbers less this are the record's
}

func newCSVParser(comma rune) *csvParser {
	p := &csvParser{comma: comma}
	p.br = bufio.NewReaderSize(&p.feed, 4096)
	return p
}

// parse reads the one record in data, which eof says ends the input; a
// *csv.ParseError's lines count from the record's first.
func (p *csvParser) parse(data []byte, eof bool) ([]string, error) {
	p.feed.Reset(data)
	if p.cr == nil {
		p.br.Reset(&p.feed)
		p.cr = csv.NewReader(p.br)
		p.cr.Comma = p.comma
		p.cr.FieldsPerRecord = -1 // scraped files are ragged; the text column is what matters
		p.cr.ReuseRecord = true
		p.lines = 0
	}
	rec, err := p.cr.Read()
	if err == io.EOF || p.feed.Len() > 0 || p.br.Buffered() > 0 {
		// The splitter and encoding/csv disagree on where the record
		// ends: a bug, told rather than hidden.
		p.cr = nil
		return nil, errors.New("CSV: internal error: the record's end is out of step with encoding/csv")
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		pe.StartLine -= p.lines
		pe.Line -= p.lines
	}
	if eof {
		// encoding/csv has seen the end of the input and may have counted
		// a line for it: the next record, if any, gets a new reader.
		p.cr = nil
	} else {
		p.lines += bytes.Count(data, []byte("\n"))
	}
	return rec, err
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

// csvPiece, when set, is the buffer size the splitter reads with, so that
// tests can cut lines into pieces as only very long lines are otherwise.
var csvPiece = 0

// csvBlankKeep bounds the blank lines kept after a record for a restart.
const csvBlankKeep = 64 << 10

// csvSplitter finds where each record of a CSV input ends, by encoding/csv's
// rules, holding at most MaxBytes of it.
type csvSplitter struct {
	r     *bufio.Reader
	comma byte
	max   int64
	line  int   // lines read
	off   int64 // bytes read, from the start of the input
	// A record's bytes. Two buffers, used in turn, so that a record is
	// still there after the splitter reads the one after it (atEnd).
	bufs      [2][]byte
	cur       int
	blank     []byte // the blank lines before the last record or the end
	blankOver bool   // more of them than csvBlankKeep: not all kept
}

// csvChunk is one record as the splitter found it.
type csvChunk struct {
	data     []byte // the record's bytes; nil when over MaxBytes
	line     int    // its first line
	off      int64  // where it starts in the input
	firstEnd int64  // where its second line starts (its end when it has one)
	// For a record over MaxBytes, which encoding/csv does not see: it has
	// what encoding/csv reports as a quote error on a later line than
	// its first (a stray quote after a line end in a quoted field, or
	// the end of the input inside one).
	brokenQuote bool
	eof         bool // it ends the input, not at a line end
}

func newCSVSplitter(r *bufio.Reader, comma rune, max int64, line int, off int64) *csvSplitter {
	if csvPiece > 0 {
		r = bufio.NewReaderSize(struct{ io.Reader }{r}, csvPiece)
	}
	return &csvSplitter{r: r, comma: byte(comma), max: max, line: line, off: off}
}

// readError names the line where reading failed.
func (s *csvSplitter) readError(name string, err error) error {
	return at(lineOrigin(name, s.line+1), err)
}

// csvState is where the splitter is in a record.
type csvState int

const (
	stFieldStart csvState = iota
	stUnquoted
	stQuoted
	stQuoteSeen // a " in a quoted field: it closes the field, or is half of ""
	stQuoteCR   // "\r: a line end when \n follows, else a stray quote
	stSkipLine  // after a quote error encoding/csv drops the rest of the line
)

// next finds the next record, past blank lines (which encoding/csv
// skips); io.EOF at the end.
func (s *csvSplitter) next() (*csvChunk, error) {
	s.blank, s.blankOver = s.blank[:0], false
	for {
		b, err := s.r.Peek(2)
		n := 0
		switch {
		case len(b) > 0 && b[0] == '\n':
			n = 1
		case len(b) == 2 && b[0] == '\r' && b[1] == '\n':
			n = 2
		case len(b) == 1 && b[0] == '\r' && err == io.EOF:
			n = 1 // encoding/csv drops a \r before the end
		}
		if n == 0 {
			if len(b) == 0 {
				return nil, err
			}
			break
		}
		if len(s.blank)+n <= csvBlankKeep {
			s.blank = append(s.blank, b[:n]...)
		} else {
			s.blankOver = true
		}
		if b[n-1] == '\n' {
			s.line++
		}
		s.r.Discard(n)
		s.off += int64(n)
	}

	c := &csvChunk{line: s.line + 1, off: s.off, firstEnd: -1}
	s.cur ^= 1
	buf := s.bufs[s.cur]
	if cap(buf) > 1<<20 {
		buf = nil // not to keep a big record's memory for the rest of the file
	}
	buf = buf[:0]
	keep := true
	st := stFieldStart
	errLine := 0  // the line of a quote error
	lastLine := 0 // the last line with bytes
	var size int64
	var prev byte // the byte before the piece
	for {
		piece, err := s.r.ReadSlice('\n')
		end := false
		if n := len(piece); n > 0 {
			line := s.line + 1
			if !(err == io.EOF && n == 1 && piece[0] == '\r') {
				lastLine = line
			}
			size += int64(n)
			if keep {
				if size > s.max+2 { // room for "\r\n"
					keep, buf = false, nil
				} else {
					buf = append(buf, piece...)
				}
			}
			s.off += int64(n)
			st, end = s.scan(st, piece, line, &errLine)
			if piece[n-1] == '\n' {
				s.line++
				if c.firstEnd < 0 {
					c.firstEnd = s.off
				}
				if end {
					size--
					if n > 1 && piece[n-2] == '\r' || n == 1 && prev == '\r' {
						size--
					}
				}
			}
			prev = piece[n-1]
		}
		switch {
		case end:
		case err == bufio.ErrBufferFull || err == nil:
			continue
		case err == io.EOF:
			c.eof = true
			if st == stQuoted {
				errLine = lastLine // encoding/csv: the quoted field is never closed
			}
		default:
			return nil, err
		}
		break
	}
	if c.firstEnd < 0 {
		c.firstEnd = s.off
	}
	if keep && size <= s.max {
		c.data = buf
		s.bufs[s.cur] = buf
	} else {
		c.brokenQuote = errLine > c.line
	}
	return c, nil
}

// onlySpace reads on while the records are white space alone, and says
// whether the input ends so.
func (s *csvSplitter) onlySpace() (bool, error) {
	for {
		c, err := s.next()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		if c.data == nil || len(bytes.TrimSpace(c.data)) > 0 {
			return false, nil
		}
	}
}

// scan runs encoding/csv's quoting rules over p, a line or a piece of a
// long one, from state st. It gives the state after p and whether the
// record ends with p (a line end outside quotes), and sets *errLine to
// line on a quote error.
func (s *csvSplitter) scan(st csvState, p []byte, line int, errLine *int) (csvState, bool) {
	n := len(p)
	nl := p[n-1] == '\n'
	if nl {
		n--
	}
	for i := 0; i < n; i++ {
		switch c := p[i]; st {
		case stFieldStart, stUnquoted:
			// Only a quote changes what follows: it opens a quoted field
			// at a field's start, and is a stray (ErrBareQuote) elsewhere.
			j := bytes.IndexByte(p[i:n], '"')
			if j < 0 {
				if p[n-1] != s.comma {
					st = stUnquoted
				} else {
					st = stFieldStart
				}
				i = n
				continue
			}
			q := i + j
			if q == i && st == stFieldStart || q > i && p[q-1] == s.comma {
				st = stQuoted
			} else {
				st = stSkipLine
			}
			i = q
		case stQuoted:
			j := bytes.IndexByte(p[i:n], '"')
			if j < 0 {
				i = n
				continue
			}
			i += j
			st = stQuoteSeen
		case stQuoteSeen:
			switch c {
			case '"':
				st = stQuoted
			case s.comma:
				st = stFieldStart
			case '\r':
				st = stQuoteCR
			default:
				st, *errLine = stSkipLine, line // ErrQuote
			}
		case stQuoteCR:
			st, *errLine = stSkipLine, line // ErrQuote
		case stSkipLine:
			i = n
		}
	}
	if !nl || st == stQuoted {
		return st, false
	}
	return stFieldStart, true
}
