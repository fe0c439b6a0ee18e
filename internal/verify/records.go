package verify

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// RecordCheck is a claim against one record set.
type RecordCheck struct {
	Set      string  `json:"set"`
	Verdict  Verdict `json:"verdict"`
	Claimed  int64   `json:"claimed"`  // the claim's best figure, multiplied out over its period for a rate
	Recorded int64   `json:"recorded"` // deaths the matching records hold
	// Bounding is the part of Recorded that only bounds the claim from
	// above: deaths of records that do not say the cause (or the victims)
	// the claim names, so that some of them may be of other causes.
	Bounding int64 `json:"bounding"`
	// Ratio is Claimed / Recorded (0 when nothing is recorded).
	Ratio     float64 `json:"ratio"`
	Tolerance float64 `json:"tolerance"`
	Records   []int64 `json:"records"` // ids of the matching records
	Summary   string  `json:"summary"`
}

// maxRecordIDs bounds the record ids a check lists (the count says how many
// there are): a province's year holds thousands.
const maxRecordIDs = 20

// CheckRecords compares a claim with each record set: sets that do not
// cover its country, days or victims say out_of_coverage; recs are the
// candidate records (at least those of the claim's country and days).
func CheckRecords(it *Item, recs []Record, sets []Coverage) []RecordCheck {
	var out []RecordCheck
	for _, cov := range sets {
		out = append(out, checkSet(it, recs, cov))
	}
	return out
}

func checkSet(it *Item, recs []Record, cov Coverage) RecordCheck {
	rc := RecordCheck{Set: cov.Set, Tolerance: RecordsRelative}
	claimed, why := comparable(it)
	if why != "" {
		rc.Verdict, rc.Summary = NotComparable, why
		return rc
	}
	rc.Claimed = claimed
	if why := outside(it, cov); why != "" {
		rc.Verdict, rc.Summary = OutOfCoverage, why
		return rc
	}
	for i := range recs {
		r := &recs[i]
		if r.Set != cov.Set || !matches(it, r) {
			continue
		}
		n := deathsFor(r, it.Victims)
		part := prorate(n, r, it)
		if part == 0 {
			continue
		}
		rc.Recorded += part
		if bounding(it, r) || part < n {
			rc.Bounding += part
		}
		if len(rc.Records) < maxRecordIDs {
			rc.Records = append(rc.Records, r.ID)
		}
	}
	where := "in " + it.Admin1
	if it.Point {
		where = fmt.Sprintf("within %d km of %s", NearKm, it.Place)
	} else if it.Admin1 == "" {
		where = "in " + it.Country
	}
	span := day(it.Start)
	if !it.End.Equal(it.Start) {
		span += " to " + day(it.End)
	}
	if rc.Recorded == 0 {
		rc.Verdict = NoRecords
		rc.Summary = fmt.Sprintf("%s records no %s %s from %s; the claim says %d", cov.Set, deathsNoun(it.Victims), where, span, claimed)
		return rc
	}
	rc.Ratio = float64(claimed) / float64(rc.Recorded)
	b := boundsOf(it.Count)
	if it.Rate != "" {
		b = bounds{lo: claimed, hi: claimed}
	}
	// The records allow from the deaths that are surely the claim's to all
	// they hold.
	g, larger := gap(b, bounds{lo: rc.Recorded - rc.Bounding, hi: rc.Recorded})
	switch {
	case within(g, larger, RecordsRelative, RecordsAbsolute):
		rc.Verdict = Consistent
	case b.lo > rc.Recorded:
		rc.Verdict = Overstated
	default:
		rc.Verdict = Understated
	}
	held := fmt.Sprintf("%d %s", rc.Recorded, deathsNoun(it.Victims))
	if rc.Bounding > 0 {
		held = fmt.Sprintf("%d deaths, %d of them of causes or victims the records do not say", rc.Recorded, rc.Bounding)
	}
	rc.Summary = fmt.Sprintf("%s: %d records hold %s %s from %s; the claim says %s (%d): ratio %.2f, %s within %.0f%% or %d",
		cov.Set, len(rc.Records), held, where, span, it.Count.Text, claimed, rc.Ratio,
		rc.Verdict, RecordsRelative*100, RecordsAbsolute)
	return rc
}

func deathsNoun(v claim.Victims) string {
	switch v {
	case claim.Civilians:
		return "civilian deaths"
	case claim.Combatants, claim.SecurityForces:
		return "combatant deaths"
	}
	return "deaths"
}

