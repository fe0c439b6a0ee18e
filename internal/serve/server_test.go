package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/ingest/fetch"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
	"github.com/tallyhq/tally/internal/verify"
)

// fixture is the corpus every test starts from: real sentences, so that
// extraction gives real claims, and one document whose text is markup.
const fixture = `{"id": "maarat", "title": "Rockets hit market", "published": "2019-03-18", "source": "Reuters", "text": "At least 19 people were killed and 34 wounded on Sunday when rockets hit a market in Maarat al-Numan, the Syrian Observatory for Human Rights said."}
{"id": "aleppo-afp", "title": "Strikes on Aleppo", "published": "2018-04-02", "source": "AFP", "text": "Air strikes killed 12 civilians in Aleppo on Sunday, the Syrian Observatory for Human Rights said."}
{"id": "aleppo-sana", "title": "Aleppo <b>raids</b>", "published": "2018-04-02", "source": "SANA", "text": "Air strikes killed 30 civilians in Aleppo on Sunday, state media said. <script>alert(1)</script> <img src=x onerror=alert(2)>"}
{"id": "raqqa", "title": "Raqqa mines", "published": "2018-03-01", "source": "Sputnik", "text": "Mines killed 7 civilians in Raqqa last week, the Russian Defense Ministry said."}
`

type env struct {
	st    *store.Store
	h     http.Handler
	token string
	docs  map[string]int64 // ext id to store id
}

func newEnv(t testing.TB, dsn string, opt Options) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var docs []store.Doc
	for d, err := range document.Read("fixture.jsonl", strings.NewReader(fixture), document.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ingest.Prepare(d))
	}
	saved, err := st.Save(ctx, docs, ingest.SameReport)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{st: st, docs: map[string]int64{}}
	for i, sv := range saved {
		e.docs[docs[i].ExtID] = sv.ID
	}
	if _, err := verify.Run(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	if e.token, err = st.CreateToken(ctx, "amal"); err != nil {
		t.Fatal(err)
	}
	srv := New(st, opt)
	t.Cleanup(func() { srv.Close() }) // before the store's: cleanups run last first
	e.h = srv
	return e
}

// do sends a request; body is JSON-encoded unless it is a string.
func (e *env) do(t testing.TB, method, path, token string, body any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r *http.Request
	switch b := body.(type) {
	case nil:
		r = httptest.NewRequest(method, path, nil)
	case string:
		r = httptest.NewRequest(method, path, strings.NewReader(b))
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = httptest.NewRequest(method, path, bytes.NewReader(data))
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

// want checks a response's status and decodes its body into v.
func want(t testing.TB, w *httptest.ResponseRecorder, status int, v any) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); status != http.StatusNotModified && ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	if v != nil {
		if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
			t.Fatalf("body: %v: %s", err, w.Body)
		}
	}
}

// wantError checks an error response's status, shape and code.
func wantError(t testing.TB, w *httptest.ResponseRecorder, status int, code string) string {
	t.Helper()
	var e errorBody
	want(t, w, status, &e)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Fatalf("error %+v, want code %s and a message", e.Error, code)
	}
	var loose map[string]map[string]any
	if json.Unmarshal(w.Body.Bytes(), &loose) != nil || len(loose) != 1 || len(loose["error"]) != 2 {
		t.Fatalf("error body %s: want exactly {\"error\": {\"code\", \"message\"}}", w.Body)
	}
	return e.Error.Message
}

type claimOut struct {
	Ref   string `json:"ref"`
	Kind  string `json:"kind"`
	Count *struct {
		Value *int64 `json:"value"`
	} `json:"count"`
	Place *struct {
		Admin1 *string `json:"admin1"`
	} `json:"place"`
	Review *store.Review `json:"review"`
	Quote  struct {
		Text string `json:"text"`
	} `json:"quote"`
	Verdict *verdictJSON `json:"verdict"`
}

type listOut[T any] struct {
	Items []T     `json:"items"`
	Next  *string `json:"next"`
}

func refs(cs []claimOut) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Ref)
	}
	return out
}

func TestDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		var all listOut[docJSON]
		want(t, e.do(t, "GET", "/api/v1/documents", "", nil), 200, &all)
		if len(all.Items) != 4 || all.Next != nil || all.Items[0].ID < all.Items[3].ID {
			t.Fatalf("documents: %+v", all)
		}
		// Pages of 3 then 1, no overlap.
		var p1, p2 listOut[docJSON]
		want(t, e.do(t, "GET", "/api/v1/documents?limit=3", "", nil), 200, &p1)
		if len(p1.Items) != 3 || p1.Next == nil {
			t.Fatalf("first page: %+v", p1)
		}
		want(t, e.do(t, "GET", "/api/v1/documents?limit=3&cursor="+*p1.Next, "", nil), 200, &p2)
		if len(p2.Items) != 1 || p2.Next != nil || p2.Items[0].ID != all.Items[3].ID {
			t.Fatalf("second page: %+v", p2)
		}
		var found listOut[docJSON]
		want(t, e.do(t, "GET", "/api/v1/documents?q=mines&outlet=sputnik", "", nil), 200, &found)
		if len(found.Items) != 1 || found.Items[0].ExtID != "raqqa" {
			t.Errorf("search: %+v", found)
		}
		want(t, e.do(t, "GET", "/api/v1/documents?from=2018-04-01&to=2018-04-30", "", nil), 200, &found)
		if len(found.Items) != 2 {
			t.Errorf("dates: %+v", found)
		}
		var d struct {
			fullDocJSON
			Claims []claimOut `json:"claims"`
		}
		want(t, e.do(t, "GET", fmt.Sprint("/api/v1/documents/", e.docs["maarat"]), "", nil), 200, &d)
		if d.ExtID != "maarat" || !strings.Contains(d.Text, "Maarat al-Numan") || len(d.Claims) != 2 || d.Claims[0].Kind != "killed" {
			t.Errorf("document: %+v", d)
		}
		want(t, e.do(t, "GET", "/api/v1/documents/aleppo-afp", "", nil), 200, &d)
		if d.ExtID != "aleppo-afp" {
			t.Errorf("by its own id: %+v", d.Doc)
		}
		wantError(t, e.do(t, "GET", "/api/v1/documents/999999", "", nil), 404, "not_found")
		for _, q := range []string{"from=2018-02-30", "to=yesterday", "from=2019-01-01&to=2018-01-01", "limit=0", "limit=501",
			"limit=x", "cursor=abc", "cursor=-3", "group=0", "colour=red", "q=a&q=b", "q=%zz", "q=%00", "q=%ff"} {
			wantError(t, e.do(t, "GET", "/api/v1/documents?"+q, "", nil), 400, "bad_request")
		}
	})
}

func TestClaims(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		var all listOut[claimOut]
		want(t, e.do(t, "GET", "/api/v1/claims?limit=500", "", nil), 200, &all)
		if len(all.Items) != 5 || all.Next != nil {
			t.Fatalf("claims: %v", refs(all.Items))
		}
		var got listOut[claimOut]
		for q, n := range map[string]int{
			"kind=injured": 1, "kind=killed,injured": 5, "kind=killed&kind=injured": 5, "admin1=Aleppo": 2,
			"admin1=Aleppo&outlet=afp": 1, "place=Aleppo": 2, "country=SY&kind=killed": 4, "victims=civilians": 3,
			"cause=mine": 1, "source_type=military": 1, "from=2018-04-01&to=2018-04-02": 2, "q=rockets+market": 2,
			"source=Syrian+Observatory+for+Human+Rights": 3, "hypothetical=true": 5,
		} {
			want(t, e.do(t, "GET", "/api/v1/claims?"+q, "", nil), 200, &got)
			if len(got.Items) != n {
				t.Errorf("%s: %d claims %v, want %d", q, len(got.Items), refs(got.Items), n)
			}
		}
		// Cursors walk every claim once, newest first.
		var seen []string
		cursor := ""
		for range 10 {
			want(t, e.do(t, "GET", "/api/v1/claims?limit=2"+cursor, "", nil), 200, &got)
			seen = append(seen, refs(got.Items)...)
			if got.Next == nil {
				break
			}
			cursor = "&cursor=" + *got.Next
		}
		if strings.Join(seen, " ") != strings.Join(refs(all.Items), " ") {
			t.Errorf("pages gave %v, want %v", seen, refs(all.Items))
		}
		for _, q := range []string{"kind=eaten", "victims=cats", "cause=magic", "source_type=oracle", "from=2018-1-1",
			"limit=1000", "cursor=1.5", "hypothetical=maybe", "source-type=un", "admin1=a&admin1=b"} {
			msg := wantError(t, e.do(t, "GET", "/api/v1/claims?"+q, "", nil), 400, "bad_request")
			if !strings.Contains(msg, strings.Split(strings.Split(q, "=")[0], "&")[0]) {
				t.Errorf("%s: message %q does not name the parameter", q, msg)
			}
		}
		// One claim, with its verdict.
		var c claimOut
		ref := fmt.Sprint(e.docs["aleppo-afp"], "/c1")
		want(t, e.do(t, "GET", "/api/v1/claims/"+ref, "", nil), 200, &c)
		if c.Ref != ref || c.Verdict == nil || c.Verdict.Incident == nil || c.Verdict.Verdict == "" {
			t.Errorf("claim %s: %+v", ref, c)
		}
		wantError(t, e.do(t, "GET", "/api/v1/claims/x/c1", "", nil), 400, "bad_request")
		wantError(t, e.do(t, "GET", "/api/v1/claims/1/c99", "", nil), 404, "not_found")
		wantError(t, e.do(t, "GET", "/api/v1/claims/999999/c1", "", nil), 404, "not_found")
	})
}

