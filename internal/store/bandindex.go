package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"unsafe"

	"modernc.org/memory"
)

// bandIndex holds in memory what FindGroup's candidates query reads from
// report_bands and report_bands_recent, so that a lookup costs no
// statement: SQLite through the pure-Go driver spent about 0.3 ms a
// document on the query's 64 index probes and its rows, as much as the
// writer spends on a document's claims.
//
// It keeps, of each band key, the report groups whose earliest document
// with the key are the maxCandidates oldest: all a lookup needs of it (see
// bandMemo), and a bound on the work of a key that stock phrases make
// common. A group and its document are 32 bits each, so an entry is 16
// bytes: 2 million entries at 100,000 documents stored, 32 MB.
//
// Its sorted entries live outside the Go heap (allocMu, alloc): counted
// in it they would raise the collector's goal by as much again, and an
// ingest of 100,000 documents went from 250 to 350 MB resident.
//
// It covers every document up to upto. The store's writer adds its batches
// as it commits them (committed); when another writer (another process)
// stored documents in between, the index cannot know their keys and is
// dropped, to be loaded again later.
type bandIndex struct {
	mu    sync.RWMutex
	state indexState
	// lookups counts the lookups made by statement while the index is not
	// loaded: loading reads every band row once, which pays only when
	// many lookups follow (loadAfter).
	lookups int64
	upto    int64
	// base is sorted by band key, then by entry (the document first);
	// delta holds the entries added since base was made, by band key, in
	// the order added, which is the documents' order: every one of its
	// documents is newer than every one of base's.
	base   []bandEntry
	dir    []uint32 // where in base each prefix of dirBits bits starts: see search
	delta  map[uint64][]uint64
	deltaN int
	// pending are the batches committed while the index loaded.
	pending []indexBatch

	allocMu sync.Mutex
	alloc   memory.Allocator // base's memory
}

// entrySize is a bandEntry's size in bytes.
const entrySize = int(unsafe.Sizeof(bandEntry{}))

// makeEntries is an empty slice of room for n entries, outside the Go
// heap: freeEntries gives it back.
func (ix *bandIndex) makeEntries(n int) ([]bandEntry, error) {
	if n == 0 {
		return nil, nil
	}
	ix.allocMu.Lock()
	defer ix.allocMu.Unlock()
	b, err := ix.alloc.Malloc(n * entrySize)
	if err != nil {
		return nil, fmt.Errorf("band index: %w", err)
	}
	return unsafe.Slice((*bandEntry)(unsafe.Pointer(unsafe.SliceData(b))), n)[:0], nil
}

// freeEntries gives back what makeEntries made.
func (ix *bandIndex) freeEntries(e []bandEntry) {
	if cap(e) == 0 {
		return
	}
	ix.allocMu.Lock()
	defer ix.allocMu.Unlock()
	_ = ix.alloc.Free(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(e[:1]))), cap(e)*entrySize))
	// Returned to the system at once: a freed region would otherwise
	// stay resident for reuse.
	_ = ix.alloc.Trim()
}

// reserveEntries is an empty slice with room for maxIndexEntries, which
// base lives in for good: memory the system maps is resident only once
// written, so the room costs nothing until used, and base grows and takes
// in delta in place (merge), never copied whole.
func (ix *bandIndex) reserveEntries() ([]bandEntry, error) {
	return ix.makeEntries(maxIndexEntries)
}

// close gives back the index's memory.
func (ix *bandIndex) close() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.drop()
}

// drop forgets the entries; ix.mu is held.
func (ix *bandIndex) drop() {
	ix.freeEntries(ix.base)
	ix.base, ix.dir, ix.delta, ix.deltaN = nil, nil, nil, 0
}

type indexState int

const (
	indexUnloaded indexState = iota
	indexLoading
	indexLoaded
	indexOff // too large for memory, or an id beyond 32 bits
)

// bandEntry is a band key and one of its groups, with the group's
// earliest document with the key: doc<<32 | group.
type bandEntry struct{ band, val uint64 }

func packEntry(doc, group int64) uint64 { return uint64(doc)<<32 | uint64(group) }

// bandEntryVal is a bandEntry's val.
type bandEntryVal uint64

func (v bandEntryVal) doc() int64   { return int64(v >> 32) }
func (v bandEntryVal) group() int64 { return int64(v & math.MaxUint32) }

// indexBatch is one committed batch's band rows: its documents are those
// after before, up to last.
type indexBatch struct {
	before, last int64
	rows         []bandRow
}

// maxIndexEntries bounds the index's memory, 16 bytes an entry (96 MB,
// three times what 100,000 documents need): beyond it lookups use
// statements.
var maxIndexEntries = 6 << 20

