#include "engine/keys.hpp"

#include <sodium.h>

#include <algorithm>

#include "engine/encoding.hpp"

namespace frontdesk {

status crypto_init() {
    // sodium_init returns 1 when already initialised, -1 on failure (e.g. no
    // secure random source).
    if (sodium_init() < 0) return error{"crypto", "The cryptography library could not start."};
    return status::ok();
}

std::string key_id_of(const unsigned char* public_key, std::size_t size) {
    unsigned char digest[crypto_generichash_BYTES_MIN];
    if (crypto_generichash(digest, sizeof digest, public_key, size, nullptr, 0) != 0) return {};
    return to_hex(digest, 8);
}

result<std::array<unsigned char, 32>> public_key_from_base64(std::string_view b64) {
    const auto decoded = from_base64(b64);
    if (!decoded || decoded->size() != 32) return error{"public_key", "A public key must be 32 bytes in base64."};
    std::array<unsigned char, 32> key{};
    std::copy(decoded->begin(), decoded->end(), key.begin());
    return key;
}

}  // namespace frontdesk
