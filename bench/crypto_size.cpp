// Only the cryptography the browser needs: seal a report, check a receipt.
// Built as its own wasm module so bench/crypto.sh can weigh it alone.
#include <emscripten/emscripten.h>

#include <string>

#include "engine/envelope.hpp"
#include "engine/receipt.hpp"

extern "C" {

EMSCRIPTEN_KEEPALIVE int crypto_size_seal(const char* report, const unsigned char* key) {
    frontdesk::box_public_key pk{};
    std::copy(key, key + pk.size(), pk.begin());
    return frontdesk::seal_envelope(report, "form", pk) ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE int crypto_size_verify(const char* reference, const char* signature, const unsigned char* key) {
    frontdesk::sign_public_key pk{};
    std::copy(key, key + pk.size(), pk.begin());
    const frontdesk::receipt r{reference, "", "", "", "", signature};
    return frontdesk::verify_receipt(r, pk) ? 1 : 0;
}

}  // extern "C"
