package verify_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/tallyhq/tally/internal/ingest"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
	"github.com/tallyhq/tally/internal/verify"
)

// Three independent reports of one air strike (one quoting two sources):
// the store's claims become one contested incident of four sources, and
// each claim's verdict is stored with it.
func TestRunStoresIncidentsAndVerdicts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := ingest.Run(ctx, st, []string{"testdata/reports.jsonl"}, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
		res, err := verify.Run(ctx, st, nil)
		if err != nil {
			t.Fatal(err)
		}
		var strike *verify.Incident
		for _, inc := range res.Incidents {
			if len(inc.Sources) > 1 {
				if strike != nil {
					t.Fatalf("two incidents with several sources: %s / %s", strike.Summary, inc.Summary)
				}
				strike = inc
			}
		}
		if strike == nil || len(strike.Sources) != 4 || strike.Grade != verify.Contested || strike.Estimate.Best != 19 || strike.Estimate.Low != 12 {
			t.Fatalf("the strike: %+v", strike)
		}
		t.Log(strike.Summary)
		// Run again: the results are replaced, not added.
		if _, err := verify.Run(ctx, st, nil); err != nil {
			t.Fatal(err)
		}
		for c, err := range st.Claims(ctx, store.ClaimFilter{}) {
			if err != nil {
				t.Fatal(err)
			}
			v, err := st.VerdictOf(ctx, c.RowID)
			if err != nil {
				t.Fatalf("claim %s: %v", c.Ref(), err)
			}
			var cred verify.Credibility
			if err := json.Unmarshal(v.Detail, &cred); err != nil || cred.Ref != c.Ref() || v.Summary == "" {
				t.Errorf("claim %s: verdict %+v (%v)", c.Ref(), v, err)
			}
			if c.Victims == "civilians" && c.Kind == "killed" && (v.Incident == nil || v.Incident.Sources != 4 || v.Grade != "contested") {
				t.Errorf("claim %s %q: incident %+v", c.Ref(), c.Quote.Text, v.Incident)
			}
		}
	})
}
