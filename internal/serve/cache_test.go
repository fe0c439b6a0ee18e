package serve

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// TestCache: a response given again is the same; any write to the store,
// through the API, the same store or another process's, is seen by the
// next request.
func TestCache(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		ctx := context.Background()
		count := func() int {
			t.Helper()
			var l listOut[docJSON]
			want(t, e.do(t, "GET", "/api/v1/documents?limit=50", "", nil), 200, &l)
			return len(l.Items)
		}
		first := e.do(t, "GET", "/api/v1/documents?limit=50", "", nil)
		again := e.do(t, "GET", "/api/v1/documents?limit=50", "", nil)
		if first.Body.String() != again.Body.String() || first.Header().Get("ETag") != again.Header().Get("ETag") {
			t.Fatalf("asked twice: %s, %s / %s, %s", first.Header().Get("ETag"), first.Body, again.Header().Get("ETag"), again.Body)
		}
		if w := e.do(t, "GET", "/api/v1/documents?limit=50", "", nil, "If-None-Match", first.Header().Get("ETag")); w.Code != http.StatusNotModified {
			t.Fatalf("If-None-Match: %d", w.Code)
		}
		if w := e.do(t, "HEAD", "/api/v1/documents?limit=50", "", nil); w.Code != 200 || w.Body.Len() != 0 ||
			w.Header().Get("ETag") != first.Header().Get("ETag") {
			t.Fatalf("HEAD: %d %q %s", w.Code, w.Body, w.Header().Get("ETag"))
		}
		n := count()
		other, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		for i, st := range []*store.Store{e.st, other} {
			text := fmt.Sprintf(`{"id": "new%d", "title": "New", "published": "2019-05-0%d", "source": "AFP", "text": "Shelling killed %d people in Idlib, activists said."}`, i, i+1, i+3)
			var docs []store.Doc
			for d, err := range document.Read("new.jsonl", strings.NewReader(text), document.Options{}) {
				if err != nil {
					t.Fatal(err)
				}
				docs = append(docs, ingest.Prepare(d))
			}
			if _, err := st.Save(ctx, docs, ingest.SameReport); err != nil {
				t.Fatal(err)
			}
			if got := count(); got != n+i+1 {
				t.Fatalf("after a write by store %d: %d documents, want %d", i, got, n+i+1)
			}
		}
	})
}

// TestCacheEscapedPath: two paths the same once unescaped may be two
// endpoints' (a claim's id holding a slash, and the claim's reviews).
func TestCacheEscapedPath(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), Options{})
	doc := fmt.Sprint(e.docs["maarat"])
	want(t, e.do(t, "GET", "/api/v1/claims/"+doc+"/c1/reviews", "", nil), 200, nil)
	wantError(t, e.do(t, "GET", "/api/v1/claims/"+doc+"/c1%2Freviews", "", nil), 404, codeNotFound)
}

func TestCacheKey(t *testing.T) {
	a, okA := cacheKey("/api/v1/claims", "kind=killed&admin1=Aleppo")
	b, okB := cacheKey("/api/v1/claims", "admin1=Aleppo&kind=killed")
	if !okA || !okB || a != b {
		t.Errorf("the same query in another order: %q, %q", a, b)
	}
	if c, _ := cacheKey("/api/v1/claims", "kind=injured&admin1=Aleppo"); c == a {
		t.Errorf("another query has the same key %q", c)
	}
	if _, ok := cacheKey("/api/v1/claims", "kind=%zz"); ok {
		t.Errorf("a query that does not parse has a key")
	}
}

