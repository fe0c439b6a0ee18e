package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/export"
	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/place"
	"github.com/tallyhq/tally/internal/store"
)

// listFlag is a flag that takes comma-separated values, and may repeat.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

func oneOf[T ~string](flagName string, values []string, allowed []T) ([]T, error) {
	out := make([]T, 0, len(values))
	for _, v := range values {
		ok := false
		for _, a := range allowed {
			if string(a) == v {
				ok = true
			}
		}
		if !ok {
			names := make([]string, len(allowed))
			for i, a := range allowed {
				names[i] = string(a)
			}
			return nil, fmt.Errorf("--%s %q: one of %s", flagName, v, strings.Join(names, ", "))
		}
		out = append(out, T(v))
	}
	return out, nil
}

var (
	allKinds   = []claim.Kind{claim.Killed, claim.Injured, claim.Casualties, claim.Missing, claim.Displaced, claim.Returned, claim.Service}
	allVictims = []claim.Victims{claim.Civilians, claim.Children, claim.Women, claim.Combatants, claim.SecurityForces, claim.People}
	allCauses  = []claim.Cause{claim.Mine, claim.Airstrike, claim.Shelling, claim.BarrelBomb, claim.Chemical, claim.SuicideBombing,
		claim.CarBomb, claim.Explosion, claim.Gunfire, claim.Execution, claim.Clashes, claim.Siege, claim.UnknownCause}
	allSourceTypes = []claim.SourceType{claim.Government, claim.Military, claim.Monitor, claim.UN, claim.NGO, claim.Media, claim.Local, claim.Unknown}
)

func checkDate(flagName, v string) error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return fmt.Errorf("--%s %q is not a YYYY-MM-DD date", flagName, v)
	}
	return nil
}

