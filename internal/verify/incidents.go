package verify

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// Grouping rules, documented in the README.
const (
	// NearKm is how far apart two located places may lie and still be the
	// place of one incident.
	NearKm = 25
	// GapDays is how many days may separate two reports' periods of one
	// incident.
	GapDays = 2
	// AggregateDays is the longest period an event report covers; a claim
	// over a longer period is a total ("130 killed since October"), grouped
	// only with totals over nearly the same period (within AggregateSlack).
	AggregateDays  = 7
	AggregateSlack = 7
)

// SourceFigure is one source's figure for an incident: its latest claim,
// and every outlet that carried it.
type SourceFigure struct {
	Source  string      `json:"source"`
	Outlets []string    `json:"outlets"`
	Count   claim.Count `json:"count"`
	Claim   string      `json:"claim"` // ref of the claim whose figure it is
	Claims  []int64     `json:"claims"`
	Quote   string      `json:"-"`
}

// Incident is what several claims report together.
type Incident struct {
	Key      string         `json:"key"` // the ref of its first claim: stable while its claims are
	Kind     claim.Kind     `json:"kind"`
	Victims  claim.Victims  `json:"victims"`
	Country  string         `json:"country"`
	Admin1   string         `json:"admin1"`
	Place    string         `json:"place"`
	Start    string         `json:"start"`
	End      string         `json:"end"`
	Items    []*Item        `json:"-"`
	Sources  []SourceFigure `json:"sources"`
	Estimate Estimate       `json:"estimate"`
	Grade    Grade          `json:"grade"`
	// Spread is the largest best figure over the smallest among the
	// sources: how far a contested incident's sources are apart; 0 when a
	// source says none.
	Spread  float64 `json:"spread"`
	Summary string  `json:"summary"`
	// Undated: no claim of it says when; its days are those before the
	// reports were published, which dates no event (a timeline leaves it
	// out).
	Undated bool `json:"undated,omitempty"`
}

// Incidents groups items into incidents and grades each. Items that cannot
// be compared with others (no place, a rate) form incidents of their own.
func Incidents(items []*Item) []*Incident {
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b *Item) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	type bucket struct {
		kind      claim.Kind
		country   string
		aggregate bool
	}
	open := map[bucket][]*Incident{}
	var out []*Incident
	for _, it := range sorted {
		var home *Incident
		if groupable(it) {
			k := bucket{it.Kind, it.Country, it.Aggregate}
			// Items come in order of their start: an incident that ended
			// too long before this one's start (a total that started too
			// long before) can take no more items.
			live := open[k][:0]
			for _, inc := range open[k] {
				var stale bool
				if it.Aggregate {
					stale = inc.Items[0].Start.Before(it.Start.AddDate(0, 0, -AggregateSlack-1))
				} else {
					stale = inc.lastEnd().Before(it.Start.AddDate(0, 0, -GapDays-1))
				}
				if !stale {
					live = append(live, inc)
				}
			}
			open[k] = live
			for _, inc := range live {
				if inc.accepts(it) {
					home = inc
					break
				}
			}
			if home == nil {
				home = &Incident{}
				open[k] = append(open[k], home)
			}
		} else {
			home = &Incident{}
		}
		if len(home.Items) == 0 {
			out = append(out, home)
		}
		home.Items = append(home.Items, it)
	}
	for _, inc := range out {
		inc.finish()
	}
	return out
}

// groupable: a claim placed only in a country ("more than 280,000 killed in
// Syria") is most often a war's running total, not one incident's figure,
// and cannot be told from one: it stands alone, as do rates.
func groupable(it *Item) bool {
	return it.Country != "" && (it.Admin1 != "" || it.Point) && it.Rate == "" && it.Kind != claim.Service
}

func (inc *Incident) lastEnd() time.Time {
	end := inc.Items[0].End
	for _, it := range inc.Items[1:] {
		if it.End.After(end) {
			end = it.End
		}
	}
	return end
}

// accepts reports whether it reports the same thing as every item of inc.
func (inc *Incident) accepts(it *Item) bool {
	for _, other := range inc.Items {
		if !sameIncident(other, it) {
			return false
		}
	}
	return true
}

func sameIncident(a, b *Item) bool {
	if a.Kind != b.Kind || a.Aggregate != b.Aggregate || a.Country != b.Country {
		return false
	}
	if a.Aggregate {
		if absDays(a.Start, b.Start) > AggregateSlack || absDays(a.End, b.End) > AggregateSlack {
			return false
		}
	} else if daysApart(a, b) > GapDays {
		return false
	}
	return victimsCompatible(a.Victims, b.Victims) &&
		(a.Cause == b.Cause || unknownCause(a.Cause) || unknownCause(b.Cause)) &&
		(a.Actor == b.Actor || a.Actor == "" || b.Actor == "") &&
		samePlace(a, b)
}

func unknownCause(c claim.Cause) bool { return c == "" || c == claim.UnknownCause }

// victimsCompatible: unspecified people may be the civilians or fighters
// another report names, but children or women are a part, never the same
// figure as a total.
func victimsCompatible(a, b claim.Victims) bool {
	if a == b {
		return true
	}
	unspecified := func(v claim.Victims) bool { return v == "" || v == claim.People }
	part := func(v claim.Victims) bool { return v == claim.Children || v == claim.Women }
	return (unspecified(a) || unspecified(b)) && !part(a) && !part(b)
}

// samePlace: two located places within NearKm; else the same first-level
// division; a claim placed only in a country matches only another such.
func samePlace(a, b *Item) bool {
	if a.Point && b.Point {
		return distanceKm(a.Lat, a.Lon, b.Lat, b.Lon) <= NearKm
	}
	return a.Admin1 == b.Admin1
}

