package records

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/store"
)

// readAll reads a file with opt and returns its records and the messages
// of its unreadable rows.
func readAll(t *testing.T, path string, opt Options) (*Reader, []store.Record, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := NewReader(f, filepath.Base(path), opt)
	if err != nil {
		t.Fatal(err)
	}
	var recs []store.Record
	var errs []string
	for r, err := range rd.All() {
		if err != nil {
			var re *RowError
			if !errors.As(err, &re) {
				t.Fatalf("not a row error: %v", err)
			}
			errs = append(errs, err.Error())
			continue
		}
		recs = append(recs, r)
	}
	return rd, recs, errs
}

func lines(recs []store.Record) []int {
	var out []int
	for _, r := range recs {
		out = append(out, r.Line)
	}
	return out
}

func TestBrokenRowsAreReportedAndTheRestRead(t *testing.T) {
	rd, recs, errs := readAll(t, "testdata/broken-ucdp.csv", Options{})
	if rd.Format() != UCDP {
		t.Errorf("format %q, want ucdp", rd.Format())
	}
	wantErrs := []string{
		`broken-ucdp.csv:3: date_start "x" is not a date`,
		`broken-ucdp.csv:4: best "two" is not a number of deaths`,
		`broken-ucdp.csv:5: wrong number of fields`,
		`broken-ucdp.csv:6: a stray " in an unquoted field`,
		`broken-ucdp.csv:11: date_end 2016-01-08 is before date_start 2016-01-09`,
		`broken-ucdp.csv:12: latitude "134.7" is not a coordinate`,
		`broken-ucdp.csv:13: country "Atlantis" is not a known country`,
		`broken-ucdp.csv:14: deaths_civilians "-1" is not a number of deaths`,
	}
	if !slices.Equal(errs, wantErrs) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}
	if got, want := lines(recs), []int{2, 7, 9, 10}; !slices.Equal(got, want) {
		t.Fatalf("records at lines %v, want %v", got, want)
	}
	first := recs[0]
	if first.DateStart != "2016-01-01" || first.Country != "SY" || first.Admin1 != "Homs" || first.Admin2 != "Al-Rastan District" ||
		first.Admin1Raw != "Homs Governorate" || first.Place != "Teir Maaleh village" || *first.Combatants != 4 || *first.Civilians != 0 ||
		first.Best != 4 || first.Victims != claim.Combatants || first.Cause != claim.UnknownCause || first.Source != "an invented headline" ||
		*first.Lat != 34.802462 || *first.WherePrec != 1 || len(first.Key) != 64 {
		t.Errorf("line 2: %+v", first)
	}
	quoted := recs[1]
	if quoted.Place != `Damascus, "old city"` || quoted.Admin1 != "Dimashq" || quoted.Victims != claim.Civilians ||
		quoted.Source != "a quoted\nheadline over two lines" || quoted.High != 4 {
		t.Errorf("line 7: %+v", quoted)
	}
	if r := recs[2]; r.Admin1 != "" || r.Admin1Raw != "NA" || r.Country != "SY" {
		t.Errorf("line 9: %+v", r)
	}
	if r := recs[3]; r.Victims != claim.People || r.DateEnd != "2016-01-08" || r.Source != "" {
		t.Errorf("line 10: %+v", r)
	}
	if rd.Blank != 1 || len(rd.Unmapped) != 0 {
		t.Errorf("blank %d, unmapped %v", rd.Blank, rd.Unmapped)
	}
}

