#!/usr/bin/env bash
# Golden tests of `frontdesk fill`: for each FORM/CASE.answers.json beside
# tests/golden/forms/FORM.json, the output and exit status must equal
# CASE.expected. Every case runs on the same day, 2026-11-28. A case named
# NAME.LANG.answers.json (e.g. too-young.pl.answers.json) runs in that language.
#   tests/golden/run.sh FRONTDESK_BIN CASE.answers.json   # check one case
#   tests/golden/run.sh FRONTDESK_BIN --update            # rewrite every .expected
# GOLDEN_FORMS and GOLDEN_CASES point it at other forms and cases
# (tests/forms/run.sh: the shipped forms).
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
forms=${GOLDEN_FORMS:-$here/forms}
cases=${GOLDEN_CASES:-$here}
rewrite=${GOLDEN_REWRITE:-tests/golden/run.sh}
today=2026-11-28

run_case() {
  local answers=$1
  local form_dir
  form_dir=$(basename "$(dirname "$answers")")
  local status=0 name language=()
  name=$(basename "$answers" .answers.json)
  if [[ $name == *.* ]]; then language=(--language "${name##*.}"); fi
  "$bin" fill "$forms/$form_dir.json" --answers "$answers" --today "$today" "${language[@]}" 2>&1 || status=$?
  echo "exit: $status"
}

if [[ ${2:-} == --update ]]; then
  for answers in "$cases"/*/*.answers.json; do
    run_case "$answers" > "${answers%.answers.json}.expected"
  done
  exit 0
fi

answers=$2
expected="${answers%.answers.json}.expected"
if ! diff -u "$expected" <(run_case "$answers"); then
  echo "golden output differs: $expected ($rewrite BIN --update rewrites it)" >&2
  exit 1
fi
