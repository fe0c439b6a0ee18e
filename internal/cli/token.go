package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
)

func runToken(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: tally token [--db DSN] create NAME | list | revoke NAME\n\n"+
			"Manages the bearer tokens that let API clients write (tally serve). A token is shown\n"+
			"once, when it is created; the store keeps only its hash. Its NAME is the reviewer\n"+
			"the review log names.\n\n")
		fs.PrintDefaults()
	}
	if status, done := parseFlags(fs, args); done {
		return status
	}
	sub, rest := fs.Arg(0), fs.Args()
	if len(rest) > 0 {
		rest = rest[1:]
	}
	switch {
	case sub == "list" && len(rest) == 0:
	case (sub == "create" || sub == "revoke") && len(rest) == 1:
	default:
		fs.Usage()
		return exitUsage
	}
	ctx := context.Background()
	st, ok := openStore(ctx, "token", *db, stderr)
	if !ok {
		return exitFailed
	}
	defer st.Close()
	switch sub {
	case "create":
		token, err := st.CreateToken(ctx, rest[0])
		if err != nil {
			fmt.Fprintf(stderr, "tally token: %v\n", err)
			return exitFailed
		}
		fmt.Fprintln(stdout, token)
		fmt.Fprintf(stderr, "tally token: created %q; the token above is shown only now: keep it\n", rest[0])
	case "revoke":
		if err := st.RevokeToken(ctx, rest[0]); err != nil {
			fmt.Fprintf(stderr, "tally token: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(stdout, "revoked %s\n", rest[0])
	case "list":
		tokens, err := st.Tokens(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "tally token: %v\n", err)
			return exitFailed
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tCREATED\tREVOKED")
		for _, t := range tokens {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Created, orDash(t.Revoked))
		}
		tw.Flush()
	}
	return exitOK
}
