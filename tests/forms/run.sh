#!/usr/bin/env bash
# Golden tests of the shipped forms: for each tests/forms/golden/FORM/CASE.answers.json,
# `frontdesk fill forms/FORM.json` must print CASE.expected (the pages walked, the
# answers as the report holds them, any errors, the outcome and the route) and
# exit with the status recorded there. Every case runs on the same day, 2026-11-28.
# A case named NAME.LANG.answers.json (e.g. bike-tracker.pl.answers.json) runs in that language.
#   tests/forms/run.sh FRONTDESK_BIN CASE.answers.json   # check one case
#   tests/forms/run.sh FRONTDESK_BIN --update            # rewrite every .expected
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
forms=$(cd "$here/../../forms" && pwd)
today=2026-11-28

run_case() {
  local answers=$1
  local form
  form=$(basename "$(dirname "$answers")")
  local status=0 name language=()
  name=$(basename "$answers" .answers.json)
  if [[ $name == *.* ]]; then language=(--language "${name##*.}"); fi
  "$bin" fill "$forms/$form.json" --answers "$answers" --today "$today" "${language[@]}" 2>&1 || status=$?
  echo "exit: $status"
}

if [[ ${2:-} == --update ]]; then
  for answers in "$here"/golden/*/*.answers.json; do
    run_case "$answers" > "${answers%.answers.json}.expected"
  done
  exit 0
fi

answers=$2
expected="${answers%.answers.json}.expected"
if ! diff -u "$expected" <(run_case "$answers"); then
  echo "golden output differs: $expected (tests/forms/run.sh BIN --update rewrites it)" >&2
  exit 1
fi
