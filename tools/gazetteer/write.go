package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tallyhq/tally/internal/place/layout"
	"github.com/tallyhq/tally/internal/place/namekey"
)

// row is one index row before it is written: a key and the entry it leads to.
type row struct {
	key   string
	entry int
	flags byte
}

// write orders the entries and writes entries.bin, names.bin, summary.bin,
// exact.bin, loose.bin, loosecc.bin, keys.bin, filter.bin and manifest.txt
// into dir.
func (b *builder) write(dir string) error {
	entries, err := b.finish()
	if err != nil {
		return err
	}

	// Display names, each distinct name stored once.
	var names bytes.Buffer
	nameOff := map[string]uint32{}
	offsetOf := func(s string) (uint32, error) {
		if off, ok := nameOff[s]; ok {
			return off, nil
		}
		if len(s) > 255 {
			return 0, fmt.Errorf("name %q longer than 255 bytes", s)
		}
		off := uint32(names.Len())
		names.WriteByte(byte(len(s)))
		names.WriteString(s)
		nameOff[s] = off
		return off, nil
	}

	recs := make([]byte, len(entries)*layout.RecordSize)
	sums := make([]byte, len(entries)*layout.SummarySize)
	var exact, loose []row
	for i, e := range entries {
		r := recs[i*layout.RecordSize : (i+1)*layout.RecordSize]
		off, err := offsetOf(e.name)
		if err != nil {
			return err
		}
		if len(e.cc) != 2 {
			return fmt.Errorf("entry %q has country code %q", e.name, e.cc)
		}
		le := binary.LittleEndian
		le.PutUint32(r[layout.OffGeonamesID:], uint32(e.gid))
		le.PutUint32(r[layout.OffLat:], uint32(int32(math.Round(e.lat*layout.CoordScale))))
		le.PutUint32(r[layout.OffLon:], uint32(int32(math.Round(e.lon*layout.CoordScale))))
		le.PutUint32(r[layout.OffPopulation:], uint32(min(e.pop, math.MaxUint32)))
		le.PutUint32(r[layout.OffName:], off)
		le.PutUint16(r[layout.OffAdmin1:], uint16(e.admin1+1))
		le.PutUint16(r[layout.OffAdmin2:], uint16(e.adm2+1))
		copy(r[layout.OffCountry:], e.cc)
		r[layout.OffKind] = layout.Kind(e.level, e.source, e.feature)
		r[layout.OffEvents] = byte(min(e.events, 255))
		summarise(sums[i*layout.SummarySize:(i+1)*layout.SummarySize], r, e.name)

		// Keys: each distinct key once per entry, with every way it was
		// reached.
		keys := map[string]byte{}
		for _, n := range e.names {
			k := namekey.Key(n.text)
			if k == "" || len(k) > layout.MaxKeyLen {
				continue
			}
			keys[k] |= n.flag
		}
		looseKeys := map[string]bool{}
		for k, f := range keys {
			exact = append(exact, row{k, i, f})
			if l := namekey.Loose(k); l != "" && len(l) <= layout.MaxKeyLen {
				looseKeys[l] = true
			}
		}
		sum := sums[i*layout.SummarySize:]
		bucket := layout.PriorBucket(layout.PriorKey(sum[layout.SumPopLog], sum[layout.SumEvents], sum[layout.SumKind]&7))
		for l := range looseKeys {
			loose = append(loose, row{l, i, layout.LooseFlags(e.level, e.feature) | bucket<<layout.PriorBucketShift})
		}
	}

	exactBin, exactKeys := indexBytes(exact, nil)
	looseBin, looseKeys := indexBytes(loose, func(entry int) byte {
		sum := sums[entry*layout.SummarySize:]
		return layout.PriorKey(sum[layout.SumPopLog], sum[layout.SumEvents], sum[layout.SumKind]&7)
	})
	keysBin, err := keyTable(exact, loose)
	if err != nil {
		return err
	}
	// The country of each loose row, as the entry index of the country
	// (indexBytes has sorted the rows).
	countryAt := map[string]byte{}
	for i, e := range entries {
		if e.level == layout.LevelCountry {
			if i >= layout.NoCountry {
				return fmt.Errorf("country %s is entry %d: loosecc.bin holds a byte", e.cc, i)
			}
			countryAt[e.cc] = byte(i)
		}
	}
	looseCC := make([]byte, len(loose))
	for j, r := range loose {
		c, ok := countryAt[entries[r.entry].cc]
		if !ok {
			c = layout.NoCountry
		}
		looseCC[j] = c
	}
	filter := filterTable(entries, exact, loose)
	files := []struct {
		name string
		data []byte
	}{
		{"entries.bin", recs},
		{"names.bin", names.Bytes()},
		{"summary.bin", sums},
		{"exact.bin", exactBin},
		{"loose.bin", looseBin},
		{"loosecc.bin", looseCC},
		{"keys.bin", keysBin},
		{"filter.bin", filter},
	}
	total := 0
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.name, err)
		}
		total += len(f.data)
	}

	counts := map[string]int{}
	for _, e := range entries {
		counts[levelName(e.level)+" from "+sourceName(e.source)]++
	}
	var m strings.Builder
	m.WriteString("# Gazetteer manifest, written by tools/gazetteer (go generate ./internal/place/). Do not edit.\n\n")
	m.WriteString("## Inputs\n")
	for _, in := range b.inputs {
		fmt.Fprintf(&m, "- %s\n", in)
	}
	m.WriteString("\n## Build\n")
	for _, s := range b.stats {
		fmt.Fprintf(&m, "- %s\n", s)
	}
	m.WriteString("\n## Entries\n")
	for _, k := range sortedKeys(counts) {
		fmt.Fprintf(&m, "- %s: %d\n", k, counts[k])
	}
	fmt.Fprintf(&m, "- total: %d\n", len(entries))
	m.WriteString("\n## Files\n")
	for _, f := range files {
		fmt.Fprintf(&m, "- %s: %d bytes\n", f.name, len(f.data))
	}
	fmt.Fprintf(&m, "- total: %d bytes\n", total)
	fmt.Fprintf(&m, "- exact index: %d rows, %d distinct keys\n", len(exact), exactKeys)
	fmt.Fprintf(&m, "- loose index: %d rows, %d distinct keys\n", len(loose), looseKeys)
	if err := os.WriteFile(filepath.Join(dir, "manifest.txt"), []byte(m.String()), 0o644); err != nil {
		return fmt.Errorf("writing manifest.txt: %w", err)
	}
	fmt.Fprint(os.Stderr, m.String())
	return nil
}

