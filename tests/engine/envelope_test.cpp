#include "engine/envelope.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

using namespace frontdesk;

namespace {

struct key_pair {
    box_public_key pk{};
    box_secret_key sk{};
    key_pair() {
        REQUIRE(crypto_init());
        REQUIRE(crypto_box_keypair(pk.data(), sk.data()) == 0);
    }
};

bytes sealed_of(const sealed_envelope& e) {
    const auto j = nlohmann::json::parse(e.json);
    return *from_base64(j.at("sealed").get<std::string>());
}

}  // namespace

TEST_CASE("buckets are powers of two from 1 KiB, always leaving room for padding") {
    CHECK(bucket_size(0) == 1024);
    CHECK(bucket_size(1023) == 1024);
    CHECK(bucket_size(1024) == 2048);
    CHECK(bucket_size(5000) == 8192);
}

TEST_CASE("the padding is byte for byte libsodium's, and is found where libsodium finds it") {
    REQUIRE(crypto_init());
    for (const std::size_t size : {0UL, 1UL, 500UL, 1022UL, 1023UL, 3600UL, 4095UL}) {
        const std::size_t bucket = bucket_size(size);
        bytes ours(bucket, 0xAA), theirs(bucket, 0xAA);
        randombytes_buf(ours.data(), size);
        std::copy(ours.begin(), ours.begin() + static_cast<std::ptrdiff_t>(size), theirs.begin());
        pad_bucket(ours.data(), size, bucket);
        std::size_t padded = 0;
        REQUIRE(sodium_pad(&padded, theirs.data(), size, bucket, bucket) == 0);
        CHECK(padded == bucket);
        CHECK(ours == theirs);
        const auto found = unpadded_size(ours.data(), bucket);
        REQUIRE(found);
        CHECK(*found == size);
    }
    // Anything else: random bytes, a marker that is not 0x80, no marker at
    // all, data after the marker. Both agree on every one.
    bytes all_zero(1024, 0);
    CHECK(!unpadded_size(all_zero.data(), all_zero.size()));
    for (int trial = 0; trial < 2000; ++trial) {
        bytes b(1024);
        randombytes_buf(b.data(), b.size());
        // Mostly zeros towards the end, so that markers and near-markers are tried.
        const std::size_t zeros = randombytes_uniform(1024);
        std::fill(b.end() - static_cast<std::ptrdiff_t>(zeros), b.end(), 0);
        if (trial % 3 == 0 && zeros < b.size()) b[b.size() - zeros - 1] = 0x80;
        std::size_t expected = 0;
        const bool valid = sodium_unpad(&expected, b.data(), b.size(), b.size()) == 0;
        const auto found = unpadded_size(b.data(), b.size());
        REQUIRE(found.has_value() == valid);
        if (valid) CHECK(*found == expected);
    }
}

TEST_CASE("a sealed report opens with the right key and only with it") {
    key_pair server;
    key_pair stranger;
    const std::string report = R"({"answers":{"make":"Raleigh"}})";
    auto sealed = seal_envelope(report, "bike-theft", server.pk);
    REQUIRE(sealed);
    const auto j = nlohmann::json::parse(sealed->json);
    CHECK(j.at("v") == 1);
    CHECK(j.at("form") == "bike-theft");
    CHECK(j.at("key_id") == key_id_of(server.pk));
    CHECK(sealed->hash == hash_hex(sealed->json));

    const bytes box = sealed_of(*sealed);
    CHECK(box.size() == 1024 + crypto_box_SEALBYTES);
    auto opened = open_sealed(box, server.pk, server.sk);
    REQUIRE(opened);
    CHECK(*opened == report);
    CHECK(!open_sealed(box, stranger.pk, stranger.sk));
}

TEST_CASE("short and long reports on different branches seal to the same size") {
    key_pair server;
    auto a = seal_envelope(std::string(10, 'a'), "f", server.pk);
    auto b = seal_envelope(std::string(900, 'b'), "f", server.pk);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(sealed_of(*a).size() == sealed_of(*b).size());
}

TEST_CASE("every flipped byte, truncation or odd size of a sealed box is refused") {
    key_pair server;
    auto sealed = seal_envelope("report", "f", server.pk);
    REQUIRE(sealed);
    const bytes box = sealed_of(*sealed);
    for (std::size_t i = 0; i < box.size(); ++i) {
        bytes damaged = box;
        damaged[i] ^= 0x01;
        CHECK_MESSAGE(!open_sealed(damaged, server.pk, server.sk), "byte " << i);
    }
    bytes truncated(box.begin(), box.end() - 1);
    CHECK(!open_sealed(truncated, server.pk, server.sk));
    CHECK(!open_sealed(bytes{}, server.pk, server.sk));
    CHECK(!open_sealed(bytes(crypto_box_SEALBYTES + 1000), server.pk, server.sk));
}

TEST_CASE("a report larger than the largest bucket is refused, not truncated") {
    key_pair server;
    CHECK(!seal_envelope(std::string(largest_report_bucket, 'x'), "f", server.pk));
}

TEST_CASE("the browser's one call seals each file as an attachment beside the report, and at most ten") {
    key_pair server;
    const std::string report = R"({"answers":{"photo":"..."}})";
    const std::string photo = "\x89PNG a photo";
    const std::string scan(3000, 's');
    auto sealed = seal_envelope_with_files(report, "crime-report", server.pk, {photo, scan});
    REQUIRE(sealed);
    const auto j = nlohmann::json::parse(sealed->json);
    REQUIRE(j.at("attachments").size() == 2);
    for (const auto& [index, content] : {std::pair{0, photo}, std::pair{1, scan}}) {
        const auto& attachment = j.at("attachments").at(index);
        CHECK(attachment.at("hash") == hash_hex(content));
        auto opened = open_padded(*from_base64(attachment.at("sealed").get<std::string>()), server.pk, server.sk,
                                  largest_attachment_bucket);
        REQUIRE(opened);
        CHECK(*opened == content);
    }
    auto opened = open_sealed(sealed_of(*sealed), server.pk, server.sk);
    REQUIRE(opened);
    CHECK(*opened == report);

    auto without = seal_envelope_with_files(report, "crime-report", server.pk, {});
    REQUIRE(without);
    CHECK(!nlohmann::json::parse(without->json).contains("attachments"));

    const std::vector<std::string_view> eleven(11, std::string_view(photo));
    CHECK(!seal_envelope_with_files(report, "crime-report", server.pk, eleven));
    const std::string too_big(largest_attachment_bucket, 'x');  // leaves no room for padding
    CHECK(!seal_envelope_with_files(report, "crime-report", server.pk, {too_big}));
}
