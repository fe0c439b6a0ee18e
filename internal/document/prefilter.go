package document

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
)

//go:generate go test -run ^TestFurniturePrefilters$ -update

// A prefilter is a cheap test that a furniture pattern cannot match: the
// literal text every match starts with, and literal text every match
// contains, worked out from the pattern's syntax tree (prefilter_analyse.go,
// furniture_prefilters.go). Most texts carry no furniture of a given kind
// ("Get short URL", "Reporting by", "(Reuters)"), so most patterns are
// never compiled, let alone run. A prefilter may let through text the
// pattern does not match, never the reverse.
type prefilter struct {
	start  []prefix // every match starts with one of these; nil: no telling
	inside []prefix // every match contains one of these; nil: no telling
	ends   string   // the bytes a match can end with; "": no telling
	scan   []anchor // inside, by the byte to look for first
	// start, by the byte to look for first
	startScan []anchor
	last      *[256]bool
	grams     [][]gramPair // of each inside literal
	opens     *[256]bool   // the first bytes of start; nil: no telling
	// start by the text's first byte: byFirst[byFirstAt[c]:byFirstAt[c+1]]
	// are the prefixes that can match a text opening with c (when opens
	// is not nil). A lead rule's start can have a hundred forms
	// ("{DATE}"), and a text opening with a capital passes opens for most
	// rules.
	byFirstAt *[257]uint16
	byFirst   []prefix
}

// prefix is literal text a match starts with or contains. A fold prefix
// matches in any case, as Unicode simple folding does (so "s" also matches
// "ſ", U+017F, and "k" the Kelvin sign, U+212A); fold prefixes are ASCII.
type prefix struct {
	s     string
	fold  bool
	exact bool // while analysing: s is the whole match, so what follows extends it
}

// anchor is a byte that literals contain: the search jumps from one
// occurrence of it to the next (bytes.IndexByte) and only there compares
// the literals, each of which has the byte at offset at.
type anchor struct {
	b     byte
	lits  []anchored
	maxAt int // the largest at of lits
}

type anchored struct {
	prefix
	at int
}

// commonBytes ranks bytes by how often they occur in news text, most
// common first (counted on English wire copy); a byte not listed is rarer
// than all of them. The rarest byte of a literal is the cheapest to look
// for.
const commonBytes = " eaitrnoslhdcumpygfbwvkS.,A01-T\"2IRDMFH6453OCqNz9Uj/7x8KPBWLEJ\r\nG)(QZYV:"

// ready works out the search plans for f.inside, f.start and f.ends.
func (f *prefilter) ready() {
	f.last = nil
	if f.ends != "" {
		f.last = new([256]bool)
		for i := 0; i < len(f.ends); i++ {
			f.last[f.ends[i]] = true
		}
	}
	f.scan = plan(f.inside)
	f.startScan = plan(f.start)
	f.opens = nil
	if f.start != nil {
		f.opens = new([256]bool)
		for _, p := range f.start {
			if p.s == "" {
				f.opens = nil // opens with anything
				break
			}
			for _, c := range firstForms(p) {
				f.opens[c] = true
			}
		}
	}
	f.byFirstAt, f.byFirst = nil, nil
	if f.opens != nil {
		var lists [256][]prefix
		for _, p := range f.start {
			for _, c := range firstForms(p) {
				lists[c] = append(lists[c], p)
			}
		}
		f.byFirstAt = new([257]uint16)
		for c := range 256 {
			f.byFirst = append(f.byFirst, lists[c]...)
			f.byFirstAt[c+1] = uint16(min(len(f.byFirst), math.MaxUint16))
		}
		if len(f.byFirst) >= math.MaxUint16 {
			f.byFirstAt, f.byFirst = nil, nil // too many to index: look at them all
		}
	}
	f.grams = nil
	for _, p := range f.inside {
		f.grams = append(f.grams, literalGrams(p))
	}
}

// A gramSet records which pairs of adjacent bytes a text holds. Pairs are
// the cheapest test of all: the text is read once for every rule, and a
// literal one of whose pairs is missing is in no window of the text, nor
// in the text once furniture is blanked.
type gramSet [1 << 16 / 64]uint64

func gramOf(a, b byte) uint16 { return uint16(a)<<8 | uint16(b) }

