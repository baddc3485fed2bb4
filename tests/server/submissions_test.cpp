#include "server/submissions.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "engine/envelope.hpp"
#include "engine/receipt.hpp"
#include "server/clock.hpp"
#include "engine/report.hpp"
#include "server/submission_client.hpp"
#include "tests/support/forms.hpp"
#include "tests/support/server_fixture.hpp"

using namespace frontdesk;
using json = nlohmann::json;

namespace {

std::string problem_type(const server::http_answer& a) { return json::parse(a.body).at("type").get<std::string>(); }

// Seals any report text, valid or not, to the fixture's key.
std::string seal_text(const testing::server_fixture& fx, const std::string& report, const std::string& form_id = "bike-theft") {
    auto sealed = seal_envelope(report, form_id, fx.keys.current_sealing().public_key);
    REQUIRE(sealed);
    return sealed->json;
}

std::string report_text(const form& f, const std::map<std::string, std::string>& answers, const std::string& id) {
    return report_json(make_report(f, replay(f, answers, server::utc_today()), id, "en"));
}

const std::string id_a = "00112233445566778899aabbccddeeff";

}  // namespace

TEST_CASE("a valid report is stored once with a receipt that verifies") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    auto sealed = server::seal_answers(f, testing::complete_bike_answers(), id_a, fx.keys.current_sealing().public_key);
    REQUIRE(sealed);
    const auto answer = server::accept_submission(*fx.submissions, sealed->json);
    REQUIRE(answer.status == 201);
    auto r = server::parse_receipt(answer.body);
    REQUIRE(r);
    CHECK(verify_receipt(*r, fx.keys.current_receipt().public_key));
    CHECK(r->submission_id == id_a);
    CHECK(r->envelope_hash == sealed->hash);
    CHECK(r->reference.size() == 12);

    auto stored = fx.db->find_by_submission_id(id_a);
    REQUIRE(stored);
    REQUIRE(stored->has_value());
    CHECK((**stored).team == "borough-property-crime");
    CHECK((**stored).reference == r->reference);
}

TEST_CASE("the same report sent again gets the original receipt, other content under its id is refused") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    const std::string report = report_text(f, testing::complete_bike_answers(), id_a);
    const auto first = server::accept_submission(*fx.submissions, seal_text(fx, report));
    REQUIRE(first.status == 201);
    // Sealed again: a new ephemeral key, a different envelope, the same content.
    // The receipt keeps the original reference and time, and is signed afresh
    // for this envelope, so the browser that sent it can verify it.
    const std::string second_envelope = seal_text(fx, report);
    const auto again = server::accept_submission(*fx.submissions, second_envelope);
    CHECK(again.status == 200);
    const auto first_receipt = nlohmann::json::parse(first.body);
    const auto again_receipt = nlohmann::json::parse(again.body);
    CHECK(again_receipt.at("reference") == first_receipt.at("reference"));
    CHECK(again_receipt.at("received_at") == first_receipt.at("received_at"));
    CHECK(again_receipt.at("submission_id") == first_receipt.at("submission_id"));
    CHECK(again_receipt.at("envelope_hash") == hash_hex(second_envelope));
    CHECK(again_receipt.at("envelope_hash") != first_receipt.at("envelope_hash"));
    auto parsed = server::parse_receipt(again.body);
    REQUIRE(parsed);
    CHECK(verify_receipt(*parsed, fx.keys.current_receipt().public_key));

    auto changed = testing::complete_bike_answers();
    changed["colour"] = "Green";
    const auto conflict = server::accept_submission(*fx.submissions, seal_text(fx, report_text(f, changed, id_a)));
    CHECK(conflict.status == 409);
    CHECK(problem_type(conflict) == "/problems/submission-id-reused");
    CHECK(*fx.db->count() == 1);
}

