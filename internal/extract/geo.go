package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/extract/wordset"
	"github.com/tallyhq/tally/internal/place"
)

// wellKnownPopulation is the size from which a town named alone, in an
// article whose country is not known, is taken to be that town.
const wellKnownPopulation = 500_000

// maxNearPlaces bounds the co-mentioned places weighed when resolving one
// mention.
const maxNearPlaces = 8

// resolveGeo resolves the document's place mentions against the gazetteer.
// A first pass without context finds the article's country (the one its
// mentions resolve to most often); a second pass resolves each mention
// with that country, the admin1 the text situates it in ("Kafr Zeita in
// Hama countryside") and the places named before it. Names the gazetteer
// does not know are dropped unless a head or tail noun marks them as places
// ("the village of X", "X camp").
func (c *docContext) resolveGeo() {
	c.country = c.voteCountry()
	n := 0
	for _, s := range c.sents {
		c.addBareNames(s)
		n += len(s.places)
		if !placesInOrder(s.places) {
			slices.SortStableFunc(s.places, func(a, b placeMention) int { return a.fullStart - b.fullStart })
		}
	}
	if c.country == "" {
		// The names found standing alone may tell the country.
		c.country = c.voteCountry()
	}

	// The answers, one slab for the document rather than an allocation
	// each: a mention's entry points into it.
	entries := make([]place.Entry, 0, n)
	entryOf := func(e place.Entry) *place.Entry {
		if len(entries) == cap(entries) {
			// n counts the mentions, and few answers are replaced (by
			// the admin1 of a village the gazetteer lacks): those past
			// it go on the heap one by one rather than the slab be
			// copied into a larger one. Copied into a new one rather
			// than &e: taking e's address made every call allocate it.
			p := new(place.Entry)
			*p = e
			return p
		}
		entries = append(entries, e)
		return &entries[len(entries)-1]
	}
	var near []place.Entry
	// One sense per discourse: a name an article has resolved means the
	// same place when it comes again, which also spares the gazetteer.
	// Keyed by the phrase when no admin1 is said, as for nearly every
	// mention.
	var resolved phraseAnswers
	// "X in Y": keyed by the phrase and the admin1 it is said to be in,
	// as a pair (joining them into one string cost an allocation).
	var resolvedIn map[[2]string]*place.Entry
	for _, s := range c.sents {
		for i := len(s.places) - 1; i >= 0; i-- {
			// Right to left, so that "X in Y" has Y resolved when X is.
			m := &s.places[i]
			if m.anaphor {
				continue
			}
			if m.capitalOf != "" {
				if e, ok := place.Capital(m.capitalOf); ok {
					m.entry = entryOf(e)
				}
				continue
			}
			ctx := place.Context{Country: c.country, Near: near}
			if m.inNext && i+1 < len(s.places) && s.places[i+1].entry != nil {
				ctx.Admin1 = s.places[i+1].entry.Admin1
			}
			text := s.textOf(m)
			key := [2]string{text, ctx.Admin1}
			var e *place.Entry
			var ok bool
			if ctx.Admin1 == "" {
				e, ok = resolved.get(text)
			} else {
				e, ok = resolvedIn[key]
			}
			if ok {
				m.entry = e
				continue
			}
			switch e, ok := m.bareAnswer(text); {
			case ok && ctx.Admin1 == "" && (e.Country == c.country || e.Level == place.LevelCountry || e.Population >= wellKnownPopulation):
				// Sure without context, and in the article's country, or a
				// country or a city everyone knows ("Moscow", "Turkey"):
				// context would only confirm it.
				m.entry = entryOf(e)
			default:
				// Not remembered across documents: the answer depends on
				// the context, and a document's places must not depend on
				// which documents were checked before it.
				e, ok := place.Resolve(text, ctx)
				if !ok {
					// "Syrias Shairat airbase": scraped copy lost the
					// possessor's apostrophe, and the gazetteer knows the
					// name only with its tail noun.
					e, ok = s.resolveOwnPhrase(m, ctx)
				}
				if name := s.text[m.nameStart:m.nameEnd]; !ok && name != text {
					// Resolve is a function of its arguments: asking again
					// with the same name would give the same answer.
					e, ok = place.Resolve(name, ctx)
				}
				if ok {
					m.entry = entryOf(e)
				} else if e, ok := c.resolveElsewhere(text, ctx); ok {
					m.entry = entryOf(e)
				} else if e, end, ok := s.resolvePrefix(m, ctx); ok && !(s.headline && c.writtenInLowerCase(s.text[m.nameStart:end])) {
					// Title case runs a name into the next words ("Deir
					// Ezour Advances"): the longest known prefix is the name.
					m.entry = entryOf(e)
					m.nameEnd, m.fullEnd = end, end
				}
			}
			if m.entry != nil && m.bare && m.entry.Country != c.country {
				m.entry = nil
			}
			if ctx.Admin1 != "" && (m.entry == nil || m.entry.Admin1 != ctx.Admin1 && m.entry.Level == place.LevelPlace && m.entry.Population == 0) {
				// "the Hara area in southern Daraa province": a village the
				// gazetteer lacks, or knows only as an obscure namesake in
				// another province, is still known to lie in that province.
				if a, ok := place.Admin1Of(*s.places[i+1].entry); ok {
					m.entry = entryOf(a)
				}
			}
			if ctx.Admin1 == "" {
				resolved.put(text, m.entry)
			} else {
				if resolvedIn == nil {
					resolvedIn = map[[2]string]*place.Entry{}
				}
				resolvedIn[key] = m.entry
			}
		}
		kept := s.places[:0]
		for i := range s.places {
			// Read in place: a mention is large to copy. kept writes
			// only at or before i, so m still reads mention i.
			m := &s.places[i]
			e := m.entry
			if !m.anaphor && e == nil && !m.marked {
				continue // neither kept nor nearby, common word or not
			}
			if !m.anaphor && isCommonWord(s.text[m.nameStart:m.nameEnd]) {
				continue
			}
			if m.anaphor || e != nil || m.marked {
				kept = append(kept, *m)
			}
			if e != nil && !hasEntry(near, e) {
				// The latest maxNearPlaces, kept in one array: Resolve
				// reads Near only while it runs.
				switch len(near) {
				case 0:
					near = make([]place.Entry, 0, maxNearPlaces)
				case maxNearPlaces:
					copy(near, near[1:])
					near = near[:maxNearPlaces-1]
				}
				near = append(near, *e)
			}
		}
		s.places = kept
	}
}

