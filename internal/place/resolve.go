package place

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/tallyhq/tally/internal/place/layout"
	"github.com/tallyhq/tally/internal/place/namekey"
)

// Context is what the text around a mention says about where it is.
type Context struct {
	Country string  // the article's country when known ("SY"), "" otherwise
	Admin1  string  // an admin1 the mention is said to be in ("Kafr Zeita in Hama countryside" → "Hama")
	Near    []Entry // places resolved nearby in the text, for co-mention scoring
}

// maxNear bounds how many co-mentioned places are weighed, so that an
// article listing a thousand villages costs no more per mention than one
// listing thirty.
const maxNear = 32

// Scoring weights. A score is roughly log10 of population, so one point is
// a factor of ten: the country context (±4) outweighs any population
// difference short of ten thousand to one, which is what "a wrong country
// is worse than no answer" asks.
const (
	weightCapital   = 1.5 // a national capital is what a bare name usually means
	weightSeat1     = 0.8 // so, less strongly, is a provincial capital
	weightSeat2     = 0.3
	weightSection   = -0.3 // a neighbourhood sharing a city's name is rarely meant
	weightCanonical = 1.5  // the entry's own name
	weightVariant   = 1.3  // its own name in another spelling or script ("Odessa", "الرقة")
	weightAlternate = 0.3  // another name: historical, foreign, a neighbour's
	weightStripped  = 0.5  // a division's name without its type word ("Afrin" for "Afrin District")
	weightLoose     = -2.0 // a transliteration variant only: weak evidence
	weightLooseRest = -3.0 // and weaker still when another place has the name exactly
	weightCountry   = 4.0  // in (or out of) the context country
	weightNeighbour = 1.0  // out of it, but within 800 km of it
	weightAdmin1    = 3.0  // in the admin1 the text names
	weightNotAdmin1 = -2.0
	regionPrior     = 5.5                 // curated regions have no population; they are well known
	ucdpPerEvent    = layout.UCDPPerEvent // UCDP places have no population: events stand in for prominence
	margin          = 0.8                 // a runner-up within this much (a factor of about 6) makes the best unsure

	// decideDepth is how far below the best score decide may look: a town
	// townDepth points below a division of its name can replace it, and
	// its rivals are those within margin of it. Rounded up, for safety.
	decideDepth = 5
	townDepth   = 3

	// rivalDepth is how far below the best decide does look: candidates
	// further down are never reached, so they need not be scored.
	rivalDepth = townDepth + margin
)

// levelWeight is the preference of each kind of mention for each level of
// entry (indexed by want, then by layout level: place, admin2, admin1,
// country, region). A bare name means a town before the province of the
// same name, and a country before either.
var levelWeight = [4][5]float64{
	wantAny:    {0, -1.5, -0.5, 2, 1.5},
	wantPlace:  {2, -3, -3, -3, -1},
	wantAdmin:  {-3, 1, 3, 0, 1},
	wantAdmin2: {0, 3, -1, -2, 0},
}

// hints is the context of one mention, resolved to entries.
type hints struct {
	country      string  // ISO code the place is said to be in
	countryAt    byte    // its entry index (layout.NoCountry if none)
	cLat, cLon   float64 // that country's representative point
	hasCountryPt bool
	admin1       []int32 // entry indices of the admin1s the place is said to be in
	near         []Entry
	anyExact     bool // some candidate matched the name exactly

	// For the distances to the places named nearby, worked out on first
	// need: each one's latitude in radians and its cosine.
	nearReady bool
	nearP     [nearKept]float64
	nearCos   [nearKept]float64
	nearCC    [maxNear]uint16 // their countries' codes as numbers, compared without strings

	cP, cCos float64 // the country's point's latitude in radians and its cosine
	ccn      uint16  // ccNum(country)
}

// ccNum is a country code as a number: two bytes compared at once. Any
// other string gives noCC, which no record's code is.
func ccNum(cc string) uint16 {
	if len(cc) != 2 {
		return noCC
	}
	return uint16(cc[0])<<8 | uint16(cc[1])
}

const noCC = 0xffff

// nearCountry reports whether the country of the place named nearby i is
// that of code cc (ccNum of a record's).
func (h *hints) nearCountry(i int, cc uint16) bool { return h.nearCC[i] == cc }

// withinCountryPt is within(h.cLat, h.cLon, lat, lon, km), the country's
// point's trigonometry done once per call of Resolve, not once per
// candidate: the same operations in the same order, so the same result.
func (h *hints) withinCountryPt(lat, lon, km float64) bool {
	if math.Abs(h.cLat-lat)*111 > km {
		return false
	}
	const r = 6371.0
	p2 := lat * math.Pi / 180
	dp, dl := p2-h.cP, (lon-h.cLon)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + h.cCos*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2*r*math.Asin(math.Min(1, math.Sqrt(a))) <= km
}

// nearKept is how many of the places named nearby have their latitude's
// radians and cosine kept (tally passes at most eight); the others'
// are worked out each time, the same way. Every byte of the arrays is
// zeroed on each call of Resolve.
const nearKept = 8

