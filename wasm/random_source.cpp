// libsodium's randomness in the browser, with failure made visible.
//
// Under Emscripten, libsodium 1.0.18's randombytes_buf, randombytes_random and
// randombytes_stir ask JavaScript through EM_ASM (Module.getRandomValue), which
// needs emscripten's glue, and randombytes_set_implementation is ignored. We
// define those three functions here instead, so the linker never takes
// libsodium's randombytes.o: the bytes come from crypto.getRandomValues through
// one imported function (fd_random_fill, given by web/engine-client.js), and
// a failure is recorded so that sealing refuses (browser_random_failed):
// nothing weakly random is ever sealed or queued.
#include "wasm/random_source.hpp"

#include <sodium.h>

#include <cstddef>
#include <cstdint>

extern "C" {

// Fills `size` bytes at `buf` from crypto.getRandomValues: 1, or 0 when the
// browser has no secure random source or it failed.
__attribute__((import_module("env"), import_name("fd_random_fill"))) int fd_random_fill(void* buf, std::size_t size);

}  // extern "C"

namespace {

bool failed = false;

}  // namespace

extern "C" {

void randombytes_buf(void* const buf, const size_t size) {
    if (size == 0) return;
    if (fd_random_fill(buf, size) != 1) {
        failed = true;
        // Not random: zeros, and everything that used them is refused.
        sodium_memzero(buf, size);
    }
}

uint32_t randombytes_random(void) {
    std::uint32_t word = 0;
    randombytes_buf(&word, sizeof word);
    return word;
}

// Nothing to stir: every byte comes fresh from the browser.
void randombytes_stir(void) {}

}  // extern "C"

bool browser_random_failed() { return failed; }

bool browser_random_ready() {
    // One draw through the same path libsodium uses.
    unsigned char probe[4];
    randombytes_buf(probe, sizeof probe);
    return !failed;
}
