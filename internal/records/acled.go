package records

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

// acledCols are the columns of ACLED's export (codebook: event_date,
// event_type, sub_event_type, civilian_targeting, iso, country, admin1,
// admin2, location, latitude, longitude, geo_precision, notes,
// fatalities), found by name.
type acledCols struct {
	date, fatalities                                 int
	country, iso, admin1, admin2, location, lat, lon int
	prec, notes, eventType, subEventType, civilians  int
}

func (rd *Reader) setupACLED() error {
	need, err := rd.need("event_date", "fatalities")
	if err != nil {
		return err
	}
	col := func(name string) int { return findCol(rd.cols, []string{name}) }
	c := &acledCols{date: need[0], fatalities: need[1], country: col("country"), iso: col("iso"),
		admin1: col("admin1"), admin2: col("admin2"), location: col("location"),
		lat: col("latitude"), lon: col("longitude"), prec: col("geo_precision"), notes: col("notes"),
		eventType: col("event_type"), subEventType: col("sub_event_type"), civilians: col("civilian_targeting")}
	if c.country < 0 && c.iso < 0 && rd.pm.country == "" {
		return errors.New("acled layout without a country or iso column: give --country")
	}
	rd.parse = func(rd *Reader, row []string, r *store.Record) error { return rd.parseACLED(c, row, r) }
	return nil
}

// parseACLED reads one ACLED event. ACLED gives one fatality count (low,
// best and high alike) and does not split it by kind; its victims are
// civilians when the event targeted civilians (civilian_targeting, or the
// event type Violence against civilians), else people. The cause comes
// from the sub-event type (acledCauses).
func (rd *Reader) parseACLED(c *acledCols, row []string, r *store.Record) error {
	v := field(row, c.date)
	start, end, ok := parseDate(v)
	if !ok || start == "" {
		return fmt.Errorf("event_date %q is not a date", v)
	}
	r.DateStart, r.DateEnd = start, end
	n, err := count("fatalities", field(row, c.fatalities))
	if err != nil {
		return err
	}
	r.Low, r.Best, r.High = n, n, n
	if r.Lat, err = coord("latitude", field(row, c.lat), 90); err != nil {
		return err
	}
	if r.Lon, err = coord("longitude", field(row, c.lon), 180); err != nil {
		return err
	}
	if r.WherePrec, err = precision("geo_precision", field(row, c.prec)); err != nil {
		return err
	}
	country := field(row, c.country)
	if country == "" {
		country = field(row, c.iso)
	}
	rd.setPlace(r, country, field(row, c.admin1), field(row, c.admin2))
	if r.Country == "" {
		return fmt.Errorf("country %q is not a known country", country)
	}
	r.Place = field(row, c.location)
	r.Victims = claim.People
	if strings.Contains(strings.ToLower(field(row, c.civilians)), "civilian") ||
		strings.EqualFold(field(row, c.eventType), "Violence against civilians") {
		r.Victims = claim.Civilians
	}
	r.CauseText = field(row, c.subEventType)
	r.Cause = claim.UnknownCause
	if cause, ok := acledCauses[normName(r.CauseText)]; ok {
		r.Cause = cause
	}
	r.Source = field(row, c.notes)
	return nil
}
