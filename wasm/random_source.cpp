// libsodium's randomness in the browser, with failure made visible.
//
// Under Emscripten, libsodium 1.0.18 ignores randombytes_set_implementation:
// randombytes_buf asks JavaScript's Module.getRandomValue for each byte, and
// when that is undefined, sodium_init installs one from crypto.getRandomValues
// or throws a JavaScript exception. We install our own first: it takes bytes
// from crypto.getRandomValues and, when there is none or it throws, returns 0
// and records the failure, so sealing can refuse (browser_random_failed) and
// nothing weakly random is ever sealed or queued.
#include "wasm/random_source.hpp"

#include <emscripten/emscripten.h>

namespace {

int install_random_source() {
    EM_ASM({
        Module.fdRandomFailed = false;
        const word = new Uint32Array(1);
        Module.getRandomValue = function() {
            try {
                globalThis.crypto.getRandomValues(word);
                return word[0] >>> 0;
            } catch (e) {
                Module.fdRandomFailed = true;
                return 0;
            }
        };
    });
    return 1;
}

// Runs as the module starts, before any call can reach sodium_init.
const int installed = install_random_source();

}  // namespace

bool browser_random_failed() {
    return installed != 1 || EM_ASM_INT({ return Module.fdRandomFailed ? 1 : 0; }) != 0;
}

bool browser_random_ready() {
    // One draw through the same path libsodium uses.
    const int ok = EM_ASM_INT({
        Module.getRandomValue();
        return Module.fdRandomFailed ? 0 : 1;
    });
    return ok == 1 && !browser_random_failed();
}
