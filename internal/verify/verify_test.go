package verify

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

func d(s string) time.Time {
	t, ok := dayOf(s)
	if !ok {
		panic(s)
	}
	return t
}

// item builds a killed claim of n people on date in Aleppo city.
type opt func(*Item)

var nextID int64

func item(c claim.Count, date, source string, opts ...opt) *Item {
	nextID++
	it := &Item{ID: nextID, Ref: fmt.Sprintf("%d/c1", nextID), Kind: claim.Killed, Count: c,
		Start: d(date), End: d(date), Victims: claim.Civilians, Cause: claim.Airstrike,
		Country: "SY", Admin1: "Aleppo", Place: "Aleppo", Point: true, Lat: 36.20, Lon: 37.16,
		Source: source, Outlet: "outlet-" + source, Group: nextID, DocID: nextID, Published: d(date).AddDate(0, 0, 1)}
	for _, o := range opts {
		o(it)
	}
	return it
}

func at(lat, lon float64, admin1 string) opt {
	return func(it *Item) { it.Lat, it.Lon, it.Admin1 = lat, lon, admin1 }
}
func victims(v claim.Victims) opt { return func(it *Item) { it.Victims = v } }
func cause(c claim.Cause) opt     { return func(it *Item) { it.Cause = c } }
func kind(k claim.Kind) opt       { return func(it *Item) { it.Kind = k } }
func group(g int64) opt           { return func(it *Item) { it.Group = g } }
func outlet(o string) opt         { return func(it *Item) { it.Outlet = o } }
func published(s string) opt      { return func(it *Item) { it.Published = d(s) } }
func admin1Only(a string) opt     { return func(it *Item) { it.Point, it.Admin1, it.Place = false, a, a } }
func period(from, to string) opt {
	return func(it *Item) {
		it.Start, it.End, it.HasPeriod = d(from), d(to), true
		it.Aggregate = it.End.Sub(it.Start) > AggregateDays*24*time.Hour
	}
}
func rate(r string) opt { return func(it *Item) { it.Rate = r } }

// shape describes incidents as "grade:source=figure,source=figure" sorted
// by first claim.
func shape(incs []*Incident) []string {
	var out []string
	for _, inc := range incs {
		var s []string
		for _, sf := range inc.Sources {
			s = append(s, sf.Source+"="+sf.Count.Text)
		}
		out = append(out, string(inc.Grade)+":"+strings.Join(s, ","))
	}
	return out
}

