package document

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Document is one article, read and normalised.
type Document struct {
	ID        string   // given id, else hex SHA-256 of the normalised body text (before furniture is blanked)
	Title     Text     // separate title field (JSON, CSV, HTML); zero when none
	Body      Text     // the article text; result offsets point into Body.Raw
	Headline  [2]int   // plain text without a separate title: the headline's span in Body.Norm; [0,0] when none
	Published string   // YYYY-MM-DD or ""
	Source    string   // outlet
	URL       string   // where the article came from, when known
	Credits   []string // outlet and wire credits found in the text: "Sputnik", "Reuters", "AFP"
	Origin    string   // for error messages: "path", "path:3" (line or record)
	HTML      bool     // Body was extracted from HTML (a page, a feed item's content): it is not the input's bytes
	Plain     bool     // read as plain text: a date header and a headline line may lead Body
	FeedItem  bool     // an RSS or Atom item: often only a summary of the page at URL
}

// DefaultMaxBytes is the size limit when Options.MaxBytes is zero.
const DefaultMaxBytes = 50 << 20

// Options fill in what documents lack and bound what is read.
type Options struct {
	// Published (YYYY-MM-DD, or any form ParseDate reads) and Source fill
	// in documents that give none, in metadata or in the text: they are
	// the last resort, as the command line's --published and --source.
	Published, Source string
	// MaxBytes bounds each document: a whole file for plain text, HTML,
	// JSON and feeds, one line for JSON Lines, one record for CSV and TSV.
	// Larger input is an error and is not read into memory. Zero means
	// DefaultMaxBytes.
	MaxBytes int64
	// Progress, when set, is told how many bytes of input files have been
	// read, as they are read, for progress bars.
	Progress func(n int)
}

func (o Options) max() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// format is how a file is read.
type format int

const (
	formatSniff format = iota // decide from the content
	formatText
	formatJSON  // a JSON array, a single object, or one object per line
	formatJSONL // one object per line, streamed
	formatCSV
	formatTSV
	formatHTML
	formatFeed // RSS or Atom: one document per item
)

var extFormats = map[string]format{
	".txt": formatText, ".text": formatText,
	".json": formatJSON, ".jsonl": formatJSONL, ".ndjson": formatJSONL,
	".csv": formatCSV, ".tsv": formatTSV,
	".html": formatHTML, ".htm": formatHTML, ".xhtml": formatHTML,
	".rss": formatFeed, ".atom": formatFeed,
	// An .xml file may be a feed or anything else: its content decides.
	".xml": formatSniff,
}

// formatOf decides the format from the file name's extension.
func formatOf(name string) format {
	return extFormats[strings.ToLower(filepath.Ext(name))]
}

// recognised says whether a directory walk reads the file.
func recognised(name string) bool {
	_, ok := extFormats[strings.ToLower(filepath.Ext(name))]
	return ok
}

// ReadPath reads every document in path: a file, a directory (recursively,
// files with a recognised extension only, hidden ones skipped), or "-" for
// standard input. It yields each document or a per-document error naming
// the file and the line or record ("data.csv:7: ..."), and keeps going after
// bad records and bad files.
func ReadPath(path string, opt Options) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		if path == "-" {
			for d, err := range Read("stdin", os.Stdin, opt) {
				if !yield(d, err) {
					return
				}
			}
			return
		}
		info, err := os.Stat(path)
		if err != nil {
			yield(nil, at(path, unwrapPathError(err)))
			return
		}
		if !info.IsDir() {
			readFile(path, info, opt, yield)
			return
		}
		errStop := errors.New("stop")
		walkErr := filepath.WalkDir(path, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if !yield(nil, at(p, unwrapPathError(err))) {
					return errStop
				}
				if e != nil && e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			hidden := p != path && strings.HasPrefix(e.Name(), ".")
			if e.IsDir() {
				if hidden {
					return fs.SkipDir
				}
				return nil
			}
			if hidden || !recognised(p) || !e.Type().IsRegular() {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				if !yield(nil, at(p, unwrapPathError(err))) {
					return errStop
				}
				return nil
			}
			if !readFile(p, info, opt, yield) {
				return errStop
			}
			return nil
		})
		if walkErr != nil && walkErr != errStop {
			yield(nil, at(path, walkErr))
		}
	}
}

