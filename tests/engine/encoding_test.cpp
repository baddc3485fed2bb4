#include "engine/encoding.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <random>

using namespace frontdesk;

TEST_CASE("hex and base64 round-trip and refuse bad input") {
    const bytes data{0x00, 0x01, 0xfe, 0xff, 0x7f};
    CHECK(to_hex(data) == "0001feff7f");
    CHECK(from_hex("0001feff7f") == data);
    CHECK(!from_hex("0g").has_value());
    CHECK(!from_hex("abc").has_value());
    CHECK(to_base64(data) == "AAH+/38=");
    CHECK(from_base64("AAH+/38=") == data);
    CHECK(!from_base64("AAH+/38").has_value());
    CHECK(!from_base64("AA!!").has_value());
    CHECK(from_base64("")->empty());
}

namespace {

// What libsodium's own decoder says of the same text (the reference for how
// strict from_base64 must be).
std::optional<bytes> sodium_decoded(std::string_view b64) {
    bytes out(b64.size() / 4 * 3 + 3);
    std::size_t written = 0;
    if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &written, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    out.resize(written);
    return out;
}

}  // namespace

TEST_CASE("base64 decoding is as strict as libsodium's") {
    REQUIRE(sodium_init() >= 0);
    for (const char* text : {"", "=", "==", "===", "====", "A===", "AA==", "AB==", "AAA=", "AAB=", "AAAA", "A=A=",
                             "AA=A", "AAAA====", "AA==AAAA", "AAAA\n", " AAA", "AA-_", "AAA", "AAAAA"}) {
        CHECK_MESSAGE(from_base64(text) == sodium_decoded(text), text);
    }
    // Random texts over the alphabet, '=' and a few others, of every length
    // up to 16, and the encodings of random bytes with one character changed.
    std::mt19937 random(20261128);
    const std::string characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/==-_ .";
    for (int i = 0; i < 20000; ++i) {
        std::string text(random() % 17, 'A');
        for (auto& c : text) c = characters[random() % characters.size()];
        REQUIRE_MESSAGE(from_base64(text) == sodium_decoded(text), text);
    }
    for (int i = 0; i < 2000; ++i) {
        bytes data(random() % 40);
        for (auto& b : data) b = static_cast<unsigned char>(random());
        std::string text = to_base64(data);
        REQUIRE(from_base64(text) == data);
        if (text.empty()) continue;
        text[random() % text.size()] = characters[random() % characters.size()];
        REQUIRE_MESSAGE(from_base64(text) == sodium_decoded(text), text);
    }
}

TEST_CASE("hash_hex is BLAKE2b-256") {
    // The BLAKE2b-256 of the empty string, from the BLAKE2 reference.
    CHECK(hash_hex("") == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    CHECK(hash_hex("a") != hash_hex("b"));
}
