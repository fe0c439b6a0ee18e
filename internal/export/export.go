// Package export writes stored claims in the formats others load: a table
// for people, JSON Lines, CSV with an HXL hashtag row (the Humanitarian
// Exchange Language that humanitarian data tools read), and GeoJSON. Every
// writer streams: it holds one claim at a time, so an export of millions of
// claims runs in constant memory.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

// Formats are the names Writer accepts.
var Formats = []string{"table", "json", "csv", "geojson"}

// Writer writes claims one at a time; Close finishes the output.
type Writer interface {
	Write(c store.StoredClaim) error
	Close() error
}

// NewWriter returns a writer of format to w.
func NewWriter(format string, w io.Writer) (Writer, error) {
	switch format {
	case "table":
		return newTable(w), nil
	case "json":
		return &jsonWriter{w: bufio.NewWriter(w)}, nil
	case "csv":
		return newCSV(w), nil
	case "geojson":
		return &geoJSON{w: bufio.NewWriter(w)}, nil
	}
	return nil, fmt.Errorf("unknown format %q (%s)", format, strings.Join(Formats, ", "))
}

// Ref names a stored claim: the store's document id and the claim's id
// within it ("17/c2").
func Ref(c store.StoredClaim) string { return c.Ref() }

// Dates are when a claim's events happened as far as is known: its period,
// else its document's publication date.
func Dates(c store.StoredClaim) (start, end string) {
	if c.Period != nil {
		return c.Period.Start, c.Period.End
	}
	return c.Published, c.Published
}

// Best is the single figure a claim gives: its value, else the low end of
// its interval (vague words), as ACLED and UCDP code them.
func Best(c *claim.Count) (int64, bool) {
	if c == nil {
		return 0, false
	}
	if c.Value != nil {
		return *c.Value, true
	}
	return c.Low, true
}

