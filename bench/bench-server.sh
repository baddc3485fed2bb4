# Sourced by bench/server.sh and bench/scaling.sh: starts `frontdesk serve`
# with the bench forms, no rate limit and a high connection cap, in a scratch
# folder ($work) that is removed on exit; sets $port and $server.
load=build/native-release/bench/frontdesk-load
work=$(mktemp -d)
# The scripts run with `set -e`, which holds in this trap too: scaling.sh has
# stopped the server already, so kill and wait may fail, and must not fail the run.
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
echo '{"submissions_per_minute": 0, "max_connections": 4096}' > "$work/config.json"
mkdir -p "$work/web"
build/native-release/cli/frontdesk serve --port 0 --data "$work/data" --web "$work/web" --forms bench/forms \
    --config "$work/config.json" > "$work/out" 2> "$work/log" &
server=$!
for _ in $(seq 100); do grep -qs listening "$work/out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/out")
[ -n "$port" ] || { echo "frontdesk serve did not start:" >&2; cat "$work/log" >&2; exit 1; }
machine="$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# Runs the load generator, keeping what it says of its own CPU use (stderr)
# in $work/usage, out of the table; shown after all when the run fails.
run_load() { if ! $load "$@" 2> "$work/usage"; then cat "$work/usage" >&2; return 1; fi; }
