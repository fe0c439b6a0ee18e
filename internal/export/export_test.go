package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/export"
	"github.com/tallyhq/tally/internal/store"
)

func str(s string) *string   { return &s }
func num(n int64) *int64     { return &n }
func flt(f float64) *float64 { return &f }

// raqqa is a claim with every field set: a period, a resolved place with
// coordinates, a source, an actor and a document with a URL.
func raqqa() store.StoredClaim {
	return store.StoredClaim{
		Claim: claim.Claim{
			ID: "c11", Kind: claim.Killed,
			Count:   &claim.Count{Value: num(130), Low: 130, High: num(130), Qualifier: claim.Exact, Text: "130"},
			Period:  &claim.Period{Start: "2017-10-01", End: "2018-03-31", Precision: claim.Month, Text: "From October 2017 to March 2018"},
			Victims: claim.Civilians, VictimsText: "civilians", Cause: claim.Mine, CauseText: "mines",
			Actor: &claim.Actor{Text: "the militants", Name: "ISIS"},
			Place: &claim.Place{Text: "Raqqa", Name: str("Ar Raqqah"), Admin1: str("Ar-Raqqah"), Country: str("SY"),
				GeonamesID: num(172955), Lat: flt(35.95), Lon: flt(39.01), Precision: claim.Precision("place")},
			Source: &claim.Source{Text: "the Russian military", Name: "Russian Ministry of Defence", Type: claim.Military},
			Quote:  claim.Quote{Start: 10, End: 60, Text: "130 civilians were killed by mines from October 2017 to March 2018"},
		},
		RowID: 40, DocID: 7, DocKey: "abcdef0123456789", DocExtID: "seed-1", Title: "Mines in Raqqa",
		Published: "2018-04-07", Outlet: "Sputnik", URL: "https://example.org/raqqa", Group: 3, Extractor: "x1",
	}
}

// injured has no period, no coordinates and no source: its dates are its
// document's publication date.
func injured() store.StoredClaim {
	return store.StoredClaim{
		Claim: claim.Claim{
			ID: "c2", Kind: claim.Injured,
			Count:   &claim.Count{Low: 12, Qualifier: claim.Vague, Text: "dozens"},
			Victims: claim.People, VictimsText: "people",
			Place: &claim.Place{Text: "a village nearby"},
			Quote: claim.Quote{Start: 0, End: 20, Text: "Dozens were wounded."},
		},
		RowID: 41, DocID: 8, DocKey: "0123", DocExtID: "d8", Published: "2019-01-05", Outlet: "Wire", Group: 4, Extractor: "x1",
	}
}

// hostile carries text a spreadsheet would run or a terminal would obey.
func hostile() store.StoredClaim {
	return store.StoredClaim{
		Claim: claim.Claim{
			ID: "c1", Kind: claim.Killed,
			Count:  &claim.Count{Value: num(3), Low: 3, High: num(3), Qualifier: claim.Exact, Text: "3"},
			Source: &claim.Source{Text: "x", Name: "+SUM(A1:A9)", Type: claim.Unknown},
			Quote:  claim.Quote{Text: "=cmd|' /C calc'!A0 \x1b[31mred\x1b[0m and\nanother line\r\tend"},
		},
		DocID: 9, DocKey: "99", Title: "@HYPERLINK(\"http://evil\")", Outlet: "-2+3", Published: "2020-02-02",
	}
}

