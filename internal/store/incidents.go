package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strconv"
	"strings"
)

// IncidentFilter selects stored incidents; zero fields select everything.
type IncidentFilter struct {
	Admin1   string // compared without case
	Country  string // compared without case
	Place    string // the incident's place name, compared without case
	Grade    string
	Kind     string
	From, To string // YYYY-MM-DD: incidents whose days overlap From..To
	Limit    int    // at most this many; 0 means all
	Before   int64  // cursor: incidents before this id
}

// StoredIncident is an incident as the last verification stored it. Its id
// holds until the next `tally verify`; its Key (the ref of its first claim)
// while its claims do.
type StoredIncident struct {
	ID int64
	IncidentRow
	Computed string
}

const incidentSelect = `SELECT id, key, kind, victims, country, admin1, place, date_start, date_end,
	low, best, high, grade, spread, sources, summary, detail, computed_at FROM incidents`

func scanIncident(r scanner) (StoredIncident, error) {
	var i StoredIncident
	var victims, country, admin1, place, start, end sql.NullString
	err := r.Scan(&i.ID, &i.Key, &i.Kind, &victims, &country, &admin1, &place, &start, &end,
		&i.Low, &i.Best, &i.High, &i.Grade, &i.Spread, &i.Sources, &i.Summary, &i.Detail, &i.Computed)
	i.Victims, i.Country, i.Admin1, i.Place = victims.String, country.String, admin1.String, place.String
	i.Start, i.End = start.String, end.String
	return i, err
}

// Incidents streams the incidents f selects, last computed first.
func (s *Store) Incidents(ctx context.Context, f IncidentFilter) iter.Seq2[StoredIncident, error] {
	var w where
	if f.Admin1 != "" {
		w.add("lower(admin1) = ?", strings.ToLower(f.Admin1))
	}
	if f.Country != "" {
		w.add("lower(country) = ?", strings.ToLower(f.Country))
	}
	if f.Place != "" {
		w.add("lower(place) = ?", strings.ToLower(f.Place))
	}
	if f.Grade != "" {
		w.add("grade = ?", f.Grade)
	}
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.From != "" {
		w.add("date_end >= ?", f.From)
	}
	if f.To != "" {
		w.add("date_start <= ?", f.To)
	}
	if f.Before > 0 {
		w.add("id < ?", f.Before)
	}
	q := incidentSelect + w.String() + " ORDER BY id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return rowsOf(ctx, s, "incidents", q, w.args, scanIncident)
}

// Incident returns one stored incident, or ErrNotFound.
func (s *Store) Incident(ctx context.Context, id int64) (*StoredIncident, error) {
	i, err := scanIncident(s.db.QueryRowContext(ctx, s.rebind(incidentSelect+" WHERE id = ?"), id))
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("incident %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("incident %d: %w", id, err)
	}
	return &i, nil
}

// VerdictFilter selects stored verdicts; zero fields select everything.
type VerdictFilter struct {
	Verdict string
	Grade   string
	Limit   int   // at most this many; 0 means all
	Before  int64 // cursor: verdicts of claims before this claim id
}

// ListedVerdict is a verdict with the ref of its claim.
type ListedVerdict struct {
	StoredVerdict
	Ref string
}

// Verdicts streams the verdicts f selects, newest claims first. Their
// incidents are not loaded: Incident is nil and IncidentID names it.
func (s *Store) Verdicts(ctx context.Context, f VerdictFilter) iter.Seq2[ListedVerdict, error] {
	var w where
	if f.Verdict != "" {
		w.add("v.verdict = ?", f.Verdict)
	}
	if f.Grade != "" {
		w.add("v.grade = ?", f.Grade)
	}
	if f.Before > 0 {
		w.add("v.claim_id < ?", f.Before)
	}
	q := `SELECT v.claim_id, c.doc_id, c.cid, v.incident_id, v.grade, v.verdict, v.recorded, v.ratio, v.summary, v.detail
		FROM verdicts v JOIN claims c ON c.id = v.claim_id` + w.String() + " ORDER BY v.claim_id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return rowsOf(ctx, s, "verdicts", q, w.args, func(r scanner) (ListedVerdict, error) {
		var v ListedVerdict
		var doc int64
		var cid string
		var inc sql.NullInt64
		var grade sql.NullString
		err := r.Scan(&v.ClaimID, &doc, &cid, &inc, &grade, &v.Verdict, &v.Recorded, &v.Ratio, &v.Summary, &v.Detail)
		v.IncidentID, v.Grade = inc.Int64, grade.String
		v.Ref = strconv.FormatInt(doc, 10) + "/" + cid
		return v, err
	})
}

// rowsOf streams the rows of a query, each made by scan; what names the
// rows in errors.
func rowsOf[T any](ctx context.Context, s *Store, what, q string, args []any, scan func(scanner) (T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
		if err != nil {
			yield(zero, fmt.Errorf("%s: %w", what, err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				yield(zero, fmt.Errorf("%s: %w", what, err))
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, fmt.Errorf("%s: %w", what, err))
		}
	}
}
