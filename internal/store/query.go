package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tallyhq/tally/internal/claim"
)

// ClaimFilter selects stored claims; zero fields select everything. Names
// are compared without regard to case.
type ClaimFilter struct {
	Places     []string // the place as resolved (else as written, when unresolved); any of these
	Admin1     string
	Country    string // ISO code
	Kinds      []claim.Kind
	Victims    []claim.Victims
	Causes     []claim.Cause
	Source     string // normalised source name
	SourceType claim.SourceType
	Outlet     string
	From, To   string // YYYY-MM-DD: claims whose dates overlap From..To
	Text       string // words in the quote
	DocID      int64
	CID        string // with DocID: the claim's id within its document
	// Incident selects the claims verification put in this incident.
	Incident int64
	// Hypothetical includes figures the text only supposes.
	Hypothetical bool
	// Rejected includes claims whose latest review rejects them.
	Rejected bool
	Limit    int   // at most this many; 0 means all
	Before   int64 // cursor: claims stored before this claim id
}

// StoredClaim is a claim with the document it came from.
type StoredClaim struct {
	claim.Claim
	RowID     int64 // the store's claim id: a pagination cursor
	DocID     int64
	DocKey    string
	DocExtID  string
	Title     string
	Published string
	Outlet    string
	URL       string
	Group     int64
	Extractor string
	// Review is the latest decision on the claim, nil when none. After a
	// correction, Claim holds the corrected fields and Original the claim
	// as extracted.
	Review   *Review
	Original *claim.Claim
}

// Ref names a stored claim: the store's document id and the claim's id
// within it ("17/c2").
func (c StoredClaim) Ref() string { return strconv.FormatInt(c.DocID, 10) + "/" + c.ID }

// Claims streams the claims f selects, newest stored first, with their
// latest reviews applied: a corrected field shows its corrected value, and
// rejected claims are left out unless f.Rejected. Filters compare the
// claims as extracted, and a corrected claim is also checked against them
// as corrected, so a claim corrected away from a filter is not given; one
// corrected into a filter's values is found by its old values only.
func (s *Store) Claims(ctx context.Context, f ClaimFilter) iter.Seq2[StoredClaim, error] {
	return func(yield func(StoredClaim, error) bool) {
		want, given := f.Limit, 0
		for {
			scanned, last := 0, int64(0)
			pl, err := s.planClaims(ctx, f)
			if err != nil {
				yield(StoredClaim{}, fmt.Errorf("claims: %w", err))
				return
			}
			q, args := s.claimQuery(f, pl)
			rows, err := s.db.QueryContext(ctx, q, args...)
			if err != nil {
				yield(StoredClaim{}, fmt.Errorf("claims: %w", err))
				return
			}
			for rows.Next() {
				c, err := scanClaim(rows)
				if err != nil {
					rows.Close()
					yield(StoredClaim{}, fmt.Errorf("claims: %w", err))
					return
				}
				scanned, last = scanned+1, c.RowID
				if !f.matchesCorrected(&c) {
					continue
				}
				given++
				if !yield(c, nil) {
					rows.Close()
					return
				}
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				yield(StoredClaim{}, fmt.Errorf("claims: %w", err))
				return
			}
			// A corrected claim left out makes a limited page short: read
			// on from where it stopped until the page is full.
			if want == 0 || f.DocID != 0 || scanned < f.Limit || given >= want {
				return
			}
			f.Limit, f.Before = want-given, last
		}
	}
}

