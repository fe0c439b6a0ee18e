package extract

import (
	"slices"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/extract/number"
)

// Limits on how far apart a number and its trigger may stand. They keep the
// rules from linking a number to a verb of another clause.
const (
	maxAfterScan     = 10 // tokens scanned after the number for its trigger
	maxUnknownGap    = 2  // words of no table between number and trigger
	maxBeforeScan    = 14 // tokens scanned before the number for its trigger
	defaultBeforeGap = 2
	victimLookahead  = 4
)

// figure is a casualty figure found in a sentence, before it becomes a claim.
type figure struct {
	kind         claim.Kind
	numTok       int // index of the number token
	trigTok      int // index of the trigger's first token
	victims      claim.Victims
	victimsText  string
	hypothetical bool
	whole        int // 1 + index of the figure this one is a part of ("including 5 children"); 0 for none
	count        claim.Count
	start, end   int // span of the figure in the sentence (number and trigger)
}

// triggerAt returns the longest casualty trigger starting at toks[i] usable
// on the given side of the number.
func triggerAt(toks []token, i int, after bool) (*entry, int) {
	if i >= len(toks) || toks[i].kind != tokWord || lexWords[toks[i].wid].tables&triggers.bit == 0 {
		return nil, 0
	}
	for _, e := range triggers.byWord[toks[i].wid] {
		if i+len(e.words) > len(toks) || !phraseAt(toks, i, e.words) {
			continue
		}
		where := e.field(1)
		if after && (where == "after" || where == "both") || !after && (where == "before" || where == "both") {
			return e, len(e.words)
		}
	}
	return nil, 0
}

// triggerSides is triggerAt on both sides at once, for a loop that asks
// for the trigger after the number and, failing that, for one before it:
// the word's phrases are read once. after is what triggerAt(toks, i, true)
// returns; before is triggerAt(toks, i, false) when after is nil.
func triggerSides(toks []token, i int) (after *entry, n int, before *entry) {
	if i >= len(toks) || toks[i].kind != tokWord || lexWords[toks[i].wid].tables&triggers.bit == 0 {
		return nil, 0, nil
	}
	for _, e := range triggers.byWord[toks[i].wid] {
		if i+len(e.words) > len(toks) || !phraseAt(toks, i, e.words) {
			continue
		}
		switch e.field(1) {
		case "after", "both":
			return e, len(e.words), nil
		case "before":
			if before == nil {
				before = e
			}
		}
	}
	return nil, 0, before
}

func phraseAt(toks []token, i int, words []string) bool {
	for k, w := range words {
		t := toks[i+k]
		if t.kind != tokWord || t.lower != w {
			return false
		}
	}
	return true
}

// victimAt classifies toks[i] as a victim noun or modifier.
func victimAt(toks []token, i int) (claim.Victims, bool, bool) {
	if toks[i].kind != tokWord || !victimLex.mayStart(&toks[i]) {
		return "", false, false
	}
	e, _ := victimLex.match(toks, i)
	if e == nil {
		return "", false, false
	}
	return claim.Victims(e.field(0)), e.field(1) == "noun", true
}

// victimPhrase reads the victim words at toks[i:] ("Syrian rebels", "civilian",
// "soldiers and fighters"), returning the category, the span of the words and
// the index after them. A generic noun (people, forces) takes its category
// from a modifier before it ("rebel forces").
type victimScan struct {
	cat        claim.Victims
	start, end int // token range of the victim words, end exclusive
	modifier   claim.Victims
	generic    bool // the noun so far says little ("members", "others"): a later one may replace it
}

// generic nouns give way to a more telling one after them: "members of the
// militia", "others, among them children".
func generic(word string) bool {
	switch word {
	case "members", "others", "individuals", "victims":
		return true
	}
	return false
}

func (v *victimScan) add(toks []token, i int) bool {
	cat, noun, ok := victimAt(toks, i)
	if !ok {
		return false
	}
	if v.start == v.end {
		v.start = i
	}
	v.end = i + 1
	if !noun {
		if v.modifier == "" {
			v.modifier = cat
		}
		return true
	}
	if v.cat == "" || v.generic {
		v.cat = cat
		v.generic = generic(toks[i].lower)
	}
	return true
}

