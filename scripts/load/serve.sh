#!/usr/bin/env bash
# Load test of the real `switchboard serve` process with wrk: GET /healthz (baseline), signed
# webhook POSTs with a NEW event id each (durable inbox commit), and many concurrent connections.
#
#   scripts/load/serve.sh [SECONDS] [CONNECTIONS] [HOLD_CONNECTIONS] [ROUNDS]
#
# Defaults: 10 s per run, 64 connections, 1000 held connections, 3 rounds (medians are yours to take).
# CUSTOMERS (default 10000) spreads the DMs over that many customers: with 10,000, customers come
# back and many conversations are already with an agent (no bot reply); with CUSTOMERS=1000000
# nearly every DM opens a conversation and gets a welcome reply at the fake X (the harder case).
# Needs: wrk (apt-get install -y wrk) and release builds (`swift build -c release`; done for you).
# What it does, so you can do it by hand against your own server:
#   1. switchboard-bench serve --gen-webhooks N --secret "$SECRET" --out FILE   (wrk cannot HMAC)
#   2. switchboard-bench serve --fake-x --port 8090                            (X's DM API, counting)
#   3. SWITCHBOARD_X_CONSUMER_SECRET="$SECRET" SWITCHBOARD_X_CONSUMER_KEY=k \
#      SWITCHBOARD_X_ACCESS_TOKEN=t SWITCHBOARD_X_ACCESS_TOKEN_SECRET=ts \
#      SWITCHBOARD_X_API_BASE=http://127.0.0.1:8090 \
#      swift run -c release switchboard serve --port 8089 --data DIR
#   4. wrk -t2 -c64 -d10s -s scripts/load/healthz.lua  http://127.0.0.1:8089/healthz
#      wrk -t2 -c64 -d10s -s scripts/load/webhooks.lua http://127.0.0.1:8089/webhooks/x -- FILE 2
#      wrk -t2 -c1000 -d5s -s scripts/load/healthz.lua http://127.0.0.1:8089/healthz
# The server's VmRSS is read from /proc/PID/status every 0.2 s; the peak is printed at the end.
# BIN=DIR uses the switchboard and switchboard-bench binaries in DIR instead of building them.
# HEALTHZ=0 skips the /healthz baseline rounds.
# WEBHOOKS=FILE keeps the generated signed bodies in FILE and reuses them when it already holds
# enough for this run (generation takes a minute or more; comparing two builds needs the same input).
# X_LIMIT=N makes the fake X accept N DMs per X_WINDOW seconds (default 900) and answer the rest
# 429 with x-rate-limit-reset, as X does past an app's limit (15,000 DMs a day): the sender then
# pauses the channel and the replies wait in the outbox, while webhooks keep being committed.
# PACE=R1,R2,… offers the webhook rounds at those rates instead (round k at Rk, the last one
# repeating): an open loop (`switchboard-bench serve --drive`), with latency counted from when each
# request was due, which is how "N per second sustained at p99 ≤ 25 ms" is meant. wrk is a closed
# loop: its latency at saturation is just the connections divided by the throughput.
# GATHER_US=N sets the config file's commitGatherMicroseconds (the writer waits up to N µs for
# concurrent DMs to share a commit; default 0).
# Logs go to $LOG (default: a file in the temp folder) at $LOG_LEVEL (default info, as serve runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-64}
hold=${3:-1000}
rounds=${4:-3}
secret=${SECRET:-FAKE_CONSUMER_SECRET}
port=${PORT:-8089}
fake_port=${FAKE_PORT:-8090}
threads=2
# Enough bodies for every round at up to 12,000 POSTs/s (each is sent once; ~0.8 KB a line).
count=$((seconds * rounds * 12000))
work=$(mktemp -d /tmp/switchboard-load.XXXXXX)
log=${LOG:-$work/serve.log}
if [ -n "${BIN:-}" ]; then
  bin=$BIN  # binaries built elsewhere, e.g. copies of two builds to compare in one session
else
  swift build -c release --product switchboard-bench >/dev/null
  swift build -c release --product switchboard >/dev/null
  bin=$(swift build -c release --show-bin-path)
fi

bodies=${WEBHOOKS:-$work/webhooks.txt}
if [ -n "${WEBHOOKS:-}" ] && [ -f "$bodies" ] && [ "$(wc -l <"$bodies")" -ge "$count" ]; then
  echo "reusing $bodies ($(wc -l <"$bodies") signed bodies; made with secret and customers of an earlier run)"
else
  "$bin/switchboard-bench" serve --gen-webhooks "$count" --secret "$secret" --customers "${CUSTOMERS:-10000}" \
    --out "$bodies"
fi
limit_args=()
config_args=()
if [ -n "${GATHER_US:-}" ]; then
  echo "{ commitGatherMicroseconds: $GATHER_US }" >"$work/switchboard.json5"
  config_args=(--config "$work/switchboard.json5")