// phraseAnswers is a document's answers by phrase. Most documents resolve
// a few distinct phrases, which are found in a short list faster than in
// a map, and without making one; past phraseList, a map takes over.
type phraseAnswers struct {
	list [phraseList]phraseAnswer
	n    int
	m    map[string]*place.Entry
}

const phraseList = 16

type phraseAnswer struct {
	text  string
	entry *place.Entry
}

func (p *phraseAnswers) get(text string) (*place.Entry, bool) {
	if p.m != nil {
		e, ok := p.m[text]
		return e, ok
	}
	for i := range p.n {
		if a := &p.list[i]; a.text == text {
			return a.entry, true
		}
	}
	return nil, false
}

// put adds an answer for a phrase get has not found.
func (p *phraseAnswers) put(text string, e *place.Entry) {
	if p.m == nil && p.n < phraseList {
		p.list[p.n] = phraseAnswer{text, e}
		p.n++
		return
	}
	if p.m == nil {
		p.m = make(map[string]*place.Entry, 4*phraseList)
		for _, a := range p.list[:p.n] {
			p.m[a.text] = a.entry
		}
	}
	p.m[text] = e
}

// hasEntry reports whether some entry of es is sameEntry as e: the
// coordinates are compared first, as they tell most places apart at once.
func hasEntry(es []place.Entry, e *place.Entry) bool {
	for i := range es {
		if n := &es[i]; n.Lat == e.Lat && n.Lon == e.Lon && n.Name == e.Name && n.Country == e.Country {
			return true
		}
	}
	return false
}

// placesInOrder reports whether the mentions are in the order of their
// phrases' starts already, as most sentences' are: the stable sort then
// leaves them as they are, and it copied two mentions for each comparison.
func placesInOrder(ms []placeMention) bool {
	for i := 1; i < len(ms); i++ {
		if ms[i].fullStart < ms[i-1].fullStart {
			return false
		}
	}
	return true
}

