#include "engine/view.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/forms.hpp"

using namespace frontdesk;
using json = nlohmann::json;

TEST_CASE("the view of the first page has its question, options and no back link") {
    const form f = testing::bike_theft_form();
    session s(f);
    const auto v = json::parse(view_json(s));
    CHECK(v.at("state") == "question");
    CHECK(v.at("can_go_back") == false);
    CHECK(v.at("form").at("id") == "bike-theft");
    const auto& q = v.at("page").at("questions").at(0);
    CHECK(q.at("id") == "in_danger");
    CHECK(q.at("type") == "radios");
    CHECK(q.at("options").size() == 2);
    CHECK(v.at("errors").empty());
}

TEST_CASE("errors appear in the summary in page order and beside their field") {
    const form f = testing::bike_theft_form();
    session s(f);
    REQUIRE(s.set_answer("in_danger", "no"));
    s.next();
    REQUIRE(s.set_answer("frame_number", std::string(21, '9')));
    s.next();
    const auto v = json::parse(view_json(s));
    REQUIRE(v.at("errors").size() == 2);
    CHECK(v.at("errors").at(0).at("question") == "make");
    CHECK(v.at("errors").at(1).at("question") == "frame_number");
    CHECK(v.at("page").at("questions").at(0).at("error") == "Enter the make of the bike");
    CHECK(v.at("page").at("questions").at(1).contains("error") == false);
    CHECK(v.at("page").at("questions").at(2).at("value") == std::string(21, '9'));
}

TEST_CASE("check your answers lists every question on the path with labels for choices") {
    const form f = testing::bike_theft_form();
    session s(f);
    const auto answers = testing::complete_bike_answers();
    while (s.state() == session_state::question) {
        for (const auto& q : s.current_page()->questions) {
            const auto it = answers.find(q.id);
            REQUIRE(s.set_answer(q.id, it == answers.end() ? "" : it->second));
        }
        s.next();
        REQUIRE(s.errors().empty());
    }
    const auto v = json::parse(view_json(s));
    CHECK(v.at("state") == "check");
    CHECK(!v.contains("page"));
    const auto& rows = v.at("check").at("rows");
    CHECK(rows.size() == 8);  // every question on the path, answered or not
    CHECK(rows.at(0).at("value") == "No");
    CHECK(rows.at(0).at("page") == "danger");
}

TEST_CASE("a repeat entry says which entry it is, the summary lists entries and asks to add another") {
    const form f = testing::repeats_form();
    session s(f);
    REQUIRE(s.set_answer("postcode", "SW1A 1AA"));
    s.next();
    auto v = json::parse(view_json(s));
    CHECK(v.at("state") == "question");
    CHECK(v.at("page").at("repeat").at("title") == "Item 1");
    CHECK(v.at("page").at("repeat").at("entry") == 1);
    REQUIRE(s.set_answer("item_name", "Bag"));
    REQUIRE(s.set_answer("item_kind", "other"));
    s.next();
    REQUIRE(s.add_another());
    REQUIRE(s.set_answer("item_kind", "other"));
    s.next();
    v = json::parse(view_json(s));
    CHECK(v.at("state") == "summary");
    CHECK(!v.contains("page"));
    const auto& summary = v.at("summary");
    CHECK(summary.at("title") == "Things you have told us about");
    REQUIRE(summary.at("entries").size() == 2);
    CHECK(summary.at("entries").at(0).at("label") == "Bag");
    CHECK(summary.at("entries").at(1).at("label") == "Item 2");  // no name: its title
    CHECK(summary.at("add_another").at("label") == "Do you want to tell us about another item?");
    s.next();
    v = json::parse(view_json(s));
    CHECK(v.at("summary").at("add_another").at("error") == "Select yes if you want to add another item");
    CHECK(v.at("errors").at(0).at("question") == "stolen_items");
    REQUIRE(s.remove_entry(1));
    v = json::parse(view_json(s));
    CHECK(v.at("notice") == "You removed Bag.");
    REQUIRE(s.add_another());
    REQUIRE(s.set_answer("item_name", "Coat"));
    REQUIRE(s.set_answer("item_kind", "other"));
    s.next();
    REQUIRE(s.add_another());
    REQUIRE(s.set_answer("item_name", "Hat"));
    REQUIRE(s.set_answer("item_kind", "other"));
    s.next();
    v = json::parse(view_json(s));
    CHECK(v.at("summary").at("entries").size() == 3);
    CHECK(!v.at("summary").contains("add_another"));  // at the maximum it is not asked
    s.next();
    REQUIRE(s.set_answer("email", "a@example.com"));
    s.next();
    v = json::parse(view_json(s));
    REQUIRE(v.at("state") == "check");
    const auto& rows = v.at("check").at("rows");
    CHECK(rows.at(1).at("question") == "stolen_items");
    CHECK(rows.at(1).at("value") == "3");
    CHECK(rows.at(2).at("question") == "stolen_items.1.item_name");
    CHECK(rows.at(2).at("entry") == "Item 1");
}