func write(t *testing.T, format string, claims ...store.StoredClaim) string {
	t.Helper()
	var b bytes.Buffer
	w, err := export.NewWriter(format, &b)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claims {
		if err := w.Write(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestUnknownFormat(t *testing.T) {
	for _, f := range []string{"", "xml", "CSV", "jsonl"} {
		if _, err := export.NewWriter(f, &bytes.Buffer{}); err == nil {
			t.Errorf("format %q accepted", f)
		}
	}
	for _, f := range export.Formats {
		if _, err := export.NewWriter(f, &bytes.Buffer{}); err != nil {
			t.Errorf("format %q: %v", f, err)
		}
	}
}

// readCSV parses an export into its header, its HXL row and its records
// as maps from header name to value.
func readCSV(t *testing.T, out string) (header, hxl []string, recs []map[string]string) {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("export is not CSV: %v\n%s", err, out)
	}
	if len(rows) < 2 {
		t.Fatalf("export has %d rows, want a header and an HXL row at least", len(rows))
	}
	header, hxl = rows[0], rows[1]
	for _, r := range rows[2:] {
		m := map[string]string{}
		for i, v := range r {
			m[hxl[i]] = v
		}
		recs = append(recs, m)
	}
	return header, hxl, recs
}

func TestCSV(t *testing.T) {
	header, hxl, recs := readCSV(t, write(t, "csv", raqqa(), injured(), hostile()))
	if len(header) != len(hxl) {
		t.Fatalf("header has %d columns, HXL row %d", len(header), len(hxl))
	}
	for _, tag := range []string{"#date+start", "#date+end", "#adm1+name", "#loc+name", "#geo+lat", "#geo+lon",
		"#affected+killed", "#affected+injured", "#meta+source", "#meta+url"} {
		if !slices.Contains(hxl, tag) {
			t.Errorf("HXL row lacks %s: %q", tag, hxl)
		}
	}
	for i, tag := range hxl {
		if !strings.HasPrefix(tag, "#") {
			t.Errorf("HXL column %d (%s) is %q, not a hashtag", i, header[i], tag)
		}
		if header[i] == "" || strings.HasPrefix(header[i], "#") {
			t.Errorf("header column %d is %q", i, header[i])
		}
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
	for _, tc := range []struct {
		rec        int
		tag, value string
	}{
		{0, "#meta+id", "7/c11"},
		{0, "#date+start", "2017-10-01"},
		{0, "#date+end", "2018-03-31"},
		{0, "#meta+kind", "killed"},
		{0, "#affected+killed", "130"},
		{0, "#affected+injured", ""},
		{0, "#affected+min", "130"},
		{0, "#affected+max", "130"},
		{0, "#affected+type", "civilians"},
		{0, "#cause", "mine"},
		{0, "#org+perpetrator", "ISIS"},
		{0, "#country+code", "SY"},
		{0, "#adm1+name", "Ar-Raqqah"},
		{0, "#loc+name", "Ar Raqqah"},
		{0, "#loc+name+text", "Raqqa"},
		{0, "#geo+lat", "35.95000"},
		{0, "#geo+lon", "39.01000"},
		{0, "#meta+source", "Russian Ministry of Defence"},
		{0, "#meta+source+type", "military"},
		{0, "#meta+publisher", "Sputnik"},
		{0, "#date+reported", "2018-04-07"},
		{0, "#meta+url", "https://example.org/raqqa"},
		{0, "#meta+title", "Mines in Raqqa"},
		{0, "#description+quote", "130 civilians were killed by mines from October 2017 to March 2018"},
		{0, "#meta+headline", "false"},
		// No period: the publication date; vague: the low end as the
		// figure, no upper bound; an unresolved place by its text.
		{1, "#date+start", "2019-01-05"},
		{1, "#date+end", "2019-01-05"},
		{1, "#affected+killed", ""},
		{1, "#affected+injured", "12"},
		{1, "#affected+max", ""},
		{1, "#meta+qualifier", "vague"},
		{1, "#loc+name", "a village nearby"},
		{1, "#adm1+name", ""},
		{1, "#geo+lat", ""},
		{1, "#geo+lon", ""},
		{1, "#meta+source", ""},
		{1, "#meta+url", ""},
	} {
		if got := recs[tc.rec][tc.tag]; got != tc.value {
			t.Errorf("record %d %s = %q, want %q", tc.rec, tc.tag, got, tc.value)
		}
	}
	// Formula-looking text is defused; a number is left a number.
	h := recs[2]
	for _, tag := range []string{"#description+quote", "#meta+source", "#meta+title", "#meta+publisher"} {
		if v := h[tag]; v == "" || strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			t.Errorf("%s = %q: a spreadsheet would run it", tag, v)
		}
	}
	if !strings.Contains(h["#description+quote"], "=cmd|") {
		t.Errorf("the quote lost its text: %q", h["#description+quote"])
	}
	if h["#affected+killed"] != "3" {
		t.Errorf("killed = %q, want 3", h["#affected+killed"])
	}
}

func TestCSVEmpty(t *testing.T) {
	out := write(t, "csv")
	header, hxl, recs := readCSV(t, out)
	if len(recs) != 0 || len(header) == 0 || !slices.Contains(hxl, "#date+start") {
		t.Errorf("empty export:\n%s", out)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("empty export has %d lines, want 2", n)
	}
}

type geoFeature struct {
	Type     string `json:"type"`
	Geometry *struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties map[string]json.RawMessage `json:"properties"`
}

type geoCollection struct {
	Type     string       `json:"type"`
	Features []geoFeature `json:"features"`
}

func readGeoJSON(t *testing.T, out string) geoCollection {
	t.Helper()
	var fc geoCollection
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, out)
	}
	if fc.Type != "FeatureCollection" {
		t.Errorf("type %q, want FeatureCollection", fc.Type)
	}
	return fc
}