TEST_CASE("reports the form would reject are refused and not stored") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    auto bad_postcode = testing::complete_bike_answers();
    bad_postcode["postcode"] = "nowhere";
    report forged = make_report(f, replay(f, testing::complete_bike_answers(), server::utc_today()), id_a, "en");
    forged.answers["postcode"] = "nowhere";  // valid seal, answers the form rejects
    report exit_report = make_report(f, replay(f, {{"in_danger", "yes"}}, server::utc_today()), id_a, "en");
    report extra = make_report(f, replay(f, testing::complete_bike_answers(), server::utc_today()), id_a, "en");
    extra.answers["smuggled"] = "x";
    report wrong_pages = make_report(f, replay(f, testing::complete_bike_answers(), server::utc_today()), id_a, "en");
    wrong_pages.pages.pop_back();
    report untrimmed = make_report(f, replay(f, testing::complete_bike_answers(), server::utc_today()), id_a, "en");
    untrimmed.answers["make"] = " Raleigh";
    report stale = make_report(f, replay(f, testing::complete_bike_answers(), server::utc_today()), id_a, "en");
    stale.date -= 5;  // today() must be the person's today, give or take midnight
    for (const report* r : {&forged, &exit_report, &extra, &wrong_pages, &untrimmed, &stale}) {
        const auto answer = server::accept_submission(*fx.submissions, seal_text(fx, report_json(*r)));
        CHECK(answer.status == 422);
        CHECK(problem_type(answer) == "/problems/rejected-by-form");
    }
    CHECK(*fx.db->count() == 0);
}

TEST_CASE("a report that is not exactly what its answers make is refused: a client-chosen route, an extra member") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    report r = make_report(f, replay(f, testing::complete_bike_answers(), server::utc_today()), id_a, "en");
    r.route = {"professional-standards", "urgent"};
    const auto rerouted = server::accept_submission(*fx.submissions, seal_text(fx, report_json(r)));
    CHECK(rerouted.status == 422);
    CHECK(problem_type(rerouted) == "/problems/rejected-by-form");

    const std::string honest = report_text(f, testing::complete_bike_answers(), id_a);
    std::string extra = honest;
    extra.insert(1, R"("note":"for the team",)");
    CHECK(server::accept_submission(*fx.submissions, seal_text(fx, extra)).status == 422);
    // The same key twice: a parser that keeps the first would see another answer.
    std::string twice = honest;
    twice.insert(twice.find("\"answers\":{") + 11, R"("make":"Brompton",)");
    CHECK(server::accept_submission(*fx.submissions, seal_text(fx, twice)).status >= 400);
    CHECK(*fx.db->count() == 0);
    CHECK(server::accept_submission(*fx.submissions, seal_text(fx, honest)).status == 201);
}

TEST_CASE("malformed, unknown and tampered envelopes each get their own problem type") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    const std::string good = seal_text(fx, report_text(f, testing::complete_bike_answers(), id_a));
    json envelope = json::parse(good);

    auto with = [&](const char* key, json value) {
        json e = envelope;
        e[key] = std::move(value);
        return e.dump();
    };
    struct bad_case {
        std::string body;
        unsigned status;
        const char* type;
    };
    std::string flipped = envelope.at("sealed").get<std::string>();
    flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
    const std::vector<bad_case> cases = {
        {"", 400, "/problems/malformed-envelope"},
        {"not json", 400, "/problems/malformed-envelope"},
        {"[1,2]", 400, "/problems/malformed-envelope"},
        {with("v", 2), 400, "/problems/unsupported-version"},
        {with("v", "1"), 400, "/problems/malformed-envelope"},
        {with("key_id", "0000000000000000"), 400, "/problems/unknown-key"},
        {with("form", "no-such-form"), 404, "/problems/unknown-form"},
        {with("sealed", "!!!"), 400, "/problems/malformed-envelope"},
        {with("sealed", flipped), 400, "/problems/cannot-open"},
        {with("sealed", ""), 400, "/problems/cannot-open"},
        {with("extra", 1), 400, "/problems/malformed-envelope"},
        {seal_text(fx, "not a report"), 400, "/problems/malformed-report"},
        {seal_text(fx, R"({"v":1})"), 400, "/problems/malformed-report"},
        {seal_text(fx, report_text(f, testing::complete_bike_answers(), "short-id")), 400, "/problems/malformed-report"},
    };
    for (const auto& c : cases) {
        const auto answer = server::accept_submission(*fx.submissions, c.body);
        CHECK_MESSAGE(answer.status == c.status, c.body.substr(0, 80));
        CHECK_MESSAGE(problem_type(answer) == c.type, c.body.substr(0, 80));
        CHECK(answer.content_type == "application/problem+json");
    }
    CHECK(*fx.db->count() == 0);
}

