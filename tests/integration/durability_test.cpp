// Nothing acknowledged is ever lost, and nothing is stored twice.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "server/http_client.hpp"
#include "server/submission_client.hpp"
#include "tests/support/forms.hpp"
#include "tests/support/server_fixture.hpp"
#include "tests/support/server_process.hpp"

using namespace frontdesk;

namespace {

std::string unlimited_config(const testing::temp_dir& dir) {
    const std::string path = dir.str() + "/frontdesk.json";
    std::ofstream(path) << R"({"submissions_per_minute": 0})";
    return path;
}

struct database_view {
    std::vector<std::string> references;
    std::string integrity;
};

database_view read_database(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    database_view view;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT reference FROM submissions", -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) view.references.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    view.integrity = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return view;
}

}  // namespace

TEST_CASE("the same envelope sent 1,000 times is stored once, and every answer is the same receipt") {
    testing::temp_dir dir;
    std::filesystem::create_directories(dir.str() + "/web");
    testing::server_process srv(dir.str() + "/data", dir.str() + "/web", {"--config", unlimited_config(dir)});
    auto keys = server::fetch_public_keys("127.0.0.1", srv.port());
    REQUIRE(keys);
    auto sealed = server::seal_answers(testing::bike_theft_form(), testing::complete_bike_answers(),
                                       server::new_submission_id(), keys->sealing);
    REQUIRE(sealed);
    std::string first;
    int created = 0;
    int repeated = 0;
    for (int i = 0; i < 1000; ++i) {
        auto reply = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", sealed->json);
        REQUIRE(reply);
        if (reply->status == 201) ++created;
        if (reply->status == 200) ++repeated;
        if (first.empty()) first = reply->body;
        CHECK(reply->body == first);
    }
    CHECK(created == 1);
    CHECK(repeated == 999);
    REQUIRE(srv.stop() == 0);
    CHECK(read_database(dir.str() + "/data/frontdesk.sqlite3").references.size() == 1);
}

TEST_CASE("kill -9 in the middle of a stream of submissions loses no report that got a receipt") {
    testing::temp_dir dir;
    std::filesystem::create_directories(dir.str() + "/web");
    const std::string data = dir.str() + "/data";
    const std::string config = unlimited_config(dir);
    auto srv = std::make_unique<testing::server_process>(data, dir.str() + "/web", std::vector<std::string>{"--config", config});
    const std::uint16_t port = srv->port();
    auto keys = server::fetch_public_keys("127.0.0.1", port);
    REQUIRE(keys);
    const form f = testing::bike_theft_form();

    // Two clients send fresh reports as fast as they can and remember every
    // reference they were given.
    std::mutex lock;
    std::vector<std::string> receipted;
    std::atomic<bool> stop{false};
    auto client = [&](int which) {
        for (int i = 0; i < 2000 && !stop; ++i) {
            auto answers = testing::complete_bike_answers();
            answers["colour"] = "colour " + std::to_string(which) + "-" + std::to_string(i);
            auto sealed = server::seal_answers(f, answers, server::new_submission_id(), keys->sealing);
            if (!sealed) return;
            auto reply = server::http_call("127.0.0.1", port, "POST", "/api/submissions", sealed->json);
            if (!reply || reply->status != 201) return;  // the server is gone
            auto r = server::parse_receipt(reply->body);
            if (!r || !verify_receipt(*r, keys->receipt)) return;
            std::lock_guard guard(lock);
            receipted.push_back(r->reference);
        }
    };
    std::thread a(client, 1);
    std::thread b(client, 2);
    for (int waited = 0; waited < 600; ++waited) {
        {
            std::lock_guard guard(lock);
            if (receipted.size() >= 40) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    srv->kill_hard();
    stop = true;
    a.join();
    b.join();
    REQUIRE(receipted.size() >= 40);

    // Restart on the same data: every receipted report is there, the file is sound.
    srv = std::make_unique<testing::server_process>(data, dir.str() + "/web", std::vector<std::string>{"--config", config});
    auto health = server::http_call("127.0.0.1", srv->port(), "GET", "/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    REQUIRE(srv->stop() == 0);
    const auto view = read_database(data + "/frontdesk.sqlite3");
    CHECK(view.integrity == "ok");
    std::set<std::string> stored(view.references.begin(), view.references.end());
    for (const auto& reference : receipted) CHECK_MESSAGE(stored.count(reference) == 1, reference);
    CHECK(stored.size() >= receipted.size());
}
