package timex

import "github.com/tallyhq/tally/internal/claim"

// anchor is a point or stretch of time, as parsed before it is resolved:
// either a date as written (y, m, d, with zeros for what the text leaves
// out, or a season) or an interval already resolved against pub (rel).
type anchor struct {
	y, m, d int
	season  int
	part    int  // 1, 2, 3: first, middle, last third of the month or year
	week    int  // week of the month, 1-4, -1 for the last
	div     int  // the month or year cut in div pieces (2 halves, 4 quarters)...
	divIdx  int  // ...of which this is the divIdx-th (1-based; -1 for the last)
	firstN  int  // the first N (last N when negative) units of the month or year...
	firstU  int  // ...in this unit (uDay, uWeek, uMonth)
	wday    int  // weekday+1 of a plain weekday ("Friday"), for weekday ranges
	strict  bool // "last March": strictly before pub's month or season
	bareDay bool // a day number alone ("1" in "1-5 March"), only in ranges
	bare    bool // a month, year or season alone: needs a context word
	rel     bool // lo, hi and prec are already resolved
	lo, hi  date
	prec    claim.Precision
	attach  role
}

// Prepositions that belong to each kind of span.
const (
	attDay     = rOn
	attStretch = rIn | rDuring | rThroughout
	attRolling = rIn | rOver | rDuring | rFor | rWithin | rThroughout
	attWeekend = rOver | rAt | rDuring | rOn
	attPartOf  = rAt | rIn | rDuring | rOn
)

// maxDepth bounds nested anchors ("the end of the beginning of ..."), so
// that a failing parse costs a constant, and Find stays linear.
const maxDepth = 4

// plainUnit reports whether token i is a singular unit that names a period:
// not "the week of ..." (a part of something else) nor "week-long".
func (p *parser) plainUnit(i int) bool {
	return p.has(i, rUnit) && !p.has(i, rPlural) && !p.has(i+1, rOf) && !p.compound(i)
}

// compound reports whether token i is glued by a hyphen to the next word,
// as in "week-long" or "year-old": a modifier, not a period.
func (p *parser) compound(i int) bool {
	return p.punct(i+1, '-') && p.adj(i) && p.adj(i+1) && i+2 < len(p.toks) && p.toks[i+2].kind == kWord
}

// rel returns a resolved anchor; it marks that pub was used.
func (p *parser) rel(lo, hi date, prec claim.Precision, attach role) anchor {
	p.usedPub = true
	return anchor{rel: true, lo: lo, hi: hi, prec: prec, attach: attach}
}

// anchor parses a point or stretch of time at token i. bareDayOK admits a
// day number alone, for the first end of a range.
func (p *parser) anchor(i int, bareDayOK bool) (a anchor, end int, ok bool) {
	if i < 0 || i >= len(p.toks) || p.depth >= maxDepth {
		return a, 0, false
	}
	p.depth++
	p.steps++
	defer func() { p.depth-- }()
	if p.toks[i].kind == kNum {
		return p.numAnchor(i, bareDayOK)
	}
	w := p.info(i)
	switch {
	case w == nil:
	case w.has(rMonth):
		return p.monthAnchor(i)
	case w.has(rWeekday | rWeekdayAbbr):
		return p.weekdayAnchor(i, false)
	case w.has(rDayWord | rOvernight):
		return p.dayWordAnchor(i)
	case w.has(rLast):
		return p.lastAnchor(i)
	case w.has(rThis):
		return p.thisAnchor(i)
	case w.has(rEarlier):
		if p.has(i+1, rThis) {
			return p.thisAnchor(i + 1)
		}
		if p.has(i+1, rDayWord) && p.val(i+1) == 0 { // earlier today
			return p.dayWordAnchor(i + 1)
		}
	case w.has(rPart) && !w.has(rPartOf):
		return p.partAnchor(i)
	case w.has(rThe):
		return p.theAnchor(i)
	case w.has(rSeason):
		return p.seasonAnchor(i)
	case w.has(rNum | rVague | rCouple):
		return p.agoAnchor(i)
	}
	return a, 0, false
}

