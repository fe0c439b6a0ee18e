// Package layout fixes the byte layout of the gazetteer files in
// internal/place/data, shared by the generator that writes them
// (tools/gazetteer) and package place that reads them in place. Changing
// anything here means regenerating the data.
//
// All integers are little-endian.
//
// entries.bin is a flat array of RecordSize-byte records, in this order:
// countries (by ISO code), first-level divisions (by GeoNames code),
// second-level divisions (by code), curated regions, then places (GeoNames
// by id, then UCDP). Putting the divisions first lets a place refer to its
// admin1 and admin2 with 16-bit indices.
//
// names.bin holds the display names: at each offset a length byte, then
// that many bytes of UTF-8.
//
// summary.bin has one SummarySize-byte record per entry, in the order of
// entries.bin: what ranking a candidate needs before it is worth reading
// its full record (see the Sum* offsets).
//
// exact.bin and loose.bin are the name indexes: a uint32 row count n, then
// n rows of IndexRowSize bytes (uint32 key offset, uint32 value), then the
// key blob (at each key offset a length byte and the key). Rows are sorted
// by key bytes, then (exact.bin) by entry or (loose.bin) by PriorKey of the
// entry, highest first, then by entry; rows with equal keys share one key
// offset.
// A value is the entry index in its low 24 bits and flags in its top 8
// bits: in exact.bin, match flags (Flag*); in loose.bin, the entry's
// PriorBucket in the top four and LooseFlags in the low four, what else
// bounds a skeleton match's score before its summary is read.
//
// loosecc.bin has one byte per row of loose.bin: the entry index of the
// row's entry's country (countries come first in entries.bin), NoCountry
// if it has none. With the prior bucket, it bounds a skeleton match's
// score without reading anything but the rows.
package layout

import "math"

// Record layout of entries.bin.
const (
	RecordSize = 28

	OffGeonamesID = 0  // uint32, 0 for UCDP and curated entries
	OffLat        = 4  // int32, degrees × CoordScale
	OffLon        = 8  // int32, degrees × CoordScale
	OffPopulation = 12 // uint32
	OffName       = 16 // uint32 offset into names.bin
	OffAdmin1     = 20 // uint16 entry index + 1 of the admin1, 0 for none
	OffAdmin2     = 22 // uint16 entry index + 1 of the admin2, 0 for none
	OffCountry    = 24 // 2 bytes, ISO 3166-1 alpha-2
	OffKind       = 26 // level (bits 0-2), source (bits 3-4), feature (bits 5-7)
	OffEvents     = 27 // uint8, UCDP events at this place, capped at 255

	CoordScale = 100000
)

// Summary layout of summary.bin. A name with a common skeleton has
// hundreds of candidates scattered over the 6.5 MB of entries.bin; their
// summaries, 1.8 MB in all, let a lookup bound each candidate's score and
// test it against the usual conditions without touching the records,
// reading in full only the few that can win.
const (
	SummarySize = 8

	SumPopLog  = 0 // bits 0-6: PopLogScale × log10(1+population), rounded up, plus one; bit 7: SumBig
	SumEvents  = 1 // uint8, as OffEvents
	SumKind    = 2 // as OffKind
	SumInitial = 3 // first byte of namekey.Key of the entry's name, 0 if that key is empty
	SumCountry = 4 // 2 bytes, as OffCountry
	SumAdmin1  = 6 // uint16, as OffAdmin1

	PopLogScale = 12      // 12 × log10(4.3e9) < 127
	SumBig      = 1 << 7  // population of 100,000 or more
	BigPlace    = 100_000 // the population SumBig marks
)

// UCDPPerEvent is the population a UCDP event at a place stands in for
// when ranking places GeoNames gives none.
const UCDPPerEvent = 300

// PriorKey is an upper bound, in PopLogScale units, of log10(1 +
// max(population, UCDPPerEvent × events)): the prominence ranking starts
// from, and the order of a skeleton's rows in loose.bin, so that a lookup
// can stop at the first row too obscure to matter. popLog is the summary's
// SumPopLog byte. Regions, which rank by a fixed prior, come first.
func PriorKey(popLog, events, level byte) byte {
	if level == LevelRegion {
		return 127
	}
	k := popLog &^ SumBig
	if events > 0 {
		k = max(k, byte(math.Ceil(math.Log10(1+float64(UCDPPerEvent*int(events)))*PopLogScale))+1)
	}
	return k
}

// PriorBucket is PriorKey in coarser steps (of PriorBucketPoints), to fit
// the top four bits of a loose.bin row's flags: PriorBucket(k) ×
// PriorBucketPoints ≥ k / PopLogScale.
func PriorBucket(key byte) byte { return (key + 8) / 9 }

const (
	PriorBucketPoints = 9.0 / PopLogScale
	PriorBucketShift  = 4 // where the bucket sits in a row's flags
	NoCountry         = 255
)

