#!/usr/bin/env bash
# The server's throughput and latency beside this machine's ceilings, all in
# one run: HTTP alone, crypto_box_seal_open alone, SQLite durable inserts
# alone (1 and 100 per commit), then sealed 4 KiB submissions closed-loop and
# at a fixed offered rate. Usage: bench/server.sh [COUNT]   (after `make native`)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
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

echo "# server benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| what | count | seconds | per second | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|"
$load http --port "$port" --connections 16 --count "$count"
$load open --count "$count"
$load sqlite --dir "$work" --count 2000 --batch 1
$load sqlite --dir "$work" --count "$count" --batch 100
$load submissions --port "$port" --form bench/forms/load-test.json --connections 16 --count "$count"
$load submissions --port "$port" --form bench/forms/load-test.json --connections 64 --count "$((count / 2))" --rate 2000
