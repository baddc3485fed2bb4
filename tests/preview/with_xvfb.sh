#!/bin/sh
# with_xvfb.sh COMMAND [ARG...]: runs COMMAND with an X server of its own.
# Xvfb picks a free display itself (-displayfd), so runs in parallel, and other
# checkouts' tests on the same machine, never race for one (xvfb-run -a can).
# Exits with COMMAND's status; the X server is stopped afterwards.
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/with-xvfb.XXXXXX")
Xvfb -displayfd 3 -screen 0 2400x1600x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || :; wait "$xvfb" 2>/dev/null || :; rm -rf "$dir"' EXIT
tries=0
until [ -s "$dir/display" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$xvfb" 2>/dev/null; then
        echo "with_xvfb.sh: Xvfb did not start" >&2
        cat "$dir/xvfb.log" >&2
        exit 1
    fi
    sleep 0.1
done
status=0
DISPLAY=":$(cat "$dir/display")" "$@" || status=$?
exit "$status"
