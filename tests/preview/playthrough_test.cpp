#include "preview/playthrough.hpp"

#include <doctest/doctest.h>

#include "tests/preview/support.hpp"

using namespace frontdesk;
using namespace frontdesk::preview;

namespace {

std::shared_ptr<const form> bike() { return std::make_shared<const form>(testing::bike_theft_form()); }

void answer_and_continue(playthrough& p, const std::map<std::string, std::string>& answers) {
    for (const auto& [id, value] : answers) REQUIRE(take_step(p, {step_kind::answer, id, value}));
    REQUIRE(take_step(p, {step_kind::next, "", ""}));
}

}  // namespace

TEST_CASE("steps move the journey on and are recorded, refused steps are not") {
    auto p = start_playthrough(bike());
    CHECK(p.journey->current_page()->id == "danger");
    CHECK_FALSE(take_step(p, {step_kind::back, "", ""}));
    CHECK_FALSE(take_step(p, {step_kind::answer, "make", "Raleigh"}));  // not on this page
    answer_and_continue(p, {{"in_danger", "no"}});
    CHECK(p.journey->current_page()->id == "bike");
    CHECK(p.steps.size() == 2);
}

TEST_CASE("typing into a field keeps only its last value in the steps") {
    auto p = start_playthrough(bike());
    answer_and_continue(p, {{"in_danger", "no"}});
    for (const char* typed : {"R", "Ra", "Ral", "Raleigh"}) REQUIRE(take_step(p, {step_kind::answer, "make", typed}));
    REQUIRE(p.steps.size() == 3);
    CHECK(p.steps.back().value == "Raleigh");
    CHECK(p.journey->answer("make") == "Raleigh");
}

TEST_CASE("continuing with errors stays on the page and shows them per question") {
    auto p = start_playthrough(bike());
    REQUIRE(take_step(p, {step_kind::next, "", ""}));
    CHECK(p.journey->current_page()->id == "danger");
    const auto* e = error_for(*p.journey, "in_danger");
    REQUIRE(e != nullptr);
    CHECK(*e == "Select yes if anyone is in danger or the crime is happening now");
    CHECK(error_for(*p.journey, "make") == nullptr);
}

TEST_CASE("the same steps replay on a new version of the form, skipping those that no longer apply") {
    auto p = start_playthrough(bike());
    answer_and_continue(p, {{"in_danger", "no"}});
    answer_and_continue(p, {{"make", "Raleigh"}, {"colour", "Red"}});
    REQUIRE(p.journey->current_page()->id == "where");

    const auto renamed = std::make_shared<const form>(
        testing::load_form(testing::bike_theft_with("\"id\": \"colour\"", "\"id\": \"bike_colour\"")));
    const auto again = replay_steps(p, renamed);
    CHECK(again.skipped == 1);  // the answer to "colour"
    CHECK(again.play.journey->current_page()->id == "where");
    CHECK(again.play.journey->answer("make") == "Raleigh");
    CHECK(again.play.definition == renamed);
}

TEST_CASE("walk_to gets to a page with answers, back_to goes back along the journey") {
    auto p = start_playthrough(bike());
    CHECK(walk_to(p, testing::complete_bike_answers(), "contact"));
    CHECK(p.journey->current_page()->id == "contact");
    CHECK(walk_to(p, testing::complete_bike_answers(), ""));
    CHECK(p.journey->state() == session_state::check);
    CHECK_FALSE(walk_to(p, testing::complete_bike_answers(), "call-999"));

    REQUIRE(walk_to(p, testing::complete_bike_answers(), "contact"));
    CHECK(back_to(p, "bike"));
    CHECK(p.journey->current_page()->id == "bike");
    CHECK(p.journey->answer("make") == "Raleigh");
    CHECK_FALSE(back_to(p, "contact"));  // no longer on the journey
}

TEST_CASE("the page heading is the question's label when a page asks one question") {
    const auto f = testing::bike_theft_form();
    CHECK(page_heading(f.pages[0]) == "Is anyone in danger or is the crime happening now?");
    CHECK(page_heading(f.pages[2]) == "About the bike");
    CHECK(page_heading(f.pages[1]) == "Call 999 now");
}

TEST_CASE("live answers show labels for choices and mark answers left off the path") {
    auto p = start_playthrough(bike());
    answer_and_continue(p, {{"in_danger", "no"}});
    answer_and_continue(p, {{"make", "Raleigh"}});
    REQUIRE(take_step(p, {step_kind::back, "", ""}));
    REQUIRE(take_step(p, {step_kind::back, "", ""}));
    REQUIRE(take_step(p, {step_kind::answer, "in_danger", "yes"}));
    REQUIRE(take_step(p, {step_kind::next, "", ""}));
    CHECK(p.journey->state() == session_state::exit);

    const auto rows = live_answers(*p.journey);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].question == "in_danger");
    CHECK(rows[0].value == "Yes");
    CHECK(rows[0].on_path);
    CHECK(rows[1].question == "make");
    CHECK_FALSE(rows[1].on_path);
}

