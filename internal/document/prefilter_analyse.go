package document

import (
	"errors"
	"fmt"
	"math"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds that keep the analysis and the test cheap; past them the literals
// are cut short or dropped, which only makes the test looser.
const (
	maxPrefixes   = 96
	maxPrefixLen  = 24
	maxClassRunes = 10 // a character class of at most this many runes branches
)

var anyPrefix = []prefix{{exact: false}}

// An analyser works out prefilters for patterns with placeholders
// ("{AGENCY}", "{DATE}"). Each placeholder's text is parsed and analysed
// once, however many patterns use it: the big ones (every agency, every
// date form) cost more to parse than all the rest.
type analyser struct {
	frags   map[string]string   // placeholder name → pattern text
	memo    map[string]literals // placeholder name → its literals
	endMemo map[string]endSet   // placeholder name → the bytes it ends with
	names   []string            // while analysing: the placeholder of each marker group
}

func newAnalyser(ph *placeholderSet) *analyser {
	return &analyser{frags: ph.frags, memo: map[string]literals{}, endMemo: map[string]endSet{}}
}

// markerPrefix names the empty groups that stand for placeholders while
// a pattern is analysed.
const markerPrefix = "tallyPlaceholder"

// prefilter returns the prefilter of pattern, whose placeholders expand to
// expanded.
func (a *analyser) prefilter(pattern, expanded string) (prefilter, error) {
	re, err := a.parse(pattern)
	if err != nil {
		// Analyse the expansion itself (a placeholder under a
		// quantifier, say); it must parse, or the rule is bad.
		a.names = nil
		if re, err = syntax.Parse(expanded, syntax.Perl); err != nil {
			return prefilter{}, err
		}
	}
	// Whether a literal is a whole match no longer matters: "Get short
	// URL" covers "Get short URL 0".
	var f prefilter
	l := a.analyse(re)
	if ps := open(l.pre); weakest(ps) > 0 {
		f.start = ps
	}
	if ps := open(l.req); weakest(ps) > 0 {
		f.inside = ps
	}
	if e := a.ends(re); !e.nullable && slices.Contains(e.last[:], false) {
		var b []byte
		for c, ok := range e.last {
			if ok {
				b = append(b, byte(c))
			}
		}
		f.ends = string(b) // "" when nothing matches: then it tells nothing
	}
	return f, nil
}

// parse parses pattern with each placeholder as an empty marker group,
// which analyse replaces with the placeholder's literals. It fails where
// that would not mean what the textual expansion means: a placeholder
// under a quantifier ("{YEAR}?" quantifies only the expansion's last
// part), escaped, or inside a character class.
func (a *analyser) parse(pattern string) (*syntax.Regexp, error) {
	a.names = a.names[:0]
	var b strings.Builder
	for i := 0; i < len(pattern); {
		if pattern[i] == '{' {
			if j := strings.IndexByte(pattern[i:], '}'); j > 0 {
				if _, ok := a.frags[pattern[i+1:i+j]]; ok {
					next := i + j + 1
					if i > 0 && pattern[i-1] == '\\' || next < len(pattern) && strings.IndexByte("?*+{", pattern[next]) >= 0 {
						return nil, errors.New("placeholder in context")
					}
					fmt.Fprintf(&b, "(?P<%s%d>)", markerPrefix, len(a.names))
					a.names = append(a.names, pattern[i+1:i+j])
					i = next
					continue
				}
			}
		}
		b.WriteByte(pattern[i])
		i++
	}
	re, err := syntax.Parse(b.String(), syntax.Perl)
	if err != nil {
		return nil, err
	}
	if markers(re) != len(a.names) {
		return nil, errors.New("placeholder in context")
	}
	return re, nil
}

// markers counts the marker groups in re.
func markers(re *syntax.Regexp) int {
	n := 0
	if re.Op == syntax.OpCapture && strings.HasPrefix(re.Name, markerPrefix) {
		n++
	}
	for _, sub := range re.Sub {
		n += markers(sub)
	}
	return n
}

// placeholder returns the literals of the placeholder a marker group
// stands for, and whether re is a marker group.
func (a *analyser) placeholder(re *syntax.Regexp) (literals, bool) {
	if re.Op != syntax.OpCapture || !strings.HasPrefix(re.Name, markerPrefix) || len(a.names) == 0 {
		return literals{}, false
	}
	k, err := strconv.Atoi(re.Name[len(markerPrefix):])
	if err != nil || k < 0 || k >= len(a.names) {
		return literals{anyPrefix, anyPrefix}, true
	}
	name := a.names[k]
	l, ok := a.memo[name]
	if !ok {
		l = literals{anyPrefix, anyPrefix}
		if frag, err := syntax.Parse(a.frags[name], syntax.Perl); err == nil {
			outer := a.names
			a.names = nil
			l = a.analyse(frag)
			a.names = outer
		}
		a.memo[name] = l
	}
	if re.Flags&syntax.FoldCase != 0 {
		// In a case-blind context ("(?i:{CITY})") the expansion matches
		// in any case.
		l = literals{folded(l.pre), folded(l.req)}
	}
	return l, true
}

// folded makes literals case-blind; they stop before anything not ASCII,
// whose folding the test does not know.
func folded(ps []prefix) []prefix {
	out := make([]prefix, len(ps))
	for i, p := range ps {
		for k := 0; k < len(p.s); k++ {
			if p.s[k] >= utf8.RuneSelf {
				p.s, p.exact = p.s[:k], false
				break
			}
		}
		p.fold = true
		out[i] = p
	}
	return reduce(out)
}

// literals is what the analysis knows of a sub-expression: literals one
// of which every match starts with (pre) and contains (req). A set with an
// empty literal tells nothing.
type literals struct {
	pre, req []prefix
}

// analyse works out the literals of re, bottom up, visiting each node once.
func (a *analyser) analyse(re *syntax.Regexp) literals {
	if l, ok := a.placeholder(re); ok {
		return l
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return literals{[]prefix{}, []prefix{}}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return literals{[]prefix{{exact: true}}, anyPrefix}
	case syntax.OpLiteral:
		p := foldedLiteral(re.Rune, re.Flags&syntax.FoldCase != 0)
		return literals{p, p}
	case syntax.OpCharClass:
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxClassRunes {
				return literals{anyPrefix, anyPrefix}
			}
		}
		ps := make([]prefix, 0, n)
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				ps = append(ps, literalPrefix([]rune{r}, false))
			}
		}
		return literals{ps, ps}
	case syntax.OpCapture:
		return a.analyse(re.Sub[0])
	case syntax.OpQuest:
		sub := a.analyse(re.Sub[0])
		return literals{reduce(append([]prefix{{exact: true}}, sub.pre...)), anyPrefix}
	case syntax.OpStar:
		sub := a.analyse(re.Sub[0])
		return literals{reduce(append([]prefix{{exact: true}}, open(sub.pre)...)), anyPrefix}
	case syntax.OpPlus:
		sub := a.analyse(re.Sub[0])
		return literals{open(sub.pre), better(open(sub.pre), sub.req)}
	case syntax.OpRepeat:
		sub := a.analyse(re.Sub[0])
		switch {
		case re.Min == 1 && re.Max == 1:
			return sub
		case re.Min == 0:
			return literals{reduce(append([]prefix{{exact: true}}, open(sub.pre)...)), anyPrefix}
		}
		return literals{open(sub.pre), better(open(sub.pre), sub.req)}
	case syntax.OpConcat:
		subs := make([]literals, len(re.Sub))
		for i, sub := range re.Sub {
			subs[i] = a.analyse(sub)
		}
		// Prefixes of each tail of the concatenation, right to left: any
		// of them is also a literal that every match contains.
		tail := []prefix{{exact: true}}
		req := anyPrefix
		for i := len(subs) - 1; i >= 0; i-- {
			tail = cross(subs[i].pre, tail)
			req = better(req, better(subs[i].req, tail))
		}
		return literals{tail, better(req, tail)}
	case syntax.OpAlternate:
		var pre, req []prefix
		for _, sub := range re.Sub {
			l := a.analyse(sub)
			pre = append(pre, l.pre...)
			req = append(req, open(l.req)...)
		}
		out := literals{union(pre), union(req)}
		out.req = better(out.req, open(out.pre))
		return out
	}
	return literals{anyPrefix, anyPrefix} // any character
}