func TestIncidents(t *testing.T) {
	for _, tc := range []struct {
		name  string
		items []*Item
		want  []string
	}{
		{"one source", []*Item{item(exact(12), "2018-03-04", "SOHR")},
			[]string{"single_source:SOHR=12"}},
		{"two sources agree", []*Item{item(exact(22), "2018-03-04", "SOHR"), item(exact(18), "2018-03-04", "SANA")},
			[]string{"corroborated:SOHR=22,SANA=18"}},
		{"two sources disagree", []*Item{item(exact(22), "2018-03-04", "SOHR"), item(exact(17), "2018-03-05", "SANA")},
			[]string{"contested:SOHR=22,SANA=17"}},
		{"copies of one report are one source", []*Item{
			item(exact(22), "2018-03-04", "", group(7), outlet("Reuters")),
			item(exact(22), "2018-03-04", "", group(7), outlet("Daily Star")),
		}, []string{"single_source:report 7=22"}},
		{"the same monitor through two outlets is one source; its latest figure counts", []*Item{
			item(exact(15), "2018-03-04", "SOHR", outlet("Reuters"), published("2018-03-04")),
			item(exact(22), "2018-03-04", "SOHR", outlet("AFP"), published("2018-03-05")),
			item(exact(20), "2018-03-04", "SANA"),
		}, []string{"corroborated:SOHR=22,SANA=20"}},
		{"two days apart is one incident, three is not", []*Item{
			item(exact(10), "2018-03-01", "SOHR"), item(exact(10), "2018-03-03", "SANA"), item(exact(10), "2018-03-07", "AFP"),
		}, []string{"corroborated:SOHR=10,SANA=10", "single_source:AFP=10"}},
		{"30 km apart are two incidents", []*Item{
			item(exact(10), "2018-03-01", "SOHR"), item(exact(10), "2018-03-01", "SANA", at(36.20, 37.50, "Aleppo")),
		}, []string{"single_source:SOHR=10", "single_source:SANA=10"}},
		{"a province-level report joins a report in that province only", []*Item{
			item(exact(10), "2018-03-01", "SOHR", admin1Only("Aleppo")), item(exact(11), "2018-03-01", "SANA", admin1Only("Aleppo")),
			item(exact(11), "2018-03-01", "AFP", admin1Only("Idlib")),
		}, []string{"corroborated:SOHR=10,SANA=11", "single_source:AFP=11"}},
		{"people may be the civilians; children are a part", []*Item{
			item(exact(10), "2018-03-01", "SOHR"), item(exact(10), "2018-03-01", "SANA", victims(claim.People)),
			item(exact(4), "2018-03-01", "AFP", victims(claim.Children)),
		}, []string{"corroborated:SOHR=10,SANA=10", "single_source:AFP=4"}},
		{"civilians and fighters are different figures", []*Item{
			item(exact(10), "2018-03-01", "SOHR"), item(exact(10), "2018-03-01", "SANA", victims(claim.Combatants)),
		}, []string{"single_source:SOHR=10", "single_source:SANA=10"}},
		{"causes must agree unless one is unknown", []*Item{
			item(exact(10), "2018-03-01", "SOHR"), item(exact(10), "2018-03-01", "SANA", cause(claim.CarBomb)),
			item(exact(10), "2018-03-01", "AFP", cause(claim.UnknownCause)),
		}, []string{"corroborated:SOHR=10,AFP=10", "single_source:SANA=10"}},
		{"killed and injured are different incidents", []*Item{
			item(exact(10), "2018-03-01", "SOHR"), item(exact(10), "2018-03-01", "SANA", kind(claim.Injured)),
		}, []string{"single_source:SOHR=10", "single_source:SANA=10"}},
		{"totals over the same months group; an event does not join them", []*Item{
			item(exact(130), "2017-10-01", "MoD", period("2017-10-01", "2018-03-31")),
			item(exact(140), "2017-10-01", "SOHR", period("2017-10-03", "2018-03-30")),
			item(exact(5), "2017-10-01", "SANA"),
		}, []string{"corroborated:MoD=130,SOHR=140", "single_source:SANA=5"}},
		{"a rate is never grouped", []*Item{
			item(upTo(30), "2018-04-07", "MoD", rate("week")), item(upTo(30), "2018-04-07", "SOHR", rate("week")),
		}, []string{"single_source:MoD=up to 30", "single_source:SOHR=up to 30"}},
		{"at least agrees with a larger figure", []*Item{
			item(atLeast(20), "2018-03-01", "SOHR"), item(exact(35), "2018-03-01", "SANA"),
		}, []string{"corroborated:SOHR=at least 20,SANA=35"}},
		{"three sources, one far off: contested", []*Item{
			item(exact(20), "2018-03-01", "SOHR"), item(exact(21), "2018-03-01", "SANA"), item(exact(60), "2018-03-01", "White Helmets"),
		}, []string{"contested:SOHR=20,SANA=21,White Helmets=60"}},
	} {
		got := shape(Incidents(tc.items))
		if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
			t.Errorf("%s:\n got %v\nwant %v", tc.name, got, tc.want)
		}
	}
}

