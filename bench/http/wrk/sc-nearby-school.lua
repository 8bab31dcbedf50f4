-- service-circle: 10 nearest schools within 15 walking minutes.
-- wrk -t2 -c8 -d30s --timeout 10s --latency -s bench/http/wrk/sc-nearby-school.lua http://127.0.0.1:8080
function make_path(lat, lon)
   return "/v1/nearby?lon=" .. lon .. "&lat=" .. lat .. "&category=school&limit=10&maxMinutes=15"
end
dofile((os.getenv("BENCH_WRK_DIR") or "bench/http/wrk") .. "/common.lua")
