package records

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
	"github.com/tallyhq/tally/internal/testshared"
)

// sharedFiles are the real datasets of ../shared/data with what reading
// them must give: every row read, every province named mapped to a
// gazetteer admin1 (blank counts the rows that name none: UCDP's NA,
// VDC's Unknown, Other and blank).
var sharedFiles = []struct {
	path    string
	format  Format
	records int64
	blank   int
	victims map[claim.Victims]int
}{
	{"data/ucdp/ged-syria-2016-2019.csv", UCDP, 16566, 339,
		map[claim.Victims]int{claim.Civilians: 4796, claim.Combatants: 7473, claim.People: 4297}},
	{"data/vdc/vdc-regime-deaths-2011-2015.csv", List, 19239, 1925,
		map[claim.Victims]int{claim.Civilians: 1654, claim.Combatants: 10912, claim.People: 6673}},
}

// importFile imports path into st, as the CLI does, and reports what it did.
func importFile(t *testing.T, st *store.Store, path string) (store.ImportStats, *Reader, time.Duration) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := NewReader(f, filepath.Base(path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	stats, err := st.ImportRecords(context.Background(),
		store.RecordSet{Name: filepath.Base(path), Format: string(rd.Format()), File: path}, rd.All(),
		func(err error) { t.Errorf("unreadable: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	return stats, rd, time.Since(start)
}

func TestImportSharedData(t *testing.T) {
	testshared.SkipUnderRace(t)
	storetest.Each(t, func(t *testing.T, dsn string) {
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, c := range sharedFiles {
			path := testshared.Path(t, c.path)
			stats, rd, took := importFile(t, st, path)
			t.Logf("%s: %d rows read, %d new, %d already stored, %d unreadable in %v; admin1 blank %d, unmapped %v",
				filepath.Base(path), stats.Read, stats.New, stats.Stored, stats.Unreadable, took.Round(time.Millisecond), rd.Blank, rd.Unmapped)
			if rd.Format() != c.format {
				t.Errorf("format %q, want %q", rd.Format(), c.format)
			}
			if stats.Read != c.records || stats.New != c.records || stats.Unreadable != 0 || stats.Set.Rows != c.records {
				t.Errorf("first import: %+v, want %d new", stats, c.records)
			}
			if len(rd.Unmapped) > 0 || rd.Blank != c.blank {
				t.Errorf("admin1 unmapped %v, blank %d (want none unmapped, %d blank)", rd.Unmapped, rd.Blank, c.blank)
			}
			again, _, took := importFile(t, st, path)
			t.Logf("%s again: %d new, %d already stored in %v", filepath.Base(path), again.New, again.Stored, took.Round(time.Millisecond))
			if again.New != 0 || again.Stored != c.records || again.Set.Rows != c.records {
				t.Errorf("second import: %+v, want all %d already stored", again, c.records)
			}
			victims := map[claim.Victims]int{}
			for r, err := range st.Records(context.Background(), store.RecordFilter{SetID: stats.Set.ID}) {
				if err != nil {
					t.Fatal(err)
				}
				victims[r.Victims]++
			}
			for v, n := range c.victims {
				if victims[v] != n {
					t.Errorf("%s records: %d, want %d", v, victims[v], n)
				}
			}
		}
	})
}
