package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

func str(s string) *string       { return &s }
func num(n int64) *int64         { return &n }
func flt(f float64) *float64     { return &f }
func sameBytes(a, b []byte) bool { return bytes.Equal(a, b) }

// killed makes a killed claim in place (admin1, country) from source.
func killed(id string, n int64, victims claim.Victims, admin1, country, source string, quote string) claim.Claim {
	return claim.Claim{
		ID: id, Kind: claim.Killed,
		Count:   &claim.Count{Value: num(n), Low: n, High: num(n), Qualifier: claim.Exact, Text: fmt.Sprint(n)},
		Victims: victims, VictimsText: string(victims), Cause: claim.Airstrike, CauseText: "air strike",
		Place: &claim.Place{Text: admin1, Name: str(admin1), Admin1: str(admin1), Country: str(country),
			GeonamesID: num(int64(len(admin1)) + 1000), Lat: flt(36.2), Lon: flt(37.1), Precision: "place"},
		Source: &claim.Source{Text: source, Name: source, Type: claim.Monitor},
		Quote:  claim.Quote{Start: 0, End: len(quote), Text: quote},
	}
}

func testDocs() []store.Doc {
	return []store.Doc{
		{
			Key: "aaaa0001", ExtID: "one", Title: "Strikes kill 12 in Aleppo", Body: "Air strikes killed 12 civilians in Aleppo on Sunday.",
			Published: "2018-04-02", Source: "Reuters", Origin: "test:1", Extractor: "x1",
			PrimaryPlace: &claim.Place{Text: "Aleppo", Name: str("Aleppo"), Admin1: str("Aleppo"), Country: str("SY")},
			Places:       []claim.Place{{Text: "Aleppo", Name: str("Aleppo")}},
			Claims: []claim.Claim{
				killed("c1", 12, claim.Civilians, "Aleppo", "SY", "SOHR", "Air strikes killed 12 civilians in Aleppo"),
				{ID: "c2", Kind: claim.Service, Service: &claim.ServiceState{Name: "water", Status: claim.Absent},
					Quote: claim.Quote{Start: 0, End: 5, Text: "water"}},
			},
			Flags:   []claim.Flag{{Kind: claim.ImplausibleCount, Claims: []string{"c1"}, Message: "a test flag"}},
			MinHash: []byte("story-a"), Bands: []uint64{1, 2},
		},
		{
			Key: "bbbb0002", ExtID: "two", Title: "Shelling in Raqqa", Body: "Shelling killed 5 fighters near Raqqa, SANA said.",
			Published: "2018-05-10", Source: "SANA", Origin: "test:2", Extractor: "x1",
			Claims: []claim.Claim{
				killed("c1", 5, claim.Combatants, "Ar-Raqqah", "SY", "SANA", "Shelling killed 5 fighters near Raqqa"),
			},
			MinHash: []byte("story-b"), Bands: []uint64{3},
		},
		{
			// The same story as the first in another outlet's wording.
			Key: "cccc0003", ExtID: "three", Title: "12 civilians die in Aleppo raids", Body: "Air strikes killed 12 civilians in Aleppo on Sunday, AFP reported.",
			Published: "2018-04-02", Source: "AFP", Origin: "test:3", Extractor: "x1",
			Claims: []claim.Claim{
				killed("c1", 12, claim.Civilians, "Aleppo", "SY", "SOHR", "Air strikes killed 12 civilians in Aleppo"),
			},
			MinHash: []byte("story-a"), Bands: []uint64{2, 9},
		},
	}
}

func open(t *testing.T, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func claimsOf(t *testing.T, s *store.Store, f store.ClaimFilter) []string {
	t.Helper()
	var out []string
	for c, err := range s.Claims(context.Background(), f) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c.DocExtID+"/"+c.ID)
	}
	slices.Sort(out)
	return out
}

