package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/tallyhq/tally/internal/claim"
)

// RecordSet is one imported dataset of casualty documentation records: a
// UCDP GED extract, an ACLED export, a list of the dead.
type RecordSet struct {
	ID         int64
	Name       string // unique: importing under a stored name adds to that set
	Format     string // ucdp, acled, list
	File       string // the file it was last imported from
	ImportedAt string // RFC 3339, of the last import
	Rows       int64  // records stored
	// Coverage: the earliest date_start and the latest date_end of its
	// records ("" when none has a date).
	DateMin, DateMax string
}

// Record is one documented event (UCDP, ACLED) or one documented death (a
// list of the dead), in the terms of claims so that verification can count
// records against them.
type Record struct {
	ID    int64 // the store's id; 0 before storing
	SetID int64
	Line  int    // where the row starts in its file
	Key   string // identity within its set: hex SHA-256 of the raw row (and its repeat number)

	DateStart, DateEnd string // YYYY-MM-DD; both "" when the record has no date

	Country   string // ISO 3166-1 alpha-2
	Admin1    string // the gazetteer's admin1 name, as in claims' place.admin1; "" when unknown
	Admin2    string // the gazetteer's admin2 name; "" when unknown
	Admin1Raw string // as written
	Admin2Raw string
	Place     string // the place as written
	Lat, Lon  *float64
	WherePrec *int64 // the dataset's own location precision code

	// Deaths by kind where the dataset tells them apart (nil where not).
	Civilians, Combatants, Unknown *int64
	Low, Best, High                int64

	Victims     claim.Victims // civilians, combatants or people
	VictimsText string        // rank or status as written
	Cause       claim.Cause   // claim.UnknownCause when the record does not say
	CauseText   string        // as written
	Source      string        // UCDP source_headline, ACLED notes
}

// ImportStats is what ImportRecords did.
type ImportStats struct {
	Read       int64 // rows offered: records and unreadable rows
	New        int64 // records stored now
	Stored     int64 // records that were stored already
	Unreadable int64 // rows reported as errors
	Set        RecordSet
}

// recordBatch is how many records one transaction writes: large enough
// that commits are few, small enough that an interrupted import loses
// little and the batch's memory stays small.
const recordBatch = 2000

const recordColumns = `set_id, line, key, date_start, date_end, country, admin1, admin2,
	admin1_raw, admin2_raw, place, lat, lon, where_prec,
	deaths_civilians, deaths_combatants, deaths_unknown, low, best, high,
	victims, victims_text, cause, cause_text, source`

const recordColumnCount = 25

