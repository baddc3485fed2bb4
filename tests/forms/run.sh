#!/usr/bin/env bash
# Golden tests of the shipped forms: for each tests/forms/golden/FORM/CASE.answers.json,
# `frontdesk fill forms/FORM.json` must print CASE.expected (the pages walked, the
# answers as the report holds them, any errors, the outcome and the route) and
# exit with the status recorded there. The same runner as tests/golden/run.sh
# (same day, NAME.LANG.answers.json runs in that language), on forms/.
#   tests/forms/run.sh FRONTDESK_BIN CASE.answers.json   # check one case
#   tests/forms/run.sh FRONTDESK_BIN --update            # rewrite every .expected
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
GOLDEN_FORMS=$(cd "$here/../../forms" && pwd) GOLDEN_CASES="$here/golden" GOLDEN_REWRITE=tests/forms/run.sh \
  exec "$here/../golden/run.sh" "$@"
