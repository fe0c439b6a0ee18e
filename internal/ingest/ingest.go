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
	"iter"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract"
	"github.com/tallyhq/tally/internal/ingest/fetch"
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
	// Fetch bounds what http(s) inputs may fetch; private and loopback
	// addresses are refused unless Fetch.AllowPrivate.
	Fetch fetch.Options
	// FollowLinks replaces a fetched feed's item whose text is shorter
	// than ShortItem bytes by the page its link points to: many feeds
	// carry only a summary.
	FollowLinks bool
	// Stdin is read for the input "-"; nil means os.Stdin.
	Stdin io.Reader
}

// ShortItem is the length under which a feed item is taken for a summary.
const ShortItem = 1000

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

// storedBands is how many of a signature's LSH bands the store indexes.
// Each band is an index row and a lookup per document, the main cost of
// grouping; with 2 rows a band, 32 bands still make a pair at the grouping
// threshold's similarity of 0.33 a candidate with probability
// 1-(1-0.33²)^32 = 97.5%, and one at 0.4 with 99.6%.
const storedBands = 32

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
		sd.Bands = sig.Bands()[:storedBands]
	}
	// Here in the parallel workers rather than on the one writer.
	sd.Encode()
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
	client := fetch.New(opt.Fetch)
	go func() {
		defer close(docs)
		for _, in := range inputs {
			read := document.ReadPath(in, readOpt)
			switch {
			case IsURL(in):
				read = fetched(readCtx, client, in, readOpt, opt.FollowLinks)
			case in == "-" && opt.Stdin != nil:
				read = document.Read("stdin", opt.Stdin, readOpt)
			}
			for d, err := range read {
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
				// A document stored already needs no extraction: running
				// an ingest again, or after an interruption, costs a
				// lookup per document. The writer still checks.
				if known, err := st.HasKey(ctx, d.Key()); err == nil && known {
					prepared <- store.Doc{Key: d.Key(), Origin: d.Origin, Known: true}
					continue
				}
				sd := Prepare(d)
				// The report-group lookup runs here, on a reading
				// connection, in parallel; the writer adds what was
				// stored since. A failed lookup is left to the writer.
				_ = st.FindGroup(ctx, &sd, SameReport)
				prepared <- sd
			}
		})
	}
	go func() {
		wg.Wait()
		close(prepared)
	}()

	stats := Stats{TotalBytes: total}
	var mu sync.Mutex // guards stats: the loop below counts what is read, the writer what it stores
	// The writer stores one batch while the next fills, so that the
	// workers go on preparing documents while it writes: the channels
	// alone hold a few documents, and the workers used to wait for each
	// batch's write. writeErr is the writer's; it is read once the writer
	// has finished.
	var writeErr error
	work := make(chan []store.Doc)
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		for batch := range work {
			if writeErr != nil {
				continue
			}
			// Written even when ctx is cancelled: an interrupt keeps
			// what was read, whole.
			saved, err := st.Save(context.WithoutCancel(ctx), batch, SameReport)
			mu.Lock()
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
			stats.Failed = int(failed.Load())
			stats.Bytes = bytesRead.Load()
			opt.Progress(stats)
			mu.Unlock()
		}
	}()
	// A batch goes to the writer when it is full, or when it has waited a
	// tick (FlushEvery) and the writer is free: a busy writer lets the
	// next batch grow, and fewer, larger transactions write each page
	// they change fewer times.
	batch := make([]store.Doc, 0, opt.Batch)
	due := false
	tick := time.NewTicker(opt.FlushEvery)
	defer tick.Stop()
	input := prepared
	for input != nil || len(batch) > 0 {
		var out chan<- []store.Doc
		in := input
		if len(batch) > 0 && (due || len(batch) >= opt.Batch || input == nil) {
			out = work
		}
		if len(batch) >= opt.Batch {
			in = nil
		}
		select {
		case d, ok := <-in:
			if !ok {
				input = nil
				continue
			}
			mu.Lock()
			stats.Read++
			if d.Known {
				stats.Duplicates++
			}
			mu.Unlock()
			if !d.Known {
				batch = append(batch, d)
			}
		case out <- batch:
			batch = make([]store.Doc, 0, opt.Batch)
			due = false
		case <-tick.C:
			due = len(batch) > 0
		}
	}
	close(work)
	<-writerDone
	// The reader has finished: every failure is counted.
	stats.Failed, stats.Bytes = int(failed.Load()), bytesRead.Load()
	if writeErr != nil {
		return stats, writeErr
	}
	if err := ctx.Err(); err != nil {
		return stats, fmt.Errorf("%w: %w", ErrInterrupted, err)
	}
	return stats, nil
}

// IsURL reports whether an input is an http(s) URL rather than a path.
func IsURL(in string) bool {
	return strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://")
}

// fetched reads the documents at an http(s) URL: a page or a feed, whose
// short items are replaced by their pages when follow is set.
func fetched(ctx context.Context, client *fetch.Client, url string, opt document.Options, follow bool) iter.Seq2[*document.Document, error] {
	return func(yield func(*document.Document, error) bool) {
		resp, err := client.Get(ctx, url)
		if err != nil {
			yield(nil, err)
			return
		}
		for d, err := range resp.Documents(opt) {
			if err == nil && follow && d.FeedItem && d.URL != "" && d.URL != resp.URL && len(d.Body.Raw) < ShortItem {
				if page, ok := followLink(ctx, client, d, opt); ok {
					d = page
				}
			}
			if !yield(d, err) {
				return
			}
		}
	}
}

// followLink fetches the page a feed item links to; the item stays when
// the page cannot be had or holds no longer article.
func followLink(ctx context.Context, client *fetch.Client, item *document.Document, opt document.Options) (*document.Document, bool) {
	resp, err := client.Get(ctx, item.URL)
	if err != nil {
		return nil, false
	}
	if opt.Published == "" {
		opt.Published = item.Published
	}
	if opt.Source == "" {
		opt.Source = item.Source
	}
	for d, err := range resp.Documents(opt) {
		if err != nil || len(d.Body.Raw) <= len(item.Body.Raw) {
			return nil, false
		}
		if d.Title.Raw == "" {
			d.Title = item.Title
		}
		return d, true
	}
	return nil, false
}

// ErrInterrupted is wrapped by the error of a run that its context ended.
var ErrInterrupted = errors.New("interrupted")
