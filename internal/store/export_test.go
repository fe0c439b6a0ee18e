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
