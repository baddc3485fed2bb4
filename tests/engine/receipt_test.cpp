#include "engine/receipt.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

using namespace frontdesk;

namespace {

struct signer {
    sign_public_key pk{};
    sign_secret_key sk{};
    signer() {
        REQUIRE(crypto_init());
        REQUIRE(crypto_sign_keypair(pk.data(), sk.data()) == 0);
    }
};

receipt sample() {
    return {"FD-7K3M-Q9TX", "00112233445566778899aabbccddeeff", std::string(64, 'a'), "2026-11-28T09:15:02Z", {}, {}};
}

}  // namespace

TEST_CASE("a signed receipt verifies with the signer's key only") {
    signer server;
    signer other;
    receipt r = sample();
    REQUIRE(sign_receipt(r, server.sk, server.pk));
    CHECK(r.key_id == key_id_of(server.pk));
    CHECK(verify_receipt(r, server.pk));
    CHECK(!verify_receipt(r, other.pk));
}

TEST_CASE("changing any field of a receipt breaks it") {
    signer server;
    receipt signed_receipt = sample();
    REQUIRE(sign_receipt(signed_receipt, server.sk, server.pk));
    for (auto field : {&receipt::reference, &receipt::submission_id, &receipt::envelope_hash, &receipt::received_at,
                       &receipt::key_id, &receipt::signature}) {
        receipt altered = signed_receipt;
        std::string& value = altered.*field;
        value[value.size() / 2] = value[value.size() / 2] == 'A' ? 'B' : 'A';
        CHECK(!verify_receipt(altered, server.pk));
    }
    receipt newline = signed_receipt;
    newline.reference += "\n";
    CHECK(!verify_receipt(newline, server.pk));
}

TEST_CASE("receipt JSON carries every field") {
    signer server;
    receipt r = sample();
    REQUIRE(sign_receipt(r, server.sk, server.pk));
    const auto j = nlohmann::json::parse(receipt_json(r));
    CHECK(j.at("reference") == r.reference);
    CHECK(j.at("submission_id") == r.submission_id);
    CHECK(j.at("envelope_hash") == r.envelope_hash);
    CHECK(j.at("received_at") == r.received_at);
    CHECK(j.at("key_id") == r.key_id);
    CHECK(j.at("signature") == r.signature);
}