// DocRef is the document a claim comes from, in JSON exports.
type DocRef struct {
	ID        int64  `json:"id"`
	Key       string `json:"key"`
	ExtID     string `json:"ext_id"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Group     int64  `json:"report_group"`
}

// JSONClaim is a SPEC claim with its document, as JSON exports and the
// API give it.
type JSONClaim struct {
	claim.Claim
	Ref       string `json:"ref"`
	Extractor string `json:"extractor"`
	Document  DocRef `json:"document"`
	// Review is the latest reviewer's decision, when there is one; a
	// correction's values are in the claim's own fields already.
	Review *store.Review `json:"review,omitempty"`
}

// ToJSON makes the JSON form of a stored claim.
func ToJSON(c store.StoredClaim) JSONClaim {
	return JSONClaim{Claim: c.Claim, Ref: Ref(c), Extractor: c.Extractor, Document: DocRef{
		ID: c.DocID, Key: c.DocKey, ExtID: c.DocExtID, Title: c.Title, Published: c.Published,
		Source: c.Outlet, URL: c.URL, Group: c.Group}, Review: c.Review}
}

type jsonWriter struct{ w *bufio.Writer }

func (j *jsonWriter) Write(c store.StoredClaim) error {
	b, err := json.Marshal(ToJSON(c))
	if err != nil {
		return err
	}
	j.w.Write(b)
	return j.w.WriteByte('\n')
}

func (j *jsonWriter) Close() error { return j.w.Flush() }

// column is one CSV column: its header, HXL hashtag and value.
type column struct {
	name, hxl string
	value     func(c *store.StoredClaim) string
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func countOf(kind claim.Kind) func(c *store.StoredClaim) string {
	return func(c *store.StoredClaim) string {
		if n, ok := Best(c.Count); ok && c.Kind == kind {
			return strconv.FormatInt(n, 10)
		}
		return ""
	}
}

func coord(get func(p *claim.Place) *float64) func(c *store.StoredClaim) string {
	return func(c *store.StoredClaim) string {
		if c.Place == nil || get(c.Place) == nil {
			return ""
		}
		return strconv.FormatFloat(*get(c.Place), 'f', 5, 64)
	}
}

// csvColumns follow HXL's core hashtags where one fits (#date, #adm1,
// #loc, #geo, #affected, #meta, #description) and its attribute
// conventions for the rest.
var csvColumns = []column{
	{"ref", "#meta+id", func(c *store.StoredClaim) string { return Ref(*c) }},
	{"date_start", "#date+start", func(c *store.StoredClaim) string { s, _ := Dates(*c); return s }},
	{"date_end", "#date+end", func(c *store.StoredClaim) string { _, e := Dates(*c); return e }},
	{"kind", "#meta+kind", func(c *store.StoredClaim) string { return string(c.Kind) }},
	{"killed", "#affected+killed", countOf(claim.Killed)},
	{"injured", "#affected+injured", countOf(claim.Injured)},
	{"casualties", "#affected+casualties", countOf(claim.Casualties)},
	{"missing", "#affected+missing", countOf(claim.Missing)},
	{"displaced", "#affected+displaced", countOf(claim.Displaced)},
	{"returned", "#affected+returned", countOf(claim.Returned)},
	{"low", "#affected+min", func(c *store.StoredClaim) string {
		if c.Count == nil {
			return ""
		}
		return strconv.FormatInt(c.Count.Low, 10)
	}},
	{"high", "#affected+max", func(c *store.StoredClaim) string {
		if c.Count == nil || c.Count.High == nil {
			return ""
		}
		return strconv.FormatInt(*c.Count.High, 10)
	}},
	{"qualifier", "#meta+qualifier", func(c *store.StoredClaim) string {
		if c.Count == nil {
			return ""
		}
		return string(c.Count.Qualifier)
	}},
	{"count_text", "#affected+text", func(c *store.StoredClaim) string {
		if c.Count == nil {
			return ""
		}
		return c.Count.Text
	}},
	{"rate", "#meta+rate", func(c *store.StoredClaim) string { return str(c.Rate) }},
	{"victims", "#affected+type", func(c *store.StoredClaim) string { return string(c.Victims) }},
	{"cause", "#cause", func(c *store.StoredClaim) string { return string(c.Cause) }},
	{"actor", "#org+perpetrator", func(c *store.StoredClaim) string {
		if c.Actor == nil {
			return ""
		}
		return c.Actor.Name
	}},
	{"service", "#service", func(c *store.StoredClaim) string {
		if c.Service == nil {
			return ""
		}
		return c.Service.Name
	}},
	{"service_status", "#status", func(c *store.StoredClaim) string {
		if c.Service == nil {
			return ""
		}
		return string(c.Service.Status)
	}},
	{"country", "#country+code", func(c *store.StoredClaim) string {
		if c.Place == nil {
			return ""
		}
		return str(c.Place.Country)
	}},
	{"admin1", "#adm1+name", func(c *store.StoredClaim) string {
		if c.Place == nil {
			return ""
		}
		return str(c.Place.Admin1)
	}},
	{"place", "#loc+name", func(c *store.StoredClaim) string {
		if c.Place == nil {
			return ""
		}
		if c.Place.Name != nil {
			return *c.Place.Name
		}
		return c.Place.Text
	}},
	{"place_text", "#loc+name+text", func(c *store.StoredClaim) string {
		if c.Place == nil {
			return ""
		}
		return c.Place.Text
	}},
	{"lat", "#geo+lat", coord(func(p *claim.Place) *float64 { return p.Lat })},
	{"lon", "#geo+lon", coord(func(p *claim.Place) *float64 { return p.Lon })},
	{"precision", "#geo+precision", func(c *store.StoredClaim) string {
		if c.Place == nil {
			return ""
		}
		return string(c.Place.Precision)
	}},
	{"source", "#meta+source", func(c *store.StoredClaim) string {
		if c.Source == nil {
			return ""
		}
		return c.Source.Name
	}},
	{"source_type", "#meta+source+type", func(c *store.StoredClaim) string {
		if c.Source == nil {
			return ""
		}
		return string(c.Source.Type)
	}},
	{"outlet", "#meta+publisher", func(c *store.StoredClaim) string { return c.Outlet }},
	{"published", "#date+reported", func(c *store.StoredClaim) string { return c.Published }},
	{"url", "#meta+url", func(c *store.StoredClaim) string { return c.URL }},
	{"title", "#meta+title", func(c *store.StoredClaim) string { return c.Title }},
	{"quote", "#description+quote", func(c *store.StoredClaim) string { return c.Quote.Text }},
	{"in_headline", "#meta+headline", func(c *store.StoredClaim) string { return strconv.FormatBool(c.InHeadline) }},
}

type csvWriter struct {
	w      *csv.Writer
	row    []string
	header bool
}

func newCSV(w io.Writer) *csvWriter {
	return &csvWriter{w: csv.NewWriter(w), row: make([]string, len(csvColumns))}
}

func (c *csvWriter) writeHeader() error {
	c.header = true
	for i, col := range csvColumns {
		c.row[i] = col.name
	}
	if err := c.w.Write(c.row); err != nil {
		return err
	}
	for i, col := range csvColumns {
		c.row[i] = col.hxl
	}
	return c.w.Write(c.row)
}

func (c *csvWriter) Write(sc store.StoredClaim) error {
	if !c.header {
		if err := c.writeHeader(); err != nil {
			return err
		}
	}
	for i, col := range csvColumns {
		c.row[i] = csvSafe(col.value(&sc))
	}
	return c.w.Write(c.row)
}

// csvSafe defuses a value that a spreadsheet would run as a formula
// (OWASP's CSV injection advice): document text is untrusted.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

func (c *csvWriter) Close() error {
	if !c.header {
		if err := c.writeHeader(); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}

// geoJSON writes a FeatureCollection, one Feature per claim; a claim
// without coordinates has a null geometry, as RFC 7946 allows.
type geoJSON struct {
	w       *bufio.Writer
	started bool
}

type feature struct {
	Type       string    `json:"type"`
	Geometry   *point    `json:"geometry"`
	Properties JSONClaim `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

func (g *geoJSON) start() {
	g.started = true
	g.w.WriteString(`{"type":"FeatureCollection","features":[`)
}

func (g *geoJSON) Write(c store.StoredClaim) error {
	if !g.started {
		g.start()
	} else {
		g.w.WriteByte(',')
	}
	f := feature{Type: "Feature", Properties: ToJSON(c)}
	if p := c.Place; p != nil && p.Lat != nil && p.Lon != nil {
		f.Geometry = &point{Type: "Point", Coordinates: [2]float64{*p.Lon, *p.Lat}}
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	g.w.WriteString("\n")
	_, err = g.w.Write(b)
	return err
}

func (g *geoJSON) Close() error {
	if !g.started {
		g.start()
	}
	g.w.WriteString("\n]}\n")
	return g.w.Flush()
}

// table writes aligned columns for people.
type table struct {
	tw *tabwriter.Writer
	n  int
}

func newTable(w io.Writer) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}
	fmt.Fprintln(t.tw, "REF\tDATE\tKIND\tCOUNT\tVICTIMS\tPLACE\tSOURCE\tOUTLET\tQUOTE")
	return t
}

func (t *table) Write(c store.StoredClaim) error {
	t.n++
	start, end := Dates(c)
	date := start
	if end != start {
		date = start + ".." + end
	}
	count := ""
	if c.Count != nil {
		count = c.Count.Text
	} else if c.Service != nil {
		count = c.Service.Name + " " + string(c.Service.Status)
	}
	place := ""
	if c.Place != nil {
		place = c.Place.Text
		if c.Place.Admin1 != nil && *c.Place.Admin1 != place {
			place += " (" + *c.Place.Admin1 + ")"
		}
	}
	source := ""
	if c.Source != nil {
		source = c.Source.Name
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", Ref(c), date, c.Kind,
		Cell(count, 20), c.Victims, Cell(place, 30), Cell(source, 30), Cell(c.Outlet, 20), Cell(c.Quote.Text, 70))
	return err
}

// Cell makes untrusted text one short line: no tabs or newlines to break
// the columns, no terminal control characters.
func Cell(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}

func (t *table) Close() error {
	if err := t.tw.Flush(); err != nil {
		return err
	}
	return nil
}
