// Command querybench times filtered claim queries against a store, the way
// `tally claims` and the web UI run them (newest first, a page of 100), and
// reports latency percentiles per query shape and overall.
//
//	go run ./bench/querybench -db /tmp/bench/bench.db -n 1000
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

var (
	admin1s = []string{"Aleppo", "Idlib", "Homs", "Hama", "Ar-Raqqah", "Deir ez-Zor", "Daraa", "Rif-dimashq",
		"Damascus", "Al-Hasakah", "Latakia", "Quneitra", "Nineveh", "Baghdad"}
	places  = []string{"Aleppo", "Raqqa", "Idlib", "Douma", "Palmyra", "Deir ez-Zor", "Homs", "Mosul", "Afrin", "Manbij"}
	sources = []string{"Syrian Observatory for Human Rights", "SANA", "Russian Ministry of Defence", "White Helmets", "Reuters", "AFP"}
	outlets = []string{"reuters", "sputnik", "manar", "trt", "aljazeera", "sana"}
	words   = []string{"children", "air strike", "killed civilians", "barrel bombs", "chemical", "hospital", "market", "mines"}
	kinds   = []claim.Kind{claim.Killed, claim.Injured, claim.Displaced, claim.Casualties, claim.Missing}
	causes  = []claim.Cause{claim.Airstrike, claim.Shelling, claim.Chemical, claim.BarrelBomb, claim.Mine, claim.CarBomb}
)

// shapes are the filters analysts combine, each with random values.
var shapes = []struct {
	name   string
	filter func(r *rand.Rand) store.ClaimFilter
}{
	{"admin1", func(r *rand.Rand) store.ClaimFilter { return store.ClaimFilter{Admin1: pick(r, admin1s)} }},
	{"admin1+kind", func(r *rand.Rand) store.ClaimFilter {
		return store.ClaimFilter{Admin1: pick(r, admin1s), Kinds: []claim.Kind{pick(r, kinds)}}
	}},
	{"place", func(r *rand.Rand) store.ClaimFilter { return store.ClaimFilter{Places: []string{pick(r, places)}} }},
	{"country+period", func(r *rand.Rand) store.ClaimFilter {
		y := 2012 + r.IntN(8)
		return store.ClaimFilter{Country: "SY", From: fmt.Sprintf("%d-01-01", y), To: fmt.Sprintf("%d-06-30", y)}
	}},
	{"admin1+period+kind", func(r *rand.Rand) store.ClaimFilter {
		y := 2012 + r.IntN(8)
		return store.ClaimFilter{Admin1: pick(r, admin1s), Kinds: []claim.Kind{claim.Killed},
			From: fmt.Sprintf("%d-01-01", y), To: fmt.Sprintf("%d-12-31", y)}
	}},
	{"source", func(r *rand.Rand) store.ClaimFilter { return store.ClaimFilter{Source: pick(r, sources)} }},
	{"outlet", func(r *rand.Rand) store.ClaimFilter { return store.ClaimFilter{Outlet: pick(r, outlets)} }},
	{"cause+victims", func(r *rand.Rand) store.ClaimFilter {
		return store.ClaimFilter{Causes: []claim.Cause{pick(r, causes)}, Victims: []claim.Victims{claim.Children}}
	}},
	{"text", func(r *rand.Rand) store.ClaimFilter { return store.ClaimFilter{Text: pick(r, words)} }},
	{"text+admin1", func(r *rand.Rand) store.ClaimFilter {
		return store.ClaimFilter{Text: pick(r, words), Admin1: pick(r, admin1s)}
	}},
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func main() {
	db := flag.String("db", "tally.db", "store DSN")
	n := flag.Int("n", 1000, "queries of each shape")
	limit := flag.Int("limit", 100, "rows a query returns at most")
	fill := flag.Int("fill", 0, "first add this many synthetic claims (six a document) to reach a size")
	flag.Parse()
	ctx := context.Background()
	st, err := store.Open(ctx, *db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "querybench:", err)
		os.Exit(1)
	}
	defer st.Close()
	if *fill > 0 {
		if err := fillStore(ctx, st, *fill); err != nil {
			fmt.Fprintln(os.Stderr, "querybench:", err)
			os.Exit(1)
		}
	}
	counts, err := st.Count(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "querybench:", err)
		os.Exit(1)
	}
	fmt.Printf("store %s: %d documents, %d claims\n", st.Name(), counts.Documents, counts.Claims)
	r := rand.New(rand.NewPCG(7, 7))
	var all []time.Duration
	fmt.Printf("%-20s %8s %8s %8s %8s %8s\n", "shape", "p50", "p95", "p99", "max", "rows")
	for _, sh := range shapes {
		var ds []time.Duration
		rows := 0
		for range *n {
			f := sh.filter(r)
			f.Limit = *limit
			start := time.Now()
			for _, err := range st.Claims(ctx, f) {
				if err != nil {
					fmt.Fprintln(os.Stderr, "querybench:", err)
					os.Exit(1)
				}
				rows++
			}
			ds = append(ds, time.Since(start))
		}
		all = append(all, ds...)
		p := percentiles(ds)
		fmt.Printf("%-20s %8s %8s %8s %8s %8d\n", sh.name, p[0], p[1], p[2], p[3], rows / *n)
	}
	p := percentiles(all)
	fmt.Printf("%-20s %8s %8s %8s %8s\n", "all", p[0], p[1], p[2], p[3])
}

