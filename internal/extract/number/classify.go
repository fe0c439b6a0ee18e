package number

// This file decides what kind of number an expression is, from its shape
// and the words around it. The order of the checks in kindOf is the policy:
// the shape of the digits first (dates, times), then what the number is
// attached to (identifiers, money), then the words after it (units), then
// the words before it, and the year/count question last.

// afterCtx is what the words right after a number say about it.
type afterCtx struct {
	kind       Kind // Percent, Money, Age, TimeOfDay or Measure; Count when silent
	duration   bool // the unit is a span of time
	month      bool // "5 March", "5th of March"
	date       bool // a numeric date follows: "1935 05.10.2017"
	hhmm       bool // "0900 hours", "1400 local time"
	countNoun  bool // "2000 people"
	hyphenWord bool // "one-sided": a plain word hyphenated to the number
	era        bool // "1750 BC"
}

// beforeCtx is what the words right before a number say about it.
type beforeCtx struct {
	month       bool // "March 5", "Oct. 11"
	age         bool // "aged 15", "the age of 15"
	yearPrep    bool // "in 2014", "since 2013"
	countVerb   bool // "killed 2000", "a toll of 2000"
	stamp       bool // "updated 1935"
	atAfterDate bool // "Apr 2017 at 1935"
}

func (f *finder) after(end int, vague bool) afterCtx {
	s := f.s
	var a afterCtx
	t := f.next(end)
	if isSym(s, t, '%') {
		a.kind = Percent
		return a
	}
	hyphen := false
	if isSym(s, t, '-') && t.s == end && t.e < len(s) && isAlpha(s[t.e]) {
		t = f.next(t.e)
		hyphen = true
	}
	if t.k == tNum {
		a.date = lexNumber(s, t.s).form == formDate
		return a
	}
	if t.k != tWord {
		return a
	}
	if vague && is(s, t, "of") {
		// "hundreds of kilometres", "thousands of dollars"
		t = f.next(t.e)
	}
	e := f.look(t)
	switch {
	case e.flags&fPercent != 0, is(s, t, "per") && is(s, f.next(t.e), "cent"):
		a.kind = Percent
	case e.flags&fMoney != 0, e.flags&fCurrencyAdj != 0 && f.look(f.next(t.e)).flags&fMoney != 0:
		a.kind = Money
	case e.flags&fMonth != 0 && isUpper(s[t.s]):
		a.month = true
	case is(s, t, "of"):
		m := f.next(t.e)
		a.month = f.look(m).flags&fMonth != 0 && isUpper(s[m.s])
	case e.flags&fClock != 0:
		a.kind = TimeOfDay
	case (is(s, t, "a") || is(s, t, "p")) && t.e+1 < len(s) && s[t.e] == '.' && is(s, f.next(t.e+1), "m"):
		a.kind = TimeOfDay // "3 a.m."
	case e.flags&fMeasure != 0:
		a.kind = Measure
		a.duration = e.flags&fDuration != 0
		a.hhmm = e.flags&fHHMM != 0
		if a.duration {
			n := f.next(t.e)
			if isSym(s, n, '-') {
				n = f.next(n.e)
			}
			if is(s, n, "old") || (is(s, n, "of") && is(s, f.next(n.e), "age")) {
				a.kind = Age
			}
		}
	case e.flags&fHHMM != 0:
		a.hhmm = is(s, f.next(t.e), "time")
	case e.flags&fEra != 0 && allUpper(s[t.s:t.e]):
		a.era = true
	default:
		// A capitalised noun starts the next sentence or a headline
		// ("July 30 2014 Bombs in Aleppo"), so only lower case counts.
		a.countNoun = e.flags&fCountNoun != 0 && !isUpper(s[t.s])
		a.hyphenWord = hyphen
	}
	return a
}

