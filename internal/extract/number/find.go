package number

import (
	"github.com/tallyhq/tally/internal/extract/ascii8"
	"math/bits"

	"github.com/tallyhq/tally/internal/claim"
)

// quantity is one number expression, before qualifiers and ranges.
type quantity struct {
	start, end int
	val        int64 // the value, rounded down
	num, den   int64 // the unscaled value as a fraction, for scales shared across a range
	scale      int64 // trailing scale ("three million": 1e6), 1 when none
	frac       bool  // a fraction remains: "2.5", "two and a half"
	over       bool  // too large to be a count
	vague      bool
	vlow       int64
	vhigh      int64 // -1: open-ended
	form       numForm
	digits     bool  // written with digits
	nd         int   // digits of the integer part
	b          int64 // the part after "/" or ":" ("9/11", "3:1")
	bn         int   // and its digit count
	lead0      bool  // "05", "0914"
	commas     bool  // "1,500"
	ordinal    bool
	decade     bool // "1990s"
	identSfx   bool // "17A": letters glued to the digits that are no unit
	clockSfx   bool // "600am", "3pm"
	bareOne    bool // the single word "one"
}

// expr is a quantity with its qualifier or range. q2 means something only
// when hasQ2: the finder fills one expr in place for every try, and does
// not clear what a failed range left there.
type expr struct {
	start, numStart, end int
	q1, q2               quantity
	hasQ2                bool
	open                 bool // "to more than 30000": no upper end
	qual                 qual
	qualOver             bool // the qualifier was the plain word "over"
}

// finder holds the text and the int64 slab the counts' pointers point into.
type finder struct {
	s        string
	slab     []int64
	chainEnd int  // end of the last "URL 0 612" identifier, or -1
	lastEnd  int  // end of the last mention, or -1
	lastKind Kind // and its kind

	// Small caches: phrase matching and classification ask for the same
	// next and previous tokens and the same words' entries several times
	// in a row.
	npos int
	ntok tok
	ppos [2]int // the last two positions prev was asked for, newest first
	ptok [2]tok
	lent [4]struct {
		s, e int
		e0   *lexEntry
	}
}

func newFinder(s string) finder {
	var f finder
	f.init(s)
	return f
}

// init makes f a new finder of s in place: AppendFind's finder is not
// built and then copied, once per sentence.
func (f *finder) init(s string) {
	// The caches of prev and look start empty as zeros: no word has the
	// empty span [0, 0) that an unused entry holds, and prev(s, 0) is the
	// zero token its unused entries hold.
	*f = finder{}
	f.s, f.chainEnd, f.lastEnd, f.npos = s, -1, -1, -1
}

// next is next(f.s, pos), remembered for the last pos.
func (f *finder) next(pos int) tok {
	if pos != f.npos {
		f.npos, f.ntok = pos, next(f.s, pos)
	}
	return f.ntok
}

// mayFollow reports whether the token after pos may be a word starting
// with a letter of next (a lexEntry's qualNext or vagueNext), or a number
// when next has digitNext: when it is not, no phrase with such a second
// word matches there.
func (f *finder) mayFollow(pos int, next uint32) bool {
	if next == allNext || next == 0 {
		return next != 0
	}
	for pos < len(f.s) && isSpace(f.s[pos]) {
		pos++
	}
	if pos == len(f.s) {
		return false
	}
	return next&(1<<nextIndex[f.s[pos]]) != 0
}

// prev is prev(f.s, pos), remembered for the last two positions (a
// qualifier's start and its number's).
func (f *finder) prev(pos int) tok {
	switch pos {
	case f.ppos[0]:
		return f.ptok[0]
	case f.ppos[1]:
		return f.ptok[1]
	}
	t := prev(f.s, pos)
	f.ppos[1], f.ptok[1] = f.ppos[0], f.ptok[0]
	f.ppos[0], f.ptok[0] = pos, t
	return t
}

// look is look(f.s, t), remembered for the last word at each of four
// positions modulo 4: a number's neighbours are looked up in turn.
func (f *finder) look(t tok) *lexEntry {
	if t.k != tWord {
		return &zeroEntry
	}
	c := &f.lent[t.s&3]
	if c.s != t.s || c.e != t.e {
		c.s, c.e, c.e0 = t.s, t.e, look(f.s, t)
	}
	return c.e0
}

