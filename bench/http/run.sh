#!/usr/bin/env bash
# Usage: bench/http/run.sh [options]
#
# HTTP benchmark, same run, same machine: our /v1/reach and /v1/nearby against GraphHopper 11.0's own
# server /isochrone, both on geo-data/heidelberg/heidelberg.test.pbf. Everything on 127.0.0.1.
#
#   --warmup S        warm-up seconds per server, split over its endpoints (default 60; GH needs ~60)
#   --duration S      seconds per measured wrk run (default 30)
#   --conns "8 64"    connection counts (default "8 64"); wrk always uses 2 threads
#   --rounds N        repeat the alternating measurement N times (default 1)
#   --quick           --warmup 10 --duration 10 (smoke test; figures not for publication)
#   --gh-only         only GraphHopper (our service is not started)
#   --sc-only         only our service (GraphHopper is not started)
#   --ready-timeout S wait at most S seconds for our readiness endpoint (default 180)
#   --no-results      print the table but do not write bench/http/results/<date>.md
#
# Starts: GraphHopper server (java -jar bench/http/.work/graphhopper-web-11.0.jar; imports the PBF into
# bench/http/.work/gh-graph-heidelberg on the first run) and our service (SC_REGION=heidelberg SC_RATE_LIMIT=false bin/serve,
# which starts the private PostGIS cluster). Both get JVM options -Xmx1g (GH_JAVA_OPTS / SC_JAVA_OPTS).
# Everything started here is stopped on exit, error and Ctrl-C. Logs: bench/http/.work/logs/.
# Ports: GH_PORT (8989), GH_ADMIN_PORT (8990), SC_PORT (8080); a port already in use is an error.
set -euo pipefail

PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$PROJECT_DIR"

BENCH=bench/http
WORK=$BENCH/.work
LOGS=$WORK/logs
PBF=geo-data/heidelberg/heidelberg.test.pbf
POINTS=$BENCH/points/heidelberg-2000.csv
GH_VERSION=11.0
GH_JAR=$WORK/graphhopper-web-$GH_VERSION.jar
GH_CONFIG=$BENCH/graphhopper/config.yml
GH_GRAPH=$WORK/gh-graph-heidelberg
SC_JAR=target/service-circle-0.1.0-SNAPSHOT.jar

GH_PORT=${GH_PORT:-8989}
GH_ADMIN_PORT=${GH_ADMIN_PORT:-8990}
SC_PORT=${SC_PORT:-8080}
GH_JAVA_OPTS=${GH_JAVA_OPTS:--Xmx1g}
SC_JAVA_OPTS=${SC_JAVA_OPTS:--Xmx1g}
HOST=127.0.0.1  # loopback only, never anything else

WARMUP=60
DURATION=30
CONNS="8 64"
ROUNDS=1
THREADS=2
READY_TIMEOUT=180
RUN_GH=1
RUN_SC=1
WRITE_RESULTS=1

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,23s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; }

# shellcheck disable=SC2015  # die exits, so C runs only when A or B failed
posint() { [[ $2 =~ ^[0-9]+$ ]] && (($2 > 0)) || die "$1 needs a positive integer, got '$2'"; }

while (($#)); do
  case $1 in
    --warmup) WARMUP=${2:?}; [[ $WARMUP =~ ^[0-9]+$ ]] || die "--warmup needs an integer"; shift 2 ;;
    --duration) DURATION=${2:?}; posint "$1" "$DURATION"; shift 2 ;;
    --conns) CONNS=${2:?}; for c in $CONNS; do posint --conns "$c"; done; shift 2 ;;
    --rounds) ROUNDS=${2:?}; posint "$1" "$ROUNDS"; shift 2 ;;
    --quick) WARMUP=10; DURATION=10; shift ;;
    --gh-only) RUN_SC=0; shift ;;
    --sc-only) RUN_GH=0; shift ;;
    --ready-timeout) READY_TIMEOUT=${2:?}; posint "$1" "$READY_TIMEOUT"; shift 2 ;;
    --no-results) WRITE_RESULTS=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown option $1" ;;
  esac
