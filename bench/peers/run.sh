#!/usr/bin/env bash
# Compares tally's number and time-expression extractors with JavaScript
# peers (compromise for numbers, chrono-node for dates) on the same article
# text, printing MB/s for each.
# Usage: bench/peers/run.sh [file.csv]   (default: ../shared fakes-dev.csv
# beside the repository). Needs node and npm; installs the pinned peers into
# bench/peers/node_modules on first run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
csv=${1:-$repo/../shared/corpus/fakes-dev/fakes-dev.csv}
csv=$(cd "$(dirname "$csv")" && pwd)/$(basename "$csv")
[ -r "$csv" ] || { echo "run.sh: cannot read $csv" >&2; exit 2; }

cd "$here"
if [ ! -d node_modules/compromise ] || [ ! -d node_modules/chrono-node ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
echo "== JavaScript peers (node $(node --version))"
node peers.mjs "$csv"

echo "== tally (go test -bench BenchmarkFind)"
cd "$repo"
# TALLY_BENCH_CSV points the Go benchmarks that honour it at the same file.
TALLY_BENCH_CSV=$csv go test -run '^$' -bench BenchmarkFind \
	./internal/extract/number/ ./internal/extract/timex/ |
	grep -E '^(pkg:|Benchmark|FAIL|---)' || true