// Find returns every numeric mention of text, in order and without
// overlaps. It runs in time linear in len(text), does not allocate beyond
// the result (and one small block per 64 pointer fields), and accepts any
// bytes, including invalid UTF-8.
func Find(text string) []Mention {
	return AppendFind(nil, text)
}

// AppendFind is Find appending to dst: a caller that finds the mentions
// of many sentences in turn can keep them all in one slab. It returns dst
// itself, nil included, when text has none.
func AppendFind(dst []Mention, text string) []Mention {
	var f finder
	f.init(text)
	// News text has about one number per 150 bytes; sizing the result a
	// little above that when the first comes saves append's copying on
	// long texts. Most sentences have none, and get nil.
	out := dst
	var x expr
	i := 0
	for {
		t := candidate(text, i)
		if t.k == tEOF {
			break
		}
		if t.k == tWord && !f.mayStart(t) {
			i = t.e
			continue
		}
		if !f.try(t, &x) {
			i = t.e
			continue
		}
		if k, emit := f.classify(&x); emit {
			if len(out) == cap(out) {
				// One allocation, also under the race detector (which
				// makes slices.Grow take two).
				grown := make([]Mention, len(out), max(2*cap(out), len(out)+len(text)/128+4))
				copy(grown, out)
				out = grown
			}
			out = append(out, f.mention(&x, k))
			f.lastEnd, f.lastKind = x.end, k
		}
		i = max(x.end, t.e)
	}
	return out
}

// candidate returns the first token at or after i that may start a
// mention: a number, or a word shaped like a word that starts one. It sees
// every byte of the text, so it tokenises inline, skips what cannot start
// a mention in tight loops, and rejects most words by their shape, without
// a lookup.
func candidate(s string, i int) tok {
	t := scanCandidate(s, i)
	if scanned != nil {
		*scanned += t.e - i
	}
	return t
}

func scanCandidate(s string, i int) tok {
	n := len(s)
	for i < n {
		c := s[i]
		switch cl := byteClass[c]; {
		case cl&cAlpha != 0:
			if i+8 <= n {
				// Most words are shorter than eight bytes: one load gives
				// their end, last letter and the byte after them.
				x := ascii8.Load(s[i : i+8])
				if other := nonWord(x); other != 0 {
					l := bits.TrailingZeros64(other) / 8 // from 1: s[i] is a letter
					after := byte(x >> (8 * l))
					if after != '\'' || i+l+1 >= n {
						if row := shapeIndex(c, l); startLast[row]&(1<<(letterIndex[byte(x>>(8*(l-1)))]&31)) != 0 &&
							!(after == ' ' && i+l+1 < n && !isSpace(s[i+l+1]) && startNext[row]&(1<<nextIndex[s[i+l+1]]) == 0) {
							// A start word, unless the word after it
							// rules it out as mayStart would: one space,
							// then no letter of tryNext.
							return tok{i, i + l, tWord}
						}
						i += l
						if after == ' ' {
							i++
						}
						continue
					}
				}
			}
			j := wordRun(s, i+1)
			if j+1 < n && s[j] == '\'' {
				j = wordEnd(s, i) // "o'clock"
			}
			if startLast[shapeIndex(c, j-i)]&(1<<(letterIndex[s[j-1]]&31)) != 0 {
				return tok{i, j, tWord}
			}
			i = j
		case cl&cDigit != 0:
			j := i + 1
			for j < n && isDigit(s[j]) {
				j++
			}
			return tok{i, j, tNum}
		case cl&cWord != 0: // a non-ASCII byte: no start word begins so
			i = wordEnd(s, i)
		default:
			i++
		}
	}
	return tok{n, n, tEOF}
}

// wordRun returns the end of the run of word bytes (ASCII letters and
// bytes >= 0x80) at i, eight bytes at a time where eight remain: words
// are most of a text's bytes.
func wordRun(s string, i int) int {
	for i+8 <= len(s) {
		if other := nonWord(ascii8.Load(s[i : i+8])); other != 0 {
			return i + bits.TrailingZeros64(other)/8
		}
		i += 8
	}
	for i < len(s) && byteClass[s[i]]&cWord != 0 {
		i++
	}
	return i
}

