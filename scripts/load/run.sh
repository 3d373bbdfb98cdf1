#!/usr/bin/env bash
# Load test of the webhook path: starts `switchboard-bench http --serve` (HTTP server + signature
# verification + webhook decoding, no store) and hits it with wrk sending signed webhook POSTs.
#
#   scripts/load/run.sh [BODY_FILE] [CONNECTIONS] [SECONDS]
#
# Defaults: Tests/SwitchboardServerTests/Fixtures/x/dm-text.json, 100 connections, 10 s.
# Needs: wrk (apt-get install -y wrk), openssl, a release build (`swift build -c release`).
# To hit another server (e.g. `switchboard serve`), run wrk yourself as webhook.lua explains.
set -euo pipefail
cd "$(dirname "$0")/../.."
body=${1:-Tests/SwitchboardServerTests/Fixtures/x/dm-text.json}
connections=${2:-100}
seconds=${3:-10}
secret=${SECRET:-FAKE_CONSUMER_SECRET}
port=${PORT:-8089}
bench=.build/release/switchboard-bench
[ -x "$bench" ] || swift build -c release --product switchboard-bench
signature="sha256=$(openssl dgst -sha256 -hmac "$secret" -binary "$body" | base64 -w0)"
"$bench" http --serve --port "$port" --seconds $((seconds + 5)) --secret "$secret" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
# Bounded wait for the port (≤ 5 s).
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/webhooks/x?crc_token=ping" >/dev/null && break
  sleep 0.1
done
echo "CRC: $(curl -fs "http://127.0.0.1:$port/webhooks/x?crc_token=FAKE_CRC_TOKEN_123")"
wrk -t2 -c"$connections" -d"${seconds}s" -s scripts/load/webhook.lua "http://127.0.0.1:$port/webhooks/x" -- "$body" "$signature"
wait "$server"
