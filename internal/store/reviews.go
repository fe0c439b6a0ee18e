package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// Decision is a reviewer's judgement of a claim.
type Decision string

// Decisions.
const (
	Accept  Decision = "accept"  // the claim is right as extracted
	Reject  Decision = "reject"  // it is no claim: hidden from lists, exports and verification
	Correct Decision = "correct" // some fields are wrong: Fields replace them wherever the claim is read
	// Reopen withdraws the decisions before it (a reviewer's undo): the
	// claim reads as extracted and is back in the review queue. The log
	// keeps every decision.
	Reopen Decision = "reopen"
)

// Review is one entry of the review log.
type Review struct {
	ID       int64           `json:"id"`
	Claim    string          `json:"claim"` // the claim's id within its document when it was reviewed
	Decision Decision        `json:"decision"`
	Fields   json.RawMessage `json:"fields,omitempty"` // for Correct: the corrected SPEC claim fields
	Reviewer string          `json:"reviewer"`
	Reason   string          `json:"reason"`
	Created  string          `json:"created_at"`
}

// CorrectableFields are the SPEC claim fields a correction may replace.
// The quote and the claim's id are what was read, not what was made of it,
// and stay.
var CorrectableFields = []string{"kind", "count", "rate", "period", "victims", "victims_text",
	"cause", "cause_text", "actor", "place", "source", "service"}

// ErrInvalid is wrapped by the errors of a review that cannot be stored
// as it is: the caller's input, not the store, is at fault.
var ErrInvalid = errors.New("invalid")

// figure tells apart claims of one kind in one quote ("12 killed,
// including 5 children"), in terms that re-extraction keeps.
func figure(c *claim.Claim) string {
	switch {
	case c.Count != nil:
		return c.Count.Text
	case c.Service != nil:
		return c.Service.Name
	}
	return ""
}

// latestReviewJoin joins each claim c to the decision that applies to it,
// r, if any: the same key as the reviews table's (see its migration).
const latestReviewJoin = ` LEFT JOIN latest_reviews r ON r.doc_id = c.doc_id AND r.kind = c.kind
	AND r.quote_start = c.quote_start AND r.quote_end = c.quote_end
	AND r.figure = COALESCE(c.count_text, c.service_name, '')`

