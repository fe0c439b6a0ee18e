package store_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// groupDocs makes n documents of a few dozen stories: a story's documents
// share some of its band keys and are the same report by sameBytes; every
// document also carries band keys common to all stories, so that many
// candidates are compared and rejected, more than the 64 a lookup takes.
func groupDocs(n int) []store.Doc {
	rng := rand.New(rand.NewPCG(4, 2))
	docs := make([]store.Doc, n)
	for i := range docs {
		story := rng.IntN(40)
		if rng.IntN(4) == 0 {
			story = 1000 + i // a story of its own
		}
		var bands []uint64
		for range 1 + rng.IntN(3) {
			bands = append(bands, uint64(story*100+1+rng.IntN(6)))
		}
		for range 2 {
			bands = append(bands, uint64(900000+rng.IntN(6)))
		}
		key := fmt.Sprintf("%08x", i+1)
		docs[i] = store.Doc{Key: key, ExtID: key, Title: "t", Body: fmt.Sprint("body ", i), Origin: "group:" + key,
			Extractor: "x", MinHash: []byte(fmt.Sprint("story-", story)), Bands: bands}
	}
	return docs
}

// partition names each document's report group by its group's first document.
func partition(t *testing.T, s *store.Store) map[string]string {
	t.Helper()
	groups := map[int64][]string{}
	for d, err := range s.Documents(context.Background(), store.DocFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		groups[d.Group] = append(groups[d.Group], d.ExtID)
	}
	out := map[string]string{}
	for _, ids := range groups {
		first := slices.Min(ids)
		for _, id := range ids {
			out[id] = first
		}
	}
	return out
}

// Report groups found by readers ahead of the writer (FindGroup, with the
// writer completing each from what it stored since) are those the writer
// finds alone, also when the readers looked two batches before the writer
// stored and another writer stored batches in between, and when the
// readers skip the band keys common to many groups that they remember.
//
// The lookups run by statement, or from the band index in memory: loaded
// at once (and again after each batch of the other writer, which drops
// it), merging its new entries every few batches, or given up as too
// large.
func TestFindGroupAheadOfTheWriter(t *testing.T) {
	for _, tc := range []struct {
		name       string
		loadAfter  float64
		maxEntries int
		index      bool // the index answers the last lookups
	}{
		{"statements", math.Inf(1), 1 << 20, false},
		{"index", 0, 1 << 20, true},
		{"index too large", 0, 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer store.SetBandIndex(tc.loadAfter, tc.maxEntries, 50)()
			t.Run("merged", func(t *testing.T) {
				// Band keys move from report_bands_recent to
				// report_bands every few batches: lookups read both.
				defer store.SetBandsMergeRows(100)()
				testFindGroupAheadOfTheWriter(t, tc.index)
			})
			t.Run("recent", func(t *testing.T) { testFindGroupAheadOfTheWriter(t, tc.index) })
		})
	}
}

func testFindGroupAheadOfTheWriter(t *testing.T, index bool) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		docs := groupDocs(600)
		batches := slices.Collect(slices.Chunk(docs, 20))

		// The writer alone, in a second store of the same kind.
		aloneDSN := storetest.SQLite(t)
		if store.IsPostgres(dsn) {
			aloneDSN = storetest.Postgres(t)
		}
		alone := open(t, aloneDSN)
		for _, b := range batches {
			if _, err := alone.Save(ctx, slices.Clone(b), sameBytes); err != nil {
				t.Fatal(err)
			}
		}

		ahead, other := open(t, dsn), open(t, dsn)
		found := make([][]store.Doc, len(batches))
		for k := range len(batches) + 2 {
			if k < len(batches) {
				found[k] = slices.Clone(batches[k])
				for i := range found[k] {
					if err := ahead.FindGroup(ctx, &found[k][i], sameBytes); err != nil {
						t.Fatal(err)
					}
				}
			}
			if j := k - 2; j >= 0 {
				w := ahead
				if j%5 == 4 {
					w = other
				}
				if _, err := w.Save(ctx, found[j], sameBytes); err != nil {
					t.Fatal(err)
				}
			}
		}

		if !store.IsPostgres(dsn) {
			loaded, entries := ahead.BandIndexLoaded()
			switch {
			case loaded != index:
				t.Errorf("band index loaded: %v, want %v", loaded, index)
			case index && entries == 0:
				t.Errorf("band index loaded empty")
			case !index && ahead.MemoBands() == 0:
				t.Errorf("no band key remembered: the lookups never skipped a common one")
			}
		}
		want, got := partition(t, alone), partition(t, ahead)
		if len(got) != len(docs) {
			t.Fatalf("%d documents stored, want %d", len(got), len(docs))
		}
		groups := map[string]bool{}
		for id, first := range want {
			groups[first] = true
			if got[id] != first {
				t.Errorf("document %s in the group of %s, want %s", id, got[id], first)
			}
		}
		t.Logf("%d documents in %d report groups", len(docs), len(groups))
	})
}

// A band key common to more report groups than a lookup compares: the
// lookup that reads its rows and the next, which skips them for the ones
// it remembers, take its oldest groups by their earliest document with
// the key, not by their age. The oldest group here took the key last, so
// it is not among them.
//
// The band index keeps the same oldest groups of the key.
func TestFindGroupRemembersOldestOfCommonBand(t *testing.T) {
	t.Run("statements", func(t *testing.T) {
		defer store.SetBandIndex(math.Inf(1), 1<<20, 50)()
		testFindGroupOldestOfCommonBand(t, false)
	})
	t.Run("index", func(t *testing.T) {
		defer store.SetBandIndex(0, 1<<20, 50)()
		testFindGroupOldestOfCommonBand(t, true)
	})
}

func testFindGroupOldestOfCommonBand(t *testing.T, index bool) {
	ctx := context.Background()
	s := open(t, storetest.SQLite(t))
	const common = 7
	doc := func(i int, story string, bands ...uint64) store.Doc {
		key := fmt.Sprintf("%08x", i)
		return store.Doc{Key: key, ExtID: key, Title: "t", Body: "b " + key, Origin: key, Extractor: "x",
			MinHash: []byte(story), Bands: bands}
	}
	docs := []store.Doc{doc(0, "first", 1000)}
	for i := 1; i <= 70; i++ {
		docs = append(docs, doc(i, fmt.Sprint("story ", i), common, uint64(2000+i)))
	}
	docs = append(docs, doc(71, "first", common, 1000)) // joins the first group, bringing it the common key
	if _, err := s.Save(ctx, docs, sameBytes); err != nil {
		t.Fatal(err)
	}
	for try := range 2 {
		probe := doc(72, "first", common)
		if err := s.FindGroup(ctx, &probe, sameBytes); err != nil {
			t.Fatal(err)
		}
		if g := probe.Grouping; g == nil || g.Group != 0 || len(g.Seen) != 64 {
			t.Errorf("lookup %d: %+v, want no group found among 64 compared", try+1, probe.Grouping)
		}
	}
	if loaded, _ := s.BandIndexLoaded(); loaded != index {
		t.Errorf("band index loaded: %v, want %v", loaded, index)
	}
	if !index && s.MemoBands() != 1 {
		t.Errorf("%d band keys remembered, want the common one", s.MemoBands())
	}
}