// ImportRecords stores the records recs yields into the set named
// set.Name, made if it is not stored yet (its Format and File are updated
// if it is). Every error recs yields is a row that could not be read: it is
// given to report (which may be nil) and counted, and the import goes on.
// Records are written in batches of a few thousand, each in its own
// transaction; a record whose Key its set holds already is skipped, so an
// interrupted import is completed by running it again. The returned error
// is the store's (or the context's), never a row's.
func (s *Store) ImportRecords(ctx context.Context, set RecordSet, recs iter.Seq2[Record, error], report func(error)) (ImportStats, error) {
	var st ImportStats
	if set.Name == "" {
		return st, errors.New("import records: the set has no name")
	}
	var id int64
	err := s.db.QueryRowContext(ctx, s.rebind(`INSERT INTO record_sets (name, format, file, imported_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET format = excluded.format, file = excluded.file, imported_at = excluded.imported_at
		RETURNING id`), set.Name, set.Format, set.File, now()).Scan(&id)
	if err != nil {
		return st, fmt.Errorf("import records: set %q: %w", set.Name, err)
	}
	// The statement of a full multi-row insert is prepared once: parsing
	// it is a good part of the cost of SQLite's insert. On the writing
	// pool, whose transactions use it.
	full, err := s.wdb.PrepareContext(ctx, s.rebind(recordInsert(maxRowsPerInsert)))
	if err != nil {
		return st, fmt.Errorf("import records: prepare: %w", err)
	}
	defer full.Close()
	batch := make([]Record, 0, recordBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		n, err := s.insertRecords(ctx, full, id, batch)
		if err != nil {
			return fmt.Errorf("import records: lines %d-%d: %w", batch[0].Line, batch[len(batch)-1].Line, err)
		}
		st.New += n
		st.Stored += int64(len(batch)) - n
		batch = batch[:0]
		return nil
	}
	for r, err := range recs {
		st.Read++
		if err != nil {
			st.Unreadable++
			if report != nil {
				report(err)
			}
			continue
		}
		batch = append(batch, r)
		if len(batch) == recordBatch {
			if err := flush(); err != nil {
				return st, err
			}
			if err := ctx.Err(); err != nil {
				return st, fmt.Errorf("import records: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return st, err
	}
	// The set's size and coverage are recomputed, not added to, so that
	// they stay right however often or partially the set was imported.
	if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE record_sets SET
		row_count = (SELECT count(*) FROM records WHERE set_id = ?),
		date_min = (SELECT min(date_start) FROM records WHERE set_id = ?),
		date_max = (SELECT max(date_end) FROM records WHERE set_id = ?)
		WHERE id = ?`), id, id, id, id); err != nil {
		return st, fmt.Errorf("import records: set %q: coverage: %w", set.Name, err)
	}
	if st.Set, err = s.recordSet(ctx, id); err != nil {
		return st, err
	}
	return st, nil
}

func recordInsert(rows int) string {
	row := "(" + placeholders(recordColumnCount) + ")"
	return "INSERT INTO records (" + recordColumns + ") VALUES " + repeatJoin(row, rows) + " ON CONFLICT (set_id, key) DO NOTHING"
}

// insertRecords writes one batch in one transaction, with full for each
// maxRowsPerInsert records, and says how many rows were new.
func (s *Store) insertRecords(ctx context.Context, full *sql.Stmt, setID int64, recs []Record) (int64, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	args := make([]any, 0, recordColumnCount*len(recs))
	var n int64
	for len(recs) > 0 {
		rows := min(len(recs), maxRowsPerInsert)
		args = args[:0]
		for i := range recs[:rows] {
			args = append(args, recordArgs(setID, &recs[i])...)
		}
		var res sql.Result
		if rows == maxRowsPerInsert {
			res, err = tx.StmtContext(ctx, full).ExecContext(ctx, args...)
		} else {
			res, err = tx.ExecContext(ctx, s.rebind(recordInsert(rows)), args...)
		}
		if err != nil {
			return 0, err
		}
		added, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		n += added
		recs = recs[rows:]
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit: %w", err)
	}
	return n, nil
}

func repeatJoin(s string, n int) string {
	b := make([]byte, 0, (len(s)+2)*n)
	for i := range n {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, s...)
	}
	return string(b)
}

func recordArgs(setID int64, r *Record) []any {
	return []any{setID, r.Line, r.Key, nullString(r.DateStart), nullString(r.DateEnd),
		nullString(r.Country), nullString(r.Admin1), nullString(r.Admin2),
		nullString(r.Admin1Raw), nullString(r.Admin2Raw), nullString(r.Place),
		r.Lat, r.Lon, r.WherePrec, r.Civilians, r.Combatants, r.Unknown, r.Low, r.Best, r.High,
		string(r.Victims), nullString(r.VictimsText), string(r.Cause), nullString(r.CauseText), nullString(r.Source)}
}

// RecordFilter selects stored records; zero fields select everything.
// Places are compared exactly: Admin1 and Admin2 are the gazetteer's names,
// as claims store them, so that the lookup uses the place index.
type RecordFilter struct {
	Country  string // ISO code
	Admin1   string
	Admin2   string
	From, To string // YYYY-MM-DD: records whose dates overlap From..To (undated records never do)
	Set      string // the set's name
	SetID    int64
	Limit    int   // at most this many; 0 means all
	After    int64 // cursor: records stored after this record id (they come in id order)
}

const recordSelect = `SELECT r.id, r.set_id, r.line, r.key, r.date_start, r.date_end, r.country, r.admin1, r.admin2,
	r.admin1_raw, r.admin2_raw, r.place, r.lat, r.lon, r.where_prec,
	r.deaths_civilians, r.deaths_combatants, r.deaths_unknown, r.low, r.best, r.high,
	r.victims, r.victims_text, r.cause, r.cause_text, r.source
	FROM records r`

// Records streams the records f selects in the order they were stored.
func (s *Store) Records(ctx context.Context, f RecordFilter) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		var w where
		if f.Country != "" {
			w.add("r.country = ?", f.Country)
		}
		if f.Admin1 != "" {
			w.add("r.admin1 = ?", f.Admin1)
		}
		if f.Admin2 != "" {
			w.add("r.admin2 = ?", f.Admin2)
		}
		if f.From != "" {
			w.add("r.date_end >= ?", f.From)
		}
		if f.To != "" {
			w.add("r.date_start <= ?", f.To)
		}
		if f.Set != "" {
			w.add("r.set_id = (SELECT id FROM record_sets WHERE name = ?)", f.Set)
		}
		if f.SetID != 0 {
			w.add("r.set_id = ?", f.SetID)
		}
		if f.After > 0 {
			w.add("r.id > ?", f.After)
		}
		q := recordSelect + w.String() + " ORDER BY r.id"
		if f.Limit > 0 {
			q += " LIMIT " + strconv.Itoa(f.Limit)
		}
		rows, err := s.db.QueryContext(ctx, s.rebind(q), w.args...)
		if err != nil {
			yield(Record{}, fmt.Errorf("records: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRecord(rows)
			if err != nil {
				yield(Record{}, fmt.Errorf("records: %w", err))
				return
			}
			if !yield(r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(Record{}, fmt.Errorf("records: %w", err))
		}
	}
}

func scanRecord(sc scanner) (Record, error) {
	var r Record
	var dStart, dEnd, country, admin1, admin2, a1Raw, a2Raw, place, vText, cText, source sql.NullString
	var lat, lon sql.NullFloat64
	var prec, civ, comb, unk sql.NullInt64
	var victims, cause string
	err := sc.Scan(&r.ID, &r.SetID, &r.Line, &r.Key, &dStart, &dEnd, &country, &admin1, &admin2,
		&a1Raw, &a2Raw, &place, &lat, &lon, &prec, &civ, &comb, &unk, &r.Low, &r.Best, &r.High,
		&victims, &vText, &cause, &cText, &source)
	if err != nil {
		return r, err
	}
	r.DateStart, r.DateEnd, r.Country, r.Admin1, r.Admin2 = dStart.String, dEnd.String, country.String, admin1.String, admin2.String
	r.Admin1Raw, r.Admin2Raw, r.Place = a1Raw.String, a2Raw.String, place.String
	r.Lat, r.Lon, r.WherePrec = ptrFloat(lat), ptrFloat(lon), ptrInt(prec)
	r.Civilians, r.Combatants, r.Unknown = ptrInt(civ), ptrInt(comb), ptrInt(unk)
	r.Victims, r.VictimsText = claim.Victims(victims), vText.String
	r.Cause, r.CauseText, r.Source = claim.Cause(cause), cText.String, source.String
	return r, nil
}

const recordSetSelect = `SELECT id, name, format, file, imported_at, row_count, date_min, date_max FROM record_sets`

func scanRecordSet(sc scanner) (RecordSet, error) {
	var rs RecordSet
	var dMin, dMax sql.NullString
	if err := sc.Scan(&rs.ID, &rs.Name, &rs.Format, &rs.File, &rs.ImportedAt, &rs.Rows, &dMin, &dMax); err != nil {
		return rs, err
	}
	rs.DateMin, rs.DateMax = dMin.String, dMax.String
	return rs, nil
}

func (s *Store) recordSet(ctx context.Context, id int64) (RecordSet, error) {
	rs, err := scanRecordSet(s.db.QueryRowContext(ctx, s.rebind(recordSetSelect+" WHERE id = ?"), id))
	if err != nil {
		return rs, fmt.Errorf("record set %d: %w", id, err)
	}
	return rs, nil
}

// RecordSets lists the imported sets by name, with their sizes and
// coverage.
func (s *Store) RecordSets(ctx context.Context) ([]RecordSet, error) {
	rows, err := s.db.QueryContext(ctx, recordSetSelect+" ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("record sets: %w", err)
	}
	defer rows.Close()
	var out []RecordSet
	for rows.Next() {
		rs, err := scanRecordSet(rows)
		if err != nil {
			return nil, fmt.Errorf("record sets: %w", err)
		}
		out = append(out, rs)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("record sets: %w", err)
	}
	return out, nil
}