// numAnchor parses dates that start with a number.
func (p *parser) numAnchor(i int, bareDayOK bool) (a anchor, end int, ok bool) {
	// 2018-04-07, 2018/04/07
	if y, ok := p.year(i); ok && p.adj(i) && p.adj(i+1) && p.adj(i+2) && p.adj(i+3) {
		sep := p.toks[i+1].ch
		if (p.punct(i+1, '-') || p.punct(i+1, '/')) && p.punct(i+3, sep) {
			m, ok1 := p.number(i + 2)
			d, ok2 := p.number(i + 4)
			if ok1 && ok2 && p.toks[i+2].ndig <= 2 && p.toks[i+4].ndig <= 2 && validDate(y, m, d) {
				return anchor{y: y, m: m, d: d}, i + 5, true
			}
		}
	}
	// 05.10.2017: day.month.year, as European outlets stamp articles
	if d, ok := p.number(i); ok && p.toks[i].ndig <= 2 && p.punct(i+1, '.') && p.punct(i+3, '.') &&
		p.adj(i) && p.adj(i+1) && p.adj(i+2) && p.adj(i+3) {
		m, ok1 := p.number(i + 2)
		y, ok2 := p.year(i + 4)
		if ok1 && ok2 && p.toks[i+2].ndig <= 2 && validDate(y, m, d) {
			return anchor{y: y, m: m, d: d}, i + 5, true
		}
	}
	// 5 March 2017, 5th of March, 10 Jul 2016
	if d, ok := p.day(i); ok {
		j := i + 1
		if p.has(j, rOf) && (p.toks[i].flags&fOrd != 0 || p.has(i-1, rThe)) {
			j++
		}
		if m, e, _, ok := p.month(j); ok {
			a = anchor{m: m, d: d}
			a.y, e = p.optYear(e)
			return a, e, true
		}
	}
	if a, end, ok = p.agoAnchor(i); ok {
		return a, end, true
	}
	// A year alone; "between 1900 and 2000 people" counts, not years.
	if y, ok := p.year(i); ok && !p.has(i+1, rCountNoun) {
		return anchor{y: y, bare: true}, i + 1, true
	}
	if d, ok := p.day(i); ok && bareDayOK {
		return anchor{d: d, bareDay: true}, i + 1, true
	}
	return a, 0, false
}

// optYear reads an optional year after a day and month: "2017", ", 2017".
func (p *parser) optYear(i int) (y, end int) {
	if y, ok := p.year(i); ok {
		return y, i + 1
	}
	if p.punct(i, ',') {
		if y, ok := p.year(i + 1); ok {
			return y, i + 2
		}
	}
	return 0, i
}

// monthAnchor parses "March 5, 2017", "March 5", "March 2017", "March".
func (p *parser) monthAnchor(i int) (a anchor, end int, ok bool) {
	m, j, abbr, ok := p.month(i)
	if !ok {
		return a, 0, false
	}
	a.m = m
	if d, ok := p.day(j); ok {
		a.d = d
		a.y, end = p.optYear(j + 1)
		return a, end, true
	}
	if y, ok := p.year(j); ok {
		a.y = y
		return a, j + 1, true
	}
	// "Last updated at Apr 092017": a page stamp with day and year glued.
	if n, ok := p.number(j); ok && p.toks[j].ndig == 6 && validDate(n%10000, m, n/10000) && n%10000 >= 1900 && n%10000 <= 2099 {
		a.d, a.y = n/10000, n%10000
		return a, j + 1, true
	}
	if (p.punct(j, ',') || p.has(j, rOf)) && !abbr {
		if y, ok := p.year(j + 1); ok {
			a.y = y
			return a, j + 2, true
		}
	}
	if abbr { // "Mar Elias", "Jan Egeland": abbreviations need a number
		return a, 0, false
	}
	a.bare = true
	return a, j, true
}

// dateAnchor parses a date with a day at i (after a weekday prefix).
func (p *parser) dateAnchor(i int) (a anchor, end int, ok bool) {
	switch {
	case i >= len(p.toks):
		return a, 0, false
	case p.toks[i].kind == kNum:
		a, end, ok = p.numAnchor(i, false)
	case p.has(i, rMonth):
		a, end, ok = p.monthAnchor(i)
	}
	if !ok || a.rel || a.d == 0 {
		return a, 0, false
	}
	return a, end, true
}

// weekdayAnchor parses "Sunday", "Sunday night", or a date with a weekday
// in front ("Sunday, March 5", "Sun 10 Jul 2016").
func (p *parser) weekdayAnchor(i int, strict bool) (a anchor, end int, ok bool) {
	w := p.info(i)
	j := i + 1
	if p.punct(j, ',') || p.punct(j, '.') {
		j++
	}
	if a, end, ok := p.dateAnchor(j); ok {
		a.attach = attDay
		return a, end, true
	}
	if !w.has(rWeekday) { // "Sun", "Sat": only before a date
		return a, 0, false
	}
	end = i + 1
	if p.has(end, rDayPart) {
		end++
	}
	d := p.weekdayBefore(w.val, strict)
	a = p.rel(d, d, claim.Day, attDay)
	a.wday = w.val + 1
	return a, end, true
}

