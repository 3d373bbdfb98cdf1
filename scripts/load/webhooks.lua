-- wrk script: signed X webhook POSTs, each a NEW event id (real inbox commits, not deduplication).
--
-- wrk's Lua cannot compute HMAC, so the bodies are pre-generated and signed, one per line as
-- `signature<TAB>body`:
--   swift run -c release switchboard-bench serve --gen-webhooks 200000 --secret "$SECRET" --out /tmp/webhooks.txt
-- Then, against `SWITCHBOARD_X_CONSUMER_SECRET=$SECRET ... swift run -c release switchboard serve`
-- (scripts/load/serve.sh does all of it, with a fake X API for the replies):
--   wrk -t2 -c64 -d15s -s scripts/load/webhooks.lua http://127.0.0.1:8089/webhooks/x -- /tmp/webhooks.txt 2
-- The last argument is wrk's thread count (-t): thread k of T sends lines k, k+T, k+2T, … once
-- each. A thread that runs out stops, and done() says so: generate more lines than
-- rate × seconds. At the end it prints the status-code counts, so 401s (wrong secret) or 5xx
-- are not mistaken for speed.

local requests = {}
local next_index = 1
local exhausted = false

-- Globals (not locals) so that done() can read each thread's values with thread:get().
statuses = {}
used_up = 0
tid = 0

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local file, threads_arg = args[1], tonumber(args[2] or "1")
  if file == nil then error("usage: wrk ... -s webhooks.lua URL -- FILE THREADS") end
  local handle = assert(io.open(file, "rb"))
  local line_number = 0
  for line in handle:lines() do
    if line_number % threads_arg == tid then
      local tab = string.find(line, "\t", 1, true)
      if tab then
        local headers = {
          ["Content-Type"] = "application/json; charset=utf-8",
          ["x-twitter-webhooks-signature"] = string.sub(line, 1, tab - 1),
        }
        requests[#requests + 1] = wrk.format("POST", nil, headers, string.sub(line, tab + 1))
      end
    end
    line_number = line_number + 1
  end
  handle:close()
  if #requests == 0 then error("no requests for thread " .. tid .. " in " .. file) end
end

function request()
  if next_index > #requests then
    if not exhausted then
      exhausted = true
      used_up = 1
      wrk.thread:stop()
    end
    -- wrk wants a request even while stopping: a harmless GET that the summary will not count as a POST.
    return wrk.format("GET", "/healthz")
  end
  local r = requests[next_index]
  next_index = next_index + 1
  return r
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests_summary)
  local totals, used = {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      totals[status] = (totals[status] or 0) + count
    end
    used = used + (thread:get("used_up") or 0)
  end
  for status, count in pairs(totals) do io.write(string.format("status %d: %d\n", status, count)) end
  if used > 0 then
    io.write(string.format("WARNING: %d thread(s) used up their bodies early: generate more lines\n", used))
  end
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
