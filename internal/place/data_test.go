package place

import (
	"encoding/binary"
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/tallyhq/tally/internal/place/layout"
	"github.com/tallyhq/tally/internal/place/namekey"
)

// maxEmbedded is the size budget of the gazetteer in the binary (the whole
// tally binary must stay under 60 MB).
const maxEmbedded = 30 << 20

func TestEmbeddedSize(t *testing.T) {
	n := EmbeddedSize()
	t.Logf("embedded gazetteer: %d bytes (%.1f MiB): entries %d, names %d, exact index %d, loose index %d; %d entries",
		n, float64(n)/(1<<20), len(entriesBin), len(namesBin), len(exactBin), len(looseBin), numEntries())
	if n > maxEmbedded {
		t.Errorf("embedded gazetteer is %d bytes, over the %d budget", n, maxEmbedded)
	}
	// The manifest the generator wrote must describe these very files.
	m, err := os.ReadFile("data/manifest.txt")
	if err != nil {
		t.Fatalf("data/manifest.txt: %v", err)
	}
	for name, data := range map[string]string{"entries.bin": entriesBin, "names.bin": namesBin, "summary.bin": summaryBin, "exact.bin": exactBin, "loose.bin": looseBin, "loosecc.bin": looseCCBin, "keys.bin": keysBin, "filter.bin": filterBin} {
		re := regexp.MustCompile(`- ` + regexp.QuoteMeta(name) + `: (\d+) bytes`)
		sm := re.FindSubmatch(m)
		if sm == nil {
			t.Errorf("manifest does not list %s", name)
			continue
		}
		if size, _ := strconv.Atoi(string(sm[1])); size != len(data) {
			t.Errorf("manifest says %s has %d bytes; it has %d: regenerate", name, size, len(data))
		}
	}
}

func TestIndexesAreSortedAndValid(t *testing.T) {
	n := numEntries()
	if len(entriesBin)%layout.RecordSize != 0 || n == 0 {
		t.Fatalf("entries.bin has %d bytes, not a whole number of %d-byte records", len(entriesBin), layout.RecordSize)
	}
	for _, ix := range []struct {
		name  string
		index index
		latin bool
	}{{"exact", index(exactBin), false}, {"loose", index(looseBin), true}} {
		prevKey, prevEntry, prevPrior := "", int32(-1), byte(0)
		for i := 0; i < ix.index.rows(); i++ {
			k := ix.index.key(i)
			e, flags := ix.index.value(i)
			prior := byte(0)
			if ix.latin && int(e) < n {
				// The skeleton's rows come most prominent first.
				prior = layout.PriorKey(sumAt(e, layout.SumPopLog), sumAt(e, layout.SumEvents), sumLevel(e))
			}
			switch {
			case k == "":
				t.Fatalf("%s row %d: empty key", ix.name, i)
			case k < prevKey || k == prevKey && (prior > prevPrior || prior == prevPrior && e <= prevEntry):
				t.Fatalf("%s row %d: %q/%d after %q/%d: not sorted", ix.name, i, k, e, prevKey, prevEntry)
			case int(e) >= n:
				t.Fatalf("%s row %d: entry %d of %d", ix.name, i, e, n)
			case flags == 0:
				t.Fatalf("%s row %d: no match flags", ix.name, i)
			case !ix.latin && k != namekey.Key(k) && namekey.IsLatin(k):
				t.Fatalf("%s row %d: key %q is not normalised", ix.name, i, k)
			}
			if ix.latin && int(e) < n {
				cc, ok := countryIndex(record(e).country())
				if !ok {
					cc = layout.NoCountry
				}
				r := record(e)
				if flags>>layout.PriorBucketShift != layout.PriorBucket(prior) || looseCCBin[i] != byte(cc) ||
					flags&0xf != layout.LooseFlags(r.level(), r.feature()) {
					t.Fatalf("loose row %d (%v): bucket %d, country %d, flags %#x: regenerate", i, entryAt(e), flags>>layout.PriorBucketShift, looseCCBin[i], flags&0xf)
				}
			}
			prevKey, prevEntry, prevPrior = k, e, prior
		}
	}
}