func sameEntry(a, b place.Entry) bool {
	return a.Name == b.Name && a.Country == b.Country && a.Lat == b.Lat && a.Lon == b.Lon
}

// mentionText is the phrase handed to the gazetteer: the name with the
// words that say what kind of place it is ("Idlib province", "the outskirts
// of Raqqa"), without a list's plural head ("cities of").
func (s *analysed) mentionText(m *placeMention) string {
	text := s.text[m.fullStart:m.fullEnd]
	if !hasSOf(text) {
		// No list head here, and lower-casing would allocate.
		return text
	}
	lower := strings.ToLower(text)
	for _, head := range listHeads {
		if i := strings.Index(lower, head); i >= 0 {
			return text[i+len(head):]
		}
	}
	return text
}

// hasSOf reports whether text has "s of " in any case: every list head
// ends so, and lower-casing makes those five bytes only of these.
func hasSOf(text string) bool {
	// From space to space: most mentions are a word or two, and
	// IndexByte finds the next space faster than a loop tests each byte.
	for at := 0; ; {
		j := strings.IndexByte(text[at:], ' ')
		if j < 0 {
			return false
		}
		i := at + j - 1 // where the "s" would be
		if i >= 0 && i+5 <= len(text) && text[i]|0x20 == 's' && text[i+2]|0x20 == 'o' && text[i+3]|0x20 == 'f' && text[i+4] == ' ' {
			return true
		}
		at += j + 1
	}
}

// listHeads are the plural heads a list of places may follow.
var listHeads = []string{"cities of ", "towns of ", "villages of ", "settlements of "}

// resolveOwnPhrase resolves a mention's name with the words after it
// ("Shairat airbase") when a possessor stands before it, which the full
// phrase carries.
func (s *analysed) resolveOwnPhrase(m *placeMention, ctx place.Context) (place.Entry, bool) {
	if m.fullStart >= m.nameStart || m.fullEnd <= m.nameEnd {
		return place.Entry{}, false
	}
	return place.Resolve(s.text[m.nameStart:m.fullEnd], ctx)
}

// geoPlace fills a claim place from a gazetteer entry.
func geoPlace(p *claim.Place, e *place.Entry) {
	if e == nil {
		return
	}
	// One allocation for all the fields a place points to, not one each:
	// every mention of every sentence is filled in.
	v := &struct {
		name, admin1, country string
		lat, lon              float64
		id                    int64
	}{e.Name, e.Admin1, e.Country, e.Lat, e.Lon, e.GeonamesID}
	p.Name, p.Country, p.Lat, p.Lon = &v.name, &v.country, &v.lat, &v.lon
	if v.admin1 != "" {
		p.Admin1 = &v.admin1
	}
	if v.id != 0 {
		p.GeonamesID = &v.id
	}
	p.Precision = e.Level
}

// primaryPlace is the admin1 of the article's main event: that of the first
// casualty claim placed at admin1 level or finer (the headline's first),
// else the admin1 the document names most.
func (c *docContext) primaryPlace(claims []claim.Claim) *claim.Place {
	inCountry := func(p *claim.Place) bool {
		return p != nil && p.Admin1 != nil
	}
	if p := c.headlineFigureRetold(claims); p != nil {
		return p
	}
	for _, cl := range claims {
		if cl.InHeadline && cl.Kind != claim.Service && inCountry(cl.Place) {
			return c.admin1Place(*cl.Place.Admin1, *cl.Place.Country)
		}
	}
	// A headline names the main event's place even without a figure.
	for _, s := range c.sents {
		if !s.headline {
			continue
		}
		for _, m := range s.places {
			if m.entry != nil && m.entry.Admin1 != "" {
				return c.admin1Place(m.entry.Admin1, m.entry.Country)
			}
		}
	}
	if p := c.leadFigureFollowedUp(claims); p != nil {
		return p
	}
	for _, cl := range claims {
		if cl.Kind != claim.Service && inCountry(cl.Place) {
			return c.admin1Place(*cl.Place.Admin1, *cl.Place.Country)
		}
	}
	counts := map[[2]string]int{}
	var bestKey [2]string
	for _, s := range c.sents {
		for _, m := range s.places {
			if m.entry == nil || m.entry.Admin1 == "" {
				continue
			}
			k := [2]string{m.entry.Admin1, m.entry.Country}
			counts[k]++
			if counts[k] > counts[bestKey] {
				bestKey = k
			}
		}
	}
	if counts[bestKey] == 0 {
		return nil
	}
	return c.admin1Place(bestKey[0], bestKey[1])
}