done
((RUN_GH || RUN_SC)) || die "--gh-only and --sc-only together leave nothing to run"

for tool in java wrk curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found (wrk: apt-get install -y wrk)"
done
mkdir -p "$LOGS" "$BENCH/results"
STAMP=$(date +%Y%m%d-%H%M%S)

# ---------------------------------------------------------------- cleanup: stop what we started
gh_pid=""
sc_pid=""

# stop_proc NAME PID GRACE: TERM the process, wait up to GRACE s, then KILL its process group
# (each server runs in its own session/process group, started with setsid, so the group is ours).
stop_proc() {
  local name=$1 pid=$2 grace=$3 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in ${grace} s, killing its process group"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # bin/serve stops the application (graceful, <= 30 s) and then the private database cluster
  stop_proc "our service (bin/serve)" "$sc_pid" 60
  stop_proc "GraphHopper server" "$gh_pid" 20
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'exit 143' TERM

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# http_code URL: status code of a GET, 000 when nothing answers
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1" || true; }

rss_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status" 2>/dev/null || true; }
fmt_mib() { [[ -n ${1:-} ]] && awk -v k="$1" 'BEGIN {printf "%.0f MiB", k / 1024}' || printf 'n/a'; }

# ---------------------------------------------------------------- inputs
if [[ ! -s $POINTS ]]; then
  log "generating $POINTS"
  python3 $BENCH/gen_points.py --pbf "$PBF" --out "$POINTS"
fi
POINT_COUNT=$(wc -l <"$POINTS")

if ((RUN_GH)); then
  if [[ ! -f $GH_JAR ]]; then
    log "fetching com.graphhopper:graphhopper-web:$GH_VERSION from Maven Central"
    mvn -B -q dependency:copy -Dartifact="com.graphhopper:graphhopper-web:$GH_VERSION" -DoutputDirectory="$WORK"
  fi
  for p in "$GH_PORT" "$GH_ADMIN_PORT"; do
    port_busy "$p" && die "port $p is already in use (another GraphHopper?); set GH_PORT / GH_ADMIN_PORT"
  done
fi
if ((RUN_SC)); then
  port_busy "$SC_PORT" && die "port $SC_PORT is already in use (another service-circle?); set SC_PORT"
  if [[ ! -f $SC_JAR ]]; then
    log "building $SC_JAR (mvn -B -q -DskipTests package)"
    mvn -B -q -DskipTests package
  fi
fi

# ---------------------------------------------------------------- GraphHopper
gh_import_note="cached graph"
if ((RUN_GH)); then
  GH_D=("-Ddw.graphhopper.datareader.file=$PBF" "-Ddw.graphhopper.graph.location=$GH_GRAPH"
        "-Ddw.server.application_connectors[0].port=$GH_PORT"
        "-Ddw.server.admin_connectors[0].port=$GH_ADMIN_PORT")
  pbf_sum=$(sha256sum "$PBF" | cut -d' ' -f1)
  if [[ ! -f $GH_GRAPH/properties ]] || [[ $(cat "$GH_GRAPH.pbf.sha256" 2>/dev/null) != "$pbf_sum" ]]; then
    rm -rf "$GH_GRAPH" "$GH_GRAPH.pbf.sha256"
    log "GraphHopper import of $PBF -> $GH_GRAPH"
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    timeout 600 java $GH_JAVA_OPTS "${GH_D[@]}" -jar "$GH_JAR" import "$GH_CONFIG" \
      >"$LOGS/gh-import-$STAMP.log" 2>&1 || { tail -30 "$LOGS/gh-import-$STAMP.log" >&2; die "GraphHopper import failed"; }
    gh_import_note="imported in $(( ($(date +%s%N) - t0) / 1000000 )) ms (JVM start included)"
    echo "$pbf_sum" >"$GH_GRAPH.pbf.sha256"
    log "GraphHopper $gh_import_note"
  fi
  log "starting GraphHopper server on $HOST:$GH_PORT (admin $GH_ADMIN_PORT), log $LOGS/gh-server-$STAMP.log"
  # shellcheck disable=SC2086
  setsid java $GH_JAVA_OPTS "${GH_D[@]}" -jar "$GH_JAR" server "$GH_CONFIG" >"$LOGS/gh-server-$STAMP.log" 2>&1 &
  gh_pid=$!
fi

# ---------------------------------------------------------------- our service
if ((RUN_SC)); then
  log "starting our service: SC_REGION=heidelberg PORT=$SC_PORT bin/serve, log $LOGS/sc-serve-$STAMP.log"
  SC_REGION=heidelberg PORT=$SC_PORT SC_RATE_LIMIT=false JAVA_TOOL_OPTIONS="$SC_JAVA_OPTS" \
    setsid bin/serve >"$LOGS/sc-serve-$STAMP.log" 2>&1 &
  sc_pid=$!
fi

if ((RUN_GH)); then
  for ((i = 0; i < 120; i++)); do
    [[ $(http_code "http://$HOST:$GH_ADMIN_PORT/healthcheck") == 200 ]] && break
    kill -0 "$gh_pid" 2>/dev/null || { tail -30 "$LOGS/gh-server-$STAMP.log" >&2; die "GraphHopper server exited"; }
    sleep 1
  done
  [[ $(http_code "http://$HOST:$GH_ADMIN_PORT/healthcheck") == 200 ]] ||
    { tail -30 "$LOGS/gh-server-$STAMP.log" >&2; die "GraphHopper not healthy after 120 s"; }
  log "GraphHopper ready after ~${i} s"
fi

if ((RUN_SC)); then
  t0=$SECONDS
  while :; do
    code=$(http_code "http://$HOST:$SC_PORT/actuator/health/readiness")
    [[ $code == 200 ]] && break
    if ! kill -0 "$sc_pid" 2>/dev/null; then
      tail -40 "$LOGS/sc-serve-$STAMP.log" >&2
      die "our service (bin/serve) exited before it was ready; log: $LOGS/sc-serve-$STAMP.log"
    fi
    if ((SECONDS - t0 >= READY_TIMEOUT)); then
      tail -40 "$LOGS/sc-serve-$STAMP.log" >&2
      die "our service not ready within $READY_TIMEOUT s (last readiness status: $code); log: $LOGS/sc-serve-$STAMP.log"
    fi
    sleep 2
  done
  log "our service ready after $((SECONDS - t0)) s"
fi

# java process of our service = child of the bin/serve bash
sc_java_pid() { [[ -n $sc_pid ]] && ps -o pid= -o comm= --ppid "$sc_pid" 2>/dev/null | awk '$2 == "java" {print $1; exit}'; }

# ---------------------------------------------------------------- endpoints
# name|server|base url|lua script|request (for the table)
ENDPOINTS=()
((RUN_GH)) && ENDPOINTS+=("gh-isochrone|GraphHopper 11.0|http://$HOST:$GH_PORT|$BENCH/wrk/gh-isochrone.lua|/isochrone?point=LAT,LON&profile=foot&time_limit=900&buckets=1")
if ((RUN_SC)); then
  ENDPOINTS+=("sc-reach|service-circle|http://$HOST:$SC_PORT|$BENCH/wrk/sc-reach.lua|/v1/reach?lon=..&lat=..&minutes=15")
  ENDPOINTS+=("sc-nearby-school|service-circle|http://$HOST:$SC_PORT|$BENCH/wrk/sc-nearby-school.lua|/v1/nearby?lon=..&lat=..&category=school&limit=10&maxMinutes=15")
  ENDPOINTS+=("sc-nearby|service-circle|http://$HOST:$SC_PORT|$BENCH/wrk/sc-nearby.lua|/v1/nearby?lon=..&lat=..")
fi

# probe each endpoint once with the first point: a 404/405 means it does not exist (yet) -> skipped
IFS=, read -r LAT0 LON0 <"$POINTS"
ACTIVE=()
SKIPPED=()
for e in "${ENDPOINTS[@]}"; do
  IFS='|' read -r name server base lua req <<<"$e"
  path=$(sed -e "s/LAT,LON/$LAT0,$LON0/" -e "s/lon=\.\./lon=$LON0/" -e "s/lat=\.\./lat=$LAT0/" <<<"$req")
  code=$(http_code "$base$path")
  if [[ $code == 404 || $code == 405 || $code == 000 ]]; then
    log "SKIP $name: probe $path answered HTTP $code"
    SKIPPED+=("$name|$server|$req|HTTP $code on probe")
  else
    log "probe $name: HTTP $code"
    ACTIVE+=("$e")
  fi
done
((${#ACTIVE[@]})) || die "no endpoint answered; nothing to measure"

# run_wrk LABEL CONNS SECONDS LUA URL OUTFILE -> prints the BENCH_RESULT line (empty if wrk failed)
run_wrk() {
  local label=$1 c=$2 secs=$3 lua=$4 url=$5 out=$6
  BENCH_LABEL=$label BENCH_POINTS=$POINTS timeout --foreground $((secs + 60)) \
    wrk -t"$THREADS" -c"$c" -d"${secs}s" --timeout 10s --latency -s "$lua" "$url" >"$out" 2>&1 || true
  grep -m1 '^BENCH_RESULT' "$out" || true
}
field() { sed -nE "s/.* $1=([^ ]*).*/\1/p" <<<"$2"; }

# ---------------------------------------------------------------- warm-up
count_for() { local n=0 e; for e in "${ACTIVE[@]}"; do [[ $e == *"|$1|"* ]] && n=$((n + 1)); done; echo "$n"; }
if ((WARMUP > 0)); then
  n_gh=$(count_for "GraphHopper 11.0"); n_sc=$(count_for service-circle)
  log "warm-up: ${WARMUP} s per server (split over its endpoints), c=8, alternating"
  for e in "${ACTIVE[@]}"; do
    IFS='|' read -r name server base lua req <<<"$e"
    n=$n_sc; [[ $server == GraphHopper* ]] && n=$n_gh
    secs=$(( (WARMUP + n - 1) / n ))
    r=$(run_wrk "warmup-$name" 8 "$secs" "$lua" "$base" "$LOGS/wrk-$STAMP-warmup-$name.txt")
    log "  warm-up $name ${secs}s: ${r:-wrk failed, see $LOGS/wrk-$STAMP-warmup-$name.txt}"
  done
fi

gh_rss_warm=""; sc_rss_warm=""
((RUN_GH)) && gh_rss_warm=$(rss_kib "$gh_pid" VmRSS)
SC_JAVA=$(sc_java_pid || true)
[[ -n $SC_JAVA ]] && sc_rss_warm=$(rss_kib "$SC_JAVA" VmRSS)

# ---------------------------------------------------------------- measurement
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
BUSY_NOTE=""
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN {exit !(l > n)}'; then
  BUSY_NOTE="**Machine busy:** 1-min load average ${LOAD_BEFORE%% *} > $(nproc) vCPU before measuring (other processes); figures are distorted."
  log "WARNING: load average ${LOAD_BEFORE%% *} exceeds $(nproc) vCPU: other processes compete for the CPU"
fi
ROWS=()
failed=0
for ((round = 1; round <= ROUNDS; round++)); do
  for c in $CONNS; do
    for e in "${ACTIVE[@]}"; do
      IFS='|' read -r name server base lua req <<<"$e"
      out="$LOGS/wrk-$STAMP-r$round-c$c-$name.txt"
      log "round $round, c=$c, $name, ${DURATION}s"
      r=$(run_wrk "$name" "$c" "$DURATION" "$lua" "$base" "$out")
      if [[ -z $r ]]; then
        log "  wrk produced no result: $(tail -3 "$out" | tr '\n' ' ')"
        ROWS+=("| $server | \`$req\` | $c | wrk failed | | | | | |")
        failed=1
        continue
      fi
      log "  $r"
      errs="$(field socket_errors "$r") / $(field timeouts "$r")"
      ROWS+=("| $server | \`$req\` | $c | $(field rps "$r") | $(field p50_ms "$r") | $(field p99_ms "$r") | $(field non2xx "$r") ($(field s422 "$r")) | $errs | $(field body_bytes_2xx "$r") |")
      sleep 2
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

gh_rss_end=""; gh_hwm=""; sc_rss_end=""; sc_hwm=""
((RUN_GH)) && { gh_rss_end=$(rss_kib "$gh_pid" VmRSS); gh_hwm=$(rss_kib "$gh_pid" VmHWM); }
[[ -n $SC_JAVA ]] && { sc_rss_end=$(rss_kib "$SC_JAVA" VmRSS); sc_hwm=$(rss_kib "$SC_JAVA" VmHWM); }

# ---------------------------------------------------------------- report
report() {
  echo "# HTTP benchmark $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Command: \`bench/http/run.sh --warmup $WARMUP --duration $DURATION --conns \"$CONNS\" --rounds $ROUNDS$( ((RUN_GH)) || echo ' --sc-only')$( ((RUN_SC)) || echo ' --gh-only')\`"
  echo
  echo "- commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)'); data \`$PBF\`; $POINT_COUNT origins from \`$POINTS\` (md5 $(md5sum "$POINTS" | cut -c1-12)), cycled"
  echo "- machine: $(nproc) vCPU $(sed -nE 's/^model name\s*:\s*//p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; load average $LOAD_BEFORE before, $LOAD_AFTER after measuring (shared with the load tool)"
  echo "- $(java -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); wrk -t$THREADS --timeout 10s --latency, ${DURATION} s per run, warm-up ${WARMUP} s per server at c=8"
  ((RUN_GH)) && echo "- GraphHopper $GH_VERSION server (shaded jar), JVM $GH_JAVA_OPTS, foot profile (built-in foot.json), no CH/LM; graph: $gh_import_note"
  ((RUN_SC)) && echo "- service-circle: \`SC_REGION=heidelberg bin/serve\`, JVM $SC_JAVA_OPTS (JAVA_TOOL_OPTIONS), private PostGIS cluster"
  [[ -n $BUSY_NOTE ]] && printf '\n%s\n' "$BUSY_NOTE"
  echo
  echo "| server | request | c | req/s | p50 ms | p99 ms | non-2xx (422) | socket errors / timeouts | mean 2xx body B |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  for s in "${SKIPPED[@]}"; do
    IFS='|' read -r name server req why <<<"$s"
    echo "| $server | \`$req\` | – | skipped: $why | | | | | |"
  done
  echo
  echo "| process | RSS after warm-up | RSS at end | peak RSS (VmHWM) |"
  echo "|---|---:|---:|---:|"
  ((RUN_GH)) && echo "| GraphHopper server (pid $gh_pid) | $(fmt_mib "$gh_rss_warm") | $(fmt_mib "$gh_rss_end") | $(fmt_mib "$gh_hwm") |"
  ((RUN_SC)) && echo "| service-circle java (pid ${SC_JAVA:-?}) | $(fmt_mib "$sc_rss_warm") | $(fmt_mib "$sc_rss_end") | $(fmt_mib "$sc_hwm") |"
  echo
  echo "Raw wrk output: \`$LOGS/wrk-$STAMP-*.txt\` (not committed)."
}

if ((WRITE_RESULTS)); then
  RESULT=$BENCH/results/$(date +%F).md
  [[ -e $RESULT ]] && RESULT=$BENCH/results/$(date +%F)-$(date +%H%M%S).md
  report | tee "$RESULT"
  log "results written to $RESULT"
else
  report
fi
((failed == 0)) || die "some wrk runs failed (see the table)"
((${#SKIPPED[@]} == 0)) || { log "some endpoints were skipped (see the table)"; exit 3; }
