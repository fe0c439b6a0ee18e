package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract/attrib"
	"github.com/tallyhq/tally/internal/place"
)

// How far back a sentence without a speaker, cause or place of its own may
// borrow one from the sentences before it.
const (
	speakerParagraphs = 1 // a speaker carries over to the next paragraph, not further
	causeSentences    = 2 // a cause carries over within its paragraph, this many sentences back
	placeParagraphs   = 3
)

// docContext resolves what a sentence leaves to its context: who is
// speaking, which place "the city" is, what caused the figures.
type docContext struct {
	doc      *document.Document
	sents    []*analysed
	speakers []*claim.Source // per sentence: its speaker, own or carried over
	outlet   *claim.Source
	country  string   // ISO code of the country the article's places lie in most
	others   []string // the next countries by that vote, best first

	// The claims' counts and sources, each its own copy, are taken from
	// these slabs: one allocation a document rather than one a claim.
	// An element is written once before its address is taken, so a slab
	// that grows leaves the claims' pointers valid.
	counts  []claim.Count
	sources []claim.Source
}

// slabs sizes the count and source slabs for n claims.
func (c *docContext) slabs(n int) {
	c.counts = make([]claim.Count, 0, n)
	c.sources = make([]claim.Source, 0, n)
}

// newSource is a copy of src for one claim.
func (c *docContext) newSource(src *claim.Source) *claim.Source {
	c.sources = append(c.sources, *src)
	return &c.sources[len(c.sources)-1]
}

func newContext(doc *document.Document, sents []*analysed) *docContext {
	c := &docContext{doc: doc, sents: sents, speakers: make([]*claim.Source, len(sents))}
	c.outlet = c.outletSource()
	c.resolveGeo()
	c.resolvePlaces()
	var last *claim.Source
	var history []*claim.Source
	lastPara := -1
	for i, s := range sents[:speakersNeeded(sents)] {
		if len(s.attributions()) >= 2 && len(s.figures) > 0 {
			s.clauses = clauseSpeakers(s, history, last)
		}
		own := ownSpeaker(s)
		if own != nil && last != nil && own.Name != last.Name && shortFormOf(own.Text, last.Text) {
			// "the Defense Ministry said" after "the Russian Defense
			// Ministry": the same speaker named shorter.
			own = last
		}
		switch {
		case own != nil:
			c.speakers[i] = own
		case s.headline:
			c.speakers[i] = nil
		case hasCarryOver(s):
			// "the monitor documented", "the statement reads": the speaker
			// named before, of the same kind when the phrase says which.
			c.speakers[i] = carryOver(s, history, last)
		case s.quoted:
			// A quotation whose speaker comes after it in the paragraph
			// ("... recorded," the statement reads) belongs to that speaker.
			if next := c.laterQuoteSpeaker(i); next != nil {
				c.speakers[i] = next
			} else {
				c.speakers[i] = last
			}
		case last != nil && s.para-lastPara <= speakerParagraphs:
			c.speakers[i] = last
		}
		if c.speakers[i] != nil && !s.headline {
			last = c.speakers[i]
			lastPara = s.para
			history = append(history, last)
		}
	}
	return c
}

// speakersNeeded is how many of the sentences need their speaker resolved:
// up to the last with a claim. Speakers pass only forward (laterQuoteSpeaker
// reads the sentences after one directly), so those after it can change no
// claim; not resolving them spares parsing their attributions.
func speakersNeeded(sents []*analysed) int {
	n := 0
	for i, s := range sents {
		if len(s.figures) > 0 || len(s.services) > 0 {
			n = i + 1
		}
	}
	return n
}

// ownSpeaker is the first named speaker of a sentence. It points into the
// sentence's attributions, which nothing changes once found: the claims
// take copies (see sourceFor).
func ownSpeaker(s *analysed) *claim.Source {
	for k, a := range s.attributions() {
		if !attrib.IsCarryOver(a) && a.Source.Name != "" {
			return &s.attributions()[k].Source
		}
	}
	return nil
}