// leadFollowSentences is how many sentences after the lead figure may say
// where it happened.
const leadFollowSentences = 2

// leadFigureFollowedUp places an article whose lead figure has no province
// of its own ("At least 24 people were killed near a refugee camp"): the
// province the sentences right after it name ("The village lies in Hasakeh
// province") is where it happened, rather than that of a later figure
// about something else.
func (c *docContext) leadFigureFollowedUp(claims []claim.Claim) *claim.Place {
	lead := -1
	for _, cl := range claims {
		if cl.InHeadline || cl.Kind == claim.Service {
			continue
		}
		if cl.Place != nil && cl.Place.Admin1 != nil {
			return nil
		}
		break
	}
	for si, s := range c.sents {
		if !s.headline && len(s.figures) > 0 {
			lead = si
			break
		}
	}
	if lead < 0 {
		return nil
	}
	for si := lead + 1; si < len(c.sents) && si <= lead+leadFollowSentences; si++ {
		s := c.sents[si]
		if len(s.figures) > 0 || s.para > c.sents[lead].para+1 {
			break
		}
		for _, m := range s.places {
			// A province named as such, not any town: the towns named
			// next to a lead are as often where victims came from.
			if e := m.entry; e != nil && e.Level == place.LevelAdmin1 && e.Country == c.country {
				return c.admin1Place(e.Admin1, e.Country)
			}
		}
	}
	return nil
}

// headlineFigureRetold settles a headline that names places in two
// provinces ("Army retakes town in Homs, kills 50 in Hama"), where which
// figure goes with which place is a matter of word order a title-case
// headline hardly keeps: the body's telling of a headline figure (the same
// number, in one of those provinces) says where it happened.
func (c *docContext) headlineFigureRetold(claims []claim.Claim) *claim.Place {
	var named []string
	for _, s := range c.sents {
		if !s.headline {
			continue
		}
		for _, m := range s.places {
			if m.entry != nil && m.entry.Admin1 != "" && !slices.Contains(named, m.entry.Admin1) {
				named = append(named, m.entry.Admin1)
			}
		}
	}
	if len(named) < 2 {
		return nil
	}
	for _, h := range claims {
		if !h.InHeadline || h.Kind == claim.Service || h.Count == nil || h.Count.Value == nil {
			continue
		}
		for _, b := range claims {
			if b.InHeadline || b.Kind == claim.Service || b.Count == nil || b.Count.Value == nil || *b.Count.Value != *h.Count.Value {
				continue
			}
			if p := b.Place; p != nil && p.Admin1 != nil && slices.Contains(named, *p.Admin1) {
				return c.admin1Place(*p.Admin1, *p.Country)
			}
		}
	}
	return nil
}

// admin1Place is the document's primary place: the admin1 entry itself
// when the gazetteer has it (with its coordinates), else its names.
func (c *docContext) admin1Place(admin1, country string) *claim.Place {
	for _, s := range c.sents {
		for _, m := range s.places {
			if m.entry == nil || m.entry.Admin1 != admin1 || m.entry.Country != country {
				continue
			}
			if a, ok := place.Admin1Of(*m.entry); ok {
				p := &claim.Place{Text: a.Name}
				geoPlace(p, &a)
				p.Precision = place.LevelAdmin1
				return p
			}
		}
	}
	return &claim.Place{Text: admin1, Name: &admin1, Admin1: &admin1, Country: &country, Precision: place.LevelAdmin1}
}

