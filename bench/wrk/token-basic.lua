-- wrk script: POST /oauth/token, client credentials grant, client_secret_basic (RFC 6749 §2.3.1).
-- The client comes from the environment: CLIENT_ID and CLIENT_SECRET (a generated secret needs no form-encoding).
--   CLIENT_ID=... CLIENT_SECRET=... wrk -t2 -c16 -d20s --latency -s bench/wrk/token-basic.lua "$QUERY_URL/oauth/token"
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(data)
  return ((data:gsub(".", function(c)
    local bits, byte = "", c:byte()
    for i = 8, 1, -1 do bits = bits .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0") end
    return bits
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(bits)
    if #bits < 6 then return "" end
    local n = 0
    for i = 1, 6 do n = n + (bits:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return alphabet:sub(n + 1, n + 1)
  end) .. ({ "", "==", "=" })[#data % 3 + 1])
end

local client_id = os.getenv("CLIENT_ID") or error("CLIENT_ID is not set")
local client_secret = os.getenv("CLIENT_SECRET") or error("CLIENT_SECRET is not set")

wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. base64(client_id .. ":" .. client_secret)

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, %.0f requests/s, %d errors (non-2xx %d)\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status + summary.errors.connect
      + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