// weekdayBefore is the most recent weekday wd on or before pub (strictly
// before when strict).
func (p *parser) weekdayBefore(wd int, strict bool) date {
	back := (int(p.pub.weekday()) - wd + 7) % 7
	if strict && back == 0 {
		back = 7
	}
	return p.pub.addDays(-back)
}

// dayWordAnchor parses "yesterday", "today", "tonight", "overnight", maybe
// followed by a part of the day ("yesterday morning").
func (p *parser) dayWordAnchor(i int) (a anchor, end int, ok bool) {
	if p.has(i, rOvernight) {
		// "overnight Wednesday", "overnight on Sunday": that night, which
		// runs into the next morning.
		j := i + 1
		if p.has(j, rOn) {
			j++
		}
		if p.has(j, rWeekday) {
			d := p.weekdayBefore(p.val(j), false)
			hi := d.addDays(1)
			if p.pub.less(hi) {
				hi = p.pub
			}
			return p.rel(d, hi, claim.Day, 0), j + 1, true
		}
		return p.rel(p.pub.addDays(-1), p.pub, claim.Day, 0), i + 1, true
	}
	// "Russia Today", "USA Today": a capitalised day word after a name.
	if p.capital(i) && p.capital(i-1) {
		return a, 0, false
	}
	end = i + 1
	if p.has(end, rDayPart) {
		end++
	}
	d := p.pub.addDays(p.val(i))
	return p.rel(d, d, claim.Day, 0), end, true
}

// calendarUnit is the calendar week, month or year holding pub, shifted by
// n units, ending at pub when it is the current one.
func (p *parser) calendarUnit(u, n int) (anchor, bool) {
	var lo, hi date
	var prec claim.Precision
	switch u {
	case uWeek:
		lo = p.pub.monday().addDays(7 * n)
		hi, prec = lo.addDays(6), claim.Week
	case uMonth:
		first := date{p.pub.y, p.pub.m, 1}.addMonths(n)
		lo, hi, prec = first, monthEnd(first.y, first.m), claim.Month
	case uYear:
		lo, hi, prec = date{p.pub.y + n, 1, 1}, date{p.pub.y + n, 12, 31}, claim.Year
	default:
		return anchor{}, false
	}
	if n == 0 {
		hi = p.pub
	}
	return p.rel(lo, hi, prec, rDuring|rOver|rThroughout), true
}

// lastAnchor parses "last night", "last Sunday", "last week", "last March",
// "last summer", "last weekend".
func (p *parser) lastAnchor(i int) (a anchor, end int, ok bool) {
	j := i + 1
	switch {
	case p.has(j, rNight):
		return p.rel(p.pub.addDays(-1), p.pub, claim.Day, 0), j + 1, true
	case p.has(j, rWeekday):
		return p.weekdayAnchor(j, true)
	case p.has(j, rWeekend):
		lo, hi := p.weekend(true)
		return p.rel(lo, hi, claim.Day, attWeekend), j + 1, true
	case p.plainUnit(j):
		a, ok = p.calendarUnit(p.val(j), -1)
		return a, j + 1, ok
	case p.has(j, rSeason) && !p.has(j, rSeasonNeedsYear):
		return anchor{season: p.val(j), strict: true, attach: attStretch}, j + 1, true
	}
	if m, e, abbr, ok := p.month(j); ok && !abbr {
		return anchor{m: m, strict: true, attach: attStretch}, e, true
	}
	return a, 0, false
}

// thisAnchor parses "this morning", "this week", "this year", "this
// weekend", "this March", "this summer".
func (p *parser) thisAnchor(i int) (a anchor, end int, ok bool) {
	j := i + 1
	switch {
	case p.has(j, rDayPart): // this morning, this night
		return p.rel(p.pub, p.pub, claim.Day, 0), j + 1, true
	case p.has(j, rWeekend):
		lo, hi := p.weekend(false)
		return p.rel(lo, hi, claim.Day, attWeekend), j + 1, true
	case p.plainUnit(j):
		a, ok = p.calendarUnit(p.val(j), 0)
		return a, j + 1, ok
	case p.has(j, rSeason) && !p.has(j, rSeasonNeedsYear):
		return anchor{season: p.val(j), attach: attStretch}, j + 1, true
	}
	if m, e, abbr, ok := p.month(j); ok && !abbr && m <= p.pub.m {
		return anchor{y: p.pub.y, m: m, attach: attStretch}, e, true
	}
	return a, 0, false
}