// The low four flag bits of a loose.bin row: the entry's level and whether
// it is a capital (national or of a first-level division), whose feature
// weighs most.
const (
	LooseLevelMask = 7
	LooseSeat      = 8
)

// LooseFlags are the low four flag bits of a loose.bin row for an entry of
// level and feature.
func LooseFlags(level, feature byte) byte {
	f := level & LooseLevelMask
	if feature == FeatureCapital || feature == FeatureSeat1 {
		f |= LooseSeat
	}
	return f
}

// keys.bin is a hash table of the keys of both name indexes, so that a
// lookup costs a probe or two instead of a binary search's twenty scattered
// reads: KeySlots uint32 slots, each 0 (empty) or a key's first row + 1
// (bits 0-20), its index (bit 21: 0 exact.bin, 1 loose.bin) and a tag of
// its hash (bits 22-31). A key sits at the first free slot from
// KeyHash(index, key) mod KeySlots onwards (linear probing).
const (
	KeySlots     = 1 << 20
	SlotRowMask  = 1<<21 - 1
	SlotLoose    = 1 << 21
	SlotTagShift = 22
)

// KeyHash is the hash of key in index which (0 exact, 1 loose): 64-bit
// FNV-1a of the index byte and the key.
func KeyHash[S string | []byte](which byte, key S) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(which)) * prime
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * prime
	}
	return h
}

// SlotTag is the tag of a hash as a slot holds it.
func SlotTag(h uint64) uint32 { return uint32(h>>54) << SlotTagShift }

// Levels (bits 0-2 of the kind byte).
const (
	LevelPlace   = 0
	LevelAdmin2  = 1
	LevelAdmin1  = 2
	LevelCountry = 3
	LevelRegion  = 4
)

// Sources (bits 3-4 of the kind byte).
const (
	SourceGeoNames = 0
	SourceUCDP     = 1
	SourceCurated  = 2
)

// Features (bits 5-7 of the kind byte): the GeoNames feature code, as far
// as resolution cares.
const (
	FeatureOther   = 0 // PPL and the rest
	FeatureCapital = 1 // PPLC
	FeatureSeat1   = 2 // PPLA, seat of a first-level division
	FeatureSeat2   = 3 // PPLA2
	FeatureSection = 4 // PPLX, a section of a populated place
	FeatureSeatLow = 5 // PPLA3, PPLA4, PPLA5
)

// Kind packs level, source and feature into the kind byte.
func Kind(level, source, feature byte) byte { return level | source<<3 | feature<<5 }

// Index layout.
const (
	IndexRowSize = 8
	EntryMask    = 1<<24 - 1
	FlagShift    = 24
	MaxKeyLen    = 255
)

// Match flags: how the key was derived from the entry.
const (
	FlagCanonical = 1 // the entry's own name (GeoNames name or ASCII name)
	FlagAlternate = 2 // an alternate name or curated alias
	FlagStripped  = 4 // a division's name with its type word removed ("Afrin District" → "Afrin")
	// FlagVariant marks an alternate that is the entry's own name in
	// another spelling or script: one sharing the canonical name's
	// skeleton ("Odessa" for "Odesa", "Kiev" for "Kyiv"), an Arabic-script
	// name, or a curated alias. Historical and foreign names that merely
	// coincide with another place's name ("Manchester", an old name of
	// Richmond, Virginia) are plain alternates.
	FlagVariant = 8
)

// filter.bin is a Bloom filter of the pairs (key, country) of both
// indexes: for each row of exact.bin its key and its entry's ISO country
// code, for each row of loose.bin likewise. A name whose key and skeleton
// are both absent from it for a country has no entry there, found with one
// read of a table that stays in the cache rather than probes of keys.bin and
// runs of loose rows scattered over 15 MB. It is FilterWords 64-bit words;
// a pair sets FilterProbes bits of one word (a blocked filter, so a look-up
// reads one cache line). With some 750,000 pairs, about 11 bits each, a
// quarter of the bits are set and one or two absent pairs in a hundred pass.
const (
	FilterWords  = 1 << 17 // 1 MiB
	FilterProbes = 3
)

// FilterBit gives the word of filter.bin and the bits in it of the pair
// (key of index which, country code cc as two bytes, high first).
func FilterBit[S string | []byte](which byte, key S, cc uint16) (word int, mask uint64) {
	const prime = 1099511628211
	h := KeyHash(which, key)
	h = (h ^ uint64(cc>>8)) * prime
	h = (h ^ uint64(cc&0xff)) * prime
	// FNV's low bits depend only on its input's low bits: mixed (the
	// finaliser of MurmurHash3) before bits are taken from anywhere.
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	word = int(h % FilterWords)
	for k := range FilterProbes {
		mask |= 1 << (h >> (64 - 6*(k+1)) & 63)
	}
	return word, mask
}
