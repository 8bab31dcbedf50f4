#!/usr/bin/env bash
# Usage: bench/pgrouting/run.sh [DB_URL]   (default postgresql://postgres@127.0.0.1:5432/sc_pgrouting_bench)
#
# Coverage field vs pgRouting, side by side in one run, on the SAME edges (our walk graph of the Heidelberg test PBF,
# exported; cost = metres, undirected), the 25 kindergartens as start vertices, 300 m:
#   1. exports edges / start vertices / our covered node set (PgRoutingComparison.main),
#   2. loads the edges into PostgreSQL + pgRouting (the database is recreated; needs a superuser for the extension),
#   3. times pgr_drivingDistance(edges, starts, 300, directed := false, equicost := true) 30 times (psql \timing),
#   4. times our multi-source field with JMH (PgRoutingComparison.engineFieldFromAllKindergartens),
#   5. compares the covered node sets and writes bench/pgrouting/results-<UTC date>.md.
# Loopback only. Needs postgresql-15-pgrouting (bin/pg-private or .ci/run install it).
set -euo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$PROJECT_DIR"
URL=${1:-postgresql://postgres@127.0.0.1:5432/sc_pgrouting_bench}
DB=${URL##*/}
ADMIN=${URL%/*}/postgres
OUT=target/pgr
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat cp.txt)"
java -cp "$CP" cn.servicecircle.reach.bench.PgRoutingComparison "$OUT" 2>/dev/null
psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
psql -X -q "$URL" -c "CREATE EXTENSION pgrouting CASCADE" \
  -c "CREATE TABLE walk_edges (id integer PRIMARY KEY, source integer NOT NULL, target integer NOT NULL, cost float8 NOT NULL)" \
  -c "\copy walk_edges FROM '$OUT/edges.csv' WITH (FORMAT csv)" -c "ANALYZE walk_edges"
STARTS=$(cat "$OUT/starts.txt")
QUERY="SELECT count(*) FROM pgr_drivingDistance('SELECT id, source, target, cost FROM walk_edges', ARRAY[$STARTS], 300, directed := false, equicost := true)"
# covered set: every vertex within 300 m of its nearest start
psql -X -q -At "$URL" -c "\copy (SELECT node, agg_cost FROM pgr_drivingDistance('SELECT id, source, target, cost FROM walk_edges', ARRAY[$STARTS], 300, directed := false, equicost := true) ORDER BY node) TO '$OUT/pgrouting.csv' WITH (FORMAT csv)"
# timing: 5 warm-up calls, then 30 measured
{ echo '\timing on'; for i in $(seq 1 35); do echo "$QUERY;"; done; } | psql -X -q "$URL" 2>&1 | grep -o 'Time: [0-9.]*' | tail -30 | awk '{print $2}' | sort -n > "$OUT/pgr-times.txt"
PGR_MEDIAN=$(awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}' "$OUT/pgr-times.txt")
java -cp "$CP" org.openjdk.jmh.Main 'cn.servicecircle.reach.bench.PgRoutingComparison' -wi 3 -i 5 -f 1 -w 2s -r 2s \
  -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.txt" 2>&1
OURS_MS=$(grep -E 'engineFieldFromAllKindergartens +avgt' "$OUT/jmh.txt" | awk '{print $4, $5, $6}')
python3 - "$OUT" "$PGR_MEDIAN" "$OURS_MS" <<'PY'
import sys, csv, datetime
out, pgr_median, ours = sys.argv[1], float(sys.argv[2]), sys.argv[3]
ours_ms = float(ours.split()[0])
ourset = {int(r[0]): float(r[1]) for r in csv.reader(open(out + "/ours.csv"))}
pgrset = {int(r[0]): float(r[1]) for r in csv.reader(open(out + "/pgrouting.csv"))}
both = set(ourset) & set(pgrset)
diff = set(ourset) ^ set(pgrset)
maxdev = max((abs(ourset[n] - pgrset[n]) for n in both), default=0)
date = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
lines = [f"## Coverage field vs pgRouting, {date}", "",
 "Same edges (our Heidelberg walk graph, 43,237 edges, cost = metres, undirected), 25 kindergartens as start",
 "vertices, 300 m; `bench/pgrouting/run.sh`. pgRouting: median of 30 calls after 5 warm-up (psql `\\timing`, includes",
 "reading the edge table and building its graph, as every call does). Ours: JMH average (one multi-source Dijkstra",
 "on the in-memory graph, what a coverage refresh runs per subtype).", "",
 "| | figure |", "|---|---|",
 f"| pgRouting 3.4 `pgr_drivingDistance` (equicost) | {pgr_median:.1f} ms |",
 f"| service-circle `TravelTimeField` (multi-source) | {ours} ms |",
 f"| ratio | {pgr_median / ours_ms:.0f}× faster |",
 f"| covered nodes: ours / pgRouting / in both | {len(ourset)} / {len(pgrset)} / {len(both)} |",
 f"| nodes covered by only one side | {len(diff)} ({100.0 * len(diff) / max(1, len(set(ourset) | set(pgrset))):.2f} %) |",
 f"| common nodes whose distances differ by more than 1 cm | {sum(1 for n in both if abs(ourset[n] - pgrset[n]) > 0.01)} |",
 f"| largest distance difference on common nodes | {maxdev:.3f} m |", ""]
text = "\n".join(lines)
print(text)
open(f"bench/pgrouting/results-{datetime.datetime.utcnow():%Y-%m-%d}.md", "w").write(text)
PY