// nonWord sets the top bit of each of the eight bytes of x that is no word
// byte. A byte is a letter when, lower-cased and with its top bit cleared,
// it lies in 'a'..'z': adding 0x80-'a' sets its top bit when it is 'a' or
// more, adding 0x80-'z'-1 when it is past 'z'. Bytes >= 0x80 are word
// bytes whatever this says of them.
func nonWord(x uint64) uint64 {
	return ^(ascii8.Letters(x) | x) & ascii8.High
}

// mayStart reports whether try may succeed at the word t, by its entry and
// the first letter of the word after it (see lexEntry.tryNext).
func (f *finder) mayStart(t tok) bool {
	e := f.look(t)
	return e.flags&fStart != 0 && (f.mayFollow(t.e, e.tryNext) || e.class == wA && t.e < len(f.s) && f.s[t.e] == '-')
}

// try reads into x the expression starting at token t: a qualifier
// phrase and the number after it, or a number alone.
func (f *finder) try(t tok, x *expr) bool {
	if t.k == tWord {
		e := f.look(t)
		if f.mayFollow(t.e, e.qualNext) {
			for _, p := range e.phrases {
				if p.vague {
					break // qualifiers sort first
				}
				end, ok := f.matchPhrase(t, p)
				if !ok {
					continue
				}
				if f.expression(t.s, f.next(end), p.q, x) {
					x.qualOver = p.over
					return true
				}
			}
		}
		if e.flags&fQuantity == 0 {
			return false // "in", "at", "over": qualifiers only
		}
	}
	return f.expression(t.s, t, qNone, x)
}

// matchPhrase reports whether phrase p starts at word t, and where it ends.
func (f *finder) matchPhrase(t tok, p *phrase) (int, bool) {
	pos := t.e
	for _, w := range p.words[1:] {
		n := f.next(pos)
		if !is(f.s, n, w) {
			return 0, false
		}
		pos = n.e
	}
	return pos, true
}

// expression reads into x a quantity starting at token t and what may
// follow it: the other end of a range, or a trailing qualifier ("or more",
// "+"). start is where the qualifier ql (if any) starts.
func (f *finder) expression(start int, t tok, ql qual, x *expr) bool {
	q1 := &x.q1
	if !f.quantity(t, q1) {
		return false
	}
	x.start, x.numStart, x.end, x.qual = start, q1.start, q1.end, ql
	x.hasQ2, x.open, x.qualOver = false, false, false
	plain := !q1.vague && !q1.ordinal && (q1.form == formInt || q1.form == formDecimal) && !q1.decade && !q1.identSfx
	if !plain {
		if ql == qBetween || ql == qFrom || !q1.vague {
			x.start, x.qual = x.numStart, qNone
		}
		return true
	}
	intro := qNone
	if ql == qBetween || ql == qFrom {
		intro = ql
	}
	// A scale written only on the second end is shared ("20 to 30
	// thousand"), but only once the range is taken: "in 2011 to 1.5
	// million this year" is a year, then a count, not a range.
	if sh, open, ok := f.rangeTail(q1, &x.q2, intro); ok && !(yearLike(q1) && !yearLike(&x.q2) && f.before(start).yearPrep) {
		if sh.scale != 0 {
			q1.val, q1.frac, q1.scale = sh.val, sh.frac, sh.scale
		}
		x.hasQ2, x.open, x.end = true, open, x.q2.end
		return true
	}
	if intro != qNone {
		x.start, x.qual = x.numStart, qNone
	}
	if end, q := f.trailingQual(x.end); q != qNone {
		if x.qual == qNone {
			x.qual = q
		}
		x.end = end
	}
	return true
}

// shared is q1's value once it shares the scale of a range's second end;
// scale 0 when it does not.
type shared struct {
	val   int64
	frac  bool
	scale int64
}

// yearLike reports a bare four-digit number from 1900 to 2099.
func yearLike(q *quantity) bool {
	return q.digits && q.nd == 4 && !q.commas && !q.lead0 && q.scale == 1 && !q.frac && isYear(q.val)
}