// comparable says what a claim's figure amounts to in deaths over its
// period, or why it cannot be counted against death records.
func comparable(it *Item) (int64, string) {
	switch {
	case it.Kind != claim.Killed:
		return 0, fmt.Sprintf("records count deaths, not %s", it.Kind)
	case it.Victims == claim.Children || it.Victims == claim.Women:
		return 0, fmt.Sprintf("records do not count %s apart", it.Victims)
	case !it.HasPeriod && it.Admin1 == "" && !it.Point:
		return 0, "a country-wide figure without its period: most often a war's running total"
	case it.Rate != "" && !it.HasPeriod:
		return 0, fmt.Sprintf("a rate per %s without the period it holds for", it.Rate)
	}
	best := bestOf(it.Count)
	if it.Rate != "" {
		// A rate is multiplied out over the period the text gives it.
		days := it.End.Sub(it.Start).Hours()/24 + 1
		per := map[string]float64{claim.RateDay: 1, claim.RateWeek: 7, claim.RateMonth: 30.44, claim.RateYear: 365.25}[it.Rate]
		if per == 0 {
			return 0, "a rate of unknown period"
		}
		best = int64(float64(best)*days/per + 0.5)
	}
	return best, ""
}

// outside says why a record set cannot speak to a claim, or "".
func outside(it *Item, cov Coverage) string {
	if it.Country == "" {
		return "the claim has no place"
	}
	if !slices.Contains(cov.Countries, it.Country) {
		return fmt.Sprintf("%s covers %s, not %s", cov.Set, strings.Join(cov.Countries, ", "), it.Country)
	}
	if it.Start.Before(cov.Start) || it.End.After(cov.End) {
		return fmt.Sprintf("%s covers %s to %s; the claim is about %s to %s", cov.Set, day(cov.Start), day(cov.End), day(it.Start), day(it.End))
	}
	if len(cov.Victims) > 0 && !slices.Contains(cov.Victims, it.Victims) {
		return fmt.Sprintf("%s documents only %s", cov.Set, strings.Join(strs(cov.Victims), ", "))
	}
	return ""
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// matches: the record's days overlap the claim's; its place is within
// NearKm of a located claim (when the record is located too), else in the
// claim's first-level division (the whole country for a claim placed only
// there); and its cause, when both say, is the claim's.
func matches(it *Item, r *Record) bool {
	if r.Country != it.Country || r.End.Before(it.Start) || r.Start.After(it.End) {
		return false
	}
	switch {
	case it.Point && r.HasPoint:
		if distanceKm(it.Lat, it.Lon, r.Lat, r.Lon) > NearKm {
			return false
		}
	case it.Admin1 != "" && r.Admin1 != it.Admin1:
		return false
	}
	if !unknownCause(it.Cause) && !unknownCause(r.Cause) && it.Cause != r.Cause {
		return false
	}
	return true
}

// prorate is the share of a record's deaths that falls in the claim's days:
// a record dated only to a month or a year (a long span) spreads its deaths
// evenly over its days, and only the days it shares with the claim count.
func prorate(n int64, r *Record, it *Item) int64 {
	span := r.End.Sub(r.Start).Hours()/24 + 1
	if span <= 1 {
		return n
	}
	from, to := r.Start, r.End
	if it.Start.After(from) {
		from = it.Start
	}
	if it.End.Before(to) {
		to = it.End
	}
	shared := to.Sub(from).Hours()/24 + 1
	if shared >= span {
		return n
	}
	return int64(float64(n)*shared/span + 0.5)
}

// bounding reports whether a record's deaths may be of another cause or
// other victims than the claim's: the record does not say, and the claim
// does. Such deaths bound the claim from above but do not confirm it.
func bounding(it *Item, r *Record) bool {
	if !unknownCause(it.Cause) && unknownCause(r.Cause) {
		return true
	}
	specific := it.Victims == claim.Civilians || it.Victims == claim.Combatants || it.Victims == claim.SecurityForces
	return specific && r.Civilians+r.Combatants+r.Unknown == 0 && (r.Victims == "" || r.Victims == claim.People)
}

// deathsFor is how many of a record's deaths are of the claim's victims.
func deathsFor(r *Record, v claim.Victims) int64 {
	if r.Civilians+r.Combatants+r.Unknown == 0 {
		// One person, or an event without a breakdown.
		if v == claim.People || v == "" || r.Victims == "" || r.Victims == v ||
			v == claim.SecurityForces && r.Victims == claim.Combatants {
			return r.Best
		}
		return 0
	}
	switch v {
	case claim.Civilians:
		return r.Civilians
	case claim.Combatants, claim.SecurityForces:
		return r.Combatants
	}
	return r.Best
}

// dayOf parses a YYYY-MM-DD date at midnight UTC.
func dayOf(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}
