package ingest

import (
	"context"
	"fmt"
	"sync"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract"
	"github.com/tallyhq/tally/internal/store"
)

// ReextractStats is how far a re-extraction is.
type ReextractStats struct {
	Documents int // re-extracted
	Failed    int // could not be read again
	Claims    int // claims they have now
}

// Reextract runs extraction again over the stored documents that an older
// version of the rules made (all of them when all is set) and replaces
// their claims and flags. Each document is replaced in its own
// transaction, so an interrupted run leaves every document either as it
// was or re-extracted, and running again finishes the rest.
func Reextract(ctx context.Context, st *store.Store, all bool, opt Options) (ReextractStats, error) {
	opt.defaults()
	except := extract.Version()
	if all {
		except = ""
	}
	type job struct {
		id        int64
		published string
		outlet    string
		ex        store.Extraction
		err       error
	}
	sources := make(chan store.Source, opt.Workers*4)
	done := make(chan job, opt.Workers*4)
	var readErr error
	readCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		defer close(sources)
		for src, err := range st.Sources(readCtx, except) {
			if err != nil {
				if readCtx.Err() == nil {
					readErr = err
				}
				return
			}
			select {
			case sources <- src:
			case <-readCtx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Go(func() {
			for src := range sources {
				d, err := document.Reread(document.Kept{ID: src.ExtID, Title: src.Title, Body: src.Body,
					Published: src.Published, Source: src.Source, URL: src.URL, Origin: src.Origin,
					HTML: src.HTML, Plain: src.Plain})
				if err != nil {
					done <- job{id: src.ID, err: err}
					continue
				}
				res := extract.Check(d)
				done <- job{id: src.ID, published: d.Published, outlet: d.Source, ex: store.Extraction{
					Credits: d.Credits, PrimaryPlace: res.Document.PrimaryPlace, Places: res.Document.Places,
					Claims: res.Claims, Flags: res.Flags, Extractor: extract.Version(),
				}}
			}
		})
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	var stats ReextractStats
	var writeErr error
	for j := range done {
		if writeErr != nil {
			continue
		}
		if j.err != nil {
			stats.Failed++
			opt.Errors(fmt.Errorf("document %d: %w", j.id, j.err))
			continue
		}
		if err := st.Replace(context.WithoutCancel(ctx), j.id, j.published, j.outlet, j.ex); err != nil {
			writeErr = err
			stop()
			continue
		}
		stats.Documents++
		stats.Claims += len(j.ex.Claims)
	}
	if writeErr != nil {
		return stats, writeErr
	}
	if readErr != nil {
		return stats, readErr
	}
	if err := ctx.Err(); err != nil {
		return stats, fmt.Errorf("%w: %w", ErrInterrupted, err)
	}
	return stats, nil
}
