package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// TestWatcher: reads leave the version as it is; a write by another
// connection, or another process's store, changes it.
func TestWatcher(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		w := st.Watch()
		defer w.Close()
		v1, err := w.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for range st.Claims(ctx, store.ClaimFilter{}) {
		}
		if st.Dialect() == store.SQLite {
			// PostgreSQL's version is the whole server's: other tests'
			// databases change it.
			if v, err := w.Version(ctx); err != nil || v != v1 {
				t.Fatalf("after a read: version %q (%v), want %q", v, err, v1)
			}
		}
		other, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		for i, writer := range []*store.Store{st, other} {
			before, err := w.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			docs := testDocs()[i : i+1]
			if _, err := writer.Save(ctx, docs, nil); err != nil {
				t.Fatal(err)
			}
			if v, err := w.Version(ctx); err != nil || v == before {
				t.Fatalf("after a write by store %d: version %q (%v), want a new one", i, v, err)
			}
		}
	})
}

// TestWatcherShared: callers asking together share checks, and a caller
// arriving after a write still sees a new version.
func TestWatcherShared(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := st.Watch()
	defer w.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := w.Version(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	defer func() { close(stop); wg.Wait() }()
	for i, d := range testDocs() {
		before, err := w.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Save(ctx, []store.Doc{d}, nil); err != nil {
			t.Fatal(err)
		}
		if v, err := w.Version(ctx); err != nil || v == before {
			t.Fatalf("after write %d: version %q (%v), want other than %q", i, v, err, before)
		}
	}
}
