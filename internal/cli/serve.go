package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/tallyhq/tally/internal/ingest/fetch"
	"github.com/tallyhq/tally/internal/serve"
	"github.com/tallyhq/tally/internal/store"
)

func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	readOnly := fs.Bool("read-only", false, "refuse every write, with or without a token (for public deployments)")
	allowPrivate := fs.Bool("allow-private", false, "let URLs given to the API reach loopback and private network addresses")
	maxBody := fs.Int64("max-body", serve.DefaultMaxBody, "largest request body in `BYTES`")
	cacheMiB := fs.Int("cache-mb", serve.DefaultCacheBytes>>20, "keep up to `MiB` of GET responses, dropped on writes to the store (pages of claims after a cursor outlive appends); 0: none")
	rowCacheMiB := fs.Int("row-cache-mb", serve.DefaultRowCacheBytes>>20, "keep up to `MiB` of claims' and documents' JSON by their stored rows, which writes leave right; 0: none")
	debugAddr := fs.String("debug-addr", "", "serve Go's profiler (net/http/pprof) on `HOST:PORT`, apart from the API; off when empty")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally serve [--db DSN] [--addr 127.0.0.1:8080] [--read-only] [--allow-private]\n"+
			"                  [--cache-mb 32] [--row-cache-mb 32] [--debug-addr HOST:PORT]\n\n"+
			"Serves the web UI at / (map, timeline, documents, incidents, review queue, check) and\n"+
			"the JSON API under /api/v1 (described at /api/v1/openapi.json). Writes need a token:\n"+
			"tally token create NAME.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if fs.NArg() > 0 || *maxBody <= 0 || *cacheMiB < 0 || *cacheMiB > 1<<16 || *rowCacheMiB < 0 || *rowCacheMiB > 1<<16 {
		fs.Usage()
		return exitUsage
	}
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Requests read a page or a document at a time, and the system keeps
	// the file's pages too: 8 MiB of page cache for each of the store's
	// connections. With 16, requests for documents all over a store of
	// 100,000 filled every connection's cache, 490 MB resident in all;
	// with 8, 357 MB and the same speed uncached (with 4, 294 MB and a
	// tenth slower uncached).
	st, err := store.Open(ctx, *db, store.CacheMiB(8))
	if err != nil {
		fmt.Fprintf(stderr, "tally serve: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if *debugAddr != "" {
		stopDebug, err := serveDebug(*debugAddr, log)
		if err != nil {
			fmt.Fprintf(stderr, "tally serve: %v\n", err)
			return exitFailed
		}
		defer stopDebug()
	}
	// Zero turns a cache off, where Options take zero for the default.
	cacheBytes, rowCacheBytes := *cacheMiB<<20, *rowCacheMiB<<20
	if cacheBytes == 0 {
		cacheBytes = -1
	}
	if rowCacheBytes == 0 {
		rowCacheBytes = -1
	}
	srv := serve.New(st, serve.Options{ReadOnly: *readOnly, MaxBody: *maxBody, Log: log, CacheBytes: cacheBytes, RowCacheBytes: rowCacheBytes,
		Fetch: fetch.Options{AllowPrivate: *allowPrivate, UserAgent: "tally/" + version() + " (+https://github.com/tallyhq/tally)"}})
	defer srv.Close()
	mode := "read-write"
	if *readOnly {
		mode = "read-only"
	}
	err = srv.Run(ctx, *addr, func(a net.Addr) {
		fmt.Fprintf(stdout, "tally serve: http://%s/ (web UI; API under /api/v1/; %s, store %s)\n", a, mode, st.Name())
	})
	if err != nil {
		fmt.Fprintf(stderr, "tally serve: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// serveDebug serves the profiler's handlers on their own listener, so that
// they are never reachable through the API's address, and only when asked
// for: profiles show the server's internals.
func serveDebug(addr string, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("debug listener: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("debug listener", "error", err)
		}
	}()
	return func() { srv.Close() }, nil
}

// tuneGC lets the server's heap grow to five times what is live between
// collections, unless GOGC says otherwise, within a bound of 256 MiB
// (GOMEMLIMIT overrides it) that makes it collect sooner should the live
// heap grow. A request's garbage (rows scanned, JSON encoded) is most of
// what it allocates: under 50 concurrent clients on the 100,000-document
// bench store, collecting at Go's default of twice the live heap cost
// about a tenth of the throughput; the peak resident memory grew by about
// 30 MB.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}
