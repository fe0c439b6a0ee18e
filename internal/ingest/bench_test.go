package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/tallyhq/tally/internal/document"
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

// BenchmarkSavePrepared times the writer alone: the first TALLY_BENCH_DOCS
// (default 5,000) documents of TALLY_BENCH_CORPUS are prepared (extracted
// and signed) once, untimed, then stored in batches of TALLY_BENCH_BATCH
// (default 256) into a new
// SQLite store per iteration, each batch's report-group lookups made
// (untimed) just before it is saved, as the workers make them.
func BenchmarkSavePrepared(b *testing.B) {
	corpus := os.Getenv("TALLY_BENCH_CORPUS")
	if corpus == "" {
		b.Skip("TALLY_BENCH_CORPUS is not set: go run ./bench/corpus -n 5000 -o /tmp/corpus.jsonl")
	}
	limit, size := 5000, 256
	if n, err := strconv.Atoi(os.Getenv("TALLY_BENCH_DOCS")); err == nil && n > 0 {
		limit = n
	}
	if n, err := strconv.Atoi(os.Getenv("TALLY_BENCH_BATCH")); err == nil && n > 0 {
		size = n
	}
	var docs []store.Doc
	for d, err := range document.ReadPath(corpus, document.Options{}) {
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, ingest.Prepare(d))
		if len(docs) == limit {
			break
		}
	}
	ctx := context.Background()
	n := 0
	for b.Loop() {
		b.StopTimer()
		s, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		for batch := range slices.Chunk(docs, size) {
			// The workers' report-group lookups, as ingest runs them.
			for i := range batch {
				if err := s.FindGroup(ctx, &batch[i], ingest.SameReport); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
			if _, err := s.Save(ctx, batch, ingest.SameReport); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
		}
		n += len(docs)
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}
