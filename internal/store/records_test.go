package store_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// testRecords are five documented events and one unreadable row.
func testRecords() iter.Seq2[store.Record, error] {
	rec := func(line int, start, end, admin1 string, best int64) store.Record {
		return store.Record{Line: line, Key: fmt.Sprintf("k%d", line), DateStart: start, DateEnd: end,
			Country: "SY", Admin1: admin1, Admin1Raw: admin1 + " Governorate", Place: "somewhere",
			Lat: flt(36.2), Lon: flt(37.1), WherePrec: num(1), Civilians: num(best), Combatants: num(0),
			Low: best, Best: best, High: best + 1, Victims: claim.Civilians, Cause: claim.Shelling,
			CauseText: "Shelling", Source: "a headline"}
	}
	return func(yield func(store.Record, error) bool) {
		for _, r := range []store.Record{
			rec(2, "2016-01-01", "2016-01-01", "Aleppo", 4),
			rec(3, "2016-01-05", "2016-01-07", "Aleppo", 2),
			rec(4, "2016-02-01", "2016-02-01", "Idlib", 7),
			rec(6, "2015-12-30", "2016-01-02", "Aleppo", 1),
			{Line: 7, Key: "k7", Country: "SY", Low: 1, Best: 1, High: 1, Victims: claim.People, Cause: claim.UnknownCause}, // undated
		} {
			if !yield(r, nil) {
				return
			}
			if r.Line == 4 && !yield(store.Record{}, errors.New("t.csv:5: date_start \"x\" is not a date")) {
				return
			}
		}
	}
}

func recordLines(t *testing.T, s *store.Store, f store.RecordFilter) []int {
	t.Helper()
	var out []int
	for r, err := range s.Records(context.Background(), f) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Line)
	}
	slices.Sort(out)
	return out
}

func TestImportRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		var reported []string
		report := func(err error) { reported = append(reported, err.Error()) }
		set := store.RecordSet{Name: "test", Format: "ucdp", File: "t.csv"}
		st, err := s.ImportRecords(ctx, set, testRecords(), report)
		if err != nil {
			t.Fatal(err)
		}
		if st.Read != 6 || st.New != 5 || st.Stored != 0 || st.Unreadable != 1 || len(reported) != 1 {
			t.Errorf("first import: %+v, reported %q", st, reported)
		}
		want := store.RecordSet{ID: st.Set.ID, Name: "test", Format: "ucdp", File: "t.csv", Rows: 5, DateMin: "2015-12-30", DateMax: "2016-02-01"}
		got := st.Set
		got.ImportedAt = ""
		if got != want {
			t.Errorf("set = %+v, want %+v", got, want)
		}
		// Again, from another file of the same name: nothing new.
		set.File = "copy/t.csv"
		st, err = s.ImportRecords(ctx, set, testRecords(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Read != 6 || st.New != 0 || st.Stored != 5 || st.Unreadable != 1 || st.Set.Rows != 5 || st.Set.File != "copy/t.csv" {
			t.Errorf("second import: %+v", st)
		}
		// Another set holds its own copy.
		if st, err := s.ImportRecords(ctx, store.RecordSet{Name: "other", Format: "list", File: "o.csv"}, testRecords(), nil); err != nil || st.New != 5 {
			t.Fatalf("other set: %+v, %v", st, err)
		}
		sets, err := s.RecordSets(ctx)
		if err != nil || len(sets) != 2 || sets[0].Name != "other" || sets[1].Name != "test" {
			t.Fatalf("sets = %+v, %v", sets, err)
		}

		for _, c := range []struct {
			name string
			f    store.RecordFilter
			want []int
		}{
			{"set", store.RecordFilter{Set: "test"}, []int{2, 3, 4, 6, 7}},
			{"set id", store.RecordFilter{SetID: sets[0].ID, Admin1: "Idlib"}, []int{4}},
			{"admin1", store.RecordFilter{Set: "test", Country: "SY", Admin1: "Aleppo"}, []int{2, 3, 6}},
			{"overlap", store.RecordFilter{Set: "test", From: "2016-01-02", To: "2016-01-05"}, []int{3, 6}},
			{"from", store.RecordFilter{Set: "test", From: "2016-01-06"}, []int{3, 4}},
			{"to", store.RecordFilter{Set: "test", To: "2015-12-31"}, []int{6}},
			{"country", store.RecordFilter{Set: "test", Country: "IQ"}, nil},
			{"no such set", store.RecordFilter{Set: "nope"}, nil},
			{"limit", store.RecordFilter{Set: "test", Limit: 2}, []int{2, 3}},
		} {
			if got := recordLines(t, s, c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s: lines %v, want %v", c.name, got, c.want)
			}
		}

		// A record comes back as it went in.
		for r, err := range s.Records(ctx, store.RecordFilter{Set: "test", Limit: 1}) {
			if err != nil {
				t.Fatal(err)
			}
			if r.Key != "k2" || r.Admin1Raw != "Aleppo Governorate" || *r.Lat != 36.2 || *r.WherePrec != 1 || *r.Civilians != 4 ||
				r.Unknown != nil || r.High != 5 || r.Victims != claim.Civilians || r.Cause != claim.Shelling || r.Source != "a headline" {
				t.Errorf("record = %+v", r)
			}
		}
	})
}

func TestImportRecordsNeedsAName(t *testing.T) {
	s := open(t, storetest.SQLite(t))
	if _, err := s.ImportRecords(context.Background(), store.RecordSet{}, testRecords(), nil); err == nil {
		t.Error("imported into a set without a name")
	}
}

// An import of more records than one multi-row insert holds uses the
// statement prepared for full inserts, within the store's write
// transactions.
func TestImportManyRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		const n = 1234
		recs := func(yield func(store.Record, error) bool) {
			for i := range n {
				r := store.Record{Line: i + 2, Key: fmt.Sprintf("many%d", i), DateStart: "2016-01-01", DateEnd: "2016-01-01",
					Country: "SY", Low: 1, Best: 1, High: 1, Victims: claim.People, Cause: claim.UnknownCause}
				if !yield(r, nil) {
					return
				}
			}
		}
		st, err := s.ImportRecords(ctx, store.RecordSet{Name: "many", Format: "ucdp", File: "m.csv"}, recs, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Read != n || st.New != n {
			t.Errorf("import: %+v, want %d read and new", st, n)
		}
	})
}
