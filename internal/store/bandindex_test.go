package store

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// The band index answers as a list of every row would: each band key's
// maxCandidates oldest groups by their earliest document with the key,
// whether the keys' entries are in base (found through dir) or still in
// delta, across merges, with keys spread over the whole key space and a
// few keys shared by more groups than a lookup takes.
func TestBandIndexFind(t *testing.T) {
	defer func(old int) { indexMergeMin = old }(indexMergeMin)
	indexMergeMin = 100
	rng := rand.New(rand.NewPCG(7, 9))
	keys := make([]uint64, 400)
	for i := range keys {
		keys[i] = rng.Uint64()
	}
	keys[1] = keys[0] + 1 // neighbours in one bucket of dir
	type row struct {
		band       uint64
		group, doc int64
	}
	var all []row
	ix := &bandIndex{state: indexLoaded, delta: map[uint64][]uint64{}}
	defer ix.close()
	doc, groups := int64(0), int64(0)
	for batch := range 40 {
		b := indexBatch{before: doc}
		for range 1 + rng.IntN(20) {
			doc++
			var group int64
			if rng.IntN(3) > 0 && groups > 0 {
				group = 1 + rng.Int64N(groups) // joins an older group
			} else {
				groups++
				group = groups
			}
			for range 1 + rng.IntN(6) {
				band := keys[rng.IntN(len(keys))]
				if rng.IntN(4) == 0 {
					band = keys[batch%3] // common keys
				}
				b.rows = append(b.rows, bandRow{int64(band), group, doc})
				all = append(all, row{band, group, doc})
			}
		}
		b.last = doc
		ix.committed(b)
		if ix.state != indexLoaded {
			t.Fatalf("batch %d: index state %d", batch, ix.state)
		}
		for _, band := range keys[:50] {
			first := map[int64]int64{}
			for _, r := range all {
				if r.band == band {
					if f, ok := first[r.group]; !ok || r.doc < f {
						first[r.group] = r.doc
					}
				}
			}
			var want []candidate
			for g, d := range first {
				want = append(want, candidate{d, g})
			}
			slices.SortFunc(want, func(a, b candidate) int { return cmp.Compare(a.doc, b.doc) })
			want = want[:min(len(want), maxCandidates)]
			got, upto, ok := ix.find([]uint64{band})
			if !ok || upto != doc {
				t.Fatalf("batch %d: find: ok %v, upto %d, want %d", batch, ok, upto, doc)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("batch %d, band %x: %v, want %v", batch, band, got, want)
			}
		}
	}
	if len(ix.base) == 0 {
		t.Errorf("no merge: every entry still in delta")
	}
	// A batch after documents the index has not seen drops it.
	ix.committed(indexBatch{before: doc + 5, last: doc + 6})
	if ix.state != indexUnloaded || ix.base != nil {
		t.Errorf("index state %d with %d entries after another writer's documents, want dropped", ix.state, len(ix.base))
	}
}