// trailingQual reads a qualifier after a number: "30+", "30-plus", "30 or
// more", "30 or so", "30 or fewer", "30-odd".
func (f *finder) trailingQual(end int) (int, qual) {
	s := f.s
	if end < len(s) && s[end] == '+' {
		return end + 1, qAtLeast
	}
	t := f.next(end)
	if isSym(s, t, '-') && t.s == end {
		w := f.next(t.e)
		if w.s == t.e {
			switch {
			case is(s, w, "plus"):
				return w.e, qAtLeast
			case is(s, w, "odd"):
				return w.e, qAbout
			}
		}
		return end, qNone
	}
	if is(s, t, "odd") {
		return t.e, qAbout
	}
	if !is(s, t, "or") {
		return end, qNone
	}
	w := f.next(t.e)
	switch {
	case is(s, w, "more"):
		return w.e, qAtLeast
	case is(s, w, "so"):
		return w.e, qAbout
	case is(s, w, "fewer"), is(s, w, "less"):
		return w.e, qAtMost
	}
	return end, qNone
}

// rangeTail reads into q2 the second end of a range after q1: "-30", "to
// 30", "or 30", "and 30" (after "between"), "to more than 30000" (open).
// The second end must be larger; a scale written only on it is shared
// ("20 to 30 thousand": sh is q1 with it), and "2017-18" is the year range
// 2017-2018. q1 is left as it is.
func (f *finder) rangeTail(q1, q2 *quantity, intro qual) (sh shared, open, ok bool) {
	s := f.s
	t := f.next(q1.end)
	dash := false
	switch intro {
	case qBetween:
		if !is(s, t, "and") {
			return sh, false, false
		}
	case qFrom:
		if !is(s, t, "to") {
			return sh, false, false
		}
	default:
		switch {
		case isSym(s, t, '-'):
			dash = true
		case t.k == tWord && s[t.s:t.e] == "\u2013": // en dash (a "word" as it is non-ASCII)
			dash = true
		case is(s, t, "to"), is(s, t, "or"):
		default:
			return sh, false, false
		}
	}
	pos := t.e
	if dash {
		// "25-30" or "25 - 30", never "25 -30" (a list) nor word ranges.
		n := f.next(pos)
		if !q1.digits || n.k != tNum || (t.s == q1.end) != (n.s == t.e) {
			return sh, false, false
		}
	} else if is(s, t, "to") || is(s, t, "and") {
		// "to more than 30000", "to about 40"
		w := f.next(pos)
		for _, p := range f.look(w).phrases {
			if p.vague || p.q == qBetween || p.q == qFrom {
				continue
			}
			if end, ok := f.matchPhrase(w, p); ok {
				pos = end
				open = p.q == qAtLeast
				break
			}
		}
	}
	if !f.quantity(f.next(pos), q2) || q2.vague || q2.ordinal || q2.decade || q2.identSfx || (q2.form != formInt && q2.form != formDecimal) {
		return sh, false, false
	}
	if dash && yearLike(q1) && q2.digits && q2.nd == 2 && !q2.commas && q2.scale == 1 {
		// "2017-18"
		q2.val += q1.val - q1.val%100
		q2.num, q2.den = q2.val, 1
	}
	v1 := q1.val
	if q1.scale == 1 && q2.scale > 1 {
		if v, o := satMul(q1.num, q2.scale); !o && v/q1.den <= q2.val {
			sh = shared{val: v / q1.den, frac: v%q1.den != 0, scale: q2.scale}
			v1 = sh.val
		}
	}
	if q2.val <= v1 {
		return sh, false, false
	}
	return sh, open, true
}

// quantity reads into q one number starting at token t: digits or words.
func (f *finder) quantity(t tok, q *quantity) bool {
	switch t.k {
	case tNum:
		f.digitQuantity(t, q)
		return true
	case tWord:
		return f.wordQuantity(t, q)
	}
	return false
}

// wstate accumulates a spelled-out number ("two thousand five hundred").
type wstate struct {
	total, cur int64
	last       wclass
	minScale   int64 // the last scale applied; later scales must be smaller
	trail      int64 // the scale of the last element, 1 if it was no scale
	over       bool
}

