// Reports reach each team's sinks: a spool folder, and a webhook that is down
// for a while and across a restart of the server.
#include <doctest/doctest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "engine/envelope.hpp"
#include "server/delivery.hpp"
#include "server/http_client.hpp"
#include "server/keyring.hpp"
#include "server/submission_client.hpp"
#include "server/team_box.hpp"
#include "tests/support/forms.hpp"
#include "tests/support/server_fixture.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/webhook_receiver.hpp"

using namespace frontdesk;
using json = nlohmann::json;

namespace {

std::string write_config(const testing::temp_dir& dir, const std::string& sinks) {
    const std::string path = dir.str() + "/frontdesk.json";
    std::ofstream(path) << R"({"submissions_per_minute": 0, "delivery_retry_max_seconds": 1, "sinks": )" << sinks << "}";
    return path;
}

std::vector<std::string> post_reports(std::uint16_t port, int count) {
    auto keys = server::fetch_public_keys("127.0.0.1", port);
    REQUIRE(keys);
    std::vector<std::string> references;
    for (int i = 0; i < count; ++i) {
        auto answers = testing::complete_bike_answers();
        answers["colour"] = "colour " + std::to_string(i);
        auto sealed = server::seal_answers(testing::bike_theft_form(), answers, server::new_submission_id(), keys->sealing);
        REQUIRE(sealed);
        auto reply = server::http_call("127.0.0.1", port, "POST", "/api/submissions", sealed->json);
        REQUIRE(reply);
        REQUIRE(reply->status == 201);
        references.push_back(json::parse(reply->body).at("reference").get<std::string>());
    }
    return references;
}

template <typename Done>
bool wait_for(Done done, int seconds) {
    for (int i = 0; i < seconds * 20; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

// The team's own key pair, as `frontdesk inbox` would read it.
std::pair<box_public_key, box_secret_key> team_pair(const std::string& data, const std::string& team) {
    auto sk = server::read_team_secret(data + "/team-keys/" + team + ".secret");
    REQUIRE(sk);
    box_public_key pk{};
    REQUIRE(crypto_scalarmult_base(pk.data(), sk->data()) == 0);
    return {pk, *sk};
}

}  // namespace

TEST_CASE("a spool sink gets one whole file per report, sealed to the team") {
    testing::temp_dir dir;
    std::filesystem::create_directories(dir.str() + "/web");
    const std::string spool = dir.str() + "/spool";
    const std::string config = write_config(dir, R"([{"team": "*", "spool": ")" + spool + R"("}])");
    const std::string data = dir.str() + "/data";
    testing::server_process srv(data, dir.str() + "/web", {"--config", config});
    const auto references = post_reports(srv.port(), 3);

    CHECK(wait_for([&] {
        for (const auto& r : references) {
            if (!std::filesystem::exists(spool + "/" + r + ".json")) return false;
        }
        return true;
    }, 20));
    const auto [pk, sk] = team_pair(data, "borough-property-crime");
    for (const auto& r : references) {
        std::ifstream in(spool + "/" + r + ".json");
        const json payload = json::parse(in);
        CHECK(payload.at("reference") == r);
        CHECK(payload.at("team") == "borough-property-crime");
        const auto sealed = from_base64(payload.at("sealed_report").get<std::string>());
        REQUIRE(sealed);
        auto opened = server::open_team_box(*sealed, sk, largest_report_bucket);
        REQUIRE(opened);
        CHECK(json::parse(*opened).at("answers").at("make") == "Raleigh");
    }
    for (const auto& entry : std::filesystem::directory_iterator(spool)) {
        CHECK_MESSAGE(entry.path().extension() == ".json", "left behind: " << entry.path());
    }
}

TEST_CASE("a webhook that is down for a while, across a server restart, receives everything later, signed") {
    testing::temp_dir dir;
    std::filesystem::create_directories(dir.str() + "/web");
    const std::uint16_t hook_port = testing::webhook_receiver::free_port();
    const std::string config =
        write_config(dir, R"([{"team": "borough-property-crime", "webhook": "http://127.0.0.1:)" + std::to_string(hook_port) + R"(/hook"}])");
    const std::string data = dir.str() + "/data";

    std::vector<std::string> references;
    {
        // Nothing listens on the webhook's port: every attempt fails.
        testing::server_process srv(data, dir.str() + "/web", {"--config", config});
        references = post_reports(srv.port(), 4);
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        REQUIRE(srv.stop() == 0);
    }
    // The receiver comes up, and refuses its first two deliveries.
    testing::webhook_receiver receiver(hook_port, [](std::size_t n) { return n < 2 ? 503U : 200U; });
    testing::server_process srv(data, dir.str() + "/web", {"--config", config});
    CHECK(wait_for([&] { return receiver.received().size() >= references.size(); }, 30));

    auto keys = server::fetch_public_keys("127.0.0.1", srv.port());
    REQUIRE(keys);
    std::set<std::string> delivered;
    for (const auto& hook : receiver.received()) {
        const std::string message = server::webhook_signed_message(hook.timestamp, hook.body);
        const auto signature = from_base64(hook.signature);
        REQUIRE(signature);
        REQUIRE(signature->size() == crypto_sign_BYTES);
        CHECK(crypto_sign_verify_detached(signature->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                          message.size(), keys->receipt.data()) == 0);
        CHECK(hook.key_id == keys->receipt_key_id);
        CHECK(std::abs(std::stoll(hook.timestamp) - static_cast<long long>(std::time(nullptr))) < 120);
        delivered.insert(json::parse(hook.body).at("reference").get<std::string>());
        CHECK(hook.body.find("Raleigh") == std::string::npos);  // ciphertext only
    }
    for (const auto& r : references) CHECK_MESSAGE(delivered.count(r) == 1, r);

    // Each acknowledgement is recorded just after the receiver answers.
    const std::string nothing_owed =
        "frontdesk_deliveries_pending{sink=\"webhook:http://127.0.0.1:" + std::to_string(hook_port) + "/hook\"} 0";
    CHECK(wait_for([&] {
        auto metrics = server::http_call("127.0.0.1", srv.port(), "GET", "/metrics");
        return metrics && metrics->body.find(nothing_owed) != std::string::npos;
    }, 10));
}

namespace {

// A throwaway self-signed certificate for 127.0.0.1, made with the openssl tool.
void make_certificate(const std::string& dir, const std::string& name) {
    const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1"
                                " -addext subjectAltName=IP:127.0.0.1 -keyout " + dir + "/" + name + ".key -out " + dir + "/" +
                                name + ".pem 2>/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("an https webhook is delivered to only when its certificate checks out") {
    testing::temp_dir dir;
    std::filesystem::create_directories(dir.str() + "/web");
    make_certificate(dir.str(), "receiver");
    make_certificate(dir.str(), "stranger");
    const std::uint16_t trusted_port = testing::webhook_receiver::free_port();
    const std::uint16_t impostor_port = testing::webhook_receiver::free_port();
    const std::string url = "https://127.0.0.1:";
    const std::string config = write_config(
        dir, "[{\"team\": \"*\", \"webhook\": \"" + url + std::to_string(trusted_port) + "/hook\", \"ca_file\": \"" + dir.str() +
                 "/receiver.pem\"}, {\"team\": \"*\", \"webhook\": \"" + url + std::to_string(impostor_port) +
                 "/hook\", \"ca_file\": \"" + dir.str() + "/receiver.pem\"}]");
    testing::webhook_receiver trusted(trusted_port, [](std::size_t) { return 200U; }, dir.str() + "/receiver.pem",
                                      dir.str() + "/receiver.key");
    // Presents a certificate the sink was not told to trust.
    testing::webhook_receiver impostor(impostor_port, [](std::size_t) { return 200U; }, dir.str() + "/stranger.pem",
                                       dir.str() + "/stranger.key");
    testing::server_process srv(dir.str() + "/data", dir.str() + "/web", {"--config", config});
    const auto references = post_reports(srv.port(), 2);

    CHECK(wait_for([&] { return trusted.received().size() >= 2; }, 20));
    CHECK(wait_for([&] { return impostor.failed_handshakes() >= 2; }, 20));
    CHECK(impostor.received().empty());
    auto metrics = server::http_call("127.0.0.1", srv.port(), "GET", "/metrics");
    REQUIRE(metrics);
    CHECK(metrics->body.find("frontdesk_deliveries_pending{sink=\"webhook:" + url + std::to_string(impostor_port) +
                             "/hook\"} 2") != std::string::npos);
}
