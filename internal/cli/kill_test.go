package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// A generated corpus: short distinct reports, each a casualty sentence
// (its numbers, town, governorate and day varied) after a sentence of
// made-up words. The made-up words keep any two reports from looking like
// copies of one story, as distinct stories are, so that report grouping
// compares each with few others.
var genTowns = []struct{ town, gov string }{
	{"Maarat al-Numan", "Idlib"}, {"Saraqib", "Idlib"}, {"Douma", "Rural Damascus"}, {"Raqqa", "Raqqa"},
	{"Mayadin", "Deir ez-Zor"}, {"Daraa", "Daraa"}, {"Talbiseh", "Homs"}, {"Hama", "Hama"}, {"Aleppo", "Aleppo"},
	{"Jableh", "Latakia"}, {"Manbij", "Aleppo"}, {"Qamishli", "Hasakah"}, {"Sweida", "Sweida"}, {"Khan Arnabah", "Quneitra"},
}

var genTemplates = []string{
	"%[1]d civilians were killed and %[2]d wounded in %[4]s, %[5]s, on %[3]s.",
	"Shelling killed %[1]d people in %[4]s on %[3]s and injured %[2]d.",
	"A car bomb in %[4]s, %[5]s, killed %[1]d people on %[3]s and wounded %[2]d.",
	"%[1]d fighters died and %[2]d were injured near %[4]s on %[3]s.",
}

var genSyllables = []string{"ka", "lo", "mi", "ren", "tu", "sa", "vel", "do", "ni", "pra", "ost", "le", "mur", "chi", "ba", "zet", "ko", "ran", "fi", "gu"}

