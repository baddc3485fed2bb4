#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (the `fuzz` preset, build/fuzz) and
# runs each for a bounded time over its corpus in tests/fuzz/corpus/TARGET.
# New inputs go to a scratch folder, so the kept corpus stays small; a crash
# leaves its input in build/fuzz/crashes and fails the run.
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]   (default 8)
set -euo pipefail
seconds=${1:-8}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
[ -f build/fuzz/build.ninja ] || cmake --preset fuzz > /dev/null
cmake --build --preset fuzz -j"${JOBS:-2}" > build/fuzz-build.log 2>&1 || { cat build/fuzz-build.log; exit 1; }
mkdir -p build/fuzz/crashes
for target in expression form_json form_image submission; do
  scratch=$(mktemp -d)
  echo "fuzz_$target: ${seconds}s"
  if ! build/fuzz/tests/fuzz/fuzz_$target -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
       -artifact_prefix=build/fuzz/crashes/ -print_final_stats=0 "$scratch" "tests/fuzz/corpus/$target" \
       > build/fuzz/$target.log 2>&1; then
    tail -n 40 build/fuzz/$target.log
    rm -rf "$scratch"
    exit 1
  fi
  grep -E "^#[0-9]+ +DONE" build/fuzz/$target.log || tail -n 1 build/fuzz/$target.log
  rm -rf "$scratch"
done
