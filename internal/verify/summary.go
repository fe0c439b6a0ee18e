package verify

import (
	"fmt"
	"strings"

	"github.com/tallyhq/tally/internal/claim"
)

// Credibility is everything verification says about one claim, each part
// with its reasons: the article's own flags, the incident's grade and the
// records' verdict. There is deliberately no score: a person weighs them.
type Credibility struct {
	Claim    int64         `json:"claim"`
	Ref      string        `json:"ref"`
	Flags    []claim.Flag  `json:"flags"`
	Incident string        `json:"incident"`
	Grade    Grade         `json:"grade"`
	Sources  int           `json:"sources"`
	Estimate Estimate      `json:"estimate"`
	Verdict  Verdict       `json:"verdict"`
	Records  []RecordCheck `json:"records"`
	Summary  string        `json:"summary"`
}

// verdictRank orders verdicts by how much they say: a set that covers the
// claim speaks before one that does not.
var verdictRank = map[Verdict]int{Consistent: 3, Overstated: 3, Understated: 3, NoRecords: 2, OutOfCoverage: 1, NotComparable: 0}

// Summarise puts an item's flags, incident and record checks together.
func Summarise(it *Item, inc *Incident, checks []RecordCheck) Credibility {
	c := Credibility{Claim: it.ID, Ref: it.Ref, Flags: it.Flags, Records: checks, Verdict: NotComparable}
	var parts []string
	for _, f := range it.Flags {
		parts = append(parts, fmt.Sprintf("flagged %s: %s", f.Kind, f.Message))
	}
	if inc != nil {
		c.Incident, c.Grade, c.Sources, c.Estimate = inc.Key, inc.Grade, len(inc.Sources), inc.Estimate
		parts = append(parts, inc.Summary)
	}
	best, bestRecorded := -1, int64(-1)
	for _, rc := range checks {
		r := verdictRank[rc.Verdict]
		if r > best || r == best && rc.Recorded > bestRecorded {
			best, bestRecorded, c.Verdict = r, rc.Recorded, rc.Verdict
		}
	}
	for _, rc := range checks {
		if verdictRank[rc.Verdict] == best {
			parts = append(parts, "records: "+rc.Summary)
		}
	}
	if len(checks) == 0 {
		parts = append(parts, "records: none imported")
	}
	c.Summary = strings.Join(parts, ". ")
	return c
}