// weekend is the most recent Saturday–Sunday not after pub, or the one
// before the current weekend when strict ("last weekend").
func (p *parser) weekend(strict bool) (lo, hi date) {
	back := (int(p.pub.weekday()) + 1) % 7 // days since Saturday
	if strict && back <= 1 {
		back += 7
	}
	lo = p.pub.addDays(-back)
	hi = lo.addDays(1)
	if p.pub.less(hi) {
		hi = p.pub
	}
	p.usedPub = true
	return lo, hi
}

// partAnchor parses "early March", "mid-2016", "late last year", "late on
// Sunday".
func (p *parser) partAnchor(i int) (a anchor, end int, ok bool) {
	part := p.val(i)
	j := i + 1
	if p.punct(j, '-') && p.adj(i) {
		j++
	}
	if p.has(j, rOn) {
		j++
	}
	a, end, ok = p.anchor(j, false)
	if !ok {
		return a, 0, false
	}
	a.part, a.bare = part, false
	if a.attach == 0 || a.attach == attDay {
		a.attach = attStretch
	}
	return a, end, true
}

// theAnchor parses phrases that start with "the".
func (p *parser) theAnchor(i int) (a anchor, end int, ok bool) {
	j := i + 1
	w := p.info(j)
	switch {
	case w == nil:
		if p.toks[min(j, len(p.toks)-1)].flags&fOrd != 0 { // the 5th of March
			if a, end, ok = p.numAnchor(j, false); ok && a.d != 0 {
				return a, end, true
			}
		}
	case w.has(rPartOf) && p.has(j+1, rOf): // the beginning of 2017
		a, end, ok = p.ofTarget(j + 2)
		if !ok {
			return a, 0, false
		}
		a.part, a.bare, a.attach = w.val, false, attPartOf
		return a, end, true
	case w.has(rPart) && w.val == 1 && p.has(j+1, rHours) && p.has(j+2, rOf): // the early hours of Sunday
		return p.dayOf(j+3, rIn|rOn|rDuring)
	case w.has(rDayPart) && p.has(j+1, rOf): // the night of March 5
		return p.dayOf(j+2, rOn|rDuring)
	case w.has(rOrdinal) && p.has(j+1, rUnit) && p.val(j+1) == uWeek && !p.has(j+1, rPlural) && p.has(j+2, rOf):
		a, end, ok = p.ofTarget(j + 3) // the first week of May
		if !ok || (a.rel && a.prec != claim.Month) || (!a.rel && (a.m == 0 || a.d != 0)) {
			return a, 0, false
		}
		a.week, a.bare, a.attach = w.val, false, rIn|rDuring|rOver
		return a, end, true
	case w.has(rOrdinal) && p.has(j+1, rDivision) && p.has(j+2, rOf): // the first half of 2017
		a, end, ok = p.ofTarget(j + 3)
		if !ok || w.val > p.val(j+1) {
			return a, 0, false
		}
		a.div, a.divIdx, a.bare, a.attach = p.val(j+1), w.val, false, attStretch|rOver
		return a, end, true
	case w.has(rOrdinal) && (w.val == 1 || w.val == -1): // the first three months of 2018
		n, vague, k, ok := p.count(j + 1)
		if !ok || vague || n < 1 || !p.has(k, rUnit) || !p.has(k, rPlural) || !p.has(k+1, rOf) {
			return a, 0, false
		}
		u := p.val(k)
		a, end, ok = p.ofTarget(k + 2)
		if !ok {
			return a, 0, false
		}
		a.firstN, a.firstU, a.bare, a.attach = n*w.val, u, false, attStretch|rOver
		return a, end, true
	case w.has(rSeason):
		a, end, ok = p.seasonAnchor(j)
		return a, end, ok
	case w.has(rUnit) && w.has(rOnly) && p.has(j+1, rBefore) && p.has(j+2, rDayWord) && p.val(j+2) == -1:
		d := p.pub.addDays(-2) // the day before yesterday
		return p.rel(d, d, claim.Day, rOn), j + 3, true
	case w.has(rWeekend):
		lo, hi := p.weekend(false)
		return p.rel(lo, hi, claim.Day, attWeekend), j + 1, true
	}
	return a, 0, false
}

// ofTarget parses what follows "the end of", "the first week of": an
// anchor, or "the year"/"the month"/"the week", meaning the current one.
func (p *parser) ofTarget(i int) (a anchor, end int, ok bool) {
	if p.has(i, rThe) && p.plainUnit(i+1) {
		a, ok = p.calendarUnit(p.val(i+1), 0)
		return a, i + 2, ok
	}
	return p.anchor(i, false)
}

