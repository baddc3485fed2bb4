#include "engine/session.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "engine/report.hpp"
#include "engine/translate.hpp"
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

// Repeat groups ("add another").
namespace {

void add_item(session& s, const std::string& name, const std::string& kind, const std::string& serial = "") {
    REQUIRE(s.state() == session_state::question);
    REQUIRE(s.set_answer("item_name", name));
    REQUIRE(s.set_answer("item_kind", kind));
    REQUIRE(s.set_answer("serial", serial));
    s.next();
}

session at_items(const form& f) {
    session s(f);
    REQUIRE(s.set_answer("postcode", "SW1A 1AA"));
    s.next();
    REQUIRE(s.current_page()->id == "item");
    return s;
}

}  // namespace

TEST_CASE("a repeat page starts entry 1, continue shows the summary, yes adds entry 2") {
    const form f = testing::repeats_form();
    session s = at_items(f);
    CHECK(s.state() == session_state::question);
    CHECK(s.entry() == 1);
    add_item(s, "Bag", "other");
    CHECK(s.state() == session_state::summary);
    CHECK(s.entries(0) == 1);
    CHECK(s.entry_summary(*f.pages[1].repeat, 1) == "Bag");
    s.next();  // the add-another question unanswered
    REQUIRE(s.errors().size() == 1);
    CHECK(s.errors()[0].question == "stolen_items");
    CHECK(s.errors()[0].message == "Select yes if you want to add another item");
    REQUIRE(s.set_answer("stolen_items", "yes"));
    s.next();
    CHECK(s.state() == session_state::question);
    CHECK(s.entry() == 2);
    CHECK(s.answer("item_name").empty());  // a new entry starts empty
    add_item(s, "Phone", "phone", "IMEI1234");
    CHECK(s.entries(0) == 2);
    REQUIRE(s.set_answer("stolen_items", "no"));
    s.next();
    CHECK(s.current_page()->id == "phones");  // any(stolen_items, item_kind = 'phone')
    const auto answers = s.answers_on_path();
    CHECK(answers.at("stolen_items.1.item_name") == "Bag");
    CHECK(answers.at("stolen_items.2.serial") == "IMEI1234");
    CHECK(!answers.count("stolen_items.1.serial"));  // not shown for that entry
}

TEST_CASE("an entry's questions see that entry's answers, its checks run per entry") {
    const form f = testing::repeats_form();
    session s = at_items(f);
    add_item(s, "Phone", "phone", "12");
    REQUIRE(s.errors().size() == 1);
    CHECK(s.errors()[0].message == "A serial number has at least 4 characters");
    add_item(s, "", "", "");
    REQUIRE(!s.errors().empty());
}

TEST_CASE("an entry with no answers at all is not accepted") {
    const form f = testing::repeats_form();
    const form g = testing::load_form(R"json({"id": "t", "title": "T", "pages": [
      {"id": "p", "title": "People", "repeat": {"id": "people", "item": "person", "summary_title": "People",
        "add_another": "Another?"}, "questions": [{"id": "name", "type": "text", "label": "Name"}], "next": "check-answers"}],
      "routing": {"default": {"team": "t"}}})json");
    session s(g);
    s.next();
    REQUIRE(s.errors().size() == 1);
    CHECK(s.errors()[0].message == "Answer at least one question about the person");
    (void)f;
}

TEST_CASE("fewer than min entries, or more than max, are refused in plain words") {
    const form f = testing::repeats_form();
    session s = at_items(f);
    add_item(s, "Bag", "other");
    REQUIRE(s.remove_entry(1));
    CHECK(s.entries(0) == 0);
    CHECK(s.notice() == "You removed Bag.");
    REQUIRE(s.set_answer("stolen_items", "no"));
    s.next();
    REQUIRE(s.errors().size() == 1);
    CHECK(s.errors()[0].message == "Add at least 1 item");
    for (int i = 0; i < 3; ++i) {
        REQUIRE(s.add_another());
        add_item(s, "Thing " + std::to_string(i + 1), "other");
    }
    CHECK(s.entries(0) == 3);
    CHECK(!s.add_another());
    CHECK(s.errors()[0].message == "You cannot add more than 3 items");
    s.next();  // at the maximum nothing is asked: continue goes on
    CHECK(s.current_page()->id == "contact");
    CHECK(s.route().team == "property");  // count(stolen_items) >= 3
}

