package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract"
)

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text (for people) or json (JSON Lines, one result per document)")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` for documents that lack one")
	source := fs.String("source", "", "outlet `NAME` for documents that lack one")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally check [--format text|json] [--published D] [--source S] PATH...\n\n"+
			"Extracts and checks the claims of each document (a file, or - for stdin), storing nothing.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "tally check: unknown format %q (text or json)\n", *format)
		return exitUsage
	}
	if *published != "" {
		if _, err := time.Parse(time.DateOnly, *published); err != nil {
			fmt.Fprintf(stderr, "tally check: --published %q is not a YYYY-MM-DD date\n", *published)
			return exitUsage
		}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	opt := document.Options{Published: *published, Source: *source}
	status := exitOK
	for _, path := range fs.Args() {
		docs := document.ReadPath(path, opt)
		if path == "-" {
			docs = document.Read("-", stdin, opt)
		}
		for doc, err := range docs {
			if err != nil {
				status = exitFailed
				// The error goes to stderr for people and, in JSON mode, into
				// the stream too, so that a script sees every document.
				out.Flush()
				fmt.Fprintf(stderr, "tally check: %v\n", err)
				if *format == "json" {
					msg := err.Error()
					writeJSON(out, claim.Result{Claims: []claim.Claim{}, Flags: []claim.Flag{}, Error: &msg,
						Document: claim.DocumentInfo{Places: []claim.Place{}}})
				}
				continue
			}
			res := extract.Check(doc)
			if *format == "json" {
				writeJSON(out, res)
			} else {
				writeText(out, doc, res)
			}
		}
	}
	return status
}

func writeJSON(w *bufio.Writer, res claim.Result) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// Result holds only strings, numbers and slices: it always encodes.
	_ = enc.Encode(res)
}

// writeText prints a result for a person at a terminal: one line a claim
// with its fields, the quote under it, then the flags.
func writeText(w *bufio.Writer, doc *document.Document, res claim.Result) {
	d := res.Document
	fmt.Fprintf(w, "== %s", doc.Origin)
	if d.Published != nil {
		fmt.Fprintf(w, "  published %s", *d.Published)
	}
	if d.Source != nil {
		fmt.Fprintf(w, "  %s", *d.Source)
	}
	fmt.Fprintln(w)
	if d.Title != "" {
		fmt.Fprintf(w, "   %s\n", oneLine(d.Title, 100))
	}
	if len(res.Claims) == 0 {
		fmt.Fprintln(w, "   no claims found")
	}
	for _, c := range res.Claims {
		fmt.Fprintf(w, "%-4s %-10s %s\n", c.ID, c.Kind, describe(c))
		fmt.Fprintf(w, "     %q\n", oneLine(c.Quote.Text, 160))
	}
	for _, f := range res.Flags {
		fmt.Fprintf(w, "!  %s [%s] %s\n", f.Kind, strings.Join(f.Claims, " "), f.Message)
	}
	fmt.Fprintln(w)
}

// describe is a claim's fields in a few words: "up to 30 civilians a week ·
// mine · Raqqa · Russian Ministry of Defence (military)".
func describe(c claim.Claim) string {
	var parts []string
	if c.Service != nil {
		parts = append(parts, c.Service.Name+" "+string(c.Service.Status))
	} else if c.Count != nil {
		s := c.Count.Text + " " + string(c.Victims)
		if c.Rate != nil {
			s += " a " + *c.Rate
		}
		parts = append(parts, s)
	}
	if c.Period != nil {
		if c.Period.Start == c.Period.End {
			parts = append(parts, c.Period.Start)
		} else {
			parts = append(parts, c.Period.Start+".."+c.Period.End)
		}
	}
	if c.Cause != "" && c.Cause != claim.UnknownCause {
		parts = append(parts, string(c.Cause))
	}
	if c.Actor != nil {
		parts = append(parts, "by "+c.Actor.Name)
	}
	if c.Place != nil {
		parts = append(parts, "in "+c.Place.Text+resolvedAs(c.Place))
	}
	if c.Source != nil {
		parts = append(parts, "per "+c.Source.Name+" ("+string(c.Source.Type)+")")
	}
	if c.InHeadline {
		parts = append(parts, "[headline]")
	}
	if c.Hypothetical {
		parts = append(parts, "[hypothetical]")
	}
	return strings.Join(parts, " · ")
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

// resolvedAs is where the gazetteer put a place, as "(Ar Raqqah,
// Ar-Raqqah, SY)", or "" when it is unresolved.
func resolvedAs(p *claim.Place) string {
	if p.Name == nil || p.Country == nil {
		return ""
	}
	parts := []string{*p.Name}
	if p.Admin1 != nil && *p.Admin1 != *p.Name {
		parts = append(parts, *p.Admin1)
	}
	parts = append(parts, *p.Country)
	return " (" + strings.Join(parts, ", ") + ")"
}
