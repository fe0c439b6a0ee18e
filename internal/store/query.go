package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"reflect"
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
	// Unreviewed selects only claims with no standing decision: never
	// reviewed, or reopened since: the review queue.
	Unreviewed bool
	Limit      int   // at most this many; 0 means all
	Before     int64 // cursor: claims stored before this claim id

	// dates is how a SQLite query finds a period's claims: see
	// planClaims.
	dates periodPlan
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
		for r, err := range s.claims(ctx, f, claimSelect, scanClaimRow, nil) {
			if !yield(*r.Claim, err) {
				return
			}
		}
	}
}

// ClaimRow is a claim of ClaimRows: its id, its row and, unless the
// reader knew the row, the claim read from it.
type ClaimRow struct {
	RowID int64
	// Row is the claim's columns with its document's and its latest
	// review's, as one JSON array: two equal rows are the same claim,
	// read the same. Empty on PostgreSQL, whose rows are read as Claims
	// reads them.
	Row   string
	Claim *StoredClaim // nil when known(Row)
}

// ClaimRows is Claims for a reader that keeps what it makes of a claim by
// its row: the claims f selects, in Claims' order, each with its row, and
// read into a StoredClaim only when known says the reader does not keep
// that row (or when the claim has a review, which the filters check again
// as corrected). A claim's columns cost more to read one by one than as
// one text; what a reader made of an equal row is what it would make again.
func (s *Store) ClaimRows(ctx context.Context, f ClaimFilter, known func(row string) bool) iter.Seq2[ClaimRow, error] {
	if s.dialect != SQLite {
		return s.claims(ctx, f, claimSelect, scanClaimRow, nil)
	}
	return s.claims(ctx, f, claimRowSelect, scanJSONRow, known)
}

// scanClaimRow scans claimSelect's columns.
func scanClaimRow(r scanner, _ func(string) bool) (ClaimRow, error) {
	c, err := scanClaim(r)
	return ClaimRow{RowID: c.RowID, Claim: &c}, err
}

// scanJSONRow scans claimRowSelect's columns, reading the claim from its
// row unless known.
func scanJSONRow(r scanner, known func(string) bool) (ClaimRow, error) {
	var row ClaimRow
	var review sql.NullInt64
	if err := r.Scan(&row.RowID, &row.Row, &review); err != nil {
		return row, err
	}
	if !review.Valid && known != nil && known(row.Row) {
		return row, nil
	}
	c, err := scanClaim(jsonRow(row.Row))
	row.Claim = &c
	return row, err
}

