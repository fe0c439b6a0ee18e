package document

import (
	"sort"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is document text as read plus a normalised view for the rule sets.
//
// The rule sets match against Norm, where typographic variants are folded
// (curly quotes, dashes, Unicode spaces, Arabic-Indic digits, NFC) and page
// furniture is blanked out; results must point into Raw, the text exactly as
// read, so every Norm offset maps back through RawOffset and RawSpan.
type Text struct {
	Raw  string // exactly as read; result offsets point here
	Norm string // normalised view; offsets map back with RawOffset

	// cps is the sparse offset map Norm→Raw: the sorted points where the
	// two texts stop advancing byte for byte. Nil means they always do
	// (ASCII text, or only one-byte-for-one-byte replacements), which keeps
	// the common case free of any map.
	cps []checkpoint
}

// checkpoint starts a stretch of Norm at byte norm that comes from Raw at
// byte raw. In an ident stretch Norm and Raw advance together byte for
// byte; a non-ident stretch is one replacement unit (a folded rune, an NFC
// segment) that maps as a whole to Raw[raw:next.raw], where next is the
// checkpoint that follows (always an ident one).
type checkpoint struct {
	norm, raw int
	ident     bool
}

// NewText normalises raw. It never fails: invalid UTF-8 becomes spaces in
// Norm (one per byte) and stays untouched in Raw.
func NewText(raw string) Text {
	if plainASCII(raw) {
		return Text{Raw: raw, Norm: raw}
	}
	b := builder{raw: raw, out: make([]byte, 0, len(raw)+8)}
	b.build()
	return Text{Raw: raw, Norm: string(b.out), cps: b.cps}
}

// plainASCII reports whether s is ASCII without control characters other
// than ordinary whitespace: such text is its own normal form.
func plainASCII(s string) bool {
	i := 0
	// Eight bytes at a time: a byte with its top bit set, below 0x20 or
	// 0x7f sets a top bit in the sum (never the reverse: false alarms
	// only), and the bytes are then looked at one by one.
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		// Sliced to eight first, the bytes are read in one load.
		b := s[i : i+8]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		if (w|(w-0x20*ones)|((w^0x7f*ones)-ones))&tops != 0 && !plainASCIIBytes(s[i:i+8]) {
			return false
		}
	}
	return plainASCIIBytes(s[i:])
}

// plainASCIIBytes is plainASCII a byte at a time.
func plainASCIIBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < 0x20 && !asciiSpace(c)) || c == 0x7f {
			return false
		}
	}
	return true
}

func asciiSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// builder produces Norm and the checkpoints in one pass over Raw.
type builder struct {
	raw string
	out []byte
	cps []checkpoint
}

func (b *builder) build() {
	raw := b.raw
	bad := -1 // the next invalid byte at or after i; found lazily, kept while ahead
	for i := 0; i < len(raw); {
		if bad < i {
			bad = firstInvalid(raw, i)
		}
		if i == bad {
			b.out = append(b.out, ' ')
			i++
			continue
		}
		// The normaliser only ever sees valid UTF-8 (stretches between
		// invalid bytes), so that an invalid byte separates text the
		// same way whether a stretch is normalised alone or in context.
		//
		// Text that is already NFC only needs the rune table; QuickSpan
		// finds the longest such stretch cheaply.
		if n := norm.NFC.QuickSpanString(raw[i:bad]); n > 0 {
			b.scan(i, i+n)
			i += n
			continue
		}
		// One normalisation segment (a starter and what combines with
		// it): NFC it as a unit, since composition may merge or reorder
		// its runes and no finer mapping exists.
		m := norm.NFC.NextBoundaryInString(raw[i:bad], true)
		if m <= 0 {
			_, m = utf8.DecodeRuneInString(raw[i:bad])
		}
		seg := raw[i : i+m]
		if out := norm.NFC.String(seg); out != seg {
			b.unit(i, i+m, foldString(out))
		} else {
			b.scan(i, i+m)
		}
		i += m
	}
}

// firstInvalid returns the index of the first byte at or after i that does
// not start a valid UTF-8 sequence, or len(s).
func firstInvalid(s string, i int) int {
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(s)
}

// scan copies Raw[start:end], which is NFC already, folding runes from the
// rune table and replacing invalid bytes and control characters with spaces.
func (b *builder) scan(start, end int) {
	raw := b.raw
	run := start // start of the pending stretch copied as is
	for i := start; i < end; {
		c := raw[i]
		if c < utf8.RuneSelf {
			if (c >= 0x20 && c != 0x7f) || asciiSpace(c) {
				i++
				continue
			}
			b.out = append(b.out, raw[run:i]...)
			b.out = append(b.out, ' ')
			i++
			run = i
			continue
		}
		r, size := utf8.DecodeRuneInString(raw[i:end])
		if r == utf8.RuneError && size <= 1 {
			b.out = append(b.out, raw[run:i]...)
			b.out = append(b.out, ' ')
			i++
			run = i
			continue
		}
		repl, ok := foldRune(r)
		if !ok {
			i += size
			continue
		}
		b.out = append(b.out, raw[run:i]...)
		b.unit(i, i+size, repl)
		i += size
		run = i
	}
	b.out = append(b.out, raw[run:end]...)
}