func daysApart(a, b *Item) int {
	if a.End.Before(b.Start) {
		return int(b.Start.Sub(a.End).Hours() / 24)
	}
	if b.End.Before(a.Start) {
		return int(a.Start.Sub(b.End).Hours() / 24)
	}
	return 0
}

func absDays(a, b time.Time) int {
	d := a.Sub(b).Hours() / 24
	return int(math.Abs(d))
}

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	toRad := math.Pi / 180
	dLat := (lat2 - lat1) * toRad
	dLon := (lon2 - lon1) * toRad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*toRad)*math.Cos(lat2*toRad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// sourceKey is who an item's figure comes from: the named source, else the
// report (copies of one wire story are one source).
func sourceKey(it *Item) string {
	if it.Source != "" {
		return it.Source
	}
	return fmt.Sprintf("report %d", it.Group)
}

func (inc *Incident) finish() {
	first := inc.Items[0]
	inc.Key, inc.Kind, inc.Country, inc.Admin1, inc.Place = first.Ref, first.Kind, first.Country, first.Admin1, first.Place
	inc.Victims = first.Victims
	inc.Undated = !slices.ContainsFunc(inc.Items, func(it *Item) bool { return it.HasPeriod })
	start, end := first.Start, first.End
	// A document's headline often restates the figure its body attributes
	// to someone: when the document names a source for the incident, its
	// unattributed claims are that source's too.
	named := map[int64]string{}
	for _, it := range inc.Items {
		if it.Source != "" && it.Source != it.Outlet && named[it.DocID] == "" {
			named[it.DocID] = it.Source
		}
	}
	bySource := map[string]*SourceFigure{}
	latest := map[string]*Item{}
	var order []string
	for _, it := range inc.Items {
		if it.Start.Before(start) {
			start = it.Start
		}
		if it.End.After(end) {
			end = it.End
		}
		if inc.Victims == "" || inc.Victims == claim.People {
			inc.Victims = it.Victims
		}
		k := sourceKey(it)
		if (it.Source == "" || it.Source == it.Outlet) && named[it.DocID] != "" {
			k = named[it.DocID]
		}
		sf, ok := bySource[k]
		if !ok {
			sf = &SourceFigure{Source: k}
			bySource[k] = sf
			order = append(order, k)
		}
		sf.Claims = append(sf.Claims, it.ID)
		if it.Outlet != "" && !slices.Contains(sf.Outlets, it.Outlet) {
			sf.Outlets = append(sf.Outlets, it.Outlet)
		}
		// A source's latest report carries its figure: tolls are updated.
		if l := latest[k]; l == nil || it.Published.After(l.Published) ||
			it.Published.Equal(l.Published) && bestOf(it.Count) > bestOf(l.Count) {
			latest[k] = it
			sf.Count, sf.Claim = it.Count, it.Ref
		}
	}
	inc.Start, inc.End = day(start), day(end)
	counts := make([]claim.Count, 0, len(order))
	for _, k := range order {
		sf := bySource[k]
		slices.Sort(sf.Outlets)
		inc.Sources = append(inc.Sources, *sf)
		counts = append(counts, sf.Count)
	}
	inc.Estimate = estimate(counts)
	inc.Grade, inc.Spread = grade(inc.Sources)
	inc.Summary = inc.describe()
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// grade: one source is single_source; several whose figures all agree
// pairwise are corroborated; any pair that disagrees makes it contested.
func grade(sources []SourceFigure) (Grade, float64) {
	if len(sources) < 2 {
		return SingleSource, 1
	}
	lo, hi := bestOf(sources[0].Count), bestOf(sources[0].Count)
	contested := false
	for i := range sources {
		b := bestOf(sources[i].Count)
		lo, hi = min(lo, b), max(hi, b)
		for j := i + 1; j < len(sources); j++ {
			if !agree(sources[i].Count, sources[j].Count) {
				contested = true
			}
		}
	}
	// Against a figure of none, there is no factor: Spread 0 says so.
	spread := 0.0
	if lo > 0 {
		spread = float64(hi) / float64(lo)
	} else if hi == 0 {
		spread = 1
	}
	if contested {
		return Contested, spread
	}
	return Corroborated, spread
}

// describe is the incident in one sentence a person can check: "3 sources:
// Syrian Observatory for Human Rights 22 (via Reuters), SANA 18, ...; best
// 22, low 18, high 22; corroborated".
func (inc *Incident) describe() string {
	var parts []string
	for _, sf := range inc.Sources {
		s := sf.Source + " " + sf.Count.Text
		if len(sf.Outlets) > 0 && !(len(sf.Outlets) == 1 && strings.EqualFold(sf.Outlets[0], sf.Source)) {
			s += " (via " + strings.Join(sf.Outlets, ", ") + ")"
		}
		parts = append(parts, s)
	}
	noun := "sources"
	if len(inc.Sources) == 1 {
		noun = "source"
	}
	high := "open"
	if inc.Estimate.High != nil {
		high = fmt.Sprint(*inc.Estimate.High)
	}
	s := fmt.Sprintf("%d %s: %s; best %d, low %d, high %s; ", len(inc.Sources), noun, strings.Join(parts, ", "),
		inc.Estimate.Best, inc.Estimate.Low, high)
	switch inc.Grade {
	case Corroborated:
		s += fmt.Sprintf("corroborated: the figures agree within %.0f%% or %d", AgreeRelative*100, AgreeAbsolute)
	case Contested:
		if inc.Spread == 0 {
			s += "contested: one source says none"
		} else {
			s += fmt.Sprintf("contested: the figures differ by a factor of %.1f, beyond %.0f%% or %d", inc.Spread, AgreeRelative*100, AgreeAbsolute)
		}
	default:
		s += "single source"
	}
	return s
}
