-- wrk script of bench/run's token and limit benchmarks. Env:
--   BENCH_ACCOUNTS  file written by bench/Seed.java: per line "<Authorization header value>\t<client_secret_post body>"
--   BENCH_AUTH      basic (client_secret_basic) | post (client_secret_post) | limit (the basic request, sent to the
--                   URL given to wrk, e.g. /bench/limit)
-- Each request uses an account picked at random. done() prints one line:
--   RESULT requests=N duration_s=S rps=R p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. non2xx=N socket_errors=N
local mode = os.getenv("BENCH_AUTH") or "basic"
local requests = {}

init = function(args)
  local path = os.getenv("BENCH_ACCOUNTS")
  assert(path, "BENCH_ACCOUNTS not set")
  local file = assert(io.open(path, "r"))
  for line in file:lines() do
    local authorization, form = line:match("^([^\t]+)\t([^\t]+)$")
    if authorization then
      local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
      local body
      if mode == "post" then
        body = form
      else
        headers["Authorization"] = authorization
        body = "grant_type=client_credentials"
      end
      requests[#requests + 1] = wrk.format("POST", wrk.path, headers, body)
    end
  end
  file:close()
  assert(#requests > 0, "no accounts in BENCH_ACCOUNTS")
  math.randomseed(os.time() + math.floor(os.clock() * 1e6) + tonumber(tostring(requests):match("0x(%x+)") or "0", 16))
end

request = function()
  return requests[math.random(#requests)]
end

done = function(summary, latency, _)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