func TestVerification(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		var incs listOut[incidentJSON]
		want(t, e.do(t, "GET", "/api/v1/incidents", "", nil), 200, &incs)
		if len(incs.Items) == 0 {
			t.Fatal("no incidents")
		}
		var aleppo *incidentJSON
		for i := range incs.Items {
			if incs.Items[i].Admin1 == "Aleppo" {
				aleppo = &incs.Items[i]
			}
		}
		if aleppo == nil || aleppo.Grade != "contested" || !strings.Contains(string(aleppo.Sources), "AFP") || !strings.Contains(string(aleppo.Estimate), `"best"`) {
			t.Fatalf("the Aleppo incident: %+v", aleppo)
		}
		var filtered listOut[incidentJSON]
		want(t, e.do(t, "GET", "/api/v1/incidents?grade=contested&admin1=aleppo&kind=killed&from=2018-03-01&to=2018-04-30", "", nil), 200, &filtered)
		if len(filtered.Items) != 1 || filtered.Items[0].ID != aleppo.ID {
			t.Errorf("filtered incidents: %+v", filtered)
		}
		var one struct {
			incidentJSON
			Claims []claimOut `json:"claims"`
		}
		want(t, e.do(t, "GET", fmt.Sprint("/api/v1/incidents/", aleppo.ID), "", nil), 200, &one)
		if len(one.Claims) != 2 {
			t.Errorf("incident claims: %v", refs(one.Claims))
		}
		// Each with the verdict its own endpoint gives (read for all of
		// them in one query).
		for _, c := range one.Claims {
			var alone claimOut
			want(t, e.do(t, "GET", "/api/v1/claims/"+c.Ref, "", nil), 200, &alone)
			got, _ := json.Marshal(c.Verdict)
			wantV, _ := json.Marshal(alone.Verdict)
			if c.Verdict == nil || c.Verdict.Incident == nil || *c.Verdict.Incident != aleppo.ID || string(got) != string(wantV) {
				t.Errorf("claim %s: verdict in the incident %s, alone %s", c.Ref, got, wantV)
			}
		}
		wantError(t, e.do(t, "GET", "/api/v1/incidents/abc", "", nil), 400, "bad_request")
		wantError(t, e.do(t, "GET", "/api/v1/incidents/99999", "", nil), 404, "not_found")
		wantError(t, e.do(t, "GET", "/api/v1/incidents?grade=dubious", "", nil), 400, "bad_request")

		var vs listOut[verdictJSON]
		want(t, e.do(t, "GET", "/api/v1/verdicts?limit=2", "", nil), 200, &vs)
		if len(vs.Items) != 2 || vs.Next == nil || vs.Items[0].Claim == "" {
			t.Fatalf("verdicts: %+v", vs)
		}
		want(t, e.do(t, "GET", "/api/v1/verdicts?verdict=not_comparable", "", nil), 200, &vs)
		for _, v := range vs.Items {
			if v.Verdict != "not_comparable" {
				t.Errorf("verdict filter gave %+v", v)
			}
		}
		wantError(t, e.do(t, "GET", "/api/v1/verdicts?verdict=true", "", nil), 400, "bad_request")

		var places listOut[placeJSON]
		want(t, e.do(t, "GET", "/api/v1/places", "", nil), 200, &places)
		if len(places.Items) < 3 || places.Items[0].Claims < places.Items[len(places.Items)-1].Claims {
			t.Fatalf("places: %+v", places)
		}
		var first listOut[placeJSON]
		want(t, e.do(t, "GET", "/api/v1/places?limit=1&kind=killed", "", nil), 200, &first)
		if len(first.Items) != 1 || first.Next == nil || first.Items[0].Kinds["killed"] == 0 || first.Items[0].Lat == nil || first.Items[0].Precision != "place" {
			t.Fatalf("places, first: %+v", first)
		}
		want(t, e.do(t, "GET", "/api/v1/places?limit=1&kind=killed&cursor="+*first.Next, "", nil), 200, &places)
		if len(places.Items) != 1 || places.Items[0].GeonamesID == first.Items[0].GeonamesID {
			t.Errorf("places, second: %+v", places)
		}
		var aleppoPlaces listOut[placeJSON]
		want(t, e.do(t, "GET", "/api/v1/places?admin1=Aleppo", "", nil), 200, &aleppoPlaces)
		if len(aleppoPlaces.Items) != 1 || aleppoPlaces.Items[0].Claims != 2 {
			t.Errorf("places in Aleppo: %+v", aleppoPlaces)
		}
	})
}

