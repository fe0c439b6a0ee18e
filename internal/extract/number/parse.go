package number

import (
	"strings"

	"github.com/tallyhq/tally/internal/claim"
)

// Parse reads s, after trimming spaces, as exactly one quantity expression:
// "30", "55,000", "up to 30", "more than 55 thousand", "25-30", "between 25
// and 30", "tens of thousands", "dozens of", "a dozen", "half a million".
// It has no context, so it does not tell years or times from counts
// ("2014" parses as 2014); ordinals, dates, clock times and numbers that are
// not whole ("2.5") are rejected. Count.Text is the trimmed s.
func Parse(s string) (claim.Count, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return claim.Count{}, false
	}
	f := newFinder(t)
	var x expr
	if !f.try(next(t, 0), &x) || x.start != 0 {
		return claim.Count{}, false
	}
	q := &x.q1
	if q.ordinal || q.decade || q.identSfx || q.clockSfx || q.over || q.frac ||
		(q.form != formInt && q.form != formDecimal) {
		return claim.Count{}, false
	}
	end := x.end
	if q.vague {
		// "dozens of", "hundreds of": the "of" that leads to the noun.
		if n := next(t, end); is(t, n, "of") {
			end = n.e
		}
	}
	if end != len(t) {
		return claim.Count{}, false
	}
	c := f.count(&x)
	c.Text = t
	return c, true
}
