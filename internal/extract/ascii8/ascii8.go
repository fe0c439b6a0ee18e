// Package ascii8 reads text eight bytes at a time: the loads, the case
// folding and the byte-class masks that the number and time finders' word
// scans share, and the packed lower-case keys their word tables are
// probed with (no string built, none compared).
//
// A mask sets the top bit of each of the eight bytes that is in the class.
// A byte with its own top bit set (part of a multi-byte rune) is in no
// class.
package ascii8

const (
	ones = 0x0101010101010101
	// High is the top bit of each byte: masks are made of it.
	High = 0x8080808080808080
)

// Load reads the first eight bytes of b as a little-endian word (the
// compiler makes this one load).
func Load(b string) uint64 {
	b = b[:8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Lower lower-cases the ASCII letters of eight bytes at once, leaving
// every other byte as it is: a byte is upper case when, its top bit
// cleared, adding 0x80-'A' sets the top bit and adding 0x80-'Z'-1 does
// not, and its own top bit was clear.
func Lower(x uint64) uint64 {
	a := x &^ High
	upper := (a + (0x80-'A')*ones) &^ (a + (0x80-'Z'-1)*ones) &^ x & High
	return x | upper>>2
}

// Letters is the mask of the ASCII letters of x: lower-cased and with its
// top bit cleared, a letter lies in 'a'..'z' (see Lower).
func Letters(x uint64) uint64 {
	y := (x | 0x20*ones) &^ High
	return (y + (0x80-'a')*ones) &^ (y + (0x80-'z'-1)*ones) &^ x & High
}

// Digits is the mask of the ASCII digits of x.
func Digits(x uint64) uint64 {
	a := x &^ High
	return (a + (0x80-'0')*ones) &^ (a + (0x80-'9'-1)*ones) &^ x & High
}

// Alnum is the mask of the ASCII letters and digits of x.
func Alnum(x uint64) uint64 { return Letters(x) | Digits(x) }

// MaxKey is the longest word a key holds.
const MaxKey = 16

// Key packs s[i:j], at most MaxKey bytes, lower-cased, into two words:
// byte k of the word in byte k of k0, byte 8+k in k1, the rest zero.
func Key(s string, i, j int) (k0, k1 uint64) {
	if n := j - i; n <= 8 && i+8 <= len(s) {
		// The word and what follows it, in one load; the mask drops what
		// follows.
		return Short(Load(s[i:i+8]), n), 0
	}
	for k := j - 1; k >= i+8; k-- {
		k1 = k1<<8 | uint64(lower(s[k]))
	}
	for k := min(j, i+8) - 1; k >= i; k-- {
		k0 = k0<<8 | uint64(lower(s[k]))
	}
	return k0, k1
}

// Short is the k0 of the key of a word of n <= 8 bytes that x, loaded at
// its start, holds.
func Short(x uint64, n int) uint64 { return Lower(x) & (^uint64(0) >> (64 - 8*n)) }

// Hash mixes a key into 64 bits, whose top bits index a table.
func Hash(k0, k1 uint64) uint64 { return (k0 ^ k1*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9 }

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return b
}
