-- service-circle: 15-minute walking reach (isochrone) from a point.
-- wrk -t2 -c8 -d30s --timeout 10s --latency -s bench/http/wrk/sc-reach.lua http://127.0.0.1:8080
function make_path(lat, lon)
   return "/v1/reach?lon=" .. lon .. "&lat=" .. lat .. "&minutes=15"
end
dofile((os.getenv("BENCH_WRK_DIR") or "bench/http/wrk") .. "/common.lua")