fi
[ -n "${X_LIMIT:-}" ] && limit_args=(--limit "$X_LIMIT" --window "${X_WINDOW:-900}")
"$bin/switchboard-bench" serve --fake-x --port "$fake_port" --seconds $((seconds * rounds * 3 + 120)) "${limit_args[@]}" &
fake=$!
SWITCHBOARD_X_CONSUMER_KEY=key SWITCHBOARD_X_CONSUMER_SECRET="$secret" SWITCHBOARD_X_ACCESS_TOKEN=token \
  SWITCHBOARD_X_ACCESS_TOKEN_SECRET=token-secret SWITCHBOARD_X_API_BASE="http://127.0.0.1:$fake_port" \
  "$bin/switchboard" serve --port "$port" --data "$work/data" --flows flows --intents intents \
  --log-level "${LOG_LEVEL:-info}" "${config_args[@]}" 2>"$log" &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  kill "$fake" 2>/dev/null || true
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work/data" "$work/webhooks.txt" "$work/round.txt" "$work/wrk.txt" "$work/rss-peak"
  echo "serve log: $log"
}
trap cleanup EXIT
# Bounded wait for the port (≤ 10 s).
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "serve did not start; see $log"; exit 1; }
echo "CRC check: $(curl -fs "http://127.0.0.1:$port/webhooks/x?crc_token=FAKE_CRC_TOKEN_123")"

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
echo "serve VmRSS idle: $(( $(rss) / 1024 )) MB"
(peak=0; while kill -0 "$server" 2>/dev/null; do
   now=$(rss 2>/dev/null || echo 0); [ "${now:-0}" -gt "$peak" ] && peak=$now && echo "$peak" >"$work/rss-peak"
   sleep 0.2
 done) &
sampler=$!

url="http://127.0.0.1:$port"
# utime + stime of a process, in clock ticks; the machine's busy, stolen and total ticks.
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The same for one of its threads, by name (sb-store-writer, sb-http-loop).
thread_cpu() {
  local t
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = "$2" ]; then awk '{print $14 + $15}' "$t/stat"; return 0; fi
  done
  echo 0
}
machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
for round in $(seq "$rounds"); do
  if [ "${HEALTHZ:-1}" = 1 ]; then
    echo "== round $round: GET /healthz, $connections connections (baseline)"
    wrk -t$threads -c"$connections" -d"${seconds}s" --latency -s scripts/load/healthz.lua "$url/healthz" \
      | grep -E "Requests/sec|status|latency p50|Non-2xx|Socket errors"
  fi
  echo "== round $round: signed webhook POSTs (new event ids), $connections connections"
  # Each round sends its own slice of the file (no event id twice across rounds).
  awk -v r="$round" -v n=$((count / rounds)) 'NR > (r - 1) * n && NR <= r * n' "$bodies" >"$work/round.txt"
  cpu0=$(cpu "$server"); fake0=$(cpu "$fake"); read -r busy0 steal0 all0 < <(machine)
  writer0=$(thread_cpu "$server" sb-store-writer); loop0=$(thread_cpu "$server" sb-http-loop)
  if [ -n "${PACE:-}" ]; then
    # Open loop: the round's rate from PACE (the last one repeats), latency from each request's due time.
    IFS=, read -ra rates <<<"$PACE"
    rate=${rates[$(( round <= ${#rates[@]} ? round - 1 : ${#rates[@]} - 1 ))]}
    echo "   offered at $rate/s (open loop)"
    "$bin/switchboard-bench" serve --drive "$port" --bodies "$work/round.txt" --pace "$rate" --seconds "$seconds" \
      --connections "$connections" --threads $threads >"$work/wrk.txt"
  else
    wrk -t$threads -c"$connections" -d"${seconds}s" --latency -s scripts/load/webhooks.lua "$url/webhooks/x" -- "$work/round.txt" $threads \
      >"$work/wrk.txt"
  fi
  sleep 0.5  # the replies to the last requests are still being sent
  cpu1=$(cpu "$server"); fake1=$(cpu "$fake"); read -r busy1 steal1 all1 < <(machine)
  writer1=$(thread_cpu "$server" sb-store-writer); loop1=$(thread_cpu "$server" sb-http-loop)
  grep -E "Requests/sec|status|latency p50|Non-2xx|Socket errors|WARNING|offered|errors|per second|load generator" "$work/wrk.txt"
  ok=$(awk '/^status 200:/ {print $3}' "$work/wrk.txt")
  # CPU time per request (clock ticks of 10 ms; steal does not count as the process's time, so
  # these stay comparable when the hypervisor takes part of the machine).
  awk -v s=$((cpu1 - cpu0)) -v f=$((fake1 - fake0)) -v n="${ok:-0}" -v b=$((busy1 - busy0)) \
    -v st=$((steal1 - steal0)) -v a=$((all1 - all0)) -v w=$((${writer1:-0} - ${writer0:-0})) -v l=$((${loop1:-0} - ${loop0:-0})) 'BEGIN {
      if (n > 0) printf "cpu per request: server %.0f us (writer thread %.0f, event loop %.0f), fake X %.0f us; machine busy %.0f%%, stolen by the hypervisor %.0f%%\n",
        s * 10000 / n, w * 10000 / n, l * 10000 / n, f * 10000 / n, 100 * b / a, 100 * st / a }'
done
if [ "$hold" -gt 0 ]; then
  echo "== $hold concurrent keep-alive connections, GET /healthz"
  wrk -t$threads -c"$hold" -d"${seconds}s" --latency -s scripts/load/healthz.lua "$url/healthz" \
    | grep -E "Requests/sec|status|latency p50|Non-2xx|Socket errors"
fi
echo "serve VmRSS peak: $(( $(cat "$work/rss-peak" 2>/dev/null || echo 0) / 1024 )) MB, now $(( $(rss) / 1024 )) MB"
echo "metrics: $(curl -fs "$url/metrics" | grep -E '^switchboard_(dms_received_total|replies_sent_total|outbox_backlog|inbox_waiting|dms_failed_total|rate_limited_total)' | tr '\n' ' ')"