func TestCheckAndPost(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Idlib shelling</title></head><body><article><p>Shelling killed 9 civilians in Idlib on Monday, the Syrian Observatory for Human Rights said.</p></article></body></html>`)
	}))
	defer page.Close()
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		var res checkOut
		text := map[string]any{"text": "Shelling killed 9 civilians in Idlib on Monday, the Syrian Observatory for Human Rights said.", "published": "2019-05-07"}
		want(t, e.do(t, "POST", "/api/v1/check", "", text), 200, &res)
		if len(res.Claims) != 1 || res.Claims[0].Kind != "killed" || res.Stored != nil || res.Claims[0].Period == nil {
			t.Fatalf("check: %+v", res)
		}
		n, _ := e.st.Count(context.Background())
		if n.Documents != 4 {
			t.Errorf("check stored a document: %+v", n)
		}
		// Storing needs a token.
		text["store"] = true
		wantError(t, e.do(t, "POST", "/api/v1/check", "", text), 401, "unauthorized")
		want(t, e.do(t, "POST", "/api/v1/check", e.token, text), 200, &res)
		if res.Stored == nil || !res.Stored.New || res.Stored.Claims != 1 {
			t.Errorf("check and store: %+v", res.Stored)
		}
		// URLs: loopback is refused unless allowed.
		msg := wantError(t, e.do(t, "POST", "/api/v1/check", "", map[string]any{"url": page.URL}), 400, "bad_request")
		if !strings.Contains(msg, "not a public address") {
			t.Errorf("loopback URL: %s", msg)
		}
		for _, bad := range []any{"", "[1]", "{", `{"text": 3}`, `{"text": "x", "url": "http://example.org"}`, `{"txt": "x"}`, `{}`,
			`{"text": "a", "published": "June"}`, `{"url": "file:///etc/passwd"}`, `{"text": ""}`, `{"text": "a\u0000b"}`, `{"text": "x"} {}`} {
			wantError(t, e.do(t, "POST", "/api/v1/check", "", bad), 400, "bad_request")
		}
		private := New(e.st, Options{Fetch: fetch.Options{AllowPrivate: true}})
		w := httptest.NewRecorder()
		private.ServeHTTP(w, httptest.NewRequest("POST", "/api/v1/check", strings.NewReader(`{"url": "`+page.URL+`"}`)))
		want(t, w, 200, &res)
		if len(res.Claims) != 1 || res.Document.Title != "Idlib shelling" {
			t.Errorf("check of a page: %+v", res)
		}

		// POST /documents: new, then the same again.
		var sv savedJSON
		doc := map[string]any{"id": "homs", "title": "Homs", "text": "A car bomb killed 4 people in Homs on Friday, SANA said.", "published": "2018-06-02", "source": "SANA"}
		wantError(t, e.do(t, "POST", "/api/v1/documents", "", doc), 401, "unauthorized")
		w = e.do(t, "POST", "/api/v1/documents", e.token, doc)
		want(t, w, 201, &sv)
		if !sv.New || sv.Claims != 1 || w.Header().Get("Location") != fmt.Sprint("/api/v1/documents/", sv.ID) {
			t.Errorf("post document: %+v %v", sv, w.Header())
		}
		want(t, e.do(t, "POST", "/api/v1/documents", e.token, doc), 200, &sv)
		if sv.New {
			t.Errorf("the same document again is new: %+v", sv)
		}
		wantError(t, e.do(t, "POST", "/api/v1/documents", e.token, map[string]any{"url": page.URL}), 400, "bad_request")
		w = httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/api/v1/documents", strings.NewReader(`{"url": "`+page.URL+`", "published": "2019-05-07"}`))
		r.Header.Set("Authorization", "Bearer "+e.token)
		private.ServeHTTP(w, r)
		want(t, w, 201, &sv)
		for _, bad := range []any{`[{"text": "x"}]`, `{"title": "no text"}`, `{"url": "http://x", "colour": 1}`, `"text"`, `{"text": "a\u0000"}`} {
			wantError(t, e.do(t, "POST", "/api/v1/documents", e.token, bad), 400, "bad_request")
		}
	})
}

func TestAuth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		ref := fmt.Sprint("/api/v1/claims/", e.docs["raqqa"], "/c1/reviews")
		accept := map[string]any{"decision": "accept"}
		w := e.do(t, "POST", ref, "", accept)
		wantError(t, w, 401, "unauthorized")
		if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("401 without WWW-Authenticate: %v", w.Header())
		}
		wantError(t, e.do(t, "POST", ref, "tally_wrong", accept), 401, "unauthorized")
		w = e.do(t, "POST", ref, "", accept, "Authorization", "Basic YTpi")
		wantError(t, w, 401, "unauthorized")
		want(t, e.do(t, "POST", ref, e.token, accept), 201, nil)
		if err := e.st.RevokeToken(context.Background(), "amal"); err != nil {
			t.Fatal(err)
		}
		wantError(t, e.do(t, "POST", ref, e.token, accept), 401, "unauthorized")
		tok, err := e.st.CreateToken(context.Background(), "bilal")
		if err != nil {
			t.Fatal(err)
		}
		want(t, e.do(t, "POST", ref, tok, accept), 201, nil)
		// Reads need no token.
		want(t, e.do(t, "GET", ref, "", nil), 200, nil)

		// Read-only: every write is refused, token or not; reads and checks
		// that store nothing still work.
		ro := &env{st: e.st, h: New(e.st, Options{ReadOnly: true}), docs: e.docs}
		wantError(t, ro.do(t, "POST", ref, tok, accept), 403, "forbidden")
		wantError(t, ro.do(t, "POST", ref, "", accept), 403, "forbidden")
		wantError(t, ro.do(t, "POST", "/api/v1/documents", tok, map[string]any{"text": "x"}), 403, "forbidden")
		wantError(t, ro.do(t, "POST", "/api/v1/check", tok, map[string]any{"text": "Mines killed 3 people.", "store": true}), 403, "forbidden")
		want(t, ro.do(t, "POST", "/api/v1/check", "", map[string]any{"text": "Mines killed 3 people."}), 200, nil)
		want(t, ro.do(t, "GET", "/api/v1/claims", "", nil), 200, nil)
	})
}

func TestReviews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		id := e.docs["aleppo-afp"]
		ref := fmt.Sprint(id, "/c1")
		path := "/api/v1/claims/" + ref + "/reviews"
		fix := map[string]any{"decision": "correct", "reason": "the ministry's later toll",
			"fields": map[string]any{"count": map[string]any{"value": 14, "low": 14, "high": 14, "qualifier": "exact", "text": "14"}}}
		var out reviewOut
		want(t, e.do(t, "POST", path, e.token, fix), 201, &out)
		if out.Review.Reviewer != "amal" || out.Review.Decision != store.Correct || *out.Claim.Count.Value != 14 {
			t.Fatalf("review: %+v", out)
		}
		// The corrected value wins wherever the claim is shown.
		var c claimOut
		want(t, e.do(t, "GET", "/api/v1/claims/"+ref, "", nil), 200, &c)
		if *c.Count.Value != 14 || c.Review == nil || c.Review.Reason != "the ministry's later toll" {
			t.Errorf("claim after correction: %+v", c)
		}
		var list listOut[claimOut]
		want(t, e.do(t, "GET", "/api/v1/claims?outlet=AFP", "", nil), 200, &list)
		if len(list.Items) != 1 || *list.Items[0].Count.Value != 14 {
			t.Errorf("list after correction: %+v", list)
		}
		var d struct {
			Claims []claimOut `json:"claims"`
		}
		want(t, e.do(t, "GET", fmt.Sprint("/api/v1/documents/", id), "", nil), 200, &d)
		if *d.Claims[0].Count.Value != 14 {
			t.Errorf("document after correction: %+v", d.Claims[0])
		}
		// Bad reviews.
		for _, bad := range []any{
			map[string]any{"decision": "maybe", "reason": "x"},
			map[string]any{"decision": "reject"},
			map[string]any{"decision": "correct", "reason": "x", "fields": map[string]any{"quote": "y"}},
			map[string]any{"decision": "correct", "reason": "x", "fields": map[string]any{"kind": "eaten"}},
			map[string]any{"decision": "correct", "reason": "x", "fields": []int{1}},
			map[string]any{"decision": "correct", "reason": "x"},
			map[string]any{"decision": "accept", "fields": map[string]any{"kind": "killed"}},
			map[string]any{"decision": "accept", "reviewer": "mallory"},
			"{not json",
		} {
			wantError(t, e.do(t, "POST", path, e.token, bad), 400, "bad_request")
		}
		wantError(t, e.do(t, "POST", "/api/v1/claims/999999/c1/reviews", e.token, map[string]any{"decision": "accept"}), 404, "not_found")
		// A rejection hides the claim from lists but not from its document
		// or its own address.
		want(t, e.do(t, "POST", path, e.token, map[string]any{"decision": "reject", "reason": "a duplicate"}), 201, nil)
		want(t, e.do(t, "GET", "/api/v1/claims?outlet=AFP", "", nil), 200, &list)
		if len(list.Items) != 0 {
			t.Errorf("a rejected claim is listed: %v", refs(list.Items))
		}
		want(t, e.do(t, "GET", "/api/v1/claims?outlet=AFP&rejected=true", "", nil), 200, &list)
		if len(list.Items) != 1 || list.Items[0].Review.Decision != store.Reject {
			t.Errorf("rejected=true: %+v", list)
		}
		var log listOut[store.Review]
		want(t, e.do(t, "GET", path, "", nil), 200, &log)
		if len(log.Items) != 2 || log.Items[0].Decision != store.Correct || log.Items[1].Decision != store.Reject {
			t.Errorf("log: %+v", log)
		}
		// The review queue leaves the reviewed claim out until an undo
		// (reopen, no reason needed) brings it back as extracted.
		var queue listOut[claimOut]
		want(t, e.do(t, "GET", "/api/v1/claims?unreviewed=true", "", nil), 200, &queue)
		if slices.Contains(refs(queue.Items), ref) || len(queue.Items) == 0 {
			t.Errorf("queue holds the reviewed claim or nothing: %v", refs(queue.Items))
		}
		want(t, e.do(t, "POST", path, e.token, map[string]any{"decision": "reopen"}), 201, &out)
		if out.Review.Decision != store.Reopen || *out.Claim.Count.Value != 12 {
			t.Errorf("reopened: %+v", out)
		}
		want(t, e.do(t, "GET", "/api/v1/claims?unreviewed=true", "", nil), 200, &queue)
		if !slices.Contains(refs(queue.Items), ref) {
			t.Errorf("queue after reopen lacks %s: %v", ref, refs(queue.Items))
		}
		wantError(t, e.do(t, "GET", "/api/v1/claims?unreviewed=maybe", "", nil), 400, "bad_request")
	})
}

func TestTimelineAndMapFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		var tl timelineJSON
		want(t, e.do(t, "GET", "/api/v1/timeline?admin1=Aleppo", "", nil), 200, &tl)
		// Both Aleppo reports are of Sunday 2018-04-01: the week of Monday
		// 2018-03-26, with each source's figure and the band between them.
		if len(tl.Killed.Weeks) != 1 || tl.Killed.Weeks[0].Start != "2018-03-26" || len(tl.Killed.Sources) != 2 {
			t.Fatalf("Aleppo killed timeline: %+v", tl.Killed)
		}
		wk := tl.Killed.Weeks[0]
		if wk.Low > 12 || wk.High == nil || *wk.High < 30 || wk.Incidents != 1 {
			t.Errorf("Aleppo week: %+v", wk)
		}
		if len(tl.Injured.Weeks) != 0 {
			t.Errorf("Aleppo injured: %+v", tl.Injured)
		}
		want(t, e.do(t, "GET", "/api/v1/timeline?place=Ma%E2%80%98arrat%20an%20Nu%E2%80%98m%C4%81n&from=2019-01-01", "", nil), 200, &tl)
		if len(tl.Injured.Weeks) != 1 || tl.Injured.Weeks[0].Best != 34 {
			t.Errorf("Maarat injured timeline: %+v", tl.Injured)
		}
		want(t, e.do(t, "GET", "/api/v1/timeline?country=SY&to=2018-12-31", "", nil), 200, &tl)
		if len(tl.Killed.Weeks) < 2 {
			t.Errorf("Syria's 2018 killed timeline: %+v", tl.Killed)
		}
		wantError(t, e.do(t, "GET", "/api/v1/timeline", "", nil), 400, "bad_request")
		wantError(t, e.do(t, "GET", "/api/v1/timeline?admin1=Aleppo&kind=killed", "", nil), 400, "bad_request")

		// The map's filters: victims, cause and source narrow the places.
		var places listOut[placeJSON]
		want(t, e.do(t, "GET", "/api/v1/places?cause=mine&victims=civilians", "", nil), 200, &places)
		if len(places.Items) != 1 || places.Items[0].Admin1 != "Ar-Raqqah" {
			t.Errorf("places of mine deaths: %+v", places.Items)
		}
		want(t, e.do(t, "GET", "/api/v1/places?source=Syrian%20Observatory%20for%20Human%20Rights&source_type=monitor", "", nil), 200, &places)
		if len(places.Items) != 2 {
			t.Errorf("places of the Observatory's claims: %+v", places.Items)
		}
		wantError(t, e.do(t, "GET", "/api/v1/places?cause=meteor", "", nil), 400, "bad_request")
	})
}

func TestETag(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), Options{})
	w := e.do(t, "GET", "/api/v1/claims", "", nil)
	etag := w.Header().Get("ETag")
	if w.Code != 200 || !strings.HasPrefix(etag, `"`) {
		t.Fatalf("no ETag: %d %v", w.Code, w.Header())
	}
	w = e.do(t, "GET", "/api/v1/claims", "", nil, "If-None-Match", etag)
	if w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Fatalf("If-None-Match: %d %q", w.Code, w.Body)
	}
	w = e.do(t, "GET", "/api/v1/claims", "", nil, "If-None-Match", `"other", W/`+etag)
	if w.Code != http.StatusNotModified {
		t.Errorf("a weak match in a list: %d", w.Code)
	}
	// A change makes a new ETag.
	want(t, e.do(t, "POST", "/api/v1/claims/"+fmt.Sprint(e.docs["raqqa"])+"/c1/reviews", e.token, map[string]any{"decision": "accept"}), 201, nil)
	w = e.do(t, "GET", "/api/v1/claims", "", nil, "If-None-Match", etag)
	if w.Code != 200 || w.Header().Get("ETag") == etag {
		t.Errorf("after a review: %d, ETag %s", w.Code, w.Header().Get("ETag"))
	}
	if w := e.do(t, "POST", "/api/v1/check", "", map[string]any{"text": "Mines killed 3 people."}); w.Header().Get("ETag") != "" {
		t.Errorf("a POST has an ETag")
	}
}