// dayOf parses the day in "the early hours of Sunday", "the night of March 5".
func (p *parser) dayOf(i int, attach role) (a anchor, end int, ok bool) {
	a, end, ok = p.anchor(i, false)
	if !ok || (a.rel && a.prec != claim.Day) || (!a.rel && a.d == 0) {
		return a, 0, false
	}
	a.attach = attach
	return a, end, true
}

// seasonAnchor parses "summer 2016", "the summer of 2014", "winter".
func (p *parser) seasonAnchor(i int) (a anchor, end int, ok bool) {
	a = anchor{season: p.val(i), attach: attStretch}
	j := i + 1
	if p.has(j, rOf) {
		if y, ok := p.year(j + 1); ok {
			a.y = y
			return a, j + 2, true
		}
	}
	if y, ok := p.year(j); ok {
		a.y = y
		return a, j + 1, true
	}
	if p.has(i, rSeasonNeedsYear) { // "the fall of Aleppo"
		return a, 0, false
	}
	a.bare = true
	return a, j, true
}

// agoAnchor parses "two days ago", "a week ago", "a few months ago".
func (p *parser) agoAnchor(i int) (a anchor, end int, ok bool) {
	n, vague, j, ok := p.count(i)
	if !ok {
		return a, 0, false
	}
	u, _, ok := p.unit(j)
	if !ok || !p.has(j+1, rAgo) {
		return a, 0, false
	}
	end = j + 2
	pub := p.pub
	var lo, hi date
	var prec claim.Precision
	if vague {
		v := vagueAgo[u]
		lo, hi, prec = back(pub, v.u, v.far), back(pub, v.u, v.near), v.prec
	} else {
		// The unit that holds pub moved back n units: that day, Monday–Sunday
		// week, calendar month or year.
		lo, prec = back(pub, u, n), unitPrec[u]
		hi = lo
		if u == uHour { // "10 hours ago": today or yesterday
			hi = pub.addDays(-n / 24)
		}
	}
	switch prec {
	case claim.Week:
		if !vague {
			lo = lo.monday()
			hi = lo.addDays(6)
		}
	case claim.Month:
		if !vague {
			lo, hi = date{lo.y, lo.m, 1}, monthEnd(lo.y, lo.m)
		}
	case claim.Year:
		lo, hi = date{lo.y, 1, 1}, date{hi.y, 12, 31}
	}
	return p.rel(lo, hi, prec, 0), end, true
}

// back moves pub back n units; hours round up to whole days.
func back(pub date, u, n int) date {
	switch u {
	case uHour:
		return pub.addDays(-(n + 23) / 24)
	case uDay:
		return pub.addDays(-n)
	case uWeek:
		return pub.addDays(-7 * n)
	case uMonth:
		return pub.addMonths(-n)
	}
	return pub.addMonths(-12 * n)
}

// unitPrec is the precision of a period counted in a unit.
var unitPrec = [...]claim.Precision{uHour: claim.Day, uDay: claim.Day, uWeek: claim.Week, uMonth: claim.Month, uYear: claim.Year}

// vagueRolling is how far "in recent days", "the past few weeks" reach back
// for each unit, and the precision that leaves: one step coarser than the
// unit, since "few" could be two or ten.
var vagueRolling = [...]struct {
	u, n int
	prec claim.Precision
}{
	uHour:  {uDay, 1, claim.Day},
	uDay:   {uDay, 7, claim.Week},
	uWeek:  {uMonth, 1, claim.Month},
	uMonth: {uMonth, 6, claim.Month},
	uYear:  {uYear, 5, claim.Year},
}

// vagueAgo is the span of "a few days ago", "several years ago": from far
// to near units before pub.
var vagueAgo = [...]struct {
	u, far, near int
	prec         claim.Precision
}{
	uHour:  {uDay, 1, 0, claim.Day},
	uDay:   {uDay, 7, 2, claim.Week},
	uWeek:  {uDay, 61, 14, claim.Month},
	uMonth: {uMonth, 12, 2, claim.Month},
	uYear:  {uYear, 10, 2, claim.Year},
}

