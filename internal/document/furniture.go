package document

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"maps"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// How far into the body the lead rules look, and how far back from the end
// the tail rules look: furniture sits at the edges, and bounding the windows
// keeps the cost independent of the article's length.
const (
	leadWindow = 2000
	tailWindow = 3000
)

// compiledRule is a furnitureRule ready to match. Its regular expression
// is compiled on first use, and only once some text has passed its
// prefilter: most rules never fire, and compiling them all would cost more
// than reading a typical article.
type compiledRule struct {
	furnitureRule
	anchored string    // Pattern anchored for its zone, placeholders not expanded
	pre      prefilter // what a text must hold for the rule to match
	once     sync.Once
	re       *regexp.Regexp
	before   *regexp.Regexp // Before, anchored at both ends
	blank    int            // submatch indexes of the named groups, or -1
	date     int
	credit   int
	reach    int // tail rules: how far back from the end a match can start

	// A tail rule ending in "[\s\S]{0,N}" or "[\s\S]*" (a footer and
	// whatever follows it) is matched as head, the rest of its pattern,
	// then a count of what is left: as one pattern the counted repeat
	// keeps up to N threads alive in the matcher for every byte, which
	// made "Follow us on" alone cost more than every other tail rule.
	head    *regexp.Regexp
	rest    int // N; -1 for any number
	headMax int // the longest match of head in bytes; -1: no bound

	// fromStart: an anywhere rule searched only from the first place
	// its prefilter says a match can start ("AFP" for "\b(?:AFP|AP)\s+
	// {DATE}"): without plain text to open with, the matcher would try
	// every byte before it.
	fromStart bool
}

// furnitureSet is every furniture rule, prepared on first use.
type furnitureSet struct {
	lead, tail, anywhere []*compiledRule
}

var furnitureRuleSet = sync.OnceValue(prepareRules)

// placeholderSet is what the placeholders of the rules expand to.
type placeholderSet struct {
	frags  map[string]string // name → pattern text
	expand *strings.Replacer
	hash   uint64 // of every name and its text, for prefilterKey
}

var placeholders = sync.OnceValue(func() *placeholderSet {
	cities := make([]string, len(datelineCities))
	for i, c := range datelineCities {
		cities[i] = regexp.QuoteMeta(c)
	}
	city := `(?:` + strings.Join(cities, "|") + `)`
	ph := &placeholderSet{frags: map[string]string{
		"DATE": reDate, "TIME": reTime, "MONTH": reMonth,
		"WEEKDAY": reWeekday, "DAY": reDay, "YEAR": reYear,
		"AGENCY": agencyPattern(), "CITY": city, "ANYCITY": `(?i:` + city + `)`,
	}}
	names := slices.Sorted(maps.Keys(ph.frags))
	var pairs []string
	h := fnv.New64a()
	for _, name := range names {
		pairs = append(pairs, "{"+name+"}", ph.frags[name])
		fmt.Fprintf(h, "%s\x00%s\x00", name, ph.frags[name])
	}
	ph.expand = strings.NewReplacer(pairs...)
	ph.hash = h.Sum64()
	return ph
})

// prefilterKey identifies a rule's anchored pattern together with every
// placeholder's expansion: a prefilter worked out ahead of time is used
// only for the very pattern it was worked out from.
func prefilterKey(ph *placeholderSet, anchored string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%016x\x00%s", ph.hash, anchored)
	return h.Sum64()
}

// agencyForms maps each written form of an agency to the name credited.
var agencyForms = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, a := range agencies {
		for _, w := range a.Written {
			m[w] = a.Name
		}
	}
	return m
})

// agencyPattern is {AGENCY}: every written form, longest first, so that
// "Thomson Reuters" wins over "Reuters".
func agencyPattern() string {
	var written []string
	for _, a := range agencies {
		written = append(written, a.Written...)
	}
	slices.SortStableFunc(written, func(a, b string) int { return len(b) - len(a) })
	quoted := make([]string, len(written))
	for i, w := range written {
		quoted[i] = regexp.QuoteMeta(w)
	}
	return `(?:` + strings.Join(quoted, "|") + `)`
}

var agencyRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b` + agencyPattern() + `\b`)
})

// titleSuffix is a titleSuffixes pattern, compiled once a title passes its
// prefilter.
type titleSuffix struct {
	pattern string // anchored
	atEnd   bool   // anchored at the end
	pre     prefilter
	once    sync.Once
	re      *regexp.Regexp
}

// titleSuffixPattern anchors a titleSuffixes pattern.
func titleSuffixPattern(s string) string {
	if !strings.HasPrefix(s, "^") {
		s = `(?:` + s + `)\s*$`
	}
	return s
}

var titleSuffixRules = sync.OnceValue(func() []*titleSuffix {
	ph := placeholders()
	var out []*titleSuffix
	for i, s := range titleSuffixes {
		p := titleSuffixPattern(s)
		out = append(out, &titleSuffix{pattern: p, atEnd: !strings.HasPrefix(s, "^"),
			pre: prefilterFor(ph, p, len(furnitureRules)+1+i)})
	}
	return out
})

// anchor wraps a rule's pattern for its zone.
func (r *furnitureRule) anchor() string {
	switch r.Zone {
	case lead:
		return `^(?:` + r.Pattern + `)`
	case tail:
		return `(?:` + r.Pattern + `)\s*$`
	}
	return r.Pattern
}

// prepareRules gives every rule its prefilter; it compiles nothing.
func prepareRules() *furnitureSet {
	ph := placeholders()
	set := &furnitureSet{}
	for i, r := range furnitureRules {
		c := &compiledRule{furnitureRule: r, anchored: r.anchor()}
		c.pre = prefilterFor(ph, c.anchored, i)
		switch r.Zone {
		case lead:
			set.lead = append(set.lead, c)
		case tail:
			set.tail = append(set.tail, c)
		default:
			set.anywhere = append(set.anywhere, c)
		}
	}
	return set
}

// prefilterFor returns the prefilter of pattern: from
// furniture_prefilters.go, where it is most likely the i-th, when that was
// worked out from the same pattern, else by analysing the pattern now.
func prefilterFor(ph *placeholderSet, pattern string, i int) prefilter {
	key := prefilterKey(ph, pattern)
	if i < 0 || i >= len(furniturePrefilters) || furniturePrefilters[i].key != key {
		i = slices.IndexFunc(furniturePrefilters, func(p keyedPrefilter) bool { return p.key == key })
	}
	var pre prefilter
	if i >= 0 {
		pre = furniturePrefilters[i].pre
	} else {
		// The pattern changed since go generate: slower, still right.
		var err error
		if pre, err = newAnalyser(ph).prefilter(pattern, ph.expand.Replace(pattern)); err != nil {
			panic(fmt.Sprintf("document: furniture pattern %q: %v", pattern, err))
		}
	}
	pre.ready()
	return pre
}

// keyedPrefilter is a prefilter worked out ahead of time for the pattern
// with the given prefilterKey.
type keyedPrefilter struct {
	key uint64
	pre prefilter
}

// compile readies c to match; it is safe to call more than once and
// concurrently.
func (c *compiledRule) compile() {
	c.once.Do(func() {
		ph := placeholders()
		pattern := ph.expand.Replace(c.anchored)
		re, err := regexp.Compile(pattern)
		if err != nil {
			panic(fmt.Sprintf("document: furniture rule %q: %v", c.Name, err))
		}
		c.re = re
		c.blank, c.date, c.credit = re.SubexpIndex("blank"), re.SubexpIndex("date"), re.SubexpIndex("credit")
		if c.Zone == tail {
			c.reach = tailWindow
			if prefix, _ := re.LiteralPrefix(); prefix == "" {
				// Without plain text to jump to, the matcher tries every
				// start: give it only as many as a match can span.
				syn, err := syntax.Parse(pattern, syntax.Perl)
				if err != nil {
					panic(fmt.Sprintf("document: furniture rule %q: %v", c.Name, err))
				}
				c.reach = min(tailWindow, maxLen(syn)+16)
			}
		}
		if c.Zone == tail {
			c.splitRest(ph.expand.Replace(c.Pattern), re)
		}
		if c.Zone == anywhere && c.pre.start != nil {
			syn, err := syntax.Parse(pattern, syntax.Perl)
			c.fromStart = err == nil && !atTextStart(syn)
		}
		if c.Before != "" {
			if c.before, err = regexp.Compile(`^(?:` + ph.expand.Replace(c.Before) + `)$`); err != nil {
				panic(fmt.Sprintf("document: furniture rule %q: Before: %v", c.Name, err))
			}
		}
	})
}

// Suffixes that splitRest takes off a tail pattern.
const (
	anyRest     = `[\s\S]*`
	anyRestUpTo = `[\s\S]{0,`
)

// splitRest sets c.head, c.rest and c.headMax when pattern (expanded, re
// compiled from it) ends in [\s\S]* or [\s\S]{0,N} at the top level.
func (c *compiledRule) splitRest(pattern string, re *regexp.Regexp) {
	syn, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || syn.Op != syntax.OpConcat || len(syn.Sub) < 2 {
		return
	}
	last := syn.Sub[len(syn.Sub)-1]
	if len(last.Sub) != 1 || !anyRune(last.Sub[0]) {
		return
	}
	var suffix string
	switch {
	case last.Op == syntax.OpStar:
		c.rest, suffix = -1, anyRest
	case last.Op == syntax.OpRepeat && last.Min == 0 && last.Max >= 0:
		c.rest, suffix = last.Max, fmt.Sprintf("%s%d}", anyRestUpTo, last.Max)
	default:
		return
	}
	if !strings.HasSuffix(pattern, suffix) {
		return
	}
	headText := strings.TrimSuffix(pattern, suffix)
	headSyn, err := syntax.Parse(headText, syntax.Perl)
	if err != nil {
		return
	}
	// The head must be the pattern less its last part. (Printing that
	// part would cost more than all else here: String checks every rune
	// of a class for case folding.)
	rest := &syntax.Regexp{Op: syntax.OpConcat, Sub: syn.Sub[:len(syn.Sub)-1]}
	if headSyn.String() != rest.String() {
		return
	}
	head, err := regexp.Compile(headText)
	if err != nil || head.NumSubexp() != re.NumSubexp() || !slices.Equal(head.SubexpNames(), re.SubexpNames()) {
		return
	}
	c.headMax = -1
	if n, ok := boundLen(headSyn); ok {
		c.headMax = n
	}
	if c.rest >= 0 {
		// Cutting the window short (matchTail) needs a head that opens
		// with plain text, and a bound on its length.
		if prefix, _ := head.LiteralPrefix(); prefix == "" || strings.ContainsRune(prefix, utf8.RuneError) || c.headMax < 0 {
			return
		}
	}
	c.head = head
}

// anyRune reports whether re matches any one rune: [\s\S].
func anyRune(re *syntax.Regexp) bool {
	return re.Op == syntax.OpAnyChar ||
		re.Op == syntax.OpCharClass && len(re.Rune) == 2 && re.Rune[0] == 0 && re.Rune[1] == unicode.MaxRune
}

// boundLen is the longest match of re in bytes; false when there is no
// bound.
func boundLen(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			w := utf8.RuneLen(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					w = max(w, utf8.RuneLen(f))
				}
			}
			if w < 0 {
				w = utf8.UTFMax
			}
			n += w
		}
		return n, true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return maxLen(re), true
	case syntax.OpCapture, syntax.OpQuest:
		return boundLen(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return 0, false
		}
		n, ok := boundLen(re.Sub[0])
		return re.Max * n, ok
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n, ok := boundLen(sub)
			if !ok {
				return 0, false
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpNoMatch:
		return 0, true
	}
	return 0, false // * and +
}

// matchTail is c.re.FindSubmatchIndex(w) for a tail rule: the match, if
// any, runs to the end of w.
func (c *compiledRule) matchTail(w []byte) []int {
	if c.head == nil {
		return c.re.FindSubmatchIndex(w)
	}
	// The pattern is head, then at most rest runes, then white space to
	// the end. With no bound on the rest, the first match of head is
	// the match.
	trail := len(w)
	for trail > 0 && isRESpace(w[trail-1]) {
		trail--
	}
	from := 0
	if c.rest >= 0 {
		// No match of head starts before from, rest runes and the
		// longest head back from the trailing space.
		q := trail
		for n := 0; n < c.rest && q > 0; n++ {
			_, size := utf8.DecodeLastRune(w[:q])
			q -= size
		}
		if q > 0 {
			from = max(0, q-c.headMax-2*utf8.UTFMax) // slack for invalid UTF-8
		}
	}
	m := c.head.FindSubmatchIndex(w[from:])
	if m == nil {
		return nil
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += from
		}
	}
	if c.rest >= 0 && utf8.RuneCount(w[m[1]:max(m[1], trail)]) > c.rest {
		// The head's first choice leaves too much; another way of
		// matching it, or a later match, might not: the whole pattern
		// decides.
		return c.re.FindSubmatchIndex(w)
	}
	m[1] = len(w)
	return m
}

// isRESpace reports whether c is \s in RE2: [\t\n\f\r ].
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// atTextStart reports whether re looks for the start of the text or of a
// line, which a search from later on would see elsewhere.
func atTextStart(re *syntax.Regexp) bool {
	if re.Op == syntax.OpBeginText || re.Op == syntax.OpBeginLine {
		return true
	}
	return slices.ContainsFunc(re.Sub, atTextStart)
}

// findAll is c.re.FindAllSubmatchIndex(b, -1) for an anywhere rule.
func (c *compiledRule) findAll(b []byte) [][]int {
	if !c.fromStart {
		return c.re.FindAllSubmatchIndex(b, -1)
	}
	first := c.pre.firstStart(b)
	if first < 0 {
		return nil
	}
	// From a rune before the first possible start, so that \b there
	// sees what precedes it: a match cannot start in that rune, or its
	// start would be the first.
	from := max(0, first-utf8.UTFMax)
	ms := c.re.FindAllSubmatchIndex(b[from:], -1)
	for _, m := range ms {
		for i := range m {
			if m[i] >= 0 {
				m[i] += from
			}
		}
	}
	return ms
}

// maxLen estimates the longest match of re in bytes, taking * and + as 64
// repeats.
func maxLen(re *syntax.Regexp) int {
	const many = 64
	switch re.Op {
	case syntax.OpLiteral:
		return len(string(re.Rune))
	case syntax.OpCharClass:
		n := 1
		for i := 1; i < len(re.Rune); i += 2 {
			n = max(n, utf8.RuneLen(min(re.Rune[i], utf8.MaxRune)))
		}
		return n
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return many * maxLen(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return many * maxLen(re.Sub[0])
		}
		return re.Max * maxLen(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n += maxLen(sub)
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			n = max(n, maxLen(sub))
		}
		return n
	}
	return 0 // empty-width assertions
}

// furniture blanks page furniture in one document's body.
type furniture struct {
	buf       []byte // Body.Norm being blanked
	title     []string
	longTitle bool // long enough to have been cut short
	credits   []string
	date      string
	grams     *gramSet // of buf before anything is blanked; nil for a long text
}

var gramSets = sync.Pool{New: func() any { return new(gramSet) }}

// gramsUpTo is the longest text whose byte pairs are recorded: in a longer
// one, the windows the rules look at are a small part of it, and the
// searches of prefilter.within cost less than recording every pair.
const gramsUpTo = 32 << 10

// cleanFurniture blanks page furniture in d's title and body, sets
// d.Credits, and returns the publication date found in a date stamp at the
// start of the body, if any.
func cleanFurniture(d *Document) string {
	if d.Title.Norm != "" {
		cleanTitle(&d.Title)
	}
	f := &furniture{buf: []byte(d.Body.Norm)}
	if len(f.buf) <= gramsUpTo {
		f.grams = gramSets.Get().(*gramSet)
		defer gramSets.Put(f.grams)
		f.grams.fill(f.buf)
	}
	if d.Title.Norm != "" {
		f.title = words(d.Title.Norm)
		f.longTitle = utf8.RuneCountInString(strings.TrimSpace(d.Title.Norm)) >= 60
	}
	f.lead(d.Headline)
	f.tail()
	f.anywhere()
	f.youtube()
	f.captions()
	d.Body.Norm = string(f.buf)
	d.Credits = dedupe(f.credits)
	return f.date
}

// cleanTitle blanks outlet names and section trails pasted onto a title.
func cleanTitle(t *Text) {
	for _, r := range titleSuffixRules() {
		if b := []byte(t.Norm); len(b) == 0 || r.atEnd && !r.pre.endsWith(b[len(b)-1]) || !r.pre.within(b) {
			continue
		}
		r.once.Do(func() { r.re = regexp.MustCompile(r.pattern) })
		if m := r.re.FindStringIndex(t.Norm); m != nil && m[1] > m[0] && m[1]-m[0] < len(strings.TrimSpace(t.Norm)) {
			t.Blank(m[0], m[1])
		}
	}
}

// apply blanks what a rule matched (m is relative to base) and keeps its
// date and credits; it reports whether anything but space was blanked.
func (f *furniture) apply(r *compiledRule, base int, m []int) bool {
	group := func(g int) string {
		if g <= 0 || m[2*g] < 0 {
			return ""
		}
		return string(f.buf[base+m[2*g] : base+m[2*g+1]])
	}
	date, credit := group(r.date), group(r.credit)
	a, b := m[0], m[1]
	if r.blank > 0 && m[2*r.blank] >= 0 {
		a, b = m[2*r.blank], m[2*r.blank+1]
	}
	if !f.blankSpan(base+a, base+b) {
		return false
	}
	if date != "" && f.date == "" {
		f.date, _ = ParseDate(date)
	}
	if credit != "" {
		f.addCredits(credit)
	}
	return true
}

// blankSpan blanks buf[a:b]; it reports whether anything but space was there.
func (f *furniture) blankSpan(a, b int) bool {
	a, b = widenBytes(f.buf, a, b)
	if a >= b || len(bytes.TrimSpace(f.buf[a:b])) == 0 {
		return false
	}
	blankBytes(f.buf, a, b)
	return true
}

// addCredits keeps every outlet or wire named in s.
func (f *furniture) addCredits(s string) {
	names := agencyForms()
	for _, w := range agencyRe().FindAllString(s, -1) {
		f.credits = append(f.credits, names[w])
	}
}

// lead peels furniture off the start of the body: date stamps, a repeat of
// the title, credits and datelines, in whatever order they come, stopping at
// the first thing that is none of them. headline is the plain-text
// headline, which is article text and never furniture.
func (f *furniture) lead(headline [2]int) {
	pos, found := 0, false
	for step := 0; step < 20; step++ {
		pos = skipSeparators(f.buf, pos)
		if pos >= len(f.buf) || (headline[1] > headline[0] && pos >= headline[0] && pos < headline[1]) {
			return
		}
		if end, ok := f.titleRepeat(pos); ok {
			f.blankSpan(pos, end)
			pos, found = end, true
			continue
		}
		win := f.buf[pos:min(len(f.buf), pos+leadWindow)]
		matched := false
		for _, r := range furnitureRuleSet().lead {
			// No within(win) here: a rule whose start passes is mostly
			// a match, and scanning the window for what it must hold
			// cost more than the few runs of the pattern it saved.
			if r.After && !found || !r.pre.startsAt(win) || !r.pre.mayHold(f.grams) {
				continue
			}
			r.compile()
			m := r.re.FindSubmatchIndex(win)
			if m == nil || m[1] == 0 {
				continue
			}
			if f.apply(r, pos, m) {
				pos += m[1]
				matched, found = true, true
				break
			}
		}
		if !matched {
			return
		}
	}
}

// skipSeparators skips space and the punctuation that separates furniture.
func skipSeparators(b []byte, pos int) int {
	for pos < len(b) {
		switch b[pos] {
		case ' ', '\t', '\n', '\r', '\v', '\f', '-', '|', ':', ';', ',', '.', '*':
			pos++
		default:
			return pos
		}
	}
	return pos
}

// titleRepeat reports where a repeat of the title ends if the body repeats
// it at pos, as scraped pages do ("Fri 07 Apr 2017 at 0914 Homs governor
// says ... human losses. A U.S. missile ..."), so that a headline figure is
// not counted again as a body figure. Words are compared without case and
// punctuation; a title cut short may end in the middle of a body word, and
// then the repeat runs to the end of that sentence. An Ahram-style list of
// related headlines ending in the title repeat ("Related ... <title>") goes
// with it.
func (f *furniture) titleRepeat(pos int) (int, bool) {
	if len(f.title) < 3 {
		return 0, false
	}
	if end, ok := f.matchTitle(pos); ok {
		return end, true
	}
	if bytes.HasPrefix(f.buf[pos:], []byte("Related ")) {
		limit := min(len(f.buf), pos+600)
		for i := pos + len("Related "); i < limit; i++ {
			if isWordByte(f.buf, i) && (i == 0 || !isWordByte(f.buf, i-1)) {
				if end, ok := f.matchTitle(i); ok {
					return end, true
				}
			}
		}
	}
	return 0, false
}

// matchTitle matches the title's words at pos.
func (f *furniture) matchTitle(pos int) (int, bool) {
	i := pos
	cut := false
	for k, w := range f.title {
		gap := 0
		for i < len(f.buf) && !isWordByte(f.buf, i) {
			i++
			gap++
			if gap > 12 {
				return 0, false
			}
		}
		ws := i
		for i < len(f.buf) && isWordByte(f.buf, i) {
			_, n := utf8.DecodeRune(f.buf[i:])
			i += n
		}
		if ws == i {
			return 0, false
		}
		equal, prefix := foldCompare(f.buf[ws:i], w)
		if equal {
			continue
		}
		if k == len(f.title)-1 && len(w) >= 2 && prefix {
			cut = true // the title's last word was cut short
			break
		}
		return 0, false
	}
	end := i
	j := end
	for j < len(f.buf) && (f.buf[j] == ' ' || f.buf[j] == '\t') {
		j++
	}
	if j < len(f.buf) && strings.IndexByte(".:!?", f.buf[j]) >= 0 {
		return j + 1, true
	}
	// A title cut short (FA-KES keeps about 80 characters) leaves the rest
	// of its sentence in the body: a cut word, or a long title followed by
	// a word in lower case ("... on Aleppo city during | the past 24
	// hours."). The repeat then runs to the end of that sentence.
	continues := false
	if j < len(f.buf) {
		r, _ := utf8.DecodeRune(f.buf[j:])
		continues = f.longTitle && unicode.IsLower(r)
	}
	if cut || continues {
		limit := min(len(f.buf), end+200)
		if s := sentenceEnd(string(f.buf[:limit]), end); s < limit {
			end = s
		}
	}
	return end, true
}

// isWordByte reports whether the rune at b[i] belongs to a word.
func isWordByte(b []byte, i int) bool {
	if c := b[i]; c < utf8.RuneSelf {
		// Most text: the ASCII letters and digits are its only word runes.
		return c == '\'' || 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRune(b[i:])
	return r == '\'' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// words splits s into lower-case words without apostrophes, as matchTitle
// compares them.
func words(s string) []string {
	var out []string
	b := []byte(s)
	for i := 0; i < len(b); {
		if !isWordByte(b, i) {
			i++
			continue
		}
		ws := i
		for i < len(b) && isWordByte(b, i) {
			_, n := utf8.DecodeRune(b[i:])
			i += n
		}
		if w := foldWord(b[ws:i]); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func foldWord(b []byte) string {
	if !asciiBytes(b) {
		return strings.ToLower(strings.ReplaceAll(string(b), "'", ""))
	}
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c != '\'' {
			out = append(out, lowerASCII(c))
		}
	}
	return string(out)
}

// foldCompare reports whether foldWord(b) is w and whether it starts with
// w, without building it when b is ASCII: matchTitle compares every body
// word it passes.
func foldCompare(b []byte, w string) (equal, prefix bool) {
	if !asciiBytes(b) {
		fw := foldWord(b)
		return fw == w, strings.HasPrefix(fw, w)
	}
	n := 0 // bytes of foldWord(b) so far
	for _, c := range b {
		if c == '\'' {
			continue
		}
		if n < len(w) && w[n] != lowerASCII(c) {
			return false, false
		}
		n++
	}
	return n == len(w), n >= len(w)
}

func asciiBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}

// tail peels furniture off the end of the body, one piece at a time.
func (f *furniture) tail() {
	for step := 0; step < 30; step++ {
		end := len(bytes.TrimRight(f.buf, " \t\r\n\v\f"))
		if end == 0 {
			return
		}
		matched := false
		// Every rule looks at most tailWindow bytes back: text that fails
		// a rule's prefilter there fails it in any shorter window.
		widest := f.buf[f.runeStartAfter(max(0, end-tailWindow)):end]
		for _, r := range furnitureRuleSet().tail {
			// A match runs to end: the text's last byte must be one a
			// match can end with.
			if !r.pre.endsWith(f.buf[end-1]) || !r.pre.mayHold(f.grams) || !r.pre.within(widest) {
				continue
			}
			r.compile()
			start := f.runeStartAfter(max(0, end-r.reach))
			if m := r.matchTail(f.buf[start:end]); m != nil && f.apply(r, start, m) {
				matched = true
				break
			}
		}
		if !matched && !f.linkList(f.runeStartAfter(max(0, end-tailWindow)), end) && !f.signature(end) {
			return
		}
	}
}

// runeStartAfter moves i forward to a rune start.
func (f *furniture) runeStartAfter(i int) int {
	for i > 0 && i < len(f.buf) && !utf8.RuneStart(f.buf[i]) {
		i++
	}
	return i
}

// linkMarkersPattern opens lists of links to other articles at the end of
// a page.
const linkMarkersPattern = `\b(?:Related(?: News| Articles| Stories| Coverage| Topics| Posts| Content)?|Read [Aa]lso|Also [Rr]ead|See [Aa]lso|More [Oo]n [Tt]his|Recommended|Most [Rr]ead|Tags|TAGS)\b`

// linkMarkerWords are linkMarkersPattern's alternatives, each matched on
// its own: a pattern that opens with plain text is found fast, and the
// alternatives all open differently, so that no two match at the same
// place and their matches, merged, are the pattern's.
var linkMarkerWords = []string{
	`Related(?: News| Articles| Stories| Coverage| Topics| Posts| Content)?`, `Read [Aa]lso`,
	`Also [Rr]ead`, `See [Aa]lso`, `More [Oo]n [Tt]his`, `Recommended`, `Most [Rr]ead`, `Tags`, `TAGS`,
}

var linkMarkerRes = sync.OnceValue(func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(linkMarkerWords))
	for i, w := range linkMarkerWords {
		res[i] = regexp.MustCompile(`(?:` + w + `)\b`)
	}
	return res
})

// linkMarkersPre tells most texts without link markers from the rest.
var linkMarkersPre = sync.OnceValue(func() prefilter {
	return prefilterFor(placeholders(), linkMarkersPattern, len(furnitureRules))
})

// findLinkMarkers returns what linkMarkersPattern's FindAllIndex would.
func findLinkMarkers(b []byte) [][]int {
	var all [][]int
	for _, re := range linkMarkerRes() {
		for _, m := range re.FindAllIndex(b, -1) {
			// The leading \b: every alternative opens with a letter.
			if m[0] == 0 || !isASCIIWord(b[m[0]-1]) {
				all = append(all, m)
			}
		}
	}
	slices.SortFunc(all, func(x, y []int) int { return x[0] - y[0] })
	out := all[:0]
	for _, m := range all {
		if len(out) == 0 || m[0] >= out[len(out)-1][1] {
			out = append(out, m)
		}
	}
	return out
}

// isASCIIWord reports whether c is a word character for \b.
func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// linkList blanks a list of links or tags running to the end of the body:
// after its marker ("Related News", "Read also:", "Tags") come only
// headlines, which have no sentence ending in a full stop, not even the
// last one (an article's last sentence starting "Recommended ..." stays).
func (f *furniture) linkList(start, end int) bool {
	win := f.buf[start:end]
	if pre := linkMarkersPre(); !pre.mayHold(f.grams) || !pre.within(win) {
		return false // most texts: skip the slower pattern
	}
	for _, m := range findLinkMarkers(win) {
		rest := win[m[1]:]
		if len(rest) > 2500 || hasSentenceEnd(rest) || bytes.HasSuffix(rest, []byte(".")) || bytes.HasSuffix(rest, []byte("!")) {
			continue
		}
		return f.blankSpan(start+m[0], end)
	}
	return false
}

// hasSentenceEnd reports whether s has a full stop or exclamation mark
// followed by a capitalised word, other than after an initial ("U.S. Navy").
func hasSentenceEnd(s []byte) bool {
	for i := 0; i+2 < len(s); i++ {
		if (s[i] != '.' && s[i] != '!') || s[i+1] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRune(s[i+2:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '"' {
			continue
		}
		if i >= 1 && unicode.IsUpper(rune(s[i-1])) && (i < 2 || !unicode.IsLetter(rune(s[i-2]))) {
			continue // an initial
		}
		return true
	}
	return false
}

// signature blanks a sign-off after the last sentence: editors' initials
// with slashes (SANA's "Manar al-Frieh/Manal", "H. Zain/ R.J/ Ghossoun") or a
// bare two- or three-word name ("Hazem Sabbagh", "Paula Astih").
func (f *furniture) signature(end int) bool {
	from := max(0, end-100)
	last := -1
	for i := end - 1; i >= from; i-- {
		c := f.buf[i]
		if c == '.' || c == '!' || c == '?' || c == '"' || c == ')' {
			if c == '.' && i > 0 && i+1 < end && f.buf[i+1] != ' ' {
				continue // "H.Zain", "R.J"
			}
			if c == '.' && i > 0 && unicode.IsUpper(rune(f.buf[i-1])) && (i == 1 || !unicode.IsLetter(rune(f.buf[i-2]))) {
				continue // an initial: "H. Said"
			}
			last = i
			break
		}
	}
	if last < 0 {
		return false
	}
	sig := strings.TrimSpace(string(f.buf[last+1 : end]))
	if sig == "" || len(sig) > 80 {
		return false
	}
	fields := strings.Fields(strings.ReplaceAll(sig, "/", " / "))
	slashes := strings.Count(sig, "/")
	for _, w := range fields {
		if w == "/" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !strings.HasPrefix(w, "al-") && !strings.HasPrefix(w, "el-") {
			return false
		}
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			return false
		}
	}
	names := len(fields) - slashes
	if slashes == 0 && (names < 2 || names > 3) {
		return false
	}
	return f.blankSpan(last+1, end)
}

// anywhere blanks furniture wherever it occurs.
func (f *furniture) anywhere() {
	for _, r := range furnitureRuleSet().anywhere {
		buf := f.buf
		if r.Within > 0 {
			buf = buf[:min(len(buf), r.Within+200)]
		}
		if !r.pre.mayHold(f.grams) || !r.pre.within(buf) {
			continue
		}
		r.compile()
		for _, m := range r.findAll(buf) {
			if r.Within > 0 && m[0] >= r.Within {
				break
			}
			if r.before != nil {
				from, ok := f.beforeStart(r.before, m[0])
				if !ok {
					continue
				}
				m[0] = from
			}
			f.apply(r, 0, m)
		}
	}
}

// beforeStart checks a rule's Before context behind pos: it returns where
// the context starts. The context must end in a capital or a digit and
// spaces or a comma ("BEIRUT (Reuters)", "MOSCOW October 1 (RIA Novosti)"),
// which rules most places out at once, and start with a capital at the
// start of a word; the earliest start that matches wins.
func (f *furniture) beforeStart(before *regexp.Regexp, pos int) (int, bool) {
	i := pos
	for i > 0 && (f.buf[i-1] == ' ' || f.buf[i-1] == ',') {
		i--
	}
	if i == 0 || !(isASCIIUpper(f.buf[i-1]) || f.buf[i-1] >= '0' && f.buf[i-1] <= '9') {
		return 0, false
	}
	for k := max(0, pos-48); k < i; k++ {
		if isASCIIUpper(f.buf[k]) && (k == 0 || !isWordByte(f.buf, k-1)) && before.Match(f.buf[k:pos]) {
			return k, true
		}
	}
	return 0, false
}

func isASCIIUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// youtube blanks embedded video titles ("Suspected gas attack on rebel-held
// Idlib kills at least 58 - YouTube"), whose figures repeat the article's.
func (f *furniture) youtube() {
	for _, i := range indexAll(f.buf, "YouTube") {
		// Preceded by " - " (or " -").
		j := i
		for j > 0 && f.buf[j-1] == ' ' {
			j--
		}
		if j < 2 || f.buf[j-1] != '-' || f.buf[j-2] != ' ' {
			continue
		}
		end := i + len("YouTube")
		if end < len(f.buf) && isWordByte(f.buf, end) {
			continue
		}
		if start := sentenceStart(f.buf, j-2, 250); start >= 0 {
			f.blankSpan(start, end)
		}
	}
}

// indexAll returns the offsets of every occurrence of s in b.
func indexAll(b []byte, s string) []int {
	var out []int
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte(s))
		if k < 0 {
			return out
		}
		out = append(out, i+k)
		i += k + len(s)
	}
}

// sentenceStart finds where the sentence holding pos starts, looking back at
// most limit bytes; -1 if it does not start within the limit.
func sentenceStart(b []byte, pos, limit int) int {
	for i := pos - 1; i >= 0 && i >= pos-limit; i-- {
		if b[i] == '\n' {
			return i + 1
		}
		if i+1 < len(b) && b[i+1] == ' ' && (b[i] == '.' || b[i] == '!' || b[i] == '?') {
			return i + 2
		}
		// Blanked furniture ends a sentence too.
		if i >= 2 && b[i] == ' ' && b[i-1] == ' ' && b[i-2] == ' ' {
			return i + 1
		}
	}
	if pos <= limit {
		return 0
	}
	return -1
}

// captionMarkers open Sputnik-style photo credits that run into the
// headline of a related article: ". AP Photo Hussein Malla Over 20 Daesh
// Terrorists Killed in SDF Operations ... "Over the past two days ...".
var captionMarkers = []string{"AP Photo", "REUTERS", "Photo", "Sputnik", "AFP Photo", "YouTube"}

// captionSmall are the words a title-case headline leaves in lower case.
var captionSmall = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "and": true, "or": true, "by": true, "from": true, "with": true,
	"as": true, "after": true, "near": true, "over": true, "into": true, "vs": true, "-": true,
}

// captionStarters start sentences rather than continue headlines.
var captionStarters = map[string]bool{"A": true, "An": true, "The": true, "On": true, "In": true, "At": true, "According": true}

// captions blanks photo credits with the related headline glued to them.
func (f *furniture) captions() {
	for _, marker := range captionMarkers {
		for _, start := range indexAll(f.buf, marker) {
			f.caption(start, start+len(marker))
		}
	}
}

// caption blanks one photo credit at buf[start:markerEnd] and the headline
// glued to it, if the credit opens a sentence. The headline is the run of
// title-case words after the credit; the run stops at punctuation or at the
// first lower-case word, whose capitalised predecessor starts the article's
// next sentence and is kept.
func (f *furniture) caption(start, markerEnd int) {
	i := markerEnd
	for i < len(f.buf) && isWordByte(f.buf, i) { // "YouTubeJustInfortheTruth"
		_, n := utf8.DecodeRune(f.buf[i:])
		i += n
	}
	if i >= len(f.buf) || f.buf[i] != ' ' {
		return
	}
	if p := start; p > 0 {
		for p > 0 && (f.buf[p-1] == ' ' || f.buf[p-1] == '\n') {
			p--
		}
		if p == start || p > 0 && strings.IndexByte(`.!?"`, f.buf[p-1]) < 0 {
			return // glued to a word, or inside a sentence
		}
	}
	var ends []int // end of each title-case word
	stoppedByWord := false
