package attrib

import (
	"slices"

	"github.com/tallyhq/tally/internal/claim"
)

// ActorMention is one actor named in a sentence. A phrase naming two
// actors ("Syrian and Russian warplanes") gives two mentions with the same
// span.
type ActorMention struct {
	Span
	Actor claim.Actor // Text is the span's text
}

// sideFillers may stand between a side and its means: "Syrian and Russian
// warplanes", "Russian fighter jets", "government heavy artillery".
var sideFillers = []string{
	"and", "or", "fighter", "war", "heavy", "special",
	"ground", "armed", "regular", "elite", "allied",
	"combat", "attack", "cruise", "ballistic",
}

// notSideTails after a hyphen turn a side into a modifier of someone else:
// "Russian-backed", "Turkish-made", "US-based".
var notSideTails = []string{
	"backed", "based", "made", "allied", "supported",
	"sponsored", "funded", "trained", "armed", "held",
	"controlled", "brokered", "owned",
}

// FindActors returns the actor mentions in a sentence by name: "warplanes
// of the US-led coalition" → "US-led coalition", "by regime forces" →
// "regime forces", "Russian airstrikes", "ISIS militants". Spans exclude a
// leading "the"; each span is returned once.
func FindActors(sentence string) []Span {
	return FindActorsLowered(sentence, "")
}

// FindActorsLowered is FindActors given the sentence lower-cased as
// FindLowered takes it.
func FindActorsLowered(sentence, lowered string) []Span {
	p := getParser(sentence, lowered)
	defer putParser(p)
	// The mentions are scratch, kept in the parser for the next sentence:
	// only their distinct spans are returned.
	ms := p.actorMentions(p.ms[:0])
	defer func() { clear(ms); p.ms = ms[:0] }()
	n := 0
	for k := range ms {
		if k == 0 || ms[k-1].Start != ms[k].Start || ms[k-1].End != ms[k].End {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Span, 0, n)
	for _, m := range ms {
		if n := len(out); n > 0 && out[n-1].Start == m.Start && out[n-1].End == m.End {
			continue
		}
		out = append(out, m.Span)
	}
	return out
}

// FindActorMentions is FindActors with each mention normalised.
func FindActorMentions(sentence string) []ActorMention {
	p := getParser(sentence, "")
	defer putParser(p)
	return p.actorMentions(nil)
}

// actorMentions appends the actor mentions of the parser's sentence to out.
func (p *parser) actorMentions(out []ActorMention) []ActorMention {
	t, sentence := p.t, p.s
	span := func(s, e int) Span {
		a, b := t[s].start, t[e-1].end
		return Span{Start: a, End: b, Text: sentence[a:b]}
	}
	for i := 0; i < len(t); {
		if !lex.act.root.mayStart(&t[i]) {
			i++
			continue
		}
		e, end := lex.act.longest(t, i)
		if e == nil || (e.name == "" && e.side == "" && !e.block) {
			i++
			continue
		}
		if e.block {
			i = end
			continue
		}
		// A hyphenated "Russian-backed" or "pro-Turkey" names no actor of its own.
		if end < len(t) && t[end].hyph && t[end].is(cNotSideTail) {
			i = end + 1
			continue
		}
		if i > 0 && t[i].hyph && (t[i-1].key == "pro" || t[i-1].key == "anti") && e.name == "" {
			i = end
			continue
		}
		// Sides: collect "Syrian and Russian" up to a means word.
		if e.side != "" {
			if ms, next, ok := sideMentions(t, i, span, out); ok {
				out = ms
				i = next
				continue
			}
		}
		if e.name == "" {
			i = end
			continue
		}
		// A name, extended over its head ("ISIS militants", "regime warplanes").
		j := end
		for j < len(t) {
			f, fend := lex.act.longest(t, j)
			if f == nil || (!f.follow && f.means == 0) || f.name != "" && f.means == 0 {
				break
			}
			j = fend
		}
		sp := span(i, j)
		out = append(out, ActorMention{Span: sp, Actor: claim.Actor{Text: sp.Text, Name: e.name}})
		i = j
	}
	return out
}

// sideMentions reads sides, fillers and a means word from token i:
// "Syrian and Russian warplanes" → Syrian government forces, Russian Air
// Force. It appends their mentions to out and returns the token after the
// phrase.
func sideMentions(t []tok, i int, span func(s, e int) Span, out []ActorMention) ([]ActorMention, int, bool) {
	type side struct{ ground, air string }
	// A side is at least one token of the eight read.
	var buf [8]side
	sides := buf[:0]
	j := i
	meansEnd, means := -1, byte(0)
	for j < len(t) && j-i < 8 {
		e, end := lex.act.longest(t, j)
		switch {
		case e != nil && e.means != 0 && len(sides) > 0:
			meansEnd, means = end, e.means
			j = end
			// "air strikes": keep the last of adjacent means words.
			for j < len(t) {
				f, fend := lex.act.longest(t, j)
				if f == nil || f.means == 0 {
					break
				}
				if f.means != 'x' {
					means = f.means
				}
				meansEnd, j = fend, fend
			}
		case e != nil && e.side != "" && meansEnd < 0:
			if end < len(t) && t[end].hyph && t[end].is(cNotSideTail) {
				return out, 0, false
			}
			sides = append(sides, side{e.side, e.sideAir})
			j = end
			continue
		case e == nil && meansEnd < 0 && t[j].word() && t[j].is(cSideFiller):
			j++
			continue
		case e != nil && e.name != "" && meansEnd < 0 && len(sides) > 0:
			return out, 0, false // "Syrian rebels": the name decides
		}
		break
	}
	if meansEnd < 0 {
		return out, 0, false
	}
	sp := span(i, meansEnd)
	from := len(out)
	for _, s := range sides {
		name := s.ground
		if means == 'a' && s.air != "" {
			name = s.air
		}
		// Each side once: "Syrian and Syrian" is rare, and the phrase has
		// few sides.
		if slices.ContainsFunc(out[from:], func(m ActorMention) bool { return m.Actor.Name == name }) {
			continue
		}
		out = append(out, ActorMention{Span: sp, Actor: claim.Actor{Text: sp.Text, Name: name}})
	}
	return out, meansEnd, true
}

// NormalizeActor maps a perpetrator phrase ("the US-led coalition",
// "regime forces", "Assad's forces", "Russian warplanes", "Daesh", "the
// Syrian army", "Turkish artillery", "Kurdish YPG") to a canonical name.
// Actor.Text is the phrase as given. A phrase naming two actors gives the
// first. ok is false when the phrase names no actor.
func NormalizeActor(phrase string) (claim.Actor, bool) {
	p := getParser(phrase, "")
	defer putParser(p)
	ms := p.actorMentions(p.ms[:0])
	defer func() { clear(ms); p.ms = ms[:0] }()
	if len(ms) == 0 {
		return claim.Actor{Text: phrase}, false
	}
	return claim.Actor{Text: phrase, Name: ms[0].Actor.Name}, true
}
