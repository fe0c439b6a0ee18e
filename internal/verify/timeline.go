package verify

import (
	"cmp"
	"slices"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// A timeline is what incidents say week by week: for each source the sum
// of the figures it gave for the week's incidents, and the consensus band,
// the sum of the incidents' estimates. Only incidents of a week or less
// are placed on it: a total over months ("130 killed since October") says
// nothing of any one week, and spreading it evenly would draw a figure no
// one gave. They are counted in Longer instead, so that a reader knows
// what the chart leaves out.

// maxWeeks bounds a timeline's length: twenty years of weeks.
const maxWeeks = 20 * 53

// Week is one week of a timeline.
type Week struct {
	Start string `json:"week"` // its Monday, YYYY-MM-DD
	// Sources are each source's figures for the week's incidents, summed;
	// a source that reported none of them is absent (no report, not zero).
	Sources map[string]int64 `json:"sources"`
	Low     int64            `json:"low"`
	Best    int64            `json:"best"`
	// High is nil when some incident's figures are open above ("at least").
	High      *int64 `json:"high"`
	Incidents int    `json:"incidents"`
}

// Timeline is one kind's weeks, every week from the first incident's to
// the last's (weeks without one included, so that gaps show).
type Timeline struct {
	Kind    claim.Kind `json:"kind"`
	Sources []string   `json:"sources"` // the sources that gave most first
	Weeks   []Week     `json:"weeks"`
	// Longer counts incidents over more than a week, and Undated those
	// whose reports do not say when: neither is on the chart.
	Longer  int `json:"longer"`
	Undated int `json:"undated"`
}

// TimelineBuilder adds up incidents one at a time, so that a place's
// incidents can stream from the store.
type TimelineBuilder struct {
	kind    claim.Kind
	weeks   map[time.Time]*Week
	open    map[time.Time]bool
	totals  map[string]int64
	longer  int
	undated int
}

// NewTimeline starts the timeline of one kind.
func NewTimeline(kind claim.Kind) *TimelineBuilder {
	return &TimelineBuilder{kind: kind, weeks: map[time.Time]*Week{}, open: map[time.Time]bool{}, totals: map[string]int64{}}
}

// Kind is the kind of incidents the timeline counts.
func (b *TimelineBuilder) Kind() claim.Kind { return b.kind }

// Add places an incident on the timeline; incidents of other kinds are
// ignored.
func (b *TimelineBuilder) Add(inc *Incident) {
	if inc.Kind != b.kind {
		return
	}
	start, err1 := time.Parse(time.DateOnly, inc.Start)
	end, err2 := time.Parse(time.DateOnly, inc.End)
	if err1 != nil || err2 != nil || inc.Undated {
		b.undated++
		return
	}
	if end.Sub(start) >= 7*24*time.Hour || end.Before(start) {
		b.longer++
		return
	}
	monday := start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7))
	w := b.weeks[monday]
	if w == nil {
		w = &Week{Start: monday.Format(time.DateOnly), Sources: map[string]int64{}}
		b.weeks[monday] = w
	}
	w.Incidents++
	w.Low += inc.Estimate.Low
	w.Best += inc.Estimate.Best
	if inc.Estimate.High == nil {
		b.open[monday] = true
	} else {
		w.High = new(derefOr(w.High) + *inc.Estimate.High)
	}
	for _, s := range inc.Sources {
		n := bestOf(s.Count)
		w.Sources[s.Source] += n
		b.totals[s.Source] += n
	}
}

func derefOr(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// Timeline is the weeks added so far. When the incidents span more than
// maxWeeks, the latest maxWeeks are kept.
func (b *TimelineBuilder) Timeline() Timeline {
	t := Timeline{Kind: b.kind, Sources: []string{}, Weeks: []Week{}, Longer: b.longer, Undated: b.undated}
	for s := range b.totals {
		t.Sources = append(t.Sources, s)
	}
	slices.SortFunc(t.Sources, func(x, y string) int {
		return cmp.Or(cmp.Compare(b.totals[y], b.totals[x]), cmp.Compare(x, y))
	})
	if len(b.weeks) == 0 {
		return t
	}
	var first, last time.Time
	for m := range b.weeks {
		if first.IsZero() || m.Before(first) {
			first = m
		}
		if m.After(last) {
			last = m
		}
	}
	if last.Sub(first) > maxWeeks*7*24*time.Hour {
		first = last.AddDate(0, 0, -7*(maxWeeks-1))
	}
	for m := first; !m.After(last); m = m.AddDate(0, 0, 7) {
		w, ok := b.weeks[m]
		if !ok {
			zero := int64(0)
			t.Weeks = append(t.Weeks, Week{Start: m.Format(time.DateOnly), Sources: map[string]int64{}, High: &zero})
			continue
		}
		if b.open[m] {
			w.High = nil
		}
		t.Weeks = append(t.Weeks, *w)
	}
	return t
}
