#include "engine/encoding.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

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

namespace {

constexpr unsigned char not_base64 = 0xFF;

// The value of each character of the standard alphabet; not_base64 for the
// rest, '=' included (padding is handled apart).
constexpr std::array<unsigned char, 256> base64_values = [] {
    std::array<unsigned char, 256> values{};
    values.fill(not_base64);
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (unsigned char i = 0; i < 64; ++i) values[static_cast<unsigned char>(alphabet[i])] = i;
    return values;
}();

}  // namespace

// A table lookup per character instead of libsodium's constant-time decoder:
// envelopes are public ciphertext, and decoding them was a twentieth of the
// server's time per submission. Exactly as strict as sodium_base642bin with
// the padded standard variant: length a multiple of 4, padding only at the
// end, and the bits the padding leaves over must be zero.
std::optional<bytes> from_base64(std::string_view b64) {
    if (b64.size() % 4 != 0) return std::nullopt;
    if (b64.empty()) return bytes{};
    const std::size_t padding = b64.back() != '=' ? 0 : b64[b64.size() - 2] != '=' ? 1 : 2;
    bytes out(b64.size() / 4 * 3 - padding);
    const auto* in = reinterpret_cast<const unsigned char*>(b64.data());
    const std::size_t whole = b64.size() / 4 - 1;  // quads before the last
    unsigned char* to = out.data();
    for (std::size_t q = 0; q < whole; ++q, in += 4) {
        const unsigned a = base64_values[in[0]], b = base64_values[in[1]], c = base64_values[in[2]],
                       d = base64_values[in[3]];
        if (((a | b | c | d) & 0xC0) != 0) return std::nullopt;  // a character outside the alphabet
        const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
        *to++ = static_cast<unsigned char>(v >> 16);
        *to++ = static_cast<unsigned char>(v >> 8);
        *to++ = static_cast<unsigned char>(v);
    }
    const std::size_t kept = 4 - padding;  // characters of the last quad that carry data
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < kept; ++i) {
        const unsigned x = base64_values[in[i]];
        if (x == not_base64) return std::nullopt;
        v = v << 6 | x;
    }
    v <<= 6 * padding;
    // Leftover bits under the padding must be zero (one encoding per value).
    if ((padding == 1 && (v & 0xFF) != 0) || (padding == 2 && (v & 0xFFFF) != 0)) return std::nullopt;
    for (std::size_t i = 0; i < 3 - padding; ++i) *to++ = static_cast<unsigned char>(v >> (16 - 8 * i));
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
