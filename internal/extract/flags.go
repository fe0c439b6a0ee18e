package extract

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// The checks an article's own figures must pass. Each flag names its claims
// and says, with the numbers, what does not add up:
//
//   - rate_total_mismatch: a rate ("up to 30 die every week") against a total
//     over a stated period ("130 killed from October 2017 to March 2018", i.e.
//     5 a week): flagged when the rate is more than rateTolerance times the
//     total's weekly (daily, ...) average, or less than its inverse.
//   - headline_body_mismatch: the same check when the rate is the headline's,
//     and a headline count larger than every figure of its kind in the body.
//   - internal_contradiction: a part larger than its whole ("12 killed,
//     including 15 children").
//   - implausible_count: a single figure beyond implausibleTotal, or a rate
//     beyond implausiblePerDay a day.
//
// Hypothetical claims never take part.
const (
	rateTolerance     = 2.0
	implausibleTotal  = 1_000_000
	implausiblePerDay = 10_000
	minPeriodDays     = 14 // a total over less than two weeks says little about a weekly rate
)

var rateDays = map[string]float64{claim.RateDay: 1, claim.RateWeek: 7, claim.RateMonth: 365.25 / 12, claim.RateYear: 365.25}

// subOf maps a claim index to the index of the claim it is a part of.
type subOf map[int]int

func checkFlags(claims []claim.Claim, subs subOf) []claim.Flag {
	var flags []claim.Flag
	flags = append(flags, rateFlags(claims)...)
	flags = append(flags, headlineCountFlags(claims)...)
	flags = append(flags, partWholeFlags(claims, subs)...)
	flags = append(flags, implausibleFlags(claims)...)
	return flags
}

func usable(c *claim.Claim) bool {
	return !c.Hypothetical && c.Count != nil && c.Kind != claim.Service
}

// periodDays is the length of a claim's period in days, 0 when unknown.
func periodDays(c *claim.Claim) float64 {
	if c.Period == nil {
		return 0
	}
	a, err1 := time.Parse(time.DateOnly, c.Period.Start)
	b, err2 := time.Parse(time.DateOnly, c.Period.End)
	if err1 != nil || err2 != nil || b.Before(a) {
		return 0
	}
	return b.Sub(a).Hours()/24 + 1
}

// point is the single number a count stands for in arithmetic: the value
// as written, else the low end.
func point(c *claim.Count) float64 {
	if c.Value != nil {
		return float64(*c.Value)
	}
	return float64(c.Low)
}

// rateFlags compares each rate with the totals over a period of the same
// kind: "up to 30 civilians die every week" against "130 killed in 26 weeks".
func rateFlags(claims []claim.Claim) []claim.Flag {
	var flags []claim.Flag
	for ri := range claims {
		r := &claims[ri]
		if !usable(r) || r.Rate == nil || r.Kind != claim.Killed {
			continue
		}
		unit := rateDays[*r.Rate]
		for ti := range claims {
			t := &claims[ti]
			if ti == ri || !usable(t) || t.Rate != nil || t.Kind != claim.Killed || t.InHeadline {
				continue
			}
			days := periodDays(t)
			if days < minPeriodDays || t.Count.Value == nil {
				continue
			}
			units := days / unit
			implied := float64(*t.Count.Value) / units
			claimed := point(r.Count)
			if claimed <= implied*rateTolerance && claimed >= implied/rateTolerance {
				continue
			}
			kind := claim.RateTotalMismatch
			if r.InHeadline {
				kind = claim.HeadlineBodyMismatch
			}
			msg := fmt.Sprintf("%s says %s %s %s every %s (%s), but the body's own figures give %s killed %s (%s): about %s a %s over %s %ss",
				sayer(r), r.Count.Text, victimWord(r), dieWord(r), *r.Rate, r.ID,
				t.Count.Text, periodWords(t), t.ID, round(implied), *r.Rate, round(units), *r.Rate)
			ids := []string{r.ID, t.ID}
			if extra, extraIDs := casualtyRateMatch(claims, r, t, units); extra != "" {
				msg += "; " + extra
				ids = append(ids, extraIDs...)
			}
			flags = append(flags, claim.Flag{Kind: kind, Claims: ids, Message: msg + "."})
			break
		}
	}
	return flags
}

