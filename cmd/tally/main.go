// Command tally extracts casualty, displacement, return and service claims
// from news articles and checks their figures. See internal/cli for the
// commands.
package main

import (
	"os"

	"github.com/tallyhq/tally/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