// TestCacheBound: the cache holds no more than its bound, dropping the
// least recently used, and nothing of another version.
func TestCacheBound(t *testing.T) {
	c := newRespCache(3 * (1000 + 128 + 8))
	c.moveTo("v1", -1)
	body := make([]byte, 1000)
	for _, k := range []string{"a", "b", "c"} {
		c.get("v1", k)
		c.put("v1", k, body, "e", false)
	}
	c.get("v1", "a") // b is now the least recently used
	c.put("v1", "d", body, "e", false)
	for k, kept := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		if _, ok := c.get("v1", k); ok != kept {
			t.Errorf("%s kept: %v, want %v", k, ok, kept)
		}
	}
	if c.size > c.max {
		t.Errorf("size %d over %d", c.size, c.max)
	}
	if _, ok := c.get("v2", "a"); ok {
		t.Errorf("another version's response given")
	}
	c.moveTo("v2", -1)
	c.put("v1", "a", body, "e", false) // read before v2 was seen
	if _, ok := c.get("v2", "a"); ok {
		t.Errorf("a response read in an older version kept")
	}
}

// TestCacheMoves: moving to a new version keeps the stable responses when
// the store's count of edits is known and unchanged, and nothing else.
func TestCacheMoves(t *testing.T) {
	c := newRespCache(1 << 20)
	body := []byte("{}")
	for _, step := range []struct {
		version string
		edits   int64
		kept    []string // of "stable" and "other", put at the version before
	}{
		{"v1", -1, nil},
		{"v2", -1, nil},                        // unknown counts: nothing kept
		{"v3", 4, nil},                         // from unknown to known: nothing kept
		{"v4", 4, []string{"stable"}},          // appends only
		{"v4", 5, []string{"stable", "other"}}, // the same version: no move
		{"v5", 5, nil},                         // an edit since v4
		{"v6", -1, nil},                        // an edit while the version was read
	} {
		c.moveTo(step.version, step.edits)
		for _, k := range []string{"stable", "other"} {
			_, ok := c.get(step.version, k)
			if ok != slices.Contains(step.kept, k) {
				t.Errorf("at %s with %d edits: %s kept %v, want %v", step.version, step.edits, k, ok, !ok)
			}
		}
		c.put(step.version, "stable", body, "e", true)
		c.put(step.version, "other", body, "e", false)
	}
}

// TestCacheKeepsPagesAcrossAppends: a page of claims after a cursor is
// still answered from the cache once documents are appended (the same
// entry, not read again), and a review of one of its claims, through
// another store, drops it: the page then shows the review.
func TestCacheKeepsPagesAcrossAppends(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		srv := e.h.(*Server)
		ctx := context.Background()
		var first listOut[claimOut]
		want(t, e.do(t, "GET", "/api/v1/claims?limit=1", "", nil), 200, &first)
		if first.Next == nil {
			t.Fatal("one page of claims only")
		}
		path := "/api/v1/claims?limit=1&cursor=" + *first.Next
		page := e.do(t, "GET", path, "", nil).Body.String()
		key, _ := cacheKey("/api/v1/claims", "limit=1&cursor="+*first.Next)
		entry := func() *cached {
			srv.cache.mu.Lock()
			defer srv.cache.mu.Unlock()
			if el, ok := srv.cache.byKey[key]; ok {
				return el.Value.(*cached)
			}
			return nil
		}
		kept := entry()
		if kept == nil {
			t.Fatal("the page is not kept")
		}
		other, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		text := `{"id": "appended", "title": "New", "published": "2019-05-01", "source": "AFP", "text": "Shelling killed 4 people in Idlib, activists said."}`
		var docs []store.Doc
		for d, err := range document.Read("new.jsonl", strings.NewReader(text), document.Options{}) {
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, ingest.Prepare(d))
		}
		if _, err := other.Save(ctx, docs, ingest.SameReport); err != nil {
			t.Fatal(err)
		}
		var firstAfter listOut[claimOut]
		want(t, e.do(t, "GET", "/api/v1/claims?limit=1", "", nil), 200, &firstAfter)
		if firstAfter.Items[0].Ref == first.Items[0].Ref {
			t.Fatalf("the first page after an append: %s, the claim before it", firstAfter.Items[0].Ref)
		}
		if got := e.do(t, "GET", path, "", nil).Body.String(); got != page || entry() != kept {
			t.Fatalf("the page after the cursor, after an append: read again (%v) or changed:\n%s\nwas\n%s", entry() != kept, got, page)
		}
		var p listOut[claimOut]
		want(t, e.do(t, "GET", path, "", nil), 200, &p)
		for sc, err := range other.Claims(ctx, store.ClaimFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			if sc.Ref() == p.Items[0].Ref {
				if _, err := other.AddReview(ctx, sc, store.Accept, nil, "amal", "checked"); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		var reviewed listOut[claimOut]
		want(t, e.do(t, "GET", path, "", nil), 200, &reviewed)
		if len(reviewed.Items) != 1 || reviewed.Items[0].Review == nil || reviewed.Items[0].Review.Decision != store.Accept {
			t.Fatalf("the page after a review: %+v", reviewed.Items)
		}
	})
}