// AddReview appends a decision on a stored claim to the log and returns
// it. Corrected fields are checked against the claim model first: an
// invalid correction is an error wrapping ErrInvalid, and nothing is stored.
func (s *Store) AddReview(ctx context.Context, c StoredClaim, decision Decision, fields json.RawMessage, reviewer, reason string) (Review, error) {
	r := Review{Claim: c.ID, Decision: decision, Reviewer: reviewer, Reason: strings.TrimSpace(reason)}
	switch decision {
	case Accept, Reject, Reopen:
		if len(bytes.TrimSpace(fields)) > 0 && !bytes.Equal(bytes.TrimSpace(fields), []byte("null")) {
			return r, fmt.Errorf("review of %s: %w: fields are for decision %q only", c.Ref(), ErrInvalid, Correct)
		}
	case Correct:
		// The claim as extracted, not as an earlier correction left it:
		// each correction names every field it changes.
		orig := c.Claim
		if c.Original != nil {
			orig = *c.Original
		}
		if _, err := ApplyCorrection(orig, fields); err != nil {
			return r, fmt.Errorf("review of %s: %w", c.Ref(), err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, fields); err != nil {
			return r, fmt.Errorf("review of %s: %w: %v", c.Ref(), ErrInvalid, err)
		}
		r.Fields = compact.Bytes()
	default:
		return r, fmt.Errorf("review of %s: %w: decision %q: one of accept, reject, correct, reopen", c.Ref(), ErrInvalid, decision)
	}
	if reviewer == "" {
		return r, fmt.Errorf("review of %s: %w: no reviewer", c.Ref(), ErrInvalid)
	}
	kind := c.Kind
	fig := figure(&c.Claim)
	if c.Original != nil {
		kind, fig = c.Original.Kind, figure(c.Original)
	}
	r.Created = now()
	var fieldsArg *string
	if r.Fields != nil {
		f := string(r.Fields)
		fieldsArg = &f
	}
	err := s.db.QueryRowContext(ctx, s.rebind(`INSERT INTO reviews (doc_id, kind, quote_start, quote_end, figure, cid,
		decision, fields, reviewer, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		c.DocID, string(kind), c.Quote.Start, c.Quote.End, fig, c.ID, string(decision), fieldsArg, reviewer, r.Reason, r.Created).
		Scan(&r.ID)
	if err != nil {
		return r, fmt.Errorf("review of %s: %w", c.Ref(), err)
	}
	return r, nil
}

// Reviews returns the review log of a stored claim, oldest first.
func (s *Store) Reviews(ctx context.Context, c StoredClaim) ([]Review, error) {
	kind, fig := c.Kind, figure(&c.Claim)
	if c.Original != nil {
		kind, fig = c.Original.Kind, figure(c.Original)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT id, cid, decision, fields, reviewer, reason, created_at FROM reviews
		WHERE doc_id = ? AND kind = ? AND quote_start = ? AND quote_end = ? AND figure = ? ORDER BY id`),
		c.DocID, string(kind), c.Quote.Start, c.Quote.End, fig)
	if err != nil {
		return nil, fmt.Errorf("reviews of %s: %w", c.Ref(), err)
	}
	defer rows.Close()
	out := []Review{}
	for rows.Next() {
		var r Review
		var fields sql.NullString
		if err := rows.Scan(&r.ID, &r.Claim, &r.Decision, &fields, &r.Reviewer, &r.Reason, &r.Created); err != nil {
			return nil, fmt.Errorf("reviews of %s: %w", c.Ref(), err)
		}
		if fields.Valid {
			r.Fields = json.RawMessage(fields.String)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ApplyCorrection returns c with the SPEC claim fields of the JSON object
// fields put in place of its own, after checking that the object names
// only CorrectableFields and that the claim it gives is one the claim model
// allows. Its errors wrap ErrInvalid.
func ApplyCorrection(c claim.Claim, fields json.RawMessage) (claim.Claim, error) {
	var patch map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(fields))
	if err := dec.Decode(&patch); err != nil || patch == nil {
		return c, fmt.Errorf("%w: fields: want a JSON object of corrected claim fields", ErrInvalid)
	}
	if dec.More() {
		return c, fmt.Errorf("%w: fields: data after the object", ErrInvalid)
	}
	if len(patch) == 0 {
		return c, fmt.Errorf("%w: fields: nothing to correct", ErrInvalid)
	}
	keys := make([]string, 0, len(patch))
	for k := range patch {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !slices.Contains(CorrectableFields, k) {
			return c, fmt.Errorf("%w: fields: %q cannot be corrected (%s can)", ErrInvalid, k, strings.Join(CorrectableFields, ", "))
		}
	}
	whole, err := json.Marshal(c)
	if err != nil {
		return c, fmt.Errorf("correction: %w", err)
	}
	var merged map[string]json.RawMessage
	if err := json.Unmarshal(whole, &merged); err != nil {
		return c, fmt.Errorf("correction: %w", err)
	}
	for k, v := range patch {
		merged[k] = v
	}
	whole, err = json.Marshal(merged)
	if err != nil {
		return c, fmt.Errorf("correction: %w", err)
	}
	var out claim.Claim
	if err := json.Unmarshal(whole, &out); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return c, fmt.Errorf("%w: fields: %s: want %s, not a JSON %s", ErrInvalid, te.Field, te.Type, te.Value)
		}
		return c, fmt.Errorf("%w: fields: %v", ErrInvalid, err)
	}
	out.ID, out.Quote, out.InHeadline, out.Hypothetical = c.ID, c.Quote, c.InHeadline, c.Hypothetical
	if err := validClaim(&out); err != nil {
		return c, fmt.Errorf("%w: fields: %v", ErrInvalid, err)
	}
	return out, nil
}

// The values the claim model allows, and "" for the fields that may be empty.
var (
	victims         = append([]claim.Victims{""}, claim.VictimsAll...)
	causes          = append([]claim.Cause{""}, claim.Causes...)
	placePrecisions = append([]claim.Precision{""}, claim.PlacePrecisions...)
)

func oneOf[T comparable](what string, v T, allowed []T) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("%s %v: one of %v", what, v, allowed)
}