TEST_CASE("a report for an older version of the form is refused") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    report r = make_report(f, replay(f, testing::complete_bike_answers(), server::utc_today()), id_a, "en");
    r.form_version = std::string(32, '0');
    const auto answer = server::accept_submission(*fx.submissions, seal_text(fx, report_json(r)));
    CHECK(answer.status == 422);
    CHECK(problem_type(answer) == "/problems/unknown-form-version");
}

TEST_CASE("references read well on the phone") {
    for (int i = 0; i < 200; ++i) {
        const std::string ref = server::make_reference();
        REQUIRE(ref.size() == 12);
        CHECK(ref.substr(0, 3) == "FD-");
        CHECK(ref[7] == '-');
        CHECK(ref.find_first_of("ILOU") == std::string::npos);
    }
}

namespace {

// The team's key pair, as the team would hold it.
struct team_keys {
    box_public_key pk{};
    box_secret_key sk{};
};

team_keys team_of(const testing::server_fixture& fx, const std::string& team) {
    team_keys k;
    auto sk = server::read_team_secret(fx.team_secret_path(team));
    REQUIRE(sk);
    k.sk = *sk;
    REQUIRE(crypto_scalarmult_base(k.pk.data(), k.sk.data()) == 0);
    return k;
}

}  // namespace

TEST_CASE("the stored report is sealed to the receiving team: its key opens it, the server's does not") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    const std::string report = report_text(f, testing::complete_bike_answers(), id_a);
    REQUIRE(server::accept_submission(*fx.submissions, seal_text(fx, report)).status == 201);

    auto queue = fx.db->queue_for_team("borough-property-crime");
    REQUIRE(queue);
    REQUIRE(queue->size() == 1);
    const auto& row = (*queue)[0];
    const team_keys team = team_of(fx, "borough-property-crime");
    CHECK(row.team_key_id == key_id_of(team.pk));
    auto opened = server::open_team_box(row.sealed_report, team.sk, largest_report_bucket);
    REQUIRE(opened);
    CHECK(*opened == report);
    const auto& server_key = fx.keys.current_sealing();
    CHECK(!server::open_team_box(row.sealed_report, server_key.secret_key, largest_report_bucket));
}

TEST_CASE("after a rotation, reports sealed to the old key still open until its window ends") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    const box_public_key old_key = fx.keys.current_sealing().public_key;
    REQUIRE(server::rotate_sealing_key(fx.key_dir, 30));
    fx.reload_keys();
    CHECK(fx.keys.current_sealing().public_key != old_key);

    auto sealed_offline = server::seal_answers(f, testing::complete_bike_answers(), id_a, old_key);
    REQUIRE(sealed_offline);
    CHECK(server::accept_submission(*fx.submissions, sealed_offline->json).status == 201);

    fx.submissions->now = [] { return server::utc_days_from_now(31); };
    auto too_late = server::seal_answers(f, testing::complete_bike_answers(), "ffeeddccbbaa99887766554433221100", old_key);
    REQUIRE(too_late);
    const auto refused = server::accept_submission(*fx.submissions, too_late->json);
    CHECK(refused.status == 400);
    CHECK(problem_type(refused) == "/problems/retired-key");
    auto with_new_key = server::seal_answers(f, testing::complete_bike_answers(), "ffeeddccbbaa99887766554433221100",
                                             fx.keys.current_sealing().public_key);
    REQUIRE(with_new_key);
    CHECK(server::accept_submission(*fx.submissions, with_new_key->json).status == 201);
}

namespace {

// A form asking for a photo (a PNG), and for a note.
const char* photo_form = R"json({"id": "photo-report", "title": "Send a photo", "pages": [
  {"id": "photo", "title": "Photo", "questions": [{"id": "photo", "type": "file", "label": "A photo", "accept": [".png"]},
                                               {"id": "note", "type": "text", "label": "A note"}],
   "next": "check-answers"}],
  "routing": {"default": {"team": "photo-team"}}})json";

}  // namespace

