// Package timex finds time expressions in English news text and resolves
// them against the article's publication date. It owns everything tally
// knows about dates in prose: absolute dates ("5 March 2017", "March 5",
// "2018-04-07", "05.10.2017", "Sun 10 Jul 2016"), months, years and seasons,
// parts of them ("mid-March", "late 2016", "the end of last year", "the
// first week of May", "the first half of 2017", "the first three months of
// 2018"), ranges ("From October 2017 to March 2018", "between
// January and March", "1-5 March", "October-December 2017"), open periods
// ("since 2014", "since the beginning of the year"), expressions relative
// to the publication date ("on Sunday", "yesterday", "last week", "in the
// past 48 hours", "two weeks ago") and rates ("every week", "30 a day",
// "daily").
//
// Resolution conventions. Every period is a pair of inclusive calendar dates
// with a precision: the unit it is known to (a range takes the coarser of
// its two ends). Publication is "pub".
//   - News speaks of the past: an expression without a year ("March 5", "in
//     March") is the most recent such date or month at or before pub; a
//     weekday is the most recent such day on or before pub (pub itself when
//     it falls on that weekday); "last Sunday" and "last March" are strictly
//     before pub's day or month.
//   - Weeks run Monday to Sunday. "last week" is the previous whole week;
//     "this week" and "earlier this week" run from this week's Monday to
//     pub; likewise "this month"/"this year" run from the month's or year's
//     first day to pub, and "last month"/"last year" are whole calendar units.
//   - Rolling periods end at pub: "the past N days" is pub-N..pub (day),
//     "the past 24/48 hours" pub-1/pub-2..pub (day), "the past N weeks"
//     pub-7N..pub (week), months and years go back N calendar months or years
//     (month, year precision). Vague counts ("in recent days", "the past few
//     days") reach back one step further: 7 days (precision week) for days,
//     one month for weeks, six months for months, five years for years.
//   - "N days ago" is that day; "N weeks ago" the Monday–Sunday week holding
//     pub-7N; "N months ago" and "N years ago" that calendar month or year.
//     "a few days ago" is pub-7..pub-2 (week), and so on for other units.
//   - "yesterday" is pub-1, "the day before yesterday" pub-2, "today",
//     "tonight", "this morning" pub, "overnight" and "last night"
//     pub-1..pub, "overnight Sunday" that Sunday and the next day (up to
//     pub), "the weekend" the most recent Saturday–Sunday not after pub.
//   - What may lie ahead is not placed: "next Sunday", "this Saturday",
//     "in the coming days" yield nothing.
//   - Parts: early/beginning, mid/middle and late/end are the thirds of a
//     month (days 1–10, 11–20, 21–end; precision week) or of a year (Jan–Apr,
//     May–Aug, Sep–Dec; precision month); "the first week of May" is days
//     1–7 (week); halves and quarters split the month (week) or year
//     (month); "the first N days/weeks/months of X" take the unit's
//     precision. A part of a day or week is ignored ("late Sunday" is that
//     Sunday). Seasons are meteorological (spring Mar–May ... winter Y is
//     Dec Y–Feb Y+1; precision month).
//   - "since X" runs from X's first day to pub with X's precision; "since the
//     beginning of X" is the same as "since X". An X that cannot be dated
//     ("since the start of the war") yields nothing.
//   - Ranges take missing parts of one end from the other ("1-5 March",
//     "between January and March 2018"); when neither end has a year, the
//     later end is placed at or before pub and the earlier end before it
//     ("from Friday to Sunday" is the Friday before that Sunday).
//   - Expressions relative to an unknown event ("a day later", "the
//     previous week", "two days after") and vague ones ("recently") yield
//     nothing, nor do boundaries ("until May", "by 2019", "before March").
//   - When the publication date is unknown (zero), only expressions that
//     carry their own year are resolved; everything else is dropped.
//
// A span includes the preposition that introduces it ("on Sunday", "in March
// 2017", "over the past week", "since 2014"). Months must be capitalised
// and, when alone, introduced ("in May", "during March"), so that "may be
// killed", "at May talks" and "a march" are not dates; a four-digit number
// is a year only when introduced ("in 2014", "of 2014", "since 2014") or
// part of a date, so "1935 05.10.2017" yields only 2017-10-05, and "the 2011
// uprising" and "between 1900 and 2000 people" yield nothing.
//
// Rates ("every week", "each day", "per month", "30 a week", "weekly",
// "daily", "annually") carry Rate and no Period. "a day" is a rate only
// after a count ("killing 30 people a day", "twice a day"), never in "a day
// after", "in a day" or "more than a year".
//
// Find is linear in the text: one tokenising pass, and from each token a
// bounded look-ahead.
package timex