// add applies one element; false means it cannot continue this number
// ("five twenty" is two numbers, "a" needs a scale after it).
func (w *wstate) add(c wclass, v int64) bool {
	var o bool
	switch c {
	case wUnit:
		switch w.last {
		case wNone, wScale:
			w.cur = v
		case wTens, wHundred:
			if w.cur%10 != 0 || v == 0 {
				return false
			}
			w.cur += v
		default:
			return false
		}
	case wTeen, wTens:
		switch w.last {
		case wNone, wScale:
			w.cur = v
		case wHundred:
			if w.cur%100 != 0 {
				return false
			}
			w.cur += v
		default:
			return false
		}
	case wHundred:
		switch w.last {
		case wUnit, wTeen, wTens, wA, wDigits:
			if w.cur >= 100 || w.cur == 0 {
				return false
			}
			w.cur *= 100
		default:
			return false
		}
	case wScale:
		switch w.last {
		case wUnit, wTeen, wTens, wHundred, wA, wDigits:
		default:
			return false
		}
		if w.cur == 0 || (w.minScale != 0 && v >= w.minScale) {
			return false
		}
		var p int64
		p, o = satMul(w.cur, v)
		w.total, w.over = satAdd(w.total, p)
		w.over = w.over || o
		w.cur, w.minScale = 0, v
	case wDozen:
		switch w.last {
		case wUnit, wTeen, wTens, wA, wDigits:
			if w.cur >= 100 || w.cur == 0 {
				return false
			}
			w.cur *= 12
		default:
			return false
		}
	default:
		return false
	}
	w.last = c
	w.trail = 1
	if c == wHundred || c == wScale || c == wDozen {
		w.trail = v
	}
	return true
}

func (w *wstate) value() (int64, bool) {
	v, o := satAdd(w.total, w.cur)
	return v, o || w.over
}

// words continues a number at pos with further number words, hyphenated
// ("fifty-five"), after "and" ("one hundred and twenty"), and with "and a
// half" before a scale ("one and a half million"). It fills q and returns
// false if the number is incomplete ("a" alone).
func (f *finder) words(q *quantity, w *wstate, pos int) bool {
	s := f.s
	for {
		t := f.next(pos)
		hyphen := false
		if isSym(s, t, '-') && t.s == pos && t.e < len(s) && isAlpha(s[t.e]) && w.last != wDigits {
			hyphen = true
			t = f.next(t.e)
		}
		if t.k != tWord {
			break
		}
		e := f.look(t)
		if hyphen && e.flags&fOrdinal != 0 && w.last == wTens && e.val < 10 {
			// "twenty-first"
			w.cur += e.val
			q.ordinal = true
			pos = t.e
			break
		}
		if e.flags&fNum != 0 && w.add(e.class, e.val) {
			pos = t.e
			continue
		}
		if hyphen {
			break
		}
		if is(s, t, "and") && (w.last == wHundred || w.last == wScale) {
			n := f.next(t.e)
			ne := f.look(n)
			if ne.flags&fNum != 0 && (ne.class == wUnit || ne.class == wTeen || ne.class == wTens) && w.add(ne.class, ne.val) {
				pos = n.e
				continue
			}
		}
		if is(s, t, "and") && w.minScale == 0 && w.total == 0 && w.cur > 0 && w.cur < 1000 &&
			(w.last == wUnit || w.last == wTeen || w.last == wTens || w.last == wDigits) {
			a := f.next(t.e)
			h := f.next(a.e)
			if is(s, a, "a") && is(s, h, "half") {
				pos = h.e
				sc := f.next(pos)
				se := f.look(sc)
				if se.flags&fNum != 0 && se.class == wScale {
					v, o := satMul(w.cur*2+1, se.val)
					q.val, q.over = v/2, o
					q.num, q.den, q.scale = w.cur*2+1, 2, se.val
					q.end = sc.e
					return true
				}
				q.val, q.num, q.den, q.scale, q.frac = w.cur, w.cur*2+1, 2, 1, true
				q.end = pos
				return true
			}
		}
		break
	}
	if w.last == wA {
		return false
	}
	q.val, q.over = w.value()
	q.scale = w.trail
	q.num, q.den = q.val, 1
	if q.scale > 1 && q.val%q.scale == 0 {
		q.num = q.val / q.scale
	} else {
		q.scale = 1
	}
	q.end = pos
	return true
}

