package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/ingest/fetch"
)

func runIngest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	workers := fs.Int("workers", 0, "extraction workers (default one per CPU)")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` for documents that lack one")
	source := fs.String("source", "", "outlet `NAME` for documents that lack one")
	quiet := fs.Bool("quiet", false, "no progress, only errors and the summary")
	allowPrivate := fs.Bool("allow-private", false, "let URLs reach loopback and private network addresses")
	timeout := fs.Duration("timeout", fetch.DefaultTimeout, "time limit for fetching each URL, body included")
	noFollow := fs.Bool("no-follow", false, "keep a fetched feed's short items as they are, without fetching the pages they link to")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE` (for go tool pprof)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally ingest [--db DSN] [--workers N] PATH|URL...\n\n"+
			"Reads documents (files, folders, feeds, http(s) URLs of pages or feeds, - for stdin)\n"+
			"into the store, extracting their claims.\n"+
			"A document already stored is not stored again; copies of one report are grouped.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "tally ingest: no input: give files, folders or - for stdin (see 'tally ingest -h')")
		return exitUsage
	}
	if *published != "" {
		if _, err := time.Parse(time.DateOnly, *published); err != nil {
			fmt.Fprintf(stderr, "tally ingest: --published %q is not a YYYY-MM-DD date\n", *published)
			return exitUsage
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "tally ingest: --cpuprofile: %v\n", err)
			return exitFailed
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "tally ingest: --cpuprofile: %v\n", err)
			return exitFailed
		}
		defer pprof.StopCPUProfile()
	}
	// Ctrl-C stops reading; what was read is still stored, whole.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, ok := openStore(ctx, "ingest", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()

	progress := newProgress(stderr, *quiet)
	opt := ingest.Options{
		Read:     document.Options{Published: *published, Source: *source},
		Workers:  *workers,
		Stdin:    stdin,
		Progress: progress.update,
		Fetch: fetch.Options{AllowPrivate: *allowPrivate, Timeout: *timeout,
			UserAgent: "tally/" + version() + " (+https://github.com/tallyhq/tally)"},
		FollowLinks: !*noFollow,
		Errors: func(err error) {
			progress.clear()
			fmt.Fprintf(stderr, "tally ingest: %v\n", err)
		},
	}
	start := time.Now()
	stats, err := ingest.Run(ctx, st, fs.Args(), opt)
	progress.finish()
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "%d documents read: %d new, %d already stored, %d failed; %d claims stored in %s (%.0f documents/s) into %s\n",
		stats.Read, stats.New, stats.Duplicates, stats.Failed, stats.Claims, elapsed.Round(time.Millisecond),
		float64(stats.Read)/max(elapsed.Seconds(), 1e-9), st.Name())
	if err != nil {
		if errors.Is(err, ingest.ErrInterrupted) {
			fmt.Fprintf(stderr, "tally ingest: interrupted; every document stored is whole: run the same command again to finish\n")
		} else {
			fmt.Fprintf(stderr, "tally ingest: %v\n", err)
		}
		return exitFailed
	}
	if stats.Failed > 0 {
		return exitFailed
	}
	return exitOK
}

// progress shows how far an ingest is: a bar with rate and ETA on a
// terminal, a plain line every few seconds otherwise (logs, pipes).
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
	last  time.Time
	start time.Time
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet, start: time.Now(), last: time.Now()}
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) update(s ingest.Stats) {
	switch {
	case p.quiet:
	case p.bar != nil:
		if s.TotalBytes > 0 && p.bar.GetMax64() != s.TotalBytes {
			p.bar.ChangeMax64(s.TotalBytes)
		}
		p.bar.Describe(fmt.Sprintf("ingest: %d documents (%d new)", s.Read, s.New))
		_ = p.bar.Set64(s.Bytes)
	case time.Since(p.last) >= 5*time.Second:
		p.last = time.Now()
		rate := float64(s.Read) / time.Since(p.start).Seconds()
		line := fmt.Sprintf("ingest: %d documents read, %d new, %d failed, %.0f documents/s", s.Read, s.New, s.Failed, rate)
		if s.TotalBytes > 0 && s.Bytes > 0 {
			done := float64(s.Bytes) / float64(s.TotalBytes)
			eta := time.Duration(float64(time.Since(p.start)) * (1 - done) / done)
			line += fmt.Sprintf(", %.0f%% of input, about %s left", 100*done, eta.Round(time.Second))
		}
		fmt.Fprintln(p.w, line)
	}
}

// clear makes room for an error line under a bar.
func (p *progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