// fill records the pairs of b.
func (g *gramSet) fill(b []byte) {
	clear(g[:])
	if len(b) == 0 {
		return
	}
	// Seven pairs from each eight bytes, read in one load: a byte at a
	// time this loop cost as much as every rule it lets skip.
	i := 0
	for ; i+8 <= len(b); i += 7 {
		x := binary.BigEndian.Uint64(b[i : i+8]) // b[i] in the top byte, as gramOf has it
		g.add(uint16(x >> 48))
		g.add(uint16(x >> 40))
		g.add(uint16(x >> 32))
		g.add(uint16(x >> 24))
		g.add(uint16(x >> 16))
		g.add(uint16(x >> 8))
		g.add(uint16(x))
	}
	for ; i+1 < len(b); i++ {
		g.add(gramOf(b[i], b[i+1]))
	}
}

func (g *gramSet) add(h uint16) { g[h>>6] |= 1 << (h & 63) }

func (g *gramSet) has(h uint16) bool { return g[h>>6]&(1<<(h&63)) != 0 }

// gramPair is a pair of adjacent bytes of a literal, in each case that a
// case-blind literal may take.
type gramPair struct {
	alts [4]uint16
	n    int
}

// literalGrams returns the pairs of p. A case-blind s or k may be "ſ" or
// the Kelvin sign in the text: pairs with them are left out.
func literalGrams(p prefix) []gramPair {
	var out []gramPair
	for i := 1; i < len(p.s); i++ {
		a, b := p.s[i-1], p.s[i]
		if !p.fold {
			out = append(out, gramPair{alts: [4]uint16{gramOf(a, b)}, n: 1})
			continue
		}
		if a|0x20 == 's' || a|0x20 == 'k' || b|0x20 == 's' || b|0x20 == 'k' {
			continue
		}
		var gp gramPair
		for _, x := range caseForms(a) {
			for _, y := range caseForms(b) {
				gp.alts[gp.n] = gramOf(x, y)
				gp.n++
			}
		}
		out = append(out, gp)
	}
	return out
}

// caseForms is c in either case when it is an ASCII letter.
// firstForms is the first bytes of the texts p can open: what opens
// holds for it.
func firstForms(p prefix) []byte {
	c := p.s[0]
	if !p.fold {
		return []byte{c}
	}
	forms := caseForms(c)
	switch c | 0x20 {
	case 's':
		forms = append(forms, "\u017F"[0])
	case 'k':
		forms = append(forms, "\u212A"[0])
	}
	return forms
}

func caseForms(c byte) []byte {
	if l := c | 0x20; 'a' <= l && l <= 'z' {
		return []byte{l, l &^ 0x20}
	}
	return []byte{c}
}

// mayHold reports whether the text of g may hold one of f.inside; with g
// nil, it may.
func (f *prefilter) mayHold(g *gramSet) bool {
	if f.inside == nil || g == nil {
		return true
	}
literals:
	for _, lit := range f.grams {
		for _, gp := range lit {
			found := false
			for _, h := range gp.alts[:gp.n] {
				if g.has(h) {
					found = true
					break
				}
			}
			if !found {
				continue literals
			}
		}
		return true
	}
	return false
}

// plan is the search plan for literals: each under its rarest byte.
func plan(ps []prefix) []anchor {
	var scan []anchor
	for _, p := range ps {
		if p.fold {
			scan = anchorFold(scan, p)
			continue
		}
		at, rank := 0, -1
		for i := 0; i < len(p.s); i++ {
			if r := byteRank(p.s[i]); r > rank {
				at, rank = i, r
			}
		}
		scan = addAnchor(scan, p.s[at], anchored{p, at})
	}
	return scan
}

// byteRank is how rare c is in news text: the higher the rarer.
func byteRank(c byte) int {
	if r := strings.IndexByte(commonBytes, c); r >= 0 {
		return r
	}
	return len(commonBytes)
}

