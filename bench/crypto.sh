#!/usr/bin/env bash
# Runs the crypto benchmark natively and in WebAssembly (Node) one after the
# other on this machine, and the size of the crypto the browser loads.
# Usage: bench/crypto.sh   (after `make native wasm`)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "# crypto benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| where | operation | median µs | per second |"
echo "|---|---|---|---|"
build/native-release/bench/crypto_bench
node build/wasm-release/bench/crypto_bench.cjs

echo
echo "| what the browser loads | bytes | brotli | gzip |"
echo "|---|---|---|---|"
# The web root's files have hashed names: asset-manifest.json says which.
served() { node -e 'const m = JSON.parse(require("fs").readFileSync("build/web/asset-manifest.json", "utf8")); console.log("build/web" + m.files[process.argv[1]].served)' "$1"; }
row() { echo "| $1 | $(stat -c %s "$2") | $(brotli -c -q 11 "$2" | wc -c) | $(gzip -9 -c "$2" | wc -c) |"; }
row "sealing + receipt checking alone (wasm, bench/crypto_size.cpp)" build/wasm-release/bench/crypto_size.wasm
row "the browser's crypto module (frontdesk-crypto.wasm: sealing, receipt checks, random ids)" "$(served frontdesk-crypto.wasm)"
row "the browser's engine (frontdesk-engine.wasm: forms, sessions, views, reports, drafts; no crypto)" "$(served frontdesk-engine.wasm)"
