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
for f in build/wasm-release/bench/crypto_size.wasm build/web/frontdesk-engine.wasm; do
    case $f in
        *crypto_size*) name="sealing + receipt checking alone (wasm)";;
        *) name="the whole engine, crypto included (wasm)";;
    esac
    echo "| $name | $(stat -c %s "$f") | $(brotli -c -q 11 "$f" | wc -c) | $(gzip -9 -c "$f" | wc -c) |"
done