// claims runs f's query with sel's columns, scanning each row with scan.
func (s *Store) claims(ctx context.Context, f ClaimFilter, sel string,
	scan func(scanner, func(string) bool) (ClaimRow, error), known func(string) bool) iter.Seq2[ClaimRow, error] {
	return func(yield func(ClaimRow, error) bool) {
		fail := func(err error) { yield(ClaimRow{Claim: &StoredClaim{}}, fmt.Errorf("claims: %w", err)) }
		pl, err := s.planClaims(ctx, f)
		if err != nil {
			fail(err)
			return
		}
		if f.dates = pl.dates; f.dates == byNothing {
			return
		}
		want, given := f.Limit, 0
		for {
			scanned, last := 0, int64(0)
			q, args := s.claimQuery(f, pl, sel)
			rows, err := s.query(ctx, q, args...)
			if err != nil {
				fail(err)
				return
			}
			for rows.Next() {
				r, err := scan(rows, known)
				if err != nil {
					rows.Close()
					fail(err)
					return
				}
				scanned, last = scanned+1, r.RowID
				if r.Claim != nil && !f.matchesCorrected(r.Claim) {
					continue
				}
				given++
				if !yield(r, nil) {
					rows.Close()
					return
				}
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				fail(err)
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

// facets are the conditions on a claim's own fields that claim lists and
// place counts share; empty ones select everything.
type facets struct {
	admin1, country string
	kinds           []claim.Kind
	victims         []claim.Victims
	causes          []claim.Cause
	source          string
	sourceType      claim.SourceType
}

func (w *where) facets(f facets) {
	if f.admin1 != "" {
		w.add("lower(c.admin1) = ?", strings.ToLower(f.admin1))
	}
	if f.country != "" {
		w.add("lower(c.country) = ?", strings.ToLower(f.country))
	}
	w.in("c.kind", strs(f.kinds))
	w.in("c.victims", strs(f.victims))
	w.in("c.cause", strs(f.causes))
	if f.source != "" {
		w.add("lower(c.source_name) = ?", strings.ToLower(f.source))
	}
	if f.sourceType != "" {
		w.add("c.source_type = ?", string(f.sourceType))
	}
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

// claimReadColumns are what scanClaim reads of a claim, its document and its
// latest review, in order.
const claimReadColumns = `c.id, c.cid, c.kind, c.value, c.low, c.high, c.qualifier, c.count_text, c.rate,
	c.period_start, c.period_end, c.period_precision, c.period_text,
	c.victims, c.victims_text, c.cause, c.cause_text, c.actor_text, c.actor_name,
	c.place_text, c.place_name, c.admin1, c.country, c.geonames_id, c.lat, c.lon, c.place_precision,
	c.source_text, c.source_name, c.source_type, c.service_name, c.service_status,
	c.quote_start, c.quote_end, c.quote, c.in_headline, c.hypothetical, c.extractor,
	d.id, d.key, d.ext_id, d.title, d.published, d.source, d.url, d.group_id,
	r.id, r.decision, r.fields, r.reviewer, r.reason, r.created_at, r.cid`

const claimSelect = `SELECT ` + claimReadColumns + `
	FROM claims c JOIN documents d ON d.id = c.doc_id` + latestReviewJoin

// claimRowSelect reads claimReadColumns as one JSON array (ClaimRows), the
// coordinates as text of 17 digits, which give back the very doubles
// stored, then the latest review's id apart.
var claimRowSelect = `SELECT c.id, json_array(` + strings.NewReplacer(
	"c.lat,", "iif(c.lat IS NULL, NULL, printf('%!.17g', c.lat)),",
	"c.lon,", "iif(c.lon IS NULL, NULL, printf('%!.17g', c.lon)),").Replace(claimReadColumns) + `), r.id
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
	classes, ok := periodClasses(from, to, "")
	if !ok {
		return "", nil, false
	}
	parts := make([]string, len(classes))
	for i, w := range classes {
		parts[i] = "SELECT id FROM claims" + w.String()
		args = append(args, w.args...)
	}
	return strings.Join(parts, " UNION ALL "), args, true
}

// periodClasses are the conditions on the columns of claims (named with
// prefix, "c." or "") that a claim of each class of period length meets
// when its dates overlap from..to: together, exactly that overlap.
func periodClasses(from, to, prefix string) ([]where, bool) {
	var start time.Time
	if from != "" {
		var err error
		if start, err = time.Parse(time.DateOnly, from); err != nil {
			return nil, false
		}
	}
	var classes []where
	for class := 0; class <= len(classDays); class++ {
		var w where
		w.add(prefix+"date_class = ?", class)
		if from != "" && class < len(classDays) {
			w.add(prefix+"date_start >= ?", start.AddDate(0, 0, -classDays[class]).Format(time.DateOnly))
		}
		if to != "" {
			w.add(prefix+"date_start <= ?", to)
		}
		if from != "" {
			w.add(prefix+"date_end >= ?", from)
		}
		classes = append(classes, w)
	}
	return classes, true
}

// claimPlan is how SQLite is told to run a claim query where its planner
// would walk claims newest first past nearly every one (PostgreSQL plans
// from its column statistics).
type claimPlan struct {
	// window: the claims of the period are few; gather them, then filter
	// and sort.
	window bool
	// dates: else how the period's claims are found.
	dates periodPlan
}

// planClaims decides f's claimPlan for a period by counting, up to a
// bound, the claims claims_window gives, cheapest first: each end of the
// period alone, which finds an empty period at once and a few candidates
// in a few probes, and only when both ends let many through, the period
// itself, whose count costs most. Plans are kept for the next query of the
// same period (Store.plans).
func (s *Store) planClaims(ctx context.Context, f ClaimFilter) (claimPlan, error) {
	if s.dialect != SQLite || (f.From == "" && f.To == "") || f.DocID != 0 {
		return claimPlan{}, nil
	}
	var last sql.NullInt64
	if err := s.queryRow(ctx, `SELECT max(id) FROM claims`).Scan(&last); err != nil {
		return claimPlan{}, fmt.Errorf("period: %w", err)
	}
	key := planKeyOf(f)
	if pl, ok := s.plans.recall(key, last.Int64); ok {
		return pl, nil
	}
	pl, err := s.planPeriod(ctx, f, last.Int64)
	if err == nil {
		s.plans.keep(key, last.Int64, pl)
	}
	return pl, err
}

// planPeriod counts what planClaims decides by; last is the largest claim
// id.
func (s *Store) planPeriod(ctx context.Context, f ClaimFilter, last int64) (claimPlan, error) {
	var pl claimPlan
	// Each end alone is a window too: claims_window bounds where the
	// claims ending after From start (but for the few long or undated
	// ones), and those starting before To are a range of it. The claims
	// of the period are a part of either end's, so that when one end's
	// are few, gathering the period's is cheap.
	for _, end := range [][2]string{{f.From, ""}, {"", f.To}} {
		if end == [2]string{} {
			continue
		}
		q, args, ok := periodWindow(end[0], end[1])
		if !ok {
			continue
		}
		var n int
		if err := s.queryRow(ctx, `SELECT count(*) FROM (`+q+` LIMIT ?)`, append(args, fewCandidates)...).Scan(&n); err != nil {
			return pl, fmt.Errorf("period: %w", err)
		}
		switch {
		case n == 0:
			pl.dates = byNothing
			return pl, nil
		case f.Text != "":
			// A search keeps its own order, newest match first: looking
			// up each of the period's claims in the full-text index
			// costs about a millisecond for a common word.
		case n < fewCandidates:
			pl.window = true
			return pl, nil
		}
	}
	if f.Text != "" {
		return pl, nil
	}
	q, args, ok := periodWindow(f.From, f.To)
	if ok {
		bound := windowGather(last)
		var n int
		err := s.queryRow(ctx, `SELECT count(*) FROM (`+q+` LIMIT `+strconv.Itoa(bound)+`)`, args...).Scan(&n)
		if err != nil {
			return pl, fmt.Errorf("period: %w", err)
		}
		if n < bound {
			pl.window = true
			return pl, nil
		}
	}
	pl.dates = byID
	return pl, nil
}

// claimQuery is the query for f with sel's columns (claimSelect or
// claimRowSelect), run as pl says.
func (s *Store) claimQuery(f ClaimFilter, pl claimPlan, sel string) (string, []any) {
	var w where
	if len(f.Places) > 0 {
		lower := make([]string, len(f.Places))
		for i, p := range f.Places {
			lower[i] = strings.ToLower(p)
		}
		w.in("lower(coalesce(c.place_name, c.place_text))", lower)
	}
	w.facets(facets{f.Admin1, f.Country, f.Kinds, f.Victims, f.Causes, f.Source, f.SourceType})
	if f.Outlet != "" {
		w.add("lower(c.outlet) = ?", strings.ToLower(f.Outlet))
	}
	// A unary + keeps SQLite from using the column's index.
	end, start := "c.date_end", "c.date_start"
	if f.dates == byID {
		end, start = "+"+end, "+"+start
	}
	if f.From != "" {
		w.add(end+" >= ?", f.From)
	}
	if f.To != "" {
		w.add(start+" <= ?", f.To)
	}
	if f.Text != "" {
		if s.dialect == Postgres {
			w.add("c.tsv @@ plainto_tsquery('english', ?)", f.Text)
		} else {
			w.add("claims_fts MATCH ?", claimSearch(f.Text, f.Admin1))
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
	if f.Unreviewed {
		w.add("(r.decision IS NULL OR r.decision = ?)", string(Reopen))
	}
	if pl.window {
		// The window's claims first (CROSS JOIN keeps SQLite's join
		// order), filtered, sorted and cut to a page by their own
		// columns and reviews; only the page is joined to its documents,
		// whose columns lie past their text.
		if f.Before > 0 {
			w.add("c.id < ?", f.Before)
		}
		wq, wargs, _ := periodWindow(f.From, f.To)
		page := "SELECT c.id FROM (" + wq + ") win CROSS JOIN claims c ON c.id = win.id" + latestReviewJoin +
			w.String() + " ORDER BY c.id DESC"
		if f.Limit > 0 {
			page += " LIMIT " + strconv.Itoa(f.Limit)
		}
		q := strings.Replace(sel, "FROM claims c ", "FROM ("+page+") page CROSS JOIN claims c ON c.id = page.id ", 1) +
			" ORDER BY c.id DESC"
		return s.rebind(q), append(wargs, w.args...)
	}
	order := "c.id"
	if f.Text != "" && s.dialect == SQLite {
		// Driven by the full-text index in its rowid order, a page of the
		// newest matches stops after a page, where a rowid list of every
		// match would be gathered and sorted first.
		sel = strings.Replace(sel, "FROM claims c ", "FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid ", 1)
		order = "claims_fts.rowid"
	}
	if f.Before > 0 {
		// On the ordering column, so that an index (full-text too) starts
		// at the cursor rather than skipping the pages before it.
		w.add(order+" < ?", f.Before)
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

// periodPlan is how SQLite finds the claims of a period (From, To): its
// planner has no statistics of value ranges and would walk every claim
// newest first, which finds a page at once when the period holds many
// claims and reads the whole table when it holds none.
type periodPlan int

const (
	byPlanner periodPlan = iota // no period, or not SQLite
	byID                        // newest first, the period checked on each claim
	byNothing                   // no claim ends after From, or none starts before To
)

// fewCandidates bounds the claims or documents a period's index gives for
// them to be read all and sorted rather than found newest first: reading
// this many rows costs a few milliseconds, and when a side of the period
// matches more, a walk newest first meets its matches early.
var fewCandidates = 2000

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

// claimSearch is the claims_fts query for words typed by a person, in a
// claim's quote, and for a province when one is asked for: the index then
// gives only the claims of the province (or of one whose name holds the
// same words; the exact comparison follows), where it would otherwise give
// every match for the query to check.
func claimSearch(text, admin1 string) string {
	q := "quote : (" + ftsQuery(text) + ")"
	if admin1 != "" {
		q += " AND admin1 : (" + ftsQuery(admin1) + ")"
	}
	return q
}

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

// jsonRow is a row of columns as one JSON array (claimRowSelect), scanned
// into the destinations scanClaim gives as database/sql scans columns:
// integers as int64, text as string, NULL as nil, each given to the
// destination's Scan method when it has one.
type jsonRow string

func (r jsonRow) Scan(dest ...any) error {
	dec := json.NewDecoder(strings.NewReader(string(r)))
	dec.UseNumber()
	var vals []any
	if err := dec.Decode(&vals); err != nil {
		return fmt.Errorf("claim row: %w", err)
	}
	if len(vals) != len(dest) {
		return fmt.Errorf("claim row: %d values for %d columns", len(vals), len(dest))
	}
	for i, v := range vals {
		if n, ok := v.(json.Number); ok {
			// Only integers: claimRowSelect gives the one real column
			// type, coordinates, as text.
			var err error
			if v, err = n.Int64(); err != nil {
				return fmt.Errorf("claim row: column %d: %w", i, err)
			}
		}
		if err := assign(dest[i], v); err != nil {
			return fmt.Errorf("claim row: column %d: %w", i, err)
		}
	}
	return nil
}

// assign stores a value of a jsonRow (int64, string or nil) in dest.
func assign(dest, v any) error {
	if sc, ok := dest.(sql.Scanner); ok {
		return sc.Scan(v)
	}
	switch d := dest.(type) {
	case *string:
		if s, ok := v.(string); ok {
			*d = s
			return nil
		}
	case *int64:
		if n, ok := v.(int64); ok {
			*d = n
			return nil
		}
	case *int:
		if n, ok := v.(int64); ok && n == int64(int(n)) {
			*d = int(n)
			return nil
		}
	case *bool:
		if n, ok := v.(int64); ok {
			*d = n != 0
			return nil
		}
	default:
		// The claim's named string types (kind, ...).
		if p := reflect.ValueOf(dest); p.Kind() == reflect.Pointer && p.Elem().Kind() == reflect.String {
			if s, ok := v.(string); ok {
				p.Elem().SetString(s)
				return nil
			}
		}
	}
	return fmt.Errorf("cannot store %T in %T", v, dest)
}

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

// docColumns are what scanDocSummary reads of a document.
const docColumns = `d.id, d.key, d.ext_id, d.title, d.published, d.source, d.url, d.origin, d.group_id,
	d.primary_name, d.primary_admin1, d.primary_country, d.extractor, d.ingested_at,
	(SELECT count(*) FROM claims c WHERE c.doc_id = d.id)`

const docSelect = `SELECT ` + docColumns + `
	FROM documents d`

// docRowSelect reads docColumns as one JSON array (DocRows).
const docRowSelect = `SELECT d.id, json_array(` + docColumns + `)
	FROM documents d`

// scanDocSummary scans docSelect's columns, and then into more those
// that follow them.
func scanDocSummary(r scanner, more ...any) (DocSummary, error) {
	var d DocSummary
	var published, source, url, pName, pAdmin1, pCountry sql.NullString
	err := r.Scan(append([]any{&d.ID, &d.Key, &d.ExtID, &d.Title, &published, &source, &url, &d.Origin, &d.Group,
		&pName, &pAdmin1, &pCountry, &d.Extractor, &d.Ingested, &d.Claims}, more...)...)
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
		for r, err := range s.documents(ctx, f, docSelect, scanDocRow, nil) {
			if !yield(*r.Doc, err) {
				return
			}
		}
	}
}

// DocRow is a document of DocRows: its id, its row and, unless the reader
// knew the row, the document read from it.
type DocRow struct {
	ID int64
	// Row is the document's summary as one JSON array: two equal rows
	// are the same summary. Empty on PostgreSQL, whose rows are read as
	// Documents reads them.
	Row string
	Doc *DocSummary // nil when known(Row)
}

// DocRows is Documents for a reader that keeps what it makes of a
// document by its row, as ClaimRows is for claims.
func (s *Store) DocRows(ctx context.Context, f DocFilter, known func(row string) bool) iter.Seq2[DocRow, error] {
	if s.dialect != SQLite {
		return s.documents(ctx, f, docSelect, scanDocRow, nil)
	}
	return s.documents(ctx, f, docRowSelect, scanDocJSONRow, known)
}

// scanDocRow scans docSelect's columns.
func scanDocRow(r scanner, _ func(string) bool) (DocRow, error) {
	d, err := scanDocSummary(r)
	return DocRow{ID: d.ID, Doc: &d}, err
}

// scanDocJSONRow scans docRowSelect's columns, reading the document from
// its row unless known.
func scanDocJSONRow(r scanner, known func(string) bool) (DocRow, error) {
	var row DocRow
	if err := r.Scan(&row.ID, &row.Row); err != nil {
		return row, err
	}
	if known != nil && known(row.Row) {
		return row, nil
	}
	d, err := scanDocSummary(jsonRow(row.Row))
	row.Doc = &d
	return row, err
}

// documents runs f's query with sel's columns, scanning each row with
// scan.
func (s *Store) documents(ctx context.Context, f DocFilter, base string,
	scan func(scanner, func(string) bool) (DocRow, error), known func(string) bool) iter.Seq2[DocRow, error] {
	return func(yield func(DocRow, error) bool) {
		fail := func(err error) { yield(DocRow{Doc: &DocSummary{}}, fmt.Errorf("documents: %w", err)) }
		var w where
		sel, order := base, "d.id"
		if f.Text != "" {
			if s.dialect == Postgres {
				w.add("d.tsv @@ plainto_tsquery('english', ?)", f.Text)
			} else {
				// Driven by the full-text index in its rowid order, as
				// claims are: a page of the newest matches stops after a
				// page, where "d.id IN (matches)" gathered every match of
				// a common word first.
				sel = strings.Replace(base, "FROM documents d", "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid", 1)
				order = "documents_fts.rowid"
				w.add("documents_fts MATCH ?", ftsQuery(f.Text))
			}
		}
		if f.Outlet != "" {
			w.add("lower(d.source) = ?", strings.ToLower(f.Outlet))
		}
		if f.Admin1 != "" {
			w.add("lower(d.primary_admin1) = ?", strings.ToLower(f.Admin1))
		}
		published := "d.published"
		if s.dialect == SQLite && f.Group == 0 && (f.From != "" || f.To != "") {
			// As for claims' periods (planClaims): a period without
			// documents gives none at once; the few documents of a
			// period are read by its index and sorted; a period of many
			// is met early newest first.
			n, err := s.countPublished(ctx, f.From, f.To)
			if err != nil {
				fail(err)
				return
			}
			switch {
			case n == 0:
				return
			case f.Text != "":
				// A search keeps its own order, newest match first, as
				// claims' do (planClaims).
			case n < fewCandidates:
				sel = strings.Replace(base, "FROM documents d", "FROM documents d INDEXED BY documents_published", 1)
			default:
				published = "+d.published"
			}
		}
		if f.From != "" {
			w.add(published+" >= ?", f.From)
		}
		if f.To != "" {
			w.add(published+" <= ?", f.To)
		}
		if f.Group != 0 {
			w.add("d.group_id = ?", f.Group)
		}
		if f.Before > 0 {
			w.add(order+" < ?", f.Before)
		}
		q := sel + w.String() + " ORDER BY " + order + " DESC"
		if f.Limit > 0 {
			q += " LIMIT " + strconv.Itoa(f.Limit)
		}
		rows, err := s.query(ctx, s.rebind(q), w.args...)
		if err != nil {
			fail(err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scan(rows, known)
			if err != nil {
				fail(err)
				return
			}
			if !yield(d, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			fail(err)
		}
	}
}

// countPublished counts the documents published between from and to
// (either may be ""), up to fewCandidates.
func (s *Store) countPublished(ctx context.Context, from, to string) (int, error) {
	var w where
	if from != "" {
		w.add("published >= ?", from)
	}
	if to != "" {
		w.add("published <= ?", to)
	}
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM documents INDEXED BY documents_published`+
		w.String()+` LIMIT ?)`, append(w.args, fewCandidates)...).Scan(&n)
	return n, err
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
	// Copies are the other documents of its report group, the newest
	// MaxCopies of them: the same story as other outlets carried it.
	// CopiesTotal counts them all.
	Copies      []DocSummary
	CopiesTotal int
}

// MaxCopies bounds the copies a document is read with: a wire story
// reprinted a thousand times would otherwise make every read of one copy
// read them all.
const MaxCopies = 20

// docFull reads a document: its summary's columns (the claim count is
// read with its claims), then its text, what goes with it, and its flags
// as one JSON array in the order stored.
func (s *Store) docFull() string {
	flags := `(SELECT json_group_array(json_object('kind', f.kind, 'claims', json(f.claims), 'message', f.message) ORDER BY f.id)
		FROM flags f WHERE f.doc_id = d.id)`
	if s.dialect == Postgres {
		flags = `(SELECT coalesce(json_agg(json_build_object('kind', f.kind, 'claims', f.claims::json, 'message', f.message) ORDER BY f.id), '[]')::text
		FROM flags f WHERE f.doc_id = d.id)`
	}
	return s.rebind(`SELECT d.id, d.key, d.ext_id, d.title, d.published, d.source, d.url, d.origin, d.group_id,
	d.primary_name, d.primary_admin1, d.primary_country, d.extractor, d.ingested_at, 0,
	d.body, d.html, d.plain, d.credits, d.places, ` + flags + `
	FROM documents d WHERE d.id = ?`)
}

// Document returns one stored document with its claims, flags and report
// group. ref is the store's numeric id, the document's SPEC id, or a prefix
// of at least 8 characters of its key. It runs three queries (four for a
// group of more than MaxCopies copies, one or two more for a ref that is
// not a stored id): every query waits its turn for a connection under load.
func (s *Store) Document(ctx context.Context, ref string) (*StoredDoc, error) {
	var d StoredDoc
	var credits, places, flags string
	read := func(id int64) error {
		row := s.queryRow(ctx, s.docFull(), id)
		var err error
		d.DocSummary, err = scanDocSummary(row, &d.Body, &d.HTML, &d.Plain, &credits, &places, &flags)
		return err
	}
	// Most refs are the store's ids, as the API's lists give them: read
	// at once, and looked up by SPEC id or key only when not one.
	err := sql.ErrNoRows
	if n, perr := strconv.ParseInt(strings.TrimSpace(ref), 10, 64); perr == nil {
		err = read(n)
	}
	if err == sql.ErrNoRows {
		var id int64
		if id, err = s.resolveRef(ctx, ref); err != nil {
			return nil, err
		}
		if err = read(id); err == sql.ErrNoRows {
			err = ErrNotFound // deleted since
		}
	}
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", ref, err)
	}
	id := d.ID
	if err := json.Unmarshal([]byte(credits), &d.Credits); err != nil {
		return nil, fmt.Errorf("document %s: credits: %w", ref, err)
	}
	if err := json.Unmarshal([]byte(places), &d.Places); err != nil {
		return nil, fmt.Errorf("document %s: places: %w", ref, err)
	}
	if err := json.Unmarshal([]byte(flags), &d.Flags); err != nil {
		return nil, fmt.Errorf("document %s: flags: %w", ref, err)
	}
	for c, err := range s.Claims(ctx, ClaimFilter{DocID: id, Hypothetical: true, Rejected: true}) {
		if err != nil {
			return nil, fmt.Errorf("document %s: %w", ref, err)
		}
		d.Claims = append(d.Claims, c)
	}
	// Every claim, hypothetical and rejected too, as the lists count them.
	d.DocSummary.Claims = len(d.Claims)
	n := 0
	for c, err := range s.Documents(ctx, DocFilter{Group: d.Group, Limit: MaxCopies + 1}) {
		if err != nil {
			return nil, fmt.Errorf("document %s: %w", ref, err)
		}
		n++
		if c.ID != id && len(d.Copies) < MaxCopies {
			d.Copies = append(d.Copies, c)
		}
	}
	d.CopiesTotal = n - 1
	if n > MaxCopies {
		var total int
		if err := s.queryRow(ctx, s.rebind(`SELECT count(*) FROM documents WHERE group_id = ?`), d.Group).Scan(&total); err != nil {
			return nil, fmt.Errorf("document %s: copies: %w", ref, err)
		}
		d.CopiesTotal = total - 1
	}
	return &d, nil
}

// resolveRef finds the document whose SPEC id or key ref is (Document has
// tried it as a store id).
func (s *Store) resolveRef(ctx context.Context, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, fmt.Errorf("document %q: %w", ref, ErrNotFound)
	}
	try := func(q string, args ...any) (int64, bool, error) {
		var id int64
		err := s.queryRow(ctx, s.rebind(q), args...).Scan(&id)
		if err == sql.ErrNoRows {
			return 0, false, nil
		}
		return id, err == nil, err
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

// Counts is how much the store holds.
type Counts struct {
	Documents, Claims, Flags, Groups int64
}

// Count counts what the store holds.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.queryRow(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM claims),
		(SELECT count(*) FROM flags), (SELECT count(DISTINCT group_id) FROM documents)`).
		Scan(&c.Documents, &c.Claims, &c.Flags, &c.Groups)
	if err != nil {
		return c, fmt.Errorf("count: %w", err)
	}
	return c, nil
}
