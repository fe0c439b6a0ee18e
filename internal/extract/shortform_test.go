package extract

import "testing"

func TestShortFormOf(t *testing.T) {
	for _, c := range []struct {
		short, long string
		want        bool
	}{
		{"the Defense Ministry", "the Russian Defense Ministry", true},
		{"The ministry", "the Russian Defense Ministry", true},
		{"the MINISTRY", "the Russian  Defense\tMinistry", true},
		{"Russian Defense Ministry", "Russian Defense ministry", false}, // as many words: not shorter
		{"the", "the Russian Defense Ministry", false},
		{"", "the Observatory", false},
		{"the army", "the Russian Defense Ministry", false},
		{"Défense", "la Défense nationale", true},
		{"DÉFENSE", "la défense nationale", true},
		{"the monitor", "", false},
	} {
		if got := shortFormOf(c.short, c.long); got != c.want {
			t.Errorf("shortFormOf(%q, %q) = %v, want %v", c.short, c.long, got, c.want)
		}
		if got := shortFormOfFolded(c.short, c.long); got != c.want {
			t.Errorf("shortFormOfFolded(%q, %q) = %v, want %v", c.short, c.long, got, c.want)
		}
	}
}

// FuzzShortFormOf holds the in-place comparison of ASCII names to the
// lower-casing one.
func FuzzShortFormOf(f *testing.F) {
	f.Add("the Defense Ministry", "the Russian Defense Ministry")
	f.Add("THE k", "the K s")
	f.Fuzz(func(t *testing.T, short, long string) {
		if got, want := shortFormOf(short, long), shortFormOfFolded(short, long); got != want {
			t.Fatalf("shortFormOf(%q, %q) = %v, lower-cased %v", short, long, got, want)
		}
	})
}
