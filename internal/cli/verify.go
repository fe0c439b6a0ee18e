package cli

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/tallyhq/tally/internal/export"
	"github.com/tallyhq/tally/internal/verify"
)

func runVerify(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	format := fs.String("format", "text", "output: text (a summary for people) or json (JSON Lines: one credibility per claim)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally verify [--db DSN] [--format text|json]\n\n"+
			"Groups stored claims into incidents (same thing, several sources), grades them, checks each\n"+
			"claim against the imported casualty records, and stores the results.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if fs.NArg() > 0 || (*format != "text" && *format != "json") {
		fs.Usage()
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, ok := openStore(ctx, "verify", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	start := time.Now()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var emit func(verify.Credibility) error
	if *format == "json" {
		enc := json.NewEncoder(out)
		emit = func(c verify.Credibility) error { return enc.Encode(c) }
	}
	res, err := verify.Run(ctx, st, emit)
	if err != nil {
		out.Flush()
		fmt.Fprintf(stderr, "tally verify: %v\n", err)
		return exitFailed
	}
	if *format == "json" {
		return exitOK
	}
	grades := map[verify.Grade]int{}
	several := 0
	for _, inc := range res.Incidents {
		grades[inc.Grade]++
		if len(inc.Sources) > 1 {
			several++
		}
	}
	verdicts := res.Verdicts
	fmt.Fprintf(out, "%d claims in %d incidents (%d with several sources), %d records in %d sets; %s\n",
		res.Claims, len(res.Incidents), several, res.Records, len(res.Sets), time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(out, "incidents: %d corroborated, %d contested, %d single source\n",
		grades[verify.Corroborated], grades[verify.Contested], grades[verify.SingleSource])
	fmt.Fprintf(out, "claims against records: %d consistent, %d overstated, %d understated, %d no records, %d out of coverage, %d not comparable\n",
		verdicts[verify.Consistent], verdicts[verify.Overstated], verdicts[verify.Understated],
		verdicts[verify.NoRecords], verdicts[verify.OutOfCoverage], verdicts[verify.NotComparable])
	contested := slices.DeleteFunc(slices.Clone(res.Incidents), func(i *verify.Incident) bool { return i.Grade != verify.Contested })
	slices.SortFunc(contested, func(a, b *verify.Incident) int { return cmp.Compare(b.Spread, a.Spread) })
	if len(contested) > 0 {
		fmt.Fprintln(out, "\nmost contested incidents:")
		for _, inc := range contested[:min(10, len(contested))] {
			fmt.Fprintf(out, "  %s %s %s..%s: %s\n", inc.Kind, export.Cell(inc.Place, 40), inc.Start, inc.End, export.Cell(inc.Summary, 400))
		}
	}
	return exitOK
}
