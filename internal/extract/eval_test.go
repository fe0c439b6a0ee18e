package extract

import (
	"encoding/csv"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/testshared"
)

// minMainEventRecall is the share of the crowd's main-event death counts
// that must be among tally's killed claims with a matching victim category.
const minMainEventRecall = 0.90

// goldCount is one main-event death count of the crowd's labels.
type goldCount struct {
	id       string
	value    int64
	civilian bool
}

// matchesVictims reports whether a claim's victims fit the crowd's split
// into civilians and non-civilians. "people" (unspecified) fits either: the
// text did not say.
func (g goldCount) matchesVictims(v claim.Victims) bool {
	switch v {
	case claim.People:
		return true
	case claim.Civilians, claim.Children, claim.Women:
		return g.civilian
	case claim.Combatants, claim.SecurityForces:
		return !g.civilian
	}
	return false
}

func contains(c *claim.Count, v int64) bool {
	if c.Value != nil && *c.Value == v {
		return true
	}
	if c.Qualifier == claim.Range || c.Qualifier == claim.Vague {
		return c.Low <= v && (c.High == nil || v <= *c.High)
	}
	return false
}

func readGold(t *testing.T, path string) map[string][]goldCount {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	gold := map[string][]goldCount{}
	for _, r := range rows[1:] {
		id := r[col["unit_id"]]
		for _, c := range []struct {
			name     string
			civilian bool
		}{{"nb_civilians", true}, {"nb_noncivilians", false}} {
			n, err := strconv.ParseInt(r[col[c.name]], 10, 64)
			if err == nil && n > 0 {
				gold[id] = append(gold[id], goldCount{id: id, value: n, civilian: c.civilian})
			}
		}
	}
	return gold
}

// TestFakesDevMainEventRecall measures, on the 351 real articles of
// fakes-dev, how often the crowd's main-event death count is among tally's
// killed claims with a matching victim category. Run with -v to see the
// misses, which include the crowd's own errors.
func TestFakesDevMainEventRecall(t *testing.T) {
	path := testshared.Path(t, "corpus/fakes-dev/fakes-dev.csv")
	gold := readGold(t, path)
	total, found := 0, 0
	claimsPerDoc := map[int]int{}
	var misses []string
	for doc, err := range document.ReadPath(path, document.Options{}) {
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		res := Check(doc)
		killed := 0
		for _, c := range res.Claims {
			if c.Kind == claim.Killed {
				killed++
			}
		}
		claimsPerDoc[min(killed, 10)]++
		for _, g := range gold[doc.ID] {
			total++
			hit := false
			for _, c := range res.Claims {
				if c.Kind == claim.Killed && !c.Hypothetical && contains(c.Count, g.value) && g.matchesVictims(c.Victims) {
					hit = true
					break
				}
			}
			if hit {
				found++
				continue
			}
			var got []string
			for _, c := range res.Claims {
				if c.Count != nil && c.Kind == claim.Killed {
					got = append(got, fmt.Sprintf("%s %s %s", c.Kind, c.Count.Text, c.Victims))
				}
			}
			misses = append(misses, fmt.Sprintf("%s want %d civilian=%v; got [%s]; title %q", g.id, g.value, g.civilian, strings.Join(got, ", "), doc.Title.Raw))
		}
	}
	if total == 0 {
		t.Fatal("no gold counts read")
	}
	sort.Strings(misses)
	for _, m := range misses {
		t.Log("miss:", m)
	}
	recall := float64(found) / float64(total)
	t.Logf("main-event recall: %d of %d crowd counts (%.1f%%) among tally's killed claims with matching victims", found, total, 100*recall)
	t.Logf("articles by number of killed claims (10 = 10 or more): %v", claimsPerDoc)
	if recall < minMainEventRecall {
		t.Errorf("main-event recall %.3f below %.2f", recall, minMainEventRecall)
	}
}