func (v *victimScan) category() claim.Victims {
	switch {
	case v.cat == claim.SecurityForces && v.modifier == claim.Combatants:
		return claim.Combatants
	case (v.cat == "" || v.cat == claim.People) && v.modifier != "":
		return v.modifier
	case v.cat == "":
		return claim.People
	}
	return v.cat
}

// matchAfter looks for a trigger after the number at toks[i]: "130 people
// were killed", "29 Syria Rebels Dead", "658 cases of injuries".
func matchAfter(text string, toks []token, i int) (f figure, ok bool) {
	var v victimScan
	unknown := 0
	inPart, sawAux := false, false
	partWords, capitalised := 0, 0
	limit := min(len(toks), i+1+maxAfterScan)
	for j := i + 1; j < limit; j++ {
		t := &toks[j]
		switch t.kind {
		case tokNum:
			// A coordinated subject ("eight children and three women were
			// among the dead") or a part named inside the phrase ("12
			// people including 3 children were killed") does not end it.
			if prev := toks[j-1]; v.start < v.end && prev.kind == tokWord && (prev.lower == "and" || isSubcountBefore(toks, j)) {
				inPart = isSubcountBefore(toks, j)
				continue
			}
			return f, false
		case tokPunct:
			if inPart && (t.lower == "," || t.lower == "-" || t.lower == ")") {
				// The end of a part set off by dashes or commas: "23
				// civilians - including nine children - dead".
				inPart = false
				continue
			}
			if (t.lower == "," || t.lower == "-" || t.lower == "(") && j+1 < len(toks) && toks[j+1].kind == tokWord {
				if _, _, isVictim := victimAt(toks, j+1); isVictim {
					continue
				}
				if e, _ := subLex.match(toks, j+1); e != nil && e.field(0) == "before" {
					continue
				}
			}
			return f, false
		}
		var e, before *entry
		var n int
		if t.kind == tokWord && lexWords[t.wid].tables&triggers.bit != 0 {
			// triggerSides' own first test, without the call: most
			// words start no trigger.
			e, n, before = triggerSides(toks, j)
		}
		if e != nil {
			f = figure{kind: claim.Kind(e.field(0)), numTok: i, trigTok: j, end: toks[j+n-1].end}
			if v.start == v.end {
				// "bodies of civilians", "deaths among civilians"
				scanVictims(toks, j+n, &v, fillerAfterTrigger, 0)
			}
			f.victims = v.category()
			if v.start < v.end {
				f.victimsText = text[toks[v.start].start:toks[v.end-1].end]
			}
			return f, true
		}
		if before != nil {
			// An active verb ("killing") takes its own object; the number
			// before it is not what it counts.
			return f, false
		}
		if e, n := subLex.match(toks, j); e != nil && e.field(0) == "before" {
			inPart = true
			j += n - 1
			continue
		}
		if inPart {
			// The words of a part ("including 3 children", "most of them
			// non-Syrians") say nothing of the whole's victims.
			if _, _, isVictim := victimAt(toks, j); isVictim || partWords < maxUnknownGap+1 {
				partWords++
				continue
			}
		}
		if v.add(toks, j) {
			continue
		}
		if thingLex.hasTok(t) {
			return f, false
		}
		if t.lower == "and" || t.lower == "or" {
			if j+1 < len(toks) {
				if _, _, isVictim := victimAt(toks, j+1); isVictim || toks[j+1].kind == tokNum && v.start < v.end {
					continue
				}
				// "were rounded up and executed": coordinated passives.
				if e, _ := triggerAt(toks, j+1, true); e != nil && sawAux {
					continue
				}
			}
			return f, false
		}
		if isAuxiliary(t.lower) {
			sawAux = true
		}
		if gapLex.hasTok(t) {
			continue
		}
		// Names ("Jeish Al Fatah terrorists", "Syria rebels") may stand
		// between a number and its noun; other words may not, beyond a few.
		if t.upper {
			capitalised++
		} else {
			unknown++
		}
		if unknown > maxUnknownGap || unknown+capitalised > maxUnknownGap+2 {
			return f, false
		}
	}
	return f, false
}