func TestACLED(t *testing.T) {
	rd, recs, errs := readAll(t, "testdata/acled.csv", Options{})
	if rd.Format() != ACLED {
		t.Errorf("format %q, want acled", rd.Format())
	}
	wantErrs := []string{
		`acled.csv:9: event_date "2019-13-40" is not a date`,
		`acled.csv:10: fatalities "many" is not a number of deaths`,
	}
	if !slices.Equal(errs, wantErrs) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}
	type row struct {
		date, country, admin1, place string
		best                         int64
		victims                      claim.Victims
		cause                        claim.Cause
	}
	want := []row{
		{"2019-03-17", "SY", "Idlib", "Maarat An Numan", 19, claim.Civilians, claim.Shelling},
		{"2019-03-18", "SY", "Aleppo", "Aleppo", 3, claim.People, claim.Airstrike},
		{"2019-03-19", "SY", "Rif-dimashq", "Douma", 7, claim.People, claim.Clashes}, // no iso: the country column
		{"2019-03-20", "SY", "Deir ez-Zor", "Deir-ez-Zor", 2, claim.Civilians, claim.UnknownCause},
		{"2019-03-21", "SY", "Ar-Raqqah", "Ar-Raqqa", 1, claim.People, claim.Explosion},
		{"2019-03-22", "SY", "Daraa", "Dar'a", 0, claim.People, claim.UnknownCause},
		{"2019-03-23", "IQ", "Nineveh", "Mosul", 5, claim.Civilians, claim.SuicideBombing},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		r := recs[i]
		got := row{r.DateStart, r.Country, r.Admin1, r.Place, r.Best, r.Victims, r.Cause}
		if got != w || r.DateEnd != r.DateStart || r.Low != r.Best || r.High != r.Best || !strings.HasPrefix(r.Source, "FICTIONAL") {
			t.Errorf("line %d: %+v\nwant %+v", r.Line, got, w)
		}
	}
	if len(rd.Unmapped) != 0 {
		t.Errorf("unmapped admin1: %v", rd.Unmapped)
	}
}

func TestLists(t *testing.T) {
	t.Run("other recorder", func(t *testing.T) {
		_, recs, errs := readAll(t, "testdata/list.csv", Options{})
		wantErrs := []string{`list.csv:6: date "not known" is not a date`}
		if !slices.Equal(errs, wantErrs) {
			t.Errorf("errors %q, want %q", errs, wantErrs)
		}
		type row struct {
			start, end, country, admin1, place string
			victims                            claim.Victims
			cause                              claim.Cause
		}
		want := []row{
			{"2014-05-03", "2014-05-03", "SY", "Aleppo", "Hanano", claim.Civilians, claim.BarrelBomb},
			{"2014-05-01", "2014-05-31", "SY", "Idlib", "Saraqeb", claim.Combatants, claim.Gunfire},
			{"2014-01-01", "2014-12-31", "SY", "Homs", "", claim.People, claim.UnknownCause},
			{"2014-05-03", "2014-05-03", "IQ", "Nineveh", "Mosul", claim.Civilians, claim.CarBomb},
			{"", "", "SY", "Hama", "", claim.Civilians, claim.Shelling},
			{"2014-05-04", "2014-05-04", "SY", "", "", claim.Civilians, claim.Airstrike},
		}
		if len(recs) != len(want) {
			t.Fatalf("%d records, want %d", len(recs), len(want))
		}
		for i, w := range want {
			r := recs[i]
			got := row{r.DateStart, r.DateEnd, r.Country, r.Admin1, r.Place, r.Victims, r.Cause}
			if got != w || r.Best != 1 || r.Low != 1 || r.High != 1 {
				t.Errorf("line %d: %+v\nwant %+v", r.Line, got, w)
			}
		}
	})
	t.Run("vdc layout", func(t *testing.T) {
		rd, recs, errs := readAll(t, "testdata/vdc-like.csv", Options{})
		if len(errs) > 0 || len(recs) != 4 {
			t.Fatalf("%d records, errors %q", len(recs), errs)
		}
		if recs[0].Key == recs[1].Key {
			t.Error("two people described alike share a key")
		}
		if r := recs[2]; r.DateStart != "" || r.Country != "SY" || r.Admin1 != "Tartus" || r.Victims != claim.People || *r.Unknown != 1 {
			t.Errorf("undated row: %+v", r)
		}
		if r := recs[3]; r.Admin1 != "" || r.Victims != claim.Combatants || *r.Combatants != 1 || r.Cause != claim.Airstrike || r.VictimsText != "Second Lieutenant" {
			t.Errorf("abroad: %+v", r)
		}
		if rd.Blank != 1 {
			t.Errorf("blank %d, want 1 (Other)", rd.Blank)
		}
	})
	t.Run("country required", func(t *testing.T) {
		_, err := NewReader(strings.NewReader("date,province,status\n2014-01-01,Aleppo,civilian\n"), "x.csv", Options{})
		if err == nil || !strings.Contains(err.Error(), "--country") {
			t.Errorf("err = %v, want a request for --country", err)
		}
		rd, err := NewReader(strings.NewReader("date,province,status\n2014-01-01,Aleppo,civilian\n"), "x.csv", Options{Country: "sy"})
		if err != nil {
			t.Fatal(err)
		}
		for r, err := range rd.All() {
			if err != nil || r.Country != "SY" || r.Admin1 != "Aleppo" {
				t.Errorf("%+v, %v", r, err)
			}
		}
	})
}

