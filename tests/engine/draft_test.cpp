#include "engine/draft.hpp"

#include <doctest/doctest.h>

#include "engine/encoding.hpp"
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
    while (s.state() == session_state::question) {
        answer_page(s, testing::complete_bike_answers());
        REQUIRE(s.errors().empty());
    }
}

// The bike form as a newer version: `colour` is gone, and the bike page asks
// a new required question.
form newer_bike_form() {
    std::string source = testing::read_source_file("forms/bike-theft.json");
    const std::string colour_start = R"json(        {
          "id": "colour",)json";
    const auto from = source.find(colour_start);
    REQUIRE(from != std::string::npos);
    const auto to = source.find("        {\n          \"id\": \"frame_number\"", from);
    REQUIRE(to != std::string::npos);
    source.replace(from, to - from, R"json(        {
          "id": "gears",
          "type": "text",
          "label": "Number of gears",
          "required": true,
          "messages": {"required": "Enter the number of gears"}
        },
)json");
    return testing::load_form(source);
}

}  // namespace

TEST_CASE("a draft restores the page, the answers and the path") {
    const form f = testing::bike_theft_form();
    session s(f);
    answer_page(s, {{"in_danger", "no"}});
    answer_page(s, {{"make", "Raleigh"}, {"colour", "Red"}});
    REQUIRE(s.current_page()->id == "where");
    REQUIRE(s.set_answer("postcode", "SW1A"));  // typed, not yet sent on

    const std::string draft = save_draft(s);
    session restored(f);
    auto outcome = restore_draft(restored, draft);
    REQUIRE(outcome);
    CHECK(outcome->same_version);
    CHECK(outcome->dropped.empty());
    CHECK(restored.current_page()->id == "where");
    CHECK(restored.path() == s.path());
    CHECK(restored.answer("postcode") == "SW1A");
    CHECK(restored.answer("make") == "Raleigh");
    CHECK(restored.errors().empty());
    CHECK(save_draft(restored) == draft);
}

TEST_CASE("a draft is printable: base64 only") {
    const form f = testing::bike_theft_form();
    session s(f);
    REQUIRE(s.set_answer("in_danger", "no"));
    for (char c : save_draft(s)) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                        c == '/' || c == '=';
        CHECK(ok);
    }
}

TEST_CASE("a draft saved on check your answers restores to check your answers") {
    const form f = testing::bike_theft_form();
    session s(f);
    walk_to_check(s);
    session restored(f);
    REQUIRE(restore_draft(restored, save_draft(s)));
    CHECK(restored.state() == session_state::check);
    CHECK(restored.path() == s.path());
    CHECK(restored.answers_on_path() == s.answers_on_path());
}

TEST_CASE("a draft saved after going back lands where the person was, not further") {
    const form f = testing::bike_theft_form();
    session s(f);
    walk_to_check(s);
    REQUIRE(s.back());
    REQUIRE(s.back());
    REQUIRE(s.current_page()->id == "where");
    session restored(f);
    REQUIRE(restore_draft(restored, save_draft(s)));
    CHECK(restored.current_page()->id == "where");
    CHECK(restored.path() == s.path());
    // What was typed further on is still there.
    CHECK(restored.answer("name") == "Sam Smith");
}

TEST_CASE("a draft made while changing an answer returns to check your answers after it") {
    const form f = testing::bike_theft_form();
    session s(f);
    walk_to_check(s);
    REQUIRE(s.change("make"));
    session restored(f);
    REQUIRE(restore_draft(restored, save_draft(s)));
    CHECK(restored.current_page()->id == "bike");
    CHECK(restored.returning_to_check());
    restored.next();
    CHECK(restored.state() == session_state::check);
}

TEST_CASE("a draft of an exit page restores to the exit page") {
    const form f = testing::bike_theft_form();
    session s(f);
    answer_page(s, {{"in_danger", "yes"}});
    REQUIRE(s.state() == session_state::exit);
    session restored(f);
    REQUIRE(restore_draft(restored, save_draft(s)));
    CHECK(restored.state() == session_state::exit);
    CHECK(restored.current_page()->id == "call-999");
}

TEST_CASE("against a newer form version: answers kept by id, gone ones dropped, first page needing attention") {
    const form old_form = testing::bike_theft_form();
    session s(old_form);
    walk_to_check(s);
    const std::string draft = save_draft(s);

    const form newer = newer_bike_form();
    REQUIRE(newer.version != old_form.version);
    session restored(newer);
    auto outcome = restore_draft(restored, draft);
    REQUIRE(outcome);
    CHECK(!outcome->same_version);
    CHECK(outcome->dropped == std::vector<std::string>{"colour"});
    // The bike page now asks something new and required: the person lands there, with the error.
    REQUIRE(restored.current_page() != nullptr);
    CHECK(restored.current_page()->id == "bike");
    REQUIRE(restored.errors().size() == 1);
    CHECK(restored.errors()[0].question == "gears");
    CHECK(restored.answer("make") == "Raleigh");
    CHECK(restored.answer("colour").empty());
    // Answer the new question and the rest of the journey fast-forwards? No:
    // only a change from check your answers does; the person walks on.
    REQUIRE(restored.set_answer("gears", "21"));
    restored.next();
    CHECK(restored.current_page()->id == "where");
    CHECK(restored.answer("postcode") == "SW1A 2JR");
}

