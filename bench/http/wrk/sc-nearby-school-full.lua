-- service-circle: 10 nearest schools within 60 walking minutes (non-empty lists: Heidelberg has ~20 schools,
-- so within 15 minutes most answers are empty; this variant measures full answers).
-- wrk -t2 -c64 -d30s --timeout 10s --latency -s bench/http/wrk/sc-nearby-school-full.lua http://127.0.0.1:8080
function make_path(lat, lon)
   return "/v1/nearby?lon=" .. lon .. "&lat=" .. lat .. "&category=school&limit=10&maxMinutes=60"
end
dofile((os.getenv("BENCH_WRK_DIR") or "bench/http/wrk") .. "/common.lua")
