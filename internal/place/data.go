package place

import (
	_ "embed" // the gazetteer files
	"math"

	"github.com/tallyhq/tally/internal/place/layout"
)

// The gazetteer is embedded as strings, not []byte: a string needs no
// copy, lives in the binary's read-only data and is paged in by the
// operating system as searches touch it. Nothing is decoded at start-up.
var (
	//go:embed data/entries.bin
	entriesBin string
	//go:embed data/names.bin
	namesBin string
	//go:embed data/summary.bin
	summaryBin string
	//go:embed data/exact.bin
	exactBin string
	//go:embed data/loose.bin
	looseBin string
	//go:embed data/loosecc.bin
	looseCCBin string
	//go:embed data/keys.bin
	keysBin string
	//go:embed data/filter.bin
	filterBin string
)

// EmbeddedSize is the number of bytes of gazetteer data in the binary.
func EmbeddedSize() int {
	return len(entriesBin) + len(namesBin) + len(summaryBin) + len(exactBin) + len(looseBin) + len(looseCCBin) + len(keysBin) + len(filterBin)
}

// inFilter reports whether filter.bin may hold the pair of key (of index
// which) and country code cc (see layout.FilterBit): false means no row of
// that index has the key for an entry of that country.
func inFilter[S string | []byte](which byte, key S, cc uint16) bool {
	if len(filterBin) != 8*layout.FilterWords {
		return true // no filter: the index must be asked
	}
	w, mask := layout.FilterBit(which, key, cc)
	off := 8 * w
	v := uint64(u32(filterBin, off)) | uint64(u32(filterBin, off+4))<<32
	return v&mask == mask
}

// u16 and u32 read little-endian integers. Slicing first leaves one
// bounds check where indexing left one a byte, and the compiler reads the
// bytes as one word.
func u16(s string, off int) uint16 {
	b := s[off : off+2]
	return uint16(b[0]) | uint16(b[1])<<8
}

