package extract

import (
	"strconv"
	"sync"
	"time"

	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/document"
	"github.com/tallyhq/tally/internal/extract/attrib"
	"github.com/tallyhq/tally/internal/extract/number"
	"github.com/tallyhq/tally/internal/extract/timex"
)

// analysed is one sentence with everything the rule sets found in it.
// Offsets inside are relative to the sentence text.
type analysed struct {
	sentence
	seg      *document.Text
	text     string
	headline bool
	toks     []token
	lower    string // text lower-cased, or "" (see attrib.FindLowered)
	times    []timex.Expr
	actors   []attrib.Span
	places   []placeMention
	figures  []figure
	services []serviceFind

	resolved     []placeSet      // per place mention: what it refers to
	clauses      []clauseSpeaker // its clauses' speakers when it has two or more (see clauseSpeakers)
	placesBefore placeState      // the place in focus when the sentence begins

	// The attributions, found when first asked for (see attributions):
	// most sentences' speakers can change no claim.
	attribs     []attrib.Attribution
	attribsDone bool
	cue         bool // a word is a cue of the attribution rules

	named     []namedActor // see namedActors
	namedDone bool
}

// attributions returns the sentence's attributions, running the attribution
// rules the first time. Parsing a speaker costs as much as tokenizing the
// sentence, and a sentence after the document's last claim whose places
// never ask whether a name is a speaker's need not be parsed at all. The
// result is kept, so the pointers ownSpeaker returns into it stay valid.
func (s *analysed) attributions() []attrib.Attribution {
	if !s.attribsDone {
		// The rules run on sentences that have a cue word at all.
		if s.cue {
			s.attribs = attrib.FindLowered(s.text, s.lower)
		}
		s.attribsDone = true
	}
	return s.attribs
}

// Check extracts the claims of one document and checks its figures against
// each other. It never fails: a document with no figures gives no claims.
func Check(doc *document.Document) claim.Result {
	var published time.Time
	if doc.Published != "" {
		published, _ = time.Parse(time.DateOnly, doc.Published)
	}
	// The tokens and sentences come from pooled slabs: nothing keeps
	// them once the result is built.
	sc := scratches.Get().(*scratch)
	defer sc.release()
	sents := analyseDocument(doc, published, sc)

	ctx := newContext(doc, sents)
	// A claim is large: sized once rather than grown by doubling.
	nclaims := 0
	for _, s := range sents {
		nclaims += len(s.figures) + len(s.services)
	}
	var claims []claim.Claim
	if nclaims > 0 {
		claims = make([]claim.Claim, 0, nclaims)
		ctx.slabs(nclaims)
	}
	subs := subOf{}
	for si, s := range sents {
		first := len(claims)
		for _, f := range s.figures {
			if f.whole > 0 {
				subs[len(claims)] = first + f.whole - 1
			}
			claims = append(claims, ctx.casualtyClaim(si, f))
		}
		if len(s.services) == 0 {
			continue
		}
		seen := map[string]bool{}
		for _, sv := range s.services {
			for _, c := range ctx.serviceClaims(si, sv) {
				// "water pipes are restored or water delivery is organized"
				// is one statement about water per place.
				key := c.Service.Name + "\x00" + placeText(c.Place)
				if !seen[key] {
					seen[key] = true
					claims = append(claims, c)
				}
			}
		}
	}
	for i := range claims {
		claims[i].ID = "c" + strconv.Itoa(i+1)
	}
	res := claim.Result{
		Document: ctx.documentInfo(),
		Claims:   claims,
		Flags:    checkFlags(claims, subs),
	}
	res.Document.PrimaryPlace = ctx.primaryPlace(claims)
	if res.Claims == nil {
		res.Claims = []claim.Claim{}
	}
	if res.Flags == nil {
		res.Flags = []claim.Flag{}
	}
	return res
}

