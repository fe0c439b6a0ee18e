package serve

import (
	"net/http"

	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/store"
)

// The casualty documentation records that verification counts claims
// against, as `tally records import` stored them.

// recordJSON is one record: an event with its deaths, or one person.
type recordJSON struct {
	ID          int64    `json:"id"`
	Set         int64    `json:"set"`
	Line        int      `json:"line"`
	Start       string   `json:"date_start,omitempty"`
	End         string   `json:"date_end,omitempty"`
	Country     string   `json:"country,omitempty"`
	Admin1      string   `json:"admin1,omitempty"`
	Admin2      string   `json:"admin2,omitempty"`
	Admin1Raw   string   `json:"admin1_raw,omitempty"`
	Admin2Raw   string   `json:"admin2_raw,omitempty"`
	Place       string   `json:"place,omitempty"`
	Lat         *float64 `json:"lat"`
	Lon         *float64 `json:"lon"`
	Civilians   *int64   `json:"deaths_civilians"`
	Combatants  *int64   `json:"deaths_combatants"`
	Unknown     *int64   `json:"deaths_unknown"`
	Low         int64    `json:"low"`
	Best        int64    `json:"best"`
	High        int64    `json:"high"`
	Victims     string   `json:"victims,omitempty"`
	VictimsText string   `json:"victims_text,omitempty"`
	Cause       string   `json:"cause,omitempty"`
	CauseText   string   `json:"cause_text,omitempty"`
	Source      string   `json:"source,omitempty"`
}

func toRecordJSON(r store.Record) recordJSON {
	return recordJSON{ID: r.ID, Set: r.SetID, Line: r.Line, Start: r.DateStart, End: r.DateEnd, Country: r.Country,
		Admin1: r.Admin1, Admin2: r.Admin2, Admin1Raw: r.Admin1Raw, Admin2Raw: r.Admin2Raw, Place: r.Place,
		Lat: r.Lat, Lon: r.Lon, Civilians: r.Civilians, Combatants: r.Combatants, Unknown: r.Unknown,
		Low: r.Low, Best: r.Best, High: r.High, Victims: string(r.Victims), VictimsText: r.VictimsText,
		Cause: string(r.Cause), CauseText: r.CauseText, Source: r.Source}
}

func (s *Server) listRecords(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, []string{"set", "country", "admin1", "from", "to", "limit", "cursor"})
	if err != nil {
		return err
	}
	f := store.RecordFilter{Set: p.str("set"), Country: p.str("country"), Admin1: place.Admin1Named(p.str("admin1"))}
	if f.From, f.To, err = p.dates(); err != nil {
		return err
	}
	limit, err := p.limit()
	if err != nil {
		return err
	}
	if f.After, err = p.cursor(); err != nil {
		return err
	}
	f.Limit = limit + 1
	var items []recordJSON
	for rec, err := range s.st.Records(r.Context(), f) {
		if err != nil {
			return err
		}
		items = append(items, toRecordJSON(rec))
	}
	var out page[recordJSON]
	out.Items, out.Next = next(items, limit, func(r recordJSON) int64 { return r.ID })
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// recordSetJSON is a record set with its size and coverage.
type recordSetJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Format   string `json:"format"`
	Imported string `json:"imported_at"`
	Rows     int64  `json:"rows"`
	DateMin  string `json:"date_min,omitempty"`
	DateMax  string `json:"date_max,omitempty"`
}

func (s *Server) listRecordSets(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	sets, err := s.st.RecordSets(r.Context())
	if err != nil {
		return err
	}
	out := page[recordSetJSON]{Items: []recordSetJSON{}}
	for _, set := range sets {
		// The file it came from is a path on the server: not shown.
		out.Items = append(out.Items, recordSetJSON{ID: set.ID, Name: set.Name, Format: set.Format,
			Imported: set.ImportedAt, Rows: set.Rows, DateMin: set.DateMin, DateMax: set.DateMax})
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}
