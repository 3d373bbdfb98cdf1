#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (`swiftc -sanitize=fuzzer`, works with the Linux toolchain).
#
#   scripts/fuzz/libfuzzer.sh decoder|http [SECONDS] [extra libFuzzer flags…]
#
# Builds SwitchboardServer and its dependencies instrumented (release, own scratch path
# .build/libfuzzer), links scripts/fuzz/<Target>.swift against them and runs libFuzzer for SECONDS
# (default 60). Seeds: the X fixtures (decoder) or scripts/fuzz/corpus/http (parser); the growing
# corpus and any crash-* input stay in .build/libfuzzer/. Exit status is libFuzzer's (0: nothing found).
set -euo pipefail
target="${1:?usage: scripts/fuzz/libfuzzer.sh decoder|http [SECONDS] [libFuzzer flags…]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
cd "$(dirname "$0")/../.."
case "$target" in
  decoder) source=scripts/fuzz/XWebhookDecoderTarget.swift; seeds=Tests/SwitchboardServerTests/Fixtures/x; max_len=65536 ;;
  http) source=scripts/fuzz/HTTPParserTarget.swift; seeds=scripts/fuzz/corpus/http; max_len=8192 ;;
  *) echo "unknown target '$target': use decoder or http" >&2; exit 2 ;;
esac
scratch=.build/libfuzzer
swift build -c release --scratch-path "$scratch" --target SwitchboardServer -Xswiftc -sanitize=fuzzer
release="$scratch/release"
objects=()
for module in SwitchboardServer SwitchboardStore SwitchboardCore SwitchboardCrypto; do
  objects+=("$release/$module.build"/*.o)
done
includes=(-I "$release/Modules")
for map in Sources/*/module.modulemap; do includes+=(-I "$(dirname "$map")"); done
binary="$scratch/fuzz-$target"
swiftc -O -sanitize=fuzzer -parse-as-library "${includes[@]}" \
  "$source" "${objects[@]}" -lsqlite3 -o "$binary"
corpus="$scratch/corpus-$target"
mkdir -p "$corpus"
cd "$scratch"
exec "./fuzz-$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=5 -rss_limit_mb=2048 \
  -print_final_stats=1 "$@" "corpus-$target" "../../$seeds"
