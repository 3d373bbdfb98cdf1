#!/usr/bin/env bash
# Long seeded fuzz run of the X webhook decoder and the HTTP request parser.
#
#   scripts/fuzz/run.sh SECONDS [SEED]
#
# Runs the opt-in `XWebhookFuzzTests/longRun` test for SECONDS (half per target) in rounds of
# 1,000 iterations with seeds SEED, SEED+1, …, prints the counts and fails on any violation.
# CONFIG=release builds optimised (more iterations per second, one slower build).
set -euo pipefail
seconds="${1:?usage: scripts/fuzz/run.sh SECONDS [SEED]}"
seed="${2:-1}"
case "$seconds" in ''|*[!0-9]*) echo "SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;; esac
cd "$(dirname "$0")/../.."
config="${CONFIG:-debug}"
SWITCHBOARD_FUZZ_SECONDS="$seconds" SWITCHBOARD_FUZZ_SEED="$seed" \
  swift test -c "$config" --filter 'XWebhookFuzzTests/longRun' 2>&1 | grep -E 'fuzz:|Test run|passed|failed|error' 
exit "${PIPESTATUS[0]}"
