#!/usr/bin/env bash
# Takes the README's screenshots of the web UI: builds tally, stores a
# corpus (by default the fakes-dev articles of ../shared, else the
# repository's examples), verifies it against UCDP GED when ../shared has
# it, serves it on loopback and has headless Chromium (.ci/chromium
# installs it) shoot each page into docs/screenshots/.
# Usage: docs/screenshots.sh [corpus...]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/tally" ./cmd/tally
shared=../shared
corpus=("$@")
if [ ${#corpus[@]} -eq 0 ]; then
  if [ -f "$shared/corpus/fakes-dev/fakes-dev.csv" ]; then
    corpus=("$shared/corpus/fakes-dev/fakes-dev.csv" "$shared/corpus/seed/")
  else
    corpus=(examples)
  fi
fi
db="$work/tally.db"
"$work/tally" ingest --quiet --db "$db" "${corpus[@]}"
if [ -f "$shared/data/ucdp/ged-syria-2016-2019.csv" ]; then
  "$work/tally" records import --db "$db" --format ucdp "$shared/data/ucdp/ged-syria-2016-2019.csv" >/dev/null
fi
"$work/tally" verify --db "$db" >/dev/null
port=${PORT:-18199}
"$work/tally" serve --db "$db" --addr "127.0.0.1:$port" --read-only >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "tally serve: http" "$work/serve.log" && break; sleep 0.1; done
base="http://127.0.0.1:$port"
chrome=$(.ci/chromium)
api() { curl -fsS "$base/api/v1/$1"; }
# The pages to shoot: an article with a flag, the incident with most sources.
doc=$(api 'documents?limit=500' | python3 -c 'import json,sys; d=json.load(sys.stdin)["items"]; print(max(d, key=lambda x: x["claims"])["id"])')
inc=$(api 'incidents?grade=contested&limit=500' | python3 -c 'import json,sys; d=json.load(sys.stdin)["items"]; print(max(d, key=lambda x: len(x["sources"]))["id"] if d else 1)')
shoot() { # name path [width,height]
  "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
    --window-size="${3:-1280,860}" --virtual-time-budget=8000 --screenshot="docs/screenshots/$1.png" "$base$2" 2>/dev/null
  echo "docs/screenshots/$1.png: $2"
}
shoot map /
shoot timeline '/timeline?admin1=Aleppo&from=2016-01-01&to=2016-12-31'
shoot article "/documents/$doc"
shoot incident "/incidents/$inc"
shoot review /review
shoot documents /documents
shoot phone "/documents/$doc" 412,860
shoot check '/check?published=2019-03-18&text=At%20least%2019%20people%20were%20killed%20and%2034%20wounded%20on%20Sunday%20when%20rockets%20hit%20a%20market%20in%20Maarat%20al-Numan%2C%20the%20Syrian%20Observatory%20for%20Human%20Rights%20said.%20Activists%20said%20the%20toll%20could%20rise.'