TEST_CASE("a repeat's own messages, in each of the form's languages, with the entry's number and label") {
    const form f = testing::load_form(R"json({"id": "t", "title": "T", "languages": ["en", "pl"], "pages": [
      {"id": "p", "title": "People", "repeat": {"id": "people", "min": 1, "max": 2, "item": {"en": "person", "pl": "osoba"},
        "summary_title": "People", "add_another": "Another?", "entry_label": "name",
        "messages": {
          "entry": {"en": "Person {n}", "pl": "Osoba {n}"},
          "unlabelled": {"en": "Person {n} (name not known)", "pl": "Osoba {n} (imię nieznane)"},
          "empty": {"en": "Tell us about the person", "pl": "Napisz coś o tej osobie"},
          "too_few": {"en": "Add at least 1 person", "pl": "Dodaj co najmniej jedną osobę"},
          "too_many": {"en": "You can add up to 2 people", "pl": "Możesz dodać najwyżej 2 osoby"},
          "add_another": {"en": "Select yes to add another person", "pl": "Wybierz „Tak”, aby dodać kolejną osobę"},
          "removed": {"en": "You removed {label}.", "pl": "Usunięto: {label}."}}},
       "questions": [{"id": "name", "type": "text", "label": "Name"}, {"id": "age", "type": "number", "label": "Age"}],
       "next": "check-answers"}],
      "routing": {"default": {"team": "t"}}})json");
    struct expected {
        const char* language;
        const char* empty;
        const char* unlabelled;
        const char* add_another;
        const char* removed;
        const char* too_few;
        const char* title_2;
        const char* too_many;
    };
    for (const expected& e : {
             expected{"en", "Tell us about the person", "Person 1 (name not known)", "Select yes to add another person",
                      "You removed Person 1 (name not known).", "Add at least 1 person", "Person 2", "You can add up to 2 people"},
             expected{"pl", "Napisz coś o tej osobie", "Osoba 1 (imię nieznane)", "Wybierz „Tak”, aby dodać kolejną osobę",
                      "Usunięto: Osoba 1 (imię nieznane).", "Dodaj co najmniej jedną osobę", "Osoba 2", "Możesz dodać najwyżej 2 osoby"}}) {
        CAPTURE(e.language);
        auto localized = localize_form(f, e.language);
        REQUIRE(localized);
        const form& g = *localized;
        const repeat_spec& r = *g.pages[0].repeat;
        session s(g);
        s.next();  // an entry with no answers
        REQUIRE(s.errors().size() == 1);
        CHECK(s.errors()[0].message == e.empty);
        REQUIRE(s.set_answer("age", "30"));
        s.next();
        REQUIRE(s.state() == session_state::summary);
        CHECK(s.entry_summary(r, 1) == e.unlabelled);
        s.next();  // add another? not answered
        REQUIRE(s.errors().size() == 1);
        CHECK(s.errors()[0].message == e.add_another);
        REQUIRE(s.remove_entry(1));
        CHECK(s.notice() == e.removed);
        REQUIRE(s.set_answer("people", "no"));
        s.next();
        REQUIRE(s.errors().size() == 1);
        CHECK(s.errors()[0].message == e.too_few);
        for (int i = 0; i < 2; ++i) {
            REQUIRE(s.add_another());
            REQUIRE(s.set_answer("name", "Gary"));
            s.next();
        }
        CHECK(s.entry_title(r, 2) == e.title_2);
        CHECK(s.entry_summary(r, 2) == "Gary");
        CHECK(!s.add_another());
        CHECK(s.errors()[0].message == e.too_many);
    }
}

TEST_CASE("removing an entry drops its answers and moves the later ones up") {
    const form f = testing::repeats_form();
    session s = at_items(f);
    add_item(s, "Bag", "other");
    REQUIRE(s.add_another());
    add_item(s, "Phone", "phone", "IMEI1234");
    REQUIRE(s.add_another());
    add_item(s, "Coat", "other");
    REQUIRE(s.remove_entry(2));
    CHECK(s.entries(0) == 2);
    CHECK(s.answer("stolen_items.2.item_name") == "Coat");
    CHECK(s.answer("stolen_items.3.item_name").empty());
    for (const auto& [key, value] : s.all_answers()) CHECK(value != "IMEI1234");
    CHECK(!s.remove_entry(3));
    REQUIRE(s.set_answer("stolen_items", "no"));
    s.next();
    CHECK(s.current_page()->id == "contact");  // no phone any more
}

TEST_CASE("change an entry, back restores it, back from a new entry discards it") {
    const form f = testing::repeats_form();
    session s = at_items(f);
    add_item(s, "Bag", "other");
    REQUIRE(s.change_entry(1));
    CHECK(s.entry() == 1);
    CHECK(s.answer("item_name") == "Bag");
    REQUIRE(s.set_answer("item_name", "Rucksack"));
    CHECK(s.back());
    CHECK(s.state() == session_state::summary);
    CHECK(s.answer("stolen_items.1.item_name") == "Bag");
    REQUIRE(s.add_another());
    REQUIRE(s.set_answer("item_name", "Half typed"));
    CHECK(s.back());
    CHECK(s.state() == session_state::summary);
    CHECK(s.entries(0) == 1);
    CHECK(s.answer("stolen_items.2.item_name").empty());
    // Back from the summary leaves the repeat; coming forward again shows its summary.
    CHECK(s.back());
    CHECK(s.current_page()->id == "where");
    s.next();
    CHECK(s.state() == session_state::summary);
    CHECK(s.entries(0) == 1);
}