// TestEscaping: document text is markup a browser would run; the API only
// ever gives it as escaped JSON strings.
func TestEscaping(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), Options{})
	for _, path := range []string{fmt.Sprint("/api/v1/documents/", e.docs["aleppo-sana"]), "/api/v1/documents?q=raids", "/api/v1/claims?outlet=sana"} {
		w := e.do(t, "GET", path, "", nil)
		body := w.Body.String()
		if w.Code != 200 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
			t.Fatalf("%s: %d %v", path, w.Code, w.Header())
		}
		if strings.ContainsAny(body, "<>") {
			t.Errorf("%s: unescaped markup in %s", path, body)
		}
		if !strings.Contains(body, `\u003c`) {
			t.Errorf("%s: the markup is missing from %s", path, body)
		}
		for h, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
			if w.Header().Get(h) != v {
				t.Errorf("%s: %s %q", path, h, w.Header().Get(h))
			}
		}
		checkCSP(t, w.Header().Get("Content-Security-Policy"))
	}
	var d fullDocJSON
	want(t, e.do(t, "GET", fmt.Sprint("/api/v1/documents/", e.docs["aleppo-sana"]), "", nil), 200, &d)
	if !strings.Contains(d.Text, "<script>alert(1)</script> <img src=x onerror=alert(2)>") {
		t.Errorf("the text did not round-trip: %q", d.Text)
	}
}