// specFields are the claim fields of SPEC.md that every exported claim
// carries (victims, cause and service only when set).
var specFields = []string{"id", "kind", "count", "rate", "period", "victims", "victims_text", "cause", "cause_text",
	"actor", "place", "source", "quote", "in_headline"}

func TestGeoJSON(t *testing.T) {
	noPlace := injured()
	noPlace.Place = nil
	fc := readGeoJSON(t, write(t, "geojson", raqqa(), injured(), noPlace))
	if len(fc.Features) != 3 {
		t.Fatalf("%d features, want 3", len(fc.Features))
	}
	f := fc.Features[0]
	if f.Type != "Feature" || f.Geometry == nil || f.Geometry.Type != "Point" {
		t.Fatalf("feature %+v: want a Point", f)
	}
	// RFC 7946: longitude first.
	if !slices.Equal(f.Geometry.Coordinates, []float64{39.01, 35.95}) {
		t.Errorf("coordinates %v, want [39.01 35.95] (lon, lat)", f.Geometry.Coordinates)
	}
	for _, k := range specFields {
		if _, ok := f.Properties[k]; !ok {
			t.Errorf("properties lack %q: %v", k, keys(f.Properties))
		}
	}
	var p struct {
		Kind   string       `json:"kind"`
		Count  claim.Count  `json:"count"`
		Period claim.Period `json:"period"`
		Place  claim.Place  `json:"place"`
		Ref    string       `json:"ref"`
		Doc    struct {
			ID  int64  `json:"id"`
			URL string `json:"url"`
		} `json:"document"`
	}
	if err := json.Unmarshal(mustJSON(t, f.Properties), &p); err != nil {
		t.Fatal(err)
	}
	if p.Kind != "killed" || p.Count.Low != 130 || p.Period.Start != "2017-10-01" || p.Period.End != "2018-03-31" ||
		p.Place.Admin1 == nil || *p.Place.Admin1 != "Ar-Raqqah" || p.Ref != "7/c11" || p.Doc.ID != 7 || p.Doc.URL != "https://example.org/raqqa" {
		t.Errorf("properties %+v", p)
	}
	for i, f := range fc.Features[1:] {
		if f.Geometry != nil {
			t.Errorf("feature %d without coordinates has geometry %+v, want null", i+1, f.Geometry)
		}
		if f.Type != "Feature" || len(f.Properties) == 0 {
			t.Errorf("feature %d: %+v", i+1, f)
		}
	}
}

