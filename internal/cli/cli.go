// Package cli is tally's command line: one file per command, each parsing
// its flags with the standard flag package and handing over to the
// pipeline packages. Exit codes follow SPEC.md: 0 all documents read, 1 some
// document failed, 2 usage error.
package cli

import (
	"fmt"
	"io"
	"runtime/debug"
)

// Exit statuses of SPEC.md.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// Version is set at link time (-ldflags "-X .../cli.Version=v1.2.3"); when
// empty the module's build information is used.
var Version = ""

type command struct {
	name, summary string
	run           func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "extract and check the claims of documents, storing nothing", runCheck},
		{"ingest", "read documents into the store (files, folders, feeds, URLs)", runIngest},
		{"claims", "list stored claims with filters; export as table, JSON, CSV (HXL), GeoJSON", runClaims},
		{"docs", "list and search stored documents", runDocs},
		{"show", "show one stored document with its claims, flags and copies", runShow},
		{"reextract", "run extraction again over stored documents after the rules changed", runReextract},
		{"records", "import casualty documentation records (UCDP, ACLED, lists of the dead); list the sets", runRecords},
		{"verify", "corroborate stored claims across sources and check them against casualty records", runVerify},
		{"serve", "serve the JSON API over the store", runServe},
		{"token", "create, list and revoke the API's write tokens", runToken},
		{"version", "print tally's version", runVersion},
		{"help", "show this help", runHelp},
	}
}

// Main runs the command named by args[0] and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "-version", "--version":
		return runVersion(nil, stdin, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "tally: unknown command %q (see 'tally help')\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `tally reads war reports and extracts every casualty, displacement, return and
service claim with who said it, how many, whom, where, when and by what cause,
and flags the figures that do not add up.

Usage: tally COMMAND [flags] [args]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'tally COMMAND -h' for a command's flags.
`)
}

func runHelp(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		for _, c := range commands() {
			if c.name == args[0] && c.name != "help" {
				return c.run([]string{"-h"}, nil, stdout, stderr)
			}
		}
	}
	usage(stdout)
	return exitOK
}

func runVersion(_ []string, _ io.Reader, stdout, _ io.Writer) int {
	fmt.Fprintln(stdout, "tally", version())
	return exitOK
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
