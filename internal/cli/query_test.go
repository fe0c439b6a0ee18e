package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/export"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// The fixtures: testdata/articles.jsonl (seven short articles written for
// these tests, one a reprint of another) and testdata/deir-ez-zor.txt (a
// plain text article with a date header).
var fixtures = []string{"testdata/articles.jsonl", "testdata/deir-ez-zor.txt"}

// mustRun runs a command that must succeed and returns its stdout.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, "", args...)
	if code != exitOK {
		t.Fatalf("tally %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// stored is a store holding the fixtures, with its documents by label:
// their own id, or "deir" for the plain text one.
type stored struct {
	dsn  string
	docs map[string]export.Doc
	keys map[string]string // document key to label
}

func ingestFixtures(t *testing.T, dsn string) *stored {
	t.Helper()
	out := mustRun(t, append([]string{"ingest", "--db", dsn}, fixtures...)...)
	if !strings.Contains(out, "8 documents read: 8 new, 0 already stored, 0 failed; 16 claims stored") {
		t.Fatalf("ingest said %q", out)
	}
	s := &stored{dsn: dsn, docs: map[string]export.Doc{}, keys: map[string]string{}}
	for _, d := range docLines(t, mustRun(t, "docs", "--db", dsn, "--format", "json", "--limit", "0")) {
		label := d.ExtID
		if strings.HasSuffix(d.Origin, ".txt") {
			label = "deir"
		}
		s.docs[label] = d
		s.keys[d.Key] = label
	}
	if len(s.docs) != 8 {
		t.Fatalf("docs lists %d documents, want 8", len(s.docs))
	}
	return s
}

func docLines(t *testing.T, out string) []export.Doc {
	t.Helper()
	var ds []export.Doc
	for _, line := range nonEmptyLines(out) {
		var d export.Doc
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("docs line is not a document: %v\n%s", err, line)
		}
		ds = append(ds, d)
	}
	return ds
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// claimRefs runs claims --format json with args and names each claim
// "label/cid", sorted.
func (s *stored) claimRefs(t *testing.T, args ...string) []string {
	t.Helper()
	out := mustRun(t, append([]string{"claims", "--db", s.dsn, "--format", "json"}, args...)...)
	var refs []string
	for _, line := range nonEmptyLines(out) {
		var c export.JSONClaim
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("claims line is not a claim: %v\n%s", err, line)
		}
		label, ok := s.keys[c.Document.Key]
		if !ok {
			t.Fatalf("claim of an unknown document: %s", line)
		}
		refs = append(refs, label+"/"+c.ID)
	}
	slices.Sort(refs)
	return refs
}

func refs(rs ...string) []string {
	slices.Sort(rs)
	return rs
}

var (
	raqqaAll     = []string{"raqqa-mines/c1", "raqqa-mines/c2", "raqqa-mines/c3"}
	marketBody   = refs("idlib-market/c1", "idlib-market/c2", "idlib-market-reprint/c2", "idlib-market-reprint/c3")
	sohr         = refs("raqqa-mines/c2", "raqqa-mines/c3", "deir/c2")
	allClaims    = 16
	hypothetical = "idlib-warning/c1"
)

func TestClaimsFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := ingestFixtures(t, dsn)
		if got := s.claimRefs(t); len(got) != allClaims-1 || slices.Contains(got, hypothetical) {
			t.Errorf("no filter: %d claims %v, want all %d but the hypothetical one", len(got), got, allClaims-1)
		}
		for _, tc := range []struct {
			name string
			args []string
			want []string
		}{
			{"place as written", []string{"--place", "Raqqa"}, raqqaAll},
			{"place by the gazetteer's name", []string{"--place", "ar raqqah"}, raqqaAll},
			{"place text of a resolved town", []string{"--place", "Maarat al-Numan"}, marketBody},
			{"admin1 spelling variant", []string{"--admin1", "Raqqa"}, raqqaAll},
			{"admin1 stored name", []string{"--admin1", "Ar-Raqqah"}, raqqaAll},
			{"admin1 with province", []string{"--admin1", "Raqqa province"}, raqqaAll},
			{"admin1 Deir ez-Zor spelled otherwise", []string{"--admin1", "Deir Ezzor"}, refs("deir/c1", "deir/c2", "deir/c3")},
			{"country", []string{"--country", "IQ"}, refs("mosul-displaced/c1")},
			{"country lower case", []string{"--country", "iq"}, refs("mosul-displaced/c1")},
			{"kind", []string{"--kind", "injured"}, refs("idlib-market/c2", "idlib-market-reprint/c3")},
			{"kinds", []string{"--kind", "displaced,service"}, refs("mosul-displaced/c1", "aleppo-shelling/c2", "deir/c1", "deir/c3")},
			{"kind repeated", []string{"--kind", "displaced", "--kind", "injured"},
				refs("mosul-displaced/c1", "idlib-market/c2", "idlib-market-reprint/c3")},
			{"victims", []string{"--victims", "children"}, refs("raqqa-mines/c3")},
			{"victims security forces", []string{"--victims", "security_forces"}, refs("daraa-clashes/c1")},
			{"cause", []string{"--cause", "mine"}, raqqaAll},
			{"causes", []string{"--cause", "shelling,clashes"},
				refs("aleppo-shelling/c1", "deir/c2", "daraa-clashes/c1", "mosul-displaced/c1")},
			{"source", []string{"--source", "Syrian Observatory for Human Rights", "--admin1", "Ar-Raqqah"}, refs("raqqa-mines/c2", "raqqa-mines/c3")},
			{"source in any case", []string{"--source", "syrian observatory for human rights", "--kind", "killed", "--cause", "mine,shelling"}, sohr},
			{"source type", []string{"--source-type", "military"}, refs("daraa-clashes/c1")},
			{"source type un", []string{"--source-type", "un"}, refs("mosul-displaced/c1")},
			{"source type un with hypothetical", []string{"--source-type", "un", "--hypothetical"}, refs("mosul-displaced/c1", hypothetical)},
			{"outlet", []string{"--outlet", "levant daily", "--kind", "killed"}, refs("idlib-market/c1", "aleppo-shelling/c1", "daraa-clashes/c1")},
			{"outlet of the reprint", []string{"--outlet", "Other Outlet", "--kind", "injured"}, refs("idlib-market-reprint/c3")},
			{"from and to", []string{"--from", "2018-11-01", "--to", "2018-11-30"}, refs("aleppo-shelling/c1", "aleppo-shelling/c2")},
			// A period overlapping the day counts; the headline's claim is
			// dated by its publication a week later.
			{"one day inside a period", []string{"--from", "2018-03-30", "--to", "2018-03-30"}, refs("raqqa-mines/c2", "raqqa-mines/c3")},
			{"to", []string{"--to", "2017-12-31", "--kind", "killed,displaced"}, refs("mosul-displaced/c1", "deir/c2")},
			{"from", []string{"--from", "2019-01-01", "--kind", "killed"}, refs("idlib-market/c1", "idlib-market-reprint/c1", "idlib-market-reprint/c2")},
			{"words of the quote", []string{"--q", "children"}, refs("raqqa-mines/c2", "raqqa-mines/c3")},
			{"all the words", []string{"--q", "water districts"}, refs("deir/c3")},
			{"query syntax is words", []string{"--q", `children) ( "*`}, refs("raqqa-mines/c2", "raqqa-mines/c3")},
			{"no match", []string{"--q", "zeppelin"}, nil},
			{"hypothetical", []string{"--hypothetical", "--q", "offensive"}, refs(hypothetical)},
			{"without hypothetical", []string{"--q", "offensive"}, nil},
			{"combined", []string{"--admin1", "Idlib", "--kind", "killed", "--outlet", "Levant Daily", "--cause", "airstrike",
				"--victims", "people", "--source-type", "monitor", "--from", "2019-03-17", "--to", "2019-03-17"}, refs("idlib-market/c1")},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := s.claimRefs(t, tc.args...); !slices.Equal(got, tc.want) {
					t.Errorf("claims %q:\n got %v\nwant %v", tc.args, got, tc.want)
				}
			})
		}
		t.Run("limit", func(t *testing.T) {
			all := s.claimRefs(t, "--hypothetical")
			if len(all) != allClaims {
				t.Fatalf("--hypothetical: %d claims, want %d", len(all), allClaims)
			}
			for _, n := range []int{1, 5, allClaims, allClaims + 3} {
				got := s.claimRefs(t, "--hypothetical", "--limit", strconv.Itoa(n))
				if len(got) != min(n, allClaims) {
					t.Errorf("--limit %d: %d claims", n, len(got))
				}
			}
			if got := s.claimRefs(t, "--limit", "2", "--cause", "mine"); len(got) != 2 {
				t.Errorf("--limit 2 --cause mine: %v", got)
			}
		})
	})
}

