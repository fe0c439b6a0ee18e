package extract

import (
	"github.com/tallyhq/tally/internal/claim"
	"github.com/tallyhq/tally/internal/extract/attrib"
)

// A sentence may hold two statements by two speakers: "State media said 12
// people died, but the Observatory said 20 were killed"; "9 were killed,
// the White Helmets said, while the monitor put the toll at 11". Such a
// sentence is cut into clauses, and a figure goes to the speaker of its
// own clause. Everything else keeps the sentence's speaker.

// clauseConjs open a new clause after a comma, or before a speaker:
// ", while the monitor put the toll at", "but the Observatory said".
var clauseConjs = map[string]bool{
	"while": true, "but": true, "whereas": true, "although": true, "though": true, "yet": true,
}

// clauseSpeaker is a stretch [start, end) of a sentence whose figures go to
// src; src nil means the sentence's speaker.
type clauseSpeaker struct {
	start, end int
	src        *claim.Source
}

// clauseSpeakers cuts a sentence with statements by more than one speaker
// into clauses and finds each clause's speaker. It returns nil when the
// sentence has fewer than two distinct speakers, or when no clause has
// exactly one. Carry-overs ("the monitor put the toll at") are resolved
// against history, the speakers before the sentence, and last, the latest
// of them; "he said" and its like, which could mean either speaker of the
// sentence, count for none.
func clauseSpeakers(s *analysed, history []*claim.Source, last *claim.Source) []clauseSpeaker {
	if len(s.attributions()) < 2 {
		return nil
	}
	var buf [8]*claim.Source // most sentences name two or three speakers
	srcs := buf[:0]
	if len(s.attributions()) > len(buf) {
		srcs = make([]*claim.Source, 0, len(s.attributions()))
	}
	srcs = srcs[:len(s.attributions())]
	var first *claim.Source
	distinct := false
	for k, a := range s.attributions() {
		var src *claim.Source
		switch {
		case !attrib.IsCarryOver(a):
			src = &s.attributions()[k].Source
			if last != nil && src.Name != last.Name && len(src.Text) < len(last.Text) && shortFormOf(src.Text, last.Text) {
				src = last
			}
		case s.headline || a.Source.Type == "" || a.Source.Type == claim.Unknown:
			continue
		default:
			src = resolveCarryOver(a, history, last)
		}
		srcs[k] = src
		if first == nil {
			first = src
		} else if src.Name != first.Name {
			distinct = true
		}
	}
	if !distinct {
		return nil
	}
	// The clause boundaries: a semicolon, a conjunction after a comma, and
	// a conjunction or "and" just before a speaker's phrase.
	var cutBuf [8]int
	cuts := cutBuf[:0]
	for i, t := range s.toks {
		switch {
		case t.kind == tokPunct && t.lower == ";":
			cuts = append(cuts, t.end)
		case t.kind == tokWord && (clauseConjs[t.lower] || t.lower == "and") && i+1 < len(s.toks):
			comma := i > 0 && s.toks[i-1].kind == tokPunct && s.toks[i-1].lower == ","
			// Coordinated speakers ("hospitals and rescuers have
			// documented") open no clause: "and" right after a speaker's
			// phrase does not cut.
			if t.lower == "and" && i > 0 && s.speakerEndsAt(s.toks[i-1].end) {
				continue
			}
			if comma && t.lower != "and" || s.speakerOpensAt(srcs, s.toks[i+1].start) {
				cuts = append(cuts, t.end)
			}
		}
	}
	if len(cuts) == 0 {
		return nil
	}
	out := make([]clauseSpeaker, 0, len(cuts)+1)
	start := 0
	useful := false
	for k := 0; k <= len(cuts); k++ {
		end := len(s.text)
		if k < len(cuts) {
			end = cuts[k]
		}
		var src *claim.Source
		one := true
		for j, a := range s.attributions() {
			if srcs[j] == nil || a.CueAt < start || a.CueAt >= end {
				continue
			}
			if src != nil && src.Name != srcs[j].Name {
				one = false
			}
			src = srcs[j]
		}
		if !one {
			src = nil
		}
		if src != nil {
			useful = true
		}
		out = append(out, clauseSpeaker{start: start, end: end, src: src})
		start = end
	}
	if !useful {
		return nil
	}
	return out
}

// speakerOpensAt reports whether a resolved speaker's phrase, or its
// "according to", begins at offset at.
func (s *analysed) speakerOpensAt(srcs []*claim.Source, at int) bool {
	for k, a := range s.attributions() {
		if srcs[k] != nil && min(a.Start, a.CueAt) == at {
			return true
		}
	}
	return false
}

// speakerEndsAt reports whether a speaker's phrase ends at offset at.
func (s *analysed) speakerEndsAt(at int) bool {
	for _, a := range s.attributions() {
		if a.End == at {
			return true
		}
	}
	return false
}

// clauseSource is the speaker of the clause the offset at lies in, or nil.
func clauseSource(cs []clauseSpeaker, at int) *claim.Source {
	for _, c := range cs {
		if at >= c.start && at < c.end {
			return c.src
		}
	}
	return nil
}
