package serve

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract"
	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/store"
)

// checkIn is the body of POST /api/v1/check: a text with what `tally
// check` takes as flags, or a URL to fetch.
type checkIn struct {
	Text      *string `json:"text"`
	Title     string  `json:"title"`
	Published string  `json:"published"`
	Source    string  `json:"source"`
	URL       string  `json:"url"`
	// Store keeps the document as POST /api/v1/documents would: it needs
	// a token.
	Store bool `json:"store"`
}

// checkOut is a SPEC result, and what storing it did when asked to.
type checkOut struct {
	claim.Result
	Stored *savedJSON `json:"stored,omitempty"`
}

func (s *Server) check(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	var in checkIn
	if err := strictJSON(body, &in); err != nil {
		return err
	}
	if in.Store {
		// Checked before the work: a refused store should cost nothing.
		if _, err := s.authorise(r); err != nil {
			return err
		}
	}
	if in.Published != "" {
		if _, err := time.Parse(time.DateOnly, in.Published); err != nil {
			return badRequest("published %q: not a YYYY-MM-DD date", in.Published)
		}
	}
	for name, v := range map[string]string{"title": in.Title, "source": in.Source} {
		if err := checkText(name, v, 4096); err != nil {
			return err
		}
	}
	opt := document.Options{Published: in.Published, Source: in.Source, MaxBytes: s.opt.MaxBody}
	var d *document.Document
	switch {
	case in.Text != nil && in.URL != "":
		return badRequest("body: text or url, not both")
	case in.Text != nil:
		// Through the JSON reader, so that the text is read exactly as
		// `tally check` and `tally ingest` read a JSON document.
		doc, _ := json.Marshal(map[string]string{"title": in.Title, "text": *in.Text, "published": in.Published, "source": in.Source})
		if d, err = readOne("check", doc, opt); err != nil {
			return err
		}
	case in.URL != "":
		if d, err = s.fetchOne(r, in.URL, opt); err != nil {
			return err
		}
	default:
		return badRequest("body: want {\"text\": ...} or {\"url\": ...}")
	}
	out := checkOut{Result: extract.Check(d)}
	if in.Store {
		sd := ingest.Prepare(d)
		saved, err := s.st.Save(r.Context(), []store.Doc{sd}, ingest.SameReport)
		if err != nil {
			return err
		}
		out.Stored = &savedJSON{ID: saved[0].ID, Key: sd.Key, New: saved[0].New, Group: saved[0].Group, Claims: len(sd.Claims)}
	}
	s.writeJSON(w, r, http.StatusOK, out)
	return nil
}
