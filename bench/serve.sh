#!/usr/bin/env bash
# Load test of `tally serve` on loopback: builds a store of N documents
# (a corpus made from the fakes-dev articles by bench/corpus, then
# `tally ingest`), starts `tally serve` on it, and drives C concurrent
# clients for D against the claims and documents endpoints
# (bench/serveload), reporting errors, p50/p90/p99 per endpoint and the
# server's peak resident memory. The target: zero errors, p99 under 100 ms
# and under 500 MB with 100,000 documents and 50 clients for 30 s.
# Usage: bench/serve.sh [documents] [clients] [duration] [workdir]
#   bench/serve.sh 100000 50 30s      (needs ../shared beside the repository)
# SERVE_FLAGS adds flags to `tally serve`: SERVE_FLAGS="--debug-addr
# 127.0.0.1:6060" lets `go tool pprof` take a CPU profile under the load.
# TALLY=/path/to/tally serves that build rather than this tree's.
# SERVELOAD_FLAGS adds flags to the load: SERVELOAD_FLAGS="-spread 0.5" asks
# half the loops for a document the response cache has most likely not seen.
# INGEST_DURING=1 measures a server that is written to while it is read:
# during the load, `tally ingest --workers 1` stores documents the store
# does not hold (a slice of the bench corpus past its first N) into a copy
# of the store, fed at INGEST_RATE documents a second (default 20; 0: as
# fast as it goes). Its commits, four a second, empty the response cache.
# The copy is deleted afterwards, so that the store stays as built.
# The store is kept in workdir and reused by later runs of the same size.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
clients=${2:-50}
duration=${3:-30s}
dir=${4:-/tmp/tally-serve-bench}
mkdir -p "$dir"
# TALLY names a tally binary to serve instead of this tree's, so that
# runs of an old and a new build can alternate on one store.
tally=$dir/tally
if [ -n "${TALLY:-}" ]; then
  tally=$TALLY
else
  go build -trimpath -ldflags="-s -w" -o "$tally" ./cmd/tally
fi
go build -o "$dir/serveload" ./bench/serveload
db=$dir/bench-$n.db
if [ ! -s "$db" ]; then
  corpus=$dir/corpus-$n.jsonl
  [ -s "$corpus" ] || go run ./bench/corpus -n "$n" -o "$corpus"
  echo "--- ingesting $n documents into $db"
  "$tally" ingest --quiet --db "$db" "$corpus"
fi
served=$db
if [ -n "${INGEST_DURING:-}" ]; then
  extra=20000
  slice=$dir/slice-$n-$extra.jsonl
  if [ ! -s "$slice" ]; then
    # The corpus's articles are drawn in one sequence: the first n of a
    # longer corpus are the store's, the rest are new to it.
    go run ./bench/corpus -n $((n + extra)) -o "$slice.all"
    tail -n +$((n + 1)) "$slice.all" >"$slice"
    rm "$slice.all"
  fi
  served=$dir/ingest-during-$n.db
  rm -f "$served" "$served-wal" "$served-shm"
  cp "$db" "$served"
fi
port=${PORT:-18080}
# shellcheck disable=SC2086 # SERVE_FLAGS holds several words.
"$tally" serve --db "$served" --addr "127.0.0.1:$port" --read-only ${SERVE_FLAGS:-} >"$dir/serve.log" 2>&1 &
pid=$!
feeder=
ingester=
cleanup() {
  kill $pid $feeder $ingester 2>/dev/null || true
  if [ -n "${INGEST_DURING:-}" ]; then
    wait $ingester 2>/dev/null || true
    rm -f "$served" "$served-wal" "$served-shm" "$dir/feed.$$"
  fi
}
trap cleanup EXIT
# Opening the store (its migrations) took over 10 s once on a loaded
# machine: wait up to 60 s, and say so rather than load a closed port.
for _ in $(seq 600); do
  grep -q "tally serve: http" "$dir/serve.log" && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
if ! grep -q "tally serve: http" "$dir/serve.log"; then
  echo "tally serve did not start:" >&2
  cat "$dir/serve.log" >&2
  exit 1
fi
echo "--- $clients clients for $duration against $(basename "$served")"
# The machine's other work competes with the server and the load for its
# cores: the load average and the CPU time each used say how much.
echo "cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# utime and stime of a process, in clock ticks (fields 14 and 15).
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
if [ -n "${INGEST_DURING:-}" ]; then
  rate=${INGEST_RATE:-20}
  mkfifo "$dir/feed.$$"
  # A document at a time, rate a second, so that the store grows as a
  # watched feed makes it grow rather than as fast as extraction goes.
  (
    i=0
    while IFS= read -r line; do
      printf '%s\n' "$line"
      if [ "$rate" -gt 0 ] && [ $((++i % rate)) -eq 0 ]; then sleep 1; fi
    done <"$slice"
  ) >"$dir/feed.$$" &
  feeder=$!
  "$tally" ingest --quiet --workers 1 --db "$served" - <"$dir/feed.$$" >"$dir/ingest.log" 2>&1 &
  ingester=$!
fi
before=$(cpu $pid)
status=0
TIMEFORMAT="serveload CPU: %U s user, %S s system over %R s"
# shellcheck disable=SC2086 # SERVELOAD_FLAGS holds several words.
time "$dir/serveload" -url "http://127.0.0.1:$port" -c "$clients" -d "$duration" ${SERVELOAD_FLAGS:-} || status=$?
hz=$(getconf CLK_TCK)
used=$(($(cpu $pid) - before))
if [ -n "$ingester" ]; then
  # The feed ends: the ingest stores what it has read and says so.
  kill $feeder 2>/dev/null || true
  wait $feeder 2>/dev/null || true
  wait $ingester || echo "tally ingest failed:" >&2
  echo "ingest during the load: $(tail -n 1 "$dir/ingest.log")"
fi
echo "server CPU: $((used / hz)).$(printf %02d $((used * 100 / hz % 100))) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# VmHWM is the process's peak resident set so far.
peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
echo "server peak resident memory: $((peak / 1024)) MB"
kill -INT $pid
wait $pid || true
exit $status
