#include "engine/encoding.hpp"

#include <sodium.h>

namespace frontdesk {

std::string to_hex(const unsigned char* data, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();  // the terminating NUL
    return out;
}

std::optional<bytes> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    bytes out(hex.size() / 2);
    std::size_t written = 0;
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &written, nullptr) != 0 ||
        written != out.size()) {
        return std::nullopt;
    }
    return out;
}

std::string to_base64(const unsigned char* data, std::size_t size) {
    constexpr int variant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_ENCODED_LEN(size, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, variant);
    out.pop_back();  // the terminating NUL
    return out;
}

std::optional<bytes> from_base64(std::string_view b64) {
    bytes out(b64.size() / 4 * 3 + 3);
    std::size_t written = 0;
    if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &written, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    out.resize(written);
    return out;
}

std::string hash_hex(std::string_view data) {
    unsigned char digest[crypto_generichash_BYTES];
    // BLAKE2b cannot fail for these fixed, valid sizes; the check keeps the rule
    // that every libsodium return value is looked at.
    if (crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()),
                           data.size(), nullptr, 0) != 0) {
        return {};
    }
    return to_hex(digest, sizeof digest);
}

}  // namespace frontdesk
