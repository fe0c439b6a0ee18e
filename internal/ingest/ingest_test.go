package ingest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract"
	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
	"github.com/tallyhq/tally/internal/testshared"
)

func open(t *testing.T, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func run(t *testing.T, s *store.Store, inputs ...string) ingest.Stats {
	t.Helper()
	stats, err := ingest.Run(context.Background(), s, inputs, ingest.Options{Batch: 64,
		Errors: func(err error) { t.Logf("input error: %v", err) }})
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

// The same story in three outlets' wording is one report group; another
// story from the same place and days is another.
func TestThreeOutletsOneReportGroup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		run(t, s, "testdata/three-outlets.jsonl")
		d, err := s.Document(context.Background(), "wire-1")
		if err != nil {
			t.Fatal(err)
		}
		var outlets []string
		for _, c := range d.Copies {
			outlets = append(outlets, c.Source)
		}
		slices.Sort(outlets)
		if !slices.Equal(outlets, []string{"Daily Paper", "News Site"}) {
			t.Errorf("copies of wire-1: %v, want Daily Paper and News Site", outlets)
		}
		other, err := s.Document(context.Background(), "other-4")
		if err != nil {
			t.Fatal(err)
		}
		if other.Group == d.Group || len(other.Copies) != 0 {
			t.Errorf("a different story joined the group: %+v", other.Copies)
		}
	})
}

// Ingesting fakes-dev twice stores it once, with exactly the claims that
// checking each article gives; re-extraction changes nothing.
func TestIngestFakesDevTwice(t *testing.T) {
	testshared.SkipUnderRace(t)
	csv := testshared.Path(t, "corpus/fakes-dev/fakes-dev.csv")
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		first := run(t, s, csv)
		counts, err := s.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if first.New == 0 || int64(first.New) != counts.Documents || int64(first.Claims) != counts.Claims {
			t.Fatalf("first run %+v, store %+v", first, counts)
		}
		second := run(t, s, csv)
		if second.New != 0 || second.Duplicates != first.Read {
			t.Errorf("second run %+v, want all %d duplicates", second, first.Read)
		}
		if again, _ := s.Count(ctx); again != counts {
			t.Errorf("counts after the second run %+v, want %+v", again, counts)
		}
		t.Logf("%d documents, %d claims, %d flags, %d report groups", counts.Documents, counts.Claims, counts.Flags, counts.Groups)

		// Every stored document has the claims checking it gives.
		for d, err := range document.ReadPath(csv, document.Options{}) {
			if err != nil {
				continue
			}
			want := extract.Check(d)
			got, err := s.Document(ctx, d.Key()[:16])
			if err != nil {
				t.Fatalf("%s: %v", d.Origin, err)
			}
			if len(got.Claims) != len(want.Claims) || len(got.Flags) != len(want.Flags) {
				t.Fatalf("%s: stored %d claims and %d flags, check gives %d and %d", d.Origin,
					len(got.Claims), len(got.Flags), len(want.Claims), len(want.Flags))
			}
			for i := range want.Claims {
				a, _ := json.Marshal(got.Claims[i].Claim)
				b, _ := json.Marshal(want.Claims[i])
				if string(a) != string(b) {
					t.Fatalf("%s: stored claim\n%s\nchecked\n%s", d.Origin, a, b)
				}
			}
		}

		rs, err := ingest.Reextract(ctx, s, true, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if int64(rs.Documents) != counts.Documents || int64(rs.Claims) != counts.Claims || rs.Failed != 0 {
			t.Errorf("reextract %+v, store had %+v", rs, counts)
		}
		if again, _ := s.Count(ctx); again != counts {
			t.Errorf("counts after reextract %+v, want %+v", again, counts)
		}
		if rs, err := ingest.Reextract(ctx, s, false, ingest.Options{}); err != nil || rs.Documents != 0 {
			t.Errorf("reextract of an up-to-date store: %+v, %v", rs, err)
		}
	})
}

// `tally ingest -` from a pipe stores each JSON Lines document as its line
// comes: the next line is written only once the store holds the one before,
// and the pipe stays open meanwhile.
func TestIngestStreamsJSONLinesFromAPipe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		pr, pw := io.Pipe()
		progress := make(chan ingest.Stats, 16)
		done := make(chan error, 1)
		go func() {
			_, err := ingest.Run(context.Background(), s, []string{"-"}, ingest.Options{Stdin: pr,
				Progress: func(st ingest.Stats) { progress <- st }})
			done <- err
		}()
		lines := []string{
			`{"id": "p1", "title": "Shelling in Douma", "text": "Shelling killed 3 people in Douma on Monday, activists said."}`,
			`{"id": "p2", "title": "Strike on Idlib", "text": "An air strike killed 5 civilians in Idlib on Tuesday, the monitor said."}`,
			`{"id": "p3", "title": "Clashes near Aleppo", "text": "Clashes near Aleppo left 12 fighters dead, state media said."}`,
		}
		for i, line := range lines {
			if _, err := pw.Write([]byte(line + "\n")); err != nil {
				t.Fatal(err)
			}
			// Wait, however long it takes, for this line's document.
			for st := range progress {
				if st.New == i+1 {
					break
				}
			}
			if _, err := s.Document(context.Background(), fmt.Sprint("p", i+1)); err != nil {
				t.Fatalf("line %d stored, yet: %v", i+1, err)
			}
		}
		pw.Close()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}