import (
	"math"
	"strings"
	"sync"
	"time"

	"github.com/tallyhq/tally/internal/claim"
)

// Expr is one time expression of a text.
type Expr struct {
	Start, End int           // byte offsets into the text given to Find
	Period     *claim.Period // when the expression dates events; Text == text[Start:End]
	Rate       string        // claim.RateDay/Week/Month/Year for a rate ("every week")
}

// parser holds the state of one Find call; pooled so repeated calls reuse
// the token slice.
type parser struct {
	text      string
	toks      []tok
	pub       date
	hasPub    bool
	usedPub   bool // the current attempt resolved something against pub
	depth     int  // nesting of anchor parses, bounded to keep Find linear
	lastEnd   int  // token index after the last match
	prevMatch bool // the last match ended at lastEnd and was kept
	steps     int  // anchor parses tried, for the linearity test
	found     []found
}

// found is an expression run keeps, made an Expr when run ends, so that
// all of a text's expressions, periods and dates take three allocations.
type found struct {
	start, end int
	rate       string
	period     bool // lo, hi and prec make its Period
	lo, hi     date
	prec       claim.Precision
}

var parserPool = sync.Pool{New: func() any { return new(parser) }}

// Find returns the time expressions of text in order, non-overlapping.
// published is the publication date (its calendar day in its own location);
// when zero, expressions that need it are dropped.
func Find(text string, published time.Time) []Expr {
	if len(text) > math.MaxInt32 {
		text = text[:math.MaxInt32] // offsets are int32; such a text is not news
	}
	if !mayHaveTime(text) {
		return nil
	}
	p := parserPool.Get().(*parser)
	out := p.find(text, published)
	p.text = ""
	if cap(p.toks) <= 1<<16 { // don't let one huge text pin memory in the pool
		parserPool.Put(p)
	}
	return out
}

func (p *parser) find(text string, published time.Time) []Expr {
	p.text = text
	p.toks = tokenize(p.toks[:0], text)
	p.lastEnd, p.prevMatch, p.steps = 0, false, 0
	p.found = p.found[:0]
	p.pub, p.hasPub = date{2000, 1, 1}, false // a placeholder keeps date arithmetic sane
	if !published.IsZero() {
		if d := dateOf(published); d.y >= 1 && d.y <= 9999 {
			p.pub, p.hasPub = d, true
		}
	}
	return p.run()
}

// match is one expression found at a token.
type match struct {
	start, end int // token indexes, end exclusive
	lo, hi     date
	prec       claim.Precision
	rate       string
	attach     role // prepositions before start that belong to the span
	bare       bool // a month, year or season alone: needs a context word before it
	ctx        role // the context words a bare match admits; rCtx when zero
}

// startRoles are the roles of words an expression can begin with; all other
// words are skipped without trying any rule.
const startRoles = rMonth | rWeekday | rWeekdayAbbr | rDayWord | rOvernight | rLast |
	rThis | rEarlier | rPart | rThe | rSeason | rNum | rVague | rCouple | rRateDet |
	rRateAdv | rSince | rFrom | rBetween | rPast | rRecent

func (p *parser) run() []Expr {
	toks := p.toks
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.kind != kNum && (t.kind != kWord || lexWords[t.w].roles&startRoles == 0) {
			i++
			continue
		}
		p.usedPub, p.depth = false, 0
		m, ok := p.at(i)
		if !ok || m.end <= i {
			i++
			continue
		}
		start, end := int(toks[m.start].start), int(toks[m.end-1].end)
		if m.rate != "" {
			p.found = append(p.found, found{start: start, end: end, rate: m.rate})
			p.lastEnd, p.prevMatch, i = m.end, true, m.end
			continue
		}
		if m.bare && !p.bareOK(m.start, m.ctx) {
			i++
			continue
		}
		s := m.start
		if s-1 >= p.lastEnd && p.has(s-1, m.attach) {
			s--
			start = int(toks[s].start)
		}
		keep := (p.hasPub || !p.usedPub) && !p.blocked(s, m.end, p.usedPub) &&
			!m.hi.less(m.lo) && m.lo.y >= 1 && m.hi.y <= 9999
		if keep {
			p.found = append(p.found, found{start: start, end: end, period: true, lo: m.lo, hi: m.hi, prec: m.prec})
		}
		p.lastEnd, p.prevMatch, i = m.end, keep, m.end
	}
	return p.exprs()
}

