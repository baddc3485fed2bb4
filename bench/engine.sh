#!/usr/bin/env bash
# The forms engine benchmark, natively and in WebAssembly under Node (BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "## native"
build/native-release/bench/engine_bench
echo
echo "## wasm (Node $(node --version))"
node build/wasm-release/bench/engine_bench.cjs
