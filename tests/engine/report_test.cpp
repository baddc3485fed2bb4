#include "engine/report.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/forms.hpp"

using namespace frontdesk;

TEST_CASE("replaying complete answers submits with the recomputed route") {
    const form f = testing::bike_theft_form();
    const auto out = replay(f, testing::complete_bike_answers());
    CHECK(out.result == replay_result::submitted);
    CHECK(out.pages == std::vector<std::string>{"danger", "bike", "where", "contact"});
    CHECK(out.route.team == "borough-property-crime");
    CHECK(out.answers_on_path.size() == 6);
}

TEST_CASE("replaying the danger answer ends on the exit page") {
    const form f = testing::bike_theft_form();
    const auto out = replay(f, {{"in_danger", "yes"}, {"make", "Raleigh"}});
    CHECK(out.result == replay_result::exit);
    CHECK(out.pages.back() == "call-999");
    CHECK(out.answers_on_path.size() == 1);  // the make is off the path
}

TEST_CASE("replaying answers the form rejects stops at the page with the error") {
    const form f = testing::bike_theft_form();
    auto answers = testing::complete_bike_answers();
    answers["postcode"] = "not a postcode";
    const auto out = replay(f, answers);
    CHECK(out.result == replay_result::invalid);
    REQUIRE(out.errors.size() == 1);
    CHECK(out.errors[0].question == "postcode");
    CHECK(replay(f, {}).result == replay_result::invalid);
}

TEST_CASE("team rules route the report, only answers on the path count") {
    const form f = testing::load_form(testing::routing_form_json);
    const auto hate = replay(f, {{"kind", "hate"}, {"hate_note", "words"}});
    CHECK(hate.route.team == "hate-crime-unit");
    CHECK(hate.route.urgency == "urgent");
    const auto other = replay(f, {{"kind", "other"}, {"hate_note", "left behind"}});
    CHECK(other.route.team == "general");
    CHECK(other.answers_on_path.count("hate_note") == 0);
}

TEST_CASE("the report's JSON is canonical: sorted keys, no spaces, same bytes every time") {
    const form f = testing::bike_theft_form();
    const auto out = replay(f, testing::complete_bike_answers());
    const report r = make_report(f, out, "00112233445566778899aabbccddeeff", "en");
    const std::string text = report_json(r);
    const auto parsed = nlohmann::json::parse(text);
    CHECK(parsed.dump() == text);  // nlohmann sorts keys and adds no whitespace
    CHECK(parsed.at("form_version") == f.version);
    CHECK(parsed.at("pages").size() == 4);
    CHECK(parsed.at("route").at("team") == "borough-property-crime");
    CHECK(report_json(make_report(f, replay(f, testing::complete_bike_answers()), r.submission_id, "en")) == text);
}

TEST_CASE("a repeat is a list of objects under its id in the report, and the format is version 3") {
    const form f = testing::repeats_form();
    const auto out = replay(f, testing::two_items_answers(), testing::golden_today);
    REQUIRE(out.result == replay_result::submitted);
    const std::string json = report_json(make_report(f, out, "00112233445566778899aabbccddeeff", "en"));
    CHECK(json.find(R"("stolen_items":[{"item_kind":"other","item_name":"Bag"},{"item_kind":"phone","item_name":"Phone","serial":"IMEI1234"}])") !=
          std::string::npos);
    CHECK(json.find(R"("v":3)") != std::string::npos);
}

TEST_CASE("replay refuses entries beyond the maximum, a gap in the entries, and too few") {
    const form f = testing::repeats_form();
    auto answers = testing::two_items_answers();
    answers["stolen_items.3.item_name"] = "Coat";
    answers["stolen_items.3.item_kind"] = "other";
    answers["stolen_items.4.item_name"] = "Hat";
    answers["stolen_items.4.item_kind"] = "other";
    auto out = replay(f, answers, testing::golden_today);
    CHECK(out.result == replay_result::invalid);
    REQUIRE(!out.errors.empty());
    CHECK(out.errors[0].message == "You cannot add more than 3 items");
    answers.erase("stolen_items.3.item_name");
    answers.erase("stolen_items.3.item_kind");
    out = replay(f, answers, testing::golden_today);
    CHECK(out.result == replay_result::invalid);
    answers = {{"postcode", "SW1A 1AA"}};
    out = replay(f, answers, testing::golden_today);
    CHECK(out.result == replay_result::invalid);
    REQUIRE(!out.errors.empty());
    CHECK(out.errors[0].message == "Add at least 1 item");
}

TEST_CASE("a session's report and the replay of its answers are the same bytes, with repeats") {
    const form f = testing::repeats_form();
    const auto out = replay(f, testing::two_items_answers(), testing::golden_today);
    REQUIRE(out.result == replay_result::submitted);
    const auto again = replay(f, out.answers_on_path, testing::golden_today);
    CHECK(report_json(make_report(f, out, "00112233445566778899aabbccddeeff", "en")) ==
          report_json(make_report(f, again, "00112233445566778899aabbccddeeff", "en")));
}

// A form with a file question, and one in a repeat.
const char* files_form_json = R"json({
  "id": "files", "title": "Files",
  "pages": [
    {"id": "photo", "title": "Photo", "questions": [{"id": "photo", "type": "file", "label": "A photo", "accept": [".jpg"]}], "next": "scans"},
    {"id": "scans", "title": "Scans", "questions": [{"id": "scan", "type": "file", "label": "A scan"}],
     "repeat": {"id": "scans", "max": 3, "item": "scan", "summary_title": "Scans", "add_another": "Add another scan?"},
     "next": "check-answers"}
  ],
  "routing": {"default": {"team": "general"}}
})json";

TEST_CASE("the files a report's answers name: each file answer's hash, sorted, each once") {
    const form f = testing::load_form(files_form_json);
    const std::string a(64, 'a'), b(64, 'b');
    const std::map<std::string, std::string> answers = {
        {"photo", b + "\n10\nbike.jpg"}, {"scans.1.scan", a + "\n20\nreceipt.pdf"}, {"scans.2.scan", b + "\n10\nbike.jpg"}};
    const auto out = replay(f, answers);
    REQUIRE(out.result == replay_result::submitted);
    CHECK(files_named(f, out.answers_on_path) == std::vector<std::string>{a, b});
    // The report holds the answers (which name the files), and no list besides.
    const auto parsed = nlohmann::json::parse(report_json(make_report(f, out, "00112233445566778899aabbccddeeff", "en")));
    CHECK(parsed.at("answers").at("photo") == b + "\n10\nbike.jpg");
    CHECK(parsed.at("answers").at("scans").at(0).at("scan") == a + "\n20\nreceipt.pdf");
    CHECK(!parsed.contains("attachments"));
    // Only file answers name files: a text that looks like a reference does not.
    CHECK(files_named(f, {{"note", a + "\n1\nx.jpg"}}).empty());
    CHECK(files_named(f, {}).empty());
}
