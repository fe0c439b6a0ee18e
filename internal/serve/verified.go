package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/verify"
)

// What `tally verify` stored: incidents, verdicts, and the claims counted
// by place.

var (
	grades   = []verify.Grade{verify.Corroborated, verify.SingleSource, verify.Contested}
	verdicts = []verify.Verdict{verify.Consistent, verify.Overstated, verify.Understated, verify.NoRecords,
		verify.OutOfCoverage, verify.NotComparable}
)

// incidentJSON is an incident with every source's figure and the
// estimate, as verification computed them.
type incidentJSON struct {
	ID       int64           `json:"id"`
	Key      string          `json:"key"`
	Kind     string          `json:"kind"`
	Victims  string          `json:"victims,omitempty"`
	Country  string          `json:"country,omitempty"`
	Admin1   string          `json:"admin1,omitempty"`
	Place    string          `json:"place,omitempty"`
	Start    string          `json:"start,omitempty"`
	End      string          `json:"end,omitempty"`
	Estimate json.RawMessage `json:"estimate"`
	Grade    string          `json:"grade"`
	Spread   float64         `json:"spread"`
	Sources  json.RawMessage `json:"sources"`
	Summary  string          `json:"summary"`
	Computed string          `json:"computed_at"`
	Claims   []claimJSON     `json:"claims,omitempty"`
}

func toIncidentJSON(i store.StoredIncident) incidentJSON {
	var detail struct {
		Sources  json.RawMessage `json:"sources"`
		Estimate json.RawMessage `json:"estimate"`
	}
	_ = json.Unmarshal(i.Detail, &detail)
	out := incidentJSON{ID: i.ID, Key: i.Key, Kind: i.Kind, Victims: i.Victims, Country: i.Country, Admin1: i.Admin1,
		Place: i.Place, Start: i.Start, End: i.End, Estimate: detail.Estimate, Grade: i.Grade, Spread: i.Spread,
		Sources: detail.Sources, Summary: i.Summary, Computed: i.Computed}
	if out.Estimate == nil {
		out.Estimate, _ = json.Marshal(map[string]any{"low": i.Low, "best": i.Best, "high": i.High})
	}
	if out.Sources == nil {
		out.Sources = json.RawMessage("[]")
	}
	return out
}

