package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

// Result is what a run computed. The credibility of each claim goes to
// the caller as it is made (see Run), not into the result: a run over
// millions of claims holds its incidents, not every verdict's detail.
type Result struct {
	Claims    int
	Incidents []*Incident
	Verdicts  map[Verdict]int
	Sets      []Coverage
	Records   int
}

// ItemOf makes a stored claim into an Item; flags are its document's.
func ItemOf(c store.StoredClaim, flags []claim.Flag) *Item {
	it := &Item{ID: c.RowID, Ref: c.Ref(), Kind: c.Kind, Victims: c.Victims, Cause: c.Cause,
		Outlet: c.Outlet, Group: c.Group, DocID: c.DocID}
	if c.Count != nil {
		it.Count = *c.Count
	}
	if c.Rate != nil {
		it.Rate = *c.Rate
	}
	if c.Actor != nil {
		it.Actor = c.Actor.Name
	}
	if c.Source != nil {
		it.Source = c.Source.Name
	}
	it.Published, _ = dayOf(c.Published)
	if p := c.Period; p != nil {
		start, ok1 := dayOf(p.Start)
		end, ok2 := dayOf(p.End)
		if ok1 && ok2 && !end.Before(start) {
			it.Start, it.End, it.HasPeriod = start, end, true
		}
	}
	if !it.HasPeriod && !it.Published.IsZero() {
		// Without a period, a report is of the days just before it was
		// published.
		it.Start, it.End = it.Published.AddDate(0, 0, -GapDays), it.Published
	}
	it.Aggregate = it.End.Sub(it.Start) > AggregateDays*24*time.Hour
	if p := c.Place; p != nil && p.Country != nil {
		it.Country = *p.Country
		if p.Admin1 != nil {
			it.Admin1 = *p.Admin1
		}
		it.Place = p.Text
		if p.Name != nil {
			it.Place = *p.Name
		}
		if p.Lat != nil && p.Lon != nil && (p.Precision == "place" || p.Precision == "near") {
			it.Point, it.Lat, it.Lon = true, *p.Lat, *p.Lon
		}
	}
	for _, f := range flags {
		for _, id := range f.Claims {
			if id == c.ID {
				it.Flags = append(it.Flags, f)
				break
			}
		}
	}
	return it
}

// Run verifies every stored claim (hypothetical and rejected ones aside)
// against the others and the stored records, and replaces the stored
// incidents and verdicts; emit, when not nil, is given each claim's
// credibility as it is made.
func Run(ctx context.Context, st *store.Store, emit func(Credibility) error) (Result, error) {
	flags := map[int64][]claim.Flag{}
	for f, err := range st.AllFlags(ctx) {
		if err != nil {
			return Result{}, err
		}
		flags[f.DocID] = append(flags[f.DocID], f.Flag)
	}
	var items []*Item
	for c, err := range st.Claims(ctx, store.ClaimFilter{}) {
		if err != nil {
			return Result{}, err
		}
		if c.Kind == claim.Service || c.Count == nil {
			continue
		}
		items = append(items, ItemOf(c, flags[c.DocID]))
	}
	recs, sets, err := loadRecords(ctx, st)
	if err != nil {
		return Result{}, err
	}
	res := Result{Claims: len(items), Sets: sets, Records: len(recs), Verdicts: map[Verdict]int{}}
	res.Incidents = Incidents(items)
	idx := newRecordIndex(recs)
	v, err := st.BeginVerification(ctx)
	if err != nil {
		return res, err
	}
	for _, inc := range res.Incidents {
		id, err := v.Incident(ctx, incidentRow(inc))
		if err != nil {
			v.Rollback()
			return res, err
		}
		for _, it := range inc.Items {
			c := Summarise(it, inc, CheckRecords(it, idx.candidates(it), sets))
			res.Verdicts[c.Verdict]++
			if emit != nil {
				if err := emit(c); err != nil {
					v.Rollback()
					return res, err
				}
			}
			row, err := verdictRow(c, id)
			if err == nil {
				err = v.Verdict(ctx, row)
			}
			if err != nil {
				v.Rollback()
				return res, err
			}
		}
	}
	return res, v.Commit(ctx)
}

