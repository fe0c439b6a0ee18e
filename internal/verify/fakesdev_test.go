package verify_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/records"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/testshared"
	"github.com/tallyhq/tally/internal/verify"
)

// TestFakesDevAgainstUCDP ingests the fakes-dev articles, imports the UCDP
// events, verifies, and reports how the claims fare: corroboration,
// contest, records coverage, and the verdicts beside the data set's
// credible (1) and fake (0) labels. The labels were set against VDC's
// records, not UCDP's, and most articles predate UCDP's file, so the
// comparison is information, not a target: the test asserts only that each
// part of verification had something to say.
func TestFakesDevAgainstUCDP(t *testing.T) {
	testshared.SkipUnderRace(t)
	csvPath := testshared.Path(t, testshared.FakesDevPath)
	ucdpPath := testshared.Path(t, "data/ucdp/ged-syria-2016-2019.csv")
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "tally.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(ctx, st, []string{csvPath}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(ucdpPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := records.NewReader(f, "ged-syria-2016-2019.csv", records.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportRecords(ctx, store.RecordSet{Name: "ucdp", Format: "ucdp", File: ucdpPath}, rd.All(), func(error) {}); err != nil {
		t.Fatal(err)
	}
	var creds []verify.Credibility
	res, err := verify.Run(ctx, st, func(c verify.Credibility) error {
		creds = append(creds, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	grades := map[verify.Grade]int{}
	several := 0
	for _, inc := range res.Incidents {
		grades[inc.Grade]++
		if len(inc.Sources) > 1 {
			several++
		}
	}
	verdicts := res.Verdicts
	t.Logf("%d claims, %d incidents (%d with several sources): %d corroborated, %d contested, %d single source",
		res.Claims, len(res.Incidents), several, grades[verify.Corroborated], grades[verify.Contested], grades[verify.SingleSource])
	t.Logf("against UCDP: %d consistent, %d overstated, %d understated, %d no records, %d out of coverage, %d not comparable",
		verdicts[verify.Consistent], verdicts[verify.Overstated], verdicts[verify.Understated],
		verdicts[verify.NoRecords], verdicts[verify.OutOfCoverage], verdicts[verify.NotComparable])

	// Per article: the most telling verdict of its killed claims, beside
	// the label.
	ids := testshared.FakesDevColumn(t, "unit_id")
	labels := testshared.FakesDevColumn(t, "label")
	label := map[string]string{}
	for i, id := range ids {
		label[id] = labels[i]
	}
	docOf := map[int64]string{}
	for d, err := range st.Documents(ctx, store.DocFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		docOf[d.ID] = d.ExtID
	}
	order := []verify.Verdict{verify.Overstated, verify.Understated, verify.Consistent, verify.NoRecords, verify.OutOfCoverage, verify.NotComparable}
	article := map[string]verify.Verdict{}
	example := map[string]string{}
	for _, c := range creds {
		var doc int64
		fmt.Sscanf(c.Ref, "%d/", &doc)
		id := docOf[doc]
		if prev, ok := article[id]; !ok || slices.Index(order, c.Verdict) < slices.Index(order, prev) {
			article[id] = c.Verdict
			example[id] = c.Ref + ": " + c.Summary
		}
	}
	table := map[string]map[verify.Verdict]int{"1": {}, "0": {}}
	for id, v := range article {
		if l, ok := label[id]; ok {
			table[l][v]++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %10s %10s\n", "article verdict", "credible", "fake")
	for _, v := range order {
		fmt.Fprintf(&b, "%-16s %10d %10d\n", v, table["1"][v], table["0"][v])
	}
	t.Logf("articles by their most telling claim verdict against UCDP, by FA-KES label:\n%s", b.String())
	shown := 0
	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for id := range article {
			if !yield(id) {
				return
			}
		}
	}) {
		if v := article[id]; (v == verify.Overstated || v == verify.Consistent) && shown < 6 {
			t.Logf("example %s (label %s): %s", id, label[id], example[id])
			shown++
		}
	}
	if grades[verify.Corroborated] == 0 || grades[verify.Contested] == 0 || verdicts[verify.Consistent] == 0 ||
		verdicts[verify.OutOfCoverage] == 0 || verdicts[verify.NoRecords]+verdicts[verify.Overstated]+verdicts[verify.Understated] == 0 {
		t.Errorf("some part of verification found nothing: grades %v, verdicts %v", grades, verdicts)
	}
}