// addBareNames adds to s.places the place names that stand without a
// preposition or head noun ("Raqqa had been under Daesh control", "Aleppo
// bomb blast kills six"): runs of capitalised words that the gazetteer
// resolves to a place in the article's country. Ordinary words that happen
// to be place names somewhere ("Police", "Reading") are why the country
// must match. A name added covers none of the tokens after it, so that
// coveredByPlace answers as it would before the names were added.
func (c *docContext) addBareNames(s *analysed) {
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		// The token read in place (isNameToken takes a copy): most are
		// not names, and this loop goes through every token.
		if t := &toks[i]; !t.name || s.coveredByPlace(t.start) {
			continue
		}
		// Whether the name is a speaker's is asked first only when the
		// sentence's attributions are parsed already; else only of a run
		// that is a place, as few are: asking makes them be parsed, which
		// a sentence without a claim need not be otherwise.
		parsed := s.attribsDone
		if parsed && s.isSpeaker(toks[i].start, toks[i].end) || s.isActor(toks[i].start, toks[i].end) {
			continue
		}
		j := i + 1
		for j < len(toks) && j < i+3 && toks[j].name && !toks[j-1].poss {
			j++
		}
		// The longest run the gazetteer knows, shortening from the right.
		for k := j; k > i; k-- {
			start, end := toks[i].start, trimPossessive(toks[k-1])
			name := s.text[start:end]
			if !isBarePlace(name, c.country) {
				continue
			}
			if afterStatus(toks, i) {
				// "banned in Russia": a jurisdiction, not where things
				// happen. Asked only once the run is a place: matching
				// the phrases before every capitalised word cost more
				// than the few places it turns away.
				break
			}
			if !parsed && s.isSpeaker(toks[i].start, toks[i].end) {
				break // the name starts no run here; the next token may
			}
			if speaksAfter(toks, k) && isSeatOfGovernment(name) {
				// "despite Damascus promises": the government, not the
				// city; the whole run is skipped.
				i = k - 1
				break
			}
			s.places = append(s.places, placeMention{nameStart: start, nameEnd: end, fullStart: start, fullEnd: end})
			i = k - 1
			break
		}
	}
}

// speaksAfter reports whether the name ending before toks[k] is the
// subject of a government's words: a speaks word follows it, or follows
// the names coordinated with it ("Moscow and Damascus agreed").
func speaksAfter(toks []token, k int) bool {
	for k < len(toks) {
		if e, _ := placeLex.match(toks, k); e != nil && e.field(0) == "speaks" {
			return true
		}
		if toks[k].lower != "and" && toks[k].lower != "," || k+1 >= len(toks) || !isNameToken(toks[k+1]) {
			return false
		}
		k++
		for k < len(toks) && isNameToken(toks[k]) {
			k++
		}
	}
	return false
}

// isSeatOfGovernment reports whether a name is a country or its capital,
// the names that stand for a government ("Damascus said", "Turkey
// denied"); "Hama announced" is about factions in Hama.
func isSeatOfGovernment(name string) bool {
	e, ok := resolveBare(name)
	if !ok {
		return false
	}
	if e.Level == place.LevelCountry {
		return true
	}
	capital, ok := place.Capital(e.Country)
	return ok && sameEntry(e, capital)
}

// afterStatus reports whether toks[i] follows a phrase that makes the name
// a jurisdiction ("banned in Russia").
func afterStatus(toks []token, i int) bool {
	for k := 1; k <= 3 && k <= i; k++ {
		if e, n := placeLex.match(toks, i-k); e != nil && n == k && (e.field(0) == "status" || e.field(0) == "agent") {
			return true
		}
	}
	return false
}

// isBarePlace reports whether a name standing alone is a place of the
// article's country that the gazetteer is sure of.
func isBarePlace(name, country string) bool {
	if ok, found := geoMemo.getKnown(country, name); found {
		return ok
	}
	ok := false
	switch {
	case isCommonWord(name):
	case country != "" && !place.MayBeIn(name, country):
		// Not a place of the article's country by any spelling: the
		// answer for most capitalised words, found without taking the
		// name apart.
	case country == "":
		// Without the article's country only a well-known place will do:
		// "Explosion rocks down town Damascus".
		e, found := resolveBare(name) // the same question, maybe asked already
		ok = found && (e.Level == place.LevelCountry || e.Level == place.LevelAdmin1 || e.Population >= wellKnownPopulation)
	case place.IsKnownIn(name, country):
		e, found := place.Resolve(name, place.Context{Country: country})
		ok = found && e.Country == country && (e.Level != place.LevelPlace || e.Population > 0)
	}
	geoMemo.putKnown(country, name, ok)
	return ok
}

