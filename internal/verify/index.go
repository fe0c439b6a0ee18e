package verify

import (
	"slices"
	"time"
)

// recordIndex finds the records that may match a claim: those of its
// country whose days can overlap its own, by binary search on the start.
type recordIndex struct {
	byCountry map[string][]Record // sorted by Start
	maxSpan   map[string]time.Duration
}

func newRecordIndex(recs []Record) *recordIndex {
	idx := &recordIndex{byCountry: map[string][]Record{}, maxSpan: map[string]time.Duration{}}
	for _, r := range recs {
		idx.byCountry[r.Country] = append(idx.byCountry[r.Country], r)
		if span := r.End.Sub(r.Start); span > idx.maxSpan[r.Country] {
			idx.maxSpan[r.Country] = span
		}
	}
	for _, rs := range idx.byCountry {
		slices.SortFunc(rs, func(a, b Record) int { return a.Start.Compare(b.Start) })
	}
	return idx
}

func (idx *recordIndex) candidates(it *Item) []Record {
	rs := idx.byCountry[it.Country]
	from := it.Start.Add(-idx.maxSpan[it.Country])
	lo, _ := slices.BinarySearchFunc(rs, from, func(r Record, t time.Time) int { return r.Start.Compare(t) })
	hi, _ := slices.BinarySearchFunc(rs, it.End.AddDate(0, 0, 1), func(r Record, t time.Time) int { return r.Start.Compare(t) })
	if hi < lo {
		return nil
	}
	return rs[lo:hi]
}