// readFile reads one file; it reports false when the consumer stopped.
func readFile(path string, info fs.FileInfo, opt Options, yield func(*Document, error) bool) bool {
	// A file known to be too big is refused before reading a byte of it;
	// JSON Lines is bounded per line instead, CSV and TSV per record.
	if f := formatOf(path); !streamed(f) && info.Mode().IsRegular() && info.Size() > opt.max() {
		return yield(nil, tooLarge(path, opt.max()))
	}
	f, err := os.Open(path)
	if err != nil {
		return yield(nil, at(path, unwrapPathError(err)))
	}
	defer f.Close()
	var r io.Reader = f
	if opt.Progress != nil {
		r = &progressReader{r: f, progress: opt.Progress}
	}
	for d, err := range Read(path, r, opt) {
		if !yield(d, err) {
			return false
		}
	}
	return true
}

// streamed says whether a format is read a document at a time, each
// bounded by MaxBytes, rather than whole.
func streamed(f format) bool {
	return f == formatJSONL || f == formatCSV || f == formatTSV
}

// unwrapPathError drops the path from an *fs.PathError, since Error names
// the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

func tooLarge(origin string, max int64) error {
	return at(origin, fmt.Errorf("%w: over %s (the limit per document)", ErrTooLarge, byteSize(max)))
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Read reads the documents in r. The format comes from name's extension,
// else from the content: a leading '{' or '[' is JSON, a leading HTML tag
// is HTML, an RSS or Atom feed gives one document per item, anything else
// is plain text. Errors name name and, where there is one, the line,
// record or feed item ("feed.xml:item 3").
func Read(name string, r io.Reader, opt Options) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		rd := &reader{name: name, opt: opt, yield: yield}
		rd.read(r)
	}
}

// reader reads one input; yield's result is kept in stopped.
type reader struct {
	name    string
	opt     Options
	yield   func(*Document, error) bool
	stopped bool
	fetched *fetched // read from the web: the format is not in the name

	// The input, for readCSV to go back in it: src is what br reads,
	// seeker is src when it can seek (nil otherwise), and start is where
	// the input started in it.
	src    io.Reader
	br     *bufio.Reader
	seeker io.Seeker
	start  int64
}

// emit passes a document or an error on; false means stop.
func (rd *reader) emit(d *Document, err error) bool {
	if rd.stopped {
		return false
	}
	if !rd.yield(d, err) {
		rd.stopped = true
	}
	return !rd.stopped
}

const sniffLen = 8 << 10

// peekHead returns the start of the input to tell its format by: sniffLen
// bytes, or all of a shorter input, or, as soon as it has come, a first
// line that is a whole JSON object: JSON Lines from a pipe are then read
// as each line arrives, not once 8 KiB have.
func peekHead(br *bufio.Reader) ([]byte, error) {
	for {
		n := br.Buffered()
		if n >= sniffLen {
			return br.Peek(sniffLen)
		}
		if n > 0 {
			if head, _ := br.Peek(n); firstLineObject(head) {
				return head, nil
			}
		}
		// At least one more byte, or the end of the input.
		if _, err := br.Peek(n + 1); err != nil {
			head, _ := br.Peek(br.Buffered())
			return head, err
		}
	}
}

// firstLineObject reports whether head holds a whole first line (ended by
// a newline) that is a JSON object.
func firstLineObject(head []byte) bool {
	s := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(s) == 0 || s[0] != '{' {
		return false
	}
	i := bytes.IndexByte(s, '\n')
	return i > 0 && json.Valid(s[:i])
}