// nearDistance is haversine(lat, lon, near[i]) for a point whose latitude
// in radians is p1 and its cosine c1, the same to the last bit.
func (h *hints) nearDistance(i int, lat, lon, p1, c1 float64) float64 {
	if !h.nearReady {
		for j := range min(len(h.near), nearKept) {
			h.nearP[j] = h.near[j].Lat * math.Pi / 180
			h.nearCos[j] = math.Cos(h.nearP[j])
		}
		h.nearReady = true
	}
	const r = 6371.0
	n := &h.near[i]
	var np, ncos float64
	if i < nearKept {
		np, ncos = h.nearP[i], h.nearCos[i]
	} else {
		np = n.Lat * math.Pi / 180
		ncos = math.Cos(np)
	}
	dp, dl := np-p1, (n.Lon-lon)*math.Pi/180
	sp, sl := math.Sin(dp/2), math.Sin(dl/2)
	a := sp*sp + c1*ncos*sl*sl
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

type scored struct {
	cand
	score float64
}

// Resolve picks the best entry for a place mention. It strips modifiers
// ("Idlib province", "the outskirts of Aleppo", "Syria's Raqqa", "Austin,
// Texas") and weighs population, the context country (strongly), the admin1
// the text names, distance to places named nearby, and whether the name
// matched exactly or only as a transliteration variant.
//
// When it is unsure which of several places is meant but they share a
// first-level division or a country, it returns that division or country,
// with Level saying so; it returns ok=false when the name is unknown, when
// the candidates lie in different countries with no context to choose, or
// when the only candidates lie outside the context country and are not
// prominent: a wrong country is worse than no answer.
//
// The returned Entry's Level is the precision of the resolution: place,
// near (outskirts, a direction, or the countryside of a town), admin2
// (a district named after its town), admin1, country or region.
func Resolve(name string, ctx Context) (Entry, bool) {
	m := lookupMention(name)
	q := &m.q
	if q.core == "" || len(m.exact) == 0 && len(m.loose) == 0 {
		return Entry{}, false
	}
	// Every candidate's score is first bounded from its summary; only
	// those whose bound can reach the best (and then those within
	// rivalDepth of it) are scored from their records. The candidates
	// matched through the skeleton alone come most prominent first, so the
	// scans stop at the first that cannot matter: a common skeleton has
	// hundreds of them, scattered over the gazetteer.
	// r holds its candidates in arrays of its own, and nothing outside
	// it points into them, so that it stays on the stack; its hints are
	// filled in there, not copied in.
	var r resolver
	r.q, r.m, r.top = q, m, math.Inf(-1)
	r.h.init(ctx, q.quals)
	r.h.anyExact = len(m.exact) > 0
	h := &r.h
	var psBuf [inCountryBuf]int32
	var inCountry []int32
	if h.country != "" {
		inCountry = m.run.inCountry(h.countryAt, psBuf[:0])
	}
	if !r.h.anyExact && !h.variantMayPass(m, q, inCountry) {
		return Entry{}, false
	}
	r.rest = r.h.looseRest(q)
	r.rowRest = r.h.rowRests(q)
	// The exact matches come first, in entry order: the one with the
	// highest bound is scored first, so that it sets the bar for the rest.
	if n := len(m.exact); n > 0 {
		var ubBuf [16]float64
		ubs := ubBuf[:0]
		f := 0
		for i, c := range m.exact {
			ubs = append(ubs, r.h.bound(c, q))
			if ubs[i] > ubs[f] {
				f = i
			}
		}
		r.add(m.exact[f], math.Inf(-1))
		for i, ub := range ubs {
			if i == f {
				continue
			}
			if ub >= r.top {
				r.add(m.exact[i], r.top-decideDepth)
			} else {
				r.addPending(m.exact[i], ub)
			}
		}
	}
	// Then the skeleton's rows: those in the text's country first, which
	// can score four points more than any abroad, then those abroad, each
	// run as far as the bound of its next row can reach the best.
	var runs [2]scanRun
	nruns := 1
	if h.country != "" {
		runs[0].ps = inCountry
		runs[1].abroad = true
		nruns = 2
	}
	var ends [2]int
	for k := range nruns {
		ends[k] = r.scan(&runs[k], 0, false, 0)
	}
	if r.nsc == 0 {
		return Entry{}, false
	}
	if r.h.rejects(r.best, q) {
		return Entry{}, false
	}
	// Then the rivals decide weighs: those that can come within reach of
	// the best.
	floor := r.top - rivalDepth
	for i := range r.npend {
		if p := r.pendAt(i); p.ub >= floor {
			r.addRival(p.c, floor)
		}
	}
	for k := range nruns {
		r.scan(&runs[k], ends[k], true, floor)
	}
	sc := r.scArr[:min(r.nsc, len(r.scArr))]
	if len(r.scMore) > 0 {
		sc = append(sc[:len(sc):len(sc)], r.scMore...)
	}
	// decide looks no further down than decideDepth below the best: a
	// common skeleton has hundreds of candidates, and sorting only those
	// within reach gives the same ranking for a fraction of the cost.
	top := r.top
	sc = slices.DeleteFunc(sc, func(x scored) bool { return x.score < top-decideDepth })
	// The comparison is a total order (ties fall to the entry index), so an
	// unstable sort gives the same order, faster.
	slices.SortFunc(sc, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.idx - b.idx)
	})
	return r.h.decide(sc, q)
}

