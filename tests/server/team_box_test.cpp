#include "server/team_box.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <set>
#include <thread>
#include <vector>

#include "engine/envelope.hpp"

using namespace frontdesk;

namespace {

struct pair_of_keys {
    box_public_key pk{};
    box_secret_key sk{};
    pair_of_keys() { REQUIRE(crypto_box_keypair(pk.data(), sk.data()) == 0); }
};

box_public_key sender_of(const bytes& box) {
    box_public_key k{};
    std::copy(box.begin(), box.begin() + 32, k.begin());
    return k;
}

}  // namespace

TEST_CASE("a team box opens with the team's secret key and nothing else") {
    REQUIRE(crypto_init());
    pair_of_keys team, stranger;
    server::team_sealer sealer;
    const std::string report = R"({"answers":{"make":"Raleigh"}})";
    auto box = sealer.seal(report, team.pk, largest_report_bucket);
    REQUIRE(box);
    CHECK(box->size() == server::team_box_overhead + smallest_bucket);
    auto opened = server::open_team_box(*box, team.sk, largest_report_bucket);
    REQUIRE(opened);
    CHECK(*opened == report);
    CHECK(!server::open_team_box(*box, stranger.sk, largest_report_bucket));
    // The bytes are not there in clear.
    const std::string stored(box->begin(), box->end());
    CHECK(stored.find("Raleigh") == std::string::npos);
}

TEST_CASE("a damaged, truncated or resized team box is refused") {
    REQUIRE(crypto_init());
    pair_of_keys team;
    server::team_sealer sealer;
    auto box = sealer.seal("a report", team.pk, largest_report_bucket);
    REQUIRE(box);
    for (std::size_t i = 0; i < box->size(); i += 7) {
        bytes damaged = *box;
        damaged[i] ^= 0x01;
        CHECK_MESSAGE(!server::open_team_box(damaged, team.sk, largest_report_bucket), "byte " << i);
    }
    CHECK(!server::open_team_box(bytes(box->begin(), box->end() - 1), team.sk, largest_report_bucket));
    CHECK(!server::open_team_box(bytes{}, team.sk, largest_report_bucket));
    CHECK(!server::open_team_box(bytes(server::team_box_overhead + 1000), team.sk, largest_report_bucket));
    // A box bigger than the largest bucket allowed is refused before any work.
    auto big = sealer.seal(std::string(5000, 'x'), team.pk, largest_report_bucket);
    REQUIRE(big);
    CHECK(!server::open_team_box(*big, team.sk, 4096));
}

TEST_CASE("the sender key is renewed after its uses, and is per team") {
    REQUIRE(crypto_init());
    pair_of_keys north, south;
    server::team_sealer sealer(3);
    std::vector<box_public_key> senders;
    for (int i = 0; i < 7; ++i) {
        auto box = sealer.seal("r" + std::to_string(i), north.pk, largest_report_bucket);
        REQUIRE(box);
        senders.push_back(sender_of(*box));
        CHECK(server::open_team_box(*box, north.sk, largest_report_bucket));
    }
    CHECK(senders[0] == senders[1]);
    CHECK(senders[1] == senders[2]);
    CHECK(senders[2] != senders[3]);
    CHECK(senders[3] == senders[5]);
    CHECK(senders[5] != senders[6]);
    auto other = sealer.seal("r", south.pk, largest_report_bucket);
    REQUIRE(other);
    CHECK(sender_of(*other) != senders[6]);

    // Two boxes from one sender key still differ (random nonces).
    auto a = sealer.seal("same", south.pk, largest_report_bucket);
    auto b = sealer.seal("same", south.pk, largest_report_bucket);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a != *b);
}

TEST_CASE("a sender key lives no longer than its lifetime") {
    REQUIRE(crypto_init());
    pair_of_keys team;
    server::team_sealer sealer(1000, std::chrono::seconds(0));
    auto a = sealer.seal("one", team.pk, largest_report_bucket);
    auto b = sealer.seal("two", team.pk, largest_report_bucket);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(sender_of(*a) != sender_of(*b));
}

TEST_CASE("too large a plaintext is refused") {
    REQUIRE(crypto_init());
    pair_of_keys team;
    server::team_sealer sealer;
    CHECK(!sealer.seal(std::string(4096, 'x'), team.pk, 4096));
}

TEST_CASE("many threads seal at once and every box opens") {
    REQUIRE(crypto_init());
    pair_of_keys team;
    server::team_sealer sealer(16);
    std::vector<std::vector<bytes>> boxes(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < boxes.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                auto box = sealer.seal("report " + std::to_string(t) + "/" + std::to_string(i), team.pk,
                                       largest_report_bucket);
                if (box) boxes[t].push_back(std::move(*box));
            }
        });
    }
    for (auto& th : threads) th.join();
    std::set<box_public_key> senders;
    for (std::size_t t = 0; t < boxes.size(); ++t) {
        REQUIRE(boxes[t].size() == 100);
        for (std::size_t i = 0; i < boxes[t].size(); ++i) {
            auto opened = server::open_team_box(boxes[t][i], team.sk, largest_report_bucket);
            REQUIRE(opened);
            CHECK(*opened == "report " + std::to_string(t) + "/" + std::to_string(i));
            senders.insert(sender_of(boxes[t][i]));
        }
    }
    CHECK(senders.size() == 25);  // 400 boxes, 16 per sender key
}