TEST_CASE("a file question's view gives its accepted endings and size limit, and check your answers its name") {
    const form f = testing::load_form(R"json({"id": "f", "title": "F", "pages": [
        {"id": "p", "title": "P", "questions": [{"id": "photo", "type": "file", "label": "Photo", "accept": [".jpg", ".png"], "max_megabytes": 2},
                                  {"id": "scan", "type": "file", "label": "Scan"},
                                  {"id": "note", "type": "text", "label": "Note"}], "next": "check-answers"}],
        "routing": {"default": {"team": "t"}}})json");
    session s(f);
    auto v = json::parse(view_json(s));
    const auto& questions = v.at("page").at("questions");
    CHECK(questions.at(0).at("accept") == ".jpg,.png");
    CHECK(questions.at(0).at("max_bytes") == 2 * 1024 * 1024);
    CHECK(questions.at(1).contains("accept") == false);
    CHECK(questions.at(1).at("max_bytes") == 4 * 1024 * 1024);
    CHECK(questions.at(2).contains("max_bytes") == false);
    REQUIRE(s.set_answer("photo", std::string(64, 'c') + "\n10\nMy car.PNG"));
    s.next();
    v = json::parse(view_json(s));
    REQUIRE(v.at("state") == "check");
    CHECK(v.at("check").at("rows").at(0).at("value") == "My car.PNG");
}

TEST_CASE("the view says how far through the form the person is, and how far the answers lead") {
    const form f = testing::bike_theft_form();
    session s(f);
    auto v = json::parse(view_json(s));
    CHECK(v.at("progress") == json{{"done", 0}, {"total", 4}});
    REQUIRE(s.set_answer("in_danger", "yes"));
    v = json::parse(view_json(s));
    CHECK(v.at("progress") == json{{"done", 0}, {"total", 2}});
    s.next();
    v = json::parse(view_json(s));
    CHECK(v.at("state") == "exit");
    CHECK(!v.contains("progress"));  // the journey ends here: nothing to count
    REQUIRE(s.back());
    REQUIRE(s.set_answer("in_danger", "no"));
    s.next();
    v = json::parse(view_json(s));
    CHECK(v.at("progress") == json{{"done", 1}, {"total", 4}});
    const auto answers = testing::complete_bike_answers();
    while (s.state() == session_state::question) {
        for (const auto& q : s.current_page()->questions) {
            const auto it = answers.find(q.id);
            REQUIRE(s.set_answer(q.id, it == answers.end() ? "" : it->second));
        }
        s.next();
        REQUIRE(s.errors().empty());
    }
    v = json::parse(view_json(s));
    CHECK(v.at("state") == "check");
    CHECK(v.at("progress") == json{{"done", 4}, {"total", 4}});
}