func TestErrors(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), Options{MaxBody: 100})
	wantError(t, e.do(t, "GET", "/api/v1/nothing", "", nil), 404, "not_found")
	wantError(t, e.do(t, "GET", "/nothing", "", nil), 404, "not_found")
	wantError(t, e.do(t, "GET", "/documents/7/more", "", nil), 404, "not_found")
	w := e.do(t, "DELETE", "/api/v1/claims", "", nil)
	wantError(t, w, 405, "method_not_allowed")
	if !strings.Contains(w.Header().Get("Allow"), "GET") {
		t.Errorf("405 Allow: %q", w.Header().Get("Allow"))
	}
	wantError(t, e.do(t, "GET", "/api/v1/check", "", nil), 405, "method_not_allowed")
	wantError(t, e.do(t, "POST", "/api/v1/check", "", map[string]any{"text": strings.Repeat("killed ", 50)}), 413, "too_large")
	wantError(t, e.do(t, "POST", "/api/v1/documents", e.token, map[string]any{"text": strings.Repeat("killed ", 50)}), 413, "too_large")
	wantError(t, e.do(t, "GET", "/api/v1//claims", "", nil), 404, "not_found")
	var spec map[string]any
	want(t, e.do(t, "GET", "/api/v1/openapi.json", "", nil), 200, &spec)
	if spec["openapi"] != "3.1.0" {
		t.Errorf("openapi: %v", spec["openapi"])
	}
}

