//go:build !race

package cli

const raceEnabled = false

const killDocsRace = 300
