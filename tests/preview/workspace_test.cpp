#include "preview/workspace.hpp"

#include <doctest/doctest.h>

#include "tests/preview/support.hpp"

using namespace frontdesk;
using namespace frontdesk::preview;

TEST_CASE("a workspace opens a folder of forms, good and broken, and plays the first that is selected") {
    testing::scratch_folder dir;
    dir.write("a-bike.json", testing::read_source_file("forms/bike-theft.json"));
    dir.write("b-broken.json", "{\"id\": ");
    auto w = open_workspace({dir.path().string()}, testing::golden_today);
    REQUIRE(w.files.size() == 2);
    REQUIRE(w.play);
    CHECK(w.paths.paths.size() == 2);
    CHECK(w.map.nodes.size() == 6);

    select_form(w, 1);
    CHECK_FALSE(w.play);
    CHECK(w.map.nodes.empty());
    CHECK(w.status.find("does not load") != std::string::npos);
    CHECK(journey_position(w) == "no journey");
}

TEST_CASE("editing the file keeps the journey, breaking it keeps playing the last good version") {
    testing::scratch_folder dir;
    dir.write("bike.json", testing::read_source_file("forms/bike-theft.json"));
    auto w = open_workspace({(dir.path() / "bike.json").string()}, testing::golden_today);
    REQUIRE(w.play);
    REQUIRE(take(w, {step_kind::answer, "in_danger", "no"}));
    REQUIRE(take(w, {step_kind::next, "", ""}));
    REQUIRE(take(w, {step_kind::answer, "make", "Raleigh"}));
    CHECK(reload_changed(w) == 0);

    dir.write("bike.json", testing::bike_theft_with("About the bike", "About your bike"));
    CHECK(reload_changed(w) == 1);
    CHECK(w.play->journey->current_page()->title == "About your bike");
    CHECK(w.play->journey->answer("make") == "Raleigh");
    CHECK(w.status.find("journey kept") != std::string::npos);

    dir.write("bike.json", testing::bike_theft_with("\"next\": \"where\"", "\"next\": \"wehre\""));
    CHECK(reload_changed(w) == 1);
    REQUIRE(w.play);
    CHECK(w.play->journey->current_page()->title == "About your bike");
    CHECK(w.status.find("still playing the last version") != std::string::npos);
    CHECK(node_of_page(w.map, "where"));
    CHECK_FALSE(w.map.nodes[*node_of_page(w.map, "where")].reachable);  // the map shows the file as it is
}

TEST_CASE("jumping to a page goes back along the journey, or along a path that reaches it") {
    auto w = open_workspace({std::string(FRONTDESK_SOURCE_DIR) + "/forms/bike-theft.json"}, testing::golden_today);
    CHECK(jump_to_page(w, "contact"));
    CHECK(journey_position(w) == "on page 'contact'");
    CHECK(jump_to_page(w, "bike"));
    CHECK(journey_position(w) == "on page 'bike'");
    CHECK_FALSE(w.play->journey->answer("make").empty());  // answered on the way, kept on the way back
    CHECK(jump_to_page(w, "call-999"));
    CHECK(journey_position(w) == "on exit page 'call-999'");
    CHECK_FALSE(jump_to_page(w, "nowhere"));
}

TEST_CASE("a script plays through the bike theft form to check your answers") {
    auto w = open_workspace({std::string(FRONTDESK_SOURCE_DIR) + "/forms/bike-theft.json"}, testing::golden_today);
    const auto script = parse_script(testing::read_source_file("tests/preview/bike_theft_script.json"));
    REQUIRE(script.errors.empty());
    const auto outcome = run_script(w, script);
    CHECK(outcome.refused.empty());
    CHECK(outcome.played == script.steps.size());
    CHECK(journey_position(w) == "on check your answers");
    CHECK(w.play->journey->answer("colour") == "Dark blue");

    const auto refused = run_script(w, parse_script(R"(["back", {"answer": {"nope": "x"}}, {"path": 9}])"));
    CHECK(refused.played == 1);
    CHECK(refused.refused.size() == 2);
}

TEST_CASE("a file new in a watched folder joins the list, start again goes back to the first page") {
    testing::scratch_folder dir;
    auto w = open_workspace({dir.path().string()}, testing::golden_today);
    CHECK(w.files.empty());
    CHECK_FALSE(w.play);
    dir.write("bike.json", testing::read_source_file("forms/bike-theft.json"));
    CHECK(reload_changed(w) == 1);
    REQUIRE(w.files.size() == 1);
    REQUIRE(w.play);
    REQUIRE(jump_to_page(w, "where"));
    restart(w);
    CHECK(journey_position(w) == "on page 'danger'");
    CHECK(w.play->steps.empty());
}
