// Command querybench times filtered claim queries against a store, the way
// `tally claims` and the web UI run them (newest first, a page of 100), and
// reports latency percentiles per query shape and overall.
//
//	go run ./bench/querybench -db /tmp/bench/bench.db -n 1000
//	go run ./bench/querybench -db /tmp/bench/bench.db -n 1000 -cpu   # CPU time per query
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"time"

	"golang.org/x/sys/unix"

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
	kinds   = []claim.Kind{claim.Killed, claim.Injured, claim.Displaced, claim.Casualties, claim.Missing, claim.Service}
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
	cpu := flag.Bool("cpu", false, "time each query by the CPU time of its thread, not the wall clock: steadier on a loaded machine")
	flag.Parse()
	// The driver runs a query on the goroutine that asks for it: on a
	// locked thread, that thread's CPU time is the query's.
	runtime.LockOSThread()
	clock := time.Now
	if *cpu {
		clock = threadCPU
	}
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
	if *cpu {
		fmt.Println("times are CPU time of the querying thread")
	}
	r := rand.New(rand.NewPCG(7, 7))
	var all []time.Duration
	fmt.Printf("%-20s %8s %8s %8s %8s %8s\n", "shape", "p50", "p95", "p99", "max", "rows")
	for _, sh := range shapes {
		var ds []time.Duration
		rows := 0
		for range *n {
			f := sh.filter(r)
			f.Limit = *limit
			start := clock()
			for _, err := range st.Claims(ctx, f) {
				if err != nil {
					fmt.Fprintln(os.Stderr, "querybench:", err)
					os.Exit(1)
				}
				rows++
			}
			ds = append(ds, clock().Sub(start))
		}
		all = append(all, ds...)
		p := percentiles(ds)
		fmt.Printf("%-20s %8s %8s %8s %8s %8d\n", sh.name, p[0], p[1], p[2], p[3], rows / *n)
	}
	p := percentiles(all)
	fmt.Printf("%-20s %8s %8s %8s %8s\n", "all", p[0], p[1], p[2], p[3])
}

// threadCPU is the CPU time the calling thread has used, as a time.
func threadCPU() time.Time {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		panic(err)
	}
	return time.Unix(0, ts.Nano())
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
// so that the filters meet realistic selectivities: skewed as in a store
// of real reports (bench/ingest.sh over fakes-dev text), where most claims
// are of people killed, in a few provinces, in a few busy years, and some
// filter values are rare (missing people; 2012; 2018 and 2019 not at all).
// Texts are short: the claims are what is timed.
func fillStore(ctx context.Context, st *store.Store, n int) error {
	r := rand.New(rand.NewPCG(3, 3))
	victims := []claim.Victims{claim.Civilians, claim.People, claim.Combatants, claim.Children, claim.SecurityForces}
	quotes := []string{"air strikes killed civilians in the market", "shelling hit the town and killed children",
		"barrel bombs were dropped on the district", "a car bomb exploded near the checkpoint", "chemical attack on the suburb",
		"mines left by the militants killed people returning home", "clashes between the army and rebels left fighters dead"}
	// Shares per mille in the real-text store.
	kindShare := weighted[claim.Kind]{{claim.Killed, 760}, {claim.Injured, 176}, {claim.Displaced, 29},
		{claim.Service, 24}, {claim.Casualties, 7}, {claim.Missing, 4}}
	yearShare := weighted[int]{{2011, 43}, {2012, 2}, {2013, 53}, {2014, 120}, {2015, 133}, {2016, 454},
		{2017, 195}, {0, 271}} // 0: undated
	admin1Share := weighted[string]{{"Aleppo", 290}, {"Idlib", 131}, {"Damascus", 96}, {"Deir ez-Zor", 70},
		{"Ar-Raqqah", 57}, {"Rif-dimashq", 48}, {"Homs", 48}, {"Hama", 29}, {"Al-Hasakah", 28}, {"Daraa", 17},
		{"Latakia", 17}, {"Quneitra", 5}, {"Nineveh", 4}, {"Baghdad", 1}, {"", 159}}
	spanShare := weighted[int]{{0, 900}, {6, 64}, {180, 30}, {1000, 6}} // days a period lasts
	var batch []store.Doc
	for i := 0; i < n/6; i++ {
		day := ""
		if y := yearShare.pick(r); y != 0 {
			day = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(365)).Format(time.DateOnly)
		}
		d := store.Doc{Key: fmt.Sprintf("fill-%d-%d", time.Now().UnixNano(), i), ExtID: fmt.Sprint(i), Title: "report",
			Body: pick(r, quotes), Published: day, Source: pick(r, outlets), Origin: "querybench", Extractor: "fill"}
		for c := range 6 {
			v := int64(1 + r.IntN(60))
			admin1 := admin1Share.pick(r)
			name := pick(r, places)
			lat, lon := 33+r.Float64()*4, 36+r.Float64()*5
			var gid int64 = int64(1000 + r.IntN(5000))
			place := &claim.Place{Text: name, Name: &name, Admin1: &admin1, Country: ptr("SY"), GeonamesID: &gid, Lat: &lat, Lon: &lon, Precision: "place"}
			switch {
			case admin1 == "Nineveh" || admin1 == "Baghdad":
				place.Country = ptr("IQ")
			case admin1 == "" && r.IntN(2) == 0:
				place = nil
			case admin1 == "":
				place.Admin1, place.Precision = nil, "country"
			}
			cl := claim.Claim{ID: fmt.Sprintf("c%d", c+1), Kind: kindShare.pick(r),
				Count:   &claim.Count{Value: &v, Low: v, High: &v, Qualifier: claim.Exact, Text: fmt.Sprint(v)},
				Victims: pick(r, victims), Cause: pick(r, causes), Place: place,
				Source: &claim.Source{Text: "x", Name: pick(r, sources), Type: claim.Monitor},
				Quote:  claim.Quote{Start: 0, End: len(d.Body), Text: d.Body}}
			if day != "" && r.IntN(3) > 0 {
				t, _ := time.Parse(time.DateOnly, day)
				span := spanShare.pick(r)
				start := t.AddDate(0, 0, -span-r.IntN(3))
				cl.Period = &claim.Period{Start: start.Format(time.DateOnly), End: start.AddDate(0, 0, span).Format(time.DateOnly),
					Precision: claim.Day, Text: "then"}
			}
			d.Claims = append(d.Claims, cl)
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

// weighted is a choice of values with integer weights.
type weighted[T any] []struct {
	v T
	w int
}

func (ws weighted[T]) pick(r *rand.Rand) T {
	total := 0
	for _, x := range ws {
		total += x.w
	}
	n := r.IntN(total)
	for _, x := range ws {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return ws[len(ws)-1].v
}

func ptr[T any](v T) *T { return &v }