// resolve turns an anchor into an interval, filling in the year from pub
// when the text gives none.
func (p *parser) resolve(a *anchor) (lo, hi date, prec claim.Precision, ok bool) {
	switch {
	case a.rel:
		lo, hi, prec = a.lo, a.hi, a.prec
	case a.bareDay:
		return lo, hi, prec, false
	case a.season != 0:
		if a.y == 0 {
			p.usedPub = true
			a.y = p.pub.y
			if s, e := seasonSpan(a.y, a.season); p.pub.less(s) || a.strict && !e.less(p.pub) {
				a.y--
			}
		}
		lo, hi = seasonSpan(a.y, a.season)
		prec = claim.Month
	case a.m != 0 && a.d != 0:
		if a.y == 0 {
			p.usedPub = true
			a.y = p.pub.y
			if a.m > p.pub.m || a.m == p.pub.m && a.d > p.pub.d {
				a.y--
			}
			for k := 0; k < 8 && !validDate(a.y, a.m, a.d); k++ { // February 29
				a.y--
			}
		}
		if !validDate(a.y, a.m, a.d) {
			return lo, hi, prec, false
		}
		lo = date{a.y, a.m, a.d}
		hi, prec = lo, claim.Day
	case a.m != 0:
		if a.y == 0 {
			p.usedPub = true
			a.y = p.pub.y
			if a.m > p.pub.m || a.strict && a.m == p.pub.m {
				a.y--
			}
		}
		lo, hi, prec = date{a.y, a.m, 1}, monthEnd(a.y, a.m), claim.Month
	case a.y != 0:
		lo, hi, prec = date{a.y, 1, 1}, date{a.y, 12, 31}, claim.Year
	default:
		return lo, hi, prec, false
	}
	lo, hi, prec = applyPart(a, lo, hi, prec)
	return lo, hi, prec, true
}

// seasonSpan is season s (1 spring .. 4 winter) of year y: meteorological
// seasons, winter y running from December y into February y+1.
func seasonSpan(y, s int) (lo, hi date) {
	lo = date{y, 3 * s, 1}
	end := lo.addMonths(2)
	return lo, monthEnd(end.y, end.m)
}

// applyPart narrows a month or year to the part the text names: a third
// ("early", "mid", "late"), a week of the month, a half or quarter, or its
// first or last N days, weeks or months. A part of a day or week, or one
// that does not fit (the first 40 days of March), is ignored.
func applyPart(a *anchor, lo, hi date, prec claim.Precision) (date, date, claim.Precision) {
	if a.season != 0 {
		if a.part != 0 { // early summer: its first month
			first := lo.addMonths(a.part - 1)
			return first, monthEnd(first.y, first.m), claim.Month
		}
		return lo, hi, prec
	}
	isMonth := prec == claim.Month && lo.d == 1
	isYear := prec == claim.Year && lo.m == 1 && lo.d == 1
	if !isMonth && !isYear {
		return lo, hi, prec
	}
	if a.week == 0 && a.part == 0 && a.div == 0 && a.firstN == 0 {
		return lo, hi, prec
	}
	// Parts divide the whole calendar unit, even when it is the current
	// one ("earlier this year" ends at pub, "early this year" is Jan-Apr).
	if isMonth {
		hi = monthEnd(lo.y, lo.m)
	} else {
		hi = date{lo.y, 12, 31}
	}
	last := daysIn(lo.y, lo.m)
	switch {
	case a.week != 0 && isMonth:
		if a.week < 0 {
			return date{lo.y, lo.m, last - 6}, hi, claim.Week
		}
		return date{lo.y, lo.m, 7*a.week - 6}, date{lo.y, lo.m, 7 * a.week}, claim.Week
	case a.part != 0 && isMonth:
		if a.part == 3 {
			return date{lo.y, lo.m, 21}, hi, claim.Week
		}
		return date{lo.y, lo.m, 10*a.part - 9}, date{lo.y, lo.m, 10 * a.part}, claim.Week
	case a.part != 0:
		return date{lo.y, 4*a.part - 3, 1}, monthEnd(lo.y, 4*a.part), claim.Month
	case a.div != 0:
		k := a.divIdx
		if k < 0 {
			k = a.div
		}
		if isMonth { // the first half of March
			return date{lo.y, lo.m, (k-1)*last/a.div + 1}, date{lo.y, lo.m, k * last / a.div}, claim.Week
		}
		per := 12 / a.div
		return date{lo.y, (k-1)*per + 1, 1}, monthEnd(lo.y, k*per), claim.Month
	case a.firstN != 0:
		n, fromEnd := a.firstN, a.firstN < 0
		if fromEnd {
			n = -n
		}
		var days int
		switch {
		case a.firstU == uDay:
			days, prec = n, claim.Day
		case a.firstU == uWeek:
			days, prec = 7*n, claim.Week
		case a.firstU == uMonth && isYear && n <= 12:
			if fromEnd {
				return date{lo.y, 13 - n, 1}, hi, claim.Month
			}
			return lo, monthEnd(lo.y, n), claim.Month
		}
		if days == 0 || days > int(hi.time().Sub(lo.time()).Hours()/24)+1 {
			return lo, hi, prec
		}
		if fromEnd {
			return hi.addDays(1 - days), hi, prec
		}
		return lo, lo.addDays(days - 1), prec
	}
	return lo, hi, prec
}

