#!/usr/bin/env bash
# Measures what `tally check` costs before it reads a word: package init
# (GODEBUG=inittrace=1), process start to exit of `tally version` and of
# `tally check` on the seed article (mean over many runs, next to a Go
# hello-world for the floor), and, when valgrind is installed, the
# instructions each executes, which a busy machine does not blur.
# Usage: bench/startup.sh [runs]   (needs ../shared beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100}
seed=../shared/corpus/seed/sputnik-2018-04-07-raqqa-mines.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/tally
go build -o "$bin" ./cmd/tally

mkdir "$tmp/hello"
printf 'module hello\n\ngo 1.22\n' >"$tmp/hello/go.mod"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' >"$tmp/hello/main.go"
(cd "$tmp/hello" && go build -o "$tmp/hello/hello" .)

echo "package init, ms (best of 5 runs of tally version):"
for _ in 1 2 3 4 5; do GODEBUG=inittrace=1 "$bin" version 2>&1 >/dev/null; done |
	awk '/^init / && ($2 ~ /tallyhq|readability/) { ms = $5 + 0; if (!($2 in best) || ms < best[$2]) { best[$2] = ms; line[$2] = sprintf("  %-50s %7.3f ms %9d bytes %6d allocs", $2, ms, $8, $10) } }
	     END { for (p in line) print line[p] }' | sort

mean() { # mean wall-clock microseconds of runs of "$@"
	local start end
	start=$(date +%s%N)
	for _ in $(seq "$runs"); do "$@" >/dev/null; done
	end=$(date +%s%N)
	echo $(((end - start) / runs / 1000))
}
echo "process start to exit, mean over $runs runs:"
echo "  hello world:        $(mean "$tmp/hello/hello") µs"
echo "  tally version:      $(mean "$bin" version) µs"
echo "  tally check (seed): $(mean "$bin" check --format json "$seed") µs"

if command -v valgrind >/dev/null; then
	# Without cgo and asynchronous preemption, which valgrind's signal
	# handling trips over.
	CGO_ENABLED=0 go build -o "$tmp/tally-static" ./cmd/tally
	instr() {
		GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			awk '/Collected/ { print $4 }'
	}
	echo "instructions (callgrind):"
	echo "  tally version:      $(instr "$tmp/tally-static" version)"
	echo "  tally check (seed): $(instr "$tmp/tally-static" check --format json "$seed")"
fi
