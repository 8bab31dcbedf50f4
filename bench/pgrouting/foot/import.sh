#!/usr/bin/env bash
# Usage: bench/pgrouting/foot/import.sh PBF DB_URL [SCHEMA] [germany=true|false]
#
# Imports an OSM PBF into pgRouting as a walking network, independently of our GraphHopper export, into SCHEMA
# (default pgr_foot) of the database at DB_URL (postgresql://user[:password]@host:port/db; postgis and pgrouting
# must exist there; hstore is created if missing):
#   1. osmium cat PBF -> OSM XML (osm2pgrouting reads XML only),
#   2. osm2pgrouting with mapconfig-foot.xml (--addnodes --tags: keeps every way's and node's tags),
#   3. foot-rules.sql: GraphHopper 11's foot rules re-expressed over the tags (access, sac_scale, bridleways in
#      Germany, blocking barriers, small subnetworks) -> table SCHEMA.foot_edges (cost = ellipsoid metres).
# The result is cached: SCHEMA.foot_import remembers the SHA-256 of the PBF, the map config and the rules, and a
# second run with the same inputs only prints "reused". Needs osmium-tool and osm2pgrouting (Debian packages).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PBF=${1:?PBF}
URL=${2:?DB_URL}
SCHEMA=${3:-pgr_foot}
GERMANY=${4:-false}
[[ $SCHEMA =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad schema name: $SCHEMA" >&2; exit 2; }
[[ $GERMANY == true || $GERMANY == false ]] || { echo "germany must be true or false" >&2; exit 2; }
for tool in osmium osm2pgrouting psql sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool (apt-get install osmium-tool osm2pgrouting)" >&2; exit 3; }
done

# postgresql://user[:password]@host[:port]/db
re='^postgres(ql)?://([^:@/]+)(:([^@]*))?@([^:/]+)(:([0-9]+))?/([^?]+)'
[[ $URL =~ $re ]] || { echo "cannot parse DB_URL (postgresql://user[:password]@host:port/db)" >&2; exit 2; }
DB_USER=${BASH_REMATCH[2]} DB_PASS=${BASH_REMATCH[4]} DB_HOST=${BASH_REMATCH[5]} DB_PORT=${BASH_REMATCH[7]:-5432}
DB_NAME=${BASH_REMATCH[8]}
export PGPASSWORD=$DB_PASS
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME")

KEY="$(sha256sum "$PBF" | cut -c1-64) $(cat "$HERE/mapconfig-foot.xml" "$HERE/foot-rules.sql" | sha256sum | cut -c1-64) germany=$GERMANY"
have=$("${PSQL[@]}" -At -c "SELECT CASE WHEN to_regclass('$SCHEMA.foot_import') IS NULL THEN '' ELSE (SELECT input_key FROM $SCHEMA.foot_import) END" 2>/dev/null || true)
if [[ $have == "$KEY" ]]; then
  echo "reused $SCHEMA.foot_edges ($("${PSQL[@]}" -At -c "SELECT count(*) FROM $SCHEMA.foot_edges") edges)"
  exit 0
fi

T0=$SECONDS
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
osmium cat -O "$PBF" -o "$WORK/input.osm"
PGOPTIONS="-c client_min_messages=warning" "${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS hstore" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"
args=(-f "$WORK/input.osm" -c "$HERE/mapconfig-foot.xml" --schema "$SCHEMA" --addnodes --tags --clean
  -d "$DB_NAME" -U "$DB_USER" -h "$DB_HOST" -p "$DB_PORT")
[[ -n $DB_PASS ]] && args+=(-W "$DB_PASS")
if ! osm2pgrouting "${args[@]}" >"$WORK/osm2pgrouting.log" 2>&1; then
  tail -20 "$WORK/osm2pgrouting.log" >&2
  echo "osm2pgrouting failed" >&2
  exit 1
fi
PGOPTIONS="-c search_path=$SCHEMA,public -c client_min_messages=warning" "${PSQL[@]}" -v germany="$GERMANY" -f "$HERE/foot-rules.sql"
"${PSQL[@]}" -c "CREATE TABLE $SCHEMA.foot_import (input_key text NOT NULL, imported_at timestamptz NOT NULL DEFAULT now())" \
  -c "INSERT INTO $SCHEMA.foot_import (input_key) VALUES ('$KEY')"
echo "imported $SCHEMA.foot_edges ($("${PSQL[@]}" -At -c "SELECT count(*) FROM $SCHEMA.foot_edges") edges) in $((SECONDS - T0)) s"
