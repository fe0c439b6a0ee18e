package store_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// sameClaimRows checks that ClaimRows gives what Claims gives for f: the
// same claims in the same order, each read from its row as Claims reads
// it from its columns, whether the reader knows no row or every row.
func sameClaimRows(t *testing.T, s *store.Store, f store.ClaimFilter) int {
	t.Helper()
	ctx := context.Background()
	var want []store.StoredClaim
	for c, err := range s.Claims(ctx, f) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, c)
	}
	var got []store.StoredClaim
	rows := map[int64]string{}
	for r, err := range s.ClaimRows(ctx, f, func(string) bool { return false }) {
		if err != nil {
			t.Fatal(err)
		}
		if r.Claim == nil {
			t.Fatalf("claim %d: not read though the reader knows no row", r.RowID)
		}
		got = append(got, *r.Claim)
		rows[r.RowID] = r.Row
	}
	if len(got) != len(want) {
		t.Fatalf("%+v: %d claims by row, %d by column", f, len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.Marshal(got[i])
			w, _ := json.Marshal(want[i])
			t.Fatalf("%+v: claim %d read from its row:\n%s\nfrom its columns:\n%s", f, i, g, w)
		}
	}
	// A reader that knows every row is given no claim to read but the
	// reviewed ones, and the same rows.
	i := 0
	for r, err := range s.ClaimRows(ctx, f, func(string) bool { return true }) {
		if err != nil {
			t.Fatal(err)
		}
		if r.RowID != want[i].RowID || r.Row != rows[r.RowID] {
			t.Fatalf("%+v: row %d is claim %d, %q; want %d, %q", f, i, r.RowID, r.Row, want[i].RowID, rows[want[i].RowID])
		}
		// PostgreSQL's rows are empty and always read.
		if read := r.Row == "" || want[i].Review != nil; (r.Claim != nil) != read {
			t.Errorf("claim %d: read %v, want %v", r.RowID, r.Claim != nil, read)
		}
		i++
	}
	if i != len(want) {
		t.Fatalf("%+v: %d known rows, want %d", f, i, len(want))
	}
	return len(want)
}

func TestClaimRowsReadAsClaims(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		docs := testDocs()
		c := &docs[0].Claims[0]
		c.Rate = str("week")
		c.Period = &claim.Period{Start: "2017-10-01", End: "2018-03-31", Precision: claim.Month, Text: "From October 2017"}
		c.Actor = &claim.Actor{Text: "the coalition", Name: "US-led coalition"}
		c.InHeadline = true
		// Coordinates that take all 17 digits, text that JSON escapes.
		c.Place.Lat, c.Place.Lon = flt(math.Nextafter(36.2, 37)), flt(-0.1-0.2)
		c.Quote.Text = "Air \"strikes\" <b>killed</b> 12\tcivilians \u2028 in Aleppo \\ é"
		docs[1].Claims[0].Hypothetical = true
		if _, err := s.Save(ctx, docs, nil); err != nil {
			t.Fatal(err)
		}
		all := func() []store.StoredClaim {
			var out []store.StoredClaim
			for c, err := range s.Claims(ctx, store.ClaimFilter{Hypothetical: true}) {
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, c)
			}
			return out
		}
		cs := all()
		// A correction and a rejection: the filters look again at
		// reviewed claims, read from their rows.
		for _, c := range cs {
			switch {
			case c.DocExtID == "three":
				if _, err := s.AddReview(ctx, c, store.Correct, json.RawMessage(`{"victims": "children"}`), "amal", "the text says children"); err != nil {
					t.Fatal(err)
				}
			case c.DocExtID == "one" && c.ID == "c2":
				if _, err := s.AddReview(ctx, c, store.Reject, nil, "amal", "not a figure"); err != nil {
					t.Fatal(err)
				}
			case c.DocExtID == "one":
				if _, err := s.AddReview(ctx, c, store.Accept, nil, "amal", ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, f := range []store.ClaimFilter{
			{},
			{Hypothetical: true, Rejected: true},
			{Victims: []claim.Victims{claim.Civilians}},
			{Victims: []claim.Victims{claim.Children}},
			{Admin1: "Aleppo", Kinds: []claim.Kind{claim.Killed}},
			{From: "2018-04-01", To: "2018-04-30"},
			{From: "2019-01-01"},
			{Text: "strikes"},
			{Limit: 1},
			{Limit: 1, Before: cs[0].RowID},
			{DocID: cs[len(cs)-1].DocID, Hypothetical: true, Rejected: true},
			{Unreviewed: true, Hypothetical: true},
		} {
			sameClaimRows(t, s, f)
		}
		for _, f := range []store.DocFilter{
			{}, {Limit: 1}, {Text: "aleppo"}, {Outlet: "sana"}, {Admin1: "Aleppo"}, {From: "2018-04-01", To: "2018-04-30"},
			{Group: cs[0].Group}, {Before: cs[0].DocID},
		} {
			sameDocRows(t, s, f)
		}
	})
}