func (f *finder) before(start int) beforeCtx {
	s := f.s
	var b beforeCtx
	p := f.prev(start)
	if isSym(s, p, '.') {
		// "Oct. 11"
		w := f.prev(p.s)
		b.month = w.k == tWord && w.e == p.s && f.look(w).flags&fMonth != 0 && isUpper(s[w.s])
		return b
	}
	if p.k != tWord {
		return b
	}
	e := f.look(p)
	b.month = e.flags&fMonth != 0 && isUpper(s[p.s])
	b.age = e.flags&fAgeBefore != 0
	b.yearPrep = e.flags&fYearPrep != 0
	b.countVerb = e.flags&fCountVerb != 0
	b.stamp = e.flags&fStamp != 0
	if is(s, p, "of") || is(s, p, "at") || is(s, p, "to") {
		pp := f.prev(p.s)
		b.age = is(s, p, "of") && is(s, pp, "age")
		b.countVerb = f.look(pp).flags&fCountVerb != 0
		b.atAfterDate = is(s, p, "at") && (pp.k == tNum || (pp.k == tWord && f.look(pp).flags&fMonth != 0 && isUpper(s[pp.s])))
	}
	return b
}

// identBefore reports whether the number at i names something rather than
// counting it: letters glued to it ("MH17"), a capitalised prefix and a
// hyphen ("Su-24", "A-10"), "No. 5", or an identifier noun ("Resolution
// 2254"). chain reports an identifier noun whose following numbers are all
// identifiers ("URL 0 612").
func (f *finder) identBefore(i int) (id, chain bool) {
	s := f.s
	if i > 0 && isAlpha(s[i-1]) {
		return true, false
	}
	p := f.prev(i)
	switch {
	case p.k == tNum:
		return p.e == f.chainEnd, true
	case isSym(s, p, ','), is(s, p, "and"), is(s, p, "or"):
		// "resolutions 2118 and 2254"
		pp := f.prev(p.s)
		return pp.k == tNum && pp.e == f.chainEnd, true
	case isSym(s, p, '#'):
		return true, false
	case isSym(s, p, '-') && p.e == i:
		w := f.prev(p.s)
		return w.k == tWord && w.e == p.s && isUpper(s[w.s]) && (w.e-w.s <= 5 || allUpper(s[w.s:w.e])) &&
			f.look(w).flags&fMonth == 0, false
	case isSym(s, p, '.'):
		w := f.prev(p.s)
		return w.e == p.s && (is(s, w, "no") || is(s, w, "nos")) && isUpper(s[w.s]), false
	case p.k == tWord:
		e := f.look(p)
		if e.flags&fIdent != 0 {
			return true, e.flags&fIdentChain != 0
		}
		return e.flags&fIdentCap != 0 && isUpper(s[p.s]), false
	}
	return false, false
}

// moneyBefore reports a currency sign or code before the number at i.
func (f *finder) moneyBefore(i int) bool {
	p := f.prev(i)
	return isSym(f.s, p, '$') || f.look(p).flags&fMoneyPre != 0
}

func isYear(v int64) bool { return v >= 1900 && v <= 2099 }

func validHHMM(v int64) bool { return v/100 <= 23 && v%100 <= 59 }

// classify decides the kind of x and drops qualifiers that belong to
// amounts only. emit is false for a "one" that is a pronoun.
func (f *finder) classify(x *expr) (k Kind, emit bool) {
	k, duration, chain, emit := f.kindOf(x)
	if x.qual != qNone && !(x.hasQ2 && (x.qual == qBetween || x.qual == qFrom)) {
		drop := false
		switch k {
		case Year, DatePart, TimeOfDay, Ordinal, Identifier, Other:
			drop = true
		case Measure:
			drop = x.qualOver && duration // "over two days" is "during"
		}
		if drop {
			x.start, x.qual = x.numStart, qNone
		}
	}
	if k == Identifier && chain {
		f.chainEnd = x.end
	}
	return k, emit
}