// indexMergeMin is how many entries delta holds at least before they join
// base: each merge copies base.
var indexMergeMin = 1 << 13

// loadAfter is how many lookups by statement, for each document stored,
// come before the index is loaded: loading costs about as much as 1 in 16
// of the lookups it spares, so a small ingest into a large store does not
// pay for it, and an ingest into an empty store loads it at once.
var loadAfter = 1.0 / 16

// find is d's candidates and the id up to which they are final, when the
// index is loaded.
func (ix *bandIndex) find(bands []uint64) (cands []candidate, upto int64, ok bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.state != indexLoaded {
		return nil, 0, false
	}
	first := make(map[int64]int64, 2*len(bands))
	offer := func(v bandEntryVal) {
		if f, ok := first[v.group()]; !ok || v.doc() < f {
			first[v.group()] = v.doc()
		}
	}
	for _, b := range bands {
		n := 0
		for i := ix.search(b); i < len(ix.base) && ix.base[i].band == b && n < maxCandidates; i++ {
			offer(bandEntryVal(ix.base[i].val))
			n++
		}
		for _, v := range ix.delta[b] {
			if n == maxCandidates {
				break
			}
			offer(bandEntryVal(v))
			n++
		}
	}
	cands = make([]candidate, 0, len(first))
	for group, doc := range first {
		cands = append(cands, candidate{doc, group})
	}
	slices.SortFunc(cands, func(a, b candidate) int { return cmp.Compare(a.doc, b.doc) })
	return cands[:min(len(cands), maxCandidates)], ix.upto, true
}

// dirBits is how many of a band key's top bits index dir: a binary
// search over all of base missed the processor's caches at nearly every
// step, and was half the cost of a lookup at 100,000 documents. The top
// 8 bits are the band's number, the rest its hash.
const dirBits = 18

// search is where band's entries start in base.
func (ix *bandIndex) search(band uint64) int {
	if len(ix.dir) == 0 {
		return len(ix.base)
	}
	p := band >> (64 - dirBits)
	lo, hi := int(ix.dir[p]), int(ix.dir[p+1])
	return lo + sort.Search(hi-lo, func(i int) bool { return ix.base[lo+i].band >= band })
}

// index makes dir for base.
func (ix *bandIndex) index() {
	if len(ix.base) == 0 {
		ix.dir = nil
		return
	}
	if ix.dir == nil {
		ix.dir = make([]uint32, 1<<dirBits+1)
	}
	i := 0
	for p := range ix.dir {
		for i < len(ix.base) && ix.base[i].band>>(64-dirBits) < uint64(p) {
			i++
		}
		ix.dir[p] = uint32(i)
	}
}

// wantLoad counts a lookup by statement, with the largest document id it
// saw, and reports whether the caller is to load the index now; it then
// must call loaded.
func (ix *bandIndex) wantLoad(upto int64) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.state != indexUnloaded {
		return false
	}
	ix.lookups++
	if float64(ix.lookups) < loadAfter*float64(upto) {
		return false
	}
	ix.state = indexLoading
	return true
}

// load reads every band row of the store and makes the index of them. The
// rows and the largest document id come from one statement, which reads
// one snapshot of the database.
func (ix *bandIndex) load(ctx context.Context, s *Store) error {
	entries, upto, err := ix.read(ctx, s)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	pending := ix.pending
	ix.pending = nil
	if err != nil {
		ix.state = indexUnloaded
		if errors.Is(err, errIndexTooLarge) {
			ix.state = indexOff
			err = nil
		}
		return err
	}
	ix.base, ix.delta, ix.deltaN, ix.upto = entries, map[uint64][]uint64{}, 0, upto
	ix.index()
	ix.state = indexLoaded
	for _, b := range pending {
		ix.add(b)
	}
	return nil
}

var errIndexTooLarge = errors.New("band index too large")

