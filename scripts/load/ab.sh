#!/usr/bin/env bash
# Compares two builds of the server in one run, alternating them so that the machine's own changes of
# speed fall on both: PAIRS times build A then build B, each for 2 paced rounds of new customers.
#
#   scripts/load/ab.sh DIR_A DIR_B PAIRS PACE [X_LIMIT]
#
# DIR_A and DIR_B each hold a `switchboard` and a `switchboard-bench` binary (copy them out of
# .build/release after `swift build -c release` at each commit). PACE is the offered rate per second;
# X_LIMIT (default 1000) makes the fake X answer 429 after that many replies, as X does past its limit.
# WEBHOOKS (default /tmp/switchboard-ab-webhooks.txt) keeps the signed bodies between runs, so both builds
# get the same input. Prints one line per build and pair: achieved rate and p99 of each round, then
# the CPU per request of the server, its writer thread and its event loop.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 4 ] || { sed -n 2,12p "$0"; exit 2; }
for _ in $(seq "$3"); do
  for dir in "$1" "$2"; do
    out=$(PACE=$4 X_LIMIT=${5:-1000} BIN=$dir HEALTHZ=0 CUSTOMERS=1000000 \
      WEBHOOKS=${WEBHOOKS:-/tmp/switchboard-ab-webhooks.txt} scripts/load/serve.sh 10 64 0 2 2>&1)
    rates=$(echo "$out" | awk '/Requests\/sec/ {printf "%s/s ", $2}')
    tails=$(echo "$out" | grep -oE 'p99 [0-9.]+ ms' | tr '\n' ' ')
    cpu=$(echo "$out" | grep 'cpu per request' | sed -E 's/cpu per request: server ([0-9]+) us \(writer thread ([0-9]+), event loop ([0-9]+)\).*/server \1 writer \2 loop \3 us;/' | tr '\n' ' ')
    echo "$(basename "$dir"): $rates $tails| $cpu"
  done
done