scan:
	for i < len(f.buf) && len(ends) < 30 {
		for i < len(f.buf) && f.buf[i] == ' ' {
			i++
		}
		ws := i
		for i < len(f.buf) && f.buf[i] != ' ' && f.buf[i] != '\n' {
			i++
		}
		w := string(f.buf[ws:i])
		if w == "" {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		if h := strings.IndexByte(w, '-'); h > 0 && h+1 < len(w) && unicode.IsLower(r) {
			r, _ = utf8.DecodeRuneInString(w[h+1:]) // "ez-Zor", "al-Nusra"
		}
		switch {
		case strings.ContainsAny(w, `"()`) || strings.HasSuffix(w, ".") && len(w) > 2 && !strings.Contains(w[:len(w)-1], "."):
			break scan
		case len(ends) >= 2 && captionStarters[w]:
			// Sputnik's headlines keep these in lower case: a capitalised
			// one starts the article's next sentence.
			break scan
		case unicode.IsUpper(r) || unicode.IsDigit(r) || captionSmall[w]:
			ends = append(ends, i)
		default:
			stoppedByWord = true
			break scan
		}
	}
	if stoppedByWord && len(ends) > 0 {
		ends = ends[:len(ends)-1] // the next sentence's first word
	}
	// Drop a trailing dateline in capitals ("MOSCOW" before "(Sputnik)").
	for len(ends) > 1 {
		w := strings.TrimSpace(string(f.buf[ends[len(ends)-2]:ends[len(ends)-1]]))
		if w != strings.ToUpper(w) || len(w) < 3 {
			break
		}
		ends = ends[:len(ends)-1]
	}
	if len(ends) < 4 {
		return
	}
	f.blankSpan(start, ends[len(ends)-1])
}
