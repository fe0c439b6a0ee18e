// Command serveload drives `tally serve` with concurrent clients for a
// fixed time and reports requests, errors and latency percentiles per
// endpoint. Each client loops over a mix of claims and documents requests:
// first pages, filtered pages, the next page by cursor, and single
// documents and claims picked from what the lists returned. Those few
// pages are soon all in the server's response cache; -spread adds, to that
// share of the loops, a document picked at random from the whole store,
// which the cache has most likely not seen.
//
//	go run ./bench/serveload -url http://127.0.0.1:8080 -c 50 -d 30s [-spread 0.5]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server")
	clients := flag.Int("c", 50, "concurrent clients")
	dur := flag.Duration("d", 30*time.Second, "how long to run")
	spread := flag.Float64("spread", 0, "share of the loops that also ask for a document picked at random from the whole store")
	flag.Parse()
	if err := run(strings.TrimSuffix(*base, "/"), *clients, *dur, *spread); err != nil {
		fmt.Fprintln(os.Stderr, "serveload:", err)
		os.Exit(1)
	}
}

// queries are the list requests; each stands for a kind of page a user or
// script asks for.
var queries = []string{
	"/api/v1/claims",
	"/api/v1/claims?kind=killed",
	"/api/v1/claims?admin1=Aleppo",
	"/api/v1/claims?country=SY&kind=killed&victims=civilians",
	// A period with no claims in the bench corpus (whose dates end in
	// November 2017) and one with thousands.
	"/api/v1/claims?from=2018-01-01&to=2018-06-30&limit=100",
	"/api/v1/claims?from=2017-01-01&to=2017-06-30&limit=100",
	"/api/v1/claims?q=air+strike",
	"/api/v1/claims?source_type=monitor",
	"/api/v1/documents",
	"/api/v1/documents?q=shelling",
	"/api/v1/documents?outlet=Reuters",
	"/api/v1/documents?from=2017-01-01&to=2017-12-31",
}

type sample struct {
	name string
	d    time.Duration
	ok   bool
}

type list struct {
	Items []struct {
		ID  json.RawMessage `json:"id"` // a document's number, a claim's "c1"
		Ref string          `json:"ref"`
	} `json:"items"`
	Next *string `json:"next"`
}

func run(base string, clients int, dur time.Duration, spread float64) error {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	if _, err := get(hc, base+"/api/v1/claims?limit=1"); err != nil {
		return err
	}
	// The newest document's id bounds the ids a random pick draws from.
	var newest list
	body, err := get(hc, base+"/api/v1/documents?limit=1")
	if err != nil {
		return err
	}
	var maxDoc int
	if json.Unmarshal(body, &newest) == nil && len(newest.Items) > 0 {
		json.Unmarshal(newest.Items[0].ID, &maxDoc)
	}
	if spread > 0 && maxDoc == 0 {
		return fmt.Errorf("-spread: the store has no documents to pick from")
	}
	var mu sync.Mutex
	var samples []sample
	errs := map[string]int{}
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			var mine []sample
			var docs []string
			var refs []string
			do := func(name, path string) []byte {
				start := time.Now()
				body, err := get(hc, base+path)
				mine = append(mine, sample{name, time.Since(start), err == nil})
				if err != nil {
					mu.Lock()
					if errs[err.Error()]++; errs[err.Error()] == 1 {
						fmt.Fprintf(os.Stderr, "serveload: %s: %v\n", path, err)
					}
					mu.Unlock()
				}
				return body
			}
			for time.Now().Before(deadline) {
				q := queries[rng.IntN(len(queries))]
				name, _, _ := strings.Cut(strings.TrimPrefix(q, "/api/v1/"), "?")
				var l list
				if json.Unmarshal(do(name+" list", q), &l) == nil {
					for _, it := range l.Items {
						if it.Ref != "" {
							refs = append(refs, it.Ref)
						} else {
							docs = append(docs, string(it.ID))
						}
					}
					if l.Next != nil {
						sep := "?"
						if strings.Contains(q, "?") {
							sep = "&"
						}
						do(name+" next page", q+sep+"cursor="+*l.Next)
					}
				}
				if len(docs) > 0 {
					do("documents one", fmt.Sprint("/api/v1/documents/", docs[rng.IntN(len(docs))]))
				}
				if len(refs) > 0 {
					do("claims one", "/api/v1/claims/"+refs[rng.IntN(len(refs))])
				}
				if spread > 0 && rng.Float64() < spread {
					do("documents any", fmt.Sprint("/api/v1/documents/", 1+rng.IntN(maxDoc)))
				}
				docs, refs = docs[:0], refs[:0]
			}
			mu.Lock()
			samples = append(samples, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	report(samples, dur)
	nerr := 0
	for _, n := range errs {
		nerr += n
	}
	fmt.Printf("errors: %d\n", nerr)
	if nerr > 0 {
		return fmt.Errorf("%d requests failed", nerr)
	}
	return nil
}

func get(hc *http.Client, url string) ([]byte, error) {
	resp, err := hc.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, body)
	}
	return body, nil
}

func report(samples []sample, dur time.Duration) {
	by := map[string][]time.Duration{"ALL": nil}
	for _, s := range samples {
		by[s.name] = append(by[s.name], s.d)
		by["ALL"] = append(by["ALL"], s.d)
	}
	names := make([]string, 0, len(by))
	for n := range by {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Printf("%-24s %8s %8s %8s %8s %8s\n", "endpoint", "requests", "p50", "p90", "p99", "max")
	for _, n := range names {
		ds := by[n]
		slices.Sort(ds)
		if len(ds) == 0 {
			continue
		}
		pct := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
		fmt.Printf("%-24s %8d %8s %8s %8s %8s\n", n, len(ds), ms(pct(0.5)), ms(pct(0.9)), ms(pct(0.99)), ms(ds[len(ds)-1]))
	}
	fmt.Printf("throughput: %.0f requests/s\n", float64(len(samples))/dur.Seconds())
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