// unit emits repl for Raw[rs:re] and records how the two map.
func (b *builder) unit(rs, re int, repl string) {
	switch {
	case repl == b.raw[rs:re] || (len(repl) == 1 && re-rs == 1):
		// Same bytes, or one byte for one byte: the mapping does not
		// change, so no checkpoint is needed.
		b.out = append(b.out, repl...)
		return
	case repl == "":
		// Deleted (zero-width characters): Norm does not advance.
		b.ident(len(b.out), re)
		return
	}
	b.cps = append(b.cps, checkpoint{norm: len(b.out), raw: rs})
	b.out = append(b.out, repl...)
	b.ident(len(b.out), re)
}

// ident starts an ident stretch at Norm n, Raw r.
func (b *builder) ident(n, r int) {
	if k := len(b.cps); k > 0 {
		last := &b.cps[k-1]
		// A zero-length ident stretch is useless unless it ends a
		// replacement unit (then it tells where that unit ends in Raw).
		if last.ident && last.norm == n && (k == 1 || b.cps[k-2].ident) {
			last.raw = r
			return
		}
	}
	b.cps = append(b.cps, checkpoint{norm: n, raw: r, ident: true})
}

// RawOffset maps a byte offset in Norm to the offset in Raw. It is
// monotonic; an offset at a rune boundary maps to the start of the Raw text
// that rune came from, an offset inside a replacement (one of the three
// dots of a folded "…") maps to the start of the replaced text, and
// len(Norm) maps to len(Raw). Out-of-range offsets are clamped.
func (t *Text) RawOffset(n int) int {
	if n >= len(t.Norm) {
		return len(t.Raw)
	}
	if n < 0 {
		n = 0
	}
	r := n
	if t.cps != nil {
		i := sort.Search(len(t.cps), func(i int) bool { return t.cps[i].norm > n }) - 1
		if i >= 0 {
			c := t.cps[i]
			if c.ident {
				r = c.raw + n - c.norm
			} else {
				r = c.raw
			}
		}
	}
	return t.runeStart(r)
}

// rawEnd maps an exclusive end offset in Norm to Raw: the end of the Raw
// text that the byte before it came from. Unlike RawOffset it does not
// swallow text deleted in Norm (a zero-width space) after the span.
func (t *Text) rawEnd(n int) int {
	if n > len(t.Norm) {
		n = len(t.Norm)
	}
	if n <= 0 {
		return t.RawOffset(0)
	}
	r := n
	if t.cps != nil {
		i := sort.Search(len(t.cps), func(i int) bool { return t.cps[i].norm > n-1 }) - 1
		if i >= 0 {
			c := t.cps[i]
			if c.ident {
				r = c.raw + n - c.norm
			} else {
				r = t.cps[i+1].raw // a unit is always followed by an ident checkpoint
			}
		}
	}
	if r > len(t.Raw) {
		r = len(t.Raw)
	}
	return t.runeEnd(r)
}

// RawSpan maps the Norm span [start, end) to the smallest Raw span that
// holds everything it came from, so Raw[a:b] is always a valid slice and
// never cuts a rune in two.
func (t *Text) RawSpan(start, end int) (int, int) {
	if start < 0 {
		start = 0
	}
	if end > len(t.Norm) {
		end = len(t.Norm)
	}
	a := t.RawOffset(start)
	if end <= start {
		return a, a
	}
	b := t.rawEnd(end)
	if b < a {
		b = a
	}
	return a, b
}

// runeStart moves r back to the start of the Raw rune it falls inside. Only
// blanked furniture can make a Norm rune boundary land inside a Raw rune
// (a blanked "—" is three spaces), but quotes must stay valid UTF-8.
func (t *Text) runeStart(r int) int {
	if r <= 0 || r >= len(t.Raw) || utf8.RuneStart(t.Raw[r]) {
		return r
	}
	for s := r - 1; s >= 0 && s >= r-utf8.UTFMax+1; s-- {
		if utf8.RuneStart(t.Raw[s]) {
			if c, size := utf8.DecodeRuneInString(t.Raw[s:]); !(c == utf8.RuneError && size <= 1) && s+size > r {
				return s
			}
			break
		}
	}
	return r
}

// runeEnd moves r forward to the end of the Raw rune it falls inside.
func (t *Text) runeEnd(r int) int {
	s := t.runeStart(r)
	if s == r {
		return r
	}
	_, size := utf8.DecodeRuneInString(t.Raw[s:])
	return s + size
}

// Blank replaces Norm[start:end] with spaces of the same length, so that
// page furniture drops out of what the rule sets see without moving any
// offset. The span is widened to whole runes; line breaks are kept so that
// paragraph structure survives.
func (t *Text) Blank(start, end int) {
	start, end = t.widen(start, end)
	if start >= end {
		return
	}
	b := []byte(t.Norm)
	blankBytes(b, start, end)
	t.Norm = string(b)
}

// widen clamps [start, end) to Norm and extends it to rune boundaries.
func (t *Text) widen(start, end int) (int, int) {
	return widenBytes(t.Norm, start, end)
}

// widenBytes clamps [start, end) to s and extends it to rune boundaries.
func widenBytes[S string | []byte](s S, start, end int) (int, int) {
	if start < 0 {
		start = 0
	}
	if end > len(s) {
		end = len(s)
	}
	if start >= end {
		return start, start
	}
	for k := 0; k < utf8.UTFMax-1 && start > 0 && !utf8.RuneStart(s[start]); k++ {
		start--
	}
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	return start, end
}

func blankBytes(b []byte, start, end int) {
	for i := start; i < end; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}
