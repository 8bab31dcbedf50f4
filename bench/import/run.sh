#!/usr/bin/env bash
# Usage: SC_DB_URL=postgresql://user@127.0.0.1:5432/db bench/import/run.sh [ROWS]
#
# Times POST /v1/sites/import of ROWS (default 10,000) generated sites over real HTTP on 127.0.0.1, three times:
# a dry run, the committing import (all created) and the same file again (all unchanged), and beside it, as the
# anchor, POST /v1/population/import of the same number of points (an upsert of the same size in the same
# service). Builds the jar if needed, starts it on port 18089 with development tokens (a throwaway secret) and
# stops it afterwards. Prints a Markdown table and writes it to bench/import/results/<UTC time>.md.
# The database should be a scratch one (its sites are not removed). Loopback only.
set -euo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$PROJECT_DIR"
ROWS=${1:-10000}
PORT=18089
: "${SC_DB_URL:?set SC_DB_URL to a scratch PostGIS database}"
JAR=target/service-circle-0.1.0-SNAPSHOT.jar
WORK=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[[ -f $JAR && -z $(find src pom.xml -newer "$JAR" -print -quit) ]] || mvn -B -q -DskipTests package

export SC_DEV_TOKEN_SECRET="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SC_DEV_TOKENS=true SC_RATE_LIMIT=false java -jar "$JAR" --server.port=$PORT >"$WORK/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  curl -fs "127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { tail -50 "$WORK/service.log"; exit 1; }

RUN=$(date -u +%H%M%S)
python3 - "$ROWS" "$RUN" "$WORK" <<'PY'
import csv, sys
rows, run, work = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cells = list(csv.DictReader(open("geo-data/haishu/population.synthetic.csv")))
with open(f"{work}/sites.csv", "w") as f:
    f.write("external_id,category,subtype,name,address,lon,lat,staff,opening_hours,phone\n")
    # 10 % more candidates than rows: cells near the border, shifted, may fall outside the district
    for k in range(rows + rows // 10):
        c = cells[k % len(cells)]
        # spread repeated cells a little (< 100 m) so every site has its own point
        lon = float(c["lon"]) + (k // len(cells)) * 0.0003
        f.write(f"bench-{run}-{k},elder_care,elder_canteen,基准食堂-{run}-{k},海曙区基准路{k}号,{lon:.6f},{c['lat']},4,Mo-Su 10:30-13:00,0574-8{k % 10000000:07d}\n")
PY
ADMIN=$(SC_JWT_ISSUER=service-circle-dev bin/dev-token --role admin --name bench)
# keep the first ROWS candidates a dry run accepts (two halves: an import holds at most 10,000 rows); the
# population anchor gets the same points
{ head -1 "$WORK/sites.csv"; sed -n "2,$((ROWS / 2 + 1))p" "$WORK/sites.csv"; } >"$WORK/half1.csv"
{ head -1 "$WORK/sites.csv"; sed -n "$((ROWS / 2 + 2)),\$p" "$WORK/sites.csv"; } >"$WORK/half2.csv"
for h in half1 half2; do
  curl -s -o "$WORK/$h.json" -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: text/csv' \
       --data-binary "@$WORK/$h.csv" "127.0.0.1:$PORT/v1/sites/import?dryRun=true"
done
python3 - "$ROWS" "$WORK" <<'PY'
import csv, json, sys
rows, work = int(sys.argv[1]), sys.argv[2]
keep = []
for h in ("half1", "half2"):
    check = json.load(open(f"{work}/{h}.json"))
    if "rows" not in check:
        sys.exit(f"the dry run failed: {check}")
    bad = {e["row"] for e in check["errors"]}
    records = list(csv.DictReader(open(f"{work}/{h}.csv")))
    keep += [r for i, r in enumerate(records, start=1) if i not in bad]
keep = keep[:rows]
assert len(keep) == rows, f"only {len(keep)} valid candidates"
with open(f"{work}/sites.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(records[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(keep)
with open(f"{work}/population.csv", "w") as f:
    f.write("id,lon,lat,age_0_2,age_3_5,age_6_14,age_15_59,age_60_64,age_65_plus\n")
    for r in keep:
        f.write(f"{r['external_id']},{r['lon']},{r['lat']},1,1,2,10,1,2\n")
PY

post() { # url file -> "seconds http_code summary"; first waits until the service is ready again (its index has
  # taken in the previous import), so one request's aftermath is not timed as part of the next
  for _ in $(seq 1 60); do curl -fs "127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 0.5; done
  sleep 2
  curl -s -o "$WORK/out.json" -w '%{time_total} %{http_code}' -X POST -H "Authorization: Bearer $ADMIN" \
       -H 'Content-Type: text/csv' --data-binary "@$2" "127.0.0.1:$PORT$1"
  echo -n " $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print({k: d.get(k) for k in ("created","updated","unchanged","valid")})' "$WORK/out.json")"
}
size=$(stat -c %s "$WORK/sites.csv")
r1=$(post "/v1/sites/import?dryRun=true" "$WORK/sites.csv")
r2=$(post "/v1/sites/import" "$WORK/sites.csv")
r3=$(post "/v1/sites/import" "$WORK/sites.csv")
a1=$(post "/v1/population/import" "$WORK/population.csv")
a2=$(post "/v1/population/import" "$WORK/population.csv")

mkdir -p bench/import/results
out="bench/import/results/$(date -u +%Y-%m-%dT%H%MZ).md"
{
  echo "# Site import benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
  echo
  echo "$ROWS rows, CSV $size bytes, over HTTP on 127.0.0.1 (curl time_total: upload, parse, validate, place,"
  echo "write, answer); $(nproc) cores shared with PostgreSQL and the client."
  echo
  echo "| request | seconds | status | outcome |"
  echo "|---|---:|---:|---|"
  for line in "sites dry run|$r1" "sites commit (all new)|$r2" "sites again (all unchanged)|$r3" \
              "anchor: population commit (all new)|$a1" "anchor: population again (all unchanged)|$a2"; do
    name=${line%%|*}; rest=${line#*|}
    read -r secs code summary <<<"$rest"
    echo "| $name | $secs | $code | ${rest#* * } |"
  done
} | tee "$out"
