package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
)

// benchDocs makes n documents like a war-report corpus's: six claims each,
// 32 band keys, a few hundred words of text.
func benchDocs(rng *rand.Rand, start, n int) []store.Doc {
	admin1s := []string{"Aleppo", "Idlib", "Homs", "Hama", "Ar-Raqqah", "Deir ez-Zor", "Daraa", "Rif-dimashq", "Damascus", "Al-Hasakah", "Latakia", "Tartus", "Quneitra", "As-Suwayda"}
	sources := []string{"Syrian Observatory for Human Rights", "SANA", "Russian Ministry of Defence", "White Helmets", "UN OCHA", "residents"}
	body := "Air strikes and shelling killed civilians in the town on Sunday, a monitor said, as government forces pressed an offensive. "
	for len(body) < 2500 {
		body += body
	}
	docs := make([]store.Doc, n)
	for i := range docs {
		k := start + i
		d := store.Doc{Key: fmt.Sprintf("%064x", k), ExtID: fmt.Sprint(k), Title: fmt.Sprintf("Report %d", k),
			Body: fmt.Sprintf("%d %s", k, body[:2500]), Published: fmt.Sprintf("201%d-%02d-%02d", rng.IntN(9), 1+rng.IntN(12), 1+rng.IntN(28)),
			Source: "outlet", Origin: "bench", Extractor: "x", MinHash: make([]byte, 513)}
		for b := range 32 {
			d.Bands = append(d.Bands, rng.Uint64()>>8|uint64(b)<<56)
		}
		for c := range 6 {
			cl := killed(fmt.Sprintf("c%d", c+1), int64(rng.IntN(100)), claim.Civilians, admin1s[rng.IntN(len(admin1s))], "SY",
				sources[rng.IntN(len(sources))], "Air strikes killed civilians in the town on Sunday, a monitor said")
			d.Claims = append(d.Claims, cl)
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkSave stores batches of 256 documents into SQLite and reports
// documents per second: the writer's share of ingest.
func BenchmarkSave(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 1))
	n := 0
	for b.Loop() {
		docs := benchDocs(rng, n, 256)
		n += len(docs)
		if _, err := s.Save(ctx, docs, func(a, b []byte) bool { return false }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}
