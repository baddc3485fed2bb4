// libsodium's randomness in the browser, from crypto.getRandomValues, with
// failure made visible: libsodium's own Emscripten source throws a
// JavaScript exception when there is no secure source, and randombytes_buf
// cannot report an error. Here a missing source sets a flag, and sealing
// refuses when it is set (browser_random_failed), so nothing weakly random
// is ever sealed or queued.
#include "wasm/random_source.hpp"

#include <emscripten/emscripten.h>
#include <sodium.h>

#include <cstring>

namespace {

bool random_failed = false;

// Fills [buf, buf + size) from crypto.getRandomValues, 64 KiB at a time (its
// limit). Returns 0 when there is no such source or it throws.
EM_JS(int, fill_from_web_crypto, (unsigned char* buf, size_t size), {
    try {
        const source = globalThis.crypto;
        if (!source || typeof source.getRandomValues !== 'function') return 0;
        for (let offset = 0; offset < size; offset += 65536) {
            source.getRandomValues(HEAPU8.subarray(buf + offset, buf + Math.min(size, offset + 65536)));
        }
        return 1;
    } catch (e) {
        return 0;
    }
});

void random_buf(void* const buf, const size_t size) {
    if (size == 0) return;
    if (fill_from_web_crypto(static_cast<unsigned char*>(buf), size) == 0) {
        std::memset(buf, 0, size);
        random_failed = true;
    }
}

uint32_t random_u32() {
    uint32_t value = 0;
    random_buf(&value, sizeof value);
    return value;
}

const char* random_name() { return "web-crypto"; }

randombytes_implementation web_crypto = {random_name, random_u32, nullptr, nullptr, random_buf, nullptr};

// Installed before main and before any sodium_init: libsodium reads the
// implementation pointer on every call.
const int installed = randombytes_set_implementation(&web_crypto);

}  // namespace

bool browser_random_ready() {
    unsigned char probe[16];
    random_buf(probe, sizeof probe);
    sodium_memzero(probe, sizeof probe);
    return installed == 0 && !random_failed;
}

bool browser_random_failed() { return random_failed; }
