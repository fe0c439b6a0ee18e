package records

import (
	"errors"
	"fmt"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

// The column names a list of the dead is read by, in order of preference
// (compared without case). The VDC layout (province, cause_of_death, area,
// date_of_death, sex_age, rank) is the first name of each.
var (
	listDateCols    = []string{"date_of_death", "date of death", "death_date", "date", "dod", "event_date", "date_start"}
	listAdmin1Cols  = []string{"province", "governorate", "admin1", "adm_1", "muhafaza", "state", "region"}
	listAdmin2Cols  = []string{"district", "admin2", "adm_2"}
	listPlaceCols   = []string{"area", "place", "location", "town", "village", "city", "locality", "neighbourhood", "neighborhood"}
	listCauseCols   = []string{"cause_of_death", "cause of death", "cause", "manner_of_death", "manner of death"}
	listStatusCols  = []string{"rank", "status", "category", "civilian_status", "victim_status", "combatant_status", "victim_type", "type"}
	listCountryCols = []string{"country", "country_code", "iso2", "iso"}
)

type listCols struct {
	date, admin1, admin2, place, cause, status, country int
}

func (rd *Reader) setupList(country string) error {
	c := &listCols{date: findCol(rd.cols, listDateCols), admin1: findCol(rd.cols, listAdmin1Cols),
		admin2: findCol(rd.cols, listAdmin2Cols), place: findCol(rd.cols, listPlaceCols),
		cause: findCol(rd.cols, listCauseCols), status: findCol(rd.cols, listStatusCols),
		country: findCol(rd.cols, listCountryCols)}
	if c.date < 0 {
		return errors.New("list without a date column (date_of_death, date, ...)")
	}
	if c.country < 0 && country == "" {
		// The Violations Documentation Center documents Syria's dead;
		// any other list must say its country.
		if !rd.isVDC() {
			return errors.New("list without a country column: give --country")
		}
		rd.pm.country = "SY"
	}
	rd.parse = func(rd *Reader, row []string, r *store.Record) error { return rd.parseList(c, row, r) }
	return nil
}

func (rd *Reader) isVDC() bool {
	for _, n := range []string{"province", "cause_of_death", "area", "date_of_death", "sex_age", "rank"} {
		if _, ok := rd.cols[n]; !ok {
			return false
		}
	}
	return true
}

// parseList reads one person: one death (low, best and high 1), counted
// in the column of the person's category. A list's unknown date (blank,
// 0000-00-00) leaves the record undated rather than unreadable: the person
// is still documented.
func (rd *Reader) parseList(c *listCols, row []string, r *store.Record) error {
	v := field(row, c.date)
	start, end, ok := parseDate(v)
	if !ok {
		return fmt.Errorf("%s %q is not a date", rd.names[c.date], v)
	}
	r.DateStart, r.DateEnd = start, end
	rd.setPlace(r, field(row, c.country), field(row, c.admin1), field(row, c.admin2))
	if r.Country == "" {
		return fmt.Errorf("country %q is not a known country", field(row, c.country))
	}
	r.Place = field(row, c.place)
	r.Low, r.Best, r.High = 1, 1, 1
	r.VictimsText = field(row, c.status)
	r.Victims = rd.victimsOf(r.VictimsText)
	switch r.Victims {
	case claim.Civilians:
		r.Civilians = ptr(1)
	case claim.Combatants:
		r.Combatants = ptr(1)
	default:
		r.Unknown = ptr(1)
	}
	r.CauseText = field(row, c.cause)
	r.Cause = causeOf(r.CauseText)
	return nil
}