func TestIncidentSummary(t *testing.T) {
	incs := Incidents([]*Item{
		item(exact(22), "2018-03-04", "Syrian Observatory for Human Rights", outlet("Reuters")),
		item(exact(18), "2018-03-04", "SANA", outlet("SANA")),
		item(exact(22), "2018-03-05", "Syrian Observatory for Human Rights", outlet("AFP")),
	})
	want := "2 sources: Syrian Observatory for Human Rights 22 (via AFP, Reuters), SANA 18; best 18, low 18, high 22; corroborated: the figures agree within 20% or 2"
	if len(incs) != 1 || incs[0].Summary != want {
		t.Errorf("summary:\n got %q\nwant %q", incs[0].Summary, want)
	}
	incs = Incidents([]*Item{item(exact(10), "2018-03-04", "SOHR"), item(exact(25), "2018-03-04", "SANA")})
	if !strings.Contains(incs[0].Summary, "contested: the figures differ by a factor of 2.5") {
		t.Errorf("contested summary: %q", incs[0].Summary)
	}
}

func rec(id int64, date string, best, civilians, combatants int64, opts ...func(*Record)) Record {
	r := Record{ID: id, Set: "ucdp", Start: d(date), End: d(date), Country: "SY", Admin1: "Aleppo",
		Lat: 36.21, Lon: 37.15, HasPoint: true, Best: best, Civilians: civilians, Combatants: combatants,
		Unknown: best - civilians - combatants, Cause: claim.Airstrike}
	for _, o := range opts {
		o(&r)
	}
	return r
}

var ucdp = Coverage{Set: "ucdp", Start: d("2016-01-01"), End: d("2019-11-30"), Countries: []string{"SY"}}

