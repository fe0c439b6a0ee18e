package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/store"
)

// BenchmarkIngest ingests the JSON Lines file TALLY_BENCH_CORPUS (build one
// with go run ./bench/corpus) into a new SQLite store per iteration and
// reports documents per second.
func BenchmarkIngest(b *testing.B) {
	corpus := os.Getenv("TALLY_BENCH_CORPUS")
	if corpus == "" {
		b.Skip("TALLY_BENCH_CORPUS is not set: go run ./bench/corpus -n 5000 -o /tmp/corpus.jsonl")
	}
	docs := 0
	for i := 0; b.Loop(); i++ {
		s, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		stats, err := ingest.Run(context.Background(), s, []string{corpus}, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		docs += stats.Read
		s.Close()
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
}
