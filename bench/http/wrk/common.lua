-- Shared by the per-endpoint wrk scripts (loaded with dofile; see gh-isochrone.lua).
--
-- Each wrk thread cycles through the same origin points (bench/http/points/*.csv, "lat,lon" lines),
-- starting at a different offset, and builds the request path with the endpoint's make_path(lat, lon).
-- response() counts every status; done() prints the non-2xx counts (422 separately: POINT_NOT_ROUTABLE
-- is a legitimate answer of our service) and one machine-readable BENCH_RESULT line for run.sh.
-- wrk must run with --latency and --timeout 10s (its 2 s default silently drops slow requests).
--
-- Environment: BENCH_POINTS  points file (default bench/http/points/heidelberg-2000.csv)
--              BENCH_LABEL   free text copied into the BENCH_RESULT line

local points_file = os.getenv("BENCH_POINTS") or "bench/http/points/heidelberg-2000.csv"
local label = os.getenv("BENCH_LABEL") or "-"

local threads = {}
local thread_count = 0

-- runs in the main Lua state, once per thread, before init()
function setup(thread)
   thread_count = thread_count + 1
   thread:set("thread_id", thread_count)
   table.insert(threads, thread)
end

local function load_points(file)
   local pts = {}
   local f = io.open(file, "r")
   if not f then
      error("cannot open points file " .. file .. " (run wrk from the project root or set BENCH_POINTS)")
   end
   for line in f:lines() do
      local lat, lon = line:match("^%s*([-%d.]+)%s*,%s*([-%d.]+)")
      if lat then
         table.insert(pts, { lat, lon })
      end
   end
   f:close()
   if #pts == 0 then
      error("no points in " .. file)
   end
   return pts
end

local paths, idx

-- runs in each thread's own Lua state
function init(args)
   local pts = load_points(points_file)
   paths = {}
   for i, p in ipairs(pts) do
      paths[i] = make_path(p[1], p[2])
   end
   -- spread the threads over the list; thread_id was set by setup()
   idx = (((thread_id or 1) - 1) * math.floor(#paths / 7)) % #paths
   ok2xx, s422, s4xx, s5xx, sother, body2xx = 0, 0, 0, 0, 0, 0
end

function request()
   idx = idx % #paths + 1
   return wrk.format("GET", paths[idx])
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok2xx = ok2xx + 1
      body2xx = body2xx + #body -- mean 2xx body size: a cheap check that answers are not empty
   elseif status == 422 then
      s422 = s422 + 1
   elseif status >= 400 and status < 500 then
      s4xx = s4xx + 1
   elseif status >= 500 then
      s5xx = s5xx + 1
   else
      sother = sother + 1
   end
end

function done(summary, latency, requests)
   local t = { ok2xx = 0, s422 = 0, s4xx = 0, s5xx = 0, sother = 0, body2xx = 0 }
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do
         t[k] = t[k] + (thread:get(k) or 0)
      end
   end
   local non2xx = t.s422 + t.s4xx + t.s5xx + t.sother
   local secs = summary.duration / 1e6
   local e = summary.errors
   local sock = e.connect + e.read + e.write
   io.write(string.format("responses: %d 2xx, %d non-2xx (422: %d, other 4xx: %d, 5xx: %d, other: %d)\n",
      t.ok2xx, non2xx, t.s422, t.s4xx, t.s5xx, t.sother))
   if non2xx > 0 or sock > 0 or e.timeout > 0 then
      io.write(string.format("WARNING: %d non-2xx responses, %d socket errors, %d timeouts\n",
         non2xx, sock, e.timeout))
   end
   io.write(string.format(
      "BENCH_RESULT label=%s requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
      "ok2xx=%d non2xx=%d s422=%d s4xx=%d s5xx=%d sother=%d socket_errors=%d timeouts=%d body_bytes_2xx=%.0f\n",
      label, summary.requests, secs, summary.requests / secs,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, t.ok2xx, non2xx, t.s422, t.s4xx, t.s5xx, t.sother, sock, e.timeout,
      t.body2xx / math.max(1, t.ok2xx)))
end
