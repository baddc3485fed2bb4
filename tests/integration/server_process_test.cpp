// The real server process on a loopback port, spoken to over real HTTP.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/encoding.hpp"
#include "engine/envelope.hpp"
#include "engine/receipt.hpp"
#include "engine/report.hpp"
#include "server/clock.hpp"
#include "server/http_client.hpp"
#include "server/submission_client.hpp"
#include "tests/support/forms.hpp"
#include "tests/support/server_fixture.hpp"
#include "tests/support/server_process.hpp"

using namespace frontdesk;
using json = nlohmann::json;

namespace {

struct stored_row {
    std::string reference, team, urgency, form_id;
    std::string sealed;
};

std::vector<stored_row> read_rows(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT reference, team, urgency, form_id, sealed_report FROM submissions", -1, &st,
                               nullptr) == SQLITE_OK);
    std::vector<stored_row> rows;
    while (sqlite3_step(st) == SQLITE_ROW) {
        auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))); };
        const auto* blob = static_cast<const char*>(sqlite3_column_blob(st, 4));
        rows.push_back({text(0), text(1), text(2), text(3),
                        std::string(blob, static_cast<std::size_t>(sqlite3_column_bytes(st, 4)))});
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rows;
}

struct running_server {
    testing::temp_dir dir;
    std::string data = dir.str() + "/data";
    std::string web = dir.str() + "/web";
    std::unique_ptr<testing::server_process> process;
    running_server() {
        std::filesystem::create_directories(web);
        process = std::make_unique<testing::server_process>(data, web);
    }
    std::uint16_t port() const { return process->port(); }
};

}  // namespace

TEST_CASE("a sealed report posted to the real server is stored and its receipt verifies") {
    running_server srv;
    auto keys = server::fetch_public_keys("127.0.0.1", srv.port());
    REQUIRE(keys);
    const form f = testing::bike_theft_form();
    const std::string id = server::new_submission_id();
    auto sealed = server::seal_answers(f, testing::complete_bike_answers(), id, keys->sealing);
    REQUIRE(sealed);

    auto reply = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", sealed->json);
    REQUIRE(reply);
    REQUIRE(reply->status == 201);
    auto r = server::parse_receipt(reply->body);
    REQUIRE(r);
    CHECK(verify_receipt(*r, keys->receipt));
    CHECK(r->submission_id == id);
    CHECK(r->envelope_hash == sealed->hash);

    const auto rows = read_rows(srv.data + "/frontdesk.sqlite3");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].reference == r->reference);
    CHECK(rows[0].team == "borough-property-crime");
    CHECK(rows[0].form_id == "bike-theft");
    // Only ciphertext is stored: nothing the person typed is in the row.
    for (const char* typed : {"Raleigh", "Sam Smith", "sam@example.com", "SW1A"}) {
        CHECK(rows[0].sealed.find(typed) == std::string::npos);
    }
    CHECK(srv.process->stop() == 0);
}

TEST_CASE("a tampered ciphertext is refused with a 4xx and nothing is stored") {
    running_server srv;
    auto keys = server::fetch_public_keys("127.0.0.1", srv.port());
    REQUIRE(keys);
    auto sealed = server::seal_answers(testing::bike_theft_form(), testing::complete_bike_answers(),
                                       server::new_submission_id(), keys->sealing);
    REQUIRE(sealed);
    json envelope = json::parse(sealed->json);
    std::string box = envelope.at("sealed").get<std::string>();
    box[box.size() / 2] = box[box.size() / 2] == 'A' ? 'B' : 'A';
    envelope["sealed"] = box;

    auto reply = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", envelope.dump());
    REQUIRE(reply);
    CHECK(reply->status >= 400);
    CHECK(reply->status < 500);
    CHECK(reply->content_type == "application/problem+json");
    CHECK(read_rows(srv.data + "/frontdesk.sqlite3").empty());
}

TEST_CASE("an oversized body is refused with 413") {
    running_server srv;
    auto reply = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", std::string(17 * 1024 * 1024, 'x'));
    REQUIRE(reply);
    CHECK(reply->status == 413);
    // The server is still serving.
    auto health = server::http_call("127.0.0.1", srv.port(), "GET", "/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("a report with a photo, in an envelope far above the other routes' body limit, is stored with its photo") {
    running_server srv;
    auto keys = server::fetch_public_keys("127.0.0.1", srv.port());
    REQUIRE(keys);
    auto catalog = server::form_catalog::load(std::string(FRONTDESK_SOURCE_DIR) + "/forms");
    REQUIRE(catalog);
    const form& f = catalog->find("crime-report")->definition;
    // A 600 KB photo: padded to its 1 MiB bucket, the envelope is about 1.4 MB.
    const std::string photo = "\x89PNG" + std::string(600 * 1024, 'p');
    const std::string reference = hash_hex(photo) + "\n" + std::to_string(photo.size()) + "\ncar.png";
    const std::map<std::string, std::string> answers{
        {"in_danger", "no"}, {"area", "london"}, {"crime", "damage"}, {"damaged", "vehicle"},
        {"damage_description", "Someone scratched my car"}, {"damage_photo", reference},
        {"happened_on", "2026-11-24"}, {"know_suspect", "no"}, {"any_witnesses", "no"}, {"postcode", "KT1 1AA"},
        {"place_description", "Outside my house"}, {"age_group", "adult"}, {"reporting_for", "me"},
        {"full_name", "Amira Hassan"}, {"contact_method", "email"}, {"email", "amira.hassan@example.com"},
        {"victim_support", "no"}};
    const auto replayed = replay(f, answers, server::utc_today());
    REQUIRE(replayed.result == replay_result::submitted);
    const std::string id = server::new_submission_id();
    // The browser's way of sealing (wasm/crypto_exports.cpp): files and report in one call.
    auto envelope = seal_envelope_with_files(report_json(make_report(f, replayed, id, "en")), f.id, keys->sealing, {photo});
    REQUIRE(envelope);
    REQUIRE(envelope->json.size() > 1024 * 1024);

    auto reply = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", envelope->json);
    REQUIRE(reply);
    REQUIRE(reply->status == 201);
    auto r = server::parse_receipt(reply->body);
    REQUIRE(r);
    CHECK(verify_receipt(*r, keys->receipt));
    const auto rows = read_rows(srv.data + "/frontdesk.sqlite3");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].team == "criminal-damage-team");

    // Every other route still refuses a body that size, from its declared length.
    auto other = server::http_call("127.0.0.1", srv.port(), "POST", "/api/forms", envelope->json);
    REQUIRE(other);
    CHECK(other->status == 413);
    CHECK(srv.process->stop() == 0);
}

