package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeExample keeps the README's worked example true: the sentence it
// echoes, checked with the flags it shows, prints exactly the claims it
// shows.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatalf("read README: %v", err)
	}
	text := string(readme)
	m := regexp.MustCompile(`(?s)echo '([^']+)' \\\n\s*\| go run ./cmd/tally check ([^\n]*) -\n` + "```" + `.*?` + "```\n(.*?)```").FindStringSubmatch(text)
	if m == nil {
		t.Fatal("README has no worked example of the form: echo '...' | go run ./cmd/tally check FLAGS -, then its output")
	}
	args := append([]string{"check"}, strings.Fields(m[2])...)
	args = append(args, "-")
	code, out, errOut := run(t, m[1]+"\n", args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.TrimSpace(out) != strings.TrimSpace(m[3]) {
		t.Errorf("README example output is stale.\nREADME:\n%s\ntally prints:\n%s", m[3], out)
	}
}
