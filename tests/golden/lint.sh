#!/usr/bin/env bash
# Golden tests of `frontdesk lint`: tests/golden/lint/NAME.json -> NAME.expected
# (the output, with the file's path relative to tests/golden, and the exit status).
#   tests/golden/lint.sh FRONTDESK_BIN NAME.json   |   tests/golden/lint.sh FRONTDESK_BIN --update
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
run_case() {
  local status=0
  (cd "$here" && "$bin" lint "lint/$(basename "$1")" 2>&1) || status=$?
  echo "exit: $status"
}
if [[ ${2:-} == --update ]]; then
  for form in "$here"/lint/*.json; do run_case "$form" > "${form%.json}.expected"; done
  exit 0
fi
expected="${2%.json}.expected"
if ! diff -u "$expected" <(run_case "$2"); then
  echo "lint output differs: $expected (tests/golden/lint.sh BIN --update rewrites it)" >&2
  exit 1
fi
