package verify

import (
	"fmt"
	"testing"

	"github.com/tallyhq/tally/internal/claim"
)

func n(v int64) *int64 { return &v }

func exact(v int64) claim.Count {
	return claim.Count{Value: n(v), Low: v, High: n(v), Qualifier: claim.Exact, Text: fmt.Sprint(v)}
}
func atLeast(v int64) claim.Count {
	return claim.Count{Value: n(v), Low: v, Qualifier: claim.AtLeast, Text: fmt.Sprintf("at least %d", v)}
}
func upTo(v int64) claim.Count {
	return claim.Count{Value: n(v), Low: 0, High: n(v), Qualifier: claim.AtMost, Text: fmt.Sprintf("up to %d", v)}
}
func about(v int64) claim.Count {
	return claim.Count{Value: n(v), Low: v * 9 / 10, High: n(v * 11 / 10), Qualifier: claim.About, Text: fmt.Sprintf("about %d", v)}
}
func rng(lo, hi int64) claim.Count {
	return claim.Count{Value: n(lo), Low: lo, High: n(hi), Qualifier: claim.Range, Text: fmt.Sprintf("%d-%d", lo, hi)}
}
func dozens() claim.Count {
	return claim.Count{Low: 12, High: n(99), Qualifier: claim.Vague, Text: "dozens"}
}
func hundreds() claim.Count {
	return claim.Count{Low: 100, High: n(999), Qualifier: claim.Vague, Text: "hundreds"}
}

func TestAgree(t *testing.T) {
	for _, tc := range []struct {
		a, b claim.Count
		want bool
	}{
		{exact(22), exact(22), true},
		{exact(22), exact(18), true},  // gap 4 <= 20% of 22
		{exact(22), exact(17), false}, // gap 5 > 4.4
		{exact(3), exact(5), true},    // small counts: within 2
		{exact(3), exact(6), false},
		{exact(100), exact(120), true}, // exactly 20% of 120: the edge agrees
		{exact(100), exact(126), false},
		{atLeast(20), exact(35), true}, // 35 lies in "at least 20"
		{atLeast(40), exact(30), false},
		{atLeast(20), atLeast(60), true}, // open intervals always meet
		{upTo(30), exact(5), true},
		{upTo(30), exact(40), false},
		{rng(25, 30), exact(33), true},
		{about(100), exact(85), true}, // 90-110 and 85: gap 5 <= 18
		{dozens(), exact(40), true},
		{dozens(), hundreds(), true}, // gap 1 (99..100)
		{dozens(), exact(130), false},
	} {
		if got := agree(tc.a, tc.b); got != tc.want {
			t.Errorf("agree(%s, %s) = %v, want %v", tc.a.Text, tc.b.Text, got, tc.want)
		}
		if got := agree(tc.b, tc.a); got != tc.want {
			t.Errorf("agree(%s, %s) = %v, want %v (symmetric)", tc.b.Text, tc.a.Text, got, tc.want)
		}
	}
}

func TestEstimate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts []claim.Count
		want   string
	}{
		{"one exact", []claim.Count{exact(22)}, "22/22/22"},
		{"three sources", []claim.Count{exact(22), exact(18), exact(22)}, "18/22/22"},
		{"even: lower median", []claim.Count{exact(10), exact(30)}, "10/10/30"},
		{"at least above all", []claim.Count{exact(20), atLeast(40)}, "20/20/open"},
		{"at least below", []claim.Count{atLeast(15), exact(20)}, "15/15/20"},
		{"vague", []claim.Count{dozens(), exact(30)}, "12/12/99"},
		{"up to", []claim.Count{upTo(30)}, "0/30/30"},
		{"about", []claim.Count{about(100), exact(95)}, "90/95/110"},
		{"range", []claim.Count{rng(25, 30)}, "25/25/30"},
		{"none", nil, "0/0/open"},
	} {
		e := estimate(tc.counts)
		high := "open"
		if e.High != nil {
			high = fmt.Sprint(*e.High)
		}
		if got := fmt.Sprintf("%d/%d/%s", e.Low, e.Best, high); got != tc.want {
			t.Errorf("%s: low/best/high = %s, want %s", tc.name, got, tc.want)
		}
	}
}