func TestEntriesAreConsistent(t *testing.T) {
	counts := map[Level]int{}
	for i := int32(0); i < int32(numEntries()); i++ {
		e := entryAt(i)
		r := record(i)
		counts[e.Level]++
		if e.Name == "" || len(e.Country) != 2 || math.Abs(e.Lat) > 90 || math.Abs(e.Lon) > 180 {
			t.Fatalf("entry %d malformed: %+v", i, e)
		}
		for _, a := range []int32{r.admin1(), r.admin2()} {
			if a < 0 {
				continue
			}
			ra := record(a)
			if ra.level() != layout.LevelAdmin1 && ra.level() != layout.LevelAdmin2 || ra.country() != e.Country {
				t.Fatalf("entry %d (%v) refers to %v as its division", i, e, entryAt(a))
			}
		}
	}
	t.Logf("entries by level: %v", counts)
	for _, l := range []Level{LevelPlace, LevelAdmin2, LevelAdmin1, LevelCountry, LevelRegion} {
		if counts[l] == 0 {
			t.Errorf("no entries of level %s", l)
		}
	}
}

// TestSummariesMatchRecords checks summary.bin against the records it
// summarises: ranking prunes candidates by it, so a summary that
// understated an entry would change answers.
func TestSummariesMatchRecords(t *testing.T) {
	if len(summaryBin) != numEntries()*layout.SummarySize {
		t.Fatalf("summary.bin has %d bytes for %d entries: regenerate", len(summaryBin), numEntries())
	}
	for i := int32(0); i < int32(numEntries()); i++ {
		r := record(i)
		var initial byte
		if k := namekey.Key(r.name()); k != "" {
			initial = k[0]
		}
		pop := float64(r.population())
		switch {
		case sumLevel(i) != r.level() || sumFeature(i) != r.feature() || sumEvents(i) != r.events() ||
			sumCountry(i) != r.country() || sumAdmin1(i) != r.admin1() || sumInitial(i) != initial:
			t.Fatalf("entry %d (%v): summary disagrees with its record: regenerate", i, entryAt(i))
		case sumBig(i) != (r.population() >= layout.BigPlace):
			t.Fatalf("entry %d (%v): big is %v", i, entryAt(i), sumBig(i))
		case sumPopLog(i) < math.Log10(1+pop) || sumPopLog(i) > math.Log10(1+pop)+0.2:
			t.Fatalf("entry %d (%v): population bound %.3f for %d", i, entryAt(i), sumPopLog(i), r.population())
		}
	}
}

// TestKeyTableFindsEveryKey checks keys.bin against the indexes: every key
// found at its rows, as the binary search finds them.
func TestKeyTableFindsEveryKey(t *testing.T) {
	if len(keysBin) != 4*layout.KeySlots {
		t.Fatalf("keys.bin has %d bytes: regenerate", len(keysBin))
	}
	for _, ix := range []struct {
		name  string
		index index
		find  func(string) (int, int)
	}{{"exact", index(exactBin), findExact}, {"loose", index(looseBin), findLoose}} {
		for i := 0; i < ix.index.rows(); i++ {
			k := ix.index.key(i)
			if i > 0 && ix.index.key(i-1) == k {
				continue
			}
			lo, hi := ix.find(k)
			wlo, whi := ix.index.find(k)
			if lo != wlo || hi != whi {
				t.Fatalf("%s key %q: rows [%d, %d), want [%d, %d): regenerate", ix.name, k, lo, hi, wlo, whi)
			}
		}
		for _, k := range []string{"", "no such place", "zzzzzzzz", "raqqa raqqa raqqa"} {
			if lo, hi := ix.find(k); lo != hi {
				t.Errorf("%s: %q found at rows [%d, %d)", ix.name, k, lo, hi)
			}
		}
	}
}

// TestCapitalsFromSummaries: the capitals found through the summaries are
// those the records give.
func TestCapitalsFromSummaries(t *testing.T) {
	want := map[string]int32{}
	for i := range int32(numEntries()) {
		r := record(i)
		if r.level() != layout.LevelPlace || r.feature() != layout.FeatureCapital {
			continue
		}
		if j, ok := want[r.country()]; !ok || r.population() > record(j).population() {
			want[r.country()] = i
		}
	}
	got := capitals()
	if len(got) != len(want) || len(want) < 190 {
		t.Fatalf("%d capitals, want %d", len(got), len(want))
	}
	for cc, i := range want {
		if got[cc] != i {
			t.Errorf("capital of %s: %v, want %v", cc, entryAt(got[cc]), entryAt(i))
		}
	}
}

// TestCountryIndex: the table of codes agrees with the binary search.
func TestCountryIndex(t *testing.T) {
	for _, cc := range []string{"SY", "US", "AA", "ZZ", "ZW", "AD", "sy", "S", "SYR", "", "\xff\xff", "XK"} {
		gi, gok := countryIndex(cc)
		wi, wok := searchCountry(cc)
		if gi != wi || gok != wok {
			t.Errorf("countryIndex(%q) = %d, %v; search gives %d, %v", cc, gi, gok, wi, wok)
		}
	}
	for i := range int32(numCountries()) {
		if j, ok := countryIndex(record(i).country()); !ok || j != i {
			t.Errorf("country %d (%s): got %d, %v", i, record(i).country(), j, ok)
		}
	}
}