// inCountryBuf is how many positions of a skeleton's rows in the text's
// country Resolve keeps on its stack before they spill to the heap.
const inCountryBuf = 64

// resolver is the state of one Resolve: the candidates scored so far, the
// best, and those bounded but not yet scored: in arrays of its own, then
// (rarely) slices beyond them.
type resolver struct {
	h       hints
	q       *query
	m       *mention
	rest    float64      // looseRest
	rowRest *[16]float64 // rowRests

	top  float64
	best scored

	scArr    [16]scored
	nsc      int // scored candidates, in scArr then scMore
	scMore   []scored
	pendArr  [16]pending
	npend    int // pending candidates, in pendArr then pendMore
	pendMore []pending
}

func (r *resolver) push(x scored) {
	if r.nsc < len(r.scArr) {
		r.scArr[r.nsc] = x
	} else {
		r.scMore = append(r.scMore, x)
	}
	r.nsc++
}

func (r *resolver) addPending(c cand, ub float64) {
	if r.npend < len(r.pendArr) {
		r.pendArr[r.npend] = pending{c, ub}
	} else {
		r.pendMore = append(r.pendMore, pending{c, ub})
	}
	r.npend++
}

func (r *resolver) pendAt(i int) pending {
	if i < len(r.pendArr) {
		return r.pendArr[i]
	}
	return r.pendMore[i-len(r.pendArr)]
}

// pending is a candidate bounded by ub and not scored (yet).
type pending struct {
	c  cand
	ub float64
}

// add scores c (see hints.score for floor) and ranks it.
func (r *resolver) add(c cand, floor float64) {
	x := scored{c, r.h.score(c, r.q, floor)}
	if r.nsc == 0 || x.score > r.best.score || x.score == r.best.score && x.idx < r.best.idx {
		r.best = x
	}
	r.top = max(r.top, x.score)
	r.push(x)
}

// addRival scores a candidate that may come within floor of the best,
// unless its summary says it cannot.
func (r *resolver) addRival(c cand, floor float64) {
	if !c.exact && c.flags&layout.LooseLevelMask == layout.LevelCountry || r.h.bound(c, r.q) < floor {
		return
	}
	r.push(scored{c, r.h.score(c, r.q, floor)})
}

// A scan goes through one run of skeleton rows: with a context country,
// those in it (their positions in ps) or those abroad; with none, all.
type scanRun struct {
	ps     []int32 // the positions of the rows in the run, nil for every row of the skeleton
	abroad bool    // the run is the rows outside the context country
}

// bound bounds the score of skeleton row c of the run (see rowBound).
func (sr *scanRun) bound(h *hints, c cand, rest float64) float64 {
	pb, rb := h.rowBound(c, rest)
	if sr.abroad {
		return rb
	}
	return pb
}

// scan goes through the run's rows from its i-th on, scoring those whose
// bound reaches the best so far (or, once rivals is set, adding those that
// may come within floor of the best), until a row's bound falls short: the
// rows of a run come in order of prior, so every later one would too. It
// returns where it stopped.
func (r *resolver) scan(sr *scanRun, i int, rivals bool, floor float64) int {
	h, m := &r.h, r.m
	n := len(m.loose)
	if sr.ps != nil {
		n = len(sr.ps)
	}
	for ; i < n; i++ {
		if work != nil {
			work.rows++
		}
		j := i
		if sr.ps != nil {
			j = int(sr.ps[i])
		}
		c := m.loose[j]
		if m.matchedExactly(c.idx) {
			continue
		}
		if sr.abroad && c.cc == h.countryAt {
			continue
		}
		bar := r.top
		if rivals {
			bar = floor
		}
		if sr.bound(h, c, r.rest) < bar {
			break
		}
		if c.flags&layout.LooseLevelMask == layout.LevelCountry {
			// Country names are listed with all their common spellings;
			// a skeleton match ("town" and "Taiwan") is a coincidence.
			continue
		}
		// The row's own level and feature bound it more tightly, but
		// not in the order of the rows: a row that falls short is passed
		// over without reading its summary, and the scan goes on.
		if ub := sr.bound(h, c, r.rowRest[c.flags&15]); ub < bar {
			if !rivals {
				r.addPending(c, ub)
			}
			continue
		}
		if rivals {
			r.addRival(c, floor)
			continue
		}
		if ub := h.bound(c, r.q); ub < r.top {
			r.addPending(c, ub)
			continue
		}
		r.add(c, r.top-decideDepth)
	}
	return i
}