// exprs makes the Exprs of p.found: one slice of them, one of their
// periods and one string of the periods' dates.
func (p *parser) exprs() []Expr {
	if len(p.found) == 0 {
		return nil
	}
	out := make([]Expr, len(p.found))
	n := 0
	for _, f := range p.found {
		if f.period {
			n++
		}
	}
	var periods []claim.Period
	var dates string
	if n > 0 {
		periods = make([]claim.Period, 0, n)
		var b strings.Builder
		b.Grow(2 * dateLen * n)
		for _, f := range p.found {
			if f.period {
				f.lo.writeTo(&b)
				f.hi.writeTo(&b)
			}
		}
		dates = b.String()
	}
	for k, f := range p.found {
		out[k] = Expr{Start: f.start, End: f.end, Rate: f.rate}
		if f.period {
			d := dates[2*dateLen*len(periods):]
			periods = append(periods, claim.Period{Start: d[:dateLen], End: d[dateLen : 2*dateLen], Precision: f.prec, Text: p.text[f.start:f.end]})
			out[k].Period = &periods[len(periods)-1]
		}
	}
	p.found = p.found[:0]
	return out
}

// bareOK reports whether a month or year alone at token i is introduced as
// a date: "in May", "of 2014", or listed after one ("in 2014 and 2015").
// Seasons admit fewer words: "the spring campaign" is not a date.
func (p *parser) bareOK(i int, ctx role) bool {
	if ctx == 0 {
		ctx = rCtx
	}
	if p.has(i-1, ctx) {
		return true
	}
	return p.prevMatch && i-1 == p.lastEnd && (p.has(i-1, rAnd|rOr) || p.punct(i-1, ','))
}

// blocked reports whether the expression at tokens [s, e) is a boundary
// ("until May", "by 2019", "ahead of Sunday's talks") rather than when
// something happened, or, when resolved against pub (relative), may lie
// ahead ("next Sunday", "this Saturday", which this package does not
// place; "this Oct. 11 2016 file photo" is kept). A possessive ("by
// Sunday's strikes") is not blocked.
func (p *parser) blocked(s, e int, relative bool) bool {
	if p.punct(e, '\'') && p.adj(e-1) {
		return false
	}
	if p.has(s-1, rBlock) || relative && p.has(s-1, rFuture) {
		return true
	}
	return p.has(s-1, rOf|rTo) && p.has(s-2, rBlock2)
}

// at tries the rules that can start at token i, longest-meaning first.
func (p *parser) at(i int) (match, bool) {
	if !p.mayStart(i) {
		return match{}, false
	}
	return p.tryRules(i)
}

// Words that may follow "the" in an expression starting with it (see
// rolling and theAnchor), and "a" or "an" (see rate and count).
const (
	theNext = rRecent | rPast | rLast | rPartOf | rPart | rDayPart | rOrdinal | rSeason | rUnit | rWeekend
	aNext   = rUnit | rVague | rCouple
)

// mayStart is false when the rules cannot match at token i, told from the
// next token alone. "The", "a" and numbers are the commonest starts and
// mostly lead nowhere; tryRules would find that out at far greater cost.
func (p *parser) mayStart(i int) bool {
	w := p.info(i)
	if w == nil {
		if i < len(p.toks) && p.toks[i].kind == kNum {
			return p.numMayStart(i)
		}
		return true
	}
	switch w.roles {
	case rThe | rDeterminer:
		return p.has(i+1, theNext) || i+1 < len(p.toks) && p.toks[i+1].flags&fOrd != 0 // "the 5th of March"
	case rNum | rArticle | rDeterminer:
		return p.has(i+1, aNext)
	}
	return true
}

// numMayStart is mayStart for a number (see numAnchor and count): four
// digits may be a year; one or two a day before a month ("5 March", "5th
// of March"), the first of a range ("1-5 March", "1 to 5 March") or of a
// dotted date ("05.10.2017"); up to three a count before a unit ("3 days
// ago"). Nothing else starts with a number.
func (p *parser) numMayStart(i int) bool {
	switch n := p.toks[i].ndig; {
	case n == 4:
		return true
	case n <= 2:
		return p.has(i+1, rUnit|rMonth|rOf|rTo) || p.punct(i+1, '.') || p.punct(i+1, '-')
	case n == 3:
		return p.has(i+1, rUnit)
	}
	return false
}

