package records

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
)

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// fuzzReader reads data as format and checks what every reader promises
// whatever its input: no panic, and records that keep the store's
// invariants.
func fuzzReader(t *testing.T, format Format, country string, data []byte) {
	rd, err := NewReader(bytes.NewReader(data), "fuzz.csv", Options{Format: format, Country: country})
	if err != nil {
		return
	}
	keys := map[string]bool{}
	for r, err := range rd.All() {
		if err != nil {
			continue
		}
		if (r.DateStart == "") != (r.DateEnd == "") || r.DateStart != "" && (!isoDate.MatchString(r.DateStart) ||
			!isoDate.MatchString(r.DateEnd) || r.DateEnd < r.DateStart) {
			t.Fatalf("line %d: dates %q..%q", r.Line, r.DateStart, r.DateEnd)
		}
		if r.Country == "" || !validCountry(r.Country) {
			t.Fatalf("line %d: country %q", r.Line, r.Country)
		}
		if r.Low < 0 || r.Best < 0 || r.High < 0 {
			t.Fatalf("line %d: counts %d/%d/%d", r.Line, r.Low, r.Best, r.High)
		}
		switch r.Victims {
		case claim.Civilians, claim.Combatants, claim.People:
		default:
			t.Fatalf("line %d: victims %q", r.Line, r.Victims)
		}
		if r.Cause == "" || keys[r.Key] || len(r.Key) != 64 || r.Line < 2 {
			t.Fatalf("line %d: cause %q, key %q", r.Line, r.Cause, r.Key)
		}
		keys[r.Key] = true
	}
}

func seed(f *testing.F, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

func FuzzUCDP(f *testing.F) {
	seed(f, "testdata/broken-ucdp.csv")
	f.Add([]byte("date_start,date_end,country,adm_1,low,best,high\n2016-01-01,2016-01-01,Syria,Homs Governorate,1,1,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, UCDP, "", data) })
}

func FuzzACLED(f *testing.F) {
	seed(f, "testdata/acled.csv")
	f.Add([]byte("event_date,iso,admin1,fatalities,sub_event_type\n18 March 2019,760,Idleb,3,Air/drone strike\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, ACLED, "", data) })
}

func FuzzList(f *testing.F) {
	seed(f, "testdata/list.csv")
	seed(f, "testdata/vdc-like.csv")
	f.Add([]byte("date,province,rank,cause\n2014-05,Aleppo,Soldier,Shelling\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, List, "SY", data) })
}