// The victim fillers are the words a victim scan may pass over before the
// victim noun: after a trigger noun ("bodies of civilians"), and after a
// number ("12 more people", "5 other civilians"), where one unknown word
// (an adjective) may stand too. Switches, not maps: they are asked of
// every word after a number.
func fillerAfterTrigger(w string) bool {
	switch w {
	case "of", "among", "the", "including":
		return true
	}
	return false
}

func fillerAfterNumber(w string) bool {
	switch w {
	case "of", "more", "other", "others", "people", "civilian", "the":
		return true
	}
	return false
}

// scanVictims reads the victim words from toks[j:] into v, passing over
// fillers and at most allowUnknown other words, and stopping at a
// non-person noun.
func scanVictims(toks []token, j int, v *victimScan, filler func(string) bool, allowUnknown int) {
	unknown := 0
	for k := j; k < min(len(toks), j+victimLookahead); k++ {
		if toks[k].kind != tokWord {
			return
		}
		if v.add(toks, k) {
			continue
		}
		if v.start < v.end || thingLex.hasTok(&toks[k]) {
			return
		}
		if filler(toks[k].lower) {
			continue
		}
		if unknown++; unknown > allowUnknown {
			return
		}
	}
}

// matchBefore looks for a trigger before the number at toks[i]: "killing at
// least 12", "the death toll rose to 58", "killed 5 people and 12 others".
func matchBefore(text string, toks []token, i int) (f figure, ok bool) {
	for k := i - 1; k >= 0 && k >= i-maxBeforeScan; k-- {
		t := &toks[k]
		if t.kind == tokPunct && t.lower != "," {
			break
		}
		if t.kind != tokWord || lexWords[t.wid].tables&triggers.bit == 0 {
			continue // triggerAt's own first test, without the call: most words start no trigger
		}
		e, n := triggerAt(toks, k, false)
		if e == nil {
			continue
		}
		gap := defaultBeforeGap
		if g := e.field(2); g != "" {
			gap = int(g[0] - '0')
		}
		if !gapOK(toks, k+n, i, gap) {
			continue
		}
		f = figure{kind: claim.Kind(e.field(0)), numTok: i, trigTok: k}
		var v victimScan
		scanVictims(toks, i+1, &v, fillerAfterNumber, 1)
		if v.start == 0 && v.end == 0 && isThingAfter(toks, i+1) {
			return f, false
		}
		if e.field(3) == "victim" && v.start == v.end {
			return f, false
		}
		f.victims = v.category()
		if v.start < v.end {
			f.victimsText = text[toks[v.start].start:toks[v.end-1].end]
			f.end = toks[v.end-1].end
		} else {
			f.end = toks[i].end
		}
		return f, true
	}
	return f, false
}

// gapOK reports whether the tokens in [from, to) may separate a trigger from
// its number: at most gap words that are not a previous coordinated figure
// ("killed 5 people and 12 others": "5 people and" is skipped).
func gapOK(toks []token, from, to, gap int) bool {
	words := 0
	for j := from; j < to; j++ {
		t := &toks[j]
		switch {
		case t.kind == tokNum:
			// Skip a coordinated figure: N [victim words] (and|,).
			k := j + 1
			for k < to && toks[k].kind == tokWord {
				if _, _, isVictim := victimAt(toks, k); !isVictim && !gapLex.hasTok(&toks[k]) {
					break
				}
				k++
			}
			if k < to && (toks[k].lower == "and" || toks[k].lower == ",") && k == to-1 {
				return true
			}
			return false
		case t.kind == tokPunct || isClauseBreak(t.lower):
			return false
		}
		words++
		if words > gap && !gapLex.hasTok(t) {
			return false
		}
		if words > gap+3 {
			return false
		}
	}
	return true
}