// TestOpenAPIMatchesRoutes keeps the description true: every route is in
// it with its method, and it describes no other.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPISpec, &spec); err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for path, ops := range spec.Paths {
		for method := range ops {
			described[strings.ToUpper(method)+" "+path] = true
		}
	}
	s := New(nil, Options{})
	for _, rt := range s.routes() {
		key := rt.method + " " + rt.pattern
		if !described[key] {
			t.Errorf("%s is not in openapi.json", key)
		}
		delete(described, key)
	}
	for key := range described {
		t.Errorf("openapi.json describes %s, which is no route", key)
	}
}

// checkCSP holds a Content-Security-Policy to what keeps a document's text
// from running: scripts and styles from this origin only, nothing inline,
// no plugins, no framing.
func checkCSP(t *testing.T, policy string) {
	t.Helper()
	directives := map[string]string{}
	for d := range strings.SplitSeq(policy, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for name, value := range map[string]string{"default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
		"object-src": "'none'", "frame-ancestors": "'none'", "base-uri": "'none'"} {
		if directives[name] != value {
			t.Errorf("CSP %s = %q, want %q (policy %q)", name, directives[name], value, policy)
		}
	}
	if strings.Contains(policy, "unsafe") {
		t.Errorf("CSP allows something unsafe: %q", policy)
	}
}

func TestUI(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), Options{})
	var index string
	for _, path := range []string{"/", "/map", "/timeline", "/documents", "/documents/12", "/incidents", "/incidents/3", "/review", "/check"} {
		w := e.do(t, "GET", path, "", nil)
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(w.Body.String(), `src="/assets/app.js"`) {
			t.Fatalf("GET %s: %d %s", path, w.Code, w.Header().Get("Content-Type"))
		}
		checkCSP(t, w.Header().Get("Content-Security-Policy"))
		index = w.Body.String()
	}
	if strings.Contains(index, "<script>") || regexp.MustCompile(`\s(style|on[a-z]+)=`).MatchString(index) {
		t.Error("the page has inline script or style, which the CSP refuses")
	}
	// Every asset the page names is served, with its type and an ETag that
	// makes a reload a 304.
	for _, m := range regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`).FindAllStringSubmatch(index, -1) {
		w := e.do(t, "GET", m[1], "", nil)
		if w.Code != 200 || w.Body.Len() == 0 {
			t.Fatalf("GET %s: %d", m[1], w.Code)
		}
		ctype := w.Header().Get("Content-Type")
		if strings.HasSuffix(m[1], ".js") && !strings.Contains(ctype, "javascript") || strings.HasSuffix(m[1], ".css") && !strings.HasPrefix(ctype, "text/css") {
			t.Errorf("GET %s: Content-Type %q", m[1], ctype)
		}
		if w2 := e.do(t, "GET", m[1], "", nil, "If-None-Match", w.Header().Get("ETag")); w2.Code != 304 {
			t.Errorf("GET %s with its ETag: %d, want 304", m[1], w2.Code)
		}
	}
	// The modules app.js imports are there too.
	app := e.do(t, "GET", "/assets/app.js", "", nil).Body.String()
	for _, m := range regexp.MustCompile(`from "\./([a-z]+\.js)"`).FindAllStringSubmatch(app, -1) {
		if w := e.do(t, "GET", "/assets/"+m[1], "", nil); w.Code != 200 {
			t.Errorf("module %s: %d", m[1], w.Code)
		}
	}
	if w := e.do(t, "GET", "/assets/vendor/world-atlas/countries-50m.json", "", nil); w.Code != 200 || !strings.Contains(w.Body.String(), `"Topology"`) {
		t.Errorf("boundaries: %d", w.Code)
	}
	if w := e.do(t, "GET", "/assets/nothing.js", "", nil); w.Code != 404 {
		t.Errorf("a missing asset: %d", w.Code)
	}
	if w := e.do(t, "POST", "/review", "", nil); w.Code != 405 {
		t.Errorf("POST to a page: %d", w.Code)
	}
}
