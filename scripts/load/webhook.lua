-- wrk script: signed X webhook POSTs against a Switchboard server.
--
-- Usage (run.sh does all of this for you):
--   wrk -t2 -c100 -d10s -s scripts/load/webhook.lua http://127.0.0.1:8089/webhooks/x -- BODY_FILE SIGNATURE
-- BODY_FILE is the raw JSON body; SIGNATURE is its x-twitter-webhooks-signature header value:
--   echo "sha256=$(openssl dgst -sha256 -hmac "$SECRET" -binary BODY_FILE | base64 -w0)"
-- wrk's Lua has no HMAC, so every request sends the same pre-signed body (same event id): a real
-- server's inbox deduplicates them, so this measures verify + decode + dedup, not new-message work.
-- At the end it prints the status-code counts, so 401s (bad secret) or 5xx are not mistaken for speed.

local body_file, signature

function init(args)
  body_file = args[1]
  signature = args[2]
  if body_file == nil or signature == nil then
    error("usage: wrk ... -s webhook.lua URL -- BODY_FILE SIGNATURE")
  end
  local handle = assert(io.open(body_file, "rb"))
  wrk.body = handle:read("*a")
  handle:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["x-twitter-webhooks-signature"] = signature
end

-- Global (not local) so that done() can read each thread's table with thread:get().
statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

-- Each wrk thread has its own Lua state; collect their counts in done().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts or {}) do
      io.write(string.format("status %d: %d\n", status, count))
    end
  end
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