// where accumulates a query's conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) in(column string, values []string) {
	if len(values) == 0 {
		return
	}
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	w.add(column+" IN ("+placeholders(len(values))+")", args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

const claimSelect = `SELECT c.id, c.cid, c.kind, c.value, c.low, c.high, c.qualifier, c.count_text, c.rate,
	c.period_start, c.period_end, c.period_precision, c.period_text,
	c.victims, c.victims_text, c.cause, c.cause_text, c.actor_text, c.actor_name,
	c.place_text, c.place_name, c.admin1, c.country, c.geonames_id, c.lat, c.lon, c.place_precision,
	c.source_text, c.source_name, c.source_type, c.service_name, c.service_status,
	c.quote_start, c.quote_end, c.quote, c.in_headline, c.hypothetical, c.extractor,
	d.id, d.key, d.ext_id, d.title, d.published, d.source, d.url, d.group_id,
	r.id, r.decision, r.fields, r.reviewer, r.reason, r.created_at, r.cid
	FROM claims c JOIN documents d ON d.id = c.doc_id` + latestReviewJoin

// windowGather is how many claims a period may hold at most for the
// store to gather them all and sort them, rather than walk claims in id
// order until a page is full: a period of k claims among n costs k
// gathered claims one way and about 100·n/k walked the other (a page of
// 100), so the bound is about √(100·n), 10,000 for a million claims.
// Gathering 4,000 claims of 2012 from a real-text store of 611,000 took
// 35 ms; walking to a page of them 110 ms.
func windowGather(claims int64) int {
	return max(1000, int(math.Sqrt(100*float64(claims))))
}

// periodWindow selects the ids of the claims whose dates overlap
// from..to (either may be empty), SQLite's claims_window index driving:
// for each class of period length the start lies in a closed range. ok is
// false when from is not a date.
func periodWindow(from, to string) (q string, args []any, ok bool) {
	var start time.Time
	if from != "" {
		var err error
		if start, err = time.Parse(time.DateOnly, from); err != nil {
			return "", nil, false
		}
	}
	var parts []string
	for class := 0; class <= len(classDays); class++ {
		var w where
		w.add("date_class = ?", class)
		if from != "" && class < len(classDays) {
			w.add("date_start >= ?", start.AddDate(0, 0, -classDays[class]).Format(time.DateOnly))
		}
		if to != "" {
			w.add("date_start <= ?", to)
		}
		if from != "" {
			w.add("date_end >= ?", from)
		}
		parts = append(parts, "SELECT id FROM claims"+w.String())
		args = append(args, w.args...)
	}
	return strings.Join(parts, " UNION ALL "), args, true
}

// claimPlan is how SQLite is told to run a claim query where its planner
// would walk claims newest first past nearly every one (PostgreSQL plans
// from its column statistics).
type claimPlan struct {
	// window: the claims of the period are few; gather them, then filter
	// and sort.
	window bool
}

// planClaims decides f's claimPlan by counting, on claims_window alone
// and up to windowGather, the claims of f's period.
func (s *Store) planClaims(ctx context.Context, f ClaimFilter) (claimPlan, error) {
	var pl claimPlan
	if s.dialect != SQLite || f.DocID != 0 || f.Text != "" || (f.From == "" && f.To == "") {
		return pl, nil
	}
	q, args, ok := periodWindow(f.From, f.To)
	if !ok {
		return pl, nil
	}
	var last sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT max(id) FROM claims`).Scan(&last); err != nil {
		return pl, fmt.Errorf("period: %w", err)
	}
	bound := windowGather(last.Int64)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+` LIMIT `+strconv.Itoa(bound)+`)`, args...).Scan(&n)
	if err != nil {
		return pl, fmt.Errorf("period: %w", err)
	}
	pl.window = n < bound
	return pl, nil
}

// claimQuery is the query for f, run as pl says.
func (s *Store) claimQuery(f ClaimFilter, pl claimPlan) (string, []any) {
	var w where
	if len(f.Places) > 0 {
		lower := make([]string, len(f.Places))
		for i, p := range f.Places {
			lower[i] = strings.ToLower(p)
		}
		w.in("lower(coalesce(c.place_name, c.place_text))", lower)
	}
	if f.Admin1 != "" {
		w.add("lower(c.admin1) = ?", strings.ToLower(f.Admin1))
	}
	if f.Country != "" {
		w.add("lower(c.country) = ?", strings.ToLower(f.Country))
	}
	w.in("c.kind", strs(f.Kinds))
	w.in("c.victims", strs(f.Victims))
	w.in("c.cause", strs(f.Causes))
	if f.Source != "" {
		w.add("lower(c.source_name) = ?", strings.ToLower(f.Source))
	}
	if f.SourceType != "" {
		w.add("c.source_type = ?", string(f.SourceType))
	}
	if f.Outlet != "" {
		w.add("lower(c.outlet) = ?", strings.ToLower(f.Outlet))
	}
	if f.From != "" {
		w.add("c.date_end >= ?", f.From)
	}
	if f.To != "" {
		w.add("c.date_start <= ?", f.To)
	}
	if f.Text != "" {
		if s.dialect == Postgres {
			w.add("c.tsv @@ plainto_tsquery('english', ?)", f.Text)
		} else {
			w.add("claims_fts MATCH ?", ftsQuery(f.Text))
		}
	}
	if f.DocID != 0 {
		w.add("c.doc_id = ?", f.DocID)
	}
	if f.CID != "" {
		w.add("c.cid = ?", f.CID)
	}
	if f.Incident != 0 {
		w.add("c.id IN (SELECT claim_id FROM verdicts WHERE incident_id = ?)", f.Incident)
	}
	if !f.Hypothetical {
		w.add("c.hypothetical = ?", false)
	}
	if !f.Rejected {
		w.add("(r.decision IS NULL OR r.decision <> ?)", string(Reject))
	}
	if f.Before > 0 {
		w.add("c.id < ?", f.Before)
	}
	sel, order := claimSelect, "c.id"
	if pl.window {
		// The window's claims first (CROSS JOIN keeps SQLite's join
		// order), filtered, sorted and cut to a page by their own
		// columns and reviews; only the page is joined to its documents,
		// whose columns lie past their text.
		wq, wargs, _ := periodWindow(f.From, f.To)
		page := "SELECT c.id FROM (" + wq + ") win CROSS JOIN claims c ON c.id = win.id" + latestReviewJoin +
			w.String() + " ORDER BY c.id DESC"
		if f.Limit > 0 {
			page += " LIMIT " + strconv.Itoa(f.Limit)
		}
		q := strings.Replace(claimSelect, "FROM claims c ", "FROM ("+page+") page CROSS JOIN claims c ON c.id = page.id ", 1) +
			" ORDER BY c.id DESC"
		return s.rebind(q), append(wargs, w.args...)
	}
	if f.Text != "" && s.dialect == SQLite {
		// Driven by the full-text index in its rowid order, a page of the
		// newest matches stops after a page, where a rowid list of every
		// match would be gathered and sorted first.
		sel = strings.Replace(claimSelect, "FROM claims c ", "FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid ", 1)
		order = "claims_fts.rowid"
	}
	q := sel + w.String() + " ORDER BY " + order + " DESC"
	if f.DocID != 0 {
		q = sel + w.String() + " ORDER BY " + order
	}
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return s.rebind(q), w.args
}

// ftsQuery makes words typed by a person into an FTS5 query that matches
// documents holding all of them: each word becomes a quoted string, so that
// FTS5's operators and punctuation in the input cannot make a syntax error.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	if len(words) == 0 {
		return `""`
	}
	return strings.Join(words, " ")
}

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

func scanClaim(r scanner) (StoredClaim, error) {
	var c StoredClaim
	var value, low, high, geo sql.NullInt64
	var qualifier, countText, rate, pStart, pEnd, pPrec, pText sql.NullString
	var victims, victimsText, cause, causeText, actorText, actorName sql.NullString
	var placeText, placeName, admin1, country, placePrec sql.NullString
	var lat, lon sql.NullFloat64
	var srcText, srcName, srcType, svcName, svcStatus sql.NullString
	var published, outlet, url sql.NullString
	var rID sql.NullInt64
	var rDecision, rFields, rReviewer, rReason, rCreated, rCID sql.NullString
	err := r.Scan(&c.RowID, &c.ID, &c.Kind, &value, &low, &high, &qualifier, &countText, &rate,
		&pStart, &pEnd, &pPrec, &pText,
		&victims, &victimsText, &cause, &causeText, &actorText, &actorName,
		&placeText, &placeName, &admin1, &country, &geo, &lat, &lon, &placePrec,
		&srcText, &srcName, &srcType, &svcName, &svcStatus,
		&c.Quote.Start, &c.Quote.End, &c.Quote.Text, &c.InHeadline, &c.Hypothetical, &c.Extractor,
		&c.DocID, &c.DocKey, &c.DocExtID, &c.Title, &published, &outlet, &url, &c.Group,
		&rID, &rDecision, &rFields, &rReviewer, &rReason, &rCreated, &rCID)
	if err != nil {
		return c, err
	}
	c.Published, c.Outlet, c.URL = published.String, outlet.String, url.String
	if qualifier.Valid {
		c.Count = &claim.Count{Value: ptrInt(value), Low: low.Int64, High: ptrInt(high),
			Qualifier: claim.Qualifier(qualifier.String), Text: countText.String}
	}
	c.Rate = ptrString(rate)
	if pStart.Valid {
		c.Period = &claim.Period{Start: pStart.String, End: pEnd.String,
			Precision: claim.Precision(pPrec.String), Text: pText.String}
	}
	c.Victims, c.VictimsText = claim.Victims(victims.String), victimsText.String
	c.Cause, c.CauseText = claim.Cause(cause.String), causeText.String
	if actorText.Valid {
		c.Actor = &claim.Actor{Text: actorText.String, Name: actorName.String}
	}
	if placeText.Valid {
		c.Place = &claim.Place{Text: placeText.String, Name: ptrString(placeName), Admin1: ptrString(admin1),
			Country: ptrString(country), GeonamesID: ptrInt(geo), Lat: ptrFloat(lat), Lon: ptrFloat(lon),
			Precision: claim.Precision(placePrec.String)}
	}
	if srcName.Valid {
		c.Source = &claim.Source{Text: srcText.String, Name: srcName.String, Type: claim.SourceType(srcType.String)}
	}
	if svcName.Valid {
		c.Service = &claim.ServiceState{Name: svcName.String, Status: claim.ServiceStatus(svcStatus.String)}
	}
	if err := overlay(&c, rID, rDecision, rFields, rReviewer, rReason, rCreated, rCID); err != nil {
		return c, err
	}
	return c, nil
}

func ptrInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

func ptrFloat(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

func ptrString(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// DocFilter selects stored documents; zero fields select everything.
type DocFilter struct {
	Text     string // words in the title or text
	Outlet   string
	Admin1   string // of the primary place
	From, To string // publication dates, YYYY-MM-DD
	Group    int64
	Limit    int
	Before   int64 // cursor: documents stored before this id
}

// DocSummary is a stored document without its text.
type DocSummary struct {
	ID           int64
	Key          string
	ExtID        string
	Title        string
	Published    string
	Source       string
	URL          string
	Origin       string
	Group        int64
	PrimaryPlace *claim.Place
	Claims       int
	Extractor    string
	Ingested     string
}

const docSelect = `SELECT d.id, d.key, d.ext_id, d.title, d.published, d.source, d.url, d.origin, d.group_id,
	d.primary_name, d.primary_admin1, d.primary_country, d.extractor, d.ingested_at,
	(SELECT count(*) FROM claims c WHERE c.doc_id = d.id)
	FROM documents d`

func scanDocSummary(r scanner) (DocSummary, error) {
	var d DocSummary
	var published, source, url, pName, pAdmin1, pCountry sql.NullString
	err := r.Scan(&d.ID, &d.Key, &d.ExtID, &d.Title, &published, &source, &url, &d.Origin, &d.Group,
		&pName, &pAdmin1, &pCountry, &d.Extractor, &d.Ingested, &d.Claims)
	if err != nil {
		return d, err
	}
	d.Published, d.Source, d.URL = published.String, source.String, url.String
	if pAdmin1.Valid || pCountry.Valid {
		text := pName.String
		if text == "" {
			text = pAdmin1.String
		}
		d.PrimaryPlace = &claim.Place{Text: text, Name: ptrString(pName), Admin1: ptrString(pAdmin1), Country: ptrString(pCountry)}
	}
	return d, nil
}

// Documents streams the documents f selects, newest stored first.
func (s *Store) Documents(ctx context.Context, f DocFilter) iter.Seq2[DocSummary, error] {
	return func(yield func(DocSummary, error) bool) {
		var w where
		if f.Text != "" {
			if s.dialect == Postgres {
				w.add("d.tsv @@ plainto_tsquery('english', ?)", f.Text)
			} else {
				w.add("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", ftsQuery(f.Text))
			}
		}
		if f.Outlet != "" {
			w.add("lower(d.source) = ?", strings.ToLower(f.Outlet))
		}
		if f.Admin1 != "" {
			w.add("lower(d.primary_admin1) = ?", strings.ToLower(f.Admin1))
		}
		if f.From != "" {
			w.add("d.published >= ?", f.From)
		}
		if f.To != "" {
			w.add("d.published <= ?", f.To)
		}
		if f.Group != 0 {
			w.add("d.group_id = ?", f.Group)
		}
		if f.Before > 0 {
			w.add("d.id < ?", f.Before)
		}
		q := docSelect + w.String() + " ORDER BY d.id DESC"
		if f.Limit > 0 {
			q += " LIMIT " + strconv.Itoa(f.Limit)
		}
		rows, err := s.db.QueryContext(ctx, s.rebind(q), w.args...)
		if err != nil {
			yield(DocSummary{}, fmt.Errorf("documents: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDocSummary(rows)
			if err != nil {
				yield(DocSummary{}, fmt.Errorf("documents: %w", err))
				return
			}
			if !yield(d, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(DocSummary{}, fmt.Errorf("documents: %w", err))
		}
	}
}

// StoredDoc is one document with everything stored about it.
type StoredDoc struct {
	DocSummary
	Body    string
	HTML    bool
	Plain   bool
	Credits []string
	Places  []claim.Place
	Claims  []StoredClaim
	Flags   []claim.Flag
	// Copies are the other documents of its report group: the same story
	// as other outlets carried it.
	Copies []DocSummary
}

// Document returns one stored document with its claims, flags and report
// group. ref is the store's numeric id, the document's SPEC id, or a prefix
// of at least 8 characters of its key.
func (s *Store) Document(ctx context.Context, ref string) (*StoredDoc, error) {
	id, err := s.resolveRef(ctx, ref)
	if err != nil {
		return nil, err
	}
	var d StoredDoc
	row := s.db.QueryRowContext(ctx, s.rebind(docSelect+" WHERE d.id = ?"), id)
	if d.DocSummary, err = scanDocSummary(row); err != nil {
		return nil, fmt.Errorf("document %s: %w", ref, err)
	}
	var credits, places string
	err = s.db.QueryRowContext(ctx, s.rebind(`SELECT body, html, plain, credits, places FROM documents WHERE id = ?`), id).
		Scan(&d.Body, &d.HTML, &d.Plain, &credits, &places)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", ref, err)
	}
	if err := json.Unmarshal([]byte(credits), &d.Credits); err != nil {
		return nil, fmt.Errorf("document %s: credits: %w", ref, err)
	}
	if err := json.Unmarshal([]byte(places), &d.Places); err != nil {
		return nil, fmt.Errorf("document %s: places: %w", ref, err)
	}
	for c, err := range s.Claims(ctx, ClaimFilter{DocID: id, Hypothetical: true, Rejected: true}) {
		if err != nil {
			return nil, fmt.Errorf("document %s: %w", ref, err)
		}
		d.Claims = append(d.Claims, c)
	}
	if d.Flags, err = s.flags(ctx, id); err != nil {
		return nil, fmt.Errorf("document %s: %w", ref, err)
	}
	for c, err := range s.Documents(ctx, DocFilter{Group: d.Group}) {
		if err != nil {
			return nil, fmt.Errorf("document %s: %w", ref, err)
		}
		if c.ID != id {
			d.Copies = append(d.Copies, c)
		}
	}
	return &d, nil
}

func (s *Store) resolveRef(ctx context.Context, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, fmt.Errorf("document %q: %w", ref, ErrNotFound)
	}
	try := func(q string, args ...any) (int64, bool, error) {
		var id int64
		err := s.db.QueryRowContext(ctx, s.rebind(q), args...).Scan(&id)
		if err == sql.ErrNoRows {
			return 0, false, nil
		}
		return id, err == nil, err
	}
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil {
		if id, ok, err := try(`SELECT id FROM documents WHERE id = ?`, n); ok || err != nil {
			return id, err
		}
	}
	if id, ok, err := try(`SELECT id FROM documents WHERE ext_id = ? ORDER BY id LIMIT 1`, ref); ok || err != nil {
		return id, err
	}
	if len(ref) >= 8 && isHex(ref) {
		// '~' sorts after every hex digit: the range holds the keys
		// that start with ref.
		lo := strings.ToLower(ref)
		if id, ok, err := try(`SELECT id FROM documents WHERE key >= ? AND key < ? ORDER BY key LIMIT 1`, lo, lo+"~"); ok || err != nil {
			return id, err
		}
	}
	return 0, fmt.Errorf("document %q: %w", ref, ErrNotFound)
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

func (s *Store) flags(ctx context.Context, docID int64) ([]claim.Flag, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT kind, claims, message FROM flags WHERE doc_id = ? ORDER BY id`), docID)
	if err != nil {
		return nil, fmt.Errorf("flags: %w", err)
	}
	defer rows.Close()
	var out []claim.Flag
	for rows.Next() {
		var f claim.Flag
		var ids string
		if err := rows.Scan(&f.Kind, &ids, &f.Message); err != nil {
			return nil, fmt.Errorf("flags: %w", err)
		}
		if err := json.Unmarshal([]byte(ids), &f.Claims); err != nil {
			return nil, fmt.Errorf("flags: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Counts is how much the store holds.
type Counts struct {
	Documents, Claims, Flags, Groups int64
}

// Count counts what the store holds.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM claims),
		(SELECT count(*) FROM flags), (SELECT count(DISTINCT group_id) FROM documents)`).
		Scan(&c.Documents, &c.Claims, &c.Flags, &c.Groups)
	if err != nil {
		return c, fmt.Errorf("count: %w", err)
	}
	return c, nil
}
