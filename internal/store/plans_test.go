package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// TestPeriodPlanKept: a period's plan is kept for the next query, and
// what the next query gives still follows every write: a period that was
// empty, or held a few claims, gives the claims stored since.
func TestPeriodPlanKept(t *testing.T) {
	ctx := context.Background()
	s := open(t, storetest.SQLite(t))
	docs := testDocs()
	if _, err := s.Save(ctx, docs[:1], sameBytes); err != nil {
		t.Fatal(err)
	}
	for _, bound := range []int{1, 1000} {
		restore := store.SetFewCandidates(bound)
		for _, f := range []store.ClaimFilter{{From: "2018-05-01", To: "2018-05-31"}, {From: "2018-04-01"}, {To: "2018-04-30"}} {
			claimsOf(t, s, f) // planned and kept
		}
		restore()
	}
	if _, err := s.Save(ctx, docs[1:], sameBytes); err != nil {
		t.Fatal(err)
	}
	for _, bound := range []int{1, 1000} {
		restore := store.SetFewCandidates(bound)
		for _, tc := range []struct {
			f    store.ClaimFilter
			want []string
		}{
			{store.ClaimFilter{From: "2018-05-01", To: "2018-05-31"}, []string{"two/c1"}},
			{store.ClaimFilter{From: "2018-04-01"}, []string{"one/c1", "one/c2", "three/c1", "two/c1"}},
			{store.ClaimFilter{To: "2018-04-30"}, []string{"one/c1", "one/c2", "three/c1"}},
		} {
			if got := claimsOf(t, s, tc.f); !slices.Equal(got, tc.want) {
				t.Errorf("bound %d: %s..%s after more were stored: %v, want %v", bound, tc.f.From, tc.f.To, got, tc.want)
			}
		}
		restore()
	}
	// Another store's plans are its own.
	other := open(t, storetest.SQLite(t))
	if got := claimsOf(t, other, store.ClaimFilter{From: "2018-04-01"}); got != nil {
		t.Errorf("an empty store: %v", got)
	}
}
