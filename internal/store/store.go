package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// DefaultPath is the embedded store's file when no DSN is given.
const DefaultPath = "tally.db"

// Dialect is the kind of database behind a Store.
type Dialect string

// The supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

//go:embed migrations
var migrations embed.FS

// Store is an open database. It is safe for concurrent use; SQLite
// serialises writers, and every write transaction takes the write lock at
// its start so that two writers wait for each other instead of failing.
type Store struct {
	db *sql.DB
	// wdb runs the write transactions: on SQLite a pool of one
	// connection, since SQLite lets one writer in at a time anyway, so that
	// the writer's statements, prepared once, stay prepared on it; on
	// PostgreSQL it is db.
	wdb     *sql.DB
	dialect Dialect
	name    string // for messages: the file, or the PostgreSQL host and database

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // SQLite's prepared reads, by their text: see prepared
	wstmts map[string]*sql.Stmt // the writer's statements, on wdb: see writer.stmt
	recent recentDocs           // what this store's writer stored lately
	bands  bandMemo             // common band keys' candidates and signatures: see FindGroup
	index  bandIndex            // every band key's candidates, in memory: see bandIndex
	plans  planMemo             // claim queries' period plans: see planClaims
}

// maxStmts bounds the prepared statements a store keeps: the reads' texts
// vary with the filters given, and beyond this many are prepared each time.
const maxStmts = 256

// prepared is the statement for q, prepared once and kept, on SQLite;
// nil on PostgreSQL, whose driver keeps its own per connection, and when
// preparing failed (the query, run unprepared, then says why). Parsing and
// planning a list's query took a sixth of the API server's time.
func (s *Store) prepared(ctx context.Context, q string) *sql.Stmt {
	if s.dialect != SQLite {
		return nil
	}
	s.stmtMu.Lock()
	st, ok := s.stmts[q]
	full := len(s.stmts) >= maxStmts
	s.stmtMu.Unlock()
	if ok || full {
		return st
	}
	// Prepared outside the lock: it may wait for a connection.
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if old, ok := s.stmts[q]; ok {
		st.Close()
		return old
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[q] = st
	return st
}

// query runs a read, prepared once on SQLite.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := s.prepared(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.db.QueryContext(ctx, q, args...)
}

// queryRow runs a read of one row, prepared once on SQLite.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := s.prepared(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.db.QueryRowContext(ctx, q, args...)
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Option tunes how Open opens a store.
type Option func(*options)

type options struct{ cacheKiB int }

// CacheMiB sets SQLite's page cache per reading connection (8 MiB by
// default). Each connection keeps its own, so many connections multiply
// it; the writing connection has writerCacheKiB, for the random inserts of
// band keys.
func CacheMiB(n int) Option { return func(o *options) { o.cacheKiB = n << 10 } }

// writerCacheKiB is the page cache of the writing connection: larger
// caches sped ingest up by less than the noise and cost resident memory.
const writerCacheKiB = 16 << 10

// beginWrite starts a write transaction.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	return s.wdb.BeginTx(ctx, nil)
}

// Open opens the store dsn names, a postgres:// URL or a SQLite file path
// (DefaultPath when empty), and brings its schema up to date.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	if dsn == "" {
		dsn = DefaultPath
	}
	o := options{cacheKiB: 8 << 10}
	for _, opt := range opts {
		opt(&o)
	}
	s := &Store{}
	var err error
	if IsPostgres(dsn) {
		s.dialect, s.name = Postgres, redact(dsn)
		s.db, err = sql.Open("pgx", dsn)
	} else {
		s.dialect, s.name = SQLite, dsn
		s.db, err = sql.Open("sqlite", sqliteDSN(dsn, o.cacheKiB))
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", s.name, err)
	}
	s.wdb = s.db
	if s.dialect == SQLite {
		// One connection per concurrent reader is plenty for a laptop
		// store; writers queue on the database's own lock, and this
		// process's writers on its one writing connection.
		s.db.SetMaxOpenConns(8)
		s.db.SetMaxIdleConns(8)
		if s.wdb, err = sql.Open("sqlite", sqliteDSN(dsn, writerCacheKiB)); err != nil {
			s.db.Close()
			return nil, fmt.Errorf("open %s: %w", s.name, err)
		}
		s.wdb.SetMaxOpenConns(1)
		s.wdb.SetMaxIdleConns(1)
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.closeDBs()
		return nil, fmt.Errorf("open %s: %w", s.name, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.closeDBs()
		return nil, fmt.Errorf("open %s: %w", s.name, err)
	}
	return s, nil
}

// closeDBs closes the connection pools.
func (s *Store) closeDBs() error {
	var err error
	if s.wdb != s.db {
		err = s.wdb.Close()
	}
	return errors.Join(err, s.db.Close())
}

// sqliteDSN sets what every connection needs: WAL so that readers never
// wait for the writer, a busy timeout so that writers wait for each other,
// foreign keys, and write transactions that take the lock at BEGIN (a
// deferred transaction that upgrades to write fails at once with "database
// is locked" instead of waiting).
func sqliteDSN(path string, cacheKiB int) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(30000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "wal_autocheckpoint(10000)")
	// The connection's page cache (see CacheMiB). No
	// memory-mapped reads: each connection's mapping of the file would
	// count again in the process's resident memory.
	q.Add("_pragma", "cache_size(-"+strconv.Itoa(cacheKiB)+")")
	// A multi-row insert keeps a statement journal to undo itself on error;
	// in memory, not a temporary file written page by page.
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// redact drops the password from a PostgreSQL URL for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres"
	}
	return u.Redacted()
}

func (s *Store) migrate(ctx context.Context) error {
	dir, err := fs.Sub(migrations, "migrations/"+string(s.dialect))
	if err != nil {
		return err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	dialect := goose.DialectSQLite3
	if s.dialect == Postgres {
		dialect = goose.DialectPostgres
		// Two processes opening a new shared database at once must not
		// both run the migrations.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, s.db, dir, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Close closes the database. SQLite first updates the statistics its query
// planner needs, when enough has changed to need it (PRAGMA optimize): a
// planner without them picks poor indexes for the claim filters.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, stmts := range []map[string]*sql.Stmt{s.stmts, s.wstmts} {
		for q, st := range stmts {
			st.Close()
			delete(stmts, q)
		}
	}
	s.stmtMu.Unlock()
	s.index.close()
	if s.dialect == SQLite {
		// Every table, not only those this connection read, and a sample
		// of each index rather than all of it, so that closing stays quick.
		_, _ = s.db.Exec("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002")
	}
	return s.closeDBs()
}

// Dialect says which database the store is.
func (s *Store) Dialect() Dialect { return s.dialect }

// Name is the database's file or redacted URL, for messages.
func (s *Store) Name() string { return s.name }

// rebind turns the ? placeholders the package's queries are written with
// into PostgreSQL's $1, $2, ... The queries hold no literal question marks.
func (s *Store) rebind(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// ErrNotFound is returned for a document that is not stored.
var ErrNotFound = errors.New("not found")

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// placeholders returns "?, ?, ..." for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
