package verify

import (
	"slices"

	"github.com/tallyhq/tally/internal/claim"
)

// Tolerances, documented in the README: two figures agree when the gap
// between the intervals their wording allows is at most AgreeRelative of
// the larger figure or AgreeAbsolute people, whichever is more; a claim is
// consistent with the records when the recorded deaths lie within its
// interval widened the same way by RecordsRelative and RecordsAbsolute
// (records lag and miss deaths, and reports round).
const (
	AgreeRelative   = 0.20
	AgreeAbsolute   = 2
	RecordsRelative = 0.25
	RecordsAbsolute = 2
)

// bounds is the interval a count's wording allows; open when it has no
// upper end ("at least 20").
type bounds struct {
	lo, hi int64
	open   bool
}

func boundsOf(c claim.Count) bounds {
	b := bounds{lo: c.Low}
	switch {
	case c.High != nil:
		b.hi = *c.High
	case c.Value != nil && c.Qualifier == claim.Exact:
		b.hi = *c.Value
	default:
		b.open = true
	}
	if !b.open && b.hi < b.lo {
		b.hi = b.lo
	}
	return b
}

// bestOf is the single figure a count gives: its value as written, else the
// low end (vague words), as UCDP and ACLED code them.
func bestOf(c claim.Count) int64 {
	if c.Value != nil {
		return *c.Value
	}
	return c.Low
}

// gap is how far apart two intervals lie (0 when they meet) and the figure
// the gap is measured against.
func gap(a, b bounds) (int64, int64) {
	switch {
	case !a.open && b.lo > a.hi:
		return b.lo - a.hi, b.lo
	case !b.open && a.lo > b.hi:
		return a.lo - b.hi, a.lo
	}
	return 0, max(a.lo, b.lo)
}

func within(g, larger int64, rel float64, abs int64) bool {
	return g <= abs || float64(g) <= rel*float64(larger)
}

// agree reports whether two counts agree within the tolerance.
func agree(a, b claim.Count) bool {
	g, larger := gap(boundsOf(a), boundsOf(b))
	return within(g, larger, AgreeRelative, AgreeAbsolute)
}

// Estimate is an incident's low, best and high figure, after UCDP's
// convention of keeping all three: Low is the lowest figure any source's
// wording allows; Best the median of the sources' best figures (the lower
// of the middle two for an even number: conservative, as UCDP's best is);
// High the highest upper end, nil when a source's open-ended figure ("at
// least 40") lies above every bounded one, so that no upper end is known.
type Estimate struct {
	Low  int64  `json:"low"`
	Best int64  `json:"best"`
	High *int64 `json:"high"`
}

func estimate(counts []claim.Count) Estimate {
	if len(counts) == 0 {
		return Estimate{}
	}
	bests := make([]int64, len(counts))
	var e Estimate
	var high int64
	var openAbove int64 = -1
	for i, c := range counts {
		b := boundsOf(c)
		bests[i] = bestOf(c)
		if i == 0 || b.lo < e.Low {
			e.Low = b.lo
		}
		if b.open {
			openAbove = max(openAbove, b.lo)
		} else {
			high = max(high, b.hi)
		}
	}
	slices.Sort(bests)
	e.Best = bests[(len(bests)-1)/2]
	if openAbove < 0 || openAbove <= high {
		e.High = &high
	}
	return e
}