// TestNearDistance: the distance score works out with what it keeps of the
// places named nearby is haversine's, to the last bit.
func TestNearDistance(t *testing.T) {
	var near []Entry
	for i := int32(0); i < int32(numEntries()); i += 7919 {
		near = append(near, entryAt(i))
	}
	h := hints{near: near[:min(len(near), maxNear)]}
	for i := int32(3); i < int32(numEntries()); i += 1013 {
		r := record(i)
		lat, lon := r.lat(), r.lon()
		p1 := lat * math.Pi / 180
		c1 := math.Cos(p1)
		for j, n := range h.near {
			if got, want := h.nearDistance(j, lat, lon, p1, c1), haversine(lat, lon, n.Lat, n.Lon); got != want {
				t.Fatalf("%v to %v: %v, haversine %v", entryAt(i), n, got, want)
			}
		}
	}
}

// TestRunEnd checks the galloping search for the end of a key's rows
// against going through them one by one, over both indexes.
func TestRunEnd(t *testing.T) {
	for _, ix := range []index{index(exactBin), index(looseBin)} {
		n := ix.rows()
		for lo := 0; lo < n; {
			off := u32(string(ix), 4+lo*layout.IndexRowSize)
			want := lo + 1
			for want < n && u32(string(ix), 4+want*layout.IndexRowSize) == off {
				want++
			}
			if got := ix.runEnd(lo); got != want {
				t.Fatalf("runEnd(%d) = %d, want %d", lo, got, want)
			}
			if want-lo > 2 {
				// From inside the run too.
				if got := ix.runEnd(lo + 1); got != want {
					t.Fatalf("runEnd(%d) = %d, want %d", lo+1, got, want)
				}
			}
			lo = want
		}
	}
}

// buildFilter is filter.bin as tools/gazetteer builds it, from the indexes
// as embedded.
func buildFilter() []byte {
	words := make([]uint64, layout.FilterWords)
	for which, ix := range []index{index(exactBin), index(looseBin)} {
		for i := 0; i < ix.rows(); i++ {
			e, _ := ix.value(i)
			w, mask := layout.FilterBit(byte(which), ix.key(i), record(e).countryNum())
			words[w] |= mask
		}
	}
	out := make([]byte, 8*len(words))
	for j, v := range words {
		binary.LittleEndian.PutUint64(out[8*j:], v)
	}
	return out
}

// TestFilterMatchesIndexes checks that filter.bin is the filter of the
// indexes beside it: a pair it lacks would make MayBeIn turn away a place.
func TestFilterMatchesIndexes(t *testing.T) {
	if got := buildFilter(); string(got) != filterBin {
		t.Fatal("filter.bin is not the filter of exact.bin and loose.bin: regenerate")
	}
}

// TestRegionsComeFirst: a skeleton's region rows come before all others,
// and only they have the region's prior bucket, which variantMayPass stops
// at.
func TestRegionsComeFirst(t *testing.T) {
	lx := index(looseBin)
	for lo := 0; lo < lx.rows(); {
		hi := lx.runEnd(lo)
		past := false
		for i := lo; i < hi; i++ {
			e, fl := lx.value(i)
			region := record(e).level() == layout.LevelRegion
			if region != (fl>>layout.PriorBucketShift == regionBucket) || region && past {
				t.Fatalf("skeleton %q row %d (%v): region %v, bucket %d", lx.key(i), i, entryAt(e), region, fl>>layout.PriorBucketShift)
			}
			past = past || !region
		}
		lo = hi
	}
}

// TestNotableBucket: rowNotable, from a skeleton row, says what
// sumNotable says of the row's entry.
func TestNotableBucket(t *testing.T) {
	t.Logf("notable places have prior bucket %d or more", notableBucket)
	lx := index(looseBin)
	for i := 0; i < lx.rows(); i++ {
		e, fl := lx.value(i)
		if got, want := rowNotable(cand{idx: e, flags: fl}), sumNotable(e); got != want {
			t.Fatalf("row %d (%v, %q): rowNotable %v, sumNotable %v (bucket %d)", i, entryAt(e), lx.key(i), got, want, fl>>layout.PriorBucketShift)
		}
	}
}
