//go:build !race

package testshared

// RaceEnabled reports whether the tests run under the race detector, which
// makes them some ten times slower: tests that read the full shared data
// sets skip under it, and .ci/run runs them once without it.
const RaceEnabled = false
