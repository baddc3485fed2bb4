#include "engine/encoding.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("hash_hex is BLAKE2b-256") {
    // The BLAKE2b-256 of the empty string, from the BLAKE2 reference.
    CHECK(hash_hex("") == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    CHECK(hash_hex("a") != hash_hex("b"));
}
