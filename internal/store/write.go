package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tallyhq/tally/internal/claim"
)

// Doc is one document ready to store: its text as read, what extraction
// found in it, and its near-duplicate signature.
type Doc struct {
	Key       string // hex SHA-256 of the normalised title and text: the identity
	ExtID     string // SPEC document.id
	Title     string // as read
	Body      string // as read; claim offsets point into it
	Published string // YYYY-MM-DD or ""
	Source    string // outlet
	URL       string
	Origin    string // file and line, or URL
	HTML      bool   // Body was extracted from a page
	Plain     bool   // read as plain text (date header and headline line)

	Credits      []string
	PrimaryPlace *claim.Place
	Places       []claim.Place
	Claims       []claim.Claim
	Flags        []claim.Flag
	Extractor    string // version of the rules that made Claims and Flags

	MinHash []byte   // near-duplicate signature
	Bands   []uint64 // its LSH band keys
	// Grouping is what FindGroup found of the document's report group,
	// nil when it did not look: Save then looks itself.
	Grouping *Grouping

	// Known marks a document its reader found stored already: nothing to
	// write, only to count.
	Known bool

	enc *encoded // set by Encode
}

// encoded is a Doc's column values that are not its fields as they are.
type encoded struct {
	credits, places string // JSON
	// claims are the claims' rows, claimColumnCount values each, with
	// a nil where the document's id goes (known once it is stored).
	claims []any
}

// Encode works out the values Save stores for d that take work: its JSON
// columns and its claims' rows. Save does it for a document not encoded,
// on the one writer; callers preparing documents in parallel call it
// first, which spares the writer that share of its time. d must not change
// after.
func (d *Doc) Encode() {
	credits, _ := json.Marshal(nonNil(d.Credits))
	places, _ := json.Marshal(nonNilPlaces(d.Places))
	e := &encoded{credits: string(credits), places: string(places),
		claims: make([]any, 0, claimColumnCount*len(d.Claims))}
	doc := docFields{d.Published, d.Source}
	for i := range d.Claims {
		e.claims = append(e.claims, claimArgs(nil, doc, &d.Claims[i], d.Extractor)...)
	}
	// As database/sql converts them for a driver that does not convert
	// its arguments itself (SQLite's): pointers, ints and string kinds by
	// reflection, a tenth of the writer's time inserting claims. Here it
	// is done by the caller, in parallel; values already converted pass
	// database/sql's check at once.
	for i, v := range e.claims {
		if c, err := driver.DefaultParameterConverter.ConvertValue(v); err == nil {
			e.claims[i] = c
		}
	}
	d.enc = e
}

// HasKey reports whether a document with this key is stored.
func (s *Store) HasKey(ctx context.Context, key string) (bool, error) {
	var one int
	st, err := s.preparedFixed(ctx, `SELECT 1 FROM documents WHERE key = ?`)
	if err != nil {
		return false, fmt.Errorf("document %s: %w", key, err)
	}
	err = st.QueryRowContext(ctx, key).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("document %s: %w", key, err)
	}
	return true, nil
}

// Saved is what Save did with one document.
type Saved struct {
	ID    int64 // the store's document id
	Group int64 // its report group
	New   bool  // false when a document with the same Key was stored already
}

// SameReport decides whether two MinHash signatures belong to one report.
// The caller that computes signatures supplies it, so that the store need
// not know how they are made.
type SameReport func(a, b []byte) bool

// Save stores docs in one transaction: each document with all its claims,
// flags, places and sources, or (on any error) none of them. A document
// whose Key is stored already is left as it is. A new document joins the
// report group of the most similar stored document that same says is the
// same report, else starts its own.
func (s *Store) Save(ctx context.Context, docs []Doc, same SameReport) ([]Saved, error) {
	// Two PostgreSQL writers insert the same sources and places in their
	// own orders and may deadlock; the server aborts one, which then runs
	// again: a batch is all or nothing, so running it again is safe.
	for attempt := 1; ; attempt++ {
		out, err := s.save(ctx, docs, same)
		var pgErr *pgconn.PgError
		if attempt < 5 && errors.As(err, &pgErr) && pgErr.Code == "40P01" {
			continue
		}
		return out, err
	}
}