// summarise writes the summary of the entry whose record is r and whose
// display name is name (see layout.SummarySize).
func summarise(sum, r []byte, name string) {
	le := binary.LittleEndian
	pop := le.Uint32(r[layout.OffPopulation:])
	// Rounded up and one more, so that the summary never understates the
	// population however the runtime rounds its logarithm.
	popLog := byte(math.Ceil(math.Log10(1+float64(pop))*layout.PopLogScale)) + 1
	if pop >= layout.BigPlace {
		popLog |= layout.SumBig
	}
	sum[layout.SumPopLog] = popLog
	sum[layout.SumEvents] = r[layout.OffEvents]
	sum[layout.SumKind] = r[layout.OffKind]
	if k := namekey.Key(name); k != "" {
		sum[layout.SumInitial] = k[0]
	}
	copy(sum[layout.SumCountry:layout.SumCountry+2], r[layout.OffCountry:layout.OffCountry+2])
	copy(sum[layout.SumAdmin1:layout.SumAdmin1+2], r[layout.OffAdmin1:layout.OffAdmin1+2])
}

// keyTable lays out keys.bin (see layout.KeySlots) for the sorted rows of
// the exact and loose indexes.
func keyTable(exact, loose []row) ([]byte, error) {
	slots := make([]uint32, layout.KeySlots)
	n := 0
	for which, rows := range [][]row{exact, loose} {
		for i, r := range rows {
			if i > 0 && r.key == rows[i-1].key {
				continue
			}
			if i+1 > layout.SlotRowMask {
				return nil, fmt.Errorf("index %d has %d rows: too many for keys.bin", which, len(rows))
			}
			n++
			if n > layout.KeySlots*3/4 {
				return nil, fmt.Errorf("%d keys: keys.bin is too full", n)
			}
			h := layout.KeyHash(byte(which), r.key)
			v := uint32(i+1) | layout.SlotTag(h)
			if which == 1 {
				v |= layout.SlotLoose
			}
			j := int(h % layout.KeySlots)
			for slots[j] != 0 {
				j = (j + 1) % layout.KeySlots
			}
			slots[j] = v
		}
	}
	out := make([]byte, 4*len(slots))
	for j, v := range slots {
		binary.LittleEndian.PutUint32(out[4*j:], v)
	}
	return out, nil
}

// filterTable lays out filter.bin (see layout.FilterWords): the pairs of
// each row's key and its entry's country.
func filterTable(entries []*entry, exact, loose []row) []byte {
	words := make([]uint64, layout.FilterWords)
	for which, rows := range [][]row{exact, loose} {
		for _, r := range rows {
			cc := entries[r.entry].cc
			w, mask := layout.FilterBit(byte(which), r.key, uint16(cc[0])<<8|uint16(cc[1]))
			words[w] |= mask
		}
	}
	out := make([]byte, 8*len(words))
	for j, v := range words {
		binary.LittleEndian.PutUint64(out[8*j:], v)
	}
	return out
}

// indexBytes sorts rows and lays them out as layout describes, returning
// the bytes and the number of distinct keys. Rows of one key are ordered
// by prior, highest first, when prior is given, then by entry.
func indexBytes(rows []row, prior func(entry int) byte) ([]byte, int) {
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].key != rows[j].key {
			return rows[i].key < rows[j].key
		}
		if prior != nil {
			if pi, pj := prior(rows[i].entry), prior(rows[j].entry); pi != pj {
				return pi > pj
			}
		}
		return rows[i].entry < rows[j].entry
	})
	var blob bytes.Buffer
	out := make([]byte, 4+len(rows)*layout.IndexRowSize)
	le := binary.LittleEndian
	le.PutUint32(out, uint32(len(rows)))
	distinct := 0
	var keyOff uint32
	for i, r := range rows {
		if i == 0 || r.key != rows[i-1].key {
			keyOff = uint32(blob.Len())
			blob.WriteByte(byte(len(r.key)))
			blob.WriteString(r.key)
			distinct++
		}
		p := out[4+i*layout.IndexRowSize:]
		le.PutUint32(p, keyOff)
		le.PutUint32(p[4:], uint32(r.entry)|uint32(r.flags)<<layout.FlagShift)
	}
	return append(out, blob.Bytes()...), distinct
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func levelName(l byte) string {
	return [...]string{"place", "admin2", "admin1", "country", "region"}[l]
}

func sourceName(s byte) string {
	return [...]string{"GeoNames", "UCDP GED", "curated tables"}[s]
}