TEST_CASE("check your answers lists every question on the path, answered or not") {
    auto p = start_playthrough(bike());
    REQUIRE(walk_to(p, testing::complete_bike_answers(), ""));
    const auto rows = check_rows(*p.journey);
    REQUIRE(rows.size() == 8);
    CHECK(rows[0].value == "No");
    CHECK(rows[3].question == "frame_number");
    CHECK(rows[3].value.empty());
    CHECK(take_step(p, {step_kind::change, "make", ""}));
    CHECK(p.journey->current_page()->id == "bike");
}

TEST_CASE("the live route says where Continue goes and which rule routes the report") {
    const auto f = std::make_shared<const form>(testing::load_form(testing::routing_form_json));
    auto p = start_playthrough(f);
    auto live = live_route_of(*p.journey);
    CHECK(live.next_page == "details");
    CHECK(live.next_by == "the page's next");
    CHECK(live.route.team == "general");
    CHECK(live.decided_by == "the default route");

    REQUIRE(take_step(p, {step_kind::answer, "kind", "hate"}));
    live = live_route_of(*p.journey);
    CHECK(live.next_page == "hate-details");
    CHECK(live.next_by == "route 1 of this page");
    CHECK(live.route.team == "hate-crime-unit");
    CHECK(live.decided_by == "routing rule 1");

    REQUIRE(take_step(p, {step_kind::next, "", ""}));
    REQUIRE(take_step(p, {step_kind::answer, "hate_note", "x"}));
    REQUIRE(take_step(p, {step_kind::next, "", ""}));
    CHECK(live_route_of(*p.journey).next_page.empty());  // on check your answers
}

TEST_CASE("typed answers show as check your answers shows them, calculated values are worked out") {
    const auto f = std::make_shared<const form>(testing::everything_form());
    auto p = start_playthrough(f, testing::golden_today);
    REQUIRE(walk_to(p, testing::complete_everything_answers(), ""));
    REQUIRE(p.journey->state() == session_state::check);
    std::map<std::string, std::string> shown;
    for (const auto& row : check_rows(*p.journey)) shown[row.question] = row.value;
    CHECK(shown["stolen_on"] == "27 November 2026");
    CHECK(shown["item_value"].rfind("\xc2\xa3", 0) == 0);  // money shows with its pound sign
    CHECK(shown["postcode"] == "NW1 2DB");
    const auto calculated = calculated_values(*p.journey);
    REQUIRE(!calculated.empty());
    CHECK(calculated[0].id == "days_ago");
    CHECK(calculated[0].value == "1");
}

TEST_CASE("the play-through handles a repeat's entries and summary, and replays them on a new version") {
    auto f = std::make_shared<const form>(testing::repeats_form());
    auto p = start_playthrough(f, testing::golden_today);
    answer_and_continue(p, {{"postcode", "SW1A 1AA"}});
    CHECK(p.journey->entry() == 1);
    answer_and_continue(p, {{"item_name", "Bag"}, {"item_kind", "other"}});
    REQUIRE(p.journey->state() == session_state::summary);
    CHECK(std::string(state_name(p.journey->state())) == "summary");
    REQUIRE(take_step(p, {step_kind::add_another, "", ""}));
    answer_and_continue(p, {{"item_name", "Phone"}, {"item_kind", "phone"}, {"serial", "IMEI1234"}});
    REQUIRE(take_step(p, {step_kind::change_entry, "", "1"}));
    answer_and_continue(p, {{"item_name", "Rucksack"}});
    REQUIRE(take_step(p, {step_kind::remove_entry, "", "2"}));
    CHECK_FALSE(take_step(p, {step_kind::remove_entry, "", "2"}));  // there is no entry 2 now
    CHECK_FALSE(take_step(p, {step_kind::change_entry, "", "x"}));
    REQUIRE(take_step(p, {step_kind::answer, "stolen_items", "no"}));
    CHECK(live_route_of(*p.journey).next_page == "contact");
    REQUIRE(take_step(p, {step_kind::next, "", ""}));
    CHECK(p.journey->current_page()->id == "contact");
    const auto answers = live_answers(*p.journey);
    REQUIRE(answers.size() == 3);
    CHECK(answers[1].question == "stolen_items.1.item_name");
    CHECK(answers[1].value == "Rucksack");

    answer_and_continue(p, {{"email", "a@example.com"}});
    const auto rows = check_rows(*p.journey);
    CHECK(rows[1].question == "stolen_items");
    CHECK(rows[1].value == "1");
    CHECK(rows[2].label == "Item 1: What was it?");

    // The same steps on the form loaded again give the same journey.
    const auto again = replay_steps(p, std::make_shared<const form>(testing::repeats_form()));
    CHECK(again.skipped == 0);
    CHECK(again.play.journey->answers_on_path() == p.journey->answers_on_path());

    // walk_to plays entries from GROUP.N.QUESTION answers.
    auto walked = start_playthrough(f, testing::golden_today);
    REQUIRE(walk_to(walked, testing::two_items_answers(), "phones"));
    CHECK(walked.journey->entries(0) == 2);
}
