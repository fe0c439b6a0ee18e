package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// maxCandidates is how many stored documents a new one is compared with at
// most: one per report group, the oldest first.
const maxCandidates = 64

// Grouping is what a reader found of a document's report group before the
// writer stores it (FindGroup), so that the single writer need not look:
// the candidates among the documents stored up to Upto, and the verdict of
// the same-report test on them. The writer completes it with the documents
// stored after Upto, which it remembers.
type Grouping struct {
	Upto  int64 // the candidates are those among documents 1..Upto
	Group int64 // the group of the first candidate found the same report; 0 when none was
	// Seen are the groups whose candidates were compared, when none was
	// the same report.
	Seen []int64
}

// candidateQuery selects one candidate per report group sharing one of n
// band keys: its earliest document with such a key, the oldest candidates
// first. report_bands holds a row per band key and group, so this reads
// neither documents nor a row per copy of a report. On SQLite the band
// keys are given twice: for report_bands and for report_bands_recent.
func candidateQuery(dialect Dialect, n int) string {
	bands := `SELECT group_id, doc_id FROM report_bands WHERE band IN (` + placeholders(n) + `)`
	if dialect == SQLite {
		bands += ` UNION ALL SELECT group_id, doc_id FROM report_bands_recent WHERE band IN (` + placeholders(n) + `)`
	}
	return `SELECT c.first, c.group_id, s.minhash FROM (
			SELECT group_id, min(doc_id) AS first FROM (` + bands + `) b
			GROUP BY group_id ORDER BY first LIMIT ` + fmt.Sprint(maxCandidates) + `) c
		JOIN doc_sigs s ON s.doc_id = c.first
		ORDER BY c.first`
}

// FindGroup looks for d's report group among the stored documents, on a
// reading connection, and leaves what it found in d.Grouping for Save. It
// is for the many workers that prepare documents, so that the one writer
// only writes. It does nothing on PostgreSQL, whose writers may run side by
// side with ids that do not commit in order: there Save looks itself.
//
// It finds what candidateQuery finds, in Go rather than with SQL's GROUP
// BY and sorts, and skips the band keys of s.bands: a common band key (a
// stock phrase, a wire story's lead) is shared by hundreds of report
// groups, and reading and sorting all of them for each new document cost
// more than extracting its claims.
func (s *Store) FindGroup(ctx context.Context, d *Doc, same SameReport) error {
	d.Grouping = nil
	if s.dialect != SQLite || same == nil || len(d.Bands) == 0 || len(d.MinHash) == 0 {
		return nil
	}
	g, err := s.lookup(ctx, d.Bands)
	if err != nil {
		return fmt.Errorf("report group of %s: %w", d.Origin, err)
	}
	for _, c := range g.cands {
		sig, ok, err := s.bands.signature(ctx, s, c.doc)
		if err != nil {
			return fmt.Errorf("report group of %s: %w", d.Origin, err)
		}
		if !ok {
			continue // as candidateQuery's join leaves it out
		}
		if same(d.MinHash, sig) {
			g.Group, g.Seen = c.group, nil
			break
		}
		g.Seen = append(g.Seen, c.group)
	}
	d.Grouping = &g.Grouping
	return nil
}

// found is a lookup's candidates, and the Grouping it makes of them.
type found struct {
	Grouping
	cands []candidate
}

// lookup is the candidates for bands among the stored documents, from the
// band index when it is loaded, else by statement.
func (s *Store) lookup(ctx context.Context, bands []uint64) (found, error) {
	if cands, upto, ok := s.index.find(bands); ok {
		return found{Grouping{Upto: upto}, cands}, nil
	}
	// Documents get ids in the order they commit (one writer at a time,
	// rowids one above the largest), so every document up to the largest
	// id read here is committed, and the candidates among them are final.
	var upto sql.NullInt64
	maxID, err := s.preparedFixed(ctx, `SELECT max(id) FROM documents`)
	if err != nil {
		return found{}, err
	}
	if err := maxID.QueryRowContext(ctx).Scan(&upto); err != nil {
		return found{}, err
	}
	f := found{Grouping: Grouping{Upto: upto.Int64}}
	if upto.Valid {
		if f.cands, err = s.candidates(ctx, bands, upto.Int64); err != nil {
			return found{}, err
		}
	}
	if s.index.wantLoad(upto.Int64) {
		// This lookup's answer stands: the index answers the next.
		if err := s.index.load(ctx, s); err != nil {
			return found{}, err
		}
	}
	return f, nil
}

// candidate is a report group sharing a band key with a document, and the
// group's earliest document with such a key.
type candidate struct{ doc, group int64 }