func (f *finder) kindOf(x *expr) (k Kind, duration, chain, emit bool) {
	q := &x.q1
	if q.over {
		return Identifier, false, false, true
	}
	switch q.form {
	case formDate:
		return DatePart, false, false, true
	case formTime:
		return TimeOfDay, false, false, true
	case formDotted:
		return Identifier, false, false, true
	case formRatio:
		return Other, false, false, true
	case formSlash:
		if q.nd == 4 && isYear(q.val) && (q.bn == 2 || q.bn == 4) {
			return Year, false, false, true // "2017/18"
		}
		if q.val >= 1 && q.val <= 31 && q.b >= 1 && q.b <= 31 && (q.val <= 12 || q.b <= 12) {
			return DatePart, false, false, true // "9/11", "5/10"
		}
		return Other, false, false, true
	}
	if q.identSfx {
		return Identifier, false, false, true
	}
	if q.digits {
		if id, ch := f.identBefore(x.numStart); id {
			return Identifier, false, ch, true
		}
	}
	if q.decade {
		return Year, false, false, true
	}
	if q.vague {
		a := f.after(x.end, true)
		switch a.kind {
		case Percent, Money, Measure:
			return a.kind, a.duration, false, true
		}
		return Count, false, false, true
	}
	a := f.after(x.end, false)
	b := f.before(x.start)
	day := (q.digits || q.ordinal) && !q.frac && q.scale == 1 && !q.commas && q.val >= 1 && q.val <= 31
	if q.ordinal {
		if day && (a.month || b.month) {
			return DatePart, false, false, true
		}
		return Ordinal, false, false, true
	}
	if f.moneyBefore(x.numStart) {
		return Money, false, false, true
	}
	switch a.kind {
	case Percent, Money, Age:
		return a.kind, false, false, true
	}
	if b.age || f.appositiveAge(x) {
		return Age, false, false, true
	}
	if q.clockSfx || (a.kind == TimeOfDay && q.val <= 2400) {
		return TimeOfDay, false, false, true
	}
	if day && a.month {
		return DatePart, false, false, true
	}
	year := yearLike(q)
	if b.month {
		switch {
		case day:
			return DatePart, false, false, true
		case year:
			return Year, false, false, true
		case q.digits && (q.nd == 5 || q.nd == 6) && isYear(q.val%10000):
			return DatePart, false, false, true // "Oct 032017": day and year run together
		}
	}
	if q.digits && q.nd == 4 && !q.commas && q.scale == 1 && !q.frac && !x.hasQ2 && validHHMM(q.val) &&
		(q.lead0 || a.date || a.hhmm || (b.stamp && !year) || b.atAfterDate) {
		return TimeOfDay, false, false, true
	}
	if a.kind == Measure {
		return Measure, a.duration, false, true
	}
	if a.era && q.digits && !q.commas && q.scale == 1 {
		return Year, false, false, true
	}
	if year {
		// The year of a date: "August 3 2015 People inspect..."
		p := f.prev(x.start)
		afterDate := p.k == tNum && p.e == f.lastEnd && f.lastKind == DatePart
		switch {
		case afterDate:
			return Year, false, false, true
		case x.hasQ2:
			if isYear(x.q2.val) && x.q2.digits && x.q2.scale == 1 && !x.q2.commas {
				return Year, false, false, true // "2017-2018", "between 2011 and 2014"
			}
		case b.yearPrep:
			return Year, false, false, true
		case x.qual != qNone, a.countNoun, b.countVerb:
			// "about 2000", "2000 civilians", "killed 2000"
		default:
			return Year, false, false, true
		}
	}
	if q.frac {
		return Other, false, false, true
	}
	if q.bareOne && (x.qual == qNone || x.qualOver) && !x.hasQ2 && f.pronoun(x, a) {
		return Count, false, false, false
	}
	return Count, false, false, true
}

// appositiveAge reports an age set off by commas after a person noun: "a
// boy, 9, and his sister, 7, were wounded".
func (f *finder) appositiveAge(x *expr) bool {
	s := f.s
	q := &x.q1
	if !q.digits || q.commas || q.frac || q.val > 120 || x.qual != qNone || x.hasQ2 {
		return false
	}
	p := f.prev(x.start)
	if !isSym(s, p, ',') || f.look(f.prev(p.s)).flags&fPerson == 0 {
		return false
	}
	n := f.next(x.end)
	return n.k == tEOF || isSym(s, n, ',') || isSym(s, n, ')') || isSym(s, n, '.') || isSym(s, n, ';')
}

// pronoun reports a bare "one" that stands for a person or thing rather
// than counting: "one of the", "no one", "one another", "one-sided".
func (f *finder) pronoun(x *expr, a afterCtx) bool {
	s := f.s
	if a.hyphenWord {
		return true
	}
	if f.look(f.next(x.end)).flags&fPronounAfter != 0 {
		return true
	}
	p := f.prev(x.start)
	if f.look(p).flags&fPronounBefore != 0 {
		return true
	}
	if is(s, p, "by") && is(s, f.prev(p.s), "one") {
		return true // the second "one" of "one by one"
	}
	return isSym(s, p, '-') && p.e == x.start && is(s, f.prev(p.s), "no")
}
