#!/usr/bin/env bash
# How the server's costs grow: durable throughput and latency against the
# number of connections (1 to 256), and the store against its size (10^4 to
# 10^6 reports of 4 KiB, about 5 GB at the end: set STORE_REPORTS to change).
# Usage: bench/scaling.sh   (after `make native`)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/bench-server.sh

echo "# scaling, $machine"
echo
echo "| what | count | seconds | per second | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|"
for connections in 1 4 16 64 256; do
    run_load submissions --port "$port" --form bench/forms/load-test.json --connections "$connections" --count 4000
done
kill $server; wait $server 2>/dev/null || true
echo
echo "| store size | insert rate | disk | dedupe lookup |"
echo "|---|---|---|---|"
run_load store --dir "$work" --count "${STORE_REPORTS:-1000000}"
