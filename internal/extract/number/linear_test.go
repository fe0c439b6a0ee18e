//go:build unix

package number

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used: unlike the wall clock it
// does not grow when other processes crowd the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestPathological feeds Find inputs built to defeat a naive scanner (long
// runs of qualifiers, number words, separators, spaces and letters) and
// checks that it stays linear: eight times the input may take at most 32
// times the CPU time (a quadratic scan would take 64 times; the slack is
// for caches and the garbage collector). Each timing is the best of three.
func TestPathological(t *testing.T) {
	patterns := []string{
		"a ", "one ", "one hundred ", "between ", "from 1 to ", "1-", "1,000", ",000", "1.", "1:",
		"at least ", "tens of ", "several hundred ", "twenty-", "and a half ", "0 ", "-1", "1/",
		" ", "x", "12x", "MH17", "\xff", "2017 ", "March 5 ", "no one ", "up to 30 or more ",
	}
	best := func(text string) time.Duration {
		var d time.Duration
		for i := range 3 {
			start := cpuTime()
			ms := Find(text)
			if e := cpuTime() - start; i == 0 || e < d {
				d = e
			}
			if i == 0 {
				checkMentions(t, text, ms)
			}
		}
		return d
	}
	const small = 1 << 15
	for _, p := range patterns {
		d1 := best(strings.Repeat(p, small/len(p)))
		d8 := best(strings.Repeat(p, 8*small/len(p)))
		if d8 > 32*d1+20*time.Millisecond {
			t.Errorf("Find(%q repeated): %v for 8x the input, %v for 1x", p, d8, d1)
		}
	}
	// One long word or space run between numbers.
	for _, filler := range []string{strings.Repeat("a", 8*small), strings.Repeat(" ", 8*small)} {
		text := "1 " + filler + " 2 " + filler + "3"
		if d := best(text); d > 100*time.Millisecond {
			t.Errorf("Find over a long filler took %v", d)
		}
	}
}
