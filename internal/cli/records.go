package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"text/tabwriter"

	"github.com/tallyhq/tally/internal/records"
	"github.com/tallyhq/tally/internal/store"
)

// maxRowErrors is how many unreadable rows are printed one by one; a file
// broken throughout would otherwise bury the summary.
const maxRowErrors = 20

func runRecords(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	usage := func(w io.Writer) {
		fmt.Fprint(w, `Usage: tally records import [--db DSN] [--format ucdp|acled|list] [--name NAME] [--country CODE] FILE
       tally records list [--db DSN]

import loads casualty documentation records: UCDP GED events, ACLED events, or a
list of the dead (one row a person). list shows the imported sets.
`)
	}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "import":
		return runRecordsImport(args[1:], stdin, stdout, stderr)
	case "list":
		return runRecordsList(args[1:], stdout, stderr)
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "tally records: unknown subcommand %q (import or list)\n", args[0])
	return exitUsage
}

func runRecordsImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("records import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	format := fs.String("format", "", "the file's `FORMAT`: ucdp, acled or list (default: told by its header)")
	name := fs.String("name", "", "the record set's `NAME` (default: the file's name); importing under a stored name adds to that set")
	country := fs.String("country", "", "country `CODE` (ISO 3166-1 alpha-2) of rows that name none; a list without a country column needs it (VDC's lists are Syria's)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally records import [--db DSN] [--format ucdp|acled|list] [--name NAME] [--country CODE] FILE\n\n"+
			"Loads casualty documentation records into the store; rows stored already are skipped.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	usageErr := func(err error) int {
		fmt.Fprintf(stderr, "tally records import: %v\n", err)
		return exitUsage
	}
	if fs.NArg() != 1 {
		return usageErr(fmt.Errorf("give one FILE (or - for stdin)"))
	}
	if _, err := oneOf("format", []string{*format}, append(records.Formats, "")); err != nil {
		return usageErr(err)
	}
	path := fs.Arg(0)
	var in io.Reader = stdin
	file := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(stderr, "tally records import: %v\n", err)
			return exitFailed
		}
		defer f.Close()
		in, file = f, filepath.Base(path)
	}
	if *name == "" {
		*name = file
	}
	rd, err := records.NewReader(in, file, records.Options{Format: records.Format(*format), Country: *country})
	if err != nil {
		fmt.Fprintf(stderr, "tally records import: %v\n", err)
		return exitFailed
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, ok := openStore(ctx, "records import", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	errs := bufio.NewWriter(stderr)
	defer errs.Flush()
	shown := 0
	report := func(err error) {
		if shown < maxRowErrors {
			fmt.Fprintln(errs, oneLine(err.Error(), 500))
		}
		shown++
	}
	set := store.RecordSet{Name: *name, Format: string(rd.Format()), File: path}
	stats, err := st.ImportRecords(ctx, set, rd.All(), report)
	if shown > maxRowErrors {
		fmt.Fprintf(errs, "... and %d more unreadable rows\n", shown-maxRowErrors)
	}
	for _, a := range slices.Sorted(maps.Keys(rd.Unmapped)) {
		fmt.Fprintf(errs, "tally records import: admin1 %q (%d rows) is no division the gazetteer knows: stored as written, without admin1\n", a, rd.Unmapped[a])
	}
	errs.Flush()
	fmt.Fprintf(stdout, "%d rows read, %d new, %d already stored, %d unreadable\n", stats.Read, stats.New, stats.Stored, stats.Unreadable)
	if err != nil {
		fmt.Fprintf(stderr, "tally records import: %v (run it again to complete the import)\n", err)
		return exitFailed
	}
	s := stats.Set
	fmt.Fprintf(stdout, "set %s (%s): %d records, %s to %s; rows without admin1: %d\n", s.Name, s.Format, s.Rows, orDash(s.DateMin), orDash(s.DateMax), rd.Blank)
	if stats.Unreadable > 0 {
		return exitFailed
	}
	return exitOK
}

func runRecordsList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("records list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally records list [--db DSN]\n\nLists the imported record sets with their coverage and sizes.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tally records list: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, ok := openStore(ctx, "records list", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	sets, err := st.RecordSets(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "tally records list: %v\n", err)
		return exitFailed
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFORMAT\tRECORDS\tFROM\tTO\tIMPORTED\tFILE")
	for _, s := range sets {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", s.Name, s.Format, s.Rows, orDash(s.DateMin), orDash(s.DateMax), s.ImportedAt, s.File)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "tally records list: %v\n", err)
		return exitFailed
	}
	return exitOK
}