// digitQuantity reads into q a number written with digits, with what is glued to
// it ("1st", "55K", "1990s") and the scale words after it ("1.5 million").
func (f *finder) digitQuantity(t tok, q *quantity) {
	s := f.s
	nl := lexNumber(s, t.s)
	*q = quantity{start: t.s, end: nl.end, val: nl.ival, num: nl.ival, den: 1, scale: 1, digits: true,
		form: nl.form, nd: nl.nd, b: nl.b, bn: nl.bn, lead0: nl.lead0, commas: nl.commas, over: nl.over}
	if nl.form != formInt && nl.form != formDecimal {
		return
	}
	if nl.form == formDecimal {
		q.frac = nl.fnum != 0
		if v, o := satMul(nl.ival, nl.fden); !o {
			q.num, q.den = v+nl.fnum, nl.fden
		}
	}
	// Letters glued to the digits. A long lower-case word is text whose
	// space the scrape lost ("2017Get"), not a suffix.
	if q.end < len(s) && isAlpha(s[q.end]) {
		w := f.next(q.end)
		e := f.look(w)
		switch {
		case w.e-w.s > 3 && e.flags == 0 && !allUpper(s[w.s:w.e]):
			// leave the number alone
		case nl.form == formInt && (is(s, w, "st") || is(s, w, "nd") || is(s, w, "rd") || is(s, w, "th")):
			q.ordinal = true
			q.end = w.e
			return
		case nl.form == formInt && is(s, w, "s") && nl.nd == 4:
			q.decade = true
			q.end = w.e
			return
		case is(s, w, "k"):
			f.applyScale(q, 1000)
			q.end = w.e
			return
		case is(s, w, "bn") || is(s, w, "bln"):
			f.applyScale(q, 1e9)
			q.end = w.e
			return
		case (is(s, w, "m") || is(s, w, "mn") || is(s, w, "mln")) && f.moneyBefore(t.s):
			f.applyScale(q, 1e6)
			q.end = w.e
			return
		case e.flags&fClock != 0 && nl.form == formInt:
			q.clockSfx = true
			return
		case e.flags&(fMeasure|fPercent|fMoney) != 0:
			return // "5km": the unit is read by classify
		default:
			q.identSfx = true
			q.end = w.e
			return
		}
	}
	if nl.form == formDecimal {
		// "1.5 million": one scale word, nothing else.
		n := f.next(q.end)
		if e := f.look(n); e.flags&fNum != 0 && e.class == wScale {
			f.applyScale(q, e.val)
			q.end = n.e
		}
		return
	}
	w := wstate{cur: q.val, last: wDigits, trail: 1}
	if q.over {
		return
	}
	f.words(q, &w, q.end)
}

// applyScale multiplies a digit quantity by a scale word or suffix.
func (f *finder) applyScale(q *quantity, sc int64) {
	v, o := satMul(q.num, sc)
	q.val = v / q.den
	q.frac = v%q.den != 0
	q.over = q.over || o
	q.scale = sc
}

// wordQuantity reads into q a number spelled out, a vague quantity or an ordinal.
func (f *finder) wordQuantity(t tok, q *quantity) bool {
	s := f.s
	e := f.look(t)
	*q = quantity{start: t.s, end: t.e, scale: 1, den: 1}
	phrases := e.phrases
	if !f.mayFollow(t.e, e.vagueNext) {
		phrases = nil
	}
	for _, p := range phrases {
		if !p.vague {
			continue
		}
		// "scores of people", or "injured scores": after a casualty verb
		// "scores" needs no "of", elsewhere it may be a plural noun.
		if end, ok := f.matchPhrase(t, p); ok && (!p.needOf || is(s, f.next(end), "of") ||
			f.look(f.prev(t.s)).flags&fCountVerb != 0) {
			q.vague, q.vlow, q.vhigh, q.end = true, p.low, p.high, end
			f.vagueScale(q, p.ofScale)
			return true
		}
	}
	if e.flags&fOrdinal != 0 {
		q.ordinal, q.val = true, e.val
		return true
	}
	if e.flags&fNum == 0 {
		return false
	}
	switch e.class {
	case wHalf, wQuarter:
		return f.fraction(t, t, q)
	case wA:
		// Most "a"s are articles: only a word that can follow "a" in a
		// number makes one, and the letter after the spaces rules most
		// out without reading the word. After a hyphen ("a-dozen") words
		// decides.
		if (t.e == len(s) || s[t.e] != '-') && !f.mayFollow(t.e, aNext) {
			return false
		}
		n := f.next(t.e)
		if ne := f.look(n); ne.flags&fNum != 0 && (ne.class == wHalf || ne.class == wQuarter) {
			return f.fraction(t, n, q)
		}
	}
	w := wstate{}
	if !w.add(e.class, e.val) && e.class != wA {
		return false
	}
	if e.class == wA {
		w.cur, w.last = 1, wA
	}
	if !f.words(q, &w, t.e) {
		return false
	}
	q.bareOne = q.end == t.e && e.class == wUnit && e.val == 1 && !q.ordinal
	if q.ordinal {
		q.scale = 1
	}
	return true
}