func incidentRow(inc *Incident) store.IncidentRow {
	detail, _ := json.Marshal(inc) // plain data: cannot fail
	return store.IncidentRow{Key: inc.Key, Kind: string(inc.Kind), Victims: string(inc.Victims),
		Country: inc.Country, Admin1: inc.Admin1, Place: inc.Place, Start: inc.Start, End: inc.End,
		Low: inc.Estimate.Low, Best: inc.Estimate.Best, High: inc.Estimate.High, Grade: string(inc.Grade),
		Spread: finite(inc.Spread), Sources: len(inc.Sources), Summary: inc.Summary, Detail: detail}
}

func verdictRow(c Credibility, incident int64) (store.VerdictRow, error) {
	detail, err := json.Marshal(c)
	if err != nil {
		return store.VerdictRow{}, fmt.Errorf("verdict of %s: %w", c.Ref, err)
	}
	v := store.VerdictRow{ClaimID: c.Claim, Incident: incident, Grade: string(c.Grade), Verdict: string(c.Verdict),
		Summary: c.Summary, Detail: detail}
	for _, rc := range c.Records {
		if rc.Verdict == c.Verdict && verdictRank[rc.Verdict] >= verdictRank[NoRecords] {
			recorded, ratio := rc.Recorded, finite(rc.Ratio)
			v.Recorded, v.Ratio = &recorded, &ratio
			break
		}
	}
	return v, nil
}

// finite keeps infinities (a figure against zero) out of the database.
func finite(f float64) float64 {
	if f > 1e12 || f < -1e12 || f != f {
		return 0
	}
	return f
}

// loadRecords reads every dated record and each set's coverage: its dates
// and the countries its records are in.
func loadRecords(ctx context.Context, st *store.Store) ([]Record, []Coverage, error) {
	sets, err := st.RecordSets(ctx)
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	covs := map[int64]*Coverage{}
	for _, set := range sets {
		names[set.ID] = set.Name
		start, ok1 := dayOf(set.DateMin)
		end, ok2 := dayOf(set.DateMax)
		if ok1 && ok2 {
			covs[set.ID] = &Coverage{Set: set.Name, Start: start, End: end}
		}
	}
	var recs []Record
	for r, err := range st.Records(ctx, store.RecordFilter{}) {
		if err != nil {
			return nil, nil, err
		}
		start, ok1 := dayOf(r.DateStart)
		end, ok2 := dayOf(r.DateEnd)
		cov := covs[r.SetID]
		if !ok1 || !ok2 || cov == nil || r.Country == "" {
			continue
		}
		if !slices.Contains(cov.Countries, r.Country) {
			cov.Countries = append(cov.Countries, r.Country)
		}
		rec := Record{ID: r.ID, Set: names[r.SetID], Start: start, End: end, Country: r.Country, Admin1: r.Admin1,
			Best: r.Best, Victims: r.Victims, Cause: r.Cause}
		if r.Lat != nil && r.Lon != nil {
			rec.Lat, rec.Lon, rec.HasPoint = *r.Lat, *r.Lon, true
		}
		for _, d := range []struct {
			src *int64
			dst *int64
		}{{r.Civilians, &rec.Civilians}, {r.Combatants, &rec.Combatants}, {r.Unknown, &rec.Unknown}} {
			if d.src != nil {
				*d.dst = *d.src
			}
		}
		recs = append(recs, rec)
	}
	var out []Coverage
	for _, set := range sets {
		if cov := covs[set.ID]; cov != nil && len(cov.Countries) > 0 {
			slices.Sort(cov.Countries)
			out = append(out, *cov)
		}
	}
	return recs, out, nil
}
