package serve

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/ingest/fetch"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// getPaths are the GET endpoints the query fuzzer aims at; %d is a stored
// document.
var getPaths = []string{"/api/v1/documents", "/api/v1/claims", "/api/v1/incidents", "/api/v1/places",
	"/api/v1/verdicts", "/api/v1/documents/%d", "/api/v1/claims/%d/c1", "/api/v1/claims/%d/c1/reviews",
	"/api/v1/incidents/1", "/api/v1/openapi.json", "/api/v1/timeline"}

// FuzzQuery: no query string makes a GET fail with a 5xx or panic.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"", "kind=killed&limit=2", "cursor=99999999999999999999", "q=%22OR(", "from=2018-01-01&to=2017-01-01",
		"admin1=Raqqa+province", "place=Raqa", "q=NEAR(a+b)+*", "q=%E2%80%8F", "group=1e3", "limit=-0", "kind=,,,", "source_type=&verdict=",
		"admin1=Aleppo&from=2018-01-01", "place=Ar+Raqqah&country=SY", "unreviewed=true&cause=mine&victims=civilians"} {
		for i := range getPaths {
			f.Add(uint8(i), q)
		}
	}
	e := newEnv(f, storetest.SQLite(f), Options{})
	f.Fuzz(func(t *testing.T, which uint8, query string) {
		path := getPaths[int(which)%len(getPaths)]
		if strings.Contains(path, "%d") {
			path = fmt.Sprintf(path, e.docs["maarat"])
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path, r.URL.RawQuery = path, query
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("GET %s?%s: %d %s", path, query, w.Code, w.Body)
		}
		if w.Code >= 400 && !strings.Contains(w.Body.String(), `"message"`) {
			t.Fatalf("GET %s?%s: %d without a message: %s", path, query, w.Code, w.Body)
		}
	})
}

// postPaths are the POST endpoints the body fuzzer aims at.
var postPaths = []string{"/api/v1/check", "/api/v1/documents", "/api/v1/claims/%d/c1/reviews"}

// FuzzBody: no JSON body makes a POST fail with a 5xx or panic.
func FuzzBody(f *testing.F) {
	for _, b := range []string{`{"text": "At least 19 people were killed on Sunday in Idlib."}`, `{"url": "http://192.168.1.1/"}`,
		`{"text": "x", "store": true}`, `{"decision": "accept"}`, `{"decision": "reject", "reason": "dup"}`, `{"decision": "reopen"}`,
		`{"decision": "correct", "reason": "r", "fields": {"count": {"value": 3, "low": 3, "high": 3, "qualifier": "exact", "text": "3"}}}`,
		`{"decision": "correct", "reason": "r", "fields": {"place": {"lat": 91}}}`, `{"decision": "correct", "reason": "r", "fields": {"period": null, "kind": "service"}}`,
		`{"id": 7, "text": "Shelling killed 4.", "published": "2018-02-31"}`, `{"text": "\u0000"}`, `{"text": "\ud800"}`, `null`, `[]`, `{"text": null}`,
		`{"url": "javascript:alert(1)"}`, `{"text": "a", "title": 5}`, `{"decision": "correct", "reason": "r", "fields": {"count": {"low": -1}}}`} {
		for i := range postPaths {
			f.Add(uint8(i), b)
		}
	}
	// A fetch that cannot get far: the fuzzer should not wait on the
	// network.
	e := newEnv(f, storetest.SQLite(f), Options{Fetch: fetch.Options{Timeout: 200 * time.Millisecond}})
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		path := postPaths[int(which)%len(postPaths)]
		if strings.Contains(path, "%d") {
			path = fmt.Sprintf(path, e.docs["maarat"])
		}
		w := e.do(t, "POST", path, e.token, body)
		if w.Code >= 500 {
			t.Fatalf("POST %s %q: %d %s", path, body, w.Code, w.Body)
		}
		if w.Code >= 400 && !strings.Contains(w.Body.String(), `"message"`) {
			t.Fatalf("POST %s %q: %d without a message: %s", path, body, w.Code, w.Body)
		}
	})
}
