package records

import (
	"errors"
	"fmt"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

// ucdpCols are the UCDP GED columns tally reads, by name, so that the
// columns' order (which differs between GED versions) does not matter.
type ucdpCols struct {
	dateStart, dateEnd, low, best, high              int
	country, adm1, adm2, where, lat, lon, prec       int
	deathsA, deathsB, deathsCiv, deathsUnk, headline int
}

func (rd *Reader) setupUCDP() error {
	need, err := rd.need("date_start", "date_end", "low", "best", "high")
	if err != nil {
		return err
	}
	col := func(name string) int { return findCol(rd.cols, []string{name}) }
	c := &ucdpCols{dateStart: need[0], dateEnd: need[1], low: need[2], best: need[3], high: need[4],
		country: col("country"), adm1: col("adm_1"), adm2: col("adm_2"), where: col("where_coordinates"),
		lat: col("latitude"), lon: col("longitude"), prec: col("where_prec"),
		deathsA: col("deaths_a"), deathsB: col("deaths_b"), deathsCiv: col("deaths_civilians"),
		deathsUnk: col("deaths_unknown"), headline: col("source_headline")}
	if c.country < 0 && rd.pm.country == "" {
		return errors.New("ucdp layout without a country column: give --country")
	}
	rd.parse = func(rd *Reader, row []string, r *store.Record) error { return rd.parseUCDP(c, row, r) }
	return nil
}

// parseUCDP reads one GED event. Deaths of the two sides (deaths_a,
// deaths_b) are combatants; the victims are civilians or combatants when
// all of the best estimate is of that kind, else people. GED records no
// cause of death: cause is unknown.
func (rd *Reader) parseUCDP(c *ucdpCols, row []string, r *store.Record) error {
	v := field(row, c.dateStart)
	start, _, ok := parseDate(v)
	if !ok || start == "" {
		return fmt.Errorf("date_start %q is not a date", v)
	}
	v = field(row, c.dateEnd)
	_, end, ok := parseDate(v)
	if !ok || end == "" {
		return fmt.Errorf("date_end %q is not a date", v)
	}
	if end < start {
		return fmt.Errorf("date_end %s is before date_start %s", end, start)
	}
	r.DateStart, r.DateEnd = start, end
	var err error
	if r.Low, err = count("low", field(row, c.low)); err != nil {
		return err
	}
	if r.Best, err = count("best", field(row, c.best)); err != nil {
		return err
	}
	if r.High, err = count("high", field(row, c.high)); err != nil {
		return err
	}
	a, err := optCount("deaths_a", field(row, c.deathsA))
	if err != nil {
		return err
	}
	b, err := optCount("deaths_b", field(row, c.deathsB))
	if err != nil {
		return err
	}
	if a != nil || b != nil {
		var sum int64
		for _, p := range []*int64{a, b} {
			if p != nil {
				sum += *p
			}
		}
		r.Combatants = &sum
	}
	if r.Civilians, err = optCount("deaths_civilians", field(row, c.deathsCiv)); err != nil {
		return err
	}
	if r.Unknown, err = optCount("deaths_unknown", field(row, c.deathsUnk)); err != nil {
		return err
	}
	if r.Lat, err = coord("latitude", field(row, c.lat), 90); err != nil {
		return err
	}
	if r.Lon, err = coord("longitude", field(row, c.lon), 180); err != nil {
		return err
	}
	if r.WherePrec, err = precision("where_prec", field(row, c.prec)); err != nil {
		return err
	}
	rd.setPlace(r, field(row, c.country), field(row, c.adm1), field(row, c.adm2))
	if r.Country == "" {
		return fmt.Errorf("country %q is not a known country", field(row, c.country))
	}
	r.Place = field(row, c.where)
	r.Victims = claim.People
	switch {
	case r.Best > 0 && r.Civilians != nil && *r.Civilians == r.Best:
		r.Victims = claim.Civilians
	case r.Best > 0 && r.Combatants != nil && *r.Combatants == r.Best:
		r.Victims = claim.Combatants
	}
	r.Cause = claim.UnknownCause
	r.Source = field(row, c.headline)
	return nil
}