// isThingAfter reports whether the number is followed by a non-person noun
// ("killed in 150 airstrikes", "destroyed 12 tanks").
func isThingAfter(toks []token, j int) bool {
	for k := j; k < min(len(toks), j+3); k++ {
		if toks[k].kind != tokWord {
			return false
		}
		if thingLex.hasTok(&toks[k]) {
			return true
		}
	}
	return false
}

// findFigures returns the casualty figures of one sentence.
func findFigures(text string, toks []token) []figure {
	if !hasTrigger(toks) {
		// Every figure, of a number, a denial or a singular, has its
		// trigger; most sentences have none.
		return nil
	}
	return figuresOf(text, toks)
}

// figuresOf is findFigures for a sentence known to have a trigger.
//
// One pass finds the first count, the first word that may open a denial
// and the first that may open a singular; each rule starts there, or not
// at all.
func figuresOf(text string, toks []token) []figure {
	var out []figure
	counted := false
	denial, single := -1, -1
	for i := range toks {
		// By pointer: a token is 48 bytes, and most are neither.
		switch t := &toks[i]; t.kind {
		case tokNum:
			if !counted && t.num.Kind == number.Count {
				out = countFigures(text, toks, i)
				counted = true
			}
		case tokWord:
			if len(t.lower) > len("nobody") {
				continue // most words: longer than any word below
			}
			switch t.lower {
			case "no", "zero", "nobody", "none":
				if denial < 0 {
					denial = i
				}
			case "a", "an", "one":
				if single < 0 {
					single = i
				}
			}
		}
	}
	if denial >= 0 {
		out = appendDenials(out, toks, denial)
	}
	if single >= 0 {
		out = appendSingulars(out, text, toks, single)
	}
	return out
}

// countFigures returns the figures of the counts of a sentence, and their
// parts, from its first count at toks[first]. It is figuresOf's own so
// that a sentence without a count does not clear its candidates' buffer.
func countFigures(text string, toks []token, first int) []figure {
	type candidates struct {
		i        int
		a, b     figure
		okA, okB bool
	}
	// Few sentences have more than a handful of counts: the candidates
	// stay on the stack.
	var buf [4]candidates
	cands := buf[:0]
	for i := first; i < len(toks); i++ {
		if t := &toks[i]; t.kind != tokNum || t.num.Kind != number.Count {
			continue
		}
		c := candidates{i: i}
		c.a, c.okA = matchAfter(text, toks, i)
		c.b, c.okB = matchBefore(text, toks, i)
		if c.okA || c.okB {
			cands = append(cands, c)
		}
	}
	// A trigger between two numbers ("Two killed 6 injured", "kill 83
	// injured 100") belongs to one of them: to the later number when the
	// earlier already has its own verb before it, else to the earlier.
	for k := 0; k+1 < len(cands); k++ {
		prev, next := &cands[k], &cands[k+1]
		if prev.okA && next.okB && prev.a.trigTok == next.b.trigTok {
			if prev.okB {
				prev.okA = false
			} else {
				next.okB = false
			}
		}
	}
	// The sub-figures, denials and singulars go on the same slice: most
	// sentences have one or two figures in all.
	var out []figure
	if len(cands) > 0 {
		out = make([]figure, 0, len(cands))
	}
	for _, c := range cands {
		var f figure
		switch {
		case c.okA && c.okB:
			// On a tie the verb before wins: "attacks kill 10 injure scores".
			if c.a.trigTok-c.i < c.i-c.b.trigTok {
				f = c.a
			} else {
				f = c.b
			}
		case c.okA:
			f = c.a
		case c.okB:
			f = c.b
		default:
			continue
		}
		t := toks[c.i]
		f.count = t.num.Count
		f.start = min(toks[f.trigTok].start, t.start)
		if f.end < t.end {
			f.end = t.end
		}
		f.hypothetical = hypotheticalNear(toks, min(f.trigTok, c.i))
		out = append(out, f)
	}
	markParts(toks, out)
	return appendSubFigures(out, text, toks, out[:len(out):len(out)], first)
}

