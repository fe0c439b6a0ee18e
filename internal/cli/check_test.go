package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/testshared"
)

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func results(t *testing.T, out string) []claim.Result {
	t.Helper()
	var rs []claim.Result
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r claim.Result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line is not a JSON result: %v\n%s", err, line)
		}
		rs = append(rs, r)
	}
	return rs
}

const goodArticle = "date 2019-03-18 At least 19 people were killed on Sunday in Idlib, a monitor said.\n"

func TestCheckJSON(t *testing.T) {
	code, out, errOut := run(t, goodArticle, "check", "--format", "json", "-")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	rs := results(t, out)
	if len(rs) != 1 || len(rs[0].Claims) != 1 {
		t.Fatalf("got %+v", rs)
	}
	c := rs[0].Claims[0]
	if c.Kind != claim.Killed || c.Count.Low != 19 || c.Count.Qualifier != claim.AtLeast || c.Period == nil || c.Period.Start != "2019-03-17" {
		t.Errorf("claim %+v", c)
	}
	if goodArticle[c.Quote.Start:c.Quote.End] != c.Quote.Text {
		t.Errorf("quote offsets %d:%d do not slice %q", c.Quote.Start, c.Quote.End, c.Quote.Text)
	}
}

func TestCheckUsage(t *testing.T) {
	for _, args := range [][]string{
		{"check"},
		{"check", "--format", "xml", "a.txt"},
		{"check", "--published", "yesterday", "a.txt"},
		{"nosuchcommand"},
		{},
	} {
		if code, _, _ := run(t, "", args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, out, _ := run(t, "", "help"); code != exitOK || !strings.Contains(out, "check") {
		t.Errorf("help: exit %d, %q", code, out)
	}
	if code, out, _ := run(t, "", "version"); code != exitOK || !strings.HasPrefix(out, "tally ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

// TestCheckBadInput: each bad document gives a one-line error naming the
// file (and line), the good ones are still checked, and the exit status is 1.
func TestCheckBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte(goodArticle))
	bad := map[string][]byte{
		"empty.txt":       nil,
		"binary.txt":      {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0, 0, 0xff, 0xfe, 0},
		"broken.csv":      []byte("id,text\n1,\"Two people were killed.\"\n2,\"unterminated quote\n"),
		"number.jsonl":    []byte("{\"id\":\"a\",\"text\":\"Three people died.\"}\n{\"id\":\"b\",\"text\":42}\n{\"id\":\"c\",\"text\":\"Four people died.\"}\n"),
		"truncated.jsonl": []byte("{\"id\":\"a\",\"text\":\"Five people died.\"}\n{\"id\":\"b\",\"text\":\"Six peo"),
	}
	for name, data := range bad {
		t.Run(name, func(t *testing.T) {
			p := writeFile(t, dir, name, data)
			code, out, errOut := run(t, "", "check", "--format", "json", p, good)
			if code != exitFailed {
				t.Errorf("exit %d, want %d", code, exitFailed)
			}
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			for _, l := range lines {
				if !strings.Contains(l, name) {
					t.Errorf("error line does not name the file: %q", l)
				}
			}
			var checked int
			for _, r := range results(t, out) {
				if r.Error == nil {
					checked++
				}
			}
			if checked == 0 {
				t.Errorf("the good documents were not checked: %s", out)
			}
		})
	}
	t.Run("invalid UTF-8 is read, not refused", func(t *testing.T) {
		p := writeFile(t, dir, "latin1.txt", []byte("Seven people were killed in Hom\xe9s.\n"))
		code, out, errOut := run(t, "", "check", "--format", "json", p)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if rs := results(t, out); len(rs) != 1 || len(rs[0].Claims) != 1 {
			t.Errorf("got %s", out)
		}
	})
	t.Run("oversized", func(t *testing.T) {
		big := bytes.Repeat([]byte("Nothing happened here today. "), 60<<20/29+1)
		p := writeFile(t, dir, "big.txt", big)
		code, _, errOut := run(t, "", "check", p, good)
		if code != exitFailed || !strings.Contains(errOut, "big.txt") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
}

// TestCheckSeedText runs the text format over the founding case: the catch
// must be printed for a person.
func TestCheckSeedText(t *testing.T) {
	p := testshared.Path(t, "corpus/seed/sputnik-2018-04-07-raqqa-mines.txt")
	code, out, errOut := run(t, "", "check", p)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "headline_body_mismatch") || !strings.Contains(out, "about 5 a week over 26 weeks") {
		t.Errorf("the seed's catch is not in the text output:\n%s", out)
	}
}
