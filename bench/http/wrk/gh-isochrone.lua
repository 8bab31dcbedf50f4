-- GraphHopper 11.0 server: 15-minute foot isochrone, one polygon.
-- wrk -t2 -c8 -d30s --timeout 10s --latency -s bench/http/wrk/gh-isochrone.lua http://127.0.0.1:8989
function make_path(lat, lon)
   return "/isochrone?point=" .. lat .. "," .. lon .. "&profile=foot&time_limit=900&buckets=1"
end
dofile((os.getenv("BENCH_WRK_DIR") or "bench/http/wrk") .. "/common.lua")
