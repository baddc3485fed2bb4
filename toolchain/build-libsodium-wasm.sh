#!/usr/bin/env bash
# build-libsodium-wasm.sh [PREFIX]
#
# Builds a static libsodium for wasm32-emscripten from Debian's *source*
# package (the version matching the installed libsodium-dev, so the browser
# and the native server run the same libsodium, Debian patches included) and
# installs include/ + lib/libsodium.a into PREFIX.
#
# Default PREFIX: ${XDG_CACHE_HOME:-$HOME/.cache}/frontdesk/libsodium-wasm-<debian-source-version>
# Progress goes to stderr; the last (and only) stdout line is the PREFIX.
# Cached: if PREFIX holds a stamp matching the source version, this script's
# hash and the emscripten version, it exits at once. Delete PREFIX (or the
# whole cache dir) to force a rebuild.
#
# Environment overrides:
#   SODIUM_SRC_VERSION   Debian source version to build (default: that of the
#                        installed libsodium-dev, else apt's candidate)
#   DEBIAN_MIRROR        default http://deb.debian.org/debian
#   DEBIAN_SECURITY_MIRROR default http://deb.debian.org/debian-security
#   JOBS                 make -j (default: nproc)
#
# Randomness: libsodium 1.0.18 has no C RNG under Emscripten; sodium_init() ->
# randombytes_stir() runs EM_ASM JavaScript that sets Module.getRandomValue to
# (window|self).crypto.getRandomValues (browser, workers) or, failing that, to
# require('crypto').randomBytes (Node, CommonJS output only), and aborts with
# 'No secure random number generator found' otherwise; randombytes_buf() then
# calls it once per byte, so sodium_init() must run before any other call.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
# Our one change to Debian's source (see the patch): X25519 with the base
# point by the ladder, so the browser is spared a 30 KB precomputed table.
BASE_POINT_PATCH="$(dirname "$SELF")/libsodium-wasm-base-point.patch"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/frontdesk"

log() { echo "libsodium-wasm: $*" >&2; }
die() { log "error: $*"; exit 1; }

# The exact configure flags (recorded in the stamp). Modelled on libsodium's
# own dist-build/emscripten.sh (--standard): minimal build, no asm, no
# pthreads, no SSP, no PIE. --enable-minimal keeps everything frontdesk uses
# (crypto_box_{easy,seal,seal_open,seed_keypair}, crypto_sign_*detached,
# crypto_generichash, randombytes_buf, sodium_bin2base64/base642bin/bin2hex,
# sodium_memzero); it drops only xchacha20 box/secretbox, core_ed25519,
# ristretto255, scrypt, salsa2012/208 and a few deprecated bits.
SODIUM_CFLAGS="-Oz"
CONFIGURE_FLAGS=(--host=wasm32-unknown-emscripten --disable-shared --enable-static --enable-minimal
                 --without-pthreads --disable-ssp --disable-asm --disable-pie)