// validClaim checks what a correction can change against the claim model.
func validClaim(c *claim.Claim) error {
	if err := oneOf("kind", c.Kind, claim.Kinds); err != nil {
		return err
	}
	if n := c.Count; n != nil {
		if err := oneOf("count.qualifier", n.Qualifier, claim.Qualifiers); err != nil {
			return err
		}
		if n.Low < 0 || (n.High != nil && *n.High < n.Low) || (n.Value != nil && *n.Value < 0) {
			return errors.New("count: want 0 <= low <= high")
		}
	}
	if (c.Kind == claim.Service) != (c.Service != nil) {
		return errors.New("service: a claim has one exactly when its kind is service")
	}
	if c.Kind != claim.Service && c.Count == nil {
		return errors.New("count: a claim of this kind needs one")
	}
	if c.Rate != nil {
		if err := oneOf("rate", *c.Rate, claim.Rates); err != nil {
			return err
		}
	}
	if p := c.Period; p != nil {
		start, err1 := time.Parse(time.DateOnly, p.Start)
		end, err2 := time.Parse(time.DateOnly, p.End)
		if err1 != nil || err2 != nil || end.Before(start) {
			return errors.New("period: want start and end as YYYY-MM-DD, start first")
		}
		if err := oneOf("period.precision", p.Precision, claim.Precisions); err != nil {
			return err
		}
	}
	if err := oneOf("victims", c.Victims, victims); err != nil {
		return err
	}
	if err := oneOf("cause", c.Cause, causes); err != nil {
		return err
	}
	if p := c.Place; p != nil {
		if err := oneOf("place.precision", p.Precision, placePrecisions); err != nil {
			return err
		}
		if (p.Lat == nil) != (p.Lon == nil) || (p.Lat != nil && (*p.Lat < -90 || *p.Lat > 90 || *p.Lon < -180 || *p.Lon > 180)) {
			return errors.New("place: want both lat (-90..90) and lon (-180..180), or neither")
		}
	}
	if s := c.Source; s != nil {
		if s.Name == "" {
			return errors.New("source: want a name")
		}
		if err := oneOf("source.type", s.Type, claim.SourceTypes); err != nil {
			return err
		}
	}
	if s := c.Service; s != nil {
		if err := oneOf("service.status", s.Status, claim.ServiceStatuses); err != nil {
			return err
		}
	}
	return nil
}

// overlay puts the latest decision, scanned with a claim, on it: a
// correction's fields replace the claim's, and the claim as extracted is
// kept in Original.
func overlay(c *StoredClaim, id sql.NullInt64, decision, fields, reviewer, reason, created, cid sql.NullString) error {
	if !id.Valid {
		return nil
	}
	c.Review = &Review{ID: id.Int64, Claim: cid.String, Decision: Decision(decision.String), Reviewer: reviewer.String,
		Reason: reason.String, Created: created.String}
	if c.Review.Decision != Correct || !fields.Valid {
		return nil
	}
	c.Review.Fields = json.RawMessage(fields.String)
	corrected, err := ApplyCorrection(c.Claim, c.Review.Fields)
	if err != nil {
		return fmt.Errorf("review %d of %s: %w", id.Int64, c.Ref(), err)
	}
	orig := c.Claim
	c.Original, c.Claim = &orig, corrected
	return nil
}

// matchesCorrected checks a corrected claim against the filter's
// conditions on fields a correction can change: the database compared the
// claim as extracted.
func (f *ClaimFilter) matchesCorrected(c *StoredClaim) bool {
	if c.Original == nil {
		return true
	}
	eq := strings.EqualFold
	var name, text, admin1, country string
	if p := c.Place; p != nil {
		text = p.Text
		if p.Name != nil {
			name = *p.Name
		}
		if p.Admin1 != nil {
			admin1 = *p.Admin1
		}
		if p.Country != nil {
			country = *p.Country
		}
	}
	if len(f.Places) > 0 && !slices.ContainsFunc(f.Places, func(p string) bool { return eq(p, name) || eq(p, text) }) {
		return false
	}
	if (f.Admin1 != "" && !eq(f.Admin1, admin1)) || (f.Country != "" && !eq(f.Country, country)) {
		return false
	}
	if (len(f.Kinds) > 0 && !slices.Contains(f.Kinds, c.Kind)) ||
		(len(f.Victims) > 0 && !slices.Contains(f.Victims, c.Victims)) ||
		(len(f.Causes) > 0 && !slices.Contains(f.Causes, c.Cause)) {
		return false
	}
	var srcName string
	var srcType claim.SourceType
	if s := c.Source; s != nil {
		srcName, srcType = s.Name, s.Type
	}
	if (f.Source != "" && !eq(f.Source, srcName)) || (f.SourceType != "" && f.SourceType != srcType) {
		return false
	}
	start, end := c.Published, c.Published
	if p := c.Period; p != nil {
		start, end = p.Start, p.End
	}
	if (f.From != "" && (end == "" || end < f.From)) || (f.To != "" && (start == "" || start > f.To)) {
		return false
	}
	return true
}