// pointOrRange parses an anchor at i, and a range when a connector and a
// second anchor follow ("October-December 2017", "1-5 March").
func (p *parser) pointOrRange(i int) (m match, ok bool) {
	a, j, ok := p.anchor(i, true)
	if !ok {
		return m, false
	}
	if p.punct(j, '-') || p.has(j, rTo) && !p.has(j, rBlock) {
		if b, k, ok := p.anchor(j+1, a.m != 0 && a.d != 0 && !a.rel); ok {
			if lo, hi, prec, ok := p.combine(a, b); ok {
				return match{start: i, end: k, lo: lo, hi: hi, prec: prec,
					attach: attStretch | rOver | rOn, bare: a.bare && b.bare}, true
			}
		}
	}
	lo, hi, prec, ok := p.resolve(&a)
	if !ok {
		return m, false
	}
	att := a.attach
	if att == 0 && !a.rel {
		att = attStretch
		if a.d != 0 {
			att = attDay
		}
	}
	m = match{start: i, end: j, lo: lo, hi: hi, prec: prec, attach: att, bare: a.bare}
	if a.season != 0 {
		m.ctx = rIn | rDuring | rThroughout
	}
	return m, true
}

// combine resolves the two ends of a range, each taking from the other
// what it leaves out.
func (p *parser) combine(a, b anchor) (lo, hi date, prec claim.Precision, ok bool) {
	switch {
	case a.bareDay && b.bareDay:
		return lo, hi, prec, false
	case a.bareDay: // 1-5 March
		if b.rel || b.m == 0 || b.d == 0 || a.d > b.d {
			return lo, hi, prec, false
		}
		a = anchor{y: b.y, m: b.m, d: a.d}
	case b.bareDay: // March 1-5
		if a.rel || a.m == 0 || a.d == 0 || b.d < a.d {
			return lo, hi, prec, false
		}
		b = anchor{y: a.y, m: a.m, d: b.d}
	}
	if a.wday != 0 && b.wday != 0 { // from Friday to Sunday: the Friday before that Sunday
		d := b.lo.addDays(-((b.wday - a.wday + 7) % 7))
		a.lo, a.hi = d, d
	}
	if !a.rel && !b.rel {
		switch {
		case a.y == 0 && b.y != 0:
			a.y = b.y
			if la, _, _, ok1 := p.resolve(&a); ok1 {
				if lb, _, _, ok2 := p.resolve(&b); ok2 && lb.less(la) {
					a.y--
				}
			}
		case a.y != 0 && b.y == 0:
			b.y = a.y
			if la, _, _, ok1 := p.resolve(&a); ok1 {
				if lb, _, _, ok2 := p.resolve(&b); ok2 && lb.less(la) {
					b.y++
				}
			}
		case a.y == 0 && b.y == 0:
			if _, _, _, ok := p.resolve(&b); !ok {
				return lo, hi, prec, false
			}
			a.y = b.y
			if la, _, _, ok1 := p.resolve(&a); ok1 {
				if lb, _, _, _ := p.resolve(&b); lb.less(la) {
					a.y--
				}
			}
		}
	}
	la, _, pa, ok1 := p.resolve(&a)
	_, hb, pb, ok2 := p.resolve(&b)
	if !ok1 || !ok2 || hb.less(la) {
		return lo, hi, prec, false
	}
	return la, hb, coarser(pa, pb), true
}

// since parses "since 2014", "since October", "since the beginning of the
// year": from the anchor's first day to pub.
func (p *parser) since(i int) (m match, ok bool) {
	j := i + 1
	var a anchor
	var end int
	if p.has(j, rThe) && p.has(j+1, rPartOf) && p.val(j+1) == 1 && p.has(j+2, rOf) {
		a, end, ok = p.ofTarget(j + 3) // the start of X is where X starts
	} else {
		a, end, ok = p.anchor(j, false)
	}
	if !ok {
		return m, false
	}
	lo, _, prec, ok := p.resolve(&a)
	p.usedPub = true
	if !ok || p.pub.less(lo) {
		return m, false
	}
	return match{start: i, end: end, lo: lo, hi: p.pub, prec: prec}, true
}

