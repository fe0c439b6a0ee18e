package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
)

// Watcher tells whether the store may have changed since it last looked:
// any committed write, by this process or another, changes its version.
// Readers key what they derive from the store (responses, ETags) by the
// version, so that nothing derived before a write is used after it. It
// costs writers nothing: SQLite counts commits itself (PRAGMA
// data_version), and on PostgreSQL the version is the server's transaction
// snapshot, which every transaction that writes changes when it ends.
type Watcher struct {
	st *Store

	// started counts the checks of data_version begun: a caller may take
	// the answer of any check begun after it arrived, so that callers
	// arriving together share one check rather than queue for one each.
	started atomic.Uint64

	mu      sync.Mutex // held while checking, and for what follows
	conn    *sql.Conn  // SQLite: data_version counts the commits of connections other than this one
	stmt    *sql.Stmt  // PRAGMA data_version on conn, prepared once: it runs for every request
	last    int64      // data_version when last read
	version uint64     // bumped each time data_version changed
	checked uint64     // the number (started) of the last check
	answer  string     // and what it gave
	err     error
}

// Watch makes a Watcher of the store. On SQLite it holds one of the
// store's connections for itself until Close.
func (s *Store) Watch() *Watcher { return &Watcher{st: s} }

// Version is the store's version: equal versions mean no write was
// committed between the two calls. A write committed while a caller reads
// after Version may or may not show in what it reads; the next call of
// Version gives a new version.
func (w *Watcher) Version(ctx context.Context) (string, error) {
	if w.st.dialect == Postgres {
		// The snapshot lists the transactions under way and the next
		// transaction id: a transaction that writes takes an id, and
		// leaves the list when it ends. Read-only transactions change
		// nothing; other databases' writes do, which only costs a miss.
		var snap string
		if err := w.st.db.QueryRowContext(ctx, `SELECT pg_current_snapshot()::text`).Scan(&snap); err != nil {
			return "", fmt.Errorf("store version: %w", err)
		}
		return snap, nil
	}
	arrived := w.started.Load()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.checked > arrived && w.err == nil {
		// Begun after this caller arrived: it saw every write committed
		// before then.
		return w.answer, w.err
	}
	w.checked = w.started.Add(1)
	w.answer, w.err = w.check(ctx)
	return w.answer, w.err
}

// check reads data_version, w.mu held.
func (w *Watcher) check(ctx context.Context) (string, error) {
	if w.conn == nil {
		conn, err := w.st.db.Conn(ctx)
		if err != nil {
			return "", fmt.Errorf("store version: %w", err)
		}
		stmt, err := conn.PrepareContext(ctx, `PRAGMA data_version`)
		if err != nil {
			conn.Close()
			return "", fmt.Errorf("store version: %w", err)
		}
		w.conn, w.stmt = conn, stmt
		// A new connection's data_version does not compare with the old
		// one's: whatever was derived before is stale.
		w.version++
		w.last = -1
	}
	var dv int64
	if err := w.stmt.QueryRowContext(ctx).Scan(&dv); err != nil {
		// The connection may be broken: the next call takes another.
		w.closeLocked()
		return "", fmt.Errorf("store version: %w", err)
	}
	if dv != w.last {
		if w.last != -1 {
			w.version++
		}
		w.last = dv
	}
	return strconv.FormatUint(w.version, 10), nil
}

// Close gives back the connection the Watcher holds.
func (w *Watcher) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closeLocked()
}

func (w *Watcher) closeLocked() error {
	if w.conn == nil {
		return nil
	}
	w.stmt.Close()
	err := w.conn.Close()
	w.conn, w.stmt = nil, nil
	return err
}

// Edits counts the writes that changed or deleted what was stored (a
// review, a claim or document changed or deleted) rather than added to it:
// while it stays the same, every write was an append, of documents and
// claims under ids larger than any before. A reader that derived something
// from the claims below an id knows that appends leave it right.
func (s *Store) Edits(ctx context.Context) (int64, error) {
	var n int64
	if err := s.queryRow(ctx, `SELECT n FROM store_edits WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store edits: %w", err)
	}
	return n, nil
}
