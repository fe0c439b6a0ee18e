package ingest_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/ingest/fetch"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

const article = `<html><head><title>Shelling kills six in Daraa</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Shelling kills six in Daraa</h1>
<p>Government shelling killed six civilians, including two children, in the town of Nawa in Daraa province on Monday, a monitor said.</p>
<p>The Syrian Observatory for Human Rights said at least 15 other people were wounded when shells hit a residential area near the town's main square.</p>
<p>Rescue workers said they were still searching the rubble of two houses late on Monday. The town has been shelled almost daily since the start of the month, residents said, and many families have left for villages closer to the Jordanian border.</p>
<p>Local officials said the only hospital in the town had run out of blood supplies and was sending the wounded to a field clinic.</p>
</article><footer>Copyright</footer></body></html>`

// A feed of summaries fetched from a URL: each item is replaced by the page
// it links to; private addresses are refused unless allowed.
func TestIngestFeedURL(t *testing.T) {
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Shelling kills six in Daraa</title><link>%s/story/1</link><pubDate>Mon, 02 Jul 2018 10:00:00 +0000</pubDate>
<description>Government shelling killed six civilians in Daraa.</description></item>
<item><title>Missing page</title><link>%s/story/404</link><pubDate>Mon, 02 Jul 2018 11:00:00 +0000</pubDate>
<description>Three people were killed in Homs, activists said.</description></item>
</channel></rss>`, srv.URL, srv.URL)
	})
	mux.HandleFunc("/story/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(article))
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()

	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		var errs []string
		opt := ingest.Options{Errors: func(err error) { errs = append(errs, err.Error()) }, FollowLinks: true}
		stats, err := ingest.Run(ctx, s, []string{srv.URL + "/feed.xml"}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if stats.New != 0 || stats.Failed != 1 || len(errs) != 1 || !strings.Contains(errs[0], "not a public address") {
			t.Fatalf("loopback not refused: %+v %v", stats, errs)
		}
		opt.Fetch = fetch.Options{AllowPrivate: true}
		errs = nil
		stats, err = ingest.Run(ctx, s, []string{srv.URL + "/feed.xml"}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if stats.New != 2 || stats.Failed != 0 {
			t.Fatalf("stats %+v, errors %v", stats, errs)
		}
		var found []string
		for d, err := range s.Documents(ctx, store.DocFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			full, err := s.Document(ctx, fmt.Sprint(d.ID))
			if err != nil {
				t.Fatal(err)
			}
			found = append(found, fmt.Sprintf("%s|%s|%s|%d claims|long=%v", d.Title, d.Source, d.Published, len(full.Claims), len(full.Body) > 400))
		}
		slices.Sort(found)
		want := []string{
			// The item whose page is missing stays as the feed gave it.
			"Missing page|Test Wire|2018-07-02|1 claims|long=false",
			"Shelling kills six in Daraa|Test Wire|2018-07-02|4 claims|long=true",
		}
		if strings.Join(found, "\n") != strings.Join(want, "\n") {
			t.Errorf("stored:\n%s\nwant:\n%s", strings.Join(found, "\n"), strings.Join(want, "\n"))
		}
	})
}

// Hostile inputs among good ones: each gives one clear error, the good
// page is stored, and nothing is held beyond the size limit.
func TestIngestHostileURLs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(article))
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>"))
		chunk := []byte(strings.Repeat("killed and wounded ", 1000))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		zeros := make([]byte, 1<<20)
		for range 200 { // 200 MiB decoded, a few hundred KiB on the wire
			if _, err := gz.Write(zeros); err != nil {
				return
			}
		}
		gz.Close()
	})
	mux.HandleFunc("/bigfeed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>`))
		item := []byte(strings.Repeat(`<item><title>x</title><description>Two people were killed.</description></item>`, 1000))
		for written := 0; written < 100<<20; written += len(item) {
			if _, err := w.Write(item); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	s := open(t, storetest.SQLite(t))
	var errs []string
	opt := ingest.Options{
		Errors: func(err error) { errs = append(errs, err.Error()) },
		Fetch:  fetch.Options{AllowPrivate: true, MaxBytes: 8 << 20, Timeout: 20 * time.Second},
	}
	opt.Read.MaxBytes = 8 << 20
	inputs := []string{srv.URL + "/endless", srv.URL + "/loop", srv.URL + "/bomb", srv.URL + "/bigfeed", srv.URL + "/good"}
	stats, err := ingest.Run(context.Background(), s, inputs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if stats.New != 1 || stats.Failed != 4 || len(errs) != 4 {
		t.Fatalf("stats %+v, errors:\n%s", stats, strings.Join(errs, "\n"))
	}
	for i, want := range []string{"/endless", "/loop", "/bomb", "/bigfeed"} {
		if !strings.Contains(errs[i], want) || strings.Contains(errs[i], "\n") {
			t.Errorf("error %d does not name %s on one line: %q", i, want, errs[i])
		}
	}
	for _, e := range errs {
		t.Log(e)
	}
}