// writeCorpus writes documents first..first+n-1 of the generated corpus
// as JSON Lines; document i is the same in every call.
func writeCorpus(t testing.TB, path string, first, n int) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	base := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := first; i < first+n; i++ {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		words := make([]string, 24)
		for j := range words {
			for range 3 {
				words[j] += genSyllables[r.IntN(len(genSyllables))]
			}
		}
		words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
		pub := base.AddDate(0, 0, i%1500)
		p := genTowns[(i/7)%len(genTowns)]
		// (2+i%100, 2+i/100) differs for every i below 10,000, and the
		// made-up words for every i.
		figures := fmt.Sprintf(genTemplates[i%len(genTemplates)], 2+i%100, 2+i/100, pub.AddDate(0, 0, -1).Weekday(), p.town, p.gov)
		_ = enc.Encode(map[string]string{
			"id": fmt.Sprintf("gen-%05d", i), "published": pub.Format(time.DateOnly), "source": "Generated Wire",
			"text": strings.Join(words, " ") + ". " + figures,
		})
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// expected is what checking a document gives.
type expected struct{ claims, flags int }

// expectations checks every document of the files, in parallel, and keys
// the counts by document key.
func expectations(t testing.TB, paths ...string) map[string]expected {
	t.Helper()
	var docs []*document.Document
	for _, p := range paths {
		for d, err := range document.ReadPath(p, document.Options{}) {
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
	}
	want := make(map[string]expected, len(docs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan *document.Document)
	for range 4 {
		wg.Go(func() {
			for d := range next {
				res := extract.Check(d)
				mu.Lock()
				want[d.Key()] = expected{len(res.Claims), len(res.Flags)}
				mu.Unlock()
			}
		})
	}
	for _, d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
	return want
}

// tallyProcess starts the test binary as tally (see TestMain).
func tallyProcess(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), testMainEnv+"=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out, &errOut
}

// storedCount counts the stored documents without opening the store
// through store.Open (which would migrate): 0 until the schema is there.
func storedCount(db *sql.DB) int {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0
	}
	return n
}

func rawDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, src := "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)&mode=ro"
	if store.IsPostgres(dsn) {
		driver, src = "pgx", dsn
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// checkStored checks that every stored document is one of want with all
// its claims and flags, and none is stored twice; it returns how many
// documents are stored.
func checkStored(t *testing.T, dsn string, want map[string]expected) int {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	defer st.Close()
	seen := map[string]bool{}
	var claims, flags int64
	for d, err := range st.Documents(ctx, store.DocFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		w, ok := want[d.Key]
		switch {
		case !ok:
			t.Fatalf("document %d (%s) was never ingested", d.ID, d.ExtID)
		case seen[d.Key]:
			t.Fatalf("document %s is stored twice", d.ExtID)
		case d.Claims != w.claims:
			t.Fatalf("document %s is stored with %d claims, checking it gives %d", d.ExtID, d.Claims, w.claims)
		}
		seen[d.Key] = true
		claims += int64(w.claims)
		flags += int64(w.flags)
	}
	c, err := st.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != int64(len(seen)) || c.Claims != claims || c.Flags != flags {
		t.Fatalf("the store counts %+v; its documents should have %d claims and %d flags", c, claims, flags)
	}
	return len(seen)
}

// pgKillDocs bounds the SIGKILL test's corpus on PostgreSQL.
const pgKillDocs = 1000

var summary = regexp.MustCompile(`(\d+) documents read: (\d+) new, (\d+) already stored, (\d+) failed`)

// TestIngestSurvivesSIGKILL kills an ingest midway with SIGKILL, checks
// that every document stored is whole, runs the same ingest again and
// finds every document exactly once with all its claims.
//
// The issue asks for 10,000 documents. Under the race detector the
// SQLite driver (C translated to Go) stores some 10 documents a second on
// a small machine, so there the test ingests killDocsRace instead: more
// than one batch (256 documents at most), so that the kill, which comes
// as soon as a first batch is seen stored, always comes before the last.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	n := 10000
	if raceEnabled {
		n = killDocsRace
	}
	if testing.Short() {
		n = min(n, 500)
	}
	corpus := filepath.Join(t.TempDir(), "generated.jsonl")
	writeCorpus(t, corpus, 0, n)
	want := expectations(t, corpus)
	if len(want) != n {
		t.Fatalf("the generated documents are not distinct: %d keys for %d documents", len(want), n)
	}
	all := n
	storetest.Each(t, func(t *testing.T, dsn string) {
		corpus, n := corpus, all
		if store.IsPostgres(dsn) && n > pgKillDocs {
			// PostgreSQL stores some 50 documents a second here, one
			// round trip a row: the first pgKillDocs documents.
			n = pgKillDocs
			corpus = filepath.Join(t.TempDir(), "first.jsonl")
			writeCorpus(t, corpus, 0, n)
		}
		cmd, out, errOut := tallyProcess(t, "ingest", "--db", dsn, "--quiet", corpus)
		db := rawDB(t, dsn)
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Kill it once some batch is stored, before the last.
		var killedAt int
	poll:
		for {
			select {
			case err := <-exited:
				t.Fatalf("ingest exited (%v) before it could be killed, with %d of %d documents stored; stdout %s stderr %s",
					err, storedCount(db), n, out, errOut)
			default:
			}
			if killedAt = storedCount(db); killedAt > 0 {
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				break poll
			}
			time.Sleep(2 * time.Millisecond)
		}
		<-exited
		if code := cmd.ProcessState.ExitCode(); code != -1 {
			t.Fatalf("ingest was not killed but exited %d; stdout %s stderr %s", code, out, errOut)
		}
		stored := checkStored(t, dsn, want)
		if stored == n {
			t.Fatalf("ingest stored all %d documents before it was killed", n)
		}
		t.Logf("killed with %d documents stored (%d seen before the kill)", stored, killedAt)

		// Again, to the end.
		code, stdout, stderr := run(t, "", "ingest", "--db", dsn, "--quiet", corpus)
		if code != exitOK {
			t.Fatalf("second ingest: exit %d\n%s", code, stderr)
		}
		m := summary.FindStringSubmatch(stdout)
		if m == nil || m[1] != strconv.Itoa(n) || m[3] != strconv.Itoa(stored) || m[4] != "0" {
			t.Errorf("second ingest said %q; want %d read, %d already stored", stdout, n, stored)
		}
		if got := checkStored(t, dsn, want); got != n {
			t.Errorf("%d documents stored, want %d", got, n)
		}
	})
}

// TestConcurrentIngestAndQueries runs two ingests of overlapping inputs
// into one store at once, in two processes, while a loop queries it: no
// command fails (no "database is locked"), every document is stored once
// and each process stores only what the other did not.
func TestConcurrentIngestAndQueries(t *testing.T) {
	const each, overlap = 60, 20
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	writeCorpus(t, a, 20000, each)
	writeCorpus(t, b, 20000+each-overlap, each)
	want := expectations(t, a, b)
	if len(want) != 2*each-overlap {
		t.Fatalf("%d distinct documents, want %d", len(want), 2*each-overlap)
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		// The store exists before the writers start: two processes
		// creating one SQLite file's schema at once is another matter.
		mustRun(t, "docs", "--db", dsn)
		type proc struct {
			cmd         *exec.Cmd
			out, errOut *bytes.Buffer
		}
		var procs []proc
		for _, in := range []string{a, b} {
			cmd, out, errOut := tallyProcess(t, "ingest", "--db", dsn, "--quiet", "--workers", "1", in)
			procs = append(procs, proc{cmd, out, errOut})
		}
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			for _, p := range procs {
				_ = p.cmd.Wait()
			}
			close(done)
		})
		queries := 0
		for stop := false; !stop; {
			select {
			case <-done:
				stop = true
			default:
			}
			for _, args := range [][]string{
				{"claims", "--db", dsn, "--format", "json", "--limit", "20"},
				{"claims", "--db", dsn, "--format", "csv", "--admin1", "Idlib", "--kind", "killed"},
				{"docs", "--db", dsn, "--q", "killed", "--limit", "5"},
			} {
				code, _, errOut := run(t, "", args...)
				if code != exitOK || errOut != "" {
					t.Fatalf("%s while two ingests ran: exit %d, %s", strings.Join(args, " "), code, errOut)
				}
				queries++
			}
		}
		wg.Wait()
		newDocs := 0
		for i, p := range procs {
			if code := p.cmd.ProcessState.ExitCode(); code != 0 || p.errOut.Len() > 0 {
				t.Fatalf("ingest %d: exit %d, stderr %s", i, code, p.errOut)
			}
			m := summary.FindStringSubmatch(p.out.String())
			if m == nil || m[1] != strconv.Itoa(each) {
				t.Fatalf("ingest %d said %q", i, p.out)
			}
			k, _ := strconv.Atoi(m[2])
			newDocs += k
		}
		if newDocs != len(want) {
			t.Errorf("the two ingests stored %d new documents between them, want %d", newDocs, len(want))
		}
		if got := checkStored(t, dsn, want); got != len(want) {
			t.Errorf("%d documents stored, want %d", got, len(want))
		}
		t.Logf("%d queries ran during the ingests", queries)
	})
}
