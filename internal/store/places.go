package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/tallyhq/tally/internal/claim"
)

// PlaceFilter selects the claims PlaceCounts counts; zero fields select
// every claim with a resolved place (hypothetical and rejected ones aside).
type PlaceFilter struct {
	Admin1     string // compared without case
	Country    string
	Kinds      []claim.Kind
	Victims    []claim.Victims
	Causes     []claim.Cause
	Source     string // normalised source name, compared without case
	SourceType claim.SourceType
	From, To   string // YYYY-MM-DD: claims whose dates overlap From..To
}

// PlaceCount is a gazetteer place with how many stored claims are placed
// in it, in all and by kind.
type PlaceCount struct {
	GeonamesID int64
	Name       string
	Admin1     string
	Country    string
	Lat, Lon   *float64
	// Precision is how exactly the place's claims are placed: "admin1"
	// for a province named as a whole, "place" for a town.
	Precision string
	Claims    int64
	Kinds     map[claim.Kind]int64
}

// PlaceCounts counts the claims f selects by the place they are resolved
// to, the places with most claims first (ties by GeoNames id). Places are
// those of the claims as extracted: a correction of a claim's place moves
// it in lists and exports, not in these counts.
func (s *Store) PlaceCounts(ctx context.Context, f PlaceFilter) ([]PlaceCount, error) {
	var w where
	w.add("c.geonames_id IS NOT NULL")
	w.add("c.hypothetical = ?", false)
	w.add("(r.decision IS NULL OR r.decision <> ?)", string(Reject))
	w.facets(facets{f.Admin1, f.Country, f.Kinds, f.Victims, f.Causes, f.Source, f.SourceType})
	classes, ok := periodClasses(f.From, f.To, "c.")
	switch {
	case f.From == "" && f.To == "":
	case s.dialect == SQLite && ok:
		// One term for each class of period length, each a range of
		// claims_window, SQLite's only index of claims' dates.
		var terms []string
		var args []any
		for _, c := range classes {
			terms = append(terms, "("+strings.Join(c.conds, " AND ")+")")
			args = append(args, c.args...)
		}
		w.add("("+strings.Join(terms, " OR ")+")", args...)
	default:
		if f.From != "" {
			w.add("c.date_end >= ?", f.From)
		}
		if f.To != "" {
			w.add("c.date_start <= ?", f.To)
		}
	}
	q := `SELECT p.geonames_id, p.name, p.admin1, p.country, p.lat, p.lon, c.kind, count(*), max(c.place_precision)
		FROM claims c JOIN places p ON p.geonames_id = c.geonames_id` + latestReviewJoin + w.String() +
		` GROUP BY p.geonames_id, p.name, p.admin1, p.country, p.lat, p.lon, c.kind`
	rows, err := s.db.QueryContext(ctx, s.rebind(q), w.args...)
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	defer rows.Close()
	byID := map[int64]*PlaceCount{}
	for rows.Next() {
		var p PlaceCount
		var admin1, country sql.NullString
		var kind claim.Kind
		var n int64
		var precision sql.NullString
		if err := rows.Scan(&p.GeonamesID, &p.Name, &admin1, &country, &p.Lat, &p.Lon, &kind, &n, &precision); err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
		pc := byID[p.GeonamesID]
		if pc == nil {
			p.Admin1, p.Country, p.Kinds, p.Precision = admin1.String, country.String, map[claim.Kind]int64{}, precision.String
			pc = &p
			byID[p.GeonamesID] = pc
		}
		pc.Kinds[kind] += n
		pc.Claims += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	out := make([]PlaceCount, 0, len(byID))
	for _, p := range byID {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b PlaceCount) int {
		return cmp.Or(cmp.Compare(b.Claims, a.Claims), cmp.Compare(a.GeonamesID, b.GeonamesID))
	})
	return out, nil
}