// fraction reads "half a million", "a half million", "half a dozen", "a
// quarter of a million", "quarter million"; start is where the phrase
// starts and h is the word "half" or "quarter".
func (f *finder) fraction(start, h tok, q *quantity) bool {
	s := f.s
	d := int64(2)
	if f.look(h).class == wQuarter {
		d = 4
	}
	n := f.next(h.e)
	if is(s, n, "of") {
		n = f.next(n.e)
	}
	if is(s, n, "a") {
		n = f.next(n.e)
	}
	e := f.look(n)
	if e.flags&fNum == 0 || (e.class != wScale && e.class != wDozen && e.class != wHundred) {
		return false
	}
	*q = quantity{start: start.s, end: n.e, val: e.val / d, num: 1, den: d, scale: e.val}
	q.frac = e.val%d != 0
	return true
}

// vagueScale widens a vague quantity by the scales after it: "several
// hundred", "tens of thousands".
func (f *finder) vagueScale(q *quantity, ofScale bool) {
	s := f.s
	for range 3 {
		n := f.next(q.end)
		e := f.look(n)
		end := n.e
		var sc int64
		switch {
		case e.flags&fNum != 0 && (e.class == wHundred || e.class == wScale || e.class == wDozen):
			sc = e.val
		case e.flags&fPluralScale != 0 && e.val > 100 && !ofScale && q.vlow < 10:
			sc = e.val // "several thousands"
		case is(s, n, "of") && ofScale:
			m := f.next(n.e)
			if me := f.look(m); me.flags&fPluralScale != 0 && me.val >= 1000 {
				sc, end = me.val, m.e
			}
		}
		if sc == 0 {
			return
		}
		var o bool
		q.vlow, o = satMul(q.vlow, sc)
		if q.vhigh >= 0 {
			var o2 bool
			q.vhigh, o2 = satMul(q.vhigh+1, sc)
			q.vhigh--
			o = o || o2
		}
		if o {
			// "several billion billion": beyond any count; keep the
			// interval well-formed.
			q.over, q.vhigh = true, -1
		}
		q.end = end
		ofScale = false
	}
}

// ptr returns a pointer to v, carved from a slab so that a Find call makes
// one allocation per 64 pointers instead of one each. The first slab is
// small: most sentences with a number have one or two.
func (f *finder) ptr(v int64) *int64 {
	if len(f.slab) == cap(f.slab) {
		f.slab = make([]int64, 0, min(64, 8+2*cap(f.slab)))
	}
	f.slab = append(f.slab, v)
	return &f.slab[len(f.slab)-1]
}

// count builds the claim.Count of an expression, by the conventions of the
// package documentation.
func (f *finder) count(x *expr) claim.Count {
	c := claim.Count{Text: f.s[x.start:x.end], Qualifier: claim.Exact}
	q := &x.q1
	if q.vague {
		c.Qualifier = claim.Vague
		c.Low = q.vlow
		if q.vhigh >= 0 {
			c.High = f.ptr(q.vhigh)
		}
		return c
	}
	v := q.val
	c.Value = f.ptr(v)
	if x.hasQ2 {
		c.Qualifier = claim.Range
		c.Low = v
		if !x.open {
			c.High = f.ptr(x.q2.val)
		}
		return c
	}
	switch x.qual {
	case qAtLeast:
		c.Qualifier, c.Low = claim.AtLeast, v
	case qAtMost:
		c.Qualifier, c.Low, c.High = claim.AtMost, 0, c.Value
	case qAbout:
		c.Qualifier, c.Low, c.High = claim.About, v*9/10, f.ptr((v*11+9)/10)
	case qNearly:
		c.Qualifier, c.Low, c.High = claim.About, v*9/10, c.Value
	default:
		c.Low, c.High = v, c.Value
	}
	return c
}

func (f *finder) mention(x *expr, k Kind) Mention {
	return Mention{Start: x.start, End: x.end, NumStart: x.numStart, Kind: k, Count: f.count(x)}
}

// allUpper reports whether w has no lower-case ASCII letter.
func allUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}