func percentiles(ds []time.Duration) [4]time.Duration {
	slices.Sort(ds)
	at := func(q float64) time.Duration {
		return ds[min(len(ds)-1, int(q*float64(len(ds))))].Round(10 * time.Microsecond)
	}
	return [4]time.Duration{at(0.50), at(0.95), at(0.99), ds[len(ds)-1].Round(10 * time.Microsecond)}
}

// fillStore adds n claims in documents of six, with the spread of places,
// dates, kinds, causes, victims, sources and outlets a war's reporting has,
// so that the filters meet realistic selectivities. Texts are short: the
// claims are what is timed.
func fillStore(ctx context.Context, st *store.Store, n int) error {
	r := rand.New(rand.NewPCG(3, 3))
	victims := []claim.Victims{claim.Civilians, claim.People, claim.Combatants, claim.Children, claim.SecurityForces}
	quotes := []string{"air strikes killed civilians in the market", "shelling hit the town and killed children",
		"barrel bombs were dropped on the district", "a car bomb exploded near the checkpoint", "chemical attack on the suburb",
		"mines left by the militants killed people returning home", "clashes between the army and rebels left fighters dead"}
	start := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch []store.Doc
	for i := 0; i < n/6; i++ {
		day := start.AddDate(0, 0, r.IntN(8*365)).Format(time.DateOnly)
		d := store.Doc{Key: fmt.Sprintf("fill-%d-%d", time.Now().UnixNano(), i), ExtID: fmt.Sprint(i), Title: "report",
			Body: pick(r, quotes), Published: day, Source: pick(r, outlets), Origin: "querybench", Extractor: "fill"}
		for c := range 6 {
			v := int64(1 + r.IntN(60))
			admin1 := pick(r, admin1s)
			name := pick(r, places)
			lat, lon := 33+r.Float64()*4, 36+r.Float64()*5
			var gid int64 = int64(1000 + r.IntN(5000))
			d.Claims = append(d.Claims, claim.Claim{ID: fmt.Sprintf("c%d", c+1), Kind: pick(r, kinds),
				Count:   &claim.Count{Value: &v, Low: v, High: &v, Qualifier: claim.Exact, Text: fmt.Sprint(v)},
				Victims: pick(r, victims), Cause: pick(r, causes),
				Place:  &claim.Place{Text: name, Name: &name, Admin1: &admin1, Country: ptr("SY"), GeonamesID: &gid, Lat: &lat, Lon: &lon, Precision: "place"},
				Source: &claim.Source{Text: "x", Name: pick(r, sources), Type: claim.Monitor},
				Quote:  claim.Quote{Start: 0, End: len(d.Body), Text: d.Body}})
		}
		batch = append(batch, d)
		if len(batch) == 500 {
			if _, err := st.Save(ctx, batch, nil); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		if _, err := st.Save(ctx, batch, nil); err != nil {
			return err
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
