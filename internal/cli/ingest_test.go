package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/export"
	"github.com/tallyhq/tally/internal/store/storetest"
	"github.com/tallyhq/tally/internal/testshared"
)

// TestIngestTwice: the same input again, even by another path (the
// folder), stores nothing new.
func TestIngestTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ingestFixtures(t, dsn)
		out := mustRun(t, "ingest", "--db", dsn, "--quiet", "testdata")
		if !strings.Contains(out, "8 documents read: 0 new, 8 already stored, 0 failed; 0 claims stored") {
			t.Errorf("second ingest said %q", out)
		}
		if n := len(nonEmptyLines(mustRun(t, "docs", "--db", dsn, "--format", "json", "--limit", "0"))); n != 8 {
			t.Errorf("%d documents stored, want 8", n)
		}
		if n := len(nonEmptyLines(mustRun(t, "claims", "--db", dsn, "--format", "json", "--hypothetical"))); n != allClaims {
			t.Errorf("%d claims stored, want %d", n, allClaims)
		}
	})
}

// TestIngestBadInput: each bad input gives a line on stderr naming it,
// the good documents are stored, and the exit status is 1.
func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte(goodArticle))
	for name, data := range map[string][]byte{
		"empty.txt":    nil,
		"binary.txt":   {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0, 0, 0xff, 0xfe, 0},
		"broken.jsonl": []byte("{\"id\":\"a\",\"text\":\"Three people were killed in Homs on Monday.\"}\n{\"id\":\"b\",\"text\":42}\n{\"id\":\"c\",\"text\":\"Four people were killed in Hama on Monday.\"}\n"),
		"missing.txt":  nil, // not written
	} {
		t.Run(name, func(t *testing.T) {
			db := storetest.SQLite(t)
			bad := filepath.Join(dir, name)
			if name != "missing.txt" {
				bad = writeFile(t, dir, name, data)
			}
			code, out, errOut := run(t, "", "ingest", "--db", db, "--quiet", good, bad)
			if code != exitFailed {
				t.Errorf("exit %d, want %d; stderr %s", code, exitFailed, errOut)
			}
			for _, l := range nonEmptyLines(errOut) {
				if !strings.Contains(l, name) {
					t.Errorf("error line does not name the file: %q", l)
				}
			}
			if len(nonEmptyLines(errOut)) == 0 {
				t.Error("no error line")
			}
			wantNew := 1
			if name == "broken.jsonl" {
				wantNew = 3 // the good file and the two good lines
			}
			ds := docLines(t, mustRun(t, "docs", "--db", db, "--format", "json"))
			if len(ds) != wantNew || !strings.Contains(out, " 1 failed;") {
				t.Errorf("%d documents stored, want %d; ingest said %q", len(ds), wantNew, out)
			}
		})
	}
}

// TestIngestBadInputAlone: a run whose only input fails is a failed run,
// however the writer's batches fell.
func TestIngestBadInputAlone(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.txt", nil)
	code, out, errOut := run(t, "", "ingest", "--db", storetest.SQLite(t), "--quiet", empty)
	if code != exitFailed || !strings.Contains(out, " 1 failed;") || !strings.Contains(errOut, "empty.txt") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and 1 failed", code, out, errOut)
	}
}

func TestIngestDBFromEnvironment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Setenv("TALLY_DB", dsn)
		out := mustRun(t, "ingest", "--quiet", "testdata/articles.jsonl")
		if !strings.Contains(out, "7 new") {
			t.Fatalf("ingest said %q", out)
		}
		if ds := docLines(t, mustRun(t, "docs", "--format", "json")); len(ds) != 7 {
			t.Errorf("docs from $TALLY_DB: %d documents", len(ds))
		}
		if n := len(nonEmptyLines(mustRun(t, "claims", "--format", "json", "--kind", "injured"))); n != 2 {
			t.Errorf("claims from $TALLY_DB: %d injured claims, want 2", n)
		}
		// --db wins over the environment.
		other := storetest.SQLite(t)
		mustRun(t, "ingest", "--db", other, "--quiet", "testdata/deir-ez-zor.txt")
		if ds := docLines(t, mustRun(t, "docs", "--db", other, "--format", "json")); len(ds) != 1 {
			t.Errorf("--db %s holds %d documents, want 1", other, len(ds))
		}
		if ds := docLines(t, mustRun(t, "docs", "--format", "json")); len(ds) != 7 {
			t.Errorf("$TALLY_DB holds %d documents, want 7", len(ds))
		}
	})
}

// TestIngestFillsIn: --published and --source fill in what a document
// lacks, and stdin is read for -.
func TestIngestFillsIn(t *testing.T) {
	db := storetest.SQLite(t)
	code, out, errOut := run(t, "Shelling killed 6 civilians in Homs on Monday, a monitor said.\n",
		"ingest", "--db", db, "--published", "2020-01-08", "--source", "Flag Outlet", "-")
	if code != exitOK || !strings.Contains(out, "1 new") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	ds := docLines(t, mustRun(t, "docs", "--db", db, "--format", "json"))
	if len(ds) != 1 || ds[0].Published != "2020-01-08" || ds[0].Source != "Flag Outlet" || ds[0].Claims != 1 {
		t.Errorf("stored %+v", ds)
	}
	var c export.JSONClaim
	if err := json.Unmarshal([]byte(mustRun(t, "claims", "--db", db, "--format", "json")), &c); err != nil {
		t.Fatal(err)
	}
	if c.Period == nil || c.Period.Start != "2020-01-06" {
		t.Errorf("\"on Monday\" before 2020-01-08: period %+v", c.Period)
	}
}

// TestIngestSeed: the founding case's 130 killed in Raqqa, with its
// period, is found by place and kind.
func TestIngestSeed(t *testing.T) {
	seed := testshared.Path(t, "corpus/seed")
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, "ingest", "--db", dsn, "--quiet", seed)
		out := mustRun(t, "claims", "--db", dsn, "--place", "Raqqa", "--kind", "killed", "--format", "json")
		found := false
		for _, line := range nonEmptyLines(out) {
			var c export.JSONClaim
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				t.Fatal(err)
			}
			if c.Kind != "killed" {
				t.Errorf("--kind killed gave %s", line)
			}
			if c.Count != nil && c.Count.Value != nil && *c.Count.Value == 130 {
				found = true
				if c.Period == nil || c.Period.Start != "2017-10-01" || c.Period.End != "2018-03-31" {
					t.Errorf("the 130 killed have period %+v, want 2017-10-01..2018-03-31", c.Period)
				}
				if c.Document.Published != "2018-04-07" || c.Place == nil || c.Place.Admin1 == nil || *c.Place.Admin1 != "Ar-Raqqah" {
					t.Errorf("the 130 killed: %s", line)
				}
			}
		}
		if !found {
			t.Errorf("claims --place Raqqa --kind killed lacks the 130 killed:\n%s", out)
		}
	})
}
