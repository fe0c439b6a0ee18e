package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

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
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally serve [--db DSN] [--addr 127.0.0.1:8080] [--read-only] [--allow-private]\n\n"+
			"Serves the web UI at / (map, timeline, documents, incidents, review queue, check) and\n"+
			"the JSON API under /api/v1 (described at /api/v1/openapi.json). Writes need a token:\n"+
			"tally token create NAME.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if fs.NArg() > 0 || *maxBody <= 0 {
		fs.Usage()
		return exitUsage
	}
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Requests read a page or a document at a time: 16 MiB of page cache
	// for each of the store's connections keeps the server's memory small.
	st, err := store.Open(ctx, *db, store.CacheMiB(16))
	if err != nil {
		fmt.Fprintf(stderr, "tally serve: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv := serve.New(st, serve.Options{ReadOnly: *readOnly, MaxBody: *maxBody, Log: log,
		Fetch: fetch.Options{AllowPrivate: *allowPrivate, UserAgent: "tally/" + version() + " (+https://github.com/tallyhq/tally)"}})
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