// TestRowCache: with claims' and documents' JSON kept by their rows and
// no response cache, lists read the same as with no cache at all, before
// and after a correction, a rejection and new documents: the claims and
// documents whose rows a write changed are read again, the others come
// from the cache.
func TestRowCache(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{CacheBytes: -1})
		bare := New(e.st, Options{CacheBytes: -1, RowCacheBytes: -1})
		defer bare.Close()
		paths := []string{"/api/v1/claims", "/api/v1/claims?limit=1", "/api/v1/claims?admin1=Aleppo",
			"/api/v1/claims?victims=children", "/api/v1/claims?rejected=true&hypothetical=true", "/api/v1/claims?q=killed",
			"/api/v1/claims?from=2018-01-01&to=2018-12-31", "/api/v1/claims?limit=1&cursor=3",
			"/api/v1/documents", "/api/v1/documents?limit=1", "/api/v1/documents?q=aleppo", "/api/v1/documents?limit=1&cursor=3"}
		same := func(step string) {
			t.Helper()
			for _, p := range paths {
				w := e.do(t, "GET", p, "", nil)
				b := httptest.NewRecorder()
				bare.ServeHTTP(b, httptest.NewRequest("GET", p, nil))
				if w.Code != 200 || w.Body.String() != b.Body.String() || w.Header().Get("ETag") != b.Header().Get("ETag") {
					t.Fatalf("%s: %s: with the row cache %d %s\nwithout %d %s", step, p, w.Code, w.Body, b.Code, b.Body)
				}
			}
		}
		same("first")
		same("again, from the cache")
		// PostgreSQL's claims are read from their columns, never kept.
		if kept := e.h.(*Server).rows.size > 0; kept != (e.st.Dialect() == store.SQLite) {
			t.Fatalf("%s: rows kept: %v", e.st.Dialect(), kept)
		}
		var l listOut[claimOut]
		want(t, e.do(t, "GET", "/api/v1/claims?admin1=Aleppo", "", nil), 200, &l)
		if len(l.Items) < 2 {
			t.Fatalf("%d claims in Aleppo, want 2", len(l.Items))
		}
		fix := map[string]any{"decision": "correct", "fields": map[string]any{"victims": "children"}, "reason": "the text says"}
		want(t, e.do(t, "POST", "/api/v1/claims/"+l.Items[0].Ref+"/reviews", e.token, fix), 201, nil)
		same("after a correction")
		want(t, e.do(t, "POST", "/api/v1/claims/"+l.Items[1].Ref+"/reviews", e.token, map[string]any{"decision": "reject", "reason": "a copy"}), 201, nil)
		same("after a rejection")
		text := `{"id": "new", "title": "New", "published": "2018-05-01", "source": "AFP", "text": "Shelling killed 9 children in Aleppo, activists said."}`
		want(t, e.do(t, "POST", "/api/v1/documents", e.token, text), 201, nil)
		same("after a new document")
	})
}