// init resolves the context of a mention into zeroed hints: qualifiers in
// the mention itself ("Syria's", ", Texas") take precedence over the
// caller's context.
func (h *hints) init(ctx Context, quals []string) {
	for _, qs := range quals {
		cc, a1 := resolveQualifier(qs)
		if cc != "" {
			h.country = cc
		}
		h.admin1 = append(h.admin1, a1...)
	}
	if h.country == "" && len(ctx.Country) == 2 {
		h.country = upper2(ctx.Country)
	}
	if len(h.admin1) == 0 && ctx.Admin1 != "" {
		cc, a1 := resolveQualifier(ctx.Admin1)
		h.admin1 = slices.Clone(a1) // shared with the memo, and edited below
		if h.country == "" {
			h.country = cc
		}
	}
	if h.country != "" {
		i, ok := countryIndex(h.country)
		if !ok {
			// Not a country the gazetteer knows ("XX", "EU", a typo):
			// no context, rather than a context nothing is in.
			h.country = ""
			h.setNear(ctx)
			return
		}
		h.ccn = ccNum(h.country)
		pt := &countryPoints()[i]
		h.cLat, h.cLon, h.hasCountryPt = pt.lat, pt.lon, true
		h.cP, h.cCos = pt.p, pt.cos
		h.countryAt = layout.NoCountry
		if i < layout.NoCountry {
			h.countryAt = byte(i)
		}
		// An admin1 of another country is a misreading of the context.
		h.admin1 = slices.DeleteFunc(h.admin1, func(a int32) bool { return record(a).country() != h.country })
	}
	h.setNear(ctx)
}

// countryPoint is a country's representative point as hints keeps it:
// its latitude in radians and the cosine of that worked out once per
// country, not once for every mention in it (the record is out of the
// cache by then, too).
type countryPoint struct{ lat, lon, p, cos float64 }

var countryPoints = sync.OnceValue(func() []countryPoint {
	pts := make([]countryPoint, numCountries())
	for i := range pts {
		r := record(int32(i))
		p := &pts[i]
		p.lat, p.lon = r.lat(), r.lon()
		p.p = p.lat * math.Pi / 180
		p.cos = math.Cos(p.p)
	}
	return pts
})

func (h *hints) setNear(ctx Context) {
	h.near = ctx.Near
	if len(h.near) > maxNear {
		h.near = h.near[:maxNear]
	}
	for i := range h.near {
		h.nearCC[i] = ccNum(h.near[i].Country)
	}
}

// resolveQualifier reads a phrase that situates a place ("Syria", "Hama
// countryside", "Texas", "Donetsk region") as a country code or a set of
// first-level divisions.
//
// The answers are remembered (a text names its provinces again and
// again); the slice returned is shared, and callers must not modify it.
func resolveQualifier(s string) (cc string, admin1 []int32) {
	if len(s) > maxMention {
		return readQualifier(s) // not remembered: the memo holds short phrases only
	}
	if a, ok := quals.get(s); ok {
		return a.cc, a.admin1
	}
	cc, admin1 = readQualifier(s)
	// A copy: s is a slice of a document, which the memo must not keep.
	quals.put(strings.Clone(s), qualifier{cc, admin1}, len(admin1))
	return cc, admin1
}

// qualifier is an answer of resolveQualifier.
type qualifier struct {
	cc     string
	admin1 []int32
}

func readQualifier(s string) (cc string, admin1 []int32) {
	q := parseMention(s, false)
	var buf [64]cand
	cs := candidates(namekey.Key(q.core), buf[:0])
	var bestPlace int32 = -1
	for _, c := range cs {
		if !c.exact {
			continue
		}
		r := record(c.idx)
		switch r.level() {
		case layout.LevelCountry:
			if q.want != wantAdmin {
				return r.country(), nil
			}
		case layout.LevelAdmin1:
			admin1 = append(admin1, c.idx)
		case layout.LevelRegion:
			if a := r.admin1(); a >= 0 {
				admin1 = append(admin1, a)
			} else {
				cc = r.country()
			}
		case layout.LevelPlace:
			// "in Mosul": a provincial or national capital stands for
			// its division.
			if f := r.feature(); (f == layout.FeatureSeat1 || f == layout.FeatureCapital) &&
				(bestPlace < 0 || r.population() > record(bestPlace).population()) {
				bestPlace = c.idx
			}
		}
	}
	if len(admin1) == 0 {
		for _, c := range cs {
			if !c.exact && record(c.idx).level() == layout.LevelAdmin1 {
				admin1 = append(admin1, c.idx)
			}
		}
	}
	if len(admin1) == 0 && bestPlace >= 0 {
		if a := record(bestPlace).admin1(); a >= 0 {
			admin1 = append(admin1, a)
		}
	}
	for i, a := range admin1 {
		c := record(a).country()
		if i == 0 {
			cc = c
		} else if c != cc {
			return "", admin1 // divisions in several countries: no country
		}
	}
	return cc, admin1
}

