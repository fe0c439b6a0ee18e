package document

import (
	"bytes"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
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

// compiledRule is a furnitureRule ready to match.
type compiledRule struct {
	furnitureRule
	re                  *regexp.Regexp
	before              *regexp.Regexp // Before, anchored at both ends
	blank, date, credit int            // submatch indexes of the named groups, or -1
	reach               int            // tail rules: how far back from the end a match can start
}

var (
	leadRules, tailRules, anywhereRules []compiledRule
	agencyRe                            *regexp.Regexp
	agencyNames                         = map[string]string{}
	titleSuffixRes                      []*regexp.Regexp
)

func init() {
	var written []string
	for _, a := range agencies {
		for _, w := range a.Written {
			written = append(written, w)
			agencyNames[w] = a.Name
		}
	}
	// Longest first, so that "Thomson Reuters" wins over "Reuters".
	slices.SortStableFunc(written, func(a, b string) int { return len(b) - len(a) })
	quoted := make([]string, len(written))
	for i, w := range written {
		quoted[i] = regexp.QuoteMeta(w)
	}
	agency := `(?:` + strings.Join(quoted, "|") + `)`
	agencyRe = regexp.MustCompile(`\b` + agency + `\b`)
	cities := make([]string, len(datelineCities))
	for i, c := range datelineCities {
		cities[i] = regexp.QuoteMeta(c)
	}
	city := `(?:` + strings.Join(cities, "|") + `)`
	expand := strings.NewReplacer(
		"{DATE}", reDate, "{TIME}", reTime, "{MONTH}", reMonth,
		"{WEEKDAY}", reWeekday, "{DAY}", reDay, "{YEAR}", reYear,
		"{AGENCY}", agency, "{CITY}", city, "{ANYCITY}", `(?i:`+city+`)`,
	)
	for _, r := range furnitureRules {
		p := expand.Replace(r.Pattern)
		switch r.Zone {
		case lead:
			p = `^(?:` + p + `)`
		case tail:
			p = `(?:` + p + `)\s*$`
		}
		re, err := regexp.Compile(p)
		if err != nil {
			panic(fmt.Sprintf("document: furniture rule %q: %v", r.Name, err))
		}
		c := compiledRule{furnitureRule: r, re: re,
			blank: re.SubexpIndex("blank"), date: re.SubexpIndex("date"), credit: re.SubexpIndex("credit")}
		if r.Zone == tail {
			c.reach = tailWindow
			if prefix, _ := re.LiteralPrefix(); prefix == "" {
				// Without plain text to jump to, the matcher tries every
				// start: give it only as many as a match can span.
				syn, err := syntax.Parse(p, syntax.Perl)
				if err != nil {
					panic(fmt.Sprintf("document: furniture rule %q: %v", r.Name, err))
				}
				c.reach = min(tailWindow, maxLen(syn)+16)
			}
		}
		if r.Before != "" {
			if c.before, err = regexp.Compile(`^(?:` + expand.Replace(r.Before) + `)$`); err != nil {
				panic(fmt.Sprintf("document: furniture rule %q: Before: %v", r.Name, err))
			}
		}
		switch r.Zone {
		case lead:
			leadRules = append(leadRules, c)
		case tail:
			tailRules = append(tailRules, c)
		default:
			anywhereRules = append(anywhereRules, c)
		}
	}
	for _, s := range titleSuffixes {
		if !strings.HasPrefix(s, "^") {
			s = `(?:` + s + `)\s*$`
		}
		titleSuffixRes = append(titleSuffixRes, regexp.MustCompile(s))
	}
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
}

// cleanFurniture blanks page furniture in d's title and body, sets
// d.Credits, and returns the publication date found in a date stamp at the
// start of the body, if any.
func cleanFurniture(d *Document) string {
	if d.Title.Norm != "" {
		cleanTitle(&d.Title)
	}
	f := &furniture{buf: []byte(d.Body.Norm)}
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
	for _, re := range titleSuffixRes {
		if m := re.FindStringIndex(t.Norm); m != nil && m[1] > m[0] && m[1]-m[0] < len(strings.TrimSpace(t.Norm)) {
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
	for _, w := range agencyRe.FindAllString(s, -1) {
		f.credits = append(f.credits, agencyNames[w])
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
		for i := range leadRules {
			r := &leadRules[i]
			if r.After && !found {
				continue
			}
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
		bw := foldWord(f.buf[ws:i])
		if bw == w {
			continue
		}
		if k == len(f.title)-1 && len(w) >= 2 && strings.HasPrefix(bw, w) {
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
	return strings.ToLower(strings.ReplaceAll(string(b), "'", ""))
}

// tail peels furniture off the end of the body, one piece at a time.
func (f *furniture) tail() {
	for step := 0; step < 30; step++ {
		end := len(bytes.TrimRight(f.buf, " \t\r\n\v\f"))
		if end == 0 {
			return
		}
		matched := false
		for i := range tailRules {
			r := &tailRules[i]
			start := f.runeStartAfter(max(0, end-r.reach))
			if m := r.re.FindSubmatchIndex(f.buf[start:end]); m != nil && f.apply(r, start, m) {
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

// linkMarkers open lists of links to other articles at the end of a page.
var linkMarkers = regexp.MustCompile(`\b(?:Related(?: News| Articles| Stories| Coverage| Topics| Posts| Content)?|Read [Aa]lso|Also [Rr]ead|See [Aa]lso|More [Oo]n [Tt]his|Recommended|Most [Rr]ead|Tags|TAGS)\b`)

// linkWords are the words linkMarkers start with.
var linkWords = []string{"Related", "Read ", "Also ", "See ", "More ", "Recommended", "Most ", "Tags", "TAGS"}

// linkList blanks a list of links or tags running to the end of the body:
// after its marker ("Related News", "Read also:", "Tags") come only
// headlines, which have no sentence ending in a full stop, not even the
// last one (an article's last sentence starting "Recommended ..." stays).
func (f *furniture) linkList(start, end int) bool {
	win := f.buf[start:end]
	if !slices.ContainsFunc(linkWords, func(w string) bool { return bytes.Contains(win, []byte(w)) }) {
		return false // most texts: skip the slower pattern
	}
	for _, m := range linkMarkers.FindAllIndex(win, -1) {
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
	for i := range anywhereRules {
		r := &anywhereRules[i]
		buf := f.buf
		if r.Within > 0 {
			buf = buf[:min(len(buf), r.Within+200)]
		}
		for _, m := range r.re.FindAllSubmatchIndex(buf, -1) {
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