// analyseDocument runs the rule sets over the title's and the body's
// sentences, marking the body's headline lines (a text whose first line is
// its headline).
func analyseDocument(doc *document.Document, published time.Time, sc *scratch) []*analysed {
	var sents []*analysed
	if doc.Title.Norm != "" {
		sents = append(sents, analyse(&doc.Title, published, true, sc)...)
	}
	body := analyse(&doc.Body, published, false, sc)
	if doc.Title.Norm == "" && doc.Headline[1] > doc.Headline[0] {
		for _, s := range body {
			if s.start >= doc.Headline[0] && s.end <= doc.Headline[1]+1 {
				s.headline = true
			}
		}
	}
	return append(sents, body...)
}

// scratch is the memory one Check works in, pooled across documents:
// the tokens of every sentence, and the sentences.
type scratch struct {
	toks     []token
	sents    []analysed
	mentions []number.Mention // the sentences' number mentions, which their tokens point into
	spans    []sentence       // a text's sentences, before analysis
	places   []placeMention   // the sentences' place mentions
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// Bounds on the slabs kept for the next document: a huge one is left to
// the collector.
const (
	maxPooledTokens    = 1 << 16
	maxPooledSentences = 1 << 12
	maxPooledMentions  = 1 << 12
	maxPooledPlaces    = 1 << 12
)

// release returns sc to the pool. The sentences and mentions are cleared
// so that the pool does not keep the document's tokens, figures and places
// alive.
func (sc *scratch) release() {
	clear(sc.sents)
	sc.sents = sc.sents[:0]
	sc.toks = sc.toks[:0]
	sc.spans = sc.spans[:0]
	clear(sc.mentions)
	sc.mentions = sc.mentions[:0]
	clear(sc.places)
	sc.places = sc.places[:0]
	if cap(sc.toks) <= maxPooledTokens && cap(sc.sents) <= maxPooledSentences && cap(sc.spans) <= maxPooledSentences &&
		cap(sc.mentions) <= maxPooledMentions && cap(sc.places) <= maxPooledPlaces {
		scratches.Put(sc)
	}
}

// analyse segments a text and runs every rule set over each sentence. The
// sentences and their tokens are appended to sc's slabs.
func analyse(seg *document.Text, published time.Time, headline bool, sc *scratch) []*analysed {
	slab := &sc.toks
	if need := len(*slab) + len(seg.Norm)/5 + 16; cap(*slab) < need {
		// Room for the whole text at once: sentences already tokenized
		// keep the old slab.
		*slab = make([]token, 0, max(need, 2*cap(*slab)))
	}
	// The text lower-cased once, when that keeps offsets (all ASCII);
	// else each sentence is lower-cased on its own.
	lowered, _ := lowerIfASCII(seg.Norm)
	sc.spans = appendSentences(sc.spans[:0], seg.Norm)
	spans := sc.spans
	if need := len(sc.sents) + len(spans); cap(sc.sents) < need {
		// As for the tokens: the sentences already analysed keep the old
		// slab.
		sc.sents = make([]analysed, 0, max(need, 2*cap(sc.sents)))
	}
	from := len(sc.sents)
	sc.sents = sc.sents[:from+len(spans)]
	all := sc.sents[from:]
	out := make([]*analysed, 0, len(spans))
	for k, sp := range spans {
		text := seg.Norm[sp.start:sp.end]
		// A sentence's mentions stay where they are when a later
		// sentence's grow the slab: its tokens point into the old one.
		mfrom := len(sc.mentions)
		sc.mentions = number.AppendFind(sc.mentions, text)
		mentions := sc.mentions[mfrom:len(sc.mentions):len(sc.mentions)]
		from := len(*slab)
		if lowered != "" {
			*slab = appendLowered(*slab, text, lowered[sp.start:sp.end], mentions)
		} else {
			*slab = appendTokens(*slab, text, mentions)
		}
		toks := (*slab)[from:len(*slab):len(*slab)]
		// The attribution rules key their words as lower-cased here, when
		// it was: they need not copy the sentence to do it.
		lower := ""
		if lowered != "" {
			lower = lowered[sp.start:sp.end]
		}
		// The places come from a slab too, most sentences having one or
		// none: a slice of their own would grow at every mention. Capped,
		// a sentence's places are copied when a later rule appends one.
		pfrom := len(sc.places)
		sc.places = appendPlaces(sc.places, toks)
		var places []placeMention
		if len(sc.places) > pfrom {
			places = sc.places[pfrom:len(sc.places):len(sc.places)]
		}
		s := &all[k]
		tables, cue := wordTablesOf(toks)
		*s = analysed{
			sentence: sp,
			seg:      seg,
			text:     text,
			headline: headline,
			toks:     toks,
			lower:    lower,
			places:   places,
			cue:      cue,
		}
		// Every figure and service has a word of its table, which most
		// sentences lack.
		if tables&triggers.bit != 0 {
			s.figures = figuresOf(text, toks)
		}
		if tables&serviceLx.bit != 0 {
			s.services = findServices(toks)
		}
		// Times and actors matter only where there is a figure to date and
		// blame; most sentences have none, and skipping them keeps check fast.
		if len(s.figures) > 0 || len(s.services) > 0 {
			s.times = timex.Find(text, published)
			// A claim's sentence always needs its speakers; parsed first,
			// its tokens serve FindActors too.
			s.attributions()
			s.actors = attrib.FindActorsLowered(text, lower)
		}
		s.places = s.dropNamedParties(s.places)
		out = append(out, s)
	}
	return out
}

// dropNamedParties removes place mentions that are the names of speakers or
// actors ("according to the United Nations", "by the Syrian Arab Army").
//
// A place phrase with its head noun that only opens a party's phrase keeps
// its place: "the province of Idlib activists", "the city of Deir el-Zour
// Syrias SANA agency" are parties named after where they are.
func (s *analysed) dropNamedParties(places []placeMention) []placeMention {
	kept := places[:0]
	for _, m := range places {
		if m.anaphor || m.fullStart < m.nameStart && s.partyEnd(m.nameStart, m.nameEnd) > m.nameEnd ||
			!s.isSpeaker(m.nameStart, m.nameEnd) && !s.isActor(m.nameStart, m.nameEnd) {
			kept = append(kept, m)
		}
	}
	return kept
}

// partyEnd is where the last speaker or actor phrase overlapping
// [start, end) ends, or -1.
func (s *analysed) partyEnd(start, end int) int {
	at := -1
	for _, a := range s.attributions() {
		if start < a.End && a.Start < end {
			at = max(at, a.End)
		}
	}
	for _, a := range s.actors {
		if start < a.End && a.Start < end {
			at = max(at, a.End)
		}
	}
	return at
}

func (s *analysed) isActor(start, end int) bool {
	for _, a := range s.actors {
		if start < a.End && a.Start < end {
			return true
		}
	}
	return false
}

func placeText(p *claim.Place) string {
	if p == nil {
		return ""
	}
	return p.Text
}

// wordTablesOf is the tables with a phrase starting at some word of toks
// (one bit each, as wordInfo.tables), and whether a word is a cue of the
// attribution rules: looked up in one pass, the rule sets that would scan
// a sentence for a word of theirs can skip it at once.
func wordTablesOf(toks []token) (tables uint16, cue bool) {
	flags := wordFlags
	var m uint32
	for i := range toks {
		t := &toks[i]
		// Words only, without a branch: tokens of each kind come in any
		// order.
		m |= flags[t.wid] & wordOnly[t.kind&3]
	}
	return uint16(m), m&cueFlag != 0
}

// wordFlags is, by word number, the word's tables and cueFlag: what
// wordTablesOf reads of lexWords, four bytes a word. It is made once
// every word is numbered (see lexicon.go's init).
var wordFlags []uint32

const cueFlag = 1 << 16

// wordOnly keeps a token's flags for words (see wordTablesOf).
var wordOnly = [4]uint32{tokWord: ^uint32(0)}