func TestSaveIsIdempotentAndGroupsCopies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		saved, err := s.Save(ctx, testDocs(), sameBytes)
		if err != nil {
			t.Fatal(err)
		}
		for i, sv := range saved {
			if !sv.New {
				t.Errorf("doc %d: not new on first save", i)
			}
		}
		if saved[0].Group != saved[2].Group || saved[0].Group == saved[1].Group {
			t.Errorf("groups %d %d %d: want the first and third together, the second apart", saved[0].Group, saved[1].Group, saved[2].Group)
		}
		want := store.Counts{Documents: 3, Claims: 4, Flags: 1, Groups: 2}
		if got, err := s.Count(ctx); err != nil || got != want {
			t.Fatalf("count = %+v, %v; want %+v", got, err, want)
		}
		// Again, and again from a reopened store: nothing new.
		again, err := s.Save(ctx, testDocs(), sameBytes)
		if err != nil {
			t.Fatal(err)
		}
		for i, sv := range again {
			if sv.New || sv.ID != saved[i].ID || sv.Group != saved[i].Group {
				t.Errorf("doc %d saved again: %+v, first %+v", i, sv, saved[i])
			}
		}
		s.Close()
		s = open(t, dsn)
		if got, err := s.Count(ctx); err != nil || got != want {
			t.Fatalf("reopened: count = %+v, %v; want %+v", got, err, want)
		}
	})
}

// A document given twice in one batch is stored once: the writer looks
// up a batch's keys together, before storing any of them.
func TestSaveStoresABatchsCopyOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		docs := testDocs()
		docs = append(docs, docs[0])
		saved, err := s.Save(ctx, docs, sameBytes)
		if err != nil {
			t.Fatal(err)
		}
		if last := saved[3]; last.New || last.ID != saved[0].ID || last.Group != saved[0].Group {
			t.Errorf("copy in the batch saved as %+v; first %+v", last, saved[0])
		}
		want := store.Counts{Documents: 3, Claims: 4, Flags: 1, Groups: 2}
		if got, err := s.Count(ctx); err != nil || got != want {
			t.Fatalf("count = %+v, %v; want %+v", got, err, want)
		}
	})
}

func TestClaimFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		if _, err := s.Save(ctx, testDocs(), sameBytes); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			f    store.ClaimFilter
			want []string
		}{
			{"all", store.ClaimFilter{}, []string{"one/c1", "one/c2", "three/c1", "two/c1"}},
			{"admin1 any case", store.ClaimFilter{Admin1: "aleppo"}, []string{"one/c1", "three/c1"}},
			{"place as written", store.ClaimFilter{Places: []string{"AR-RAQQAH"}}, []string{"two/c1"}},
			{"country", store.ClaimFilter{Country: "sy"}, []string{"one/c1", "three/c1", "two/c1"}},
			{"kind", store.ClaimFilter{Kinds: []claim.Kind{claim.Service}}, []string{"one/c2"}},
			{"victims", store.ClaimFilter{Victims: []claim.Victims{claim.Combatants}}, []string{"two/c1"}},
			{"cause", store.ClaimFilter{Causes: []claim.Cause{claim.Airstrike}}, []string{"one/c1", "three/c1", "two/c1"}},
			{"source", store.ClaimFilter{Source: "sana"}, []string{"two/c1"}},
			{"source type", store.ClaimFilter{SourceType: claim.Monitor}, []string{"one/c1", "three/c1", "two/c1"}},
			{"outlet", store.ClaimFilter{Outlet: "afp"}, []string{"three/c1"}},
			{"period", store.ClaimFilter{From: "2018-05-01", To: "2018-05-31"}, []string{"two/c1"}},
			{"period before", store.ClaimFilter{To: "2018-04-30"}, []string{"one/c1", "one/c2", "three/c1"}},
			{"text", store.ClaimFilter{Text: "fighters"}, []string{"two/c1"}},
			{"text, all words", store.ClaimFilter{Text: "air civilians"}, []string{"one/c1", "three/c1"}},
			{"text with operators", store.ClaimFilter{Text: `"xyzzy OR( NEAR* -`}, nil},
			{"text in a province", store.ClaimFilter{Text: "killed", Admin1: "ar-raqqah"}, []string{"two/c1"}},
			{"text in another province", store.ClaimFilter{Text: "fighters", Admin1: "Aleppo"}, nil},
			{"text is not sought in the province", store.ClaimFilter{Text: "raqqah"}, nil},
			{"a province's words in another order", store.ClaimFilter{Text: "killed", Admin1: "raqqah-ar"}, nil},
			{"no match", store.ClaimFilter{Admin1: "Idlib"}, nil},
			{"combined", store.ClaimFilter{Admin1: "Aleppo", Outlet: "Reuters", Kinds: []claim.Kind{claim.Killed}}, []string{"one/c1"}},
		} {
			if got := claimsOf(t, s, tc.f); !slices.Equal(got, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			}
		}
		// Cursor pagination: two pages of two, newest first, then none.
		var ids []int64
		var before int64
		for range 3 {
			n := 0
			for c, err := range s.Claims(ctx, store.ClaimFilter{Limit: 2, Before: before}) {
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, c.RowID)
				before = c.RowID
				n++
			}
			if n == 0 {
				break
			}
		}
		if len(ids) != 4 || !slices.IsSortedFunc(ids, func(a, b int64) int { return int(b - a) }) {
			t.Errorf("pages gave ids %v, want 4 descending", ids)
		}
	})
}

func TestClaimRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		docs := testDocs()
		in := &docs[0].Claims[0]
		in.Rate = str("week")
		in.Period = &claim.Period{Start: "2017-10-01", End: "2018-03-31", Precision: claim.Month, Text: "From October 2017 to March 2018"}
		in.Actor = &claim.Actor{Text: "the coalition", Name: "US-led coalition"}
		in.InHeadline = true
		if _, err := s.Save(ctx, docs[:1], nil); err != nil {
			t.Fatal(err)
		}
		d, err := s.Document(ctx, "one")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Claims) != 2 {
			t.Fatalf("got %d claims, want 2", len(d.Claims))
		}
		got, _ := json.Marshal(d.Claims[0].Claim)
		want, _ := json.Marshal(in)
		if string(got) != string(want) {
			t.Errorf("claim changed in the store:\n got %s\nwant %s", got, want)
		}
		if svc := d.Claims[1]; svc.Service == nil || svc.Service.Name != "water" || svc.Count != nil || svc.Place != nil {
			t.Errorf("service claim: %+v", svc.Claim)
		}
		if len(d.Flags) != 1 || d.Flags[0].Claims[0] != "c1" || d.Body != docs[0].Body || d.PrimaryPlace == nil || *d.PrimaryPlace.Admin1 != "Aleppo" {
			t.Errorf("document: %+v", d)
		}
	})
}

func TestDocumentsAndRefs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		saved, err := s.Save(ctx, testDocs(), sameBytes)
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range []string{fmt.Sprint(saved[2].ID), "three", "CCCC0003"} {
			d, err := s.Document(ctx, ref)
			if err != nil {
				t.Errorf("ref %q: %v", ref, err)
				continue
			}
			if d.ExtID != "three" || len(d.Copies) != 1 || d.Copies[0].Source != "Reuters" {
				t.Errorf("ref %q: got %s with copies %+v", ref, d.ExtID, d.Copies)
			}
		}
		for _, ref := range []string{"", "999", "nope", "cccc"} {
			if _, err := s.Document(ctx, ref); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("ref %q: err %v, want not found", ref, err)
			}
		}
		var titles []string
		for d, err := range s.Documents(ctx, store.DocFilter{Text: "raids"}) {
			if err != nil {
				t.Fatal(err)
			}
			titles = append(titles, d.Title)
		}
		if !slices.Equal(titles, []string{"12 civilians die in Aleppo raids"}) {
			t.Errorf("text search: %v", titles)
		}
	})
}

func TestReplaceKeepsDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		if _, err := s.Save(ctx, testDocs(), sameBytes); err != nil {
			t.Fatal(err)
		}
		var sources []store.Source
		for src, err := range s.Sources(ctx, "x2") {
			if err != nil {
				t.Fatal(err)
			}
			sources = append(sources, src)
			err := s.Replace(ctx, src.ID, src.Published, src.Source, store.Extraction{
				Claims:    []claim.Claim{killed("c1", 7, claim.People, "Idlib", "SY", "SOHR", "seven people were killed")},
				Extractor: "x2",
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(sources) != 3 || sources[0].Body != testDocs()[0].Body {
			t.Fatalf("sources: %+v", sources)
		}
		want := store.Counts{Documents: 3, Claims: 3, Flags: 0, Groups: 2}
		if got, err := s.Count(ctx); err != nil || got != want {
			t.Fatalf("count = %+v, %v; want %+v", got, err, want)
		}
		if got := claimsOf(t, s, store.ClaimFilter{Text: "seven"}); len(got) != 3 {
			t.Errorf("replaced claims not searchable: %v", got)
		}
		if got := claimsOf(t, s, store.ClaimFilter{Text: "fighters"}); got != nil {
			t.Errorf("old claims still searchable: %v", got)
		}
		n := 0
		for range s.Sources(ctx, "x2") {
			n++
		}
		if n != 0 {
			t.Errorf("%d documents still to re-extract", n)
		}
	})
}

