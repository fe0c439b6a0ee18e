package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/tallyhq/tally/internal/claim"
)

// IncidentRow is one incident as verification computed it.
type IncidentRow struct {
	Key, Kind, Victims, Country, Admin1, Place, Start, End string
	Low, Best                                              int64
	High                                                   *int64
	Grade                                                  string
	Spread                                                 float64
	Sources                                                int
	Summary                                                string
	Detail                                                 []byte // JSON
}

// VerdictRow is verification's judgement of one claim.
type VerdictRow struct {
	ClaimID  int64
	Incident int // index into the incidents of the same ReplaceVerification call; -1 for none
	Grade    string
	Verdict  string
	Recorded *int64
	Ratio    *float64
	Summary  string
	Detail   []byte // JSON
}

// ReplaceVerification swaps every stored incident and verdict for new ones
// in one transaction: readers see the old results or the new, never a mix.
func (s *Store) ReplaceVerification(ctx context.Context, incidents []IncidentRow, verdicts []VerdictRow) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("verification: begin: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM verdicts`, `DELETE FROM incidents`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("verification: %w", err)
		}
	}
	w := &writer{s: s, tx: tx, multi: map[multiKey]*sql.Stmt{}}
	defer w.close()
	at := now()
	// Ids are given, not generated, so that verdicts can name their
	// incident in the same multi-row inserts.
	args := make([]any, 0, 19*len(incidents))
	for i, inc := range incidents {
		args = append(args, int64(i+1), inc.Key, inc.Kind, nullString(inc.Victims), nullString(inc.Country),
			nullString(inc.Admin1), nullString(inc.Place), nullString(inc.Start), nullString(inc.End),
			inc.Low, inc.Best, inc.High, inc.Grade, inc.Spread, inc.Sources, inc.Summary, string(inc.Detail), at)
	}
	if err := w.insertRows(ctx, `incidents (id, key, kind, victims, country, admin1, place, date_start, date_end,
		low, best, high, grade, spread, sources, summary, detail, computed_at)`, 18, args, ""); err != nil {
		return fmt.Errorf("verification: incidents: %w", err)
	}
	args = args[:0]
	for _, v := range verdicts {
		var inc *int64
		if v.Incident >= 0 {
			id := int64(v.Incident + 1)
			inc = &id
		}
		args = append(args, v.ClaimID, inc, nullString(v.Grade), v.Verdict, v.Recorded, v.Ratio, v.Summary, string(v.Detail), at)
	}
	if err := w.insertRows(ctx, `verdicts (claim_id, incident_id, grade, verdict, recorded, ratio, summary, detail, computed_at)`,
		9, args, ""); err != nil {
		return fmt.Errorf("verification: verdicts: %w", err)
	}
	if s.dialect == Postgres {
		// Ids were given: move the sequence past them for later inserts.
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('incidents', 'id'), GREATEST((SELECT max(id) FROM incidents), 1))`); err != nil {
			return fmt.Errorf("verification: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("verification: commit: %w", err)
	}
	return nil
}

// DocFlag is a flag with the document it belongs to.
type DocFlag struct {
	DocID int64
	claim.Flag
}

// AllFlags streams every stored flag.
func (s *Store) AllFlags(ctx context.Context) iter.Seq2[DocFlag, error] {
	return func(yield func(DocFlag, error) bool) {
		rows, err := s.db.QueryContext(ctx, `SELECT doc_id, kind, claims, message FROM flags ORDER BY id`)
		if err != nil {
			yield(DocFlag{}, fmt.Errorf("flags: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var f DocFlag
			var ids string
			if err := rows.Scan(&f.DocID, &f.Kind, &ids, &f.Message); err != nil {
				yield(DocFlag{}, fmt.Errorf("flags: %w", err))
				return
			}
			if err := json.Unmarshal([]byte(ids), &f.Claims); err != nil {
				yield(DocFlag{}, fmt.Errorf("flags: %w", err))
				return
			}
			if !yield(f, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(DocFlag{}, fmt.Errorf("flags: %w", err))
		}
	}
}

// StoredVerdict is a claim's verdict with its incident.
type StoredVerdict struct {
	ClaimID    int64
	IncidentID int64 // 0 for none
	Incident   *IncidentRow
	Grade      string
	Verdict    string
	Recorded   *int64
	Ratio      *float64
	Summary    string
	Detail     []byte
}

// VerdictOf returns the stored verdict of a claim, or ErrNotFound.
func (s *Store) VerdictOf(ctx context.Context, claimID int64) (*StoredVerdict, error) {
	var v StoredVerdict
	var grade, key, kind, victims, country, admin1, place, start, end, igrade, isummary sql.NullString
	var low, best, high, sources sql.NullInt64
	var spread sql.NullFloat64
	var idetail []byte
	var incID sql.NullInt64
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT v.claim_id, v.incident_id, v.grade, v.verdict, v.recorded, v.ratio, v.summary, v.detail,
		i.key, i.kind, i.victims, i.country, i.admin1, i.place, i.date_start, i.date_end, i.low, i.best, i.high,
		i.grade, i.spread, i.sources, i.summary, i.detail
		FROM verdicts v LEFT JOIN incidents i ON i.id = v.incident_id WHERE v.claim_id = ?`), claimID).
		Scan(&v.ClaimID, &incID, &grade, &v.Verdict, &v.Recorded, &v.Ratio, &v.Summary, &v.Detail,
			&key, &kind, &victims, &country, &admin1, &place, &start, &end, &low, &best, &high,
			&igrade, &spread, &sources, &isummary, &idetail)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("verdict of claim %d: %w", claimID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("verdict of claim %d: %w", claimID, err)
	}
	v.Grade, v.IncidentID = grade.String, incID.Int64
	if key.Valid {
		v.Incident = &IncidentRow{Key: key.String, Kind: kind.String, Victims: victims.String, Country: country.String,
			Admin1: admin1.String, Place: place.String, Start: start.String, End: end.String, Low: low.Int64,
			Best: best.Int64, High: ptrInt(high), Grade: igrade.String, Spread: spread.Float64,
			Sources: int(sources.Int64), Summary: isummary.String, Detail: idetail}
	}
	return &v, nil
}