func (rd *reader) read(r io.Reader) {
	// A pipe is an *os.File too: only a Seek that works makes it seekable.
	if s, ok := r.(io.Seeker); ok {
		if pos, err := s.Seek(0, io.SeekCurrent); err == nil {
			rd.seeker, rd.start = s, pos
		}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	rd.src, rd.br = r, br
	head, err := peekHead(br)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		rd.emit(nil, at(rd.name, err))
		return
	}
	if len(head) == 0 {
		rd.emit(nil, at(rd.name, ErrEmpty))
		return
	}
	if why := binaryReason(head); why != "" {
		rd.emit(nil, at(rd.name, fmt.Errorf("%w (%s)", ErrBinary, why)))
		return
	}
	var f format
	if rd.fetched != nil {
		f = rd.fetched.format(head)
	} else if f = formatOf(rd.name); f == formatSniff {
		f = sniff(head)
		if f == formatJSON && err == nil && firstLineObject(head) {
			// An object a line, the input going on (a pipe): JSON Lines,
			// read as each line comes, where JSON is read whole.
			f = formatJSONL
		}
	}
	switch f {
	case formatJSONL:
		rd.readJSONLines(br)
		return
	case formatCSV, formatTSV:
		comma := ','
		if f == formatTSV {
			comma = '\t'
		}
		off := 0
		if bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) {
			off, _ = br.Discard(3)
		}
		rd.readCSV(br, int64(off), off > 0, comma)
		return
	}
	max := rd.opt.max()
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		rd.emit(nil, at(rd.name, err))
		return
	}
	if int64(len(data)) > max {
		rd.emit(nil, tooLarge(rd.name, max))
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		rd.emit(nil, at(rd.name, ErrEmpty))
		return
	}
	switch f {
	case formatJSON:
		rd.readJSON(data)
	case formatHTML:
		rd.readHTML(data)
	case formatFeed:
		rd.readFeed(data)
	default:
		rd.readText(data)
	}
}

// sniff decides the format of input with no telling extension.
func sniff(head []byte) format {
	s := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(s) == 0 {
		return formatText
	}
	switch s[0] {
	case '{':
		return formatJSON
	case '[':
		// "[Photo] Aleppo ..." is text; a JSON array opens with a value.
		rest := bytes.TrimLeft(s[1:], " \t\r\n")
		if len(rest) == 0 || rest[0] == '{' || rest[0] == ']' {
			return formatJSON
		}
		return formatText
	case '<':
		return sniffMarkup(s)
	}
	return formatText
}

var htmlStarts = []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<article", "<div", "<p>", "<p ", "<meta", "<title"}

// sniffMarkup tells HTML from feeds and other XML (read as text).
func sniffMarkup(s []byte) format {
	root := rootElement(s)
	switch root {
	case "rss", "feed", "rdf:rdf":
		return formatFeed
	case "html":
		return formatHTML
	}
	l := bytes.ToLower(s[:min(len(s), 1024)])
	if bytes.HasPrefix(l, []byte("<?xml")) {
		// A prolog longer than the sniffed head hides the root element.
		switch {
		case root != "":
		case bytes.Contains(l, []byte("<rss")) || bytes.Contains(l, []byte("<feed")) || bytes.Contains(l, []byte("<rdf:rdf")):
			return formatFeed
		case bytes.Contains(l, []byte("<html")):
			return formatHTML
		}
		return formatText
	}
	for _, p := range htmlStarts {
		if bytes.HasPrefix(l, []byte(p)) {
			return formatHTML
		}
	}
	return formatText
}

