#!/usr/bin/env bash
# Times `tally verify` at scale: a store of about 100,000 claims (a corpus
# built from fakes-dev text, see bench/corpus) and the 16,566 UCDP events of
# ../shared, on SQLite; reports wall time and peak resident memory.
# Usage: bench/verify.sh [articles] [workdir]   (17000 articles give about 100,000 claims)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-17000}
dir=${2:-$(mktemp -d /tmp/tally-verify.XXXXXX)}
mkdir -p "$dir"
go build -trimpath -ldflags="-s -w" -o "$dir/tally" ./cmd/tally
corpus=$dir/corpus-$n.jsonl
[ -s "$corpus" ] || go run ./bench/corpus -n "$n" -o "$corpus"
db=$dir/verify.db
if [ ! -s "$db" ]; then
  "$dir/tally" ingest --quiet --db "$db" "$corpus"
  "$dir/tally" records import --db "$db" ../shared/data/ucdp/ged-syria-2016-2019.csv
fi
echo "--- tally verify"
/usr/bin/time -f "%e s wall, %U s user, %M KB max resident" "$dir/tally" verify --db "$db" 2>&1 | head -4