func TestHeaders(t *testing.T) {
	for _, c := range []struct {
		name, input string
		opt         Options
		format      Format
		err         string
	}{
		{"ucdp", "date_start,date_end,country,low,best,high,deaths_civilians\n", Options{}, UCDP, ""},
		{"acled with BOM", "\ufeffevent_date,country,fatalities\n", Options{}, ACLED, ""},
		{"list", "Date of death,Province\n", Options{Country: "SY"}, List, ""},
		{"forced", "event_date,country,fatalities\n", Options{Format: List, Country: "SY"}, List, ""},
		{"unknown", "a,b,c\n", Options{}, "", "not a known layout"},
		{"empty", "", Options{}, "", "empty file"},
		{"ucdp without best", "date_start,date_end,country,low,high\n", Options{Format: UCDP}, "", "without column best"},
		{"bad format", "a\n", Options{Format: "xls"}, "", "unknown format"},
		{"bad country", "date\n", Options{Country: "XX"}, "", "not an ISO"},
		{"unclosed quote", "\"date\n", Options{}, "", "header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rd, err := NewReader(strings.NewReader(c.input), "h.csv", c.opt)
			switch {
			case c.err != "":
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("err = %v, want %q", err, c.err)
				}
			case err != nil:
				t.Errorf("err = %v", err)
			case rd.Format() != c.format:
				t.Errorf("format %q, want %q", rd.Format(), c.format)
			}
		})
	}
}

// TestAdmin1AliasesAreGazetteerNames keeps the alias table honest: each
// target is the name of a first-level division of its country.
func TestAdmin1AliasesAreGazetteerNames(t *testing.T) {
	for cc, table := range admin1Aliases {
		for alias, name := range table {
			found := false
			for _, e := range place.Lookup(name) {
				if e.Level == place.LevelAdmin1 && e.Country == cc && e.Admin1 == name {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %q → %q: no such admin1 in the gazetteer", cc, alias, name)
			}
			if alias != normName(alias) {
				t.Errorf("%s %q: keys are lower case with single spaces", cc, alias)
			}
		}
	}
}

func TestCauses(t *testing.T) {
	for text, want := range map[string]claim.Cause{
		// Every cause_of_death of the VDC list.
		"Shooting": claim.Gunfire, "Shelling": claim.Shelling, "Explosion": claim.Explosion,
		"Field Execution": claim.Execution, "Kidnapping - Execution": claim.Execution, "Detention - Execution": claim.Execution,
		"Kidnapping - Torture - Execution": claim.Execution, "Detention - Torture - Execution": claim.Execution,
		"Warplane shelling": claim.Airstrike, "Chemical and toxic gases": claim.Chemical,
		"Kidnapping - Torture": claim.UnknownCause, "Other": claim.UnknownCause, "": claim.UnknownCause,
		// Other recorders' words.
		"Barrel bomb": claim.BarrelBomb, "Car bomb": claim.CarBomb, "Suicide attack": claim.SuicideBombing,
		"Landmine": claim.Mine, "Sniper fire": claim.Gunfire, "Mortar shell": claim.Shelling, "Siege": claim.Siege,
		"Clashes": claim.Clashes, "Air strike": claim.Airstrike, "IED": claim.Explosion, "Carpet": claim.UnknownCause,
	} {
		if got := causeOf(text); got != want {
			t.Errorf("causeOf(%q) = %q, want %q", text, got, want)
		}
	}
}
