package serve

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/records"
	"github.com/tallyhq/tally/internal/store"
	"github.com/tallyhq/tally/internal/store/storetest"
)

func TestRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := newEnv(t, dsn, Options{})
		f, err := os.Open("../records/testdata/list.csv")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rd, err := records.NewReader(f, "list.csv", records.Options{})
		if err != nil {
			t.Fatal(err)
		}
		stats, err := e.st.ImportRecords(context.Background(), store.RecordSet{Name: "a list", Format: "list", File: "/srv/secret/list.csv"}, rd.All(), func(error) {})
		if err != nil || stats.New < 2 {
			t.Fatalf("import: %+v, %v", stats, err)
		}

		var sets listOut[recordSetJSON]
		w := e.do(t, "GET", "/api/v1/records/sets", "", nil)
		want(t, w, 200, &sets)
		if len(sets.Items) != 1 || sets.Items[0].Name != "a list" || sets.Items[0].Rows != stats.New {
			t.Errorf("sets: %+v", sets.Items)
		}
		if body := w.Body.String(); strings.Contains(body, "/srv/secret") {
			t.Errorf("a set shows its server path: %s", body)
		}

		// Every record once through the pages, in the order stored.
		var all []int64
		cursor := ""
		for range int(stats.New) + 1 {
			var page listOut[recordJSON]
			want(t, e.do(t, "GET", "/api/v1/records?set=a+list&limit=1"+cursor, "", nil), 200, &page)
			for _, r := range page.Items {
				all = append(all, r.ID)
			}
			if page.Next == nil {
				break
			}
			cursor = "&cursor=" + *page.Next
		}
		if int64(len(all)) != stats.New {
			t.Errorf("pages gave %d records, want %d", len(all), stats.New)
		}
		for i := 1; i < len(all); i++ {
			if all[i] <= all[i-1] {
				t.Errorf("records out of order: %v", all)
			}
		}

		var aleppo listOut[recordJSON]
		want(t, e.do(t, "GET", "/api/v1/records?admin1=aleppo&from=2014-05-01&to=2014-05-31", "", nil), 200, &aleppo)
		if len(aleppo.Items) == 0 {
			t.Fatal("no Aleppo record in May 2014")
		}
		for _, r := range aleppo.Items {
			if r.Admin1 != "Aleppo" || r.Best != 1 || r.Victims == "" {
				t.Errorf("record %+v", r)
			}
		}
		for _, bad := range []string{"?from=May", "?cursor=x", "?limit=0", "?nope=1", "?set=a&set=b"} {
			wantError(t, e.do(t, "GET", "/api/v1/records"+bad, "", nil), 400, "bad_request")
		}
	})
}