func TestCheckRecords(t *testing.T) {
	records := []Record{
		rec(1, "2018-03-04", 12, 10, 2),
		rec(2, "2018-03-04", 5, 5, 0, func(r *Record) { r.Lat, r.Lon = 36.5, 37.9 }), // 80 km away
		rec(3, "2018-03-05", 8, 8, 0),
		rec(4, "2018-03-04", 3, 3, 0, func(r *Record) { r.Cause = claim.CarBomb }),
		rec(6, "2018-07-01", 40, 0, 0, func(r *Record) { r.Cause, r.Unknown = "", 40 }),
		rec(7, "2018-08-01", 31, 0, 0, func(r *Record) { r.End, r.Cause, r.Unknown = d("2018-08-31"), "", 31 }),
		rec(5, "2018-03-04", 4, 0, 0, func(r *Record) {
			r.Set = "vdc"
			r.HasPoint = false
			r.Victims = claim.Combatants
			r.Civilians, r.Unknown = 0, 0
		}),
	}
	vdc := Coverage{Set: "vdc", Start: d("2011-03-01"), End: d("2015-08-11"), Countries: []string{"SY"}}
	for _, tc := range []struct {
		name string
		it   *Item
		cov  Coverage
		want string // verdict/recorded
	}{
		{"consistent: civilians of the day nearby", item(exact(10), "2018-03-04", "SOHR"), ucdp, "consistent/10"},
		{"two days: 10 + 8", item(exact(18), "2018-03-04", "SOHR", period("2018-03-04", "2018-03-05")), ucdp, "consistent/18"},
		{"edge: 25% above agrees", item(exact(13), "2018-03-04", "SOHR"), ucdp, "consistent/10"},
		{"overstated", item(exact(30), "2018-03-04", "SOHR"), ucdp, "overstated/10"},
		{"understated", item(exact(4), "2018-03-04", "SOHR"), ucdp, "understated/10"},
		{"at least 5 is consistent with 10", item(atLeast(5), "2018-03-04", "SOHR"), ucdp, "consistent/10"},
		{"people count every death", item(exact(12), "2018-03-04", "SOHR", victims(claim.People)), ucdp, "consistent/12"},
		{"combatants", item(exact(2), "2018-03-04", "SOHR", victims(claim.Combatants)), ucdp, "consistent/2"},
		{"the province takes the far record too", item(exact(15), "2018-03-04", "SOHR", admin1Only("Aleppo")), ucdp, "consistent/15"},
		{"a car bomb's records only", item(exact(3), "2018-03-04", "SOHR", cause(claim.CarBomb)), ucdp, "consistent/3"},
		{"no records that day", item(exact(7), "2018-06-01", "SOHR"), ucdp, "no_records/0"},
		{"a record of a whole month counts for its share of the days", item(exact(3), "2018-08-10", "SOHR", victims(claim.People)), ucdp, "consistent/1"},
		{"a country-wide figure without a period is a running total", item(exact(300000), "2018-03-04", "UN", func(it *Item) { it.Admin1, it.Point = "", false }), ucdp, "not_comparable/0"},
		{"records that do not say the cause only bound a mine toll from above", item(exact(5), "2018-07-01", "SOHR", cause(claim.Mine), victims(claim.People)), ucdp, "consistent/40"},
		{"a mine toll above all the deaths recorded is overstated", item(exact(60), "2018-07-01", "SOHR", cause(claim.Mine), victims(claim.People)), ucdp, "overstated/40"},
		{"another province", item(exact(7), "2018-03-04", "SOHR", admin1Only("Idlib")), ucdp, "no_records/0"},
		{"before the set", item(exact(7), "2015-03-04", "SOHR"), ucdp, "out_of_coverage/0"},
		{"another country", item(exact(7), "2018-03-04", "SOHR", func(it *Item) { it.Country = "IQ" }), ucdp, "out_of_coverage/0"},
		{"injuries are not deaths", item(exact(7), "2018-03-04", "SOHR", kind(claim.Injured)), ucdp, "not_comparable/0"},
		{"children are not counted apart", item(exact(7), "2018-03-04", "SOHR", victims(claim.Children)), ucdp, "not_comparable/0"},
		{"a rate without its period", item(upTo(30), "2018-03-04", "MoD", rate("week")), ucdp, "not_comparable/0"},
		{"a rate over its period is multiplied out: 1 a day over 2 days", item(exact(1), "2018-03-04", "SOHR", rate("day"),
			period("2018-03-04", "2018-03-05"), victims(claim.People)), ucdp, "understated/20"},
		{"a person list without places is matched by province", item(exact(4), "2015-03-04", "SOHR", victims(claim.Combatants)), vdc, "consistent/4"},
		{"a person list's other victims are not counted", item(exact(4), "2015-03-04", "SOHR"), vdc, "no_records/0"},
	} {
		for i := range records {
			if records[i].Set == "vdc" {
				records[i].Start, records[i].End = d("2015-03-04"), d("2015-03-04")
			}
		}
		rc := CheckRecords(tc.it, records, []Coverage{tc.cov})[0]
		if got := fmt.Sprintf("%s/%d", rc.Verdict, rc.Recorded); got != tc.want {
			t.Errorf("%s: got %s, want %s (%s)", tc.name, got, tc.want, rc.Summary)
		}
	}
}

func TestSummarise(t *testing.T) {
	it := item(exact(30), "2018-03-04", "SOHR")
	it.Flags = []claim.Flag{{Kind: claim.HeadlineBodyMismatch, Claims: []string{"c1"}, Message: "the headline says more"}}
	inc := Incidents([]*Item{it, item(exact(12), "2018-03-04", "SANA")})[0]
	checks := CheckRecords(it, []Record{rec(1, "2018-03-04", 12, 10, 2)},
		[]Coverage{{Set: "vdc", Start: d("2011-03-01"), End: d("2015-08-11"), Countries: []string{"SY"}}, ucdp})
	c := Summarise(it, inc, checks)
	if c.Verdict != Overstated || c.Grade != Contested || c.Sources != 2 {
		t.Errorf("credibility %+v", c)
	}
	for _, want := range []string{"flagged headline_body_mismatch", "contested", "records: ucdp: 1 records hold 10 civilian deaths within 25 km of Aleppo", "ratio 3.00, overstated"} {
		if !strings.Contains(c.Summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, c.Summary)
		}
	}
	if strings.Contains(c.Summary, "vdc") {
		t.Errorf("summary gives the set that does not cover the claim: %s", c.Summary)
	}
}