func (s *Store) save(ctx context.Context, docs []Doc, same SameReport) ([]Saved, error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return nil, fmt.Errorf("save: begin: %w", err)
	}
	defer tx.Rollback()
	w, err := s.newWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer w.close()
	if s.dialect == SQLite {
		// Holding the write lock: the documents stored since this
		// writer's last transaction, if any, were another's.
		var last, lastGroup sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT max(id) FROM documents), (SELECT max(id) FROM report_groups)`).Scan(&last, &lastGroup); err != nil {
			return nil, fmt.Errorf("save: %w", err)
		}
		s.recent.begin(last.Int64)
		w.recent = &s.recent
		w.indexed = &indexBatch{before: last.Int64, last: last.Int64}
		// With the write lock held, the ids SQLite would give the
		// batch's new rows are known: the largest stored plus one, and
		// so on. Given here, the batch's groups, documents, signatures
		// and flags go in a few wide statements after the batch, not
		// three or four statements a document.
		w.queued = &queuedRows{nextDoc: last.Int64 + 1, nextGroup: lastGroup.Int64 + 1}
	}
	out, err := w.saveAll(ctx, docs, same)
	if err == nil {
		err = tx.Commit()
		if err != nil {
			err = fmt.Errorf("save: commit: %w", err)
		} else if w.indexed != nil {
			s.index.committed(*w.indexed)
		}
	}
	if err != nil && w.recent != nil {
		w.recent.fail()
	}
	tx.Rollback()
	w.keep(ctx)
	return out, err
}

func (w *writer) saveAll(ctx context.Context, docs []Doc, same SameReport) ([]Saved, error) {
	out := make([]Saved, len(docs))
	added := make([]int64, 0, len(docs))
	var err error
	// The batch's claim rows and band keys grow to about this: sized at
	// once, not by doubling, which cost the writer a tenth of save's time.
	nclaims, nbands := 0, 0
	for i := range docs {
		if docs[i].enc != nil {
			nclaims += len(docs[i].enc.claims)
		}
		nbands += len(docs[i].Bands)
	}
	w.claims = slices.Grow(w.claims, nclaims)
	w.bands = slices.Grow(w.bands, nbands)
	if w.indexed != nil {
		w.indexed.rows = slices.Grow(w.indexed.rows, nbands)
	}
	if w.lockKey == nil {
		if err := w.findKeys(ctx, docs); err != nil {
			return nil, fmt.Errorf("save: %w", err)
		}
	}
	for i := range docs {
		if out[i], err = w.save(ctx, &docs[i], same); err != nil {
			return nil, fmt.Errorf("save %s: %w", docs[i].Origin, err)
		}
		if out[i].New {
			added = append(added, out[i].ID)
		}
	}
	if err := w.flushDocs(ctx); err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	if err := w.flushClaims(ctx); err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	if err := w.flushBands(ctx); err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	if err := w.mergeBands(ctx); err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	if err := w.s.indexText(ctx, w.tx, added, true); err != nil {
		return nil, fmt.Errorf("save: %w", err)
	}
	return out, nil
}

// queuedRows are rows of new groups, documents, signatures and flags not
// inserted yet, in the order their ids were given, and the next ids.
type queuedRows struct {
	nextDoc, nextGroup        int64
	groups, docs, sigs, flags []any
}

// docInsertColumns are the documents columns a new document's row gives, but
// for its id, in the order appendDocValues gives them.
const (
	docInsertColumns = `key, ext_id, title, body, published, source, url, origin,
		html, plain, credits, places, primary_name, primary_admin1, primary_country,
		group_id, extractor, ingested_at`
	docInsertColumnCount = 18
)

// flushDocs inserts the rows queued, parents first (the foreign keys are
// checked as each row goes in).
func (w *writer) flushDocs(ctx context.Context) error {
	q := w.queued
	if q == nil {
		return nil
	}
	if err := w.insertRows(ctx, "report_groups (id, created_at)", 2, q.groups, ""); err != nil {
		return fmt.Errorf("report groups: %w", err)
	}
	if err := w.insertRows(ctx, "documents (id, "+docInsertColumns+")", docInsertColumnCount+1, q.docs, ""); err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	if err := w.insertRows(ctx, "doc_sigs (doc_id, minhash)", 2, q.sigs, ""); err != nil {
		return fmt.Errorf("signatures: %w", err)
	}
	if err := w.insertRows(ctx, "flags (doc_id, kind, claims, message)", 4, q.flags, ""); err != nil {
		return fmt.Errorf("flags: %w", err)
	}
	q.groups, q.docs, q.sigs, q.flags = q.groups[:0], q.docs[:0], q.sigs[:0], q.flags[:0]
	return nil
}

// appendDocValues appends the values of d's documents row, in the order of
// docInsertColumns.
func appendDocValues(args []any, d *Doc, group int64) []any {
	var pName, pAdmin1, pCountry *string
	if p := d.PrimaryPlace; p != nil {
		pName, pAdmin1, pCountry = p.Name, p.Admin1, p.Country
	}
	return append(args, d.Key, d.ExtID, d.Title, d.Body, nullString(d.Published),
		nullString(d.Source), nullString(d.URL), d.Origin, d.HTML, d.Plain, d.enc.credits, d.enc.places,
		pName, pAdmin1, pCountry, group, d.Extractor, now())
}

// bandRow is a report_bands row.
type bandRow struct{ band, group, doc int64 }

// flushBands inserts the band keys queued. They go in key order: random
// keys inserted as they come touch the table's pages at random, and once
// the table outgrows the page cache each costs a page read; in order, a
// batch's keys touch each page once. A band key keeps its group's earliest
// document: a later one with the same key and group adds nothing.
func (w *writer) flushBands(ctx context.Context) error {
	if len(w.bands) == 0 {
		return nil
	}
	slices.SortFunc(w.bands, func(a, b bandRow) int {
		return cmp.Or(cmp.Compare(a.band, b.band), cmp.Compare(a.group, b.group), cmp.Compare(a.doc, b.doc))
	})
	args := make([]any, 0, 3*len(w.bands))
	for i, r := range w.bands {
		if i > 0 && r.band == w.bands[i-1].band && r.group == w.bands[i-1].group {
			continue
		}
		args = append(args, r.band, r.group, r.doc)
	}
	w.bands = w.bands[:0]
	table := "report_bands"
	if w.s.dialect == SQLite {
		table = "report_bands_recent"
	}
	if err := w.insertRows(ctx, table+" (band, group_id, doc_id)", 3, args, " ON CONFLICT DO NOTHING"); err != nil {
		return fmt.Errorf("bands: %w", err)
	}
	return nil
}

// bandsMergeRows is how many rows report_bands_recent holds before they
// join report_bands (SQLite's migration 14 says why): a few megabytes,
// which stay in the page caches, from about 4,000 documents.
var bandsMergeRows = 1 << 17

// mergeSliceBits cuts the band keys into 256 slices for mergeBands: the
// top byte of neardup's keys is their band's number.
const mergeSliceBits = 56

// mergeBands moves report_bands_recent's rows into report_bands when they
// are many, in key order (the order of its primary key) so that each page
// of report_bands is changed once. A band key and group that
// report_bands has keeps its row there: it names the earlier document.
func (w *writer) mergeBands(ctx context.Context) error {
	if w.s.dialect != SQLite {
		return nil
	}
	var n int
	st, err := w.stmt(ctx, `SELECT count(*) FROM report_bands_recent`)
	if err != nil {
		return fmt.Errorf("bands: %w", err)
	}
	if err := st.QueryRowContext(ctx).Scan(&n); err != nil {
		return fmt.Errorf("bands: %w", err)
	}
	if n < bandsMergeRows {
		return nil
	}
	// In slices of the key space: a statement keeps the pages it changes
	// in its journal (in memory) until it ends, and all of report_bands
	// at once is far more than the memory ingest may take.
	merge, err := w.stmt(ctx, `INSERT INTO report_bands (band, group_id, doc_id)
		SELECT band, group_id, doc_id FROM report_bands_recent WHERE band BETWEEN ? AND ?
		ON CONFLICT DO NOTHING`)
	if err != nil {
		return fmt.Errorf("bands: merge: %w", err)
	}
	for i := math.MinInt64 >> mergeSliceBits; i <= math.MaxInt64>>mergeSliceBits; i++ {
		lo := int64(i) << mergeSliceBits
		if _, err := merge.ExecContext(ctx, lo, lo+(1<<mergeSliceBits-1)); err != nil {
			return fmt.Errorf("bands: merge: %w", err)
		}
	}
	if _, err := w.tx.ExecContext(ctx, `DELETE FROM report_bands_recent`); err != nil {
		return fmt.Errorf("bands: merge: %w", err)
	}
	return nil
}

// findKeys looks up which of docs are stored, a few statements for the
// whole batch rather than one per document.
func (w *writer) findKeys(ctx context.Context, docs []Doc) error {
	w.stored = make(map[string]Saved, len(docs))
	keys := make([]any, len(docs))
	for i := range docs {
		keys[i] = docs[i].Key
	}
	for len(keys) > 0 {
		n := 1 << (bits.Len(uint(min(len(keys), maxRowsPerStmt))) - 1)
		st, err := w.stmt(ctx, `SELECT key, id, group_id FROM documents WHERE key IN (`+placeholders(n)+`)`)
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(ctx, keys[:n]...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var key string
			var sv Saved
			if err := rows.Scan(&key, &sv.ID, &sv.Group); err != nil {
				rows.Close()
				return err
			}
			w.stored[key] = sv
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// writer holds one transaction's statements.
type writer struct {
	s                                  *Store
	tx                                 *sql.Tx
	findKey, insGroup, insDoc, insFlag *sql.Stmt
	insPlace, insSource, lockKey       *sql.Stmt
	insSig                             *sql.Stmt
	// bound are the statements prepared for tx, by their text; unkept
	// those of them the store does not keep yet (see stmt).
	bound  map[string]*sql.Stmt
	unkept []string
	// stored are the documents of the batch stored already, by key, when
	// findKeys looked them up together (SQLite, where the write lock is
	// held from the transaction's start, so none can come in between).
	stored map[string]Saved
	// bands are the band keys not inserted yet.
	bands []bandRow
	// claims are the values of the claims not inserted yet: a batch's
	// claims go in a few wide statements, not a few per document.
	claims []any

	seenPlaces  map[int64]bool
	seenSources map[string]bool
	// recent completes the report-group lookups of readers (SQLite).
	recent *recentDocs
	// queued are the rows Save inserts at the end of the batch, with ids
	// it gave them (SQLite); nil when each is inserted as it comes.
	queued *queuedRows
	// indexed is what the transaction adds to the band index (SQLite).
	indexed *indexBatch
}

const claimColumns = `doc_id, cid, kind, value, low, high, qualifier, count_text, rate,
	period_start, period_end, period_precision, period_text, date_start, date_end,
	victims, victims_text, cause, cause_text, actor_text, actor_name,
	place_text, place_name, admin1, country, geonames_id, lat, lon, place_precision,
	source_text, source_name, source_type, service_name, service_status,
	quote_start, quote_end, quote, in_headline, hypothetical, extractor, outlet, date_class`

const claimColumnCount = 42

func (s *Store) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{s: s, tx: tx, bound: map[string]*sql.Stmt{}, seenPlaces: map[int64]bool{}, seenSources: map[string]bool{}}
	prep := func(dst **sql.Stmt, query string) error {
		st, err := w.stmt(ctx, query)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		*dst = st
		return nil
	}
	ignore := "INSERT OR IGNORE INTO"
	if s.dialect == Postgres {
		ignore = "INSERT INTO"
	}
	for _, p := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&w.findKey, `SELECT id, group_id FROM documents WHERE key = ?`},
		{&w.insGroup, `INSERT INTO report_groups (created_at) VALUES (?) RETURNING id`},
		{&w.insDoc, `INSERT INTO documents (` + docInsertColumns + `)
			VALUES (?` + strings.Repeat(", ?", docInsertColumnCount-1) + `) RETURNING id`},
		{&w.insSig, `INSERT INTO doc_sigs (doc_id, minhash) VALUES (?, ?)`},
		{&w.insFlag, `INSERT INTO flags (doc_id, kind, claims, message) VALUES (?, ?, ?, ?)`},
		{&w.insPlace, ignore + ` places (geonames_id, name, admin1, country, lat, lon) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`},
		{&w.insSource, ignore + ` sources (name, type) VALUES (?, ?) ON CONFLICT DO NOTHING`},
	} {
		if err := prep(p.dst, p.query); err != nil {
			w.close()
			return nil, err
		}
	}
	if s.dialect == Postgres {
		if err := prep(&w.lockKey, `SELECT pg_advisory_xact_lock(hashtext(?))`); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range w.bound {
		st.Close()
	}
}

// maxWriteStmts bounds the statements the store keeps prepared for its
// writer: a dozen fixed ones, the key lookups and the multi-row inserts
// into six tables, whose row counts are powers of two up to 64 (seven
// shapes each; insertRows).
const maxWriteStmts = 96

// stmt is query (written with ? placeholders) prepared for w's
// transaction. Every batch runs the same statements, and compiling them
// again for each transaction, the wide multi-row inserts above all, cost
// the writer a tenth of its time: the store keeps them prepared on its
// writing connection. One it has not got yet is prepared for this
// transaction only, and kept when the transaction is over (keep), since
// on SQLite the writing connection is the transaction's until then.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.bound[query]; ok {
		return st, nil
	}
	q := w.s.rebind(query)
	w.s.stmtMu.Lock()
	parent, ok := w.s.wstmts[q]
	w.s.stmtMu.Unlock()
	var st *sql.Stmt
	if ok {
		st = w.tx.StmtContext(ctx, parent)
	} else {
		var err error
		if st, err = w.tx.PrepareContext(ctx, q); err != nil {
			return nil, err
		}
		w.unkept = append(w.unkept, q)
	}
	w.bound[query] = st
	return st, nil
}

// keep prepares the statements w's transaction lacked on the writing
// connection, for the next: called once the transaction is over. A
// statement that fails to prepare is left to be prepared with its
// transaction again.
func (w *writer) keep(ctx context.Context) {
	s := w.s
	for _, q := range w.unkept {
		s.stmtMu.Lock()
		_, ok := s.wstmts[q]
		full := len(s.wstmts) >= maxWriteStmts
		s.stmtMu.Unlock()
		if ok || full {
			continue
		}
		st, err := s.wdb.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		s.stmtMu.Lock()
		if s.wstmts == nil {
			s.wstmts = map[string]*sql.Stmt{}
		}
		s.wstmts[q] = st
		s.stmtMu.Unlock()
	}
	w.unkept = nil
}

func (w *writer) save(ctx context.Context, d *Doc, same SameReport) (sv Saved, err error) {
	if w.lockKey != nil {
		// Two PostgreSQL writers offering the same document wait for each
		// other here; the second then finds the first's row.
		if _, err := w.lockKey.ExecContext(ctx, d.Key); err != nil {
			return sv, fmt.Errorf("lock: %w", err)
		}
	}
	if w.stored != nil {
		if known, ok := w.stored[d.Key]; ok {
			return known, nil
		}
	} else {
		err = w.findKey.QueryRowContext(ctx, d.Key).Scan(&sv.ID, &sv.Group)
		if err == nil {
			return sv, nil
		}
		if err != sql.ErrNoRows {
			return sv, err
		}
	}
	sv.New = true
	if sv.Group, err = w.group(ctx, d, same); err != nil {
		return sv, fmt.Errorf("report group: %w", err)
	}
	defer func() {
		if err == nil && w.recent != nil && len(d.Bands) > 0 {
			w.recent.add(sv.ID, sv.Group, d.MinHash, d.Bands)
		}
		if err == nil && w.stored != nil {
			// A copy later in the batch is this one.
			w.stored[d.Key] = Saved{ID: sv.ID, Group: sv.Group}
		}
	}()
	if d.enc == nil {
		d.Encode()
	}
	if q := w.queued; q != nil {
		sv.ID = q.nextDoc
		q.nextDoc++
		q.docs = append(q.docs, sv.ID)
		q.docs = appendDocValues(q.docs, d, sv.Group)
		if len(d.MinHash) > 0 {
			q.sigs = append(q.sigs, sv.ID, d.MinHash)
		}
	} else {
		err = w.insDoc.QueryRowContext(ctx, appendDocValues(nil, d, sv.Group)...).Scan(&sv.ID)
		if err != nil {
			return sv, fmt.Errorf("document: %w", err)
		}
		if len(d.MinHash) > 0 {
			if _, err := w.insSig.ExecContext(ctx, sv.ID, d.MinHash); err != nil {
				return sv, fmt.Errorf("signature: %w", err)
			}
		}
	}
	for _, b := range d.Bands {
		w.bands = append(w.bands, bandRow{int64(b), sv.Group, sv.ID})
	}
	if w.indexed != nil {
		w.indexed.last = sv.ID
		for _, b := range d.Bands {
			w.indexed.rows = append(w.indexed.rows, bandRow{int64(b), sv.Group, sv.ID})
		}
	}
	for i := 0; i < len(d.enc.claims); i += claimColumnCount {
		d.enc.claims[i] = sv.ID
	}
	w.claims = append(w.claims, d.enc.claims...)
	if err := w.queueResult(ctx, sv.ID, nil, d.Claims, d.Flags); err != nil {
		return sv, err
	}
	return sv, nil
}

// group finds the report group of the stored document most similar to d,
// among those sharing one of its band keys, or starts a new group.
func (w *writer) group(ctx context.Context, d *Doc, same SameReport) (int64, error) {
	if w.recent != nil && same != nil {
		// A reader looked among the documents committed then; the ones
		// stored since are in memory.
		if group, ok := w.recent.complete(d, same); ok {
			if group != 0 {
				return group, nil
			}
			return w.newGroup(ctx)
		}
	}
	if same != nil && len(d.Bands) > 0 && len(d.MinHash) > 0 {
		// The candidates include the batch's documents stored so far.
		if err := w.flushDocs(ctx); err != nil {
			return 0, err
		}
		if err := w.flushBands(ctx); err != nil {
			return 0, err
		}
		args := make([]any, len(d.Bands))
		for i, b := range d.Bands {
			args[i] = int64(b)
		}
		// A large group of reprints costs one signature, not one per
		// copy.
		if w.s.dialect == SQLite {
			args = append(args, args...)
		}
		st, err := w.stmt(ctx, candidateQuery(w.s.dialect, len(d.Bands)))
		if err != nil {
			return 0, err
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			var id, group int64
			var sig []byte
			if err := rows.Scan(&id, &group, &sig); err != nil {
				return 0, err
			}
			// The oldest matching document's group wins: groups grow
			// from their first report.
			if same(d.MinHash, sig) {
				return group, rows.Close()
			}
		}
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	return w.newGroup(ctx)
}

func (w *writer) newGroup(ctx context.Context) (int64, error) {
	if q := w.queued; q != nil {
		id := q.nextGroup
		q.nextGroup++
		q.groups = append(q.groups, id, now())
		return id, nil
	}
	var id int64
	err := w.insGroup.QueryRowContext(ctx, now()).Scan(&id)
	return id, err
}

// insertResult writes a document's claims and flags and the places and
// sources they name.
// docFields are what claims repeat of their document, for filters without joins.
type docFields struct{ published, outlet string }

func (w *writer) insertResult(ctx context.Context, docID int64, doc docFields, claims []claim.Claim, flags []claim.Flag, extractor string) error {
	rows := make([]any, 0, claimColumnCount*len(claims))
	for i := range claims {
		rows = append(rows, claimArgs(docID, doc, &claims[i], extractor)...)
	}
	if err := w.queueResult(ctx, docID, rows, claims, flags); err != nil {
		return err
	}
	return w.flushClaims(ctx)
}

// flushClaims inserts the claims queueResult queued.
func (w *writer) flushClaims(ctx context.Context) error {
	if err := w.insertRows(ctx, "claims ("+claimColumns+")", claimColumnCount, w.claims, ""); err != nil {
		return fmt.Errorf("claims: %w", err)
	}
	w.claims = w.claims[:0]
	return nil
}

// queueResult is insertResult but for the claims, whose rows it leaves
// queued for flushClaims, in order: their ids are as if inserted at once.
func (w *writer) queueResult(ctx context.Context, docID int64, rows []any, claims []claim.Claim, flags []claim.Flag) error {
	w.claims = append(w.claims, rows...)
	for i := range claims {
		c := &claims[i]
		// A batch names the same few places and sources again and again:
		// each is offered to the database once a transaction.
		if p := c.Place; p != nil && p.GeonamesID != nil && p.Name != nil && !w.seenPlaces[*p.GeonamesID] {
			if _, err := w.insPlace.ExecContext(ctx, *p.GeonamesID, *p.Name, p.Admin1, p.Country, p.Lat, p.Lon); err != nil {
				return fmt.Errorf("place: %w", err)
			}
			w.seenPlaces[*p.GeonamesID] = true
		}
		if src := c.Source; src != nil && src.Name != "" && !w.seenSources[src.Name] {
			if _, err := w.insSource.ExecContext(ctx, src.Name, string(src.Type)); err != nil {
				return fmt.Errorf("source: %w", err)
			}
			w.seenSources[src.Name] = true
		}
	}
	for _, f := range flags {
		ids, _ := json.Marshal(nonNil(f.Claims))
		if w.queued != nil {
			w.queued.flags = append(w.queued.flags, docID, string(f.Kind), string(ids), f.Message)
			continue
		}
		if _, err := w.insFlag.ExecContext(ctx, docID, string(f.Kind), string(ids), f.Message); err != nil {
			return fmt.Errorf("flag: %w", err)
		}
	}
	return nil
}

// maxRowsPerInsert keeps a multi-row insert's parameters well under
// SQLite's limit (32766) and PostgreSQL's (65535).
const maxRowsPerInsert = 500

// maxRowsPerStmt is the most rows insertRows writes with one statement. It
// is a power of two, like every row count insertRows uses: a few shapes
// serve any number of rows, and the store keeps each prepared.
const maxRowsPerStmt = 64

// insertRows inserts rows of width values each from args into table
// ("name (col, ...)"), in statements of a power of two rows each.
func (w *writer) insertRows(ctx context.Context, table string, width int, args []any, suffix string) error {
	for len(args) > 0 {
		rows := min(len(args)/width, maxRowsPerStmt)
		rows = 1 << (bits.Len(uint(rows)) - 1)
		row := "(" + placeholders(width) + ")"
		st, err := w.stmt(ctx, "INSERT INTO "+table+" VALUES "+strings.Repeat(row+", ", rows-1)+row+suffix)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, args[:rows*width]...); err != nil {
			return err
		}
		args = args[rows*width:]
	}
	return nil
}

func claimArgs(docID any, doc docFields, c *claim.Claim, extractor string) []any {
	var value, low, high *int64
	var qualifier, countText *string
	if n := c.Count; n != nil {
		value, high = n.Value, n.High
		l := n.Low
		low = &l
		q := string(n.Qualifier)
		qualifier, countText = &q, &n.Text
	}
	var pStart, pEnd, pPrec, pText *string
	dStart, dEnd := nullString(doc.published), nullString(doc.published)
	if p := c.Period; p != nil {
		prec := string(p.Precision)
		pStart, pEnd, pPrec, pText = &p.Start, &p.End, &prec, &p.Text
		dStart, dEnd = &p.Start, &p.End
	}
	var actorText, actorName *string
	if a := c.Actor; a != nil {
		actorText, actorName = &a.Text, &a.Name
	}
	var placeText, placeName, admin1, country, placePrec *string
	var geo *int64
	var lat, lon *float64
	if p := c.Place; p != nil {
		placeText, placeName, admin1, country = &p.Text, p.Name, p.Admin1, p.Country
		geo, lat, lon = p.GeonamesID, p.Lat, p.Lon
		placePrec = nullString(string(p.Precision))
	}
	var srcText, srcName, srcType *string
	if s := c.Source; s != nil {
		t := string(s.Type)
		srcText, srcName, srcType = &s.Text, &s.Name, &t
	}
	var svcName, svcStatus *string
	if s := c.Service; s != nil {
		st := string(s.Status)
		svcName, svcStatus = &s.Name, &st
	}
	return []any{docID, c.ID, string(c.Kind), value, low, high, qualifier, countText, c.Rate,
		pStart, pEnd, pPrec, pText, dStart, dEnd,
		nullString(string(c.Victims)), nullString(c.VictimsText), nullString(string(c.Cause)), nullString(c.CauseText),
		actorText, actorName,
		placeText, placeName, admin1, country, geo, lat, lon, placePrec,
		srcText, srcName, srcType, svcName, svcStatus,
		c.Quote.Start, c.Quote.End, c.Quote.Text, c.InHeadline, c.Hypothetical, extractor, nullString(doc.outlet),
		dateClass(dStart, dEnd)}
}

// The classes of how long a claim's period is (date_class): the longest
// period of each class, in days.
var classDays = [...]int{31, 400}

// dateClass is the class of the period start..end: 0 when it lasts at
// most 31 days, 1 at most 400, 2 longer or when a date does not parse;
// nil without dates.
func dateClass(start, end *string) any {
	if start == nil || end == nil {
		return nil
	}
	a, err1 := time.Parse(time.DateOnly, *start)
	b, err2 := time.Parse(time.DateOnly, *end)
	if err1 != nil || err2 != nil {
		return len(classDays)
	}
	days := b.Sub(a).Hours() / 24
	for class, max := range classDays {
		if days <= float64(max) {
			return class
		}
	}
	return len(classDays)
}

// indexText adds the new documents' text (when docs is set) and their
// claims' quotes to SQLite's full-text tables, one statement each for the
// whole batch. PostgreSQL indexes generated columns by itself.
func (s *Store) indexText(ctx context.Context, tx *sql.Tx, ids []int64, docs bool) error {
	if s.dialect != SQLite || len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	in := "(" + placeholders(len(ids)) + ")"
	if docs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, body)
			SELECT id, title, body FROM documents WHERE id IN `+in, args...); err != nil {
			return fmt.Errorf("index documents: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claims_fts (rowid, quote, admin1)
		SELECT id, quote, admin1 FROM claims WHERE doc_id IN `+in, args...); err != nil {
		return fmt.Errorf("index claims: %w", err)
	}
	return nil
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func nonNilPlaces(ps []claim.Place) []claim.Place {
	if ps == nil {
		return []claim.Place{}
	}
	return ps
}