// resolveBare resolves a name without context, as the first pass does to
// find the article's country.
func resolveBare(name string) (place.Entry, bool) {
	a := resolveBareRef(name)
	return a.entry, a.ok
}

// resolveBareRef is resolveBare's answer as the memo holds it, shared:
// callers must not modify it.
func resolveBareRef(name string) *geoAnswer {
	if v, ok := geoMemo.getBare(name); ok {
		return v
	}
	e, ok := place.Resolve(name, place.Context{})
	return geoMemo.putBare(name, geoAnswer{entry: e, ok: ok})
}

// textOf is s.mentionText(*m), read from the mention's context-free
// answer once it has one: the country vote, which may run twice, and the
// resolution each ask for it. The memo's copy of the text is the same
// string.
func (s *analysed) textOf(m *placeMention) string {
	if m.bareText != nil {
		return m.bareText.text
	}
	return s.mentionText(m)
}

// bareAnswer is resolveBare(text) for the mention's text (mentionText),
// kept with the mention: the country vote and the resolution of the
// mention both ask it, and the vote may run twice.
func (m *placeMention) bareAnswer(text string) (place.Entry, bool) {
	if m.bareText == nil {
		m.bareText = resolveBareRef(text)
	}
	return m.bareText.entry, m.bareText.ok
}

// geoMemo remembers the gazetteer's context-free answers across documents:
// a batch of war reports names the same few hundred places again and
// again, and a resolution costs far more than a map lookup. It is bounded:
// when full it is emptied and refilled.
var geoMemo = newMemo()

// memo holds resolveBare's answers by name, and isBarePlace's by name for
// the country it was last asked with: maps keyed by one string each, whose
// look-ups hash and compare less than a pair's. A batch is mostly about one
// country, so a name is seldom asked with another, and then it is only
// asked again.
type memo struct {
	mu    sync.RWMutex
	bare  map[string]*geoAnswer // by pointer: an Entry is large to copy in and out
	known map[string]knownAnswer
	n     int // entries in both

	// The names' copies and the answers are carved out of blocks rather
	// than allocated one by one: a pass asks about thousands of new
	// names, and their allocations were a tenth of the cost of
	// remembering them. A block is written once and never changed.
	names   []byte
	answers []geoAnswer
}

type knownAnswer struct {
	country string
	ok      bool
}

type geoAnswer struct {
	entry place.Entry
	ok    bool
	text  string // the name asked, as the memo keeps it
}

const maxGeoMemo = 50000

// memoBlock is the size in bytes of a block of names, and memoAnswers the
// number of answers in a block of them.
const (
	memoBlock   = 4096
	memoAnswers = 64
)

func newMemo() *memo {
	return &memo{bare: map[string]*geoAnswer{}, known: map[string]knownAnswer{}}
}

func (g *memo) getBare(name string) (*geoAnswer, bool) {
	g.mu.RLock()
	v, ok := g.bare[name]
	g.mu.RUnlock()
	return v, ok
}

func (g *memo) getKnown(country, name string) (ok, found bool) {
	g.mu.RLock()
	a, found := g.known[name]
	g.mu.RUnlock()
	if !found || a.country != country {
		return false, false
	}
	return a.ok, true
}

// room empties the memo when full; the caller holds the lock.
func (g *memo) room() {
	if g.n >= maxGeoMemo {
		g.empty()
	}
	g.n++
}

// empty forgets everything; the caller holds the lock. The blocks are let
// go, not reused: answers handed out point into them.
func (g *memo) empty() {
	clear(g.bare)
	clear(g.known)
	g.n = 0
	g.names, g.answers = nil, nil
}