// score rates candidate c. A candidate that cannot reach floor even with
// the most that places named nearby can add will not be ranked: its
// distances to them are not worked out, and the score returned is below
// floor.
func (h *hints) score(c cand, q *query, floor float64) float64 {
	if work != nil {
		work.scored++
		work.near += len(h.near)
	}
	r := record(c.idx)
	lvl := r.level()
	var s float64
	if lvl == layout.LevelRegion {
		s = regionPrior
	} else {
		// Events stand in for population where GeoNames has none (all
		// UCDP places, and Syrian towns such as Maarat al-Numan that
		// cities500 lists with population 0).
		p := max(float64(r.population()), float64(ucdpPerEvent*r.events()))
		s = math.Log10(1 + p)
	}
	s = addFeature(s, r.feature())
	s = h.addMatch(s, c)
	s += levelWeight[q.want][lvl]
	ccn := r.countryNum()
	if h.country != "" {
		if ccn == h.ccn {
			s += weightCountry
		} else {
			s -= weightCountry
			if h.hasCountryPt && h.withinCountryPt(r.lat(), r.lon(), 800) {
				s += weightNeighbour
			}
		}
	}
	s = h.addAdmin1(s, c.idx, lvl, r.admin1())
	if len(h.near) > 0 && s+nearMax >= floor {
		lat, lon := r.lat(), r.lon()
		p1, c1 := lat*math.Pi/180, math.NaN() // c1 once needed
		best := 0.0
		for i := range h.near {
			n := &h.near[i]
			b := 0.0
			if h.nearCountry(i, ccn) {
				b = 1
			}
			// The distance can only add up to nearBonusMax: when that
			// cannot beat the best so far, the trigonometry is wasted
			// (and most of the time goes to it).
			if b+nearBonusMax <= best {
				continue
			}
			if math.Abs(lat-n.Lat)*111 <= 400 {
				if math.IsNaN(c1) {
					c1 = math.Cos(p1)
				}
				switch d := h.nearDistance(i, lat, lon, p1, c1); {
				case !(d <= 400):
				case d <= 50:
					b += nearBonusMax
				case d <= 150:
					b += 2
				default:
					b++
				}
			}
			best = max(best, b)
			if best == nearMax {
				break // no nearer place can score more
			}
		}
		s += best
	}
	return s
}

// maxLevelWeight is the highest levelWeight of each want over the levels a
// candidate matched through its skeleton alone may have (not country).
var maxLevelWeight = func() (m [4]float64) {
	for w, row := range levelWeight {
		m[w] = math.Inf(-1)
		for lvl, x := range row {
			if lvl != layout.LevelCountry {
				m[w] = max(m[w], x)
			}
		}
	}
	return m
}()

// looseRest is at least what bound adds to the prior bucket and the
// country weight for any candidate matched through its skeleton alone.
func (h *hints) looseRest(q *query) float64 {
	s := weightCapital + weightLoose // the highest feature weight
	if h.anyExact {
		s += weightLooseRest
	}
	s += maxLevelWeight[q.want]
	if len(h.admin1) > 0 {
		s += weightAdmin1
	}
	if len(h.near) > 0 {
		s += nearMax
	}
	return s + 2*boundSlack
}

