#!/usr/bin/env bash
# How the server's costs grow: durable throughput and latency against the
# number of connections (1 to 256), and the store against its size (10^4 to
# 10^6 reports of 4 KiB, about 5 GB at the end: set STORE_REPORTS to change).
# Usage: bench/scaling.sh   (after `make native`)
set -euo pipefail
cd "$(dirname "$0")/.."
load=build/native-release/bench/frontdesk-load
work=$(mktemp -d)
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
echo '{"submissions_per_minute": 0, "max_connections": 4096}' > "$work/config.json"
mkdir -p "$work/web"
build/native-release/cli/frontdesk serve --port 0 --data "$work/data" --web "$work/web" --forms bench/forms \
    --config "$work/config.json" > "$work/out" 2> "$work/log" &
server=$!
for _ in $(seq 100); do grep -q listening "$work/out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/out")

echo "# scaling, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| what | count | seconds | per second | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|"
for connections in 1 4 16 64 256; do
    $load submissions --port "$port" --form bench/forms/load-test.json --connections "$connections" --count 4000
done
kill $server; wait $server 2>/dev/null || true
echo
echo "| store size | insert rate | disk | dedupe lookup |"
echo "|---|---|---|---|"
$load store --dir "$work" --count "${STORE_REPORTS:-1000000}"