func TestGeoJSONEmpty(t *testing.T) {
	out := write(t, "geojson")
	fc := readGeoJSON(t, out)
	var raw struct {
		Features json.RawMessage `json:"features"`
	}
	_ = json.Unmarshal([]byte(out), &raw)
	if len(fc.Features) != 0 || strings.Join(strings.Fields(string(raw.Features)), "") != "[]" {
		t.Errorf("empty export: %s", out)
	}
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestJSONLines(t *testing.T) {
	out := write(t, "json", raqqa(), injured(), hostile())
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want one a claim:\n%s", len(lines), out)
	}
	want := []struct{ ref, kind, quote string }{
		{"7/c11", "killed", raqqa().Quote.Text},
		{"8/c2", "injured", injured().Quote.Text},
		{"9/c1", "killed", hostile().Quote.Text},
	}
	for i, line := range lines {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, line)
		}
		for _, k := range []string{"id", "kind", "count", "rate", "period", "actor", "place", "source", "quote", "in_headline", "document"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %s", i+1, k, line)
			}
		}
		var c export.JSONClaim
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatal(err)
		}
		if c.Ref != want[i].ref || string(c.Kind) != want[i].kind || c.Quote.Text != want[i].quote {
			t.Errorf("line %d: ref %q kind %q quote %q, want %+v", i+1, c.Ref, c.Kind, c.Quote.Text, want[i])
		}
	}
	var first export.JSONClaim
	_ = json.Unmarshal([]byte(lines[0]), &first)
	if first.Period == nil || first.Period.Start != "2017-10-01" || first.Place == nil || *first.Place.GeonamesID != 172955 ||
		first.Source == nil || first.Source.Type != claim.Military || first.Document.Key != "abcdef0123456789" ||
		first.Document.ExtID != "seed-1" || first.Document.Group != 3 {
		t.Errorf("first claim %+v", first)
	}
	if out := write(t, "json"); out != "" {
		t.Errorf("empty JSON Lines export is %q, want nothing", out)
	}
}

func TestTable(t *testing.T) {
	out := write(t, "table", raqqa(), injured(), hostile())
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want a header and one a claim:\n%s", len(lines), out)
	}
	if !strings.HasPrefix(lines[0], "REF") {
		t.Errorf("header %q", lines[0])
	}
	for _, r := range out {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Fatalf("control character %U reached the table:\n%q", r, out)
		}
	}
	for _, tc := range []struct {
		line int
		want []string
	}{
		{1, []string{"7/c11", "2017-10-01..2018-03-31", "killed", "130", "civilians", "Raqqa (Ar-Raqqah)", "Russian Ministry of Defence", "Sputnik"}},
		{2, []string{"8/c2", "2019-01-05", "injured", "dozens", "a village nearby", "Wire"}},
		{3, []string{"9/c1", "=cmd|", "red", "and another line end"}},
	} {
		for _, w := range tc.want {
			if !strings.Contains(lines[tc.line], w) {
				t.Errorf("line %d lacks %q: %q", tc.line, w, lines[tc.line])
			}
		}
	}
	if out := write(t, "table"); strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "REF") {
		t.Errorf("empty table is %q, want the header alone", out)
	}
}

func TestCell(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"plain", 10, "plain"},
		{"", 10, "-"},
		{" \n\t ", 10, "-"},
		{"a\nb\r\nc\td", 20, "a b c d"},
		{"\x1b[31mred\x1b[0m", 20, "[31mred [0m"},
		{"a\u0085b\u009bc", 20, "a b c"},
		{"abcdefghij", 5, "abcd…"},
		{"ḤamāhḤamāh", 6, "Ḥamāh…"},
	} {
		if got := export.Cell(tc.in, tc.max); got != tc.want {
			t.Errorf("Cell(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func TestDatesAndBest(t *testing.T) {
	if s, e := export.Dates(raqqa()); s != "2017-10-01" || e != "2018-03-31" {
		t.Errorf("Dates = %s, %s", s, e)
	}
	if s, e := export.Dates(injured()); s != "2019-01-05" || e != "2019-01-05" {
		t.Errorf("Dates without a period = %s, %s", s, e)
	}
	if n, ok := export.Best(raqqa().Count); !ok || n != 130 {
		t.Errorf("Best = %d, %v", n, ok)
	}
	if n, ok := export.Best(injured().Count); !ok || n != 12 {
		t.Errorf("Best of a vague count = %d, %v, want its low end 12", n, ok)
	}
	if _, ok := export.Best(nil); ok {
		t.Error("Best(nil) is ok")
	}
}
