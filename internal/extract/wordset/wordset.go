// Package wordset owns the fixed word tables the extraction rules look
// words up in, once per token or name: a word's number without allocating, most
// unknown words turned away by a bit set of the known words' shapes before
// any hashing (most words of a text are in no table).
package wordset

import (
	"strings"
	"unicode/utf8"
)

// Set numbers a fixed list of words 1..n. The zero Set knows no word.
type Set struct {
	keys   []string // by number - 1
	slots  []uint32 // open addressing over hash: a number, 0 for none
	shapes [1 << 10]uint64
}

// New numbers keys: keys[i] is number i+1. The keys are distinct.
func New(keys []string) *Set {
	s := &Set{keys: keys}
	size := 1
	for size < 4*len(keys) {
		size <<= 1
	}
	s.slots = make([]uint32, size)
	mask := uint32(size - 1)
	for n, k := range keys {
		h := shape(k)
		s.shapes[h/64] |= 1 << (h % 64)
		i := hash(k) & mask
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
	mask := uint32(len(s.slots) - 1)
	for i := hash(k) & mask; ; i = (i + 1) & mask {
		n := s.slots[i]
		if n == 0 || s.keys[n-1] == k {
			return n
		}
	}
}

// hash is FNV-1a.
func hash(k string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(k); i++ {
		h = (h ^ uint32(k[i])) * 16777619
	}
	return h
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