// Writers and readers at once, several connections: no "database is
// locked", and every document stored once.
func TestConcurrentWritersAndReaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		other := open(t, dsn) // a second process's view of the same store
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st := s
				if w%2 == 1 {
					st = other
				}
				for i := range 20 {
					// Writers overlap: each document is offered by two of them.
					k := (w/2)*10 + i
					d := store.Doc{Key: fmt.Sprintf("k%03d", k), ExtID: fmt.Sprint(k), Body: fmt.Sprintf("text %d", k),
						Origin: "t", Extractor: "x1", Claims: []claim.Claim{killed("c1", int64(k), claim.People, "Homs", "SY", "SOHR", "q")}}
					if _, err := st.Save(ctx, []store.Doc{d}, nil); err != nil {
						errs <- err
						return
					}
				}
			}()
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 {
					for _, err := range other.Claims(ctx, store.ClaimFilter{Admin1: "Homs", Limit: 5}) {
						if err != nil {
							errs <- err
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if got, err := s.Count(ctx); err != nil || got.Documents != 30 || got.Claims != 30 {
			t.Errorf("count = %+v, %v; want 30 documents and claims", got, err)
		}
	})
}

// TestPeriodPlans gives the same claims and documents for a period whether
// the store reads the period's index or walks newest first.
func TestPeriodPlans(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		if _, err := s.Save(ctx, testDocs(), sameBytes); err != nil {
			t.Fatal(err)
		}
		docsOf := func(f store.DocFilter) []string {
			var out []string
			for d, err := range s.Documents(ctx, f) {
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, d.ExtID)
			}
			return out
		}
		for _, bound := range []int{1, 2, 3, 1000} {
			restore := store.SetFewCandidates(bound)
			for _, tc := range []struct {
				from, to string
				claims   []string
				docs     []string
			}{
				{"2018-05-01", "2018-05-31", []string{"two/c1"}, []string{"two"}},
				{"2018-04-01", "", []string{"one/c1", "one/c2", "three/c1", "two/c1"}, []string{"three", "two", "one"}},
				{"", "2018-04-30", []string{"one/c1", "one/c2", "three/c1"}, []string{"three", "one"}},
				{"2018-04-02", "2018-04-02", []string{"one/c1", "one/c2", "three/c1"}, []string{"three", "one"}},
				{"2019-01-01", "2019-12-31", nil, nil},
				{"2017-01-01", "2017-12-31", nil, nil},
			} {
				if got := claimsOf(t, s, store.ClaimFilter{From: tc.from, To: tc.to}); !slices.Equal(got, tc.claims) {
					t.Errorf("bound %d: claims %s..%s: got %v, want %v", bound, tc.from, tc.to, got, tc.claims)
				}
				if got := docsOf(store.DocFilter{From: tc.from, To: tc.to}); !slices.Equal(got, tc.docs) {
					t.Errorf("bound %d: documents %s..%s: got %v, want %v", bound, tc.from, tc.to, got, tc.docs)
				}
				// With words to search for: the claims of the period whose
				// quotes hold "civilians".
				var want []string
				for _, c := range tc.claims {
					if c == "one/c1" || c == "three/c1" {
						want = append(want, c)
					}
				}
				if got := claimsOf(t, s, store.ClaimFilter{From: tc.from, To: tc.to, Text: "civilians"}); !slices.Equal(got, want) {
					t.Errorf("bound %d: claims %s..%s with text: got %v, want %v", bound, tc.from, tc.to, got, want)
				}
				var wantDocs []string
				for _, d := range tc.docs {
					if d != "two" {
						wantDocs = append(wantDocs, d)
					}
				}
				if got := docsOf(store.DocFilter{From: tc.from, To: tc.to, Text: "air civilians"}); !slices.Equal(got, wantDocs) {
					t.Errorf("bound %d: documents %s..%s with text: got %v, want %v", bound, tc.from, tc.to, got, wantDocs)
				}
			}
			// Pages by cursor under the plan.
			var got []string
			var before int64
			for {
				n := 0
				for c, err := range s.Claims(ctx, store.ClaimFilter{From: "2018-04-01", Limit: 1, Before: before}) {
					if err != nil {
						t.Fatal(err)
					}
					got, before, n = append(got, c.DocExtID+"/"+c.ID), c.RowID, n+1
				}
				if n == 0 {
					break
				}
			}
			if slices.Sort(got); !slices.Equal(got, []string{"one/c1", "one/c2", "three/c1", "two/c1"}) {
				t.Errorf("bound %d: pages of one gave %v", bound, got)
			}
			restore()
		}
	})
}

func TestDocumentCopiesAreBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		var docs []store.Doc
		for i := range store.MaxCopies + 5 {
			docs = append(docs, store.Doc{Key: fmt.Sprintf("wire%04d", i), ExtID: fmt.Sprint("wire-", i), Title: "Strikes kill 12",
				Body: fmt.Sprintf("Air strikes killed 12 civilians in Aleppo on Sunday (outlet %d).", i), Published: "2018-04-02",
				Source: fmt.Sprint("outlet ", i), Origin: "test", Extractor: "x1", MinHash: []byte("wire"), Bands: []uint64{7}})
		}
		if _, err := s.Save(ctx, docs, func(a, b []byte) bool { return true }); err != nil {
			t.Fatal(err)
		}
		d, err := s.Document(ctx, "wire-0")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Copies) != store.MaxCopies || d.CopiesTotal != store.MaxCopies+4 || d.Copies[0].ExtID != fmt.Sprint("wire-", store.MaxCopies+4) {
			t.Errorf("%d copies listed, %d in all, newest %q; want %d, %d, wire-%d", len(d.Copies), d.CopiesTotal, d.Copies[0].ExtID,
				store.MaxCopies, store.MaxCopies+4, store.MaxCopies+4)
		}
	})
}

// A period filter gives every claim whose dates overlap it, however long
// the claim's period: SQLite gathers a period's claims by how long their
// periods are (date_class), which must lose none.
func TestPeriodFilterOverlaps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		rng := rand.New(rand.NewPCG(9, 9))
		spans := []int{0, 5, 31, 32, 200, 400, 401, 2000}
		type period struct{ start, end string }
		want := map[string]period{} // ref → the dates filters compare
		day0 := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
		var docs []store.Doc
		for i := range 120 {
			published := day0.AddDate(0, 0, rng.IntN(1500)).Format(time.DateOnly)
			if i%10 == 0 {
				published = ""
			}
			d := store.Doc{Key: fmt.Sprintf("%08x", i), ExtID: fmt.Sprint("p", i), Title: "t", Body: "b",
				Published: published, Origin: "test", Extractor: "x"}
			for c := range 4 {
				cl := killed(fmt.Sprint("c", c+1), 3, claim.People, "Aleppo", "SY", "SOHR", "killed 3")
				ref := d.ExtID + "/" + cl.ID
				if c > 0 {
					start := day0.AddDate(0, 0, rng.IntN(1500)-300)
					end := start.AddDate(0, 0, spans[rng.IntN(len(spans))])
					if c == 3 {
						end = start.AddDate(0, 0, -2) // written backwards
					}
					cl.Period = &claim.Period{Start: start.Format(time.DateOnly), End: end.Format(time.DateOnly), Precision: claim.Day, Text: "then"}
					want[ref] = period{cl.Period.Start, cl.Period.End}
				} else if published != "" {
					want[ref] = period{published, published}
				}
				d.Claims = append(d.Claims, cl)
			}
			docs = append(docs, d)
		}
		if _, err := s.Save(ctx, docs, nil); err != nil {
			t.Fatal(err)
		}
		ext := map[int64]string{}
		for d, err := range s.Documents(ctx, store.DocFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			ext[d.ID] = d.ExtID
		}
		for q := range 60 {
			from := day0.AddDate(0, 0, rng.IntN(1800)-200).Format(time.DateOnly)
			to := day0.AddDate(0, 0, rng.IntN(1800)-200).Format(time.DateOnly)
			switch q % 4 {
			case 1:
				from = ""
			case 2:
				to = ""
			}
			var expect []string
			for ref, p := range want {
				if (from == "" || p.end >= from) && (to == "" || p.start <= to) {
					expect = append(expect, ref)
				}
			}
			var got []string
			for c, err := range s.Claims(ctx, store.ClaimFilter{From: from, To: to, Country: "SY", Kinds: []claim.Kind{claim.Killed}}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, ext[c.DocID]+"/"+c.ID)
			}
			slices.Sort(expect)
			slices.Sort(got)
			if !slices.Equal(got, expect) {
				t.Errorf("from %q to %q: %d claims, want %d", from, to, len(got), len(expect))
			}
		}
	})
}