TEST_CASE("back from the first entry goes to the page before and forgets the empty entry") {
    const form f = testing::repeats_form();
    session s = at_items(f);
    CHECK(s.can_go_back());
    CHECK(s.back());
    CHECK(s.current_page()->id == "where");
    CHECK(s.entries(0) == 0);
}

TEST_CASE("an entry changed from check your answers returns to check your answers") {
    const form f = testing::repeats_form();
    session s = at_items(f);
    add_item(s, "Bag", "other");
    REQUIRE(s.add_another());
    add_item(s, "Phone", "phone", "IMEI1234");
    REQUIRE(s.set_answer("stolen_items", "no"));
    s.next();
    REQUIRE(s.set_answer("phone_blocked", "yes"));
    s.next();
    s.next();
    REQUIRE(s.state() == session_state::check);
    REQUIRE(s.change("stolen_items.2.item_name"));
    CHECK(s.state() == session_state::question);
    CHECK(s.entry() == 2);
    CHECK(s.answer("item_name") == "Phone");
    REQUIRE(s.set_answer("item_name", "Old phone"));
    s.next();
    CHECK(s.state() == session_state::check);
    CHECK(s.answers_on_path().at("stolen_items.2.item_name") == "Old phone");
    // The whole repeat: its summary, to add or remove entries.
    REQUIRE(s.change("stolen_items"));
    CHECK(s.state() == session_state::summary);
    CHECK(!s.change("stolen_items.9.item_name"));
}

namespace {

// Two ways to check your answers, one of three pages and one of one; the
// long way branches again on its first page.
const char* branching_form_json = R"json({
  "id": "progress-test",
  "title": "Progress test",
  "pages": [
    {"id": "start", "title": "Start", "questions": [
      {"id": "way", "type": "radios", "label": "Which way?", "required": true,
       "options": [{"value": "long", "label": "Long"}, {"value": "short", "label": "Short"}],
       "messages": {"required": "Select a way"}}],
     "routes": [{"if": "way = 'long'", "goto": "long-1"}],
     "next": "short-1"},
    {"id": "long-1", "title": "Long 1", "questions": [
      {"id": "more", "type": "yes_no", "label": "More?"}],
     "routes": [{"if": "more", "goto": "long-2"}],
     "next": "long-3"},
    {"id": "long-2", "title": "Long 2", "questions": [{"id": "a", "type": "text", "label": "A"}], "next": "long-3"},
    {"id": "long-3", "title": "Long 3", "questions": [{"id": "b", "type": "text", "label": "B"}], "next": "check-answers"},
    {"id": "short-1", "title": "Short 1", "questions": [{"id": "c", "type": "text", "label": "C"}], "next": "check-answers"}
  ],
  "routing": {"default": {"team": "general", "urgency": "standard"}}
})json";

}  // namespace

TEST_CASE("progress: pages done, and the pages the answers given lead to from here") {
    const form f = testing::load_form(branching_form_json);
    session s(f);
    // Nothing answered: the route does not hold, so the page's next is followed.
    CHECK(s.progress().done == 0);
    CHECK(s.progress().total == 2);  // start, short-1
    REQUIRE(s.set_answer("way", "long"));
    CHECK(s.progress().done == 0);
    CHECK(s.progress().total == 3);  // start, long-1, long-3 (more unanswered)
    REQUIRE(s.set_answer("way", "short"));
    CHECK(s.progress().total == 2);
    REQUIRE(s.set_answer("way", "long"));
    s.next();
    REQUIRE(s.current_page()->id == "long-1");
    CHECK(s.progress().done == 1);
    CHECK(s.progress().total == 3);
    REQUIRE(s.set_answer("more", "yes"));
    CHECK(s.progress().total == 4);  // long-2 too
    s.next();
    CHECK(s.progress().done == 2);
    CHECK(s.progress().total == 4);
    // Back to the start: the answers given further on still steer the estimate.
    REQUIRE(s.back());
    REQUIRE(s.back());
    REQUIRE(s.current_page()->id == "start");
    CHECK(s.progress().done == 0);
    CHECK(s.progress().total == 4);
    s.next();
    s.next();
    s.next();
    s.next();
    REQUIRE(s.state() == session_state::check);
    CHECK(s.progress().done == 4);
    CHECK(s.progress().total == 4);
    // Changing the first answer from check your answers: the short way.
    REQUIRE(s.change("way"));
    REQUIRE(s.set_answer("way", "short"));
    CHECK(s.progress().done == 0);
    CHECK(s.progress().total == 2);
}

TEST_CASE("progress on an exit page and on the way to one") {
    const form f = testing::bike_theft_form();
    session s(f);
    CHECK(s.progress().total == 4);  // danger, bike, where, contact
    REQUIRE(s.set_answer("in_danger", "yes"));
    CHECK(s.progress().total == 2);  // danger, call-999
    s.next();
    REQUIRE(s.state() == session_state::exit);
    CHECK(s.progress().done == 1);
    CHECK(s.progress().total == 2);
}
