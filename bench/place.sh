#!/usr/bin/env bash
# Measures what place resolution adds to `tally check` on the fakes-dev text: how much of
# BenchmarkCheckFakesDev (each pass cold, as a run of tally check is) is spent inside the
# calls into package place (Resolve, IsKnownIn, Capital, Admin1Of).
#
#   1. CPU time: a CPU profile over many passes; the share of extract.Check's samples that
#      are under package place (noisy on a shared machine: run it several times).
#   2. Instructions, when valgrind is installed: callgrind counts of runs of 3 and 5 passes
#      (their difference is two passes, set-up cancelled out), all and only inside the calls
#      into place (--toggle-collect), with GOGC=off and no asynchronous preemption, so the
#      figure is the same on a busy machine; cache misses are not in it.
#
# "place adds X%" is place / (Check - place): how much faster Check would be without it.
# Usage: bench/place.sh [passes]   (needs ../shared beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/extract.test" ./internal/extract/
cd internal/extract

"$tmp/extract.test" -test.run '^$' -test.bench BenchmarkCheckFakesDev -test.benchtime "${passes}x" \
	-test.cpuprofile "$tmp/cpu.prof" | grep '^Benchmark'
samples() { # seconds of samples with a frame matching $1
	go tool pprof -top -nodefraction=0 -edgefraction=0 -focus "$1" "$tmp/extract.test" "$tmp/cpu.prof" 2>/dev/null |
		awk '/Showing nodes accounting for/ { gsub(/s,/, "", $5); print $5 }'
}
check=$(samples 'extract\.Check$')
place=$(samples 'tally/internal/place\.')
awk -v c="$check" -v p="$place" 'BEGIN { printf "CPU time over %s passes: Check %.2fs, in place %.2fs = %.1f%% of Check (place adds %.1f%%)\n", "'"$passes"'", c, p, 100*p/c, 100*p/(c-p) }'

if command -v valgrind >/dev/null; then
	CGO_ENABLED=0 go test -c -o "$tmp/extract.static.test" .
	run() { # instructions of $1 passes, with callgrind options $2...
		GOGC=off GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "${@:2}" \
			"$tmp/extract.static.test" -test.run '^$' -test.bench BenchmarkCheckFakesDev -test.benchtime "$1x" 2>&1 >/dev/null |
			awk '/Collected/ { print $4 }'
	}
	t=()
	for f in Resolve IsKnownIn Capital Admin1Of; do t+=("--toggle-collect=github.com/tallyhq/tally/internal/place.$f"); done
	a3=$(run 3) a5=$(run 5) p3=$(run 3 "${t[@]}") p5=$(run 5 "${t[@]}")
	awk -v a3="$a3" -v a5="$a5" -v p3="$p3" -v p5="$p5" 'BEGIN { c = (a5 - a3) / 2; p = (p5 - p3) / 2
		printf "instructions per pass: Check %.1fM, in place %.1fM = %.1f%% of Check (place adds %.1f%%)\n", c / 1e6, p / 1e6, 100 * p / c, 100 * p / (c - p) }'
fi
