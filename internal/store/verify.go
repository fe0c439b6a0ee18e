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
	Incident int64 // the id Verification.Incident gave; 0 for none
	Grade    string
	Verdict  string
	Recorded *int64
	Ratio    *float64
	Summary  string
	Detail   []byte // JSON
}

// Verification replaces every stored incident and verdict in one
// transaction, written as they are computed so that a run over millions of
// claims holds a batch at a time: readers see the old results or the new,
// never a mix.
type Verification struct {
	s       *Store
	tx      *sql.Tx
	w       *writer
	at      string
	nextID  int64
	inc     []any
	verdict []any
}

// verificationBatch is how many rows one multi-row insert writes.
const verificationBatch = 400

// BeginVerification deletes the stored results inside a new transaction;
// they are gone only when Commit succeeds.
func (s *Store) BeginVerification(ctx context.Context) (*Verification, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, fmt.Errorf("verification: begin: %w", err)
	}
	for _, q := range []string{`DELETE FROM verdicts`, `DELETE FROM incidents`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("verification: %w", err)
		}
	}
	return &Verification{s: s, tx: tx, at: now(),
		w: &writer{s: s, tx: tx, bound: map[string]*sql.Stmt{}}}, nil
}

// Incident stores an incident and returns its id. Ids are given, not
// generated, so that verdicts can name their incident before it is written.
func (v *Verification) Incident(ctx context.Context, inc IncidentRow) (int64, error) {
	v.nextID++
	v.inc = append(v.inc, v.nextID, inc.Key, inc.Kind, nullString(inc.Victims), nullString(inc.Country),
		nullString(inc.Admin1), nullString(inc.Place), nullString(inc.Start), nullString(inc.End),
		inc.Low, inc.Best, inc.High, inc.Grade, inc.Spread, inc.Sources, inc.Summary, string(inc.Detail), v.at)
	if len(v.inc) >= 18*verificationBatch {
		if err := v.flushIncidents(ctx); err != nil {
			return 0, err
		}
	}
	return v.nextID, nil
}

func (v *Verification) flushIncidents(ctx context.Context) error {
	if err := v.w.insertRows(ctx, `incidents (id, key, kind, victims, country, admin1, place, date_start, date_end,
		low, best, high, grade, spread, sources, summary, detail, computed_at)`, 18, v.inc, ""); err != nil {
		return fmt.Errorf("verification: incidents: %w", err)
	}
	v.inc = v.inc[:0]
	return nil
}

// Verdict stores a claim's verdict.
func (v *Verification) Verdict(ctx context.Context, row VerdictRow) error {
	var inc *int64
	if row.Incident > 0 {
		inc = &row.Incident
	}
	v.verdict = append(v.verdict, row.ClaimID, inc, nullString(row.Grade), row.Verdict, row.Recorded, row.Ratio,
		row.Summary, string(row.Detail), v.at)
	if len(v.verdict) >= 9*verificationBatch {
		return v.flushVerdicts(ctx)
	}
	return nil
}

func (v *Verification) flushVerdicts(ctx context.Context) error {
	// A verdict names its incident: the incidents go first.
	if err := v.flushIncidents(ctx); err != nil {
		return err
	}
	if err := v.w.insertRows(ctx, `verdicts (claim_id, incident_id, grade, verdict, recorded, ratio, summary, detail, computed_at)`,
		9, v.verdict, ""); err != nil {
		return fmt.Errorf("verification: verdicts: %w", err)
	}
	v.verdict = v.verdict[:0]
	return nil
}

// Commit writes what is pending and makes the new results visible.
func (v *Verification) Commit(ctx context.Context) error {
	defer v.w.close()
	if err := v.flushVerdicts(ctx); err != nil {
		v.tx.Rollback()
		return err
	}
	if v.s.dialect == Postgres {
		// Ids were given: move the sequence past them for later inserts.
		if _, err := v.tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('incidents', 'id'), GREATEST((SELECT max(id) FROM incidents), 1))`); err != nil {
			v.tx.Rollback()
			return fmt.Errorf("verification: %w", err)
		}
	}
	if err := v.tx.Commit(); err != nil {
		return fmt.Errorf("verification: commit: %w", err)
	}
	return nil
}

// Rollback abandons the run: the old results stay.
func (v *Verification) Rollback() {
	v.w.close()
	v.tx.Rollback()
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

const verdictSelect = `SELECT v.claim_id, v.incident_id, v.grade, v.verdict, v.recorded, v.ratio, v.summary, v.detail,
	i.key, i.kind, i.victims, i.country, i.admin1, i.place, i.date_start, i.date_end, i.low, i.best, i.high,
	i.grade, i.spread, i.sources, i.summary, i.detail
	FROM verdicts v LEFT JOIN incidents i ON i.id = v.incident_id`

func scanVerdict(r scanner) (*StoredVerdict, error) {
	var v StoredVerdict
	var grade, key, kind, victims, country, admin1, place, start, end, igrade, isummary sql.NullString
	var low, best, high, sources sql.NullInt64
	var spread sql.NullFloat64
	var idetail []byte
	var incID sql.NullInt64
	err := r.Scan(&v.ClaimID, &incID, &grade, &v.Verdict, &v.Recorded, &v.Ratio, &v.Summary, &v.Detail,
		&key, &kind, &victims, &country, &admin1, &place, &start, &end, &low, &best, &high,
		&igrade, &spread, &sources, &isummary, &idetail)
	if err != nil {
		return nil, err
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

// VerdictOf returns the stored verdict of a claim, or ErrNotFound.
func (s *Store) VerdictOf(ctx context.Context, claimID int64) (*StoredVerdict, error) {
	v, err := scanVerdict(s.queryRow(ctx, s.rebind(verdictSelect+` WHERE v.claim_id = ?`), claimID))
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("verdict of claim %d: %w", claimID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("verdict of claim %d: %w", claimID, err)
	}
	return v, nil
}

// verdictBatch bounds the claim ids of one query of VerdictsOf, well
// within SQLite's and PostgreSQL's limits on parameters.
const verdictBatch = 500

// VerdictsOf returns the stored verdicts of claims by claim id; a claim
// without one is not in the map. One query reads up to verdictBatch of
// them, rather than one query each.
func (s *Store) VerdictsOf(ctx context.Context, claimIDs []int64) (map[int64]*StoredVerdict, error) {
	out := make(map[int64]*StoredVerdict, len(claimIDs))
	for start := 0; start < len(claimIDs); start += verdictBatch {
		ids := claimIDs[start:min(start+verdictBatch, len(claimIDs))]
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		// Not prepared: the lists' lengths vary, and would fill the
		// store's statements.
		rows, err := s.db.QueryContext(ctx, s.rebind(verdictSelect+` WHERE v.claim_id IN (`+placeholders(len(ids))+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("verdicts: %w", err)
		}
		for rows.Next() {
			v, err := scanVerdict(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("verdicts: %w", err)
			}
			out[v.ClaimID] = v
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("verdicts: %w", err)
		}
	}
	return out, nil
}
