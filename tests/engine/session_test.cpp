#include "engine/session.hpp"

#include <doctest/doctest.h>

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