// cross returns the prefixes of a match of a followed by a match of b.
func cross(a, b []prefix) []prefix {
	n := 0
	for _, p := range a {
		if p.exact {
			n += len(b)
		} else {
			n++
		}
	}
	if n > maxPrefixes {
		return open(a)
	}
	out := make([]prefix, 0, n)
	for _, p := range a {
		if !p.exact {
			out = append(out, p)
			continue
		}
		for _, q := range b {
			c := prefix{s: p.s + q.s, fold: p.fold || q.fold, exact: q.exact}
			if len(c.s) > maxPrefixLen {
				c.s, c.exact = cut(c.s, maxPrefixLen), false
			}
			out = append(out, c)
		}
	}
	return reduce(out)
}

// union returns the literals of an alternation.
func union(ps []prefix) []prefix {
	if weakest(ps) == 0 || len(ps) > 2*maxPrefixes {
		return anyPrefix
	}
	if ps = reduce(ps); len(ps) > maxPrefixes {
		return anyPrefix
	}
	return ps
}

// cut shortens s to at most n bytes without splitting a rune.
func cut(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// weakest is the length of the shortest literal of a set, the measure of
// how much a set filters out; 0 when it filters nothing.
func weakest(ps []prefix) int {
	n := maxPrefixLen + 1
	for _, p := range ps {
		n = min(n, len(p.s))
	}
	return n
}

// better returns the more selective of two literal sets.
func better(a, b []prefix) []prefix {
	if sa, sb := selectivity(a), selectivity(b); sa != sb {
		if sa > sb {
			return a
		}
		return b
	}
	if len(b) < len(a) {
		return b
	}
	return a
}

// selectivity estimates how much text a literal set filters out: the
// rarity of its commonest literal, less a little for every alternative.
// A set that tells nothing scores 0, one that matches nothing +Inf.
func selectivity(ps []prefix) float64 {
	least := math.Inf(1)
	for _, p := range ps {
		v := 0.0
		for i := 0; i < len(p.s); i++ {
			c := p.s[i]
			w := rarity(c)
			if l := c | 0x20; p.fold && 'a' <= l && l <= 'z' {
				w = min(rarity(l), rarity(l&^0x20))
			}
			v += w
		}
		least = min(least, v)
	}
	if least == 0 || math.IsInf(least, 1) {
		return least
	}
	return max(least-math.Log2(float64(len(ps))), 1e-3)
}

// rarity is how unlikely byte c is in news text, from 1 for a space up.
func rarity(c byte) float64 {
	r := strings.IndexByte(commonBytes, c)
	if r < 0 {
		r = len(commonBytes) + 8
	}
	return 1 + float64(r)/8
}

// foldedLiteral returns the prefixes for a literal. A case-blind one with
// at most two letters ("[Aa]", which the parser makes a case-blind "a") is
// spelt out in every case, which searches faster than a case-blind
// literal; a longer one stays case-blind.
func foldedLiteral(rs []rune, fold bool) []prefix {
	if !fold {
		return []prefix{literalPrefix(rs, false)}
	}
	letters := 0
	for _, r := range rs {
		if unicode.SimpleFold(r) != r {
			letters++
		}
	}
	if letters > 2 {
		return []prefix{literalPrefix(rs, true)}
	}
	out := []prefix{{exact: true}}
	for _, r := range rs {
		var next []prefix
		for c := r; ; {
			for _, p := range out {
				next = append(next, prefix{s: p.s + string(c), exact: p.exact})
			}
			if c = unicode.SimpleFold(c); c == r {
				break
			}
		}
		out = next
	}
	for i := range out {
		if strings.ContainsRune(out[i].s, utf8.RuneError) {
			out[i] = literalPrefix([]rune(out[i].s), false)
		}
	}
	return reduce(out)
}

// literalPrefix is the prefix for a literal. Text that is not valid UTF-8
// can match U+FFFD, and folding is only worked out for ASCII: the prefix
// stops before either.
func literalPrefix(rs []rune, fold bool) prefix {
	var b strings.Builder
	for _, r := range rs {
		if r == utf8.RuneError || (fold && r >= utf8.RuneSelf) {
			return prefix{s: b.String(), fold: fold}
		}
		b.WriteRune(r)
	}
	return prefix{s: b.String(), fold: fold, exact: true}
}

// open marks prefixes as followed by unknown text.
func open(ps []prefix) []prefix {
	out := make([]prefix, len(ps))
	for i, p := range ps {
		p.exact = false
		out[i] = p
	}
	return reduce(out)
}

// reduce drops duplicates and literals that an open (inexact) one already
// covers: with "Get short URL" open, "Get short URL 0" says nothing more.
func reduce(ps []prefix) []prefix {
	if len(ps) < 2 {
		return ps
	}
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b prefix) int {
		if c := strings.Compare(a.s, b.s); c != 0 {
			return c
		}
		if a.fold != b.fold {
			return boolCmp(a.fold, b.fold)
		}
		return boolCmp(a.exact, b.exact)
	})
	// Sorted, the literals an open case-sensitive one covers follow it.
	out := ps[:0]
	var cover *prefix
	folds := 0
	for i := range ps {
		p := ps[i]
		if cover != nil && !strings.HasPrefix(p.s, cover.s) {
			cover = nil
		}
		if cover != nil && covers(*cover, p) || len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
		if !p.exact && !p.fold {
			cover = &out[len(out)-1]
		}
		if !p.exact && p.fold {
			folds++
		}
	}
	if folds == 0 {
		return out
	}
	// Open case-blind literals cover in any case.
	kept := out[:0:0]
	for i, p := range out {
		covered := false
		for j, q := range out {
			if i != j && !q.exact && q.fold && len(q.s) <= len(p.s) && covers(q, p) &&
				(len(q.s) < len(p.s) || p.exact || !p.fold || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			kept = append(kept, p)
		}
	}
	return kept
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// covers reports whether every text that starts with p also starts with
// the open prefix q.
func covers(q, p prefix) bool {
	head := p.s[:len(q.s)]
	if q.fold {
		return strings.EqualFold(head, q.s)
	}
	if p.fold {
		for i := 0; i < len(head); i++ {
			if c := head[i] | 0x20; 'a' <= c && c <= 'z' {
				return false // p lets other cases through
			}
		}
	}
	return head == q.s
}

// endSet is the bytes the matches of a sub-expression can end with, and
// whether it can match the empty string.
type endSet struct {
	last     [256]bool
	nullable bool
}

func (e *endSet) addAll() {
	for i := range e.last {
		e.last[i] = true
	}
}

// addRune adds the last byte of r's encoding; with fold, of every rune
// that folds to it.
func (e *endSet) addRune(r rune, fold bool) {
	if r == utf8.RuneError || r > unicode.MaxRune {
		e.addAll() // an invalid byte, any of them, matches U+FFFD
		return
	}
	for c := r; ; {
		s := string(c)
		e.last[s[len(s)-1]] = true
		if !fold {
			return
		}
		if c = unicode.SimpleFold(c); c == r {
			return
		}
	}
}

func (e *endSet) union(o endSet) {
	for i, b := range o.last {
		e.last[i] = e.last[i] || b
	}
}

// ends works out the bytes a match of re can end with.
func (a *analyser) ends(re *syntax.Regexp) endSet {
	var e endSet
	if re.Op == syntax.OpCapture && strings.HasPrefix(re.Name, markerPrefix) && len(a.names) > 0 {
		k, err := strconv.Atoi(re.Name[len(markerPrefix):])
		if err != nil || k < 0 || k >= len(a.names) {
			e.addAll()
			e.nullable = true
			return e
		}
		name := a.names[k]
		fe, ok := a.endMemo[name]
		if !ok {
			fe.addAll()
			fe.nullable = true
			if frag, err := syntax.Parse(a.frags[name], syntax.Perl); err == nil {
				outer := a.names
				a.names = nil
				fe = a.ends(frag)
				a.names = outer
			}
			a.endMemo[name] = fe
		}
		if re.Flags&syntax.FoldCase != 0 {
			// Case-blind, every letter may end in either case.
			for c := 0; c < utf8.RuneSelf; c++ {
				if fe.last[c] {
					fe.addRune(rune(c), true)
				}
			}
			for c := utf8.RuneSelf; c < 256; c++ {
				if fe.last[c] {
					for b := 0x80; b < 0xC0; b++ {
						fe.last[b] = true
					}
					break
				}
			}
		}
		return fe
	}
	switch re.Op {
	case syntax.OpNoMatch:
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		e.nullable = true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			e.nullable = true
		} else {
			e.addRune(re.Rune[len(re.Rune)-1], re.Flags&syntax.FoldCase != 0)
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo <= utf8.RuneError && utf8.RuneError <= hi {
				e.addAll()
				break
			}
			for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
				e.last[r] = true
			}
			if hi >= utf8.RuneSelf {
				for b := 0x80; b < 0xC0; b++ {
					e.last[b] = true
				}
			}
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		e.addAll()
		if re.Op == syntax.OpAnyCharNotNL {
			e.last['\n'] = false
		}
	case syntax.OpCapture, syntax.OpPlus:
		e = a.ends(re.Sub[0])
	case syntax.OpQuest, syntax.OpStar:
		e = a.ends(re.Sub[0])
		e.nullable = true
	case syntax.OpRepeat:
		e = a.ends(re.Sub[0])
		if re.Min == 0 {
			e.nullable = true
		}
		if re.Max == 0 {
			e.last = [256]bool{}
		}
	case syntax.OpConcat:
		e.nullable = true
		for i := len(re.Sub) - 1; i >= 0 && e.nullable; i-- {
			s := a.ends(re.Sub[i])
			e.union(s)
			e.nullable = s.nullable
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s := a.ends(sub)
			e.union(s)
			e.nullable = e.nullable || s.nullable
		}
	default:
		e.addAll()
		e.nullable = true
	}
	return e
}
