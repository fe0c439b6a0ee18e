// Package wordset owns the fixed word tables the extraction rules look
// words up in, once per token or name: a word's number without allocating, most
// unknown words turned away by a bit set of the known words' shapes before
// any hashing (most words of a text are in no table).
package wordset

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Set numbers a fixed list of words 1..n. The zero Set knows no word.
type Set struct {
	keys   []string // by number - 1
	prints []print  // by number - 1: the key's print, compared instead of its bytes
	slots  []uint32 // open addressing over hash: a number, 0 for none
	shapes [1 << 10]uint64
}

// print is a word's length and two words of its bytes (see load): for a
// word of up to 16 bytes, equal prints mean equal words.
type print struct {
	a, b uint64
	n    int
}

// New numbers keys: keys[i] is number i+1. The keys are distinct.
func New(keys []string) *Set {
	s := &Set{keys: keys, prints: make([]print, len(keys))}
	size := 1
	for size < 4*len(keys) {
		size <<= 1
	}
	s.slots = make([]uint32, size)
	mask := uint32(size - 1)
	for n, k := range keys {
		h := shape(k)
		s.shapes[h/64] |= 1 << (h % 64)
		a, b := load(k)
		s.prints[n] = print{a, b, len(k)}
		i := hash(k, a, b) & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = uint32(n) + 1
	}
	return s
}

// ID is k's number, 0 when the set does not hold it.
func (s *Set) ID(k string) uint32 {
	if h := shape(k); s.shapes[h/64]&(1<<(h%64)) == 0 {
		return 0
	}
	a, b := load(k)
	mask := uint32(len(s.slots) - 1)
	for i := hash(k, a, b) & mask; ; i = (i + 1) & mask {
		n := s.slots[i]
		if n == 0 {
			return 0
		}
		if p := &s.prints[n-1]; p.n == len(k) && p.a == a && p.b == b && (len(k) <= 16 || s.keys[n-1] == k) {
			return n
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

// hash mixes k's length and the words load read of it, and for a word
// longer than 16 bytes the bytes between them.
func hash(k string, a, b uint64) uint32 {
	h := (a^0x9E3779B97F4A7C15)*0xC2B2AE3D27D4EB4F ^ (b^uint64(len(k)))*0x165667B19E3779F9
	for i := 8; i < len(k)-8; i += 8 {
		h = (h ^ binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(k), len(k))[i:])) * 0x94D049BB133111EB
	}
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	return uint32(h >> 32)
}

// shape hashes a word's length and its first, second and last bytes into
// a bit of Set.shapes.
func shape(k string) uint32 {
	n := len(k)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9E3779B1 ^ uint32(k[0])*0x85EBCA77 ^ uint32(k[n-1])*0xC2B2AE3D
	if n > 1 {
		h ^= uint32(k[1]) * 0x27D4EB2F
	}
	return (h ^ h>>15) % uint32(len(Set{}.shapes)*64)
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