// read reads the band rows, and the largest document id of the same
// snapshot: one statement reads one.
func (ix *bandIndex) read(ctx context.Context, s *Store) ([]bandEntry, int64, error) {
	entries, err := ix.reserveEntries()
	if err != nil {
		return nil, 0, err
	}
	upto, err := func() (int64, error) {
		rows, err := s.db.QueryContext(ctx, `SELECT 0, 0, coalesce(max(id), 0), 0 FROM documents
			UNION ALL SELECT 1, band, group_id, doc_id FROM report_bands
			UNION ALL SELECT 1, band, group_id, doc_id FROM report_bands_recent`)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		var upto int64
		for rows.Next() {
			var band, group, doc int64
			var isBand bool
			if err := rows.Scan(&isBand, &band, &group, &doc); err != nil {
				return 0, err
			}
			if !isBand {
				upto = group
				continue
			}
			if group < 0 || group > math.MaxUint32 || doc < 0 || doc > math.MaxUint32 || len(entries) >= maxIndexEntries {
				return 0, errIndexTooLarge
			}
			entries = append(entries, bandEntry{uint64(band), packEntry(doc, group)})
		}
		if err := rows.Err(); err != nil {
			return 0, err
		}
		if upto > math.MaxUint32 {
			return 0, errIndexTooLarge
		}
		return upto, nil
	}()
	if err != nil {
		ix.freeEntries(entries)
		if errors.Is(err, errIndexTooLarge) {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("band index: %w", err)
	}
	return compact(entries), upto, nil
}

// compact sorts entries by band key and document and keeps, of each band
// key, one entry per group (its earliest document: a group may have a row
// in both tables) and maxCandidates groups at most.
func compact(entries []bandEntry) []bandEntry {
	slices.SortFunc(entries, func(a, b bandEntry) int {
		return cmp.Or(cmp.Compare(a.band, b.band), cmp.Compare(a.val, b.val))
	})
	out := entries[:0]
	start := 0 // where the current band key starts in out
	for _, e := range entries {
		if len(out) == 0 || out[len(out)-1].band != e.band {
			start = len(out)
		}
		if len(out)-start >= maxCandidates {
			continue
		}
		dup := false
		for _, o := range out[start:] {
			if bandEntryVal(o.val).group() == bandEntryVal(e.val).group() {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

// committed tells the index of a batch the store's writer committed:
// documents after before up to last, with their band rows.
func (ix *bandIndex) committed(b indexBatch) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	switch ix.state {
	case indexLoading:
		ix.pending = append(ix.pending, b)
	case indexLoaded:
		ix.add(b)
	}
}

// add adds a committed batch to the loaded index, or drops the index when
// documents it does not know were stored before the batch.
func (ix *bandIndex) add(b indexBatch) {
	switch {
	case b.last <= ix.upto:
		return // loaded after the batch was committed
	case b.before != ix.upto || b.last > math.MaxUint32:
		// Another writer stored the documents in between.
		ix.state, ix.lookups = indexUnloaded, 0
		ix.drop()
		return
	}
	for _, r := range b.rows {
		if !ix.has(uint64(r.band), r.group) {
			ix.delta[uint64(r.band)] = append(ix.delta[uint64(r.band)], packEntry(r.doc, r.group))
			ix.deltaN++
		}
	}
	ix.upto = b.last
	if ix.deltaN > indexMergeMin+len(ix.base)/64 {
		if err := ix.merge(); err != nil {
			ix.state = indexOff
			ix.drop()
			return
		}
	}
	if len(ix.base)+ix.deltaN >= maxIndexEntries {
		ix.state = indexOff
		ix.drop()
	}
}

// has reports whether the band key has an entry for the group, or has
// maxCandidates entries: then a new one would never be among its oldest.
func (ix *bandIndex) has(band uint64, group int64) bool {
	n := 0
	for i := ix.search(band); i < len(ix.base) && ix.base[i].band == band; i++ {
		if bandEntryVal(ix.base[i].val).group() == group {
			return true
		}
		n++
	}
	for _, v := range ix.delta[band] {
		if bandEntryVal(v).group() == group {
			return true
		}
		n++
	}
	return n >= maxCandidates
}

// merge moves delta's entries into base, in place: from the back, so
// that every entry moves once, to its place in the merged order.
func (ix *bandIndex) merge() error {
	add := make([]bandEntry, 0, ix.deltaN)
	for band, vals := range ix.delta {
		for _, v := range vals {
			add = append(add, bandEntry{band, v})
		}
	}
	slices.SortFunc(add, func(a, b bandEntry) int {
		return cmp.Or(cmp.Compare(a.band, b.band), cmp.Compare(a.val, b.val))
	})
	if ix.base == nil {
		var err error
		if ix.base, err = ix.reserveEntries(); err != nil {
			return err
		}
	}
	if len(ix.base)+len(add) > cap(ix.base) {
		return errIndexTooLarge
	}
	i, k := len(ix.base)-1, len(ix.base)+len(add)-1
	ix.base = ix.base[:k+1]
	for j := len(add) - 1; j >= 0; k-- {
		// A band's delta entries go after its base entries: their
		// documents are newer.
		if i >= 0 && ix.base[i].band > add[j].band {
			ix.base[k] = ix.base[i]
			i--
		} else {
			ix.base[k] = add[j]
			j--
		}
	}
	ix.delta, ix.deltaN = map[uint64][]uint64{}, 0
	ix.index()
	return nil
}