// shortFormOf reports whether a speaker phrase is a shorter naming of an
// earlier one: every word of short ("the ministry") occurs in long ("the
// Russian Defense Ministry").
func shortFormOf(short, long string) bool {
	if !isASCII(short) || !isASCII(long) {
		return shortFormOfFolded(short, long)
	}
	// ASCII, as names mostly are: the words compared in place, ignoring
	// case, as lower-casing both would (and without the copies).
	n := 0
	for w := range strings.FieldsSeq(short) {
		if strings.EqualFold(w, "the") {
			continue
		}
		found := false
		for x := range strings.FieldsSeq(long) {
			if strings.EqualFold(w, x) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
		n++
	}
	if n == 0 {
		return false
	}
	words := 0
	for range strings.FieldsSeq(long) {
		words++
	}
	return n < words
}

// shortFormOfFolded is shortFormOf for any text: the words lower-cased.
func shortFormOfFolded(short, long string) bool {
	words := strings.Fields(strings.ToLower(long))
	have := map[string]bool{}
	for _, w := range words {
		have[w] = true
	}
	n := 0
	for _, w := range strings.Fields(strings.ToLower(short)) {
		if w == "the" {
			continue
		}
		if !have[w] {
			return false
		}
		n++
	}
	return n > 0 && n < len(words)
}

// carryOver resolves a back-reference to a speaker: the latest speaker of
// the type the phrase names ("the monitor" → the last monitor), else the
// last speaker; with no one to refer to, the phrase itself as a speaker of
// that type.
func carryOver(s *analysed, history []*claim.Source, last *claim.Source) *claim.Source {
	var a attrib.Attribution
	for _, x := range s.attributions() {
		if attrib.IsCarryOver(x) {
			a = x
			break
		}
	}
	return resolveCarryOver(a, history, last)
}

// resolveCarryOver resolves one carry-over attribution: see carryOver.
func resolveCarryOver(a attrib.Attribution, history []*claim.Source, last *claim.Source) *claim.Source {
	if t := a.Source.Type; t != "" && t != claim.Unknown {
		for k := len(history) - 1; k >= 0; k-- {
			if history[k].Type == t {
				return history[k]
			}
		}
		if last == nil || last.Type != t {
			return &claim.Source{Text: a.Text, Name: strings.TrimPrefix(strings.ToLower(a.Text), "the "), Type: t}
		}
	}
	return last
}

func hasCarryOver(s *analysed) bool {
	for _, a := range s.attributions() {
		if attrib.IsCarryOver(a) {
			return true
		}
	}
	return false
}

// laterQuoteSpeaker finds the speaker named after a quotation that runs on
// from sentence i within its paragraph.
func (c *docContext) laterQuoteSpeaker(i int) *claim.Source {
	para := c.sents[i].para
	for j := i + 1; j < len(c.sents) && c.sents[j].para == para; j++ {
		if !c.sents[j].quoted {
			return nil
		}
		if sp := ownSpeaker(c.sents[j]); sp != nil {
			return sp
		}
		if hasCarryOver(c.sents[j]) {
			return nil
		}
	}
	return nil
}

// outletSource is the fallback speaker: the wire service credited in the
// text, else the outlet.
func (c *docContext) outletSource() *claim.Source {
	name := c.doc.Source
	if len(c.doc.Credits) > 0 {
		name = c.doc.Credits[0]
	}
	if name == "" {
		return nil
	}
	if src, ok := attrib.Normalize(name); ok {
		return &src
	}
	return &claim.Source{Text: name, Name: name, Type: claim.Media}
}

// rawText maps a span of a sentence to the text as read.
func (s *analysed) rawSpan(start, end int) (int, int) {
	return s.seg.RawSpan(s.start+start, s.start+end)
}

func (s *analysed) rawText(start, end int) string {
	a, b := s.rawSpan(start, end)
	return s.seg.Raw[a:b]
}

func (s *analysed) quote() claim.Quote {
	a, b := s.seg.RawSpan(s.start, s.end)
	return claim.Quote{Start: a, End: b, Text: s.seg.Raw[a:b]}
}

func (c *docContext) casualtyClaim(si int, f figure) claim.Claim {
	s := c.sents[si]
	c.counts = append(c.counts, f.count)
	count := &c.counts[len(c.counts)-1]
	if count.Text != "" && f.numTok < len(s.toks) && s.toks[f.numTok].kind == tokNum {
		t := s.toks[f.numTok]
		count.Text = s.rawText(t.start, t.end)
	}
	cl := claim.Claim{
		Kind:         f.kind,
		Count:        count,
		Victims:      f.victims,
		VictimsText:  f.victimsText,
		Quote:        s.quote(),
		InHeadline:   s.headline,
		Hypothetical: f.hypothetical,
	}
	at := s.toks[f.numTok].start
	cl.Rate, cl.Period = s.timeNear(at)
	cl.Cause, cl.CauseText = c.causeFor(si, at)
	cl.Actor = s.actorNear(at)
	cl.Source = c.figureSource(si, at)
	if places := c.placesFor(si, at); len(places) > 0 {
		cl.Place = &places[0]
	}
	return cl
}

func (c *docContext) serviceClaims(si int, sv serviceFind) []claim.Claim {
	s := c.sents[si]
	base := claim.Claim{
		Kind:       claim.Service,
		Service:    &claim.ServiceState{Name: sv.name, Status: sv.status},
		Quote:      s.quote(),
		InHeadline: s.headline,
		Source:     c.sourceFor(si),
	}
	places := c.placesFor(si, sv.start)
	if len(places) == 0 {
		return []claim.Claim{base}
	}
	out := make([]claim.Claim, 0, len(places))
	for i := range places {
		cl := base
		cl.Place = &places[i]
		out = append(out, cl)
	}
	return out
}

// figureSource is the speaker of a figure at offset at of sentence si: the
// speaker of its clause when the sentence has several, else the sentence's.
func (c *docContext) figureSource(si, at int) *claim.Source {
	if sp := clauseSource(c.sents[si].clauses, at); sp != nil {
		return c.newSource(sp)
	}
	return c.sourceFor(si)
}

func (c *docContext) sourceFor(si int) *claim.Source {
	if sp := c.speakers[si]; sp != nil {
		return c.newSource(sp)
	}
	if c.outlet != nil {
		return c.newSource(c.outlet)
	}
	return nil
}

// timeNear returns the rate and the period nearest to offset at.
func (s *analysed) timeNear(at int) (*string, *claim.Period) {
	// The nearest of each is found first and copied once: copying each
	// nearer one on the way allocated for every time of the sentence.
	bestR, bestP := len(s.text)+1, len(s.text)+1
	r, p := -1, -1
	for i := range s.times {
		e := &s.times[i]
		d := distance(at, e.Start, e.End)
		if e.Rate != "" && d < bestR {
			r, bestR = i, d
		}
		if e.Period != nil && d < bestP {
			p, bestP = i, d
		}
	}
	var rate *string
	var period *claim.Period
	if r >= 0 {
		rt := s.times[r].Rate
		rate = &rt
	}
	if p >= 0 {
		e := &s.times[p]
		pd := *e.Period
		pd.Text = s.rawText(e.Start, e.End)
		period = &pd
	}
	return rate, period
}

func distance(at, start, end int) int {
	switch {
	case at < start:
		return start - at
	case at >= end:
		return at - end
	}
	return 0
}

// causeFor finds the cause nearest to the figure in its sentence, else in the
// sentences just before it in the same paragraph.
func (c *docContext) causeFor(si, at int) (claim.Cause, string) {
	s := c.sents[si]
	if cause, text := nearestCause(s, at); cause != "" {
		return cause, text
	}
	if s.headline {
		return claim.UnknownCause, ""
	}
	for j := si - 1; j >= 0 && j >= si-causeSentences && c.sents[j].para == s.para && !c.sents[j].headline; j-- {
		if cause, text := nearestCause(c.sents[j], len(c.sents[j].text)); cause != "" {
			return cause, text
		}
	}
	return claim.UnknownCause, ""
}

// Generic causes give way to a specific one nearby: "the blowing up on a
// mine" is a mine, "the explosion of a car bomb" a car bomb.
var genericCauses = map[claim.Cause]bool{claim.Explosion: true, claim.Clashes: true}

const genericCausePenalty = 60 // bytes

func nearestCause(s *analysed, at int) (claim.Cause, string) {
	var cause claim.Cause
	var text string
	best := len(s.text) + genericCausePenalty + 1
	for i := causeLex.nextStart(s.toks, 0); i < len(s.toks); i = causeLex.nextStart(s.toks, i+1) {
		e, n := causeLex.match(s.toks, i)
		if e == nil {
			continue
		}
		start, end := s.toks[i].start, s.toks[i+n-1].end
		d := distance(at, start, end)
		if genericCauses[claim.Cause(e.field(0))] {
			d += genericCausePenalty
		}
		if d < best {
			cause, text, best = claim.Cause(e.field(0)), s.rawText(start, end), d
		}
		i += n - 1
	}
	return cause, text
}

// actorNear returns the perpetrator named nearest to the figure, leaving out
// the sentence's speaker.
func (s *analysed) actorNear(at int) *claim.Actor {
	best, bestD := -1, len(s.text)+1
	for i, a := range s.namedActors() {
		if d := distance(at, a.sp.Start, a.sp.End); d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return nil
	}
	a := s.named[best].actor
	return &a
}

// namedActor is an actor phrase of the sentence that acts in it, with the
// actor it names.
type namedActor struct {
	sp    attrib.Span
	actor claim.Actor
}

// namedActors is the sentence's actor phrases that could be a claim's
// perpetrator, normalised once: which they are does not depend on the
// claim, and a sentence often has several claims.
func (s *analysed) namedActors() []namedActor {
	if s.namedDone {
		return s.named
	}
	s.namedDone = true
	for _, sp := range s.actors {
		if s.isSpeaker(sp.Start, sp.End) || !s.actsHere(sp) {
			continue
		}
		a, ok := attrib.NormalizeActor(sp.Text)
		if !ok {
			continue
		}
		a.Text = s.rawText(sp.Start, sp.End)
		s.named = append(s.named, namedActor{sp, a})
	}
	return s.named
}

// actsHere reports whether an actor named in the sentence is said to do
// something: "by the coalition", "Russian airstrikes", "regime forces
// shelled", "the coalition's bombing". A name standing alone ("the Daesh
// capital") is not a perpetrator.
func (s *analysed) actsHere(sp attrib.Span) bool {
	// The tokens inside the span are a run: the first that starts in it,
	// and those after it up to the span's end. Tokens are in order, so
	// the first is found by halving rather than by reading all.
	first, _ := slices.BinarySearchFunc(s.toks, sp.Start, func(t token, at int) int { return cmp.Compare(t.start, at) })
	if first == len(s.toks) || s.toks[first].end > sp.End {
		return false
	}
	last := first
	for last+1 < len(s.toks) && s.toks[last+1].end <= sp.End {
		last++
	}
	k := first - 1
	if k >= 0 && s.toks[k].lower == "the" {
		k--
	}
	if k >= 0 && (s.toks[k].lower == "by" || s.toks[k].lower == "of") {
		return true
	}
	for j := max(0, first-2); j <= min(len(s.toks)-1, last+3); j++ {
		if j >= first && j <= last {
			continue
		}
		if e, _ := causeLex.match(s.toks, j); e != nil {
			return true
		}
		if e, _ := triggerAt(s.toks, j, false); e != nil && j > last {
			return true
		}
	}
	return false
}

func (s *analysed) isSpeaker(start, end int) bool {
	for _, a := range s.attributions() {
		if start < a.End && a.Start < end {
			return true
		}
	}
	return false
}

// placeState is the place in focus as the text goes on: the last place
// named or referred back to, and the last list of places named together.
type placeState struct {
	focus     placeRef // s nil: none
	focusPara int
	list      []placeRef
}

// placeRef is a place mention: mention m of sentence s. Its claim place is
// built only when a claim asks for it (see placeSet.places): most
// sentences have no figure.
type placeRef struct {
	s *analysed
	m int
}

// place is the claim place of the mention: its full phrase.
func (r placeRef) place() claim.Place { return r.s.mentionPlace(r.s.places[r.m]) }

// member is the claim place of the mention as a list's member: its name
// ("Aleppo", not "cities of Aleppo").
func (r placeRef) member() claim.Place {
	m := r.s.places[r.m]
	p := claim.Place{Text: r.s.rawText(m.nameStart, m.nameEnd)}
	geoPlace(&p, m.entry)
	return p
}

// placeSet is what a mention refers to: one place, or a list's members.
type placeSet struct {
	one  placeRef
	list []placeRef
}

func (p placeSet) empty() bool { return p.one.s == nil && len(p.list) == 0 }

// places builds the claim places of the set.
func (p placeSet) places() []claim.Place {
	if p.one.s != nil {
		return []claim.Place{p.one.place()}
	}
	out := make([]claim.Place, len(p.list))
	for i, r := range p.list {
		out[i] = r.member()
	}
	return out
}

// resolvePlaces walks the document in order, resolving each anaphor ("the
// city", "these settlements") to the place in focus and recording, for each
// sentence, the state before it. Headline sentences keep their own state.
func (c *docContext) resolvePlaces() {
	// Every sentence's resolutions and named places are carved from one
	// slab each for the document, not allocated (and grown) sentence by
	// sentence.
	n := 0
	for _, s := range c.sents {
		n += len(s.places)
	}
	sets := make([]placeSet, n)
	refs := make([]placeRef, 0, n)
	var body placeState
	for _, s := range c.sents {
		st := &body
		if s.headline {
			st = &placeState{}
		}
		s.placesBefore = *st
		k := len(s.places)
		s.resolved, sets = sets[:k:k], sets[k:]
		named := refs[len(refs):]
		for i := range s.places {
			m := &s.places[i]
			switch {
			case m.anaphor && m.plural:
				s.resolved[i] = placeSet{list: st.list}
			case m.anaphor:
				if st.focus.s != nil {
					s.resolved[i] = placeSet{one: st.focus}
					st.focusPara = s.para
				}
			case m.inner:
				// It only situates the next name: a figure's place when
				// that one is a whole country, never the focus of "the
				// city" later.
				s.resolved[i] = placeSet{one: placeRef{s, i}}
			default:
				r := placeRef{s, i}
				s.resolved[i] = placeSet{one: r}
				st.focus, st.focusPara = r, s.para
				named = append(named, r)
			}
		}
		refs = refs[:len(refs)+len(named)]
		if len(named) >= 2 {
			st.list = named[:len(named):len(named)]
		}
	}
}

// placesFor returns the place(s) a figure at offset at refers to: a place
// named in its sentence, the antecedent of "the city" or "these
// settlements", else the place in focus when the sentence began, if it was
// named recently.
func (c *docContext) placesFor(si, at int) []claim.Place {
	s := c.sents[si]
	best, bestD := -1, 0
	for i, m := range s.places {
		if s.resolved[i].empty() {
			continue
		}
		d := distance(at, m.fullStart, m.fullEnd)
		if m.entry != nil && m.entry.Level == place.LevelCountry || m.inner {
			// "in Syria" says less than "in Aleppo" in the same sentence;
			// "the suburbs of Damascus in East Ghouta" happened in East
			// Ghouta, but "the countryside of Hama in central Syria" in
			// Hama's, not anywhere in Syria.
			d += len(s.text)
		}
		if best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	if best >= 0 {
		return s.resolved[best].places()
	}
	if st := s.placesBefore; st.focus.s != nil && s.para-st.focusPara <= placeParagraphs {
		return []claim.Place{st.focus.place()}
	}
	return nil
}

// mentionPlace is the claim place of a mention: its full phrase as written;
// the gazetteer's resolution fills in the rest.
func (s *analysed) mentionPlace(m placeMention) claim.Place {
	p := claim.Place{Text: s.rawText(m.fullStart, m.fullEnd)}
	geoPlace(&p, m.entry)
	return p
}

// documentInfo builds the result's document object, with every place the
// body names.
func (c *docContext) documentInfo() claim.DocumentInfo {
	d := c.doc
	info := claim.DocumentInfo{ID: d.ID, Title: d.Title.Raw, Credits: d.Credits, Places: []claim.Place{}}
	if info.Title == "" && d.Headline[1] > d.Headline[0] {
		a, b := d.Body.RawSpan(d.Headline[0], d.Headline[1])
		info.Title = strings.TrimSpace(d.Body.Raw[a:b])
	}
	if d.Published != "" {
		info.Published = &d.Published
	}
	if d.Source != "" {
		info.Source = &d.Source
	}
	if d.URL != "" {
		info.URL = &d.URL
	}
	if d.HTML {
		info.Text = d.Body.Raw
	}
	n := 0
	for _, s := range c.sents {
		if s.seg == &d.Body {
			n += len(s.places)
		}
	}
	info.Places = make([]claim.Place, 0, n)
	// The places' offsets in one allocation rather than one a place: a
	// document names dozens.
	spans := make([]int, 0, 2*n)
	for _, s := range c.sents {
		if s.seg != &d.Body {
			continue
		}
		for _, m := range s.places {
			if m.anaphor {
				continue
			}
			a, b := s.rawSpan(m.nameStart, m.nameEnd)
			spans = append(spans, a, b)
			p := claim.Place{Text: d.Body.Raw[a:b], Start: &spans[len(spans)-2], End: &spans[len(spans)-1]}
			geoPlace(&p, m.entry)
			info.Places = append(info.Places, p)
		}
	}
	return info
}