// tryRules is at without the shortcut of mayStart.
func (p *parser) tryRules(i int) (match, bool) {
	if w := p.info(i); w != nil {
		if w.has(rSince) {
			return p.since(i)
		}
		if w.has(rFrom | rBetween) {
			return p.fromRange(i)
		}
		if w.has(rRateDet | rArticle | rRateAdv) {
			if m, ok := p.rate(i); ok {
				return m, true
			}
		}
		if w.has(rThe | rPast | rLast | rRecent) {
			if m, ok := p.rolling(i); ok {
				return m, true
			}
		}
	}
	return p.pointOrRange(i)
}

// Token accessors, all safe out of range.

func (p *parser) info(i int) *wordInfo {
	if i < 0 || i >= len(p.toks) || p.toks[i].w == 0 {
		return nil
	}
	return &lexWords[p.toks[i].w]
}

func (p *parser) has(i int, r role) bool { return p.info(i).has(r) }

func (p *parser) val(i int) int {
	if w := p.info(i); w != nil {
		return w.val
	}
	return 0
}

func (p *parser) punct(i int, c byte) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == kPunct && p.toks[i].ch == c
}

// adj reports whether tokens i and i+1 touch (no space between).
func (p *parser) adj(i int) bool {
	return i >= 0 && i+1 < len(p.toks) && p.toks[i].end == p.toks[i+1].start
}

func (p *parser) capital(i int) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == kWord && p.toks[i].flags&fCap != 0
}

// number is a plain number token's value (not "5th").
func (p *parser) number(i int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != kNum || p.toks[i].flags&fOrd != 0 || p.toks[i].num < 0 {
		return 0, false
	}
	return int(p.toks[i].num), true
}

// year is a four-digit year 1900..2099 at token i.
func (p *parser) year(i int) (int, bool) {
	n, ok := p.number(i)
	if !ok || p.toks[i].ndig != 4 || n < 1900 || n > 2099 {
		return 0, false
	}
	return n, true
}

// day is a day of the month at token i: "5", "05", "5th".
func (p *parser) day(i int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != kNum || p.toks[i].ndig > 2 {
		return 0, false
	}
	n := int(p.toks[i].num)
	return n, n >= 1 && n <= 31
}

// month reads a month name at i. Full names and abbreviations must be
// capitalised, since "may" and "march" are also a verb and a noun; an
// abbreviation may carry its full stop ("Jan.").
func (p *parser) month(i int) (m, end int, abbr, ok bool) {
	w := p.info(i)
	if !w.has(rMonth) || !p.capital(i) {
		return 0, 0, false, false
	}
	end = i + 1
	abbr = w.has(rMonthAbbr)
	if abbr && p.punct(end, '.') && p.adj(i) {
		end++
	}
	return w.val, end, abbr, true
}

// unit reads a unit of time at i.
func (p *parser) unit(i int) (u int, plural, ok bool) {
	w := p.info(i)
	if !w.has(rUnit) {
		return 0, false, false
	}
	return w.val, w.has(rPlural), true
}

// count reads a count before a unit: digits, a number word ("two",
// "twenty-four"), "a"/"an", or a vague "few"/"several"/"a few"; "a couple
// of" is two.
func (p *parser) count(i int) (n int, vague bool, end int, ok bool) {
	if v, ok := p.number(i); ok && p.toks[i].ndig <= 4 {
		return v, false, i + 1, true
	}
	w := p.info(i)
	switch {
	case w == nil:
		return 0, false, 0, false
	case w.has(rArticle):
		if p.has(i+1, rVague) {
			return 0, true, i + 2, true
		}
		if p.has(i+1, rCouple) {
			return p.count(i + 1)
		}
		return 1, false, i + 1, true
	case w.has(rVague):
		return 0, true, i + 1, true
	case w.has(rCouple):
		end = i + 1
		if p.has(end, rOf) {
			end++
		}
		return 2, false, end, true
	case w.has(rNum):
		n, end = w.val, i+1
		if n >= 20 && n%10 == 0 { // twenty-four, twenty four
			j := end
			if p.punct(j, '-') {
				j++
			}
			if w2 := p.info(j); w2.has(rNum) && !w2.has(rArticle) && w2.val < 10 {
				n, end = n+w2.val, j+1
			}
		}
		return n, false, end, true
	}
	return 0, false, 0, false
}
