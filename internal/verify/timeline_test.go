package verify

import (
	"encoding/json"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
)

func TestTimeline(t *testing.T) {
	inc := func(kind claim.Kind, start, end string, est Estimate, sources ...SourceFigure) *Incident {
		return &Incident{Kind: kind, Start: start, End: end, Estimate: est, Sources: sources}
	}
	src := func(name string, c claim.Count) SourceFigure { return SourceFigure{Source: name, Count: c} }
	b := NewTimeline(claim.Killed)
	for _, i := range []*Incident{
		// Wednesday 2018-03-07 and Sunday 2018-03-11: one week (Monday 03-05).
		inc(claim.Killed, "2018-03-07", "2018-03-07", Estimate{Low: 18, Best: 20, High: n(22)},
			src("SOHR", exact(22)), src("SANA", exact(18))),
		inc(claim.Killed, "2018-03-11", "2018-03-11", Estimate{Low: 5, Best: 5, High: n(5)}, src("SOHR", exact(5))),
		// Two weeks later, open above.
		inc(claim.Killed, "2018-03-19", "2018-03-20", Estimate{Low: 30, Best: 30}, src("SANA", atLeast(30))),
		// A monthly total and an undated figure stay off the chart.
		inc(claim.Killed, "2018-02-01", "2018-02-28", Estimate{Low: 130, Best: 130, High: n(130)}, src("SOHR", exact(130))),
		inc(claim.Killed, "", "", Estimate{Low: 3, Best: 3, High: n(3)}, src("SOHR", exact(3))),
		{Kind: claim.Killed, Start: "2018-03-08", End: "2018-03-10", Undated: true, Estimate: Estimate{Low: 300000, Best: 300000}},
		// Another kind is not this timeline's.
		inc(claim.Injured, "2018-03-07", "2018-03-07", Estimate{Low: 40, Best: 40, High: n(40)}, src("SOHR", exact(40))),
	} {
		b.Add(i)
	}
	got := b.Timeline()
	want := Timeline{Kind: claim.Killed, Sources: []string{"SANA", "SOHR"}, Longer: 1, Undated: 2, Weeks: []Week{
		{Start: "2018-03-05", Sources: map[string]int64{"SOHR": 27, "SANA": 18}, Low: 23, Best: 25, High: n(27), Incidents: 2},
		{Start: "2018-03-12", Sources: map[string]int64{}, High: n(0)},
		{Start: "2018-03-19", Sources: map[string]int64{"SANA": 30}, Low: 30, Best: 30, Incidents: 1},
	}}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("timeline\n got %s\nwant %s", gj, wj)
	}
	if empty := NewTimeline(claim.Injured).Timeline(); len(empty.Weeks) != 0 || empty.Sources == nil {
		t.Errorf("empty timeline = %+v", empty)
	}
}

func TestTimelineBoundsItsLength(t *testing.T) {
	b := NewTimeline(claim.Killed)
	b.Add(&Incident{Kind: claim.Killed, Start: "1900-01-01", End: "1900-01-01", Estimate: Estimate{Low: 1, Best: 1, High: n(1)}})
	b.Add(&Incident{Kind: claim.Killed, Start: "2020-01-01", End: "2020-01-01", Estimate: Estimate{Low: 1, Best: 1, High: n(1)}})
	got := b.Timeline()
	if len(got.Weeks) != maxWeeks || got.Weeks[len(got.Weeks)-1].Start != "2019-12-30" {
		t.Errorf("%d weeks ending %s, want %d ending 2019-12-30", len(got.Weeks), got.Weeks[len(got.Weeks)-1].Start, maxWeeks)
	}
}
