package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http"
	"strconv"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/export"
	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/store"
)

// The document forms are export's, shared with the command line.
type (
	docJSON     = export.Doc
	fullDocJSON = export.FullDoc
)

func (s *Server) listDocuments(w http.ResponseWriter, r *http.Request) error {
	p, err := parseParams(r, []string{"q", "outlet", "admin1", "from", "to", "group", "limit", "cursor"})
	if err != nil {
		return err
	}
	f := store.DocFilter{Text: p.str("q"), Outlet: p.str("outlet"), Admin1: place.Admin1Named(p.str("admin1"))}
	if f.From, f.To, err = p.dates(); err != nil {
		return err
	}
	if f.Group, err = p.id("group"); err != nil {
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
	for it, err := range s.docItems(r.Context(), f) {
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	items, nextCursor := next(items, limit, func(it rowItem) int64 { return it.id })
	s.writeRawPage(w, r, rowJSONs(items), nextCursor)
	return nil
}

// docItems are the documents f selects as JSON, from the row cache when
// it holds them, else read and encoded (and kept).
func (s *Server) docItems(ctx context.Context, f store.DocFilter) iter.Seq2[rowItem, error] {
	if s.rows == nil {
		return encodedItems(s.st.Documents(ctx, f), func(d store.DocSummary) (int64, any) {
			return d.ID, export.ToDoc(d)
		})
	}
	return items(s.rows, func(known func(string) bool) iter.Seq2[store.DocRow, error] {
		return s.st.DocRows(ctx, f, known)
	}, func(r store.DocRow) (int64, string, func() any) {
		if r.Doc == nil {
			return r.ID, r.Row, nil
		}
		return r.ID, r.Row, func() any { return export.ToDoc(*r.Doc) }
	})
}

func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	if err := checkText("document", ref, maxParam); err != nil {
		return err
	}
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	d, err := s.st.Document(r.Context(), ref)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, export.ToFullDoc(d))
	return nil
}

// savedJSON says what storing a document did.
type savedJSON struct {
	ID     int64  `json:"id"`
	Key    string `json:"key"`
	New    bool   `json:"new"` // false: the same document was stored already
	Group  int64  `json:"report_group"`
	Claims int    `json:"claims"`
}

// postDocument stores one document: a SPEC input document (JSON with
// "text", and optionally "id", "title", "published", "source", "url"), or
// {"url": ...} alone for a page to fetch.
func (s *Server) postDocument(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseParams(r, nil); err != nil {
		return err
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return badRequest("body: want a JSON object: a document with \"text\", or {\"url\": ...}")
	}
	var d *document.Document
	_, hasText := fields["text"]
	_, hasContent := fields["content"]
	_, hasBody := fields["body"]
	if _, ok := fields["url"]; ok && !hasText && !hasContent && !hasBody {
		var in struct {
			URL       string `json:"url"`
			Published string `json:"published"`
			Source    string `json:"source"`
		}
		if err := strictJSON(body, &in); err != nil {
			return err
		}
		if d, err = s.fetchOne(r, in.URL, document.Options{Published: in.Published, Source: in.Source}); err != nil {
			return err
		}
	} else if d, err = readOne("request", body, document.Options{MaxBytes: s.opt.MaxBody}); err != nil {
		return err
	}
	sd := ingest.Prepare(d)
	saved, err := s.st.Save(r.Context(), []store.Doc{sd}, ingest.SameReport)
	if err != nil {
		return err
	}
	sv := saved[0]
	status := http.StatusOK
	if sv.New {
		status = http.StatusCreated
	}
	w.Header().Set("Location", "/api/v1/documents/"+strconv.FormatInt(sv.ID, 10))
	s.writeJSON(w, r, status, savedJSON{ID: sv.ID, Key: sd.Key, New: sv.New, Group: sv.Group, Claims: len(sd.Claims)})
	return nil
}

// readBody reads a POST body, within the server's limit.
func readBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, badRequest("body: %v", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badRequest("body: empty; want a JSON object")
	}
	return body, nil
}

// strictJSON decodes one JSON object into v, refusing fields v lacks.
func strictJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return badRequest("body: %s: want a JSON %s, not %s", te.Field, te.Type, te.Value)
		}
		return badRequest("body: %v", err)
	}
	if dec.More() {
		return badRequest("body: data after the JSON object")
	}
	return nil
}

// readOne reads one document from a JSON object with the readers
// `tally ingest` uses for JSON input.
func readOne(name string, body []byte, opt document.Options) (*document.Document, error) {
	if t := bytes.TrimLeft(body, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, badRequest("body: want one JSON object")
	}
	if bytes.Contains(body, []byte(`\u0000`)) {
		return nil, badRequest("body: holds a NUL character")
	}
	var doc *document.Document
	for d, err := range document.Read(name+".json", bytes.NewReader(body), opt) {
		if err != nil {
			return nil, badRequest("%v", err)
		}
		if doc != nil {
			return nil, badRequest("body: one document at a time")
		}
		doc = d
	}
	if doc == nil {
		return nil, badRequest("body: no document")
	}
	return doc, nil
}

// fetchOne fetches a page and reads its one article. A feed is refused:
// its items are many documents, for `tally ingest`.
func (s *Server) fetchOne(r *http.Request, url string, opt document.Options) (*document.Document, error) {
	if err := checkText("url", url, 4096); err != nil {
		return nil, err
	}
	if !ingest.IsURL(url) {
		return nil, badRequest("url %q: want an http or https URL", url)
	}
	resp, err := s.fetcher.Get(r.Context(), url)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	var docs []*document.Document
	for d, err := range resp.Documents(opt) {
		if err != nil {
			return nil, badRequest("%v", err)
		}
		if docs = append(docs, d); len(docs) > 1 {
			break
		}
	}
	switch len(docs) {
	case 0:
		return nil, badRequest("%s: no article found", url)
	case 1:
		return docs[0], nil
	}
	return nil, badRequest("%s is a feed of several items: post its articles one at a time, or use tally ingest", url)
}

// docRef parses the {doc} of a claim ref.
func docRef(r *http.Request) (int64, string, error) {
	doc, cid := r.PathValue("doc"), r.PathValue("cid")
	id, err := strconv.ParseInt(doc, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", badRequest("claim %q: a ref is DOCUMENT/CLAIM, as 17/c2", doc+"/"+cid)
	}
	if err := checkText("claim", cid, 64); err != nil {
		return 0, "", err
	}
	return id, cid, nil
}
