package cli

import (
	"os"
	"testing"
)

// testMainEnv set to 1 makes the test binary run as tally itself: the
// tests that need a real process (to kill it, or to run two at once) start
// os.Args[0] with it, so no go build is needed.
const testMainEnv = "TALLY_CLI_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(testMainEnv) == "1" {
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
