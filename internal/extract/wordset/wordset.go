// Package wordset owns the fixed word tables the extraction rules look
// words up in, once per token or name: a word's number without allocating, most
// in one probe of a table that holds each word's bytes beside its number.
package wordset

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Set numbers a fixed list of words 1..n. The zero Set knows no word.
type Set struct {
	keys  []string // by number - 1
	slots []slot   // open addressing over hash, at most a quarter full
	shift uint     // hash >> shift is a slot: 64 - log2(len(slots))
}

// slot holds a key's print, its length and two words of its bytes (see
// load), beside its number (0 for an empty slot): for a word of up to 16
// bytes, equal prints mean equal words, so a lookup reads one slot, not a
// slot and then the key. Most words of a text are in no set, or found at
// the first slot: a bit set of the words' shapes in front of the table cost
// more than the probe it saved.
type slot struct {
	a, b uint64
	n    uint32
	id   uint32
}

// New numbers keys: keys[i] is number i+1. The keys are distinct.
func New(keys []string) *Set {
	s := &Set{keys: keys}
	bits := uint(1)
	for 1<<bits < 4*len(keys) {
		bits++
	}
	s.slots = make([]slot, 1<<bits)
	s.shift = 64 - bits
	mask := uint64(len(s.slots) - 1)
	for n, k := range keys {
		a, b := load(k)
		i := hash(k, a, b) >> (s.shift & 63)
		for s.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = slot{a, b, uint32(len(k)), uint32(n) + 1}
	}
	return s
}

// ID is k's number, 0 when the set does not hold it.
func (s *Set) ID(k string) uint32 {
	if len(k) > 16 {
		return s.idLong(k)
	}
	if len(s.slots) == 0 {
		return 0
	}
	// Up to 16 bytes the print is the word: no call to compare bytes,
	// which would have the registers of this loop saved around it.
	a, b := load(k)
	mask := uint64(len(s.slots) - 1)
	for i := mix(a, b, len(k)) >> (s.shift & 63); ; i = (i + 1) & mask {
		p := &s.slots[i&mask]
		if p.a == a && p.b == b && p.n == uint32(len(k)) && p.id != 0 {
			return p.id
		}
		if p.id == 0 {
			return 0
		}
	}
}

// idLong is ID of a word longer than 16 bytes, whose print can be alike in
// words that differ in their middle bytes.
func (s *Set) idLong(k string) uint32 {
	if len(s.slots) == 0 {
		return 0
	}
	a, b := load(k)
	mask := uint64(len(s.slots) - 1)
	for i := hash(k, a, b) >> (s.shift & 63); ; i = (i + 1) & mask {
		p := &s.slots[i&mask]
		if p.a == a && p.b == b && p.n == uint32(len(k)) && p.id != 0 && s.keys[p.id-1] == k {
			return p.id
		}
		if p.id == 0 {
			return 0
		}
	}
}

// load reads the first and the last eight bytes of k (four when it is
// shorter than eight; its first, middle and last byte when shorter than
// four) as two words: most words are looked up, hashed and compared in two
// loads rather than byte by byte. Up to 16 bytes, the words and the length
// are the whole of k.
func load(k string) (a, b uint64) {
	n := len(k)
	if n == 0 {
		return 0, 0
	}
	p := unsafe.Slice(unsafe.StringData(k), n)
	switch {
	case n >= 8:
		return binary.LittleEndian.Uint64(p), binary.LittleEndian.Uint64(p[n-8:])
	case n >= 4:
		return uint64(binary.LittleEndian.Uint32(p)), uint64(binary.LittleEndian.Uint32(p[n-4:]))
	}
	return uint64(p[0])<<16 | uint64(p[n>>1])<<8 | uint64(p[n-1]), 0
}

// mix hashes a word of up to 16 bytes from its length and the words load
// read of it (all of it); its high bits are the ones to use, as a
// multiplication carries every bit of its operands upward.
func mix(a, b uint64, n int) uint64 {
	return (a^0x9E3779B97F4A7C15)*0xC2B2AE3D27D4EB4F ^ (b^uint64(n))*0x165667B19E3779F9
}

// hash is mix of any word: past 16 bytes it mixes in the bytes between
// the two words load read.
func hash(k string, a, b uint64) uint64 {
	h := mix(a, b, len(k))
	for i := 8; i < len(k)-8; i += 8 {
		h = (h ^ binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(k), len(k))[i:])) * 0x94D049BB133111EB
	}
	return h
}

// HasFolded reports whether set holds word lower-cased. A word of ASCII
// up to 32 bytes long, as most are, is lower-cased on the stack: looking
// it up allocates nothing.
func HasFolded(set map[string]bool, word string) bool {
	var buf [32]byte
	if len(word) > len(buf) {
		return set[strings.ToLower(word)]
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			return set[strings.ToLower(word)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(word)])]
}

// Folded is a fixed set of lower-case words asked about in any case: what
// HasFolded answers of a map, with an ASCII word looked up in a Set (one
// probe) rather than hashed into the map.
type Folded struct {
	set   *Set
	words map[string]bool // for words the library lower-cases otherwise
	max   int             // the longest word's length
}

// NewFolded makes the Folded set of the words words maps to true.
func NewFolded(words map[string]bool) *Folded {
	f := &Folded{words: words}
	keys := make([]string, 0, len(words))
	for k, ok := range words {
		if ok {
			keys = append(keys, k)
			f.max = max(f.max, len(k))
		}
	}
	// Numbers need not be stable: only whether a word is held is asked.
	f.set = New(keys)
	return f
}

// Has reports whether the set holds word lower-cased, as HasFolded does.
func (f *Folded) Has(word string) bool {
	var buf [32]byte
	if len(word) > len(buf) {
		return HasFolded(f.words, word)
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			// Lower-casing may change its length ("\u212a" is "k").
			return HasFolded(f.words, word)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if len(word) > f.max {
		return false
	}
	if len(word) == 0 {
		return f.set.ID("") != 0
	}
	return f.set.ID(unsafe.String(&buf[0], len(word))) != 0
}
