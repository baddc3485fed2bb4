#!/usr/bin/env bash
# Every shipped form in forms/ passes `frontdesk lint` with nothing to say:
# no errors (the server would refuse the form) and no warnings (a page, route
# or team rule that no journey uses, or a search that stopped at its limit).
#   tests/forms/lint.sh FRONTDESK_BIN
set -euo pipefail
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
status=0
output=$("$bin" lint forms/*.json 2>&1) || status=$?
if [[ $status -ne 0 || -n $output ]]; then
  echo "$output"
  echo "frontdesk lint forms/*.json: exit $status; the shipped forms must lint clean, with no warnings" >&2
  exit 1
fi
echo "$(ls forms/*.json | wc -l) forms lint clean"
