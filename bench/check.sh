#!/usr/bin/env bash
# Times `tally check` end to end: process start to exit on the seed article
# (mean over many runs), and throughput over the fakes-dev article text.
# Usage: bench/check.sh [runs]   (needs ../shared beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
shared=../shared
seed=$shared/corpus/seed/sputnik-2018-04-07-raqqa-mines.txt
fakes=$shared/corpus/fakes-dev/fakes-dev.csv
bin=$(mktemp -d)/tally
go build -trimpath -ldflags="-s -w" -o "$bin" ./cmd/tally
echo "binary: $(du -h "$bin" | cut -f1)"

start=$(date +%s%N)
for _ in $(seq "$runs"); do "$bin" check --format json "$seed" >/dev/null; done
end=$(date +%s%N)
echo "seed, process start to exit: $(( (end - start) / runs / 1000 )) µs mean over $runs runs"

bytes=$(wc -c <"$fakes")
/usr/bin/time -f "%e s wall, %U s user, %M KB max resident" "$bin" check --format json "$fakes" >/dev/null 2>"$bin.time" || true
cat "$bin.time"
user=$(awk '{print $4}' "$bin.time")
awk -v b="$bytes" -v u="$user" 'BEGIN { if (u > 0) printf "fakes-dev: %.1f MB of CSV per CPU-second\n", b / 1e6 / u }'
echo "Go benchmarks (compare runs with benchstat):"
go test -run '^$' -bench 'BenchmarkCheck' -benchmem -count 3 ./internal/extract/ | tee "$bin.bench" | grep -E '^Benchmark'