TEST_CASE("a draft for another form, or a damaged one, is an error and changes nothing") {
    const form bike = testing::bike_theft_form();
    const form other = testing::load_form(testing::routing_form_json);
    session s(bike);
    answer_page(s, {{"in_danger", "no"}});
    const std::string draft = save_draft(s);

    session elsewhere(other);
    auto wrong = restore_draft(elsewhere, draft);
    REQUIRE(!wrong);
    CHECK(wrong.err().message == "The saved answers are for another form.");
    CHECK(elsewhere.current_page()->id == "kind");

    session fresh(bike);
    CHECK(!restore_draft(fresh, ""));
    CHECK(!restore_draft(fresh, "not base64 at all!"));
    CHECK(!restore_draft(fresh, draft.substr(0, draft.size() / 2)));
    CHECK(fresh.current_page()->id == "danger");
    // Every truncation and every flipped byte is an error or a valid restore, never a crash.
    auto raw = *from_base64(draft);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        auto damaged = raw;
        damaged[i] = static_cast<unsigned char>(damaged[i] ^ 0x5A);
        session t(bike);
        (void)restore_draft(t, to_base64(damaged));
        auto cut = raw;
        cut.resize(i);
        (void)restore_draft(t, to_base64(cut));
    }
}

TEST_CASE("a draft keeps repeat entries, against a newer version, entries of questions still asked stay") {
    const form f = testing::repeats_form();
    session s(f, testing::golden_today);
    REQUIRE(s.set_answer("postcode", "SW1A 1AA"));
    s.next();
    REQUIRE(s.set_answer("item_name", "Bag"));
    REQUIRE(s.set_answer("item_kind", "other"));
    s.next();
    REQUIRE(s.add_another());
    REQUIRE(s.set_answer("item_name", "Phone"));
    REQUIRE(s.set_answer("item_kind", "phone"));
    REQUIRE(s.set_answer("serial", "IMEI1234"));
    s.next();
    REQUIRE(s.state() == session_state::summary);
    const std::string draft = save_draft(s);

    session restored(f, testing::golden_today);
    auto r = restore_draft(restored, draft);
    REQUIRE(r);
    CHECK(r->dropped.empty());
    CHECK(restored.state() == session_state::summary);
    CHECK(restored.current_page()->id == "item");
    CHECK(restored.entries(0) == 2);
    CHECK(restored.answer("stolen_items.2.serial") == "IMEI1234");

    // A newer version no longer asks for serial numbers.
    std::string source = testing::read_source_file("tests/golden/forms/repeats.json");
    const auto at = source.find(R"({"id": "serial")");
    REQUIRE(at != std::string::npos);
    const auto end = source.find("]}", at);
    const auto comma = source.rfind(',', at);
    source.erase(comma, end + 2 - comma);  // with the comma before it
    const form newer = testing::load_form(source);
    session later(newer, testing::golden_today);
    r = restore_draft(later, draft);
    REQUIRE(r);
    CHECK(!r->same_version);
    CHECK(r->dropped == std::vector<std::string>{"stolen_items.2.serial"});
    CHECK(later.entries(0) == 2);
    CHECK(later.answer("stolen_items.2.item_name") == "Phone");
}

TEST_CASE("against a newer version whose repeat allows fewer entries, the entries over its max are listed as dropped") {
    const form f = testing::repeats_form();  // stolen_items: max 3
    session s(f, testing::golden_today);
    REQUIRE(s.set_answer("postcode", "SW1A 1AA"));
    s.next();
    const char* names[] = {"Bag", "Phone", "Coat"};
    for (int n = 0; n < 3; ++n) {
        if (n > 0) REQUIRE(s.add_another());
        REQUIRE(s.set_answer("item_name", names[n]));
        REQUIRE(s.set_answer("item_kind", "other"));
        s.next();
        REQUIRE(s.errors().empty());
    }
    REQUIRE(s.entries(0) == 3);
    const std::string draft = save_draft(s);

    // The newer version allows two items only.
    std::string source = testing::read_source_file("tests/golden/forms/repeats.json");
    const std::string limits = R"("min": 1, "max": 3)";
    const auto at = source.find(limits);
    REQUIRE(at != std::string::npos);
    source.replace(at, limits.size(), R"("min": 1, "max": 2)");
    const form newer = testing::load_form(source);
    session later(newer, testing::golden_today);
    const auto r = restore_draft(later, draft);
    REQUIRE(r);
    CHECK(!r->same_version);
    // Never lost silently: the third item's answers are said to be dropped.
    CHECK(r->dropped == std::vector<std::string>{"stolen_items.3.item_kind", "stolen_items.3.item_name"});
    CHECK(later.entries(0) == 2);
    CHECK(later.answer("stolen_items.2.item_name") == "Phone");
    CHECK(later.answer("stolen_items.3.item_name").empty());
}