TEST_CASE("attachments are the files the answers name, checked by hash and size, stored sealed to the team") {
    testing::temp_dir forms;
    std::ofstream(forms.str() + "/photo-report.json") << photo_form;
    testing::server_fixture fx(forms.str());
    const form& f = fx.forms->find("photo-report")->definition;
    const box_public_key& server_key = fx.keys.current_sealing().public_key;
    const std::string photo = "\x89PNG pretend photo of the damage";
    const std::string receipt_scan = "pretend scan of the repair quote";
    auto sealed_photo = seal_attachment(photo, server_key);
    auto sealed_scan = seal_attachment(receipt_scan, server_key);
    REQUIRE(sealed_photo);
    REQUIRE(sealed_scan);
    const std::string reference = sealed_photo->hash + "\n" + std::to_string(photo.size()) + "\ncar.png";

    const auto replayed = replay(f, {{"photo", reference}, {"note", "The back door"}}, server::utc_today());
    REQUIRE(replayed.result == replay_result::submitted);
    const report r = make_report(f, replayed, id_a, "en");
    auto send = [&](const report& rep, const std::vector<sealed_attachment>& files) {
        auto envelope = seal_envelope(report_json(rep), f.id, server_key, files);
        REQUIRE(envelope);
        return server::accept_submission(*fx.submissions, envelope->json);
    };

    SUBCASE("named and matching: stored, sealed to the team") {
        REQUIRE(send(r, {*sealed_photo}).status == 201);
        auto queue = fx.db->queue_for_team(replayed.route.team);
        REQUIRE(queue);
        REQUIRE((*queue)[0].attachments.size() == 1);
        const team_keys team = team_of(fx, replayed.route.team);
        auto content = server::open_team_box((*queue)[0].attachments[0].sealed, team.sk, largest_attachment_bucket);
        REQUIRE(content);
        CHECK(*content == photo);
        CHECK((*queue)[0].attachments[0].hash == sealed_photo->hash);
    }
    SUBCASE("missing from the envelope: refused") {
        CHECK(problem_type(send(r, {})) == "/problems/attachment-mismatch");
    }
    SUBCASE("one more than the answers name: refused") {
        CHECK(problem_type(send(r, {*sealed_photo, *sealed_scan})) == "/problems/attachment-mismatch");
    }
    SUBCASE("the same file twice: refused") {
        CHECK(problem_type(send(r, {*sealed_photo, *sealed_photo})) == "/problems/attachment-mismatch");
    }
    SUBCASE("swapped for other bytes under the same hash: refused") {
        sealed_attachment forged = *sealed_scan;
        forged.hash = sealed_photo->hash;
        CHECK(problem_type(send(r, {forged})) == "/problems/attachment-mismatch");
    }
    SUBCASE("a file of a type the question does not accept: refused by the replay") {
        const std::string jpeg = sealed_photo->hash + "\n" + std::to_string(photo.size()) + "\ncar.jpg";
        const auto refused = replay(f, {{"photo", jpeg}}, server::utc_today());
        CHECK(refused.result == replay_result::invalid);
        report forged = r;
        forged.answers["photo"] = jpeg;
        CHECK(problem_type(send(forged, {*sealed_photo})) == "/problems/rejected-by-form");
    }
    SUBCASE("the answer gives another size than the file's: refused") {
        const auto lying = replay(f, {{"photo", sealed_photo->hash + "\n5\ncar.png"}}, server::utc_today());
        REQUIRE(lying.result == replay_result::submitted);
        CHECK(problem_type(send(make_report(f, lying, id_a, "en"), {*sealed_photo})) == "/problems/attachment-mismatch");
    }
    CHECK(*fx.db->count() <= 1);
}

TEST_CASE("every byte of an envelope flipped in turn is refused, and nothing new is stored") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    const std::string envelope = seal_text(fx, report_text(f, testing::complete_bike_answers(), id_a));
    for (std::size_t i = 0; i < envelope.size(); ++i) {
        std::string flipped = envelope;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
        const auto answer = server::accept_submission(*fx.submissions, flipped);
        CHECK_MESSAGE(answer.status >= 400, "byte " << i << " gave " << answer.status);
        CHECK(answer.status < 500);
    }
    for (std::size_t n = 0; n < envelope.size(); n += 7) {
        CHECK(server::accept_submission(*fx.submissions, envelope.substr(0, n)).status >= 400);
    }
    CHECK(*fx.db->count() == 0);
    // The original still goes through: nothing above poisoned its id.
    CHECK(server::accept_submission(*fx.submissions, envelope).status == 201);
}

