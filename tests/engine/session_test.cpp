#include "engine/session.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "engine/report.hpp"
#include "tests/support/forms.hpp"

using namespace frontdesk;

namespace {

void answer_page(session& s, const std::map<std::string, std::string>& answers) {
    REQUIRE(s.current_page() != nullptr);
    for (const auto& q : s.current_page()->questions) {
        const auto it = answers.find(q.id);
        REQUIRE(s.set_answer(q.id, it == answers.end() ? "" : it->second));
    }
    s.next();
}

void walk_to_check(session& s) {
    const auto answers = testing::complete_bike_answers();
    while (s.state() == session_state::question) {
        answer_page(s, answers);
        REQUIRE(s.errors().empty());
    }
    REQUIRE(s.state() == session_state::check);
}

}  // namespace

TEST_CASE("a journey starts on the start page and walks forward to check your answers") {
    const form f = testing::bike_theft_form();
    session s(f);
    CHECK(s.current_page()->id == "danger");
    CHECK(!s.can_go_back());
    walk_to_check(s);
    CHECK(s.path() == std::vector<std::string>{"danger", "bike", "where", "contact"});
    CHECK(s.current_page() == nullptr);
    CHECK(s.can_go_back());
}

TEST_CASE("a required answer left empty keeps the person on the page with the message") {
    const form f = testing::bike_theft_form();
    session s(f);
    s.next();
    CHECK(s.current_page()->id == "danger");
    REQUIRE(s.errors().size() == 1);
    CHECK(s.errors()[0].message == "Select yes if anyone is in danger or the crime is happening now");
}

TEST_CASE("yes to danger leads to the exit page, and back leaves it") {
    const form f = testing::bike_theft_form();
    session s(f);
    answer_page(s, {{"in_danger", "yes"}});
    CHECK(s.state() == session_state::exit);
    CHECK(s.current_page()->id == "call-999");
    s.next();  // an exit page has nowhere to go
    CHECK(s.state() == session_state::exit);
    CHECK(s.back());
    CHECK(s.current_page()->id == "danger");
    CHECK(s.answer("in_danger") == "yes");  // answers are kept when going back
}

TEST_CASE("answers are only taken for questions on the current page") {
    const form f = testing::bike_theft_form();
    session s(f);
    CHECK(!s.set_answer("make", "Raleigh"));
    CHECK(!s.set_answer("nonsense", "x"));
    CHECK(s.set_answer("in_danger", "  no  "));
    CHECK(s.answer("in_danger") == "no");
}

TEST_CASE("back from check your answers returns to the last page, then further back") {
    const form f = testing::bike_theft_form();
    session s(f);
    walk_to_check(s);
    CHECK(s.back());
    CHECK(s.current_page()->id == "contact");
    CHECK(s.back());
    CHECK(s.current_page()->id == "where");
    CHECK(s.back());
    CHECK(s.back());
    CHECK(s.current_page()->id == "danger");
    CHECK(!s.back());
}

TEST_CASE("changing an answer from check your answers comes back to check your answers") {
    const form f = testing::bike_theft_form();
    session s(f);
    walk_to_check(s);
    REQUIRE(s.change("colour"));
    CHECK(s.current_page()->id == "bike");
    REQUIRE(s.set_answer("colour", "Blue"));
    s.next();
    CHECK(s.state() == session_state::check);
    CHECK(s.answer("colour") == "Blue");
    CHECK(s.path() == std::vector<std::string>{"danger", "bike", "where", "contact"});
    CHECK(!s.change("no_such_question"));
}

TEST_CASE("a change that opens another branch follows it instead of returning") {
    const form f = testing::load_form(testing::routing_form_json);
    session s(f);
    answer_page(s, {{"kind", "other"}});
    answer_page(s, {{"note", "a note"}});
    REQUIRE(s.state() == session_state::check);
    REQUIRE(s.change("kind"));
    answer_page(s, {{"kind", "hate"}});
    CHECK(s.state() == session_state::question);
    CHECK(s.current_page()->id == "hate-details");
    answer_page(s, {{"hate_note", "words"}});
    CHECK(s.state() == session_state::check);
    CHECK(s.path() == std::vector<std::string>{"kind", "hate-details"});
    CHECK(s.answers_on_path().count("note") == 0);
    CHECK(s.route().team == "hate-crime-unit");
}

TEST_CASE("changing the first answer to the same value skips every answered page") {
    const form f = testing::bike_theft_form();
    session s(f);
    walk_to_check(s);
    REQUIRE(s.change("in_danger"));
    answer_page(s, {{"in_danger", "no"}});
    CHECK(s.state() == session_state::check);
    CHECK(s.path().size() == 4);
}

TEST_CASE("show_if is live inside a page, and hidden answers are never part of the report") {
    const form f = testing::everything_form();
    session s(f, testing::golden_today);
    REQUIRE(s.set_answer("in_danger", "no"));
    s.next();
    REQUIRE(s.current_page()->id == "what");
    const question& other = *f.find_question("other_item");
    CHECK(!s.shown(other));
    REQUIRE(s.set_answer("items", "bike\nother"));
    CHECK(s.shown(other));
    s.next();
    REQUIRE(s.errors().size() == 1);
    CHECK(s.errors()[0].message == "Enter what else was taken");
    REQUIRE(s.set_answer("other_item", "A helmet"));
    REQUIRE(s.set_answer("items", "bike"));  // hidden again: not required, not reported
    s.next();
    CHECK(s.errors().empty());
    CHECK(s.current_page()->id == "when");
    CHECK(s.answers_on_path().count("other_item") == 0);
    CHECK(s.answer("other_item") == "A helmet");  // kept, in case it is shown again
}

TEST_CASE("calculated values and lookup tables steer pages and the report's route") {
    const form f = testing::everything_form();
    auto answers = testing::complete_everything_answers();
    answers["item_value"] = "3000";
    answers["insured"] = "no";
    const auto out = replay(f, answers, testing::golden_today);
    REQUIRE(out.result == replay_result::submitted);
    CHECK(std::find(out.pages.begin(), out.pages.end(), "insurance") != out.pages.end());
    CHECK(out.route.team == "high_value_property");

    answers = testing::complete_everything_answers();
    answers["postcode"] = "M1 1AE";  // in no borough we cover
    CHECK(replay(f, answers, testing::golden_today).pages.back() == "outside-area");
}

TEST_CASE("a canonical report replays to the same report") {
    const form f = testing::everything_form();
    const auto first = replay(f, testing::complete_everything_answers(), testing::golden_today);
    REQUIRE(first.result == replay_result::submitted);
    const auto again = replay(f, first.answers_on_path, testing::golden_today);
    CHECK(again.answers_on_path == first.answers_on_path);
    CHECK(again.pages == first.pages);
    CHECK(report_json(make_report(f, again, std::string(32, 'a'), "en")) ==
          report_json(make_report(f, first, std::string(32, 'a'), "en")));
}

TEST_CASE("today() comes from the caller") {
    const form f = testing::everything_form();
    auto answers = testing::complete_everything_answers();
    answers["postcode"] = "SW1A 2JR";
    // Taken yesterday: a phone goes to phone recovery; ten days later it does not.
    CHECK(replay(f, answers, testing::golden_today).route.team == "phone_recovery");
    CHECK(replay(f, answers, testing::golden_today + 10).route.team == "transport_police");
}
