#!/usr/bin/env bash
# Vendors the web UI's front-end libraries (and the browser tests' axe-core) from npm, at the versions pinned in
# package.json and package-lock.json, into internal/serve/web/vendor, with
# their licences. The UI then needs no network: `tally serve` embeds them.
# Run after changing a version: tools/webvendor/vendor.sh
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
out=../../internal/serve/web/vendor
rm -rf "$out"
mkdir -p "$out/leaflet/images" "$out/uplot" "$out/topojson-client" "$out/world-atlas"
nm=node_modules
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$out/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$out/leaflet/images/"
cp "$nm/uplot/dist/uPlot.iife.min.js" "$nm/uplot/dist/uPlot.min.css" "$nm/uplot/LICENSE" "$out/uplot/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$nm/topojson-client/LICENSE" "$out/topojson-client/"
# Natural Earth 1:50m country boundaries (public domain), as TopoJSON.
cp "$nm/world-atlas/countries-50m.json" "$nm/world-atlas/LICENSE" "$out/world-atlas/"
# The accessibility rules the browser tests run on every page: test data,
# not part of the binary.
axe=../../internal/serve/testdata/axe
rm -rf "$axe" && mkdir -p "$axe"
cp "$nm/axe-core/axe.min.js" "$nm/axe-core/LICENSE" "$axe/"
node -e "const p=require('./$nm/axe-core/package.json'); console.log(p.name+'@'+p.version+' ('+p.license+')')" >"$axe/VERSION"
{
  echo "Vendored by tools/webvendor/vendor.sh from the npm registry; do not edit."
  for p in leaflet uplot topojson-client world-atlas; do
    node -e "const p=require('./$nm/$p/package.json'); console.log(p.name+'@'+p.version+' ('+p.license+')')"
  done
} >"$out/VERSIONS"
cat "$out/VERSIONS"
