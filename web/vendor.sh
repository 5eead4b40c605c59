#!/usr/bin/env bash
# Copy the front-end libraries npm installed (web/node_modules, from package-lock.json) into
# the package's static files, where `newsevents serve` serves them: nothing comes from a CDN.
set -euo pipefail
cd "$(dirname "$0")"
out=../src/newsevents/web/static/vendor
rm -rf "$out"
mkdir -p "$out/leaflet" "$out/leaflet.markercluster" "$out/topojson-client" "$out/world-atlas"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
  node_modules/leaflet/LICENSE "$out/leaflet/"
cp -r node_modules/leaflet/dist/images "$out/leaflet/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
  node_modules/leaflet.markercluster/dist/MarkerCluster.css \
  node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
  node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/leaflet.markercluster/"
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE \
  "$out/topojson-client/"
cp node_modules/world-atlas/countries-110m.json node_modules/world-atlas/LICENSE \
  "$out/world-atlas/"