// casualtyRateMatch explains a rate that fits killed and injured together:
// "25-30 casualties a week (c6) matches killed and injured together: (658 +
// 130) / 26 ≈ 30".
func casualtyRateMatch(claims []claim.Claim, r, killed *claim.Claim, units float64) (string, []string) {
	for ii := range claims {
		inj := &claims[ii]
		if !usable(inj) || inj.Kind != claim.Injured || inj.Rate != nil || inj.Period == nil || killed.Period == nil ||
			inj.Period.Start != killed.Period.Start || inj.Period.End != killed.Period.End || inj.Count.Value == nil {
			continue
		}
		both := float64(*inj.Count.Value+*killed.Count.Value) / units
		for ci := range claims {
			c := &claims[ci]
			if !usable(c) || c.Kind != claim.Casualties || c.Rate == nil || *c.Rate != *r.Rate {
				continue
			}
			high := float64(c.Count.Low)
			if c.Count.High != nil {
				high = float64(*c.Count.High)
			}
			if both >= float64(c.Count.Low)/rateTolerance && both <= high*rateTolerance {
				return fmt.Sprintf("%s casualties a %s (%s) matches killed and injured together: (%d + %d) / %s ≈ %s",
					c.Count.Text, *c.Rate, c.ID, *inj.Count.Value, *killed.Count.Value, round(units), round(both)), []string{c.ID, inj.ID}
			}
		}
		return fmt.Sprintf("killed and injured together (%s) give %s a %s", inj.ID, round(both), *r.Rate), []string{inj.ID}
	}
	return "", nil
}

// headlineCountFlags flags a headline figure larger than every body figure
// of its kind.
func headlineCountFlags(claims []claim.Claim) []claim.Flag {
	var flags []claim.Flag
	for hi := range claims {
		h := &claims[hi]
		if !usable(h) || !h.InHeadline || h.Rate != nil || h.Kind == claim.Returned || h.Kind == claim.Displaced {
			continue
		}
		var maxBody float64 = -1
		maxID := ""
		open := false
		for bi := range claims {
			b := &claims[bi]
			if !usable(b) || b.InHeadline || b.Kind != h.Kind || b.Rate != nil {
				continue
			}
			if b.Count.High == nil {
				open = true
			}
			if v := point(b.Count); v > maxBody {
				maxBody, maxID = v, b.ID
			}
			if b.Count.High != nil && float64(*b.Count.High) > maxBody {
				maxBody, maxID = float64(*b.Count.High), b.ID
			}
		}
		if maxID == "" || open && maxBody >= float64(h.Count.Low) {
			continue
		}
		if float64(h.Count.Low) > maxBody {
			flags = append(flags, claim.Flag{Kind: claim.HeadlineBodyMismatch, Claims: []string{h.ID, maxID},
				Message: fmt.Sprintf("The headline says %s %s (%s), but the body's largest %s figure is %s (%s).",
					h.Count.Text, h.Kind, h.ID, h.Kind, round(maxBody), maxID)})
		}
	}
	return flags
}

// partWholeFlags flags a sub-count larger than the figure it is part of.
func partWholeFlags(claims []claim.Claim, subs subOf) []claim.Flag {
	var flags []claim.Flag
	// In the order of the parts: a map's order would change the order of
	// the flags from one run to the next.
	for _, part := range slices.Sorted(maps.Keys(subs)) {
		whole := subs[part]
		p, w := &claims[part], &claims[whole]
		if !usable(p) || !usable(w) || w.Count.High == nil {
			continue
		}
		if p.Count.Low > *w.Count.High {
			flags = append(flags, claim.Flag{Kind: claim.InternalContradiction, Claims: []string{w.ID, p.ID},
				Message: fmt.Sprintf("%s %s are said to be among %s %s (%s), which is fewer.",
					p.Count.Text, p.VictimsText, w.Count.Text, w.Kind, w.ID)})
		}
	}
	return flags
}

func implausibleFlags(claims []claim.Claim) []claim.Flag {
	var flags []claim.Flag
	for i := range claims {
		c := &claims[i]
		if !usable(c) || c.Kind == claim.Displaced || c.Kind == claim.Returned {
			continue
		}
		v := point(c.Count)
		switch {
		case c.Rate != nil && v/rateDays[*c.Rate] > implausiblePerDay:
			flags = append(flags, claim.Flag{Kind: claim.ImplausibleCount, Claims: []string{c.ID},
				Message: fmt.Sprintf("%s %s a %s is more than %d a day.", c.Count.Text, c.Kind, *c.Rate, implausiblePerDay)})
		case c.Rate == nil && v > implausibleTotal:
			flags = append(flags, claim.Flag{Kind: claim.ImplausibleCount, Claims: []string{c.ID},
				Message: fmt.Sprintf("%s %s is more than %d, beyond any single report's plausible count.", c.Count.Text, c.Kind, implausibleTotal)})
		}
	}
	return flags
}

func sayer(c *claim.Claim) string {
	if c.InHeadline {
		return "The headline"
	}
	return "The text"
}

func victimWord(c *claim.Claim) string {
	if c.VictimsText != "" {
		return c.VictimsText
	}
	return string(c.Victims)
}

func dieWord(c *claim.Claim) string {
	if c.Kind == claim.Killed {
		return "die"
	}
	return "are " + string(c.Kind)
}

func periodWords(c *claim.Claim) string {
	if c.Period.Text != "" {
		return strings.ToLower(c.Period.Text[:1]) + c.Period.Text[1:]
	}
	return fmt.Sprintf("from %s to %s", c.Period.Start, c.Period.End)
}

// round prints a figure the way a person checks it: whole numbers when
// large, one decimal when small.
func round(v float64) string {
	if math.Abs(v-math.Round(v)) < 0.05 || v >= 10 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
