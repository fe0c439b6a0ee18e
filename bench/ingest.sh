#!/usr/bin/env bash
# Times `tally ingest` and `tally claims` at scale on SQLite: builds a corpus
# from the fakes-dev article text (every article different, real prose),
# ingests it into a new store (documents/s, peak resident memory), ingests it
# again (all duplicates: nothing new), and times filtered claim queries
# (p50/p95/p99 per filter shape, a page of 100 rows, newest first).
# Usage: bench/ingest.sh [articles] [workdir]   (needs ../shared beside the repository)
#   articles: 100000 by default; 200000 gives about a million claims for the query timings.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
dir=${2:-$(mktemp -d /tmp/tally-bench.XXXXXX)}
mkdir -p "$dir"
go build -trimpath -ldflags="-s -w" -o "$dir/tally" ./cmd/tally
corpus=$dir/corpus-$n.jsonl
[ -s "$corpus" ] || go run ./bench/corpus -n "$n" -o "$corpus"
echo "corpus: $n articles, $(du -h "$corpus" | cut -f1) in $corpus"
rm -f "$dir/bench.db" "$dir/bench.db-wal" "$dir/bench.db-shm"

# Other work on the machine slows the wall clock down: the CPU time per
# article (user + system) is the steadier measure, with the load beside it.
run() {
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB max resident" \
    "$dir/tally" ingest --quiet --db "$dir/bench.db" "$corpus" 2>"$dir/time.txt"
  tail -1 "$dir/time.txt"
  tail -1 "$dir/time.txt" | awk -v n="$n" '{ printf "=> %.0f articles/s, %.2f ms CPU per article\n", n / $1, ($4 + $7) * 1000 / n }'
}
echo "--- first ingest"
run
echo "--- the same input again"
run
echo "--- store: $(du -h "$dir/bench.db" | cut -f1), $(du -b "$dir/bench.db" | awk -v n="$n" '{ printf "%.1f KB", $1 / n / 1024 }') per article"
echo "--- filtered claim queries"
go run ./bench/querybench -db "$dir/bench.db" -n 300