// candidates are what candidateQuery selects for bands among the documents
// up to upto: one per report group sharing a band key, its earliest
// document with one, at most maxCandidates, the oldest first.
func (s *Store) candidates(ctx context.Context, bands []uint64, upto int64) ([]candidate, error) {
	first := make(map[int64]int64, 4*len(bands))
	offer := func(c candidate) {
		if f, ok := first[c.group]; !ok || c.doc < f {
			first[c.group] = c.doc
		}
	}
	args := make([]any, 0, len(bands)+1)
	for _, b := range bands {
		if cs, ok := s.bands.full(b); ok {
			// Kept by a lookup that saw more documents, maybe: the
			// oldest of them are still this band's oldest up to upto.
			for _, c := range cs {
				if c.doc <= upto {
					offer(c)
				}
			}
			continue
		}
		args = append(args, int64(b))
	}
	if len(args) > 0 {
		// One statement shape per number of bands: the list is padded
		// with a key it holds already.
		for len(args) < len(bands) {
			args = append(args, args[0])
		}
		args = append(args, upto)
		args = append(args, args...)
		in := `band IN (` + placeholders(len(bands)) + `) AND doc_id <= ?`
		st, err := s.preparedFixed(ctx, `SELECT band, group_id, doc_id FROM report_bands WHERE `+in+`
			UNION ALL SELECT band, group_id, doc_id FROM report_bands_recent WHERE `+in)
		if err != nil {
			return nil, err
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return nil, err
		}
		// A band key and group may have a row in both tables.
		byBand := map[uint64]map[int64]int64{}
		for rows.Next() {
			var band int64
			var c candidate
			if err := rows.Scan(&band, &c.group, &c.doc); err != nil {
				rows.Close()
				return nil, err
			}
			offer(c)
			groups := byBand[uint64(band)]
			if groups == nil {
				groups = map[int64]int64{}
				byBand[uint64(band)] = groups
			}
			if f, ok := groups[c.group]; !ok || c.doc < f {
				groups[c.group] = c.doc
			}
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
		for b, groups := range byBand {
			if len(groups) >= maxCandidates {
				s.bands.keep(b, groups)
			}
		}
	}
	out := make([]candidate, 0, len(first))
	for group, doc := range first {
		out = append(out, candidate{doc, group})
	}
	slices.SortFunc(out, func(a, b candidate) int { return cmp.Compare(a.doc, b.doc) })
	return out[:min(len(out), maxCandidates)], nil
}

// bandMemo remembers, for band keys shared by at least maxCandidates
// report groups, the maxCandidates of them whose earliest document with
// the key is oldest, and the signatures of documents compared lately.
//
// A band's rows never change and new ones are of new documents, with ids
// above every stored one: the oldest maxCandidates groups of a band stay
// its oldest for good. And they are all a lookup needs of it: a group
// among a lookup's maxCandidates oldest candidates has fewer than
// maxCandidates older ones in all, so also fewer in the band where its
// earliest document is. Documents are never deleted, so a document id's
// signature never changes either.
type bandMemo struct {
	mu    sync.Mutex
	bands map[uint64][]candidate
	sigs  map[int64]memoSig
}

type memoSig struct {
	sig []byte
	ok  bool // false: the document has no signature
}

// The memo's bounds: at about a kilobyte a band and half a kilobyte a
// signature, a few megabytes. When full it starts again, which keeps
// what is in use.
const (
	memoBands = 4096
	memoSigs  = 8192
)

// full is the band's oldest groups if it has at least maxCandidates.
func (m *bandMemo) full(band uint64) ([]candidate, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cs, ok := m.bands[band]
	return cs, ok
}

// keep remembers the oldest maxCandidates of a band's groups, given each
// group's earliest document with the band key up to some document.
func (m *bandMemo) keep(band uint64, groups map[int64]int64) {
	cs := make([]candidate, 0, len(groups))
	for group, doc := range groups {
		cs = append(cs, candidate{doc, group})
	}
	slices.SortFunc(cs, func(a, b candidate) int { return cmp.Compare(a.doc, b.doc) })
	cs = cs[:maxCandidates:maxCandidates]
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.bands == nil || len(m.bands) >= memoBands {
		m.bands = map[uint64][]candidate{}
	}
	m.bands[band] = cs
}

// signature is a stored document's MinHash signature; ok is false when it
// has none.
func (m *bandMemo) signature(ctx context.Context, s *Store, doc int64) (sig []byte, ok bool, err error) {
	m.mu.Lock()
	known, memo := m.sigs[doc]
	m.mu.Unlock()
	if memo {
		return known.sig, known.ok, nil
	}
	st, err := s.preparedFixed(ctx, `SELECT minhash FROM doc_sigs WHERE doc_id = ?`)
	if err != nil {
		return nil, false, err
	}
	switch err := st.QueryRowContext(ctx, doc).Scan(&sig); {
	case err == nil:
		ok = true
	case err != sql.ErrNoRows:
		return nil, false, err
	}
	m.mu.Lock()
	if m.sigs == nil || len(m.sigs) >= memoSigs {
		m.sigs = map[int64]memoSig{}
	}
	m.sigs[doc] = memoSig{sig, ok}
	m.mu.Unlock()
	return sig, ok, nil
}

// preparedFixed is query, one of the few fixed queries ingest's workers
// run for every document, prepared once on either dialect: they would
// otherwise be compiled again each time. The store's other reads go
// through prepared.
func (s *Store) preparedFixed(ctx context.Context, query string) (*sql.Stmt, error) {
	q := s.rebind(query)
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[q] = st
	return st, nil
}

// recentDocs are the documents this store's writer stored lately, with
// their band keys and signatures: what a Grouping made by a reader before
// they were committed did not see. It covers every document with an id
// above from; a document stored by another writer (another process) moves
// from past it.
type recentDocs struct {
	mu    sync.Mutex
	from  int64 // every document with a larger id is here
	last  int64 // the largest id here; -1 when unknown (start, or after a failed write)
	docs  map[int64]recentDoc
	bands map[uint64][]int64 // band key → ids, ascending
}

type recentDoc struct {
	group int64
	sig   []byte
	bands []uint64
}

// recentKeep is how many documents recentDocs keeps: many more than are
// between a worker's look and the writer's save (the channels' and a
// batch's worth).
const recentKeep = 4096

// begin is called in each write transaction, holding the write lock, with
// the largest document id stored: when it is not the last this writer
// stored, another writer stored documents, and what is here covers only
// those after max.
func (r *recentDocs) begin(max int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.last != max || r.docs == nil {
		r.docs, r.bands = map[int64]recentDoc{}, map[uint64][]int64{}
		r.from, r.last = max, max
	}
}

// fail forgets everything after a write failed: its documents were not
// stored.
func (r *recentDocs) fail() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.docs, r.bands, r.last = nil, nil, -1
}