func (s *Server) listIncidents(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, []string{"admin1", "grade", "kind", "from", "to", "limit", "cursor"})
	if err != nil {
		return err
	}
	f := store.IncidentFilter{Admin1: place.Admin1Named(p.str("admin1"))}
	grade, err := enum(p, "grade", grades)
	if err != nil {
		return err
	}
	kind, err := enum(p, "kind", claim.Kinds)
	if err != nil {
		return err
	}
	f.Grade, f.Kind = string(grade), string(kind)
	if f.From, f.To, err = p.dates(); err != nil {
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
	var items []incidentJSON
	for i, err := range s.st.Incidents(r.Context(), f) {
		if err != nil {
			return err
		}
		items = append(items, toIncidentJSON(i))
	}
	var out page[incidentJSON]
	out.Items, out.Next = next(items, limit, func(i incidentJSON) int64 { return i.ID })
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

func (s *Server) getIncident(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return badRequest("incident %q: not an incident id", r.PathValue("id"))
	}
	inc, err := s.st.Incident(r.Context(), id)
	if err != nil {
		return err
	}
	out := toIncidentJSON(*inc)
	// The claims are read first, then their verdicts in one query: a
	// verdict read while the claims' rows are open would need a second
	// connection, which concurrent requests could all be waiting for.
	var claims []store.StoredClaim
	var ids []int64
	for c, err := range s.st.Claims(r.Context(), store.ClaimFilter{Incident: id, Hypothetical: true, Rejected: true}) {
		if err != nil {
			return err
		}
		claims, ids = append(claims, c), append(ids, c.RowID)
	}
	vs, err := s.st.VerdictsOf(r.Context(), ids)
	if err != nil {
		return err
	}
	out.Claims = make([]claimJSON, len(claims))
	for i, c := range claims {
		out.Claims[i] = toClaimJSON(c, vs[c.RowID])
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

func (s *Server) listVerdicts(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, []string{"verdict", "grade", "limit", "cursor"})
	if err != nil {
		return err
	}
	verdict, err := enum(p, "verdict", verdicts)
	if err != nil {
		return err
	}
	grade, err := enum(p, "grade", grades)
	if err != nil {
		return err
	}
	f := store.VerdictFilter{Verdict: string(verdict), Grade: string(grade)}
	limit, err := p.limit()
	if err != nil {
		return err
	}
	if f.Before, err = p.cursor(); err != nil {
		return err
	}
	f.Limit = limit + 1
	var items []store.ListedVerdict
	for v, err := range s.st.Verdicts(r.Context(), f) {
		if err != nil {
			return err
		}
		items = append(items, v)
	}
	items, nextCursor := next(items, limit, func(v store.ListedVerdict) int64 { return v.ClaimID })
	out := page[verdictJSON]{Items: make([]verdictJSON, len(items)), Next: nextCursor}
	for i, v := range items {
		out.Items[i] = toVerdictJSON(v.Ref, v.StoredVerdict)
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// placeJSON is a place with the claims placed in it, by kind.
type placeJSON struct {
	GeonamesID int64                `json:"geonames_id"`
	Name       string               `json:"name"`
	Admin1     string               `json:"admin1,omitempty"`
	Country    string               `json:"country,omitempty"`
	Lat        *float64             `json:"lat"`
	Lon        *float64             `json:"lon"`
	Precision  string               `json:"precision,omitempty"`
	Claims     int64                `json:"claims"`
	Kinds      map[claim.Kind]int64 `json:"kinds"`
}

// listPlaces pages through the places with most claims first. The cursor
// is an offset into that order: counts change as claims come, so no id
// would hold a place's rank.
func (s *Server) listPlaces(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, []string{"admin1", "country", "source", "source_type", "from", "to", "limit", "cursor"},
		"kind", "victims", "cause")
	if err != nil {
		return err
	}
	f := store.PlaceFilter{Admin1: place.Admin1Named(p.str("admin1")), Country: p.str("country"), Source: p.str("source")}
	if err := p.facets(&f.Kinds, &f.Victims, &f.Causes, &f.SourceType); err != nil {
		return err
	}
	if f.From, f.To, err = p.dates(); err != nil {
		return err
	}
	limit, err := p.limit()
	if err != nil {
		return err
	}
	offset, err := p.cursor()
	if err != nil {
		return err
	}
	places, err := s.st.PlaceCounts(r.Context(), f)
	if err != nil {
		return err
	}
	out := page[placeJSON]{Items: []placeJSON{}}
	if offset < int64(len(places)) {
		places = places[offset:]
	} else {
		places = nil
	}
	for i, pc := range places {
		if i == limit {
			c := strconv.FormatInt(offset+int64(limit), 10)
			out.Next = &c
			break
		}
		out.Items = append(out.Items, placeJSON{GeonamesID: pc.GeonamesID, Name: pc.Name, Admin1: pc.Admin1,
			Country: pc.Country, Lat: pc.Lat, Lon: pc.Lon, Precision: pc.Precision, Claims: pc.Claims, Kinds: pc.Kinds})
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// timelineJSON is a place's killed and injured week by week.
type timelineJSON struct {
	Killed  verify.Timeline `json:"killed"`
	Injured verify.Timeline `json:"injured"`
}

// timeline adds up the stored incidents of a place, an admin1 or a
// country week by week (verify.Timeline says which incidents count).
func (s *Server) timeline(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, []string{"place", "admin1", "country", "from", "to"})
	if err != nil {
		return err
	}
	f := store.IncidentFilter{Place: p.str("place"), Admin1: place.Admin1Named(p.str("admin1")), Country: p.str("country")}
	if f.Place == "" && f.Admin1 == "" && f.Country == "" {
		return badRequest("timeline: give a place, an admin1 or a country")
	}
	if f.From, f.To, err = p.dates(); err != nil {
		return err
	}
	killed, injured := verify.NewTimeline(claim.Killed), verify.NewTimeline(claim.Injured)
	for _, b := range []*verify.TimelineBuilder{killed, injured} {
		f.Kind = string(b.Kind())
		for i, err := range s.st.Incidents(r.Context(), f) {
			if err != nil {
				return err
			}
			var inc verify.Incident
			if err := json.Unmarshal(i.Detail, &inc); err != nil {
				return fmt.Errorf("incident %d: %w", i.ID, err)
			}
			inc.Kind, inc.Start, inc.End = claim.Kind(i.Kind), i.Start, i.End
			b.Add(&inc)
		}
	}
	s.writeJSON(w, r, http.StatusOK, timelineJSON{Killed: killed.Timeline(), Injured: injured.Timeline()})
	return nil
}
