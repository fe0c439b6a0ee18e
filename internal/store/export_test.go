package store

// SetFewCandidates sets the bound under which a period's index is read
// rather than walking newest first, so that tests reach both plans with a
// handful of rows; it returns a function restoring the bound.
func SetFewCandidates(n int) (restore func()) {
	old := fewCandidates
	fewCandidates = n
	return func() { fewCandidates = old }
}

// MemoBands is how many common band keys FindGroup remembers.
func (s *Store) MemoBands() int {
	s.bands.mu.Lock()
	defer s.bands.mu.Unlock()
	return len(s.bands.bands)
}

// SetBandsMergeRows sets how many band rows wait in report_bands_recent
// before they join report_bands, so that tests merge with a few; it
// returns a function restoring the bound.
func SetBandsMergeRows(n int) (restore func()) {
	old := bandsMergeRows
	bandsMergeRows = n
	return func() { bandsMergeRows = old }
}

// SetBandIndex sets how many lookups by statement, for each document
// stored, come before the band index is loaded (0: at once; +Inf: never),
// how many entries it holds before it gives up, and how many new ones
// wait before they are merged; it returns a function restoring them.
func SetBandIndex(loadAfterDocs float64, maxEntries, mergeMin int) (restore func()) {
	old1, old2, old3 := loadAfter, maxIndexEntries, indexMergeMin
	loadAfter, maxIndexEntries, indexMergeMin = loadAfterDocs, maxEntries, mergeMin
	return func() { loadAfter, maxIndexEntries, indexMergeMin = old1, old2, old3 }
}

// BandIndexLoaded reports whether the band index is loaded, and how many
// entries it holds.
func (s *Store) BandIndexLoaded() (bool, int) {
	s.index.mu.RLock()
	defer s.index.mu.RUnlock()
	return s.index.state == indexLoaded, len(s.index.base) + s.index.deltaN
}
