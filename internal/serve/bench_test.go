package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/store"
)

// BenchmarkUncached times the reads bench/serveload asks for, with no
// response cache, on the store TALLY_SERVE_BENCH_DB names (a store
// bench/serve.sh built: bench-100000.db): what each request costs a server
// whose store is written to while it is read, with the row cache (which
// writes leave) and with no cache at all. It opens the store as `tally
// serve` does; the store is not written to.
//
//	TALLY_SERVE_BENCH_DB=/tmp/tally-serve-bench/bench-100000.db go test -run - -bench Uncached ./internal/serve
func BenchmarkUncached(b *testing.B) {
	dsn := os.Getenv("TALLY_SERVE_BENCH_DB")
	if dsn == "" {
		b.Skip("TALLY_SERVE_BENCH_DB names no store")
	}
	st, err := store.Open(context.Background(), dsn, store.CacheMiB(8))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	servers := []struct {
		name string
		srv  *Server
	}{
		{"nocache", New(st, Options{ReadOnly: true, CacheBytes: -1, RowCacheBytes: -1})},
		{"rowcache", New(st, Options{ReadOnly: true, CacheBytes: -1})},
	}
	for _, s := range servers {
		defer s.srv.Close()
	}
	var newest int64
	for d, err := range st.Documents(context.Background(), store.DocFilter{Limit: 1}) {
		if err != nil {
			b.Fatal(err)
		}
		newest = d.ID
	}
	ref := "1/c1"
	for c, err := range st.Claims(context.Background(), store.ClaimFilter{Limit: 1}) {
		if err != nil {
			b.Fatal(err)
		}
		ref = c.Ref()
	}
	doc := func(back int64) string { return "/api/v1/documents/" + strconv.FormatInt(max(1, newest-back), 10) }
	for _, bc := range []struct{ name, path string }{
		{"claims", "/api/v1/claims"},
		{"claims-kind", "/api/v1/claims?kind=killed"},
		{"claims-admin1", "/api/v1/claims?admin1=Aleppo"},
		{"claims-country-kind-victims", "/api/v1/claims?country=SY&kind=killed&victims=civilians"},
		{"claims-empty-period", "/api/v1/claims?from=2018-01-01&to=2018-06-30&limit=100"},
		{"claims-period", "/api/v1/claims?from=2017-01-01&to=2017-06-30&limit=100"},
		{"claims-text", "/api/v1/claims?q=air+strike"},
		{"claims-source-type", "/api/v1/claims?source_type=monitor"},
		{"claim", "/api/v1/claims/" + ref},
		{"documents", "/api/v1/documents"},
		{"documents-text", "/api/v1/documents?q=shelling"},
		{"documents-outlet", "/api/v1/documents?outlet=Reuters"},
		{"documents-period", "/api/v1/documents?from=2017-01-01&to=2017-12-31"},
		{"document-newest", doc(0)},
		{"document-old", doc(newest / 2)},
	} {
		for _, s := range servers {
			b.Run(s.name+"/"+bc.name, func(b *testing.B) {
				start := cpuTime(b)
				for b.Loop() {
					w := httptest.NewRecorder()
					s.srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, bc.path, nil))
					if w.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", bc.path, w.Code, w.Body)
					}
				}
				// The process's CPU time, less sensitive than the time
				// taken to the other work of a shared machine.
				b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
