# The README's two commands, `make run` and `make test`, and what they are
# made of. Every target first runs toolchain/setup.sh, which installs what
# is missing and returns at once on a ready machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

NATIVE_BUILD := build/native-release
FRONTDESK := $(NATIVE_BUILD)/cli/frontdesk
WEB_ROOT := build/web
JOBS ?= 2

.PHONY: all setup native wasm run test test-native test-browser bench debug-test clean

all: native wasm

setup:
	@toolchain/setup.sh

native: setup
	@[ -f $(NATIVE_BUILD)/build.ninja ] || cmake --preset native-release
	@cmake --build --preset native-release -j$(JOBS)

# The browser's engine and the web root it is served from (build/web).
wasm: setup
	@[ -f build/wasm-release/build.ninja ] || \
	  NODE_PATH=/usr/share/nodejs cmake --preset wasm-release \
	    -DFRONTDESK_SODIUM_WASM_PREFIX="$$(toolchain/build-libsodium-wasm.sh | tail -n1)"
	@NODE_PATH=/usr/share/nodejs cmake --build --preset wasm-release -j$(JOBS)

run: native wasm
	$(FRONTDESK) serve --web $(WEB_ROOT) --forms forms --data var

test: native wasm test-native test-browser

test-native:
	@ctest --preset native-release -j$(JOBS)

test-browser:
	@FRONTDESK_BIN=$(FRONTDESK) FRONTDESK_WEB=$(WEB_ROOT) FRONTDESK_FORMS=forms npm run --silent test:browser

# Benchmarks (bench/): 10 min 19 s in all, measured 2026-11-28 on the 2-core
# CI machine kind while others were compiling (load average 6-12; BENCHMARKS.md),
# never part of `make test`, and they assert no times; the results go in
# BENCHMARKS.md. Crypto natively and in wasm; the engine natively, in wasm and
# beside SurveyJS on the same forms (generated, and the crime report with its
# repeat groups); transfer size beside SurveyJS, libsodium.js and GOV.UK Frontend; the
# server's throughput and scaling; the web client's time to the first question
# under 3G and Slow 4G throttling with a 4x slower CPU (cold, warm, offline).
bench: native wasm
	@bench/crypto.sh
	@bench/engine.sh
	@node bench/peers.mjs
	@FRONTDESK_BIN=$(FRONTDESK) FRONTDESK_WEB=$(WEB_ROOT) FRONTDESK_FORMS=forms node bench/transfer-size.mjs
	@bench/server.sh
	@bench/scaling.sh
	@FRONTDESK_BIN=$(FRONTDESK) FRONTDESK_WEB=$(WEB_ROOT) FRONTDESK_FORMS=forms node bench/first-question.mjs

# The same unit and integration tests built with AddressSanitizer and UBSan.
debug-test: setup
	@[ -f build/native-debug/build.ninja ] || cmake --preset native-debug
	@cmake --build --preset native-debug -j$(JOBS)
	@ctest --preset native-debug -j$(JOBS)

# Benchmarks: minutes, never part of `make test`; results belong in BENCHMARKS.md.
clean:
	rm -rf build