// How many teams the shipped forms route to: each gets a development key pair.
std::size_t shipped_team_count() {
    auto catalog = server::form_catalog::load(std::string(FRONTDESK_SOURCE_DIR) + "/forms");
    REQUIRE(catalog);
    return catalog->teams().size();
}

TEST_CASE("the server makes development keys with secret files readable only by their owner") {
    running_server srv;
    std::size_t secrets = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(srv.data)) {
        if (entry.path().extension() != ".secret") continue;
        ++secrets;
        struct stat st {};
        REQUIRE(stat(entry.path().c_str(), &st) == 0);
        CHECK_MESSAGE((st.st_mode & 0777) == 0600, entry.path());
    }
    CHECK(secrets == 2 + shipped_team_count());  // sealing, receipt, and one per team the shipped forms route to
}

namespace {

// Runs a command and returns what it printed on standard output.
std::string run_and_read(const std::string& command, int& exit_status) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[4096];
    std::size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
    const int status = pclose(pipe);
    exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return output;
}

}  // namespace

TEST_CASE("the receiving team opens its queue with its own key, and no other key opens it") {
    running_server srv;
    auto keys = server::fetch_public_keys("127.0.0.1", srv.port());
    REQUIRE(keys);
    auto sealed = server::seal_answers(testing::bike_theft_form(), testing::complete_bike_answers(),
                                       server::new_submission_id(), keys->sealing);
    REQUIRE(sealed);
    auto reply = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", sealed->json);
    REQUIRE(reply);
    REQUIRE(reply->status == 201);
    const auto r = server::parse_receipt(reply->body);
    REQUIRE(r);
    REQUIRE(srv.process->stop() == 0);

    const std::string team = "borough-property-crime";
    const std::string inbox = std::string(FRONTDESK_BIN) + " inbox --team " + team + " --data " + srv.data;
    int status = -1;
    const std::string out = run_and_read(inbox + " --key " + srv.data + "/team-keys/" + team + ".secret", status);
    CHECK(status == 0);
    const auto line = json::parse(out.substr(0, out.find('\n')));
    CHECK(line.at("reference") == r->reference);
    CHECK(line.at("report").at("answers").at("make") == "Raleigh");
    CHECK(line.at("report").at("route").at("team") == team);

    // A key that is not the team's opens nothing.
    testing::temp_dir other;
    bool created = false;
    REQUIRE(server::init_keys(other.str(), created));
    REQUIRE(server::add_team_key(other.str(), "someone-else", other.str() + "/someone-else.secret"));
    const std::string refused = run_and_read(inbox + " --key " + other.str() + "/someone-else.secret 2>/dev/null", status);
    CHECK(status == 1);
    CHECK(refused.find("Raleigh") == std::string::npos);
}

TEST_CASE("nothing the server serves holds secret key material") {
    // The real web app when it has been built (make test builds it first).
    const std::string built_web = std::string(FRONTDESK_SOURCE_DIR) + "/build/web";
    testing::temp_dir dir;
    const std::string data = dir.str() + "/data";
    const std::string web = std::filesystem::exists(built_web + "/index.html") ? built_web : dir.str() + "/web";
    std::filesystem::create_directories(web);
    testing::server_process process(data, web);

    std::vector<std::string> secrets;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data)) {
        if (entry.path().extension() != ".secret") continue;
        std::ifstream in(entry.path());
        std::string line;
        std::getline(in, line);
        const auto raw = from_base64(line);
        REQUIRE(raw);
        secrets.push_back(line);
        secrets.push_back(to_hex(*raw));
        secrets.push_back(std::string(raw->begin(), raw->end()));
        // The Ed25519 secret key's first half is its seed: catch that alone too.
        secrets.push_back(to_base64(raw->data(), 32));
    }
    REQUIRE(secrets.size() == 4 * (2 + shipped_team_count()));

    std::vector<std::string> targets = {"/", "/api/keys", "/api/forms", "/api/forms/bike-theft", "/healthz"};
    for (const auto& entry : std::filesystem::recursive_directory_iterator(web)) {
        if (entry.is_regular_file()) targets.push_back("/" + std::filesystem::relative(entry.path(), web).string());
    }
    for (const auto& target : targets) {
        auto reply = server::http_call("127.0.0.1", process.port(), "GET", target);
        REQUIRE(reply);
        for (const auto& secret : secrets) CHECK_MESSAGE(reply->body.find(secret) == std::string::npos, target);
    }
}