func u32(s string, off int) uint32 {
	b := s[off : off+4]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// numEntries is the number of records in entries.bin.
func numEntries() int { return len(entriesBin) / layout.RecordSize }

// rec is the record of entry i, a slice of the embedded string.
type rec string

func record(i int32) rec {
	return rec(entriesBin[int(i)*layout.RecordSize : int(i+1)*layout.RecordSize])
}

func (r rec) geonamesID() int64 { return int64(u32(string(r), layout.OffGeonamesID)) }
func (r rec) lat() float64 {
	return float64(int32(u32(string(r), layout.OffLat))) / layout.CoordScale
}
func (r rec) lon() float64 {
	return float64(int32(u32(string(r), layout.OffLon))) / layout.CoordScale
}
func (r rec) population() int64 { return int64(u32(string(r), layout.OffPopulation)) }
func (r rec) name() string      { return nameAt(int(u32(string(r), layout.OffName))) }

// admin1 and admin2 give the entry index of the division, or -1.
func (r rec) admin1() int32   { return int32(u16(string(r), layout.OffAdmin1)) - 1 }
func (r rec) admin2() int32   { return int32(u16(string(r), layout.OffAdmin2)) - 1 }
func (r rec) country() string { return string(r[layout.OffCountry : layout.OffCountry+2]) }

// countryNum is ccNum(r.country()), read without making a string.
func (r rec) countryNum() uint16 {
	return uint16(r[layout.OffCountry])<<8 | uint16(r[layout.OffCountry+1])
}
func (r rec) level() byte   { return r[layout.OffKind] & 7 }
func (r rec) feature() byte { return r[layout.OffKind] >> 5 }
func (r rec) events() int   { return int(r[layout.OffEvents]) }

func nameAt(off int) string {
	n := int(namesBin[off])
	return namesBin[off+1 : off+1+n]
}

// The summary of entry i (layout.SummarySize): enough to rank and filter
// candidates without reading their records.
func sumAt(i int32, off int) byte { return summaryBin[int(i)*layout.SummarySize+off] }
func sumLevel(i int32) byte       { return sumAt(i, layout.SumKind) & 7 }
func sumFeature(i int32) byte     { return sumAt(i, layout.SumKind) >> 5 }
func sumEvents(i int32) int       { return int(sumAt(i, layout.SumEvents)) }
func sumBig(i int32) bool         { return sumAt(i, layout.SumPopLog)&layout.SumBig != 0 }
func sumInitial(i int32) byte     { return sumAt(i, layout.SumInitial) }
func sumCountry(i int32) string {
	off := int(i)*layout.SummarySize + layout.SumCountry
	return summaryBin[off : off+2]
}

// sumCountryNum is ccNum(sumCountry(i)).
func sumCountryNum(i int32) uint16 {
	off := int(i)*layout.SummarySize + layout.SumCountry
	return uint16(summaryBin[off])<<8 | uint16(summaryBin[off+1])
}

func sumAdmin1(i int32) int32 {
	return int32(u16(summaryBin, int(i)*layout.SummarySize+layout.SumAdmin1)) - 1
}

// sumPopLog is at least log10(1+population) of entry i, and less than a
// sixth of a point above it.
func sumPopLog(i int32) float64 {
	return float64(sumAt(i, layout.SumPopLog)&^layout.SumBig) / layout.PopLogScale
}

// levels maps layout levels to SPEC precisions.
var levels = [...]Level{
	layout.LevelPlace:   LevelPlace,
	layout.LevelAdmin2:  LevelAdmin2,
	layout.LevelAdmin1:  LevelAdmin1,
	layout.LevelCountry: LevelCountry,
	layout.LevelRegion:  LevelRegion,
}

// entryAt builds the Entry of index i. Its strings are slices of the
// embedded data, so it allocates nothing.
func entryAt(i int32) Entry {
	r := record(i)
	e := Entry{
		GeonamesID: r.geonamesID(),
		Name:       r.name(),
		Country:    r.country(),
		Lat:        r.lat(),
		Lon:        r.lon(),
		Population: r.population(),
		Level:      levels[r.level()],
		id:         i + 1,
	}
	if a := r.admin1(); a >= 0 {
		e.Admin1 = record(a).name()
	}
	if a := r.admin2(); a >= 0 {
		e.Admin2 = record(a).name()
	}
	return e
}

// index is one of the name indexes (exact.bin, loose.bin), searched in
// place.
type index string

func (ix index) rows() int { return int(u32(string(ix), 0)) }

// key returns the key of row i.
func (ix index) key(i int) string {
	blob := 4 + ix.rows()*layout.IndexRowSize
	p := blob + int(u32(string(ix), 4+i*layout.IndexRowSize))
	n := int(ix[p])
	return string(ix[p+1 : p+1+n])
}

// value returns the entry index and flags of row i.
func (ix index) value(i int) (int32, byte) {
	v := u32(string(ix), 4+i*layout.IndexRowSize+4)
	return int32(v & layout.EntryMask), byte(v >> layout.FlagShift)
}

// find returns the rows [lo, hi) whose key is k, by binary search: about
// 20 short string comparisons for half a million rows.
func (ix index) find(k string) (lo, hi int) {
	n := ix.rows()
	lo, hi = 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.key(m) < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == n || ix.key(lo) != k {
		return lo, lo
	}
	return lo, ix.runEnd(lo)
}

// runEnd is the end of the run of rows of row lo's key. Rows of one key
// share its key offset, so the end is found without comparing strings; by
// galloping then bisecting, since a common skeleton has thousands of rows
// and going through them one by one was most of the cost of a probe.
func (ix index) runEnd(lo int) int {
	n := ix.rows()
	off := u32(string(ix), 4+lo*layout.IndexRowSize)
	same := func(i int) bool { return u32(string(ix), 4+i*layout.IndexRowSize) == off }
	// The run is [lo, hi), with in and all before it in it.
	in, step := lo, 1
	for in+step < n && same(in+step) {
		in += step
		step *= 2
	}
	hi := min(in+step, n) // not in the run, or the end
	for in+1 < hi {
		m := int(uint(in+hi) >> 1)
		if same(m) {
			in = m
		} else {
			hi = m
		}
	}
	return in + 1
}

// findExact and findLoose are find for the exact and loose indexes,
// through keys.bin: a probe or two, where a binary search reads twenty
// rows and keys scattered over megabytes.
func findExact(k string) (lo, hi int) { return findHashed(index(exactBin), 0, k) }
func findLoose(k string) (lo, hi int) { return findHashed(index(looseBin), 1, k) }

// findHashed finds key k, a string or a key being built in a buffer.
func findHashed[S string | []byte](ix index, which byte, k S) (lo, hi int) {
	if work != nil {
		work.probes++
		work.keyed += len(k)
	}
	h := layout.KeyHash(which, k)
	tag := layout.SlotTag(h)
	var loose uint32
	if which == 1 {
		loose = layout.SlotLoose
	}
	for j := int(h % layout.KeySlots); ; j = (j + 1) % layout.KeySlots {
		v := u32(keysBin, 4*j)
		if v == 0 {
			return 0, 0
		}
		if v&^layout.SlotRowMask != tag|loose {
			continue
		}
		lo = int(v&layout.SlotRowMask) - 1
		if ix.key(lo) == string(k) {
			break
		}
	}
	return lo, ix.runEnd(lo)
}

// work counts, when not nil, what lookups do: index probes and the bytes
// of the keys probed, memo look-ups, skeleton rows gone through,
// candidates scored and the places named nearby weighed for each. Tests
// (never parallel ones) bound it, to catch work growing faster than the
// input without timing anything: a loaded machine stretches the clock.
var work *workCount

type workCount struct{ probes, keyed, memo, rows, scored, near int }

func (w workCount) total() int { return w.probes + w.keyed + w.memo + w.rows + w.scored + w.near }

// within reports whether two points are at most km apart, rejecting most
// far pairs by latitude alone (a degree of latitude is 111 km) before the
// trigonometry.
func within(lat1, lon1, lat2, lon2, km float64) bool {
	if math.Abs(lat1-lat2)*111 > km {
		return false
	}
	return haversine(lat1, lon1, lat2, lon2) <= km
}

// haversine gives the great-circle distance in km.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
