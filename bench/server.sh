#!/usr/bin/env bash
# The server's throughput and latency beside this machine's ceilings, all in
# one run: HTTP alone, crypto_box_seal_open alone, SQLite durable inserts
# alone (1 and 100 per commit), then sealed 4 KiB submissions closed-loop and
# at a fixed offered rate. Usage: bench/server.sh [COUNT]   (after `make native`)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
source bench/bench-server.sh

echo "# server benchmark, $machine"
echo
echo "| what | count | seconds | per second | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|"
run_load http --port "$port" --connections 16 --count "$count"
run_load open --count "$count"
run_load sqlite --dir "$work" --count 2000 --batch 1
run_load sqlite --dir "$work" --count "$count" --batch 100
# The server's own CPU time (user + system, from /proc) per submission: a
# figure that the other work on a shared machine hardly moves, unlike the rate.
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
before=$(server_cpu_ticks)
run_load submissions --port "$port" --form bench/forms/load-test.json --connections 16 --count "$count"
cpu_us=$(( ($(server_cpu_ticks) - before) * 1000000 / $(getconf CLK_TCK) / count ))
load_usage=$(cat "$work/usage")
run_load submissions --port "$port" --form bench/forms/load-test.json --connections 64 --count "$((count / 2))" --rate 2000
echo
echo "Server CPU time per submission (16 connections, user + system): ${cpu_us} µs"
echo "On the same cores, the ${load_usage}"