func TestClaimsFormats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := ingestFixtures(t, dsn)
		args := func(format string) []string {
			return []string{"claims", "--db", dsn, "--admin1", "Raqqa", "--format", format}
		}
		t.Run("table", func(t *testing.T) {
			out := mustRun(t, args("table")...)
			lines := nonEmptyLines(out)
			if len(lines) != 4 || !strings.HasPrefix(lines[0], "REF") {
				t.Fatalf("table:\n%s", out)
			}
			for _, l := range lines[1:] {
				if !strings.Contains(l, "Ar-Raqqah") || !strings.Contains(l, "killed") {
					t.Errorf("row %q", l)
				}
			}
			// With no claims, the header alone.
			empty := mustRun(t, "claims", "--db", dsn, "--q", "zeppelin")
			if len(nonEmptyLines(empty)) != 1 {
				t.Errorf("empty table:\n%s", empty)
			}
		})
		t.Run("json", func(t *testing.T) {
			out := mustRun(t, args("json")...)
			lines := nonEmptyLines(out)
			if len(lines) != 3 {
				t.Fatalf("json:\n%s", out)
			}
			for _, l := range lines {
				var m map[string]json.RawMessage
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatal(err)
				}
				for _, k := range []string{"id", "kind", "count", "rate", "period", "victims", "cause", "actor", "place", "source", "quote", "in_headline", "document"} {
					if _, ok := m[k]; !ok {
						t.Errorf("claim lacks %q: %s", k, l)
					}
				}
			}
		})
		t.Run("csv", func(t *testing.T) {
			out := mustRun(t, args("csv")...)
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 5 || rows[0][0] != "ref" || !slices.Contains(rows[1], "#adm1+name") {
				t.Fatalf("csv:\n%s", out)
			}
			col := slices.Index(rows[1], "#adm1+name")
			urlCol := slices.Index(rows[1], "#meta+url")
			for _, r := range rows[2:] {
				if r[col] != "Ar-Raqqah" || r[urlCol] != "https://example.org/raqqa-mines" {
					t.Errorf("row %q", r)
				}
			}
			empty := mustRun(t, "claims", "--db", dsn, "--q", "zeppelin", "--format", "csv")
			if rows, err := csv.NewReader(strings.NewReader(empty)).ReadAll(); err != nil || len(rows) != 2 {
				t.Errorf("empty csv: %v\n%s", err, empty)
			}
		})
		t.Run("geojson", func(t *testing.T) {
			var fc struct {
				Type     string `json:"type"`
				Features []struct {
					Geometry *struct {
						Coordinates []float64 `json:"coordinates"`
					} `json:"geometry"`
					Properties export.JSONClaim `json:"properties"`
				} `json:"features"`
			}
			out := mustRun(t, append(args("geojson"), "--hypothetical")...)
			if err := json.Unmarshal([]byte(out), &fc); err != nil {
				t.Fatalf("geojson: %v\n%s", err, out)
			}
			if fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
				t.Fatalf("geojson:\n%s", out)
			}
			for _, f := range fc.Features {
				p := f.Properties.Place
				if f.Geometry == nil || p == nil || p.Lat == nil ||
					!slices.Equal(f.Geometry.Coordinates, []float64{*p.Lon, *p.Lat}) {
					t.Errorf("feature %s: geometry %+v, place %+v", f.Properties.Ref, f.Geometry, p)
				}
			}
			empty := mustRun(t, "claims", "--db", dsn, "--q", "zeppelin", "--format", "geojson")
			if err := json.Unmarshal([]byte(empty), &fc); err != nil || len(fc.Features) != 0 || fc.Type != "FeatureCollection" {
				t.Errorf("empty geojson: %v\n%s", err, empty)
			}
		})
		_ = s
	})
}