// fromRange parses "from X to Y", "between X and Y", "from 2014 to date".
func (p *parser) fromRange(i int) (m match, ok bool) {
	between := p.has(i, rBetween)
	a, j, ok := p.anchor(i+1, true)
	if !ok {
		return m, false
	}
	if between && !p.has(j, rAnd) && !p.punct(j, '-') || !between && !p.has(j, rTo) && !p.punct(j, '-') {
		return m, false
	}
	var b anchor
	k := j + 1
	if p.has(k, rThe) && p.has(k+1, rNow) {
		k++
	}
	if !between && p.has(k, rNow) { // to date, until now, to the present
		b, k = p.rel(p.pub, p.pub, claim.Day, 0), k+1
	} else if b, k, ok = p.anchor(j+1, a.m != 0 && a.d != 0 && !a.rel); !ok {
		return m, false
	}
	lo, hi, prec, ok := p.combine(a, b)
	if !ok {
		return m, false
	}
	return match{start: i, end: k, lo: lo, hi: hi, prec: prec}, true
}

// rolling parses periods that end at pub: "the past 24 hours", "in the
// last two weeks", "over the past three months", "in recent days".
func (p *parser) rolling(i int) (m match, ok bool) {
	j := i
	the := p.has(j, rThe)
	if the {
		j++
	}
	n, vague := 1, false
	var u int
	switch {
	case p.has(j, rRecent):
		var plural bool
		if u, plural, ok = p.unit(j + 1); !ok || !plural {
			return m, false
		}
		vague, j = true, j+1
	case p.has(j, rPast|rLast):
		last := p.has(j, rLast)
		j++
		c, v, k, hasCount := p.count(j)
		if hasCount {
			n, vague, j = c, v, k
		}
		if u, _, ok = p.unit(j); !ok {
			return m, false
		}
		if last && !the && !hasCount { // "last week": the calendar week
			return m, false
		}
	default:
		return m, false
	}
	if p.has(j+1, rOf|rAgo) || p.compound(j) { // "the last week of March"
		return m, false
	}
	p.usedPub = true
	lo, prec := back(p.pub, u, n), unitPrec[u]
	if vague {
		v := vagueRolling[u]
		lo, prec = back(p.pub, v.u, v.n), v.prec
	}
	pub := p.pub
	return match{start: i, end: j + 1, lo: lo, hi: pub, prec: prec, attach: attRolling}, true
}

// rate parses "every week", "per day", "30 a week", "daily".
func (p *parser) rate(i int) (m match, ok bool) {
	w := p.info(i)
	switch {
	case w.has(rRateDet):
		j := i + 1
		if p.has(j, rSingle) {
			j++
		}
		if n, ok := p.number(j); ok && n == 24 && p.has(j+1, rUnit) && p.val(j+1) == uHour {
			return match{start: i, end: j + 2, rate: claim.RateDay}, true
		}
		if u, plural, ok := p.unit(j); ok && !plural && u != uHour {
			return match{start: i, end: j + 1, rate: unitRate[u]}, true
		}
	case w.has(rArticle):
		u, plural, ok := p.unit(i + 1)
		if !ok || plural || u == uHour || p.has(i+2, rRateBlockNext) || p.punct(i+2, '-') ||
			p.has(i-1, rRateBlockPrev) || !p.countBefore(i) {
			return m, false
		}
		return match{start: i, end: i + 2, rate: unitRate[u]}, true
	case w.has(rRateAdv):
		// "Daily Sabah", "the daily Tishreen", "daily life": names and
		// adjectives, not rates; "the daily death toll" is one.
		next := i + 1
		if p.capital(i) || p.capital(next) || p.has(next, rAdjBlockNext) ||
			p.has(i-1, rDeterminer) && !p.has(next, rAdjKeepNext) {
			return m, false
		}
		return match{start: i, end: i + 1, rate: unitRate[w.val]}, true
	}
	return m, false
}

// countBefore reports whether a count precedes token i closely in the same
// sentence, as in "killing 30 people a day" or "twice a day".
func (p *parser) countBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-6 && k >= p.lastEnd; k-- {
		t := &p.toks[k]
		switch t.kind {
		case kNum:
			return true
		case kPunct:
			if t.ch == '.' || t.ch == ';' || t.ch == ':' || t.ch == '!' || t.ch == '?' {
				return false
			}
		case kWord:
			if w := p.info(k); w.has(rQuant|rFreq|rVague) || w.has(rNum) && !w.has(rArticle) {
				return true
			}
		}
	}
	return false
}