// hasTrigger reports whether some casualty trigger may start at a token
// (see triggerAt).
func hasTrigger(toks []token) bool {
	for i := range toks {
		if toks[i].kind == tokWord && lexWords[toks[i].wid].tables&triggers.bit != 0 {
			return true
		}
	}
	return false
}

// isClauseBreak reports a word that ends the reach of a verb before a
// number: in "killed two while 12 were wounded" the 12 is not killed.
func isClauseBreak(w string) bool {
	switch w {
	case "and", "or", "while", "but", "whereas", "when", "after", "as", "since", "because", "although":
		return true
	}
	return false
}

// isAuxiliary reports a word that marks a passive or perfect verb phrase.
func isAuxiliary(w string) bool {
	switch w {
	case "were", "was", "been", "are", "is":
		return true
	}
	return false
}

// hypotheticalNear reports whether a modal or conditional word stands just
// before the figure ("could kill thousands", "threatens to displace").
func hypotheticalNear(toks []token, at int) bool {
	for k := max(0, at-3); k < at; k++ {
		if e, _ := modalLex.match(toks, k); e != nil {
			return true
		}
	}
	return false
}

// appendSubFigures appends to out the numbers that count a part of a
// figure of figs, of the same sentence: "12 were killed, including 5
// children", "six civilians including a child were among at least 22
// killed". They take the kind of that figure. No count comes before
// toks[first].
func appendSubFigures(out []figure, text string, toks []token, figs []figure, first int) []figure {
	if len(figs) == 0 {
		return out
	}
	for i := first; i < len(toks); i++ {
		t := &toks[i]
		// A number that is already a figure's is not a part of one; a
		// sentence has few figures, so they are looked through.
		if t.kind != tokNum || t.num.Kind != number.Count || slices.ContainsFunc(figs, func(f figure) bool { return f.numTok == i }) {
			continue
		}
		parent := -1
		// "including 5 children", "among them 3 women"
		for k := max(0, i-3); k < i; k++ {
			if e, n := subLex.match(toks, k); e != nil && e.field(0) == "before" && k+n == i {
				parent = nearestFigure(figs, i, true)
			}
		}
		// "5 of them children", "six civilians ... were among at least 22 killed"
		if parent < 0 {
			unknown := 0
			for k := i + 1; k < min(len(toks), i+8); k++ {
				if e, _ := subLex.match(toks, k); e != nil && e.field(0) == "after" {
					parent = nearestFigure(figs, i, false)
					if parent < 0 {
						parent = nearestFigure(figs, i, true)
					}
					break
				}
				if toks[k].kind != tokWord {
					break
				}
				if _, _, isVictim := victimAt(toks, k); isVictim || gapLex.hasTok(&toks[k]) {
					continue
				}
				if unknown++; unknown > 3 {
					break
				}
			}
		}
		if parent < 0 {
			continue
		}
		var v victimScan
		scanVictims(toks, i+1, &v, fillerAfterNumber, 1)
		if v.start == v.end {
			// "including 5 others" says nothing new about whom; keep it.
			v.cat = claim.People
		}
		p := figs[parent]
		f := figure{kind: p.kind, numTok: i, trigTok: p.trigTok, whole: parent + 1, count: t.num.Count,
			victims: v.category(), start: t.start, end: t.end, hypothetical: p.hypothetical}
		if v.start < v.end {
			f.victimsText = text[toks[v.start].start:toks[v.end-1].end]
			f.end = toks[v.end-1].end
		}
		out = append(out, f)
	}
	return out
}

// nearestFigure returns the index of the figure whose number is nearest
// before (or after) token i, or -1.
func nearestFigure(figs []figure, i int, before bool) int {
	best := -1
	for j, f := range figs {
		if before && f.numTok < i && (best < 0 || f.numTok > figs[best].numTok) {
			best = j
		}
		if !before && f.numTok > i && (best < 0 || f.numTok < figs[best].numTok) {
			best = j
		}
	}
	return best
}

