#!/usr/bin/env bash
# Golden test of `frontdesk paths`: every journey through a golden form (the
# everything form unless named), on 2026-11-28, must equal
# tests/golden/paths/FORM.expected; and each journey's answers, run through
# `frontdesk fill`, must take that very journey.
#   tests/golden/paths.sh FRONTDESK_BIN [FORM] [--update]
set -euo pipefail
bin=$1
name=everything
if [[ -n ${2:-} && ${2:-} != --update ]]; then
  name=$2
  shift
fi
here=$(cd "$(dirname "$0")" && pwd)
actual=$("$bin" paths "$here/forms/$name.json" --today 2026-11-28)
if [[ ${2:-} == --update ]]; then
  echo "$actual" > "$here/paths/$name.expected"
  exit 0
fi
diff -u "$here/paths/$name.expected" <(echo "$actual") || {
  echo "paths output differs (tests/golden/paths.sh BIN --update rewrites it)" >&2
  exit 1
}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
count=$(node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(j.paths.length)' <<< "$actual")
for ((i = 0; i < count; i++)); do
  node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8")).paths[process.argv[1]];
    require("fs").writeFileSync(process.argv[2], JSON.stringify(j.answers));
    require("fs").writeFileSync(process.argv[3], JSON.stringify(j.pages));' "$i" "$scratch/answers.json" "$scratch/pages.json" <<< "$actual"
  filled=$("$bin" fill "$here/forms/$name.json" --answers "$scratch/answers.json" --today 2026-11-28 || true)
  node -e '
    const fs = require("fs");
    const filled = JSON.parse(fs.readFileSync(0, "utf8"));
    const pages = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    if (JSON.stringify(filled.pages) !== JSON.stringify(pages)) {
      console.error(`path ${process.argv[2]}: fill walks ${filled.pages} instead of ${pages}`);
      process.exit(1);
    }' "$scratch/pages.json" "$i" <<< "$filled"
done
echo "$count journeys, each walked again by fill"
