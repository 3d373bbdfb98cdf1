-- wrk script: GET /healthz (the baseline for webhooks.lua), printing status counts and p50/p90/p99.
--   wrk -t2 -c64 -d15s -s scripts/load/healthz.lua http://127.0.0.1:8089/healthz

statuses = {}
local threads = {}

function setup(thread) table.insert(threads, thread) end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do totals[status] = (totals[status] or 0) + count end
  end
  for status, count in pairs(totals) do io.write(string.format("status %d: %d\n", status, count)) end
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
