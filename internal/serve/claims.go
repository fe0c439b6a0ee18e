package serve

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"

	"github.com/tallyhq/tally/internal/export"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/store"
)

// claimParams are the filters of GET /api/v1/claims: those of
// `tally claims`, by the same names (source_type for --source-type).
var claimParams = []string{"place", "admin1", "country", "source", "source_type", "outlet", "from", "to", "q",
	"hypothetical", "rejected", "unreviewed", "limit", "cursor"}

func (s *Server) listClaims(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, claimParams, "kind", "victims", "cause")
	if err != nil {
		return err
	}
	f := store.ClaimFilter{Admin1: place.Admin1Named(p.str("admin1")), Country: p.str("country"), Source: p.str("source"),
		Outlet: p.str("outlet"), Text: p.str("q")}
	if pl := p.str("place"); pl != "" {
		f.Places = place.StoredNames(pl)
	}
	if err := p.facets(&f.Kinds, &f.Victims, &f.Causes, &f.SourceType); err != nil {
		return err
	}
	if f.From, f.To, err = p.dates(); err != nil {
		return err
	}
	if f.Hypothetical, err = p.flag("hypothetical"); err != nil {
		return err
	}
	if f.Rejected, err = p.flag("rejected"); err != nil {
		return err
	}
	if f.Unreviewed, err = p.flag("unreviewed"); err != nil {
		return err
	}
	limit, err := p.limit()
	if err != nil {
		return err
	}
	if f.Before, err = p.cursor(); err != nil {
		return err
	}
	f.Limit = limit + 1
	var items []rowItem
	for it, err := range s.claimItems(r.Context(), f) {
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	items, nextCursor := next(items, limit, func(it rowItem) int64 { return it.id })
	s.writeRawPage(w, r, rowJSONs(items), nextCursor)
	return nil
}

// rowItem is an item of a list, as JSON: a claim or a document.
type rowItem struct {
	id   int64 // the store's: a cursor
	json json.RawMessage
}

func rowJSONs(items []rowItem) []json.RawMessage {
	out := make([]json.RawMessage, len(items))
	for i, it := range items {
		out[i] = it.json
	}
	return out
}

// claimItems are the claims f selects as JSON, from the row cache when
// it holds them, else read and encoded (and kept).
func (s *Server) claimItems(ctx context.Context, f store.ClaimFilter) iter.Seq2[rowItem, error] {
	if s.rows == nil {
		return encodedItems(s.st.Claims(ctx, f), func(c store.StoredClaim) (int64, any) {
			return c.RowID, export.ToJSON(c)
		})
	}
	return items(s.rows, func(known func(string) bool) iter.Seq2[store.ClaimRow, error] {
		return s.st.ClaimRows(ctx, f, known)
	}, func(r store.ClaimRow) (int64, string, func() any) {
		if r.Claim == nil {
			return r.RowID, r.Row, nil
		}
		return r.RowID, r.Row, func() any { return export.ToJSON(*r.Claim) }
	})
}

// findClaim is the claim a request's path names, rejected or hypothetical
// as it may be.
func (s *Server) findClaim(r *http.Request) (store.StoredClaim, error) {
	doc, cid, err := docRef(r)
	if err != nil {
		return store.StoredClaim{}, err
	}
	for c, err := range s.st.Claims(r.Context(), store.ClaimFilter{DocID: doc, CID: cid, Hypothetical: true, Rejected: true}) {
		return c, err
	}
	return store.StoredClaim{}, notFound("claim %d/%s: not stored", doc, cid)
}

// verdictJSON is verification's judgement of a claim.
type verdictJSON struct {
	Claim    string          `json:"claim"`
	Verdict  string          `json:"verdict"`
	Grade    string          `json:"grade,omitempty"`
	Recorded *int64          `json:"recorded"`
	Ratio    *float64        `json:"ratio"`
	Summary  string          `json:"summary"`
	Incident *int64          `json:"incident"` // its id under /api/v1/incidents
	Detail   json.RawMessage `json:"detail"`   // the credibility: flags, sources, estimate, record checks
}

func toVerdictJSON(ref string, v store.StoredVerdict) verdictJSON {
	out := verdictJSON{Claim: ref, Verdict: v.Verdict, Grade: v.Grade, Recorded: v.Recorded, Ratio: v.Ratio,
		Summary: v.Summary, Detail: rawOrNull(v.Detail)}
	if v.IncidentID != 0 {
		id := v.IncidentID
		out.Incident = &id
	}
	return out
}

func rawOrNull(b []byte) json.RawMessage {
	if !json.Valid(b) {
		return json.RawMessage("null")
	}
	return b
}

// claimJSON is one claim with its verdict (null until `tally verify` ran
// after it was stored).
type claimJSON struct {
	export.JSONClaim
	Verdict *verdictJSON `json:"verdict"`
}

func (s *Server) getClaim(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	c, err := s.findClaim(r)
	if err != nil {
		return err
	}
	out, err := s.withVerdict(r.Context(), c)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// withVerdict is a claim's JSON with its verdict, null when verification
// has not judged it.
func (s *Server) withVerdict(ctx context.Context, c store.StoredClaim) (claimJSON, error) {
	v, err := s.st.VerdictOf(ctx, c.RowID)
	if err != nil && !isNotFound(err) {
		return claimJSON{}, err
	}
	return toClaimJSON(c, v), nil
}

// toClaimJSON is a claim's JSON with its verdict v, nil for none.
func toClaimJSON(c store.StoredClaim, v *store.StoredVerdict) claimJSON {
	out := claimJSON{JSONClaim: export.ToJSON(c)}
	if v != nil {
		vj := toVerdictJSON(c.Ref(), *v)
		out.Verdict = &vj
	}
	return out
}

func (s *Server) listReviews(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	c, err := s.findClaim(r)
	if err != nil {
		return err
	}
	log, err := s.st.Reviews(r.Context(), c)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, page[store.Review]{Items: log})
	return nil
}

// reviewIn is the body of a review.
type reviewIn struct {
	Decision store.Decision  `json:"decision"`
	Fields   json.RawMessage `json:"fields"`
	Reason   string          `json:"reason"`
}

// reviewOut is a stored review with the claim as it now reads.
type reviewOut struct {
	Review store.Review     `json:"review"`
	Claim  export.JSONClaim `json:"claim"`
}

func (s *Server) postReview(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	var in reviewIn
	if err := strictJSON(body, &in); err != nil {
		return err
	}
	if err := checkText("reason", in.Reason, 4000); err != nil {
		return err
	}
	if (in.Decision == store.Reject || in.Decision == store.Correct) && strings.TrimSpace(in.Reason) == "" {
		return badRequest("reason: a rejection or correction says why")
	}
	if len(in.Fields) > 0 && (!json.Valid(in.Fields) || strings.Contains(string(in.Fields), `\u0000`)) {
		return badRequest("fields: not a JSON object a claim can take")
	}
	c, err := s.findClaim(r)
	if err != nil {
		return err
	}
	rev, err := s.st.AddReview(r.Context(), c, in.Decision, in.Fields, reviewer(r), in.Reason)
	if err != nil {
		return err
	}
	if c, err = s.findClaim(r); err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusCreated, reviewOut{Review: rev, Claim: export.ToJSON(c)})
	return nil
}
