// Package ingest reads documents from files, folders, feeds and URLs,
// extracts their claims in parallel workers, and writes them to the store
// through a single writer in batched transactions. It also re-extracts
// stored documents when the rules change. It is the top of the pipeline:
// it uses document, extract, neardup and store, and none of them uses it.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract"
	"github.com/tallyhq/tally/internal/neardup"
	"github.com/tallyhq/tally/internal/store"
)

// Options tune a run.
type Options struct {
	Read    document.Options
	Workers int // extraction workers; 0 means one per CPU
	// Batch is how many documents one transaction writes at most; a batch
	// is also written when FlushEvery passes, so that a slow input is
	// stored as it comes.
	Batch      int
	FlushEvery time.Duration
	// Errors is told of each document or input that could not be read;
	// the run goes on.
	Errors func(error)
	// Progress is told how far the run is after each batch.
	Progress func(Stats)
	// Stdin is read for the input "-"; nil means os.Stdin.
	Stdin io.Reader
}

// Stats is how far a run is.
type Stats struct {
	Read       int   // documents read
	New        int   // stored for the first time
	Duplicates int   // stored already
	Failed     int   // documents or inputs that could not be read
	Claims     int   // claims of the new documents
	Bytes      int64 // input bytes read so far (files only)
	TotalBytes int64 // input bytes in all (files only; 0 when unknown)
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Batch <= 0 {
		o.Batch = 256
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = 250 * time.Millisecond
	}
	if o.Errors == nil {
		o.Errors = func(error) {}
	}
	if o.Progress == nil {
		o.Progress = func(Stats) {}
	}
}

// SameReport is the store's test of two MinHash signatures for copies of
// one report.
func SameReport(a, b []byte) bool {
	var x, y neardup.Signature
	if x.UnmarshalBinary(a) != nil || y.UnmarshalBinary(b) != nil {
		return false
	}
	return neardup.Same(x, y)
}

// Prepare extracts a document's claims and signs its text: everything the
// store needs to keep it.
func Prepare(d *document.Document) store.Doc {
	res := extract.Check(d)
	sd := store.Doc{
		Key: d.Key(), ExtID: res.Document.ID, Title: d.Title.Raw, Body: d.Body.Raw,
		Published: d.Published, Source: d.Source, URL: d.URL, Origin: d.Origin,
		HTML: d.HTML, Plain: d.Plain, Credits: d.Credits,
		PrimaryPlace: res.Document.PrimaryPlace, Places: res.Document.Places,
		Claims: res.Claims, Flags: res.Flags, Extractor: extract.Version(),
	}
	// The body alone: outlets retitle the stories they carry.
	if sig := neardup.Sign(d.Body.Norm); !sig.Empty() {
		sd.MinHash, _ = sig.MarshalBinary()
		sd.Bands = sig.Bands()
	}
	return sd
}

// Run ingests every input (a file, a folder, "-" for stdin) into st. Bad
// documents and inputs are told to opt.Errors and counted; the error Run
// returns is the store's, or the context's when it was cancelled. Either
// way every document stored is stored whole with its claims.
func Run(ctx context.Context, st *store.Store, inputs []string, opt Options) (Stats, error) {
	opt.defaults()
	var bytesRead atomic.Int64
	var total int64
	for _, in := range inputs {
		total += document.InputSize(in)
	}
	readOpt := opt.Read
	readOpt.Progress = func(n int) { bytesRead.Add(int64(n)) }

	// Reading stops when ctx ends or the writer fails; what was read is
	// still written.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	docs := make(chan *document.Document, opt.Workers*4)
	var failed atomic.Int64
	go func() {
		defer close(docs)
		for _, in := range inputs {
			src := document.ReadPath(in, readOpt)
			if in == "-" && opt.Stdin != nil {
				src = document.Read("stdin", opt.Stdin, readOpt)
			}
			for d, err := range src {
				if err != nil {
					failed.Add(1)
					opt.Errors(err)
				} else {
					select {
					case docs <- d:
					case <-readCtx.Done():
						return
					}
				}
				if readCtx.Err() != nil {
					return
				}
			}
		}
	}()

	prepared := make(chan store.Doc, opt.Workers*4)
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Go(func() {
			for d := range docs {
				prepared <- Prepare(d)
			}
		})
	}
	go func() {
		wg.Wait()
		close(prepared)
	}()

	stats := Stats{TotalBytes: total}
	progress := func() {
		stats.Failed = int(failed.Load())
		stats.Bytes = bytesRead.Load()
		opt.Progress(stats)
	}
	var writeErr error
	batch := make([]store.Doc, 0, opt.Batch)
	flush := func() {
		if len(batch) == 0 || writeErr != nil {
			batch = batch[:0]
			return
		}
		// Written even when ctx is cancelled: an interrupt keeps what was
		// read, whole.
		saved, err := st.Save(context.WithoutCancel(ctx), batch, SameReport)
		if err != nil {
			writeErr = err
			stopReading()
		} else {
			for i, sv := range saved {
				if sv.New {
					stats.New++
					stats.Claims += len(batch[i].Claims)
				} else {
					stats.Duplicates++
				}
			}
		}
		batch = batch[:0]
		progress()
	}
	tick := time.NewTicker(opt.FlushEvery)
	defer tick.Stop()
loop:
	for {
		select {
		case d, ok := <-prepared:
			if !ok {
				break loop
			}
			stats.Read++
			batch = append(batch, d)
			if len(batch) >= opt.Batch {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
	flush()
	// The last flush may have had nothing to write: count the inputs that
	// failed after it.
	stats.Failed, stats.Bytes = int(failed.Load()), bytesRead.Load()
	if writeErr != nil {
		return stats, writeErr
	}
	if err := ctx.Err(); err != nil {
		return stats, fmt.Errorf("%w: %w", ErrInterrupted, err)
	}
	return stats, nil
}

// ErrInterrupted is wrapped by the error of a run that its context ended.
var ErrInterrupted = errors.New("interrupted")
