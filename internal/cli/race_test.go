//go:build race

package cli

// raceEnabled: the race detector slows the SQLite driver some twentyfold.
const raceEnabled = true

// killDocsRace is the size of the SIGKILL test's corpus under -race.
const killDocsRace = 300
