package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

// TestPlaceCountsPeriod: counting by place within a period, which SQLite
// runs as one range of claims_window per class of period length, counts
// exactly the claims whose dates overlap the period, as comparing each
// claim's dates does: periods of a day, of months, of years, of an undated
// claim, at and across every bound.
func TestPlaceCountsPeriod(t *testing.T) {
	ctx := context.Background()
	s := open(t, storetest.SQLite(t))
	type dated struct{ published, start, end string }
	cases := []dated{
		{"2016-03-10", "", ""}, {"2016-01-31", "", ""}, {"", "", ""},
		{"2016-05-01", "2016-01-01", "2016-01-31"}, {"2016-05-01", "2016-01-01", "2016-02-01"},
		{"2016-05-01", "2015-06-01", "2016-06-30"}, {"2016-05-01", "2014-01-01", "2016-12-31"},
		{"2016-05-01", "2011-03-01", "2016-06-30"}, {"2017-01-01", "2016-12-31", "2017-01-01"},
		{"2016-05-01", "2016", "2016"},
	}
	var docs []store.Doc
	for i, c := range cases {
		cl := killed("c1", int64(i+1), claim.Civilians, "Aleppo", "SY", "SOHR", "killed")
		if c.start != "" {
			cl.Period = &claim.Period{Start: c.start, End: c.end, Precision: "day", Text: "then"}
		}
		docs = append(docs, store.Doc{Key: fmt.Sprintf("%08d", i), ExtID: fmt.Sprint(i), Title: "t", Body: "killed",
			Published: c.published, Origin: "test", Extractor: "x1", Claims: []claim.Claim{cl}})
	}
	if _, err := s.Save(ctx, docs, sameBytes); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{"", "2010-01-01", "2015-12-31", "2016-01-01", "2016-01-31", "2016-02-01", "2016-03-10", "2016-06-30", "2017-01-01", "2017-01-02"} {
		for _, to := range []string{"", "2011-02-28", "2015-12-31", "2016-01-01", "2016-01-31", "2016-03-10", "2016-12-31", "2020-01-01"} {
			if from == "" && to == "" {
				continue
			}
			want := int64(0)
			for _, c := range cases {
				start, end := c.start, c.end
				if start == "" {
					start, end = c.published, c.published
				}
				if start != "" && (from == "" || end >= from) && (to == "" || start <= to) {
					want++
				}
			}
			pcs, err := s.PlaceCounts(ctx, store.PlaceFilter{From: from, To: to})
			if err != nil {
				t.Fatal(err)
			}
			got := int64(0)
			for _, pc := range pcs {
				got += pc.Claims
			}
			if got != want {
				t.Errorf("%s..%s: %d claims, want %d", from, to, got, want)
			}
		}
	}
}
