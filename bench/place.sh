#!/usr/bin/env bash
# Measures what place resolution adds to `tally check` on the fakes-dev text, each pass cold
# (memos reset), as a run of tally check is:
#
#   1. CPU time: a CPU profile of BenchmarkCheckFakesDev; place work is the samples under
#      (*docContext).resolveGeo or resolvePlaces or in package place (noisy on a shared
#      machine: run it several times, and note the load).
#   2. CPU time of BenchmarkGeoFakesDev: the same place work replayed on its own, the rest of
#      extraction done once beforehand (its data warmer in the caches than within Check).
#   3. Instructions, when valgrind is installed: callgrind totals of runs of 3 and 5 passes of
#      each benchmark (their difference is two passes, set-up cancelled out), with GOGC=off, no
#      asynchronous preemption and GOMAXPROCS=1 (idle threads spinning for work under valgrind
#      added hundreds of millions of instructions to some runs), so the figures are the same on
#      a busy machine, to a tenth of a percent. No call graph
#      is needed: callgrind's is not to be trusted for Go (goroutine stacks move and grow, so
#      --toggle-collect on a function can be left switched the wrong way for the rest of a
#      run, which once gave 11,277M "in place" per pass of a 420M pass). Cache misses are not
#      in it.
#
# "place adds X%" is place / (Check - place): how much faster Check would be without it.
# Usage: bench/place.sh [passes]   (needs ../shared beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
go test -c -o "$tmp/extract.test" ./internal/extract/
cd internal/extract

"$tmp/extract.test" -test.run '^$' -test.bench 'BenchmarkCheckFakesDev$' -test.benchtime "${passes}x" \
	-test.cpuprofile "$tmp/cpu.prof" | grep '^Benchmark'
samples() { # seconds of samples with a frame matching $1
	go tool pprof -top -nodefraction=0 -edgefraction=0 -focus "$1" "$tmp/extract.test" "$tmp/cpu.prof" 2>/dev/null |
		awk '/Showing nodes accounting for/ { gsub(/s,/, "", $5); print $5 }'
}
check=$(samples 'extract\.Check$')
place=$(samples 'extract\.\(\*docContext\)\.resolve(Geo|Places)$|tally/internal/place\.')
awk -v c="$check" -v p="$place" -v n="$passes" 'BEGIN { printf "CPU time over %d passes: Check %.2fs, place work %.2fs = %.1f ms/pass = %.1f%% of Check (place adds %.1f%%)\n", n, c, p, 1000*p/n, 100*p/c, 100*p/(c-p) }'
"$tmp/extract.test" -test.run '^$' -test.bench 'BenchmarkGeoFakesDev$' -test.benchtime "${passes}x" | grep '^Benchmark'

if command -v valgrind >/dev/null; then
	CGO_ENABLED=0 go test -c -o "$tmp/extract.static.test" .
	run() { # instructions of $2 passes of benchmark $1
		local n
		n=$(GOMAXPROCS=1 GOGC=off GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			"$tmp/extract.static.test" -test.run '^$' -test.bench "$1\$" -test.benchtime "$2x" 2>&1 >/dev/null |
			awk '/Collected/ { print $4 }')
		if [ -z "$n" ]; then
			echo "valgrind gave no count for $2 passes of $1" >&2
			exit 1
		fi
		echo "$n"
	}
	# One assignment a line: set -e sees a failed count only so.
	a3=$(run BenchmarkCheckFakesDev 3)
	a5=$(run BenchmarkCheckFakesDev 5)
	p3=$(run BenchmarkGeoFakesDev 3)
	p5=$(run BenchmarkGeoFakesDev 5)
	awk -v a3="$a3" -v a5="$a5" -v p3="$p3" -v p5="$p5" 'BEGIN { c = (a5 - a3) / 2; p = (p5 - p3) / 2
		printf "instructions per pass: Check %.1fM, place work %.1fM = %.1f%% of Check (place adds %.1f%%)\n", c / 1e6, p / 1e6, 100 * p / c, 100 * p / (c - p) }'
fi