func TestDocs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := ingestFixtures(t, dsn)
		t.Run("table", func(t *testing.T) {
			out := mustRun(t, "docs", "--db", dsn)
			lines := nonEmptyLines(out)
			if len(lines) != 9 || !strings.HasPrefix(lines[0], "ID") {
				t.Fatalf("docs table:\n%s", out)
			}
			if !strings.Contains(out, "Mines kill 14 civilians in Raqqa") || !strings.Contains(out, "Ar-Raqqah") {
				t.Errorf("docs table lacks the Raqqa article:\n%s", out)
			}
		})
		t.Run("json", func(t *testing.T) {
			d := s.docs["raqqa-mines"]
			if d.ID == 0 || len(d.Key) != 64 || d.Title != "Mines kill 14 civilians in Raqqa" || d.Published != "2018-04-07" ||
				d.Source != "Test Wire" || d.URL != "https://example.org/raqqa-mines" || d.Claims != 3 ||
				d.PrimaryPlace == nil || d.PrimaryPlace.Admin1 == nil || *d.PrimaryPlace.Admin1 != "Ar-Raqqah" ||
				d.Extractor == "" || d.Ingested == "" || d.Group == 0 {
				t.Errorf("raqqa-mines: %+v", d)
			}
			if d := s.docs["deir"]; d.Published != "2017-09-12" || d.Claims != 3 {
				t.Errorf("deir: %+v", d)
			}
		})
		docIDs := func(args ...string) []string {
			var ids []string
			for _, d := range docLines(t, mustRun(t, append([]string{"docs", "--db", dsn, "--format", "json"}, args...)...)) {
				if strings.HasSuffix(d.Origin, ".txt") {
					ids = append(ids, "deir")
				} else {
					ids = append(ids, d.ExtID)
				}
			}
			slices.Sort(ids)
			return ids
		}
		group := strconv.FormatInt(s.docs["idlib-market"].Group, 10)
		for _, tc := range []struct {
			name string
			args []string
			want []string
		}{
			{"words", []string{"--q", "water"}, []string{"deir"}},
			{"words in the title", []string{"--q", "families"}, []string{"mosul-displaced"}},
			{"all words", []string{"--q", "market rubble"}, []string{"idlib-market", "idlib-market-reprint"}},
			{"no match", []string{"--q", "zeppelin"}, nil},
			{"group", []string{"--group", group}, []string{"idlib-market", "idlib-market-reprint"}},
			{"outlet", []string{"--outlet", "test wire"}, []string{"idlib-warning", "mosul-displaced", "raqqa-mines"}},
			{"admin1", []string{"--admin1", "Raqqa"}, []string{"raqqa-mines"}},
			{"published", []string{"--from", "2018-06-01", "--to", "2018-12-31"}, []string{"aleppo-shelling", "daraa-clashes", "idlib-warning"}},
			{"limit", []string{"--limit", "3", "--outlet", "Levant Daily"}, nil}, // counted below
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := docIDs(tc.args...)
				if tc.name == "limit" {
					if len(got) != 3 {
						t.Errorf("--limit 3: %v", got)
					}
					return
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("docs %q:\n got %v\nwant %v", tc.args, got, tc.want)
				}
			})
		}
		if s.docs["idlib-market"].Group == s.docs["aleppo-shelling"].Group {
			t.Errorf("two stories share report group %s", group)
		}
	})
}

