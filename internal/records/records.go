// Package records reads casualty documentation records — datasets that
// document deaths event by event (UCDP GED, ACLED) or person by person (a
// list of the dead, such as the Violations Documentation Center's) — into
// store.Record values in the terms of claims: dates as YYYY-MM-DD, the
// country as an ISO code, admin1 and admin2 as the embedded gazetteer
// names them, victims and cause as claim categories. It owns the column
// layouts of those formats, the sniffing of a file's format from its
// header, and the tables that map each dataset's own names (provinces,
// causes of death, ranks, event types) to the claim model.
//
// Reading is streaming: one CSV row at a time, whatever the file's size. A
// row that cannot be read is yielded as a *RowError naming the file and
// line and the reading goes on; only a failure to read the file itself
// ends it.
package records

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/tallyhq/tally/internal/store"
)

// Format is a layout of records.
type Format string

// The formats tally reads.
const (
	UCDP  Format = "ucdp"  // UCDP Georeferenced Event Dataset, its own CSV columns
	ACLED Format = "acled" // ACLED's CSV export
	List  Format = "list"  // one row a person: a list of the dead
)

// Formats are the formats' names, for flags and messages.
var Formats = []Format{UCDP, ACLED, List}

// Options are what a file may not say itself.
type Options struct {
	Format Format // "" to sniff it from the header
	// Country (ISO 3166-1 alpha-2) for rows that name none. A list
	// without a country column needs it, except the VDC layout, which is
	// Syria's.
	Country string
}

// RowError is a row that could not be read.
type RowError struct {
	File string
	Line int
	Err  error
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *RowError) Unwrap() error { return e.Err }

// Reader reads one file of records.
type Reader struct {
	file   string
	format Format
	csv    *csv.Reader
	cols   map[string]int // header name (lower case) → column
	names  []string       // the header's names (lower case), for messages
	parse  func(rd *Reader, row []string, r *store.Record) error
	pm     *placeMapper
	// seen counts each raw row's digest, so that identical rows — two
	// people a list cannot tell apart — get keys of their own. Sixteen
	// bytes a distinct row: the one cost that grows with the file.
	seen map[[16]byte]uint32
	// Admin1 names that mapped to no gazetteer division, with their rows;
	// Blank counts rows that give none (blank, NA, Unknown, Other).
	Unmapped map[string]int
	Blank    int
	done     bool
}

// NewReader reads the header of r (file names it in messages) and returns
// a reader of its records, in the format opt gives or else the one the
// header shows.
func NewReader(r io.Reader, file string, opt Options) (*Reader, error) {
	c := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	c.ReuseRecord = true
	header, err := c.Read()
	if err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("%s: empty file: no header row", file)
		}
		return nil, fmt.Errorf("%s: header: %w", file, err)
	}
	rd := &Reader{file: file, csv: c, cols: map[string]int{}, seen: map[[16]byte]uint32{}, Unmapped: map[string]int{}}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		h = strings.ToLower(strings.TrimSpace(h))
		rd.names = append(rd.names, h)
		if _, dup := rd.cols[h]; !dup {
			rd.cols[h] = i
		}
	}
	rd.format = opt.Format
	if rd.format == "" {
		if rd.format = sniff(rd.cols); rd.format == "" {
			return nil, fmt.Errorf("%s: not a known layout of records (UCDP GED, ACLED, or a list with a date column): give --format", file)
		}
	}
	country := strings.ToUpper(strings.TrimSpace(opt.Country))
	if country != "" && !validCountry(country) {
		return nil, fmt.Errorf("country %q is not an ISO 3166-1 alpha-2 code", opt.Country)
	}
	rd.pm = newPlaceMapper(country)
	switch rd.format {
	case UCDP:
		err = rd.setupUCDP()
	case ACLED:
		err = rd.setupACLED()
	case List:
		err = rd.setupList(country)
	default:
		err = fmt.Errorf("unknown format %q (one of ucdp, acled, list)", rd.format)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return rd, nil
}

// Format is the layout the reader reads.
func (rd *Reader) Format() Format { return rd.format }

// sniff tells a format by the columns only it has.
func sniff(cols map[string]int) Format {
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := cols[n]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("date_start", "best", "deaths_civilians"):
		return UCDP
	case has("event_date", "fatalities"):
		return ACLED
	case findCol(cols, listDateCols) >= 0:
		return List
	}
	return ""
}

// findCol is the first of names the header has, or -1.
func findCol(cols map[string]int, names []string) int {
	for _, n := range names {
		if i, ok := cols[n]; ok {
			return i
		}
	}
	return -1
}

// need returns the columns of names, or says which are missing.
func (rd *Reader) need(names ...string) ([]int, error) {
	out := make([]int, len(names))
	var missing []string
	for i, n := range names {
		c, ok := rd.cols[n]
		if !ok {
			missing = append(missing, n)
		}
		out[i] = c
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s layout without column %s", rd.format, strings.Join(missing, ", "))
	}
	return out, nil
}

// All yields the file's records, and an error for each row that cannot be
// read. Once its rows are read, All yields nothing more.
func (rd *Reader) All() iter.Seq2[store.Record, error] {
	return func(yield func(store.Record, error) bool) {
		for !rd.done {
			row, err := rd.csv.Read()
			if err == io.EOF {
				rd.done = true
				return
			}
			if err != nil {
				var pe *csv.ParseError
				if !errors.As(err, &pe) {
					// The file itself failed: nothing more can be read.
					rd.done = true
					yield(store.Record{}, fmt.Errorf("%s: %w", rd.file, err))
					return
				}
				if !yield(store.Record{}, &RowError{rd.file, pe.StartLine, rowParseError(pe)}) {
					return
				}
				continue
			}
			var r store.Record
			r.Line, _ = rd.csv.FieldPos(0)
			r.Key = rd.key(row)
			if err := rd.parse(rd, row, &r); err != nil {
				if !yield(store.Record{}, &RowError{rd.file, r.Line, err}) {
					return
				}
				continue
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// rowParseError says what encoding/csv found, without its position (the
// RowError gives the line).
func rowParseError(pe *csv.ParseError) error {
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return errors.New("wrong number of fields")
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return errors.New(`a stray " in an unquoted field`)
	case errors.Is(pe.Err, csv.ErrQuote):
		return errors.New(`a quoted field is not closed where it should be (extraneous or missing ")`)
	}
	return pe.Err
}

// key is the row's identity: the hex SHA-256 of its fields as read, so that
// importing the file again matches each row to its stored record however
// the rows were reordered. The n-th repeat of an identical row (n ≥ 1)
// hashes the digest with n: a list of the dead may hold two people it
// describes alike.
func (rd *Reader) key(row []string) string {
	h := sha256.New()
	for i, f := range row {
		if i > 0 {
			h.Write([]byte{0x1f})
		}
		io.WriteString(h, f)
	}
	var sum [32]byte
	h.Sum(sum[:0])
	short := [16]byte(sum[:16])
	n := rd.seen[short]
	rd.seen[short] = n + 1
	if n > 0 {
		sum = sha256.Sum256(fmt.Appendf(sum[:], "#%d", n))
	}
	return hex.EncodeToString(sum[:])
}

// field is row's column i trimmed, "" for a column the header lacks.
func field(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}