# ---------------------------------------------------------------- version ---
resolve_version() {
    if [[ -n ${SODIUM_SRC_VERSION:-} ]]; then
        echo "$SODIUM_SRC_VERSION"; return
    fi
    local st
    st=$(dpkg-query -W -f='${db:Status-Status} ${source:Version}' libsodium-dev 2>/dev/null || true)
    if [[ $st == installed\ ?* ]]; then
        echo "${st#installed }"; return
    fi
    # Not installed: apt's candidate. "Source: libsodium (V)" when the source
    # version differs from the binary one, else the binary Version.
    apt-cache show --no-all-versions libsodium-dev 2>/dev/null | awk '
        /^Source: .*\(/ { v = $0; sub(/.*\(/, "", v); sub(/\).*/, "", v); src = v }
        /^Version:/     { bin = $2 }
        END             { print (src != "" ? src : bin) }'
}

SRC_VERSION=$(resolve_version)
[[ -n $SRC_VERSION ]] || die "cannot determine libsodium's Debian version (install libsodium-dev, or set SODIUM_SRC_VERSION)"

PREFIX=${1:-"$CACHE_ROOT/libsodium-wasm-$SRC_VERSION"}
[[ $PREFIX == /* ]] || PREFIX="$PWD/$PREFIX"
PREFIX=${PREFIX%/}

EM_VERSION=$(dpkg-query -W -f='${Version}' emscripten 2>/dev/null || true)
if [[ -z $EM_VERSION ]]; then
    command -v emcc >/dev/null || die "emcc not found (apt-get install emscripten)"
    EM_VERSION=$(emcc --version 2>/dev/null | head -n1)
fi
STAMP_CONTENT="libsodium-source=$SRC_VERSION
script-sha256=$(sha256sum "$SELF" | cut -d' ' -f1)
patch-sha256=$(sha256sum "$BASE_POINT_PATCH" | cut -d' ' -f1)
emscripten=$EM_VERSION
cflags=$SODIUM_CFLAGS
configure=${CONFIGURE_FLAGS[*]}"
STAMP="$PREFIX/.frontdesk-stamp"

is_cached() {
    [[ -f $PREFIX/lib/libsodium.a && -f $PREFIX/include/sodium.h && -f $STAMP ]] &&
        [[ $(<"$STAMP") == "$STAMP_CONTENT" ]]
}

if is_cached; then
    echo "$PREFIX"
    exit 0
fi

# ------------------------------------------------------------------- lock ---
PARENT=$(dirname "$PREFIX")
mkdir -p "$PARENT" "$CACHE_ROOT"
exec 9>"$PARENT/.$(basename "$PREFIX").lock"
if ! flock -n 9; then
    log "waiting for another build of $PREFIX"
    flock 9
fi
if is_cached; then                      # built meanwhile by another process
    echo "$PREFIX"
    exit 0
fi

for tool in emcc emconfigure emmake node autoreconf libtoolize dpkg-source apt-get flock; do
    command -v "$tool" >/dev/null || die "'$tool' not found; run toolchain/setup.sh (see toolchain/apt-packages.txt)"
done
# Debian's emscripten needs node-acorn & co. from /usr/share/nodejs.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

log "building libsodium $SRC_VERSION (Debian source) for wasm32-emscripten into $PREFIX"

# Everything temporary lives next to PREFIX, so the final mv is atomic.
WORK=$(mktemp -d "$PARENT/.libsodium-wasm-build.XXXXXX")
LOG="$CACHE_ROOT/libsodium-wasm-build.log"
: >"$LOG"
cleanup() {
    local rc=$?
    rm -rf "$WORK" "$PREFIX.tmp"
    if (( rc != 0 )); then
        log "FAILED (exit $rc); last lines of $LOG:"
        tail -n 40 "$LOG" >&2 || true
    fi
}
trap cleanup EXIT
run() { echo "+ $*" >>"$LOG"; "$@" >>"$LOG" 2>&1; }

# ------------------------------------------------------- fetch the source ---
# Private apt state: a deb-src list of our own, never touching /etc/apt.
# Signature checking stays on (signed-by the Debian archive keyring; apt
# checks InRelease -> Sources -> .dsc/.tar hashes).
SUITE=$( . /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-bookworm}" )
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SEC_MIRROR=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -r $KEYRING ]] || die "$KEYRING missing (apt-get install debian-archive-keyring)"

APT_DIR="$CACHE_ROOT/apt"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
cat >"$APT_DIR/sources.list.new" <<EOF
deb-src [signed-by=$KEYRING] $MIRROR $SUITE main
deb-src [signed-by=$KEYRING] $MIRROR $SUITE-updates main
deb-src [signed-by=$KEYRING] $SEC_MIRROR $SUITE-security main
EOF
mv "$APT_DIR/sources.list.new" "$APT_DIR/sources.list"
APT_OPTS=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list"
          -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$APT_DIR/lists"
          -o "Dir::Cache=$APT_DIR/cache"
          -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
          -o "APT::Get::List-Cleanup=true")
# As root apt drops to the _apt user, who cannot enter $HOME/.cache.
(( EUID == 0 )) && APT_OPTS+=(-o "APT::Sandbox::User=root")

have_version() {
    apt-cache "${APT_OPTS[@]}" showsrc --only-source libsodium 2>/dev/null |
        grep -Fx "Version: $SRC_VERSION" >/dev/null
}

SRC_CACHE="$CACHE_ROOT/src/libsodium_$SRC_VERSION"
DSC_NAME="libsodium_${SRC_VERSION#*:}.dsc"
if [[ ! -f $SRC_CACHE/$DSC_NAME ]]; then
    if ! have_version; then
        log "apt-get update (private deb-src list in $APT_DIR)"
        run apt-get "${APT_OPTS[@]}" update || die "apt-get update failed"
        have_version || die "libsodium source $SRC_VERSION is not in the archive any more; available: $(
            apt-cache "${APT_OPTS[@]}" showsrc --only-source libsodium 2>/dev/null |
            awk '/^Version:/{printf "%s ", $2}')(upgrade libsodium-dev or set SODIUM_SRC_VERSION)"
    fi
    log "apt-get source libsodium=$SRC_VERSION"
    mkdir -p "$WORK/dl"
    (cd "$WORK/dl" && run apt-get "${APT_OPTS[@]}" source --download-only "libsodium=$SRC_VERSION") ||
        die "apt-get source failed"
    rm -rf "$SRC_CACHE"
    mkdir -p "$(dirname "$SRC_CACHE")"
    mv "$WORK/dl" "$SRC_CACHE"
fi

log "unpacking (dpkg-source -x, applies Debian patches)"
run dpkg-source -x "$SRC_CACHE/$DSC_NAME" "$WORK/src" || die "dpkg-source -x failed"
log "patching: $(basename "$BASE_POINT_PATCH")"
run patch -d "$WORK/src" -p1 --forward --no-backup-if-mismatch -i "$BASE_POINT_PATCH" || die "the base-point patch does not apply"

# ------------------------------------------------------------------ build ---
cd "$WORK/src"
# Debian's source has no generated configure (debian/rules uses dh-autoreconf).
log "autoreconf"
run autoreconf -fi || die "autoreconf failed"

log "emconfigure ./configure ${CONFIGURE_FLAGS[*]} CFLAGS=$SODIUM_CFLAGS"
run emconfigure ./configure --prefix="$PREFIX" "${CONFIGURE_FLAGS[@]}" CFLAGS="$SODIUM_CFLAGS" ||
    die "configure failed"
grep -q '^S\["EMSCRIPTEN_TRUE"\]=""' config.status ||
    die "configure did not detect emscripten (EMSCRIPTEN_TRUE not set)"

log "emmake make -j${JOBS:-$(nproc)}"
run emmake make -j"${JOBS:-$(nproc)}" || die "make failed"
run emmake make install DESTDIR="$WORK/dest" || die "make install failed"
mv "$WORK/dest$PREFIX" "$PREFIX.tmp"
# Drop the libtool archive; consumers link lib/libsodium.a directly.
rm -f "$PREFIX.tmp/lib/libsodium.la"

# -------------------------------------------------------------- self-test ---
# Links every function frontdesk uses (a missing symbol fails the link) and
# checks known answers (RFC 8032 test 1, BLAKE2b-256 of ""), sealing,
# signing and the JS random source under node.
log "self-test (emcc -sSINGLE_FILE=1, run with node)"
mkdir -p "$WORK/selftest"
cat >"$WORK/selftest/t.c" <<'EOF'
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) { printf("FAIL line %d: %s\n", __LINE__, #c); return 1; } } while (0)

int main(void) {
    CHECK(sodium_init() >= 0);

    /* randombytes_buf through the JS RNG */
    unsigned char r1[64], r2[64], zero[64] = {0};
    randombytes_buf(r1, sizeof r1);
    randombytes_buf(r2, sizeof r2);
    CHECK(memcmp(r1, r2, sizeof r1) != 0 && memcmp(r1, zero, sizeof r1) != 0);

    /* sealed box */
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    CHECK(crypto_box_keypair(pk, sk) == 0);
    const unsigned char msg[] = "report #1: bike stolen";
    unsigned char sealed[sizeof msg + crypto_box_SEALBYTES], opened[sizeof msg];
    CHECK(crypto_box_seal(sealed, msg, sizeof msg, pk) == 0);
    CHECK(crypto_box_seal_open(opened, sealed, sizeof sealed, pk, sk) == 0);
    CHECK(memcmp(opened, msg, sizeof msg) == 0);
    sealed[5] ^= 1;
    CHECK(crypto_box_seal_open(opened, sealed, sizeof sealed, pk, sk) != 0);

    /* crypto_box_easy with seeded key pairs */
    unsigned char seed[crypto_box_SEEDBYTES] = {1}, pk2[crypto_box_PUBLICKEYBYTES], sk2[crypto_box_SECRETKEYBYTES];
    CHECK(crypto_box_seed_keypair(pk2, sk2, seed) == 0);
    unsigned char nonce[crypto_box_NONCEBYTES], boxed[sizeof msg + crypto_box_MACBYTES];
    randombytes_buf(nonce, sizeof nonce);
    CHECK(crypto_box_easy(boxed, msg, sizeof msg, nonce, pk2, sk) == 0);
    CHECK(crypto_box_open_easy(opened, boxed, sizeof boxed, nonce, pk, sk2) == 0);
    CHECK(memcmp(opened, msg, sizeof msg) == 0);

    /* Ed25519, RFC 8032 section 7.1 test 1 (empty message) */
    unsigned char eseed[32], epk[32], esk[64], sig[64], expect_pk[32], expect_sig[64];
    size_t n;
    CHECK(sodium_hex2bin(eseed, 32, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", 64, NULL, &n, NULL) == 0 && n == 32);
    CHECK(sodium_hex2bin(expect_pk, 32, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", 64, NULL, &n, NULL) == 0 && n == 32);
    CHECK(sodium_hex2bin(expect_sig, 64, "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", 128, NULL, &n, NULL) == 0 && n == 64);
    CHECK(crypto_sign_seed_keypair(epk, esk, eseed) == 0);
    CHECK(memcmp(epk, expect_pk, 32) == 0);
    CHECK(crypto_sign_detached(sig, NULL, (const unsigned char *) "", 0, esk) == 0);
    CHECK(memcmp(sig, expect_sig, 64) == 0);
    CHECK(crypto_sign_verify_detached(sig, (const unsigned char *) "", 0, epk) == 0);
    CHECK(crypto_sign_detached(sig, NULL, msg, sizeof msg, esk) == 0);
    CHECK(crypto_sign_verify_detached(sig, msg, sizeof msg, epk) == 0);
    sig[0] ^= 1;
    CHECK(crypto_sign_verify_detached(sig, msg, sizeof msg, epk) != 0);

    /* BLAKE2b-256("") */
    unsigned char h[32];
    char hex[65];
    CHECK(crypto_generichash(h, sizeof h, NULL, 0, NULL, 0) == 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    CHECK(strcmp(hex, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8") == 0);

    /* base64 round trip */
    char b64[sodium_base64_ENCODED_LEN(sizeof msg, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    unsigned char back[sizeof msg];
    size_t back_len = 0;
    sodium_bin2base64(b64, sizeof b64, msg, sizeof msg, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    CHECK(sodium_base642bin(back, sizeof back, b64, strlen(b64), NULL, &back_len, NULL,
                            sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0);
    CHECK(back_len == sizeof msg && memcmp(back, msg, sizeof msg) == 0);

    sodium_memzero(sk, sizeof sk);
    CHECK(sodium_is_zero(sk, sizeof sk));

    printf("OK %s\n", sodium_version_string());
    return 0;
}
EOF
run emcc -Oz -sSINGLE_FILE=1 -I"$PREFIX.tmp/include" "$WORK/selftest/t.c" "$PREFIX.tmp/lib/libsodium.a" \
    -o "$WORK/selftest/t.js" || die "self-test failed to compile/link"
OUT=$(cd "$WORK/selftest" && node t.js 2>&1) || { echo "$OUT" >>"$LOG"; die "self-test failed to run"; }
echo "$OUT" >>"$LOG"
[[ $OUT == "OK "* ]] || die "self-test failed: $OUT"

# ---------------------------------------------------------------- install ---
printf '%s\n' "$STAMP_CONTENT" >"$PREFIX.tmp/.frontdesk-stamp"
rm -rf "$PREFIX"
mv "$PREFIX.tmp" "$PREFIX"
log "done: $(du -k "$PREFIX/lib/libsodium.a" | cut -f1) KiB lib/libsodium.a, self-test: $OUT"
echo "$PREFIX"
