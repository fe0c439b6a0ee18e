package number

import (
	"strings"
	"testing"
)

// scannedBy is how many bytes Find's scanners read on text.
func scannedBy(t *testing.T, text string) int {
	var n int
	scanned = &n
	defer func() { scanned = nil }()
	checkMentions(t, text, Find(text))
	return n
}

// TestPathological feeds Find inputs built to defeat a naive scanner (long
// runs of qualifiers, number words, separators, spaces and letters) and
// checks that it stays linear. The work is counted, not timed: eight times
// the input may read at most ten times the bytes (a scanner that went back
// over what it had read would read 64 times), and no input is read more
// than a few times over.
func TestPathological(t *testing.T) {
	patterns := []string{
		"a ", "one ", "one hundred ", "between ", "from 1 to ", "1-", "1,000", ",000", "1.", "1:",
		"at least ", "tens of ", "several hundred ", "twenty-", "and a half ", "0 ", "-1", "1/",
		" ", "x", "12x", "MH17", "\xff", "2017 ", "March 5 ", "no one ", "up to 30 or more ",
	}
	const small = 1 << 12
	for _, p := range patterns {
		one := strings.Repeat(p, small/len(p))
		eight := strings.Repeat(p, 8*small/len(p))
		n1, n8 := scannedBy(t, one), scannedBy(t, eight)
		if n8 > 10*n1 || n8 > perByte*len(eight) {
			t.Errorf("Find(%q repeated): read %d bytes of %d, %d of %d", p, n8, len(eight), n1, len(one))
		}
	}
	// One long word or space run between numbers.
	for _, filler := range []string{strings.Repeat("a", 8*small), strings.Repeat(" ", 8*small)} {
		text := "1 " + filler + " 2 " + filler + "3"
		if n := scannedBy(t, text); n > perByte*len(text) {
			t.Errorf("Find over a long filler read %d bytes of %d", n, len(text))
		}
	}
}

// perByte bounds how many times over Find's scanners may read a text: a
// number's context is read around it a bounded number of times.
const perByte = 16

// TestScannedCountsWork keeps the linearity test honest: the counter sees
// a text's bytes at least once.
func TestScannedCountsWork(t *testing.T) {
	text := strings.Repeat("at least 12 people were killed and 30,000 displaced. ", 50)
	if n := scannedBy(t, text); n < len(text) {
		t.Fatalf("scanned %d bytes of %d", n, len(text))
	}
}