// add remembers a document just written, and forgets the oldest when
// there are too many.
func (r *recentDocs) add(id, group int64, sig []byte, bands []uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.docs == nil {
		return
	}
	r.docs[id] = recentDoc{group, sig, bands}
	for _, b := range bands {
		r.bands[b] = append(r.bands[b], id)
	}
	r.last = id
	if len(r.docs) > 2*recentKeep {
		cut := id - recentKeep
		for old, d := range r.docs {
			if old > cut {
				continue
			}
			delete(r.docs, old)
			for _, b := range d.bands {
				ids := r.bands[b]
				i, _ := slices.BinarySearch(ids, cut+1)
				if i == len(ids) {
					delete(r.bands, b)
				} else {
					r.bands[b] = ids[i:]
				}
			}
		}
		r.from = max(r.from, cut)
	}
}

// complete finishes a reader's Grouping of d with the documents stored
// after it looked. ok is false when they are not all here: the writer
// must look itself.
func (r *recentDocs) complete(d *Doc, same SameReport) (group int64, ok bool) {
	g := d.Grouping
	if g == nil {
		return 0, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.docs == nil || g.Upto < r.from {
		return 0, false
	}
	if g.Group != 0 || len(g.Seen) >= maxCandidates {
		// Documents stored later are newer candidates than every one
		// the reader compared: the first match stands, and a full list
		// has no room for them.
		return g.Group, true
	}
	// One candidate per group not compared yet: its earliest document
	// sharing a band key, the oldest candidates first.
	first := map[int64]int64{}
	for _, b := range d.Bands {
		ids := r.bands[b]
		i, _ := slices.BinarySearch(ids, g.Upto+1)
		for _, id := range ids[i:] {
			grp := r.docs[id].group
			if slices.Contains(g.Seen, grp) {
				continue
			}
			if f, ok := first[grp]; !ok || id < f {
				first[grp] = id
			}
		}
	}
	cands := make([]int64, 0, len(first))
	for _, id := range first {
		cands = append(cands, id)
	}
	slices.Sort(cands)
	for _, id := range cands[:min(len(cands), maxCandidates-len(g.Seen))] {
		if c := r.docs[id]; same(d.MinHash, c.sig) {
			return c.group, true
		}
	}
	return 0, true
}
