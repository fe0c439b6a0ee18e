package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tallyhq/tally/internal/store"
)

// dbFlag adds --db to a command's flags: a SQLite file path or a
// postgres:// URL, by default $TALLY_DB, else tally.db.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("TALLY_DB")
	if def == "" {
		def = store.DefaultPath
	}
	return fs.String("db", def, "store: a SQLite file `PATH` or a postgres:// URL (default $TALLY_DB, else tally.db)")
}

// openStore opens the store or says why not on stderr.
func openStore(ctx context.Context, cmd, dsn string, stderr io.Writer) (*store.Store, bool) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "tally %s: %v\n", cmd, err)
		return nil, false
	}
	return st, true
}

// parseFlags parses args; done reports that the command should return
// status at once (help asked for, or a usage error).
func parseFlags(fs *flag.FlagSet, args []string) (status int, done bool) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK, true
		}
		return exitUsage, true
	}
	return exitOK, false
}
