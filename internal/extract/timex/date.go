package timex

import (
	"strings"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// date is a calendar date. Arithmetic goes through time.Time in UTC, which
// is only done for matched expressions, so its cost does not matter.
type date struct{ y, m, d int }

func (d date) time() time.Time {
	return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC)
}

func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date{y, int(m), d}
}

func (d date) addDays(n int) date { return dateOf(d.time().AddDate(0, 0, n)) }

// addMonths moves by n calendar months, clamping the day to the month's
// length (March 31 minus one month is February 28, not March 3).
func (d date) addMonths(n int) date {
	m0 := d.y*12 + d.m - 1 + n
	y, m := m0/12, m0%12+1
	if m0 < 0 { // keep the arithmetic sane for absurd publication dates
		y, m = (m0-11)/12, (m0%12+12)%12+1
	}
	return date{y, m, min(d.d, daysIn(y, m))}
}

func (d date) weekday() time.Weekday { return d.time().Weekday() }

// monday is the Monday of d's Monday–Sunday week.
func (d date) monday() date { return d.addDays(-((int(d.weekday()) + 6) % 7)) }

func (d date) less(e date) bool {
	if d.y != e.y {
		return d.y < e.y
	}
	if d.m != e.m {
		return d.m < e.m
	}
	return d.d < e.d
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func validDate(y, m, d int) bool {
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

func monthEnd(y, m int) date { return date{y, m, daysIn(y, m)} }

// dateLen is the length of a date written as YYYY-MM-DD.
const dateLen = 10

// writeTo writes d as YYYY-MM-DD, without fmt, as Find may write
// thousands.
func (d date) writeTo(w *strings.Builder) {
	var b [dateLen]byte
	y := d.y
	if y < 0 {
		y = 0
	}
	b[0], b[1], b[2], b[3] = byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[4] = '-'
	b[5], b[6] = byte('0'+d.m/10), byte('0'+d.m%10)
	b[7] = '-'
	b[8], b[9] = byte('0'+d.d/10), byte('0'+d.d%10)
	w.Write(b[:])
}

// precRank orders precisions from fine to coarse.
func precRank(p claim.Precision) int {
	switch p {
	case claim.Day:
		return 0
	case claim.Week:
		return 1
	case claim.Month:
		return 2
	}
	return 3
}

// coarser is the coarser of two precisions: a range known to the day at one
// end and to the month at the other is known to the month.
func coarser(a, b claim.Precision) claim.Precision {
	if precRank(a) >= precRank(b) {
		return a
	}
	return b
}