// appendDenials appends to out the statements that nobody was hurt ("no
// casualties were reported", "no one was killed"). They are claims of
// zero: a count that other sources can contradict.
//
// The statements start at toks[from] or after.
func appendDenials(out []figure, toks []token, from int) []figure {
	for i := from; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		span := 0
		switch t.lower {
		case "no", "zero":
			if i+1 < len(toks) && toks[i+1].lower == "one" {
				span = 2
			} else {
				span = 1
			}
		case "nobody", "none":
			span = 1
		default:
			continue
		}
		for k := i + span; k < min(len(toks), i+span+4); k++ {
			if e, n := triggerAt(toks, k, true); e != nil {
				kind := claim.Kind(e.field(0))
				zero := int64(0)
				out = append(out, figure{kind: kind, numTok: i, trigTok: k, victims: claim.People,
					count: claim.Count{Value: &zero, Low: 0, High: claim.Int64(0), Qualifier: claim.Exact, Text: "no"},
					start: t.start, end: toks[k+n-1].end})
				i = k + n - 1
				break
			}
			if toks[k].kind != tokWord || !(gapLex.hasTok(&toks[k]) || toks[k].lower == "reported" || toks[k].lower == "immediate" || toks[k].lower == "civilian") {
				break
			}
		}
	}
	return out
}

// isSubcountBefore reports whether a phrase such as "including" or "among
// them" ends just before toks[i].
func isSubcountBefore(toks []token, i int) bool {
	for k := max(0, i-3); k < i; k++ {
		if e, n := subLex.match(toks, k); e != nil && e.field(0) == "before" && k+n == i {
			return true
		}
	}
	return false
}

// markParts makes a figure introduced by "including" or "among them" a part
// of the figure of the same kind before it: "Twelve were killed including
// five children".
func markParts(toks []token, figs []figure) {
	for i := range figs {
		if !isSubcountBefore(toks, figs[i].numTok) {
			continue
		}
		if p := nearestFigure(figs, figs[i].numTok, true); p >= 0 && figs[p].kind == figs[i].kind {
			figs[i].whole = p + 1
		}
	}
}

// appendSingulars appends to out the single victims named with an
// article: "a woman was killed", "A child killed", "an officer died". They
// are figures of one.
//
// The figures start at toks[from] or after.
func appendSingulars(out []figure, text string, toks []token, from int) []figure {
	for i := from; i+2 < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || t.lower != "a" && t.lower != "an" && t.lower != "one" {
			continue
		}
		j := i + 1
		if j+1 < len(toks) && toks[j].kind == tokWord && !victimLex.hasTok(&toks[j]) && toks[j+1].kind == tokWord && victimLex.hasTok(&toks[j+1]) {
			j++ // "a young woman"
		}
		cat, noun, ok := victimAt(toks, j)
		if !ok || !noun || !isSingularVictim(toks[j].lower) {
			continue
		}
		for k := j + 1; k < min(len(toks), j+4); k++ {
			if e, n := triggerAt(toks, k, true); e != nil && e.field(0) != string(claim.Returned) {
				one := int64(1)
				out = append(out, figure{kind: claim.Kind(e.field(0)), numTok: i, trigTok: k, victims: cat,
					victimsText: text[toks[j].start:toks[j].end],
					count:       claim.Count{Value: &one, Low: 1, High: claim.Int64(1), Qualifier: claim.Exact, Text: text[t.start:toks[j].end]},
					start:       t.start, end: toks[k+n-1].end})
				break
			}
			if toks[k].kind != tokWord || !isAuxiliary(toks[k].lower) && toks[k].lower != "has" && toks[k].lower != "reportedly" {
				break
			}
		}
	}
	return out
}

// isSingularVictim reports the victim nouns that name one person.
func isSingularVictim(w string) bool {
	switch w {
	case "woman", "child", "man", "boy", "girl", "soldier", "civilian", "officer", "person", "fighter",
		"militant", "policeman", "journalist", "doctor", "teenager", "baby", "infant":
		return true
	}
	return false
}
