package ascii8

import (
	"strings"
	"testing"
)

// bytewise is the mask a byte-at-a-time test gives.
func bytewise(s string, in func(c byte) bool) uint64 {
	var m uint64
	for k := range 8 {
		if in(s[k]) {
			m |= 0x80 << (8 * k)
		}
	}
	return m
}

// TestMasksAsBytewise checks every mask and Lower against byte-at-a-time
// tests, each byte value at each of the eight places, beside neighbours
// of every class.
func TestMasksAsBytewise(t *testing.T) {
	fills := []string{"aaaaaaaa", "ZZZZZZZZ", "00000000", "        ", "\xff\xff\xff\xff\xff\xff\xff\xff", "@[`{/:\x7f\x80"}
	isLetter := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	for _, fill := range fills {
		for at := range 8 {
			for c := range 256 {
				b := []byte(fill)
				b[at] = byte(c)
				s := string(b)
				x := Load(s)
				if got, want := Letters(x), bytewise(s, isLetter); got != want {
					t.Fatalf("Letters(%q) = %x, want %x", s, got, want)
				}
				if got, want := Digits(x), bytewise(s, isDigit); got != want {
					t.Fatalf("Digits(%q) = %x, want %x", s, got, want)
				}
				if got, want := Alnum(x), bytewise(s, func(c byte) bool { return isLetter(c) || isDigit(c) }); got != want {
					t.Fatalf("Alnum(%q) = %x, want %x", s, got, want)
				}
				if got, want := Lower(x), Load(asciiLower(s)); got != want {
					t.Fatalf("Lower(%q) = %x, want %x", s, got, want)
				}
			}
		}
	}
}

func asciiLower(s string) string {
	b := []byte(s)
	for k, c := range b {
		b[k] = lower(c)
	}
	return string(b)
}

// TestKey: a word's key is its lower-cased bytes, whether read in one load
// or a byte at a time, and whatever follows it.
func TestKey(t *testing.T) {
	for _, w := range []string{"a", "Dozen", "SEVENTY", "thousand", "Seventeenth", "twenty-seventh!", "0123456789abcdef"} {
		want0, want1 := Key(strings.ToLower(w), 0, len(w))
		for _, s := range []string{w, w + " killed in a", "in " + w, "in " + w + " days later"} {
			i := strings.Index(s, w)
			k0, k1 := Key(s, i, i+len(w))
			if k0 != want0 || k1 != want1 {
				t.Errorf("Key(%q, %d, %d) = %x %x, want %x %x", s, i, i+len(w), k0, k1, want0, want1)
			}
		}
		var b0, b1 uint64
		for k := range len(w) {
			c := uint64(lower(w[k]))
			if k < 8 {
				b0 |= c << (8 * k)
			} else {
				b1 |= c << (8 * (k - 8))
			}
		}
		if b0 != want0 || b1 != want1 {
			t.Errorf("Key(%q) = %x %x, want %x %x", w, want0, want1, b0, b1)
		}
	}
}