func TestShow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := ingestFixtures(t, dsn)
		d := s.docs["idlib-market"]
		for _, ref := range []string{strconv.FormatInt(d.ID, 10), "idlib-market", d.Key[:12], strings.ToUpper(d.Key[:8]), d.Key} {
			t.Run("text "+ref, func(t *testing.T) {
				out := mustRun(t, "show", "--db", dsn, ref)
				for _, want := range []string{
					fmt.Sprintf("document %d: Market strike in Idlib", d.ID),
					"published 2019-03-18", "outlet Levant Daily", "key " + d.Key[:16],
					"https://example.org/idlib-market",
					fmt.Sprintf("same report: document %d, Other Outlet", s.docs["idlib-market-reprint"].ID),
					"c1 killed: At least 19 people", "c2 injured: 34 people",
					`"At least 19 people were killed and 34 wounded on Sunday`,
				} {
					if !strings.Contains(out, want) {
						t.Errorf("show %s lacks %q:\n%s", ref, want, out)
					}
				}
			})
		}
		t.Run("json", func(t *testing.T) {
			out := mustRun(t, "show", "--db", dsn, "--format", "json", "raqqa-mines")
			var v struct {
				export.Doc
				Text   string             `json:"text"`
				Places []json.RawMessage  `json:"places"`
				Claims []export.JSONClaim `json:"claims"`
				Copies []export.Doc       `json:"copies"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("show json: %v\n%s", err, out)
			}
			r := s.docs["raqqa-mines"]
			if v.ID != r.ID || v.Key != r.Key || v.ExtID != "raqqa-mines" || len(v.Claims) != 3 || len(v.Places) == 0 || len(v.Copies) != 0 {
				t.Fatalf("show json: %+v", v)
			}
			for _, c := range v.Claims {
				if v.Text[c.Quote.Start:c.Quote.End] != c.Quote.Text && !c.InHeadline {
					t.Errorf("%s: quote offsets %d:%d do not slice the text to %q", c.ID, c.Quote.Start, c.Quote.End, c.Quote.Text)
				}
			}
			if v.Claims[1].Period == nil || v.Claims[1].Period.Start != "2018-03-26" {
				t.Errorf("c2 period %+v", v.Claims[1].Period)
			}
			out = mustRun(t, "show", "--db", dsn, "--format", "json", "idlib-market-reprint")
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatal(err)
			}
			if len(v.Copies) != 1 || v.Copies[0].ExtID != "idlib-market" {
				t.Errorf("copies of the reprint: %+v", v.Copies)
			}
		})
		t.Run("hypothetical claims are shown", func(t *testing.T) {
			out := mustRun(t, "show", "--db", dsn, "idlib-warning")
			if !strings.Contains(out, "[hypothetical]") {
				t.Errorf("show idlib-warning:\n%s", out)
			}
		})
		for _, ref := range []string{"no-such-document", "999999", d.Key[:7], "ffffffffffff"} {
			t.Run("unknown "+ref, func(t *testing.T) {
				code, out, errOut := run(t, "", "show", "--db", dsn, ref)
				if code != exitFailed || out != "" {
					t.Errorf("exit %d, stdout %q", code, out)
				}
				if lines := nonEmptyLines(errOut); len(lines) != 1 || !strings.Contains(errOut, "not found") {
					t.Errorf("stderr %q: want one line saying not found", errOut)
				}
			})
		}
	})
}

func TestReextract(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := ingestFixtures(t, dsn)
		before := sortedLines(mustRun(t, "claims", "--db", dsn, "--hypothetical", "--format", "json"))
		docsBefore := mustRun(t, "docs", "--db", dsn, "--format", "json")
		if out := mustRun(t, "reextract", "--db", dsn); !strings.HasPrefix(out, "0 documents re-extracted (0 failed), 0 claims") {
			t.Errorf("reextract of an up-to-date store: %q", out)
		}
		if out := mustRun(t, "reextract", "--db", dsn, "--all", "--workers", "1"); !strings.HasPrefix(out, "8 documents re-extracted (0 failed), 16 claims") {
			t.Errorf("reextract --all: %q", out)
		}
		after := sortedLines(mustRun(t, "claims", "--db", dsn, "--hypothetical", "--format", "json"))
		if !slices.Equal(before, after) {
			t.Errorf("claims changed on re-extraction:\nbefore %v\nafter  %v", before, after)
		}
		if docsAfter := mustRun(t, "docs", "--db", dsn, "--format", "json"); docsAfter != docsBefore {
			t.Errorf("documents changed on re-extraction:\nbefore %s\nafter  %s", docsBefore, docsAfter)
		}
		_ = s
	})
}

func sortedLines(s string) []string {
	l := nonEmptyLines(s)
	slices.Sort(l)
	return l
}

// TestUsageErrors: a usage error exits 2 with one line on stderr saying
// what is wrong, and opens no store.
func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never.db")
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"claims", "--kind", "dead"}, "--kind"},
		{[]string{"claims", "--kind", "killed,dead"}, "dead"},
		{[]string{"claims", "--victims", "aliens"}, "--victims"},
		{[]string{"claims", "--cause", "magic"}, "--cause"},
		{[]string{"claims", "--source-type", "oracle"}, "--source-type"},
		{[]string{"claims", "--from", "2018-13-01"}, "--from"},
		{[]string{"claims", "--to", "yesterday"}, "--to"},
		{[]string{"claims", "--format", "xml"}, "xml"},
		{[]string{"claims", "Raqqa"}, "Raqqa"},
		{[]string{"docs", "--format", "csv"}, "csv"},
		{[]string{"docs", "--from", "2018-02-30"}, "--from"},
		{[]string{"show"}, "show"},
		{[]string{"show", "1", "2"}, "show"},
		{[]string{"show", "--format", "csv", "1"}, "csv"},
		{[]string{"ingest"}, "ingest"},
		{[]string{"ingest", "--published", "April", "x.txt"}, "--published"},
		{[]string{"reextract", "extra"}, "extra"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := append([]string{tc.args[0], "--db", db}, tc.args[1:]...)
			code, out, errOut := run(t, "", args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
			if lines := nonEmptyLines(errOut); len(lines) != 1 || !strings.Contains(errOut, tc.says) {
				t.Errorf("stderr %q: want one line naming %q", errOut, tc.says)
			}
		})
	}
	if _, err := filepath.Glob(db); err != nil {
		t.Fatal(err)
	}
	if matches, _ := filepath.Glob(db + "*"); len(matches) != 0 {
		t.Errorf("a usage error created the store: %v", matches)
	}
}
