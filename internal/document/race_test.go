//go:build race

package document

// raceEnabled: the race detector makes reading some ten times slower, so
// the largest tests read fewer rows under it.
const raceEnabled = true