// rowRests is looseRest for each LooseFlags value of a skeleton row: with
// the row's own level weight, and the weight of the most its feature can
// be (a capital's, else a secondary seat's), instead of the most of any.
// They depend on four things only, and are worked out for every
// combination at start-up (a few KB), not for every call.
func (h *hints) rowRests(q *query) *[16]float64 {
	return &rowRestTable[q.want][b2i(h.anyExact)][b2i(len(h.admin1) > 0)][b2i(len(h.near) > 0)]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

var rowRestTable = func() (t [4][2][2][2][16]float64) {
	for w := range t {
		for ex := range 2 {
			for a1 := range 2 {
				for nr := range 2 {
					t[w][ex][a1][nr] = makeRowRests(want(w), ex == 1, a1 == 1, nr == 1)
				}
			}
		}
	}
	return t
}()

func makeRowRests(w want, anyExact, admin1, near bool) (rr [16]float64) {
	s := weightLoose
	if anyExact {
		s += weightLooseRest
	}
	if admin1 {
		s += weightAdmin1
	}
	if near {
		s += nearMax
	}
	q := query{want: w}
	for f := range rr {
		lvl := f & layout.LooseLevelMask
		if lvl >= len(levelWeight[q.want]) {
			rr[f] = math.Inf(1) // no such level: nothing to bound by
			continue
		}
		feature := weightSeat2
		if f&layout.LooseSeat != 0 {
			feature = weightCapital
		}
		rr[f] = s + feature + levelWeight[q.want][lvl] + 2*boundSlack
	}
	return rr
}

// rowBound bounds the score of a skeleton match from its row alone: its
// prior bucket, what the context country says of its country (rb), and
// rest (looseRest) for the other weights. pb is the bound with the most
// the country could add: along a skeleton's rows the prior never
// increases, so once pb falls short, every later row does.
func (h *hints) rowBound(c cand, rest float64) (pb, rb float64) {
	s := float64(c.flags>>layout.PriorBucketShift)*layout.PriorBucketPoints + rest
	if h.country == "" {
		return s, s
	}
	if c.cc == h.countryAt {
		return s + weightCountry, s + weightCountry
	}
	rb = s - weightCountry
	if h.hasCountryPt {
		rb += weightNeighbour
	}
	return s + weightCountry, rb
}

// boundSlack covers the rounding of summed weights in bound.
const boundSlack = 0.01

// bound is at least score(c, q, any floor), worked out from the entry's
// summary alone: its population rounded up, the most its distance from the
// context country and from the places named nearby could add.
func (h *hints) bound(c cand, q *query) float64 {
	lvl := sumLevel(c.idx)
	var s float64
	if lvl == layout.LevelRegion {
		s = regionPrior
	} else {
		s = sumPopLog(c.idx)
		if ev := sumEvents(c.idx); ev > 0 {
			s = max(s, math.Log10(1+float64(ucdpPerEvent*ev)))
		}
	}
	s = addFeature(s, sumFeature(c.idx))
	s = h.addMatch(s, c)
	s += levelWeight[q.want][lvl]
	if h.country != "" {
		if sumCountryNum(c.idx) == h.ccn {
			s += weightCountry
		} else {
			s -= weightCountry
			if h.hasCountryPt {
				s += weightNeighbour // perhaps
			}
		}
	}
	s = h.addAdmin1(s, c.idx, lvl, sumAdmin1(c.idx))
	if len(h.near) > 0 {
		s += nearMax
	}
	return s + boundSlack
}

// The weights below are added one at a time, in the order score has
// always added them, so that scores stay the same to the last bit.

func addFeature(s float64, f byte) float64 {
	switch f {
	case layout.FeatureCapital:
		s += weightCapital
	case layout.FeatureSeat1:
		s += weightSeat1
	case layout.FeatureSeat2:
		s += weightSeat2
	case layout.FeatureSection:
		s += weightSection
	}
	return s
}

// addMatch adds what the way the name matched says.
func (h *hints) addMatch(s float64, c cand) float64 {
	switch {
	case !c.exact:
		s += weightLoose
		if h.anyExact {
			s += weightLooseRest
		}
	case c.flags&layout.FlagCanonical != 0:
		s += weightCanonical
	case c.flags&layout.FlagVariant != 0:
		s += weightVariant
	case c.flags&layout.FlagStripped != 0:
		s += weightStripped
	default:
		s += weightAlternate
	}
	return s
}

// addAdmin1 adds what the admin1 the text names says of entry i, of level
// lvl, in the admin1 a.
func (h *hints) addAdmin1(s float64, i int32, lvl byte, a int32) float64 {
	if len(h.admin1) > 0 {
		switch {
		case lvl != layout.LevelAdmin1 && slices.Contains(h.admin1, a):
			s += weightAdmin1
		case slices.Contains(h.admin1, i):
			s += weightAdmin1 / 3
		default:
			s += weightNotAdmin1
		}
	}
	return s
}

// nearBonusMax is the most a place named nearby adds for its distance,
// nearMax the most it adds in all (with its country).
const (
	nearBonusMax = 2.5
	nearMax      = 1 + nearBonusMax
)

// decide turns ranked candidates into an answer at the level it is sure of.
func (h *hints) decide(sc []scored, q *query) (Entry, bool) {
	best := sc[0]
	if h.rejects(best, q) {
		return Entry{}, false
	}
	rb := record(best.idx)
	lvl := rb.level()
	cc := rb.country()
	if (lvl == layout.LevelAdmin1 || lvl == layout.LevelAdmin2) && q.want == wantAny {
		// A bare name shared by a town and the district or province
		// named after it means the town, even when the division's larger
		// population scores higher ("Maarat al-Numan").
		for _, o := range sc[1:] {
			if o.score < best.score-townDepth {
				break
			}
			ro := record(o.idx)
			if o.exact && ro.level() == layout.LevelPlace && (ro.admin1() == best.idx || ro.admin2() == best.idx) {
				best, rb, lvl = o, ro, layout.LevelPlace
				break
			}
		}
	}
	sameCountry, sameAdmin1, rivals := true, true, false
	for _, o := range sc[1:] {
		if o.score < best.score-margin {
			break
		}
		if nested(best.idx, o.idx) || samePlace(best.idx, o.idx) {
			continue
		}
		if best.exact && !o.exact {
			// Another place whose name only sounds alike does not make an
			// exact match doubtful ("Raqqa" is not "Riga").
			continue
		}
		rivals = true
		ro := record(o.idx)
		if ro.country() != cc {
			sameCountry = false
		}
		if ro.admin1() != rb.admin1() || ro.admin1() < 0 {
			sameAdmin1 = false
		}
	}
	if !rivals {
		e := entryAt(best.idx)
		e.Level = resultLevel(rb, q)
		return e, true
	}
	if !sameCountry {
		return Entry{}, false
	}
	if cc != h.country && rb.population() < 10000 && rb.events() < 20 {
		// Several hamlets called "Crescent" in one country say nothing
		// about where the text is.
		return Entry{}, false
	}
	if a := rb.admin1(); sameAdmin1 && a >= 0 && lvl != layout.LevelAdmin1 && lvl != layout.LevelCountry {
		return entryAt(a), true
	}
	if i, ok := countryIndex(cc); ok {
		return entryAt(i), true
	}
	return Entry{}, false
}

// rejects reports whether the best candidate is no answer at all, whatever
// its rivals: a place abroad the text does not point to, a weak variant,
// another name of a small town.
func (h *hints) rejects(best scored, q *query) bool {
	rb := record(best.idx)
	lvl := rb.level()
	if h.country != "" && rb.country() != h.country && lvl != layout.LevelCountry && lvl != layout.LevelRegion && !h.foreignOK(best) {
		return true
	}
	if !best.exact && !h.acceptVariant(best.idx, q) {
		return true
	}
	// Only another name of a small town, a historical or foreign one
	// ("Taliban" for Bozhüyük, "June" for Unieux), and nothing in the
	// text pointing there.
	return best.exact && best.flags&(layout.FlagCanonical|layout.FlagVariant|layout.FlagStripped) == 0 &&
		rb.population() < 100000 && !h.supports(best.idx)
}

// foreignOK decides whether a place outside the text's country may be
// meant: a capital or a city of a million, a city of 100,000 within 800 km
// of that country or in a country the text also names places in. A
// Mozambican "Palma" that the gazetteer lacks is not Palma de Mallorca.
func (h *hints) foreignOK(c scored) bool {
	r := record(c.idx)
	if !c.exact {
		return false
	}
	pop := r.population()
	if r.feature() == layout.FeatureCapital || pop >= 1000000 {
		return true
	}
	if pop < 100000 {
		return false
	}
	if h.hasCountryPt && h.withinCountryPt(r.lat(), r.lon(), 800) {
		return true
	}
	for i := range h.near {
		if h.near[i].Country == r.country() {
			return true
		}
	}
	return false
}

// acceptVariant decides whether a match through the transliteration
// skeleton alone is good enough: the text's admin1 or a place named nearby
// points at it; or the text's country does, and the place is notable
// ("Raqa" in a Syrian article) or the skeleton long enough not to be a
// coincidence ("Kafr Zeita" for Kafr Zayta); or, with no context, a
// notable place with a long skeleton and the same initial.
func (h *hints) acceptVariant(i int32, q *query) bool {
	key := q.key
	r := record(i)
	inCountry := h.country != "" && r.country() == h.country
	if !inCountry && h.supports(i) {
		return true // its admin1 or a place nearby
	}
	if n := q.skel; inCountry && (n >= 4 || n == 3 && strings.Contains(key, " ") || notable(r) && (n >= 3 || !longer(key, r.name()))) {
		// "Ain al-Fijeh" is ‘Ayn al Fījah; "Jobar" is not Yabrud; and
		// "Minian" is not Maan, whose two consonants it only shares.
		return true
	}
	// With no context, only a long skeleton of a notable place: "Kharkov"
	// for Kharkiv, but not "Russian" for Ryazan or "Red" for Riyadh.
	return notable(r) && q.skel >= 4 && sameInitialSum(key, i)
}

// rowNotable is sumNotable(c.idx) for a skeleton row c (of an entry that
// is not a country), from the row alone where it can tell: a division or a
// region is notable; a place only with the prior of a city of BigPlace
// people or of twenty UCDP events, and then its summary says. A short
// skeleton has hundreds of rows in a country, mostly villages, whose
// summaries, scattered over the gazetteer, need not be read.
func rowNotable(c cand) bool {
	if c.flags&layout.LooseLevelMask != layout.LevelPlace {
		return c.flags&layout.LooseLevelMask != layout.LevelCountry
	}
	return c.flags>>layout.PriorBucketShift >= notableBucket && sumNotable(c.idx)
}

// notableBucket is the lowest prior bucket of a notable place (see
// notable); PriorKey grows with population and events alike.
var notableBucket = func() byte {
	big := byte(math.Ceil(math.Log10(1+layout.BigPlace)*layout.PopLogScale)) + 1 // as the generator rounds
	return min(layout.PriorBucket(layout.PriorKey(big, 0, layout.LevelPlace)), layout.PriorBucket(layout.PriorKey(0, 20, layout.LevelPlace)))
}()

// regionBucket is the prior bucket of a region's skeleton rows, above any
// place's.
var regionBucket = layout.PriorBucket(layout.PriorKey(0, 0, layout.LevelRegion))

// variantMayPass reports whether a mention matched through its skeleton
// alone may have a candidate acceptVariant and rejects let through, were
// it the best: when none can be, ranking them all would end in no answer.
// inCountry are the positions in m.loose of the rows in the context
// country (none without one). It reads the rows and, for a few, their
// summaries: a capitalised word of a short skeleton ("Latest", "Daeshs")
// shares it with hundreds of places, whose ranking was much of the cost of
// saying no.
func (h *hints) variantMayPass(m *mention, q *query, inCountry []int32) bool {
	n := q.skel
	if h.country == "" {
		if len(h.admin1) > 0 || len(h.near) > 0 {
			return true // supports may accept any of them
		}
		// acceptVariant without context: a notable place, a skeleton of
		// four or more, the same initial.
		return n >= 4
	}
	if h.countryAt == layout.NoCountry {
		return true // the rows' country bytes cannot tell
	}
	// In the text's country, a place passes acceptVariant by a long
	// skeleton, or by being notable and not of fewer syllables.
	for _, j := range inCountry {
		c := m.loose[j]
		if c.flags&layout.LooseLevelMask == layout.LevelCountry {
			continue // never ranked as a skeleton match
		}
		if n >= 4 || n == 3 && strings.Contains(q.key, " ") {
			return true
		}
		if rowNotable(c) && (n >= 3 || !longer(q.key, record(c.idx).name())) {
			return true
		}
	}
	// Abroad, only a region: rejects turns away any other place abroad
	// matched through its skeleton (foreignOK wants an exact match). A
	// region passes if the context supports it, or by a long skeleton and
	// the same initial ("Dunbas" for Donbas).
	supported := len(h.admin1) > 0 || len(h.near) > 0
	if !supported && n < 4 {
		return false
	}
	for _, c := range m.loose {
		if c.flags>>layout.PriorBucketShift < regionBucket {
			break // a region's prior is the highest: they come first
		}
		if c.cc != h.countryAt && c.flags&layout.LooseLevelMask == layout.LevelRegion &&
			(supported || sameInitialSum(q.key, c.idx)) {
			return true
		}
	}
	return false
}

// supports reports whether the context points at entry i: its country, its
// admin1, or a place named within 150 km.
func (h *hints) supports(i int32) bool {
	r := record(i)
	if h.country != "" && r.country() == h.country || slices.Contains(h.admin1, r.admin1()) {
		return true
	}
	for j := range h.near {
		if within(r.lat(), r.lon(), h.near[j].Lat, h.near[j].Lon, 150) {
			return true
		}
	}
	return false
}

// longer reports whether a key has more syllables (runs of vowels) than a
// name's: a skeleton of two consonants is shared by too many words for a
// longer one to be the name respelt, where spellings vary the vowels but
// hardly add any ("Raqa" is Raqqa, "Deraa" Dar'a; "Minian" is not Maan).
func longer(key, name string) bool {
	// The name's key is made on the stack: only its syllables are wanted.
	var kb [keyBuf]byte
	return syllables(key) > syllables(namekey.AppendKey(kb[:0], name))
}

func syllables[S string | []byte](key S) int {
	n, inVowel := 0, false
	for i := 0; i < len(key); i++ {
		c := key[i]
		v := c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
		if v && !inVowel {
			n++
		}
		inVowel = v
	}
	return n
}

// sameInitialSum reports whether a key and the name of entry i begin with
// the same letter, q, k and c counting as one, reading the initial of the
// name's key from the entry's summary.
func sameInitialSum(key string, i int32) bool {
	k2 := sumInitial(i)
	if key == "" || k2 == 0 {
		return false
	}
	return foldInitial(key[0]) == foldInitial(k2)
}

func foldInitial(c byte) byte {
	if c == 'q' || c == 'c' {
		return 'k'
	}
	return c
}

// nested reports whether one entry contains the other: a town and the
// province named after it are one answer at two precisions, not rivals.
func nested(a, b int32) bool {
	ra, rb := record(a), record(b)
	switch {
	case a == rb.admin1() || a == rb.admin2() || b == ra.admin1() || b == ra.admin2():
		return true
	case ra.level() == layout.LevelCountry || rb.level() == layout.LevelCountry:
		return ra.country() == rb.country()
	}
	return false
}

// samePlace reports whether two places are the same town in two sources
// (or a town and its neighbourhood): same country, within 25 km.
func samePlace(a, b int32) bool {
	ra, rb := record(a), record(b)
	if ra.level() != layout.LevelPlace || rb.level() != layout.LevelPlace || ra.country() != rb.country() {
		return false
	}
	return haversine(ra.lat(), ra.lon(), rb.lat(), rb.lon()) < 25
}

// resultLevel is the precision of a resolution to r: the entry's level,
// made coarser for a town by what the mention said around it.
func resultLevel(r rec, q *query) Level {
	if r.level() != layout.LevelPlace {
		return levels[r.level()]
	}
	switch {
	case q.near, q.want == wantAdmin: // "outskirts of Aleppo", "Kafr Nabl countryside"
		return LevelNear
	case q.want == wantAdmin2: // "Bakhmut district", where no district has that name
		return LevelAdmin2
	}
	return LevelPlace
}

// String formats an entry for logs and test failures.
func (e Entry) String() string {
	var b strings.Builder
	b.WriteString(e.Name)
	for _, s := range []string{e.Admin2, e.Admin1, e.Country} {
		if s != "" && s != e.Name {
			b.WriteString(", ")
			b.WriteString(s)
		}
	}
	b.WriteString(" [")
	b.WriteString(string(e.Level))
	b.WriteString("]")
	return b.String()
}