// anchorFold plans the search for a case-blind literal: its rarest letter
// in either case. Only "ſ" and the Kelvin sign fold to a letter of another
// length, so the anchor comes before any s or k, and is not one, which
// keeps its offset exact.
func anchorFold(scan []anchor, p prefix) []anchor {
	at, rank := 0, -1
	for i := 0; i < len(p.s); i++ {
		c := p.s[i] | 0x20
		if c == 's' || c == 'k' {
			break
		}
		r := byteRank(p.s[i])
		if 'a' <= c && c <= 'z' {
			r = min(byteRank(c), byteRank(c&^0x20))
		}
		if r > rank {
			at, rank = i, r
		}
	}
	if rank < 0 {
		// It opens with s or k: look for every form of that letter.
		for _, b := range []byte{p.s[0] | 0x20, p.s[0] &^ 0x20, "\u017F"[0], "\u212A"[0]} {
			scan = addAnchor(scan, b, anchored{p, 0})
		}
		return scan
	}
	c := p.s[at]
	if l := c | 0x20; 'a' <= l && l <= 'z' {
		scan = addAnchor(scan, l, anchored{p, at})
		return addAnchor(scan, l&^0x20, anchored{p, at})
	}
	return addAnchor(scan, c, anchored{p, at})
}

func addAnchor(scan []anchor, b byte, l anchored) []anchor {
	for i := range scan {
		if scan[i].b == b {
			scan[i].lits = append(scan[i].lits, l)
			scan[i].maxAt = max(scan[i].maxAt, l.at)
			return scan
		}
	}
	return append(scan, anchor{b: b, lits: []anchored{l}, maxAt: l.at})
}

// atStart reports whether a match may start at the start of b and lie
// within b.
func (f *prefilter) atStart(b []byte) bool {
	return f.startsAt(b) && f.within(b)
}

// startsAt reports whether a match may start at the start of b.
func (f *prefilter) startsAt(b []byte) bool {
	if f.start != nil {
		if f.opens != nil && (len(b) == 0 || !f.opens[b[0]]) {
			return false
		}
		start := f.start
		if f.byFirstAt != nil {
			start = f.byFirst[f.byFirstAt[b[0]]:f.byFirstAt[int(b[0])+1]]
		}
		found := false
		for _, p := range start {
			if p.fold && hasPrefixFold(b, p.s) || !p.fold && bytes.HasPrefix(b, []byte(p.s)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// endsWith reports whether a match may end with byte c.
func (f *prefilter) endsWith(c byte) bool {
	return f.last == nil || f.last[c]
}

// within reports whether b may contain a match.
func (f *prefilter) within(b []byte) bool {
	if f.inside == nil {
		return true
	}
	for _, a := range f.scan {
		for from := 0; from < len(b); {
			i := bytes.IndexByte(b[from:], a.b)
			if i < 0 {
				break
			}
			i += from
			for _, l := range a.lits {
				if s := i - l.at; s >= 0 {
					if l.fold && hasPrefixFold(b[s:], l.s) || !l.fold && bytes.HasPrefix(b[s:], []byte(l.s)) {
						return true
					}
				}
			}
			from = i + 1
		}
	}
	return false
}

// firstStart returns the first place in b where a match may start: where
// one of f.start first occurs; -1 for none. f.start must not be nil.
func (f *prefilter) firstStart(b []byte) int {
	first := -1
	for _, a := range f.startScan {
		for from := 0; from < len(b); {
			i := bytes.IndexByte(b[from:], a.b)
			if i < 0 {
				break
			}
			i += from
			if first >= 0 && i-a.maxAt > first {
				break // nothing under this byte starts sooner
			}
			for _, l := range a.lits {
				if s := i - l.at; s >= 0 && (first < 0 || s < first) {
					if l.fold && hasPrefixFold(b[s:], l.s) || !l.fold && bytes.HasPrefix(b[s:], []byte(l.s)) {
						first = s
					}
				}
			}
			from = i + 1
		}
	}
	return first
}

// hasPrefixFold reports whether b starts with s (ASCII) in any case, under
// Unicode simple folding: "ſ" is an s and the Kelvin sign a k.
func hasPrefixFold(b []byte, s string) bool {
	j := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if j >= len(b) {
			return false
		}
		d := b[j]
		if d == c || ('a' <= c|0x20 && c|0x20 <= 'z' && d|0x20 == c|0x20) {
			j++
			continue
		}
		switch c | 0x20 {
		case 's':
			if bytes.HasPrefix(b[j:], []byte("\u017F")) {
				j += len("\u017F")
				continue
			}
		case 'k':
			if bytes.HasPrefix(b[j:], []byte("\u212A")) {
				j += len("\u212A")
				continue
			}
		}
		return false
	}
	return true
}
