package cli

import (
	"os"
	"path/filepath"
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

// TestReadmeMainCommand keeps the README's first command true: the
// examples it ingests are stored, and verification makes incidents of them
// for the UI to show, some with more than one source.
func TestReadmeMainCommand(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatalf("read README: %v", err)
	}
	first := regexp.MustCompile("(?s)```sh\n([^\n]*)\n").FindSubmatch(readme)
	if first == nil || !strings.Contains(string(first[1]), "./tally ingest examples && ./tally verify && ./tally serve") {
		t.Fatalf("README's first command is not ingest examples, verify, serve: %q", first)
	}
	db := filepath.Join(t.TempDir(), "tally.db")
	mustRun(t, "ingest", "--db", db, "--quiet", "../../examples")
	if n := len(nonEmptyLines(mustRun(t, "docs", "--db", db, "--format", "json", "--limit", "0"))); n != 11 {
		t.Errorf("%d example documents stored, want 11", n)
	}
	out := mustRun(t, "verify", "--db", db, "--format", "json")
	if !strings.Contains(out, `"grade":"contested"`) && !strings.Contains(out, `"grade":"corroborated"`) {
		t.Errorf("no incident of the examples has two sources:\n%.2000s", out)
	}
}