// clone copies a name into the current block of names; the caller holds
// the lock. Names are slices of documents: copies keep the memo from
// holding whole documents alive until it empties.
func (g *memo) clone(name string) string {
	if len(name) == 0 {
		return ""
	}
	if len(name) > cap(g.names)-len(g.names) {
		if len(name) > memoBlock/4 {
			return strings.Clone(name) // a block would be mostly this
		}
		g.names = make([]byte, 0, memoBlock)
	}
	at := len(g.names)
	g.names = append(g.names, name...)
	return unsafe.String(&g.names[at], len(name))
}

// answer is a new answer in the current block; the caller holds the lock.
func (g *memo) answer(v geoAnswer) *geoAnswer {
	if len(g.answers) == cap(g.answers) {
		g.answers = make([]geoAnswer, 0, memoAnswers)
	}
	g.answers = append(g.answers, v)
	return &g.answers[len(g.answers)-1]
}

// putBare remembers v as name's answer and returns the memo's copy.
func (g *memo) putBare(name string, v geoAnswer) *geoAnswer {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.room()
	v.text = g.clone(name)
	p := g.answer(v)
	g.bare[v.text] = p
	return p
}

func (g *memo) putKnown(country, name string, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.room()
	// The country is a gazetteer code, not a slice of a document.
	g.known[g.clone(name)] = knownAnswer{country, ok}
}

func (g *memo) reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.empty()
}

// coveredByPlace reports whether offset at lies inside a place mention the
// rules already found.
func (s *analysed) coveredByPlace(at int) bool {
	for i := range s.places {
		// Read in place: ranging over the values copied each mention.
		if m := &s.places[i]; at >= m.fullStart && at < m.fullEnd {
			return true
		}
	}
	return false
}

// isCommonWord reports whether a name is an ordinary word that is a place
// only inside a longer name ("New" in a title-case headline).
func isCommonWord(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			// Lower-casing may change its length ("\u212a" is "k").
			return commonSet.Has(name)
		}
	}
	// In ASCII, lower-casing keeps the length and turns a letter into a
	// letter, and nothing else into one: most names asked about have a
	// length and initial no common word has, which is told without
	// lower-casing and hashing them.
	c := name[0:min(1, len(name))]
	if len(name) >= len(commonShapes) || len(c) == 0 {
		return false
	}
	l := c[0] | 0x20
	if l < 'a' || l > 'z' || commonShapes[len(name)]&(1<<(l-'a')) == 0 {
		return false
	}
	return commonSet.Has(name)
}

// commonSet answers as wordset.HasFolded(commonWords, name), with one probe
// of a table for an ASCII name rather than a map hash.
var commonSet = wordset.NewFolded(commonWords)

// commonShapes has, for each length of a common word, a bit for each
// letter one of that length starts with (bit 0 for "a").
var commonShapes = func() []uint32 {
	var t []uint32
	for w := range commonWords {
		for len(t) <= len(w) {
			t = append(t, 0)
		}
		t[len(w)] |= 1 << (w[0] - 'a')
	}
	return t
}()

// commonWords are the "word" phrases of the places table, their words
// joined by single spaces.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, es := range placeLex.byFirst {
		for _, e := range es {
			if e.field(0) == "word" {
				m[strings.Join(e.words, " ")] = true
			}
		}
	}
	return m
}()

// resolvePrefix resolves the longest proper prefix of a multi-word name,
// returning the entry and where the name then ends.
func (s *analysed) resolvePrefix(m *placeMention, ctx place.Context) (place.Entry, int, bool) {
	name := s.text[m.nameStart:m.nameEnd]
	for {
		cut := strings.LastIndexByte(name, ' ')
		if cut <= 0 {
			return place.Entry{}, 0, false
		}
		name = name[:cut]
		if isCommonWord(name) || !place.MayBeKnown(name) {
			continue
		}
		if e, ok := place.Resolve(name, ctx); ok {
			return e, m.nameStart + len(name), true
		}
	}
}

// writtenInLowerCase reports whether every word of a name is written in
// lower case somewhere in the document: "Crimes" in a title-case headline
// is the word "crimes" of the body, not a village whose name sounds alike.
// (A body's text may write a country in lower case too, in a web address.)
// The few words of a name are sought among the tokens rather than a set
// of all the document's words made first: it is asked once or twice a
// document, and making the set cost more than the searches.
func (c *docContext) writtenInLowerCase(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if !c.writesInLowerCase(w) {
			return false
		}
	}
	return true
}