TEST_CASE("a report in any of the form's languages is accepted, and another language is refused") {
    testing::server_fixture fx(std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/forms");
    const form& f = fx.forms->find("lost-property")->definition;
    const std::map<std::string, std::string> answers{{"item", "phone"}, {"lost_on", "2026-01-03"}, {"worth", "120"}};
    const replay_outcome replayed = replay(f, answers, server::utc_today());
    REQUIRE(replayed.result == replay_result::submitted);

    const std::string polish = report_json(make_report(f, replayed, id_a, "pl"));
    const auto accepted = server::accept_submission(*fx.submissions, seal_text(fx, polish, "lost-property"));
    CHECK(accepted.status == 201);
    auto stored = fx.db->find_by_submission_id(id_a);
    REQUIRE(stored);
    REQUIRE(stored->has_value());
    CHECK((**stored).team == "phone_recovery");  // the route does not depend on the language

    const std::string id_b = "ffeeddccbbaa99887766554433221100";
    const std::string german = report_json(make_report(f, replayed, id_b, "de"));
    const auto refused = server::accept_submission(*fx.submissions, seal_text(fx, german, "lost-property"));
    CHECK(refused.status == 422);
    CHECK(problem_type(refused) == "/problems/unknown-language");
}

namespace {

// A fixture whose catalog holds the golden repeats form.
struct repeats_fixture {
    testing::temp_dir forms_dir;
    testing::server_fixture fx;
    repeats_fixture() : fx(prepare(forms_dir)) {}
    static std::string prepare(const testing::temp_dir& d) {
        std::filesystem::copy_file(std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/forms/repeats.json", d.path() / "repeats.json");
        return d.str();
    }
};

// The report of the two-items answers, changed by `forge` before it is sealed.
std::string forged_report(const form& f, const std::function<void(json&)>& forge) {
    json j = json::parse(report_text(f, testing::two_items_answers(), id_a));
    forge(j);
    return j.dump();
}

}  // namespace

TEST_CASE("a report with repeat entries is verified by replay, forged entries are refused") {
    repeats_fixture r;
    auto& fx = r.fx;
    const form& f = fx.forms->find("repeats")->definition;
    const std::string good = report_text(f, testing::two_items_answers(), id_a);
    CHECK(good.find(R"("stolen_items":[{)") != std::string::npos);
    CHECK(forged_report(f, [](json&) {}) == good);  // the forging helper keeps the bytes when it changes nothing

    // More entries than the form's maximum (3).
    const auto too_many = forged_report(f, [](json& j) {
        auto& items = j["answers"]["stolen_items"];
        for (int i = 0; i < 2; ++i) items.push_back({{"item_kind", "other"}, {"item_name", "Hat"}});
    });
    auto answer = server::accept_submission(*fx.submissions, seal_text(fx, too_many, "repeats"));
    CHECK(answer.status == 422);
    CHECK(problem_type(answer) == "/problems/rejected-by-form");
    // An entry the form rejects: a serial number too short for its check.
    const auto bad_entry = forged_report(f, [](json& j) { j["answers"]["stolen_items"][1]["serial"] = "12"; });
    answer = server::accept_submission(*fx.submissions, seal_text(fx, bad_entry, "repeats"));
    CHECK(answer.status == 422);
    // No entries where the form needs at least one; an entry with no answers.
    const auto none = forged_report(f, [](json& j) { j["answers"]["stolen_items"] = json::array(); });
    CHECK(server::accept_submission(*fx.submissions, seal_text(fx, none, "repeats")).status == 422);
    const auto empty_entry = forged_report(f, [](json& j) { j["answers"]["stolen_items"].push_back(json::object()); });
    CHECK(server::accept_submission(*fx.submissions, seal_text(fx, empty_entry, "repeats")).status == 422);
    // An entry's answer given as a plain answer instead.
    const auto flat = forged_report(f, [](json& j) { j["answers"]["item_name"] = "Bag"; });
    CHECK(server::accept_submission(*fx.submissions, seal_text(fx, flat, "repeats")).status == 422);
    CHECK(*fx.db->count() == 0);

    answer = server::accept_submission(*fx.submissions, seal_text(fx, good, "repeats"));
    CHECK(answer.status == 201);
    CHECK(*fx.db->count() == 1);
}
