package place

import (
	"math"
	"slices"
	"testing"

	"github.com/tallyhq/tally/internal/place/layout"
)

// resolveUnpruned is Resolve as it was before candidates were bounded by
// their summaries: every candidate scored from its record.
func resolveUnpruned(name string, ctx Context) (Entry, bool) {
	m := lookupMention(name)
	q, cs := &m.q, m.all()
	if q.core == "" || len(cs) == 0 {
		return Entry{}, false
	}
	var h hints
	h.init(ctx, q.quals)
	for _, c := range cs {
		h.anyExact = h.anyExact || c.exact
	}
	var sc []scored
	top := math.Inf(-1)
	for _, c := range cs {
		if !c.exact && record(c.idx).level() == layout.LevelCountry {
			continue
		}
		x := scored{c, h.score(c, q, top-decideDepth)}
		top = max(top, x.score)
		sc = append(sc, x)
	}
	if len(sc) == 0 {
		return Entry{}, false
	}
	sc = slices.DeleteFunc(sc, func(x scored) bool { return x.score < top-decideDepth })
	slices.SortFunc(sc, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.idx - b.idx)
	})
	return h.decide(sc, q)
}

// TestPruningKeepsAnswers resolves names of every kind, with and without
// context, both ways: the bounds only spare work, never change an answer.
func TestPruningKeepsAnswers(t *testing.T) {
	var names []string
	for i := int32(0); i < int32(numEntries()); i += 211 {
		names = append(names, record(i).name())
	}
	names = append(names, "Raqqa", "Raqa", "Kerry", "Cairo", "Police", "Reading", "Monday", "Taliban",
		"Kafr Zeita in Hama countryside", "Syria's Raqqa", "the outskirts of Deir Ezzor", "Idlib province",
		"Springfield", "Tripoli", "Mohammed", "Ahmed", "Hassan", "Kharkov", "Red", "Russian", "Jobar",
		"Rakka", "Dayr Azzor", "Mohamad", "Jon", "Smith", "Peter", "Karim", "Halab", "Homs city", "Bakhmut district",
		"Maarat al-Numan", "Ain al-Fijeh", "Kafr Nabl countryside", "Austin, Texas", "Talibans", "Marea", "Tal Rifaat",
		// Words matched through a short skeleton only, which variantMayPass
		// turns away without ranking, and some that pass.
		"Latest", "National", "Daeshs", "Failaq", "Shaddadeh", "Kilmakho", "St", "Ras al-Ein", "Idleb", "Ghuta",
		"Eastern Ghuta", "Qalamun", "Derra", "Hasake", "Lattakia", "Jazeera region", "Minian", "Boulil",
		"Dunbas") // a region abroad, which a place named nearby lets through
	for i := int32(0); i < int32(numEntries()); i += 977 {
		// The same names misspelt, to reach them through the skeleton only.
		name := []byte(record(i).name())
		for j := range name {
			switch name[j] {
			case 'a':
				name[j] = 'e'
			case 'o':
				name[j] = 'u'
			}
		}
		names = append(names, string(name))
	}
	aleppo, _ := Resolve("Aleppo", Context{Country: "SY"})
	kyiv, _ := Resolve("Kyiv", Context{})
	donetsk, _ := Resolve("Donetsk", Context{Country: "UA"})
	ctxs := []Context{{}, {Country: "SY"}, {Country: "US"}, {Country: "SY", Admin1: "Hama"},
		{Country: "SY", Near: []Entry{aleppo}}, {Country: "UA", Near: []Entry{kyiv, aleppo}},
		{Admin1: "Hama"}, {Near: []Entry{aleppo}}, {Country: "IQ", Admin1: "Nineveh"}, {Country: "XK"},
		{Country: "RU", Near: []Entry{donetsk}}}
	for _, n := range names {
		for _, ctx := range ctxs {
			got, gok := Resolve(n, ctx)
			want, wok := resolveUnpruned(n, ctx)
			if gok != wok || got != want {
				t.Errorf("Resolve(%q, %+v) = %v, %v; unpruned %v, %v", n, ctx, got, gok, want, wok)
			}
		}
	}
}

// TestWithinCountryPt checks the country-point distance test against
// within, to the bit, over points all over the world.
func TestWithinCountryPt(t *testing.T) {
	for _, cc := range []string{"SY", "US", "RU", "FJ", "NZ", "NO"} {
		var h hints
		h.init(Context{Country: cc}, nil)
		if !h.hasCountryPt {
			t.Fatalf("no point for %s", cc)
		}
		for i := int32(0); i < int32(numEntries()); i += 37 {
			r := record(i)
			for _, km := range []float64{150, 800, 5000} {
				if got, want := h.withinCountryPt(r.lat(), r.lon(), km), within(h.cLat, h.cLon, r.lat(), r.lon(), km); got != want {
					t.Fatalf("%s, %s, %v km: %v, within says %v", cc, r.name(), km, got, want)
				}
			}
		}
	}
}