func runClaims(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("claims", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	format := fs.String("format", "table", "output format: "+strings.Join(export.Formats, ", "))
	var kinds, victims, causes listFlag
	var f store.ClaimFilter
	placeName := fs.String("place", "", "place `NAME` as written or resolved")
	fs.StringVar(&f.Admin1, "admin1", "", "first-level division `NAME` (governorate, province, state)")
	fs.StringVar(&f.Country, "country", "", "country `CODE` (ISO 3166, e.g. SY)")
	fs.Var(&kinds, "kind", "claim `KIND`s, comma-separated: "+strings.Join(strs(allKinds), ", "))
	fs.Var(&victims, "victims", "victim `CATEGORIES`, comma-separated: "+strings.Join(strs(allVictims), ", "))
	fs.Var(&causes, "cause", "`CAUSES`, comma-separated: "+strings.Join(strs(allCauses), ", "))
	fs.StringVar(&f.Source, "source", "", "who made the claim, normalised `NAME` (e.g. \"Syrian Observatory for Human Rights\")")
	sourceType := fs.String("source-type", "", "source `TYPE`: "+strings.Join(strs(allSourceTypes), ", "))
	fs.StringVar(&f.Outlet, "outlet", "", "outlet `NAME` that published the document")
	fs.StringVar(&f.From, "from", "", "claims about events on or after `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "claims about events on or before `DATE` (YYYY-MM-DD)")
	fs.StringVar(&f.Text, "q", "", "`WORDS` that the quote holds, all of them")
	fs.BoolVar(&f.Hypothetical, "hypothetical", false, "include figures the text only supposes (\"could kill thousands\")")
	fs.IntVar(&f.Limit, "limit", 0, "at most `N` claims, newest stored first (0: all)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally claims [--db DSN] [filters] [--format table|json|csv|geojson]\n\n"+
			"Lists stored claims, newest first. csv has an HXL hashtag row; geojson is a FeatureCollection.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	usageErr := func(err error) int {
		fmt.Fprintf(stderr, "tally claims: %v\n", err)
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	var err error
	if f.Kinds, err = oneOf("kind", kinds, allKinds); err != nil {
		return usageErr(err)
	}
	if f.Victims, err = oneOf("victims", victims, allVictims); err != nil {
		return usageErr(err)
	}
	if f.Causes, err = oneOf("cause", causes, allCauses); err != nil {
		return usageErr(err)
	}
	if *sourceType != "" {
		t, err := oneOf("source-type", []string{*sourceType}, allSourceTypes)
		if err != nil {
			return usageErr(err)
		}
		f.SourceType = t[0]
	}
	for _, d := range [][2]string{{"from", f.From}, {"to", f.To}} {
		if err := checkDate(d[0], d[1]); err != nil {
			return usageErr(err)
		}
	}
	if *placeName != "" {
		f.Places = place.StoredNames(*placeName)
	}
	if f.Admin1 != "" {
		f.Admin1 = place.Admin1Named(f.Admin1)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	w, err := export.NewWriter(*format, out)
	if err != nil {
		return usageErr(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, ok := openStore(ctx, "claims", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	for c, err := range st.Claims(ctx, f) {
		if err != nil {
			out.Flush()
			fmt.Fprintf(stderr, "tally claims: %v\n", err)
			return exitFailed
		}
		if err := w.Write(c); err != nil {
			fmt.Fprintf(stderr, "tally claims: %v\n", err)
			return exitFailed
		}
	}
	if err := w.Close(); err != nil {
		fmt.Fprintf(stderr, "tally claims: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func runDocs(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("docs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	format := fs.String("format", "table", "output format: table or json (JSON Lines)")
	var f store.DocFilter
	fs.StringVar(&f.Text, "q", "", "`WORDS` that the title or text holds, all of them")
	fs.StringVar(&f.Outlet, "outlet", "", "outlet `NAME`")
	fs.StringVar(&f.Admin1, "admin1", "", "first-level division `NAME` of the main event")
	fs.StringVar(&f.From, "from", "", "published on or after `DATE`")
	fs.StringVar(&f.To, "to", "", "published on or before `DATE`")
	fs.Int64Var(&f.Group, "group", 0, "report group `ID`: the copies of one report")
	fs.IntVar(&f.Limit, "limit", 50, "at most `N` documents, newest stored first (0: all)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally docs [--db DSN] [--q WORDS] [filters] [--format table|json]\n\n"+
			"Lists and searches stored documents, newest first.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(stderr, "tally docs: unknown format %q (table or json)\n", *format)
		return exitUsage
	}
	for _, d := range [][2]string{{"from", f.From}, {"to", f.To}} {
		if err := checkDate(d[0], d[1]); err != nil {
			fmt.Fprintf(stderr, "tally docs: %v\n", err)
			return exitUsage
		}
	}
	if f.Admin1 != "" {
		f.Admin1 = place.Admin1Named(f.Admin1)
	}
	ctx := context.Background()
	st, ok := openStore(ctx, "docs", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if *format == "table" {
		fmt.Fprintln(tw, "ID\tPUBLISHED\tOUTLET\tGROUP\tCLAIMS\tPLACE\tTITLE")
	}
	for d, err := range st.Documents(ctx, f) {
		if err != nil {
			tw.Flush()
			out.Flush()
			fmt.Fprintf(stderr, "tally docs: %v\n", err)
			return exitFailed
		}
		if *format == "json" {
			b, _ := json.Marshal(export.ToDoc(d))
			out.Write(append(b, '\n'))
			continue
		}
		where := ""
		if p := d.PrimaryPlace; p != nil && p.Admin1 != nil {
			where = *p.Admin1
		}
		title := d.Title
		if title == "" {
			title = d.Origin
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%s\t%s\n", d.ID, orDash(d.Published), export.Cell(d.Source, 20), d.Group,
			d.Claims, export.Cell(where, 20), export.Cell(title, 80))
	}
	tw.Flush()
	return exitOK
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func runShow(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	format := fs.String("format", "text", "output format: text or json")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally show [--db DSN] [--format text|json] ID\n\n"+
			"Shows one stored document with its claims, flags and copies. ID is the store's\n"+
			"document number, the document's own id, or the start of its key.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "tally show: unknown format %q (text or json)\n", *format)
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "tally show: want one document ID, got %d arguments (see 'tally show -h')\n", fs.NArg())
		return exitUsage
	}
	ctx := context.Background()
	st, ok := openStore(ctx, "show", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	d, err := st.Document(ctx, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "tally show: %v\n", err)
		if errors.Is(err, store.ErrNotFound) {
			return exitFailed
		}
		return exitFailed
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *format == "json" {
		v := export.ToFullDoc(d)
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(stderr, "tally show: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	fmt.Fprintf(out, "document %d: %s\n", d.ID, export.Cell(d.Title, 200))
	fmt.Fprintf(out, "  published %s · outlet %s · key %s · report group %d · read from %s\n",
		orDash(d.Published), orDash(export.Cell(d.Source, 60)), d.Key[:16], d.Group, export.Cell(d.Origin, 200))
	if d.URL != "" {
		fmt.Fprintf(out, "  %s\n", export.Cell(d.URL, 300))
	}
	if p := d.PrimaryPlace; p != nil {
		fmt.Fprintf(out, "  main event in %s\n", export.Cell(p.Text, 80)+resolvedAs(p))
	}
	for _, c := range d.Copies {
		fmt.Fprintf(out, "  same report: document %d, %s, %s\n", c.ID, orDash(export.Cell(c.Source, 60)), export.Cell(c.Title, 100))
	}
	for _, f := range d.Flags {
		fmt.Fprintf(out, "  ! %s [%s]: %s\n", f.Kind, strings.Join(f.Claims, ", "), export.Cell(f.Message, 500))
	}
	for _, c := range d.Claims {
		fmt.Fprintf(out, "  %s %s: %s\n", c.ID, c.Kind, export.Cell(describe(c.Claim), 300))
		fmt.Fprintf(out, "     %q\n", export.Cell(c.Quote.Text, 300))
	}
	return exitOK
}

func runReextract(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reextract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	all := fs.Bool("all", false, "re-extract every document, not only those older rules made")
	workers := fs.Int("workers", 0, "extraction workers (default one per CPU)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally reextract [--db DSN] [--all]\n\n"+
			"Runs extraction again over stored documents that older rules made and replaces\n"+
			"their claims and flags. Interrupted, it leaves each document whole; run it again.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tally reextract: unexpected argument %q (see 'tally reextract -h')\n", fs.Arg(0))
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, ok := openStore(ctx, "reextract", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	start := time.Now()
	stats, err := ingest.Reextract(ctx, st, *all, ingest.Options{Workers: *workers,
		Errors: func(err error) { fmt.Fprintf(stderr, "tally reextract: %v\n", err) }})
	fmt.Fprintf(stdout, "%d documents re-extracted (%d failed), %d claims, in %s\n",
		stats.Documents, stats.Failed, stats.Claims, time.Since(start).Round(time.Millisecond))
	if err != nil {
		fmt.Fprintf(stderr, "tally reextract: %v\n", err)
		return exitFailed
	}
	if stats.Failed > 0 {
		return exitFailed
	}
	return exitOK
}