// sameDocRows checks that DocRows gives what Documents gives for f, as
// sameClaimRows checks ClaimRows.
func sameDocRows(t *testing.T, s *store.Store, f store.DocFilter) int {
	t.Helper()
	ctx := context.Background()
	var want []store.DocSummary
	for d, err := range s.Documents(ctx, f) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, d)
	}
	rows := map[int64]string{}
	i := 0
	for r, err := range s.DocRows(ctx, f, func(string) bool { return false }) {
		if err != nil {
			t.Fatal(err)
		}
		if i >= len(want) || r.Doc == nil || !reflect.DeepEqual(*r.Doc, want[i]) {
			t.Fatalf("%+v: document %d read from its row: %+v, want %+v", f, i, r.Doc, want[min(i, len(want)-1)])
		}
		rows[r.ID] = r.Row
		i++
	}
	if i != len(want) {
		t.Fatalf("%+v: %d documents by row, %d by column", f, i, len(want))
	}
	i = 0
	for r, err := range s.DocRows(ctx, f, func(string) bool { return true }) {
		if err != nil {
			t.Fatal(err)
		}
		if r.ID != want[i].ID || r.Row != rows[r.ID] || (r.Doc != nil) != (r.Row == "") {
			t.Fatalf("%+v: known row %d: %d %q read %v", f, i, r.ID, r.Row, r.Doc != nil)
		}
		i++
	}
	if i != len(want) {
		t.Fatalf("%+v: %d known rows, want %d", f, i, len(want))
	}
	return len(want)
}

// TestClaimRowsOfABenchStore compares ClaimRows and Claims, DocRows and
// Documents, over every claim and document of the store
// TALLY_SERVE_BENCH_DB names (bench/serve.sh's), which real extraction
// made: every shape of value a claim takes.
func TestClaimRowsOfABenchStore(t *testing.T) {
	dsn := os.Getenv("TALLY_SERVE_BENCH_DB")
	if dsn == "" {
		t.Skip("TALLY_SERVE_BENCH_DB names no store")
	}
	s := open(t, dsn)
	n := sameClaimRows(t, s, store.ClaimFilter{Hypothetical: true, Rejected: true})
	t.Logf("%d claims read alike", n)
	n = sameDocRows(t, s, store.DocFilter{})
	t.Logf("%d documents read alike", n)
}

// TestEdits: appends leave the count of edits as it is; a review, a
// re-extraction (claims deleted, the document changed) each add to it.
func TestEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		edits := func() int64 {
			t.Helper()
			n, err := s.Edits(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		docs := testDocs()
		n := edits()
		for _, step := range []struct {
			name  string
			write func() error
			edit  bool
		}{
			{"ingest", func() error { _, err := s.Save(ctx, docs[:2], nil); return err }, false},
			{"ingest a copy of a stored story", func() error { _, err := s.Save(ctx, docs[2:], nil); return err }, false},
			{"ingest again", func() error { _, err := s.Save(ctx, docs, nil); return err }, false},
			{"review", func() error {
				for c, err := range s.Claims(ctx, store.ClaimFilter{Limit: 1}) {
					if err != nil {
						return err
					}
					_, err = s.AddReview(ctx, c, store.Accept, nil, "amal", "")
					return err
				}
				return nil
			}, true},
			{"re-extract", func() error {
				d, err := s.Document(ctx, "two")
				if err != nil {
					return err
				}
				return s.Replace(ctx, d.ID, d.Published, d.Source, store.Extraction{Credits: []string{}, Places: []claim.Place{},
					Claims: docs[1].Claims, Extractor: "x2"})
			}, true},
		} {
			if err := step.write(); err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
			if got := edits(); (got != n) != step.edit {
				t.Errorf("%s: edits %d, then %d", step.name, n, got)
			}
			n = edits()
		}
	})
}
