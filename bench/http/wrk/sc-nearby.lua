-- service-circle: nearby sites with the defaults (no category).
-- wrk -t2 -c8 -d30s --timeout 10s --latency -s bench/http/wrk/sc-nearby.lua http://127.0.0.1:8080
function make_path(lat, lon)
   return "/v1/nearby?lon=" .. lon .. "&lat=" .. lat
end
dofile((os.getenv("BENCH_WRK_DIR") or "bench/http/wrk") .. "/common.lua")
