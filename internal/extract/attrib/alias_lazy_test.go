package attrib

import (
	"testing"
)

// eagerAliases is what matchAliases computed before aliases were matched
// on demand: the end of the alias at every token, and the earliest start
// of an alias ending at every token.
func eagerAliases(t []tok) (from, to []int) {
	n := len(t)
	from, to = make([]int, n), make([]int, n)
	for i := range from {
		from[i], to[i] = -1, -1
	}
	for i := 0; i < n; i++ {
		if !lex.src.root.mayStart(&t[i]) {
			continue
		}
		e, end := lex.src.longest(t, i)
		if e == nil || e.reject {
			continue
		}
		to[i] = end
		if from[end-1] < 0 || i < from[end-1] {
			from[end-1] = i
		}
	}
	return from, to
}

// checkLazyAliases fails when aliasFrom or aliasTo, asked in any order,
// differ from the eager matching of every token.
func checkLazyAliases(t *testing.T, s string) {
	t.Helper()
	p := getParser(s, "")
	defer putParser(p)
	p.matchAliases()
	from, to := eagerAliases(p.t)
	// Backwards first, as speakerBefore asks, then forwards.
	for i := len(p.t) - 1; i >= 0; i-- {
		if got := p.aliasFrom(i); got != from[i] {
			t.Fatalf("%q: aliasFrom(%d) = %d, eager %d", s, i, got, from[i])
		}
	}
	for i := range p.t {
		if got := p.aliasTo(i); got != to[i] {
			t.Fatalf("%q: aliasTo(%d) = %d, eager %d", s, i, got, to[i])
		}
	}
}

func TestLazyAliasesMatchEager(t *testing.T) {
	for _, c := range findCases {
		checkLazyAliases(t, c.sentence)
	}
	for _, s := range []string{
		"", "the Syrian Observatory for Human Rights said", "Syria's state news agency SANA reported",
		"the Russian Defense Ministry and the Syrian Arab Army and the U.S.-led coalition",
		"UN UN UN UN UN UN UN UN UN UN UN UN UN UN said",
	} {
		checkLazyAliases(t, s)
	}
	for _, text := range fakesDev(t) {
		for _, s := range sentences(text) {
			checkLazyAliases(t, s)
		}
	}
}

func FuzzLazyAliases(f *testing.F) {
	for _, c := range findCases {
		f.Add(c.sentence)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLazyAliases(t, s) })
}