// rootElement is the lower-cased name of the first element in s, past an
// XML declaration, processing instructions (a feed's stylesheet), comments
// and a doctype; "" when s is not markup or the element is not in s.
func rootElement(s []byte) string {
	for {
		s = bytes.TrimLeft(s, " \t\r\n")
		var end []byte
		switch {
		case bytes.HasPrefix(s, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(s, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(s, []byte("<!")):
			end = []byte(">")
		case bytes.HasPrefix(s, []byte("<")):
			n := 1
			for n < len(s) && strings.IndexByte(" \t\r\n>/", s[n]) < 0 {
				n++
			}
			if n == len(s) {
				return ""
			}
			return strings.ToLower(string(s[1:n]))
		default:
			return ""
		}
		i := bytes.Index(s, end)
		if i < 0 {
			return ""
		}
		s = s[i+len(end):]
	}
}

// binaryReason says why sample does not look like text, or "" if it does:
// NUL bytes, a UTF-16 byte order mark, or mostly invalid UTF-8 and control
// characters. A few invalid bytes (Latin-1 accents) are still text.
func binaryReason(sample []byte) string {
	if bytes.HasPrefix(sample, []byte{0xFF, 0xFE}) || bytes.HasPrefix(sample, []byte{0xFE, 0xFF}) {
		return "UTF-16 text; convert it to UTF-8"
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return "contains NUL bytes"
	}
	bad, n := 0, 0
	for i := 0; i < len(sample); {
		c := sample[i]
		n++
		if c < utf8.RuneSelf {
			if c < 0x20 && !asciiSpace(c) && c != 0x1b {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size <= 1 {
			// A rune cut off by the end of the sample is not bad.
			if len(sample)-i >= utf8.UTFMax || utf8.FullRune(sample[i:]) {
				bad++
			}
			size = 1
		}
		i += size
	}
	if n > 0 && bad*10 > n*3 {
		return "mostly invalid UTF-8 and control characters"
	}
	return ""
}

// meta is what a format knows about a document besides its text.
type meta struct {
	origin    string
	id        string
	title     string
	published string // publication date from metadata
	date      string // a date of unclear meaning (a CSV "date" column): below a date stamp in the text
	source    string
	url       string
	html      bool
	plain     bool // plain text: look for the date header and the headline
	feedItem  bool
}

// build makes a Document of body and its metadata.
func (rd *reader) build(body string, m meta) (*Document, error) {
	if strings.TrimSpace(body) == "" {
		return nil, at(m.origin, ErrEmpty)
	}
	sample := body
	if len(sample) > sniffLen {
		sample = sample[:sniffLen]
	}
	// Plain ASCII is text (binaryReason finds nothing in it), and most
	// documents are: a quicker pass than binaryReason's tells.
	if !plainASCII(sample) {
		if why := binaryReason([]byte(sample)); why != "" {
			return nil, at(m.origin, fmt.Errorf("%w (%s)", ErrBinary, why))
		}
	}
	d := &Document{
		ID:       strings.TrimSpace(m.id),
		Body:     NewText(body),
		Source:   strings.TrimSpace(m.source),
		URL:      strings.TrimSpace(m.url),
		Origin:   m.origin,
		HTML:     m.html,
		Plain:    m.plain,
		FeedItem: m.feedItem,
	}
	if strings.TrimSpace(m.title) != "" {
		d.Title = NewText(m.title)
	}
	if d.ID == "" {
		sum := sha256.Sum256([]byte(d.Body.Norm))
		d.ID = hex.EncodeToString(sum[:])
	}
	// Publication date, first found: metadata that says it is one, the
	// plain-text header, a date stamp at the start of the text, a date of
	// unclear meaning in the metadata, the option. A bare "date" column
	// ranks below the text's own stamp because it often is not the
	// publication date: FA-KES's is the event date as the crowd read it,
	// and disagrees with the article's stamp in 98 of 329 rows.
	published, _ := ParseDate(m.published)
	if m.plain {
		if date, ok := readHeader(d); ok && published == "" {
			published = date
		}
	}
	stamp := cleanFurniture(d)
	for _, p := range []string{stamp, m.date, rd.opt.Published} {
		if published == "" {
			published, _ = ParseDate(p)
		}
	}
	d.Published = published
	if d.Source == "" {
		d.Source = strings.TrimSpace(rd.opt.Source)
	}
	if d.URL == "" && rd.fetched != nil {
		d.URL = rd.fetched.url
	}
	return d, nil
}

// emitBuilt builds and emits a document; false means stop.
func (rd *reader) emitBuilt(body string, m meta) bool {
	d, err := rd.build(body, m)
	if err != nil {
		return rd.emit(nil, err)
	}
	return rd.emit(d, nil)
}

// readText reads a plain-text file: the whole file is one article.
func (rd *reader) readText(data []byte) {
	rd.emitBuilt(string(data), meta{origin: rd.name, plain: true})
}

// dedupe keeps the first of equal strings, in order.
func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
