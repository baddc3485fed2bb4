#include "server/keyring.hpp"

#include <doctest/doctest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "server/clock.hpp"
#include "tests/support/server_fixture.hpp"

using namespace frontdesk;

namespace {

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("init makes one current sealing and receipt pair, secrets 0600, and never replaces them") {
    testing::temp_dir dir;
    const std::string keys = dir.str() + "/keys";
    bool created = false;
    REQUIRE(server::init_keys(keys, created));
    CHECK(created);
    auto ring = server::keyring::load(keys);
    REQUIRE(ring);
    const std::string sealing_id = ring->current_sealing().key_id;
    CHECK(mode_of(keys) == 0700);
    CHECK(mode_of(keys + "/sealing/" + sealing_id + ".secret") == 0600);
    CHECK(mode_of(keys + "/receipt/" + ring->current_receipt().key_id + ".secret") == 0600);
    CHECK(mode_of(keys + "/sealing/" + sealing_id + ".public") == 0644);

    REQUIRE(server::init_keys(keys, created));
    CHECK(!created);
    CHECK(server::keyring::load(keys)->current_sealing().key_id == sealing_id);
}

TEST_CASE("the public listing holds public halves only") {
    testing::temp_dir dir;
    bool created = false;
    REQUIRE(server::init_keys(dir.str(), created));
    auto ring = server::keyring::load(dir.str());
    REQUIRE(ring);
    const auto listing = nlohmann::json::parse(ring->public_json());
    CHECK(listing.at("sealing").at("public_key") ==
          to_base64(ring->current_sealing().public_key.data(), 32));
    const std::string text = ring->public_json();
    CHECK(text.find(to_base64(ring->current_sealing().secret_key.data(), 32)) == std::string::npos);
    CHECK(text.find(to_base64(ring->current_receipt().secret_key.data(), 64)) == std::string::npos);
}

TEST_CASE("a rotated sealing key stays accepted for its window, then stops") {
    testing::temp_dir dir;
    bool created = false;
    REQUIRE(server::init_keys(dir.str(), created));
    const std::string old_id = server::keyring::load(dir.str())->current_sealing().key_id;
    REQUIRE(server::rotate_sealing_key(dir.str(), 30));
    auto ring = server::keyring::load(dir.str());
    REQUIRE(ring);
    CHECK(ring->current_sealing().key_id != old_id);
    CHECK(ring->sealing_keys().size() == 2);

    const std::string now = server::utc_now();
    CHECK(ring->accepted_sealing(old_id, now) != nullptr);
    CHECK(ring->accepted_sealing(old_id, server::utc_days_from_now(29)) != nullptr);
    CHECK(ring->accepted_sealing(old_id, server::utc_days_from_now(31)) == nullptr);
    CHECK(ring->accepted_sealing(ring->current_sealing().key_id, server::utc_days_from_now(3650)) != nullptr);
    CHECK(ring->accepted_sealing("0000000000000000", now) == nullptr);
}

TEST_CASE("a receipt key rotates at once") {
    testing::temp_dir dir;
    bool created = false;
    REQUIRE(server::init_keys(dir.str(), created));
    const std::string old_id = server::keyring::load(dir.str())->current_receipt().key_id;
    REQUIRE(server::rotate_receipt_key(dir.str()));
    CHECK(server::keyring::load(dir.str())->current_receipt().key_id != old_id);
}

TEST_CASE("a team's secret half goes to its own file, only the public half stays") {
    testing::temp_dir dir;
    bool created = false;
    REQUIRE(server::init_keys(dir.str() + "/keys", created));
    const std::string secret = dir.str() + "/hate-crime.secret";
    REQUIRE(server::add_team_key(dir.str() + "/keys", "hate-crime", secret));
    CHECK(mode_of(secret) == 0600);
    CHECK(!server::add_team_key(dir.str() + "/keys", "hate-crime", dir.str() + "/again.secret"));
    CHECK(!server::add_team_key(dir.str() + "/keys", "../escape", dir.str() + "/x.secret"));
    auto ring = server::keyring::load(dir.str() + "/keys");
    REQUIRE(ring);
    REQUIRE(ring->team("hate-crime") != nullptr);
    auto sk = server::read_team_secret(secret);
    REQUIRE(sk);
    box_public_key derived{};
    REQUIRE(crypto_scalarmult_base(derived.data(), sk->data()) == 0);
    CHECK(derived == ring->team("hate-crime")->public_key);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.str() + "/keys")) {
        CHECK_MESSAGE(entry.path().string().find("hate-crime.secret") == std::string::npos, entry.path());
    }
}

TEST_CASE("damaged or mismatched key files stop the load with the file named") {
    testing::temp_dir dir;
    bool created = false;
    REQUIRE(server::init_keys(dir.str(), created));
    auto ring = server::keyring::load(dir.str());
    REQUIRE(ring);
    const std::string id = ring->current_sealing().key_id;
    SUBCASE("a public half that does not match") {
        std::filesystem::remove(dir.str() + "/sealing/" + id + ".public");
        std::ofstream(dir.str() + "/sealing/" + id + ".public") << to_base64(bytes(32, 7)) << "\n";
        auto broken = server::keyring::load(dir.str());
        REQUIRE(!broken);
        CHECK(broken.err().where.find(id) != std::string::npos);
    }
    SUBCASE("a truncated secret") {
        std::filesystem::remove(dir.str() + "/sealing/" + id + ".secret");
        std::ofstream(dir.str() + "/sealing/" + id + ".secret") << "AAAA\n";
        CHECK(!server::keyring::load(dir.str()));
    }
    SUBCASE("a keyring that is not JSON") {
        std::ofstream(dir.str() + "/keyring.json") << "{";
        CHECK(!server::keyring::load(dir.str()));
    }
    SUBCASE("an empty folder") {
        testing::temp_dir empty;
        CHECK(!server::keyring::load(empty.str()));
    }
}