// writesInLowerCase reports whether the document writes the word w in
// lower case.
func (c *docContext) writesInLowerCase(w string) bool {
	for _, s := range c.sents {
		for i := range s.toks {
			t := &s.toks[i]
			// Not "al-Zahraa", a name after its lower-case article.
			if t.lower == w && t.kind == tokWord && !t.upper && s.text[t.start:t.end] == t.lower {
				return true
			}
		}
	}
	return false
}

// wellKnownElsewhere is the size of a city that a name matched only by its
// skeleton may be taken for in a country the article names but is not
// about.
const wellKnownElsewhere = 100_000

// maxOtherCountries bounds the runners-up of the country vote a mention
// the article's country does not explain is tried in.
const maxOtherCountries = 2

// resolveElsewhere resolves a mention the article's country does not
// explain in the other countries the article names: a report on Syria that
// says "outlawed in Russia" twice still means Deir ez-Zor in Syria.
func (c *docContext) resolveElsewhere(text string, ctx place.Context) (place.Entry, bool) {
	if len(c.others) == 0 {
		return place.Entry{}, false
	}
	for _, cc := range c.others {
		if !place.MayBeIn(text, cc) {
			// No entry there by that name: Resolve could only answer
			// with another country.
			continue
		}
		ctx.Country = cc
		if e, ok := place.Resolve(text, ctx); ok && e.Country == cc {
			if !place.IsKnown(text) && (e.Level != place.LevelPlace || e.Population < wellKnownElsewhere) {
				// A name matched only by a short skeleton, in a country
				// the article is not about, is a coincidence unless it
				// is a city ("Raqa"): "Boulil" is not Babil.
				return place.Entry{}, false
			}
			return e, true
		}
	}
	return place.Entry{}, false
}

// voteCountry is the country the document's place mentions resolve to
// most often, without context; a country named outright counts double.
// The runners-up named outright, best first, go to c.others.
func (c *docContext) voteCountry() string {
	// A document names a few countries: a short list, searched in turn,
	// costs less than maps.
	var buf [8]countryVote
	votes := buf[:0]
	vote := func(cc string, w int, isNamed bool) {
		for i := range votes {
			if votes[i].cc == cc {
				votes[i].votes += w
				votes[i].named = votes[i].named || isNamed
				return
			}
		}
		votes = append(votes, countryVote{cc, w, isNamed})
	}
	for _, s := range c.sents {
		for i := range s.places {
			m := &s.places[i]
			if m.anaphor {
				continue
			}
			if m.capitalOf != "" {
				// "the Syrian capital" names the country as plainly as
				// "Syria" does.
				vote(m.capitalOf, 2, true)
				continue
			}
			text, name := s.textOf(m), s.text[m.nameStart:m.nameEnd]
			e, ok := m.bareAnswer(text)
			if !ok && name != text {
				// As the second pass does: "Syrias" counts for Syria.
				e, ok = resolveBare(name)
			}
			if m.bare && e.Level != place.LevelCountry && e.Level != place.LevelAdmin1 && e.Population < wellKnownPopulation {
				// "Aleppo city" tells the country; "Safi village" does not.
				ok = false
			}
			if ok {
				if e.Level == place.LevelCountry {
					vote(e.Country, 2, true)
				} else {
					vote(e.Country, 1, false)
				}
			}
		}
	}
	// Only countries named outright are tried as runners-up: a stray
	// name's foreign namesake is no reason to look abroad.
	slices.SortFunc(votes, func(a, b countryVote) int {
		if a.votes != b.votes {
			return b.votes - a.votes
		}
		return strings.Compare(a.cc, b.cc)
	})
	if len(votes) == 0 {
		c.others = nil
		return ""
	}
	c.others = c.others[:0]
	for _, v := range votes[1:] {
		if v.named && len(c.others) < maxOtherCountries {
			c.others = append(c.others, v.cc)
		}
	}
	return votes[0].cc
}

// countryVote is a country's count in voteCountry, and whether it is
// named outright.
type countryVote struct {
	cc    string
	votes int
	named bool
}
