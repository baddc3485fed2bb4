#!/usr/bin/env bash
# toolchain/setup.sh — idempotent; the top-level Makefile runs it before every
# build. On a ready machine it only checks and takes a fraction of a second.
#   1. installs the missing Debian packages listed in toolchain/apt-packages.txt
#   2. npm ci, if package-lock.json is newer than node_modules/.package-lock.json
#   3. builds libsodium for wasm (toolchain/build-libsodium-wasm.sh, cached)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
say() { echo "setup: $*" >&2; }

# ------------------------------------------------------------ apt packages ---
# Line format: "package [if-missing:COMMAND]"; '#' starts a comment.
wanted=()
while read -r pkg cond _; do
    [[ -n $pkg ]] || continue
    if [[ ${cond:-} == if-missing:* ]] && command -v "${cond#if-missing:}" >/dev/null 2>&1; then
        continue
    fi
    wanted+=("$pkg")
done < <(sed -e 's/#.*//' "$HERE/apt-packages.txt")

declare -A installed=()
while read -r name status; do
    [[ $status == *" installed" ]] && installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null || true)

missing=()
for pkg in "${wanted[@]}"; do
    [[ -n ${installed[${pkg%%:*}]:-} ]] || missing+=("$pkg")
done

if (( ${#missing[@]} )); then
    if (( EUID != 0 )); then
        say "error: missing Debian packages: ${missing[*]}"
        say "install them as root with:"
        say "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
        exit 1
    fi
    say "installing ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

# --------------------------------------------------------------------- npm ---
# node_modules is current if npm's hidden lock file (or our stamp, for a lock
# file with nothing to install) is not older than package-lock.json.
npm_current() {
    local f
    for f in .package-lock.json .frontdesk-npm-ci; do
        [[ -f $ROOT/node_modules/$f && ! $ROOT/node_modules/$f -ot $ROOT/package-lock.json ]] && return 0
    done
    return 1
}
if [[ -f $ROOT/package-lock.json ]] && ! npm_current; then
    command -v npm >/dev/null || { say "error: npm not found"; exit 1; }
    say "npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
    mkdir -p "$ROOT/node_modules" && touch "$ROOT/node_modules/.frontdesk-npm-ci"
fi

# ------------------------------------------------------ libsodium for wasm ---
# stderr (progress) passes through; stdout's last line is the prefix.
prefix=$("$HERE/build-libsodium-wasm.sh" ${SODIUM_WASM_PREFIX:+"$SODIUM_WASM_PREFIX"} | tail -n1)
[[ -f $prefix/lib/libsodium.a ]] || { say "error: libsodium-wasm build gave no library"; exit 1; }

if (( ${#missing[@]} )) || [[ ${SETUP_VERBOSE:-} == 1 ]]; then
    say "ready (libsodium-wasm: $prefix)"
fi
say "ok"
