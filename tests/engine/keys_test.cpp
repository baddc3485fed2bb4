#include "engine/keys.hpp"

#include <doctest/doctest.h>

#include <sodium.h>

#include "engine/encoding.hpp"

using namespace frontdesk;

namespace {

box_public_key counting_key() {
    box_public_key k{};
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<unsigned char>(i);
    return k;
}

}  // namespace

TEST_CASE("crypto_init succeeds, and again") {
    CHECK(crypto_init());
    CHECK(crypto_init());
}

TEST_CASE("a key id is the first 8 bytes of the key's 16-byte BLAKE2b, in hex") {
    REQUIRE(crypto_init());
    // Worked out independently (Python: hashlib.blake2b(key, digest_size=16).hexdigest()[:16]).
    CHECK(key_id_of(counting_key()) == "f39a2cad58411cd4");
    CHECK(key_id_of(box_public_key{}) == "ff0f22492f44bac4");
    // The same bytes give the same id whatever the key's type; one bit changes it.
    sign_public_key same{};
    const auto counting = counting_key();
    std::copy(counting.begin(), counting.end(), same.begin());
    CHECK(key_id_of(same) == key_id_of(counting));
    box_public_key flipped = counting;
    flipped[31] ^= 1;
    CHECK(key_id_of(flipped) != key_id_of(counting));
    CHECK(key_id_of(flipped).size() == 16);
}

TEST_CASE("a real key's id does not reveal it, and its base64 reads back to the same key") {
    REQUIRE(crypto_init());
    box_public_key pk{};
    box_secret_key sk{};
    REQUIRE(crypto_box_keypair(pk.data(), sk.data()) == 0);
    const std::string b64 = to_base64(pk.data(), pk.size());
    CHECK(b64.size() == 44);
    const auto back = public_key_from_base64(b64);
    REQUIRE(back);
    CHECK(*back == pk);
    CHECK(key_id_of(*back) == key_id_of(pk));
    CHECK(b64.find(key_id_of(pk)) == std::string::npos);
    sodium_memzero(sk.data(), sk.size());
}

TEST_CASE("a public key in base64 round trips, and the known key decodes to its bytes") {
    const auto k = public_key_from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    REQUIRE(k);
    CHECK(*k == counting_key());
    CHECK(to_base64(k->data(), k->size()) == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
}

TEST_CASE("a public key of the wrong length, or not base64, is refused in plain words") {
    const std::string expected = "A public key must be 32 bytes in base64.";
    for (const std::string& bad : {
             std::string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="),    // 31 bytes
             std::string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),    // 33 bytes
             std::string(""),                                                // nothing
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"),     // padding missing
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=="),   // padding too long
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd*h8="),    // not the alphabet
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"),  // a line end after it
             std::string("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").substr(0, 20) + std::string(1, '\0') + "AAA",
         }) {
        CAPTURE(bad);
        const auto k = public_key_from_base64(bad);
        REQUIRE(!k);
        CHECK(k.err().message == expected);
        CHECK(k.err().where == "public_key");
    }
}
