#include "preview/paths_panel.hpp"

#include <doctest/doctest.h>

#include "tests/preview/support.hpp"

using namespace frontdesk;
using namespace frontdesk::preview;

namespace {

const char* unused_form_json = R"json({
  "id": "unused", "title": "Unused",
  "pages": [
    {"id": "first", "title": "First", "questions": [
      {"id": "colour", "type": "radios", "label": "Colour", "required": true,
       "options": [{"value": "red", "label": "Red"}, {"value": "blue", "label": "Blue"}],
       "messages": {"required": "Select a colour"}}],
     "routes": [{"if": "colour = 'red'", "goto": "red"},
                {"if": "colour = 'red'", "goto": "never"}],
     "next": "check-answers"},
    {"id": "red", "title": "Red", "questions": [{"id": "shade", "type": "text", "label": "Shade"}],
     "next": "first"},
    {"id": "never", "title": "Never", "questions": [{"id": "why", "type": "text", "label": "Why"}],
     "next": "check-answers"}
  ],
  "routing": {"rules": [{"if": "shade = 'crimson'", "team": "greens", "urgency": "low"}],
              "default": {"team": "all", "urgency": "standard"}}
})json";

}  // namespace

TEST_CASE("the bike theft form has two paths: the 999 exit and the report") {
    const auto f = testing::bike_theft_form();
    const auto r = enumerate_paths(f);
    REQUIRE(r.paths.size() == 2);
    CHECK_FALSE(r.truncated);
    const auto exit = describe_path(r.paths[0]);
    CHECK(exit.outcome == "exit: call-999");
    CHECK(exit.route.empty());
    CHECK(exit.pages == "danger > call-999");
    const auto sent = describe_path(r.paths[1]);
    CHECK(sent.outcome == "submitted");
    CHECK(sent.route == "borough-property-crime (standard)");
    CHECK(sent.rule == "default");
    CHECK(sent.pages == "danger > bike > where > contact");
    CHECK(unused_lines(f, r).empty());
}

TEST_CASE("each team rule gives its own path, and the path's answers replay it") {
    const auto f = std::make_shared<const form>(testing::load_form(testing::routing_form_json));
    const auto r = enumerate_paths(*f);
    REQUIRE(r.paths.size() == 2);
    const auto hate = describe_path(r.paths[0]);
    CHECK(hate.route == "hate-crime-unit (urgent)");
    CHECK(hate.rule == "rule 1");
    CHECK(describe_path(r.paths[1]).route == "general (standard)");

    auto p = start_playthrough(f);
    CHECK(play_path(p, r.paths[0]));
    CHECK(p.journey->state() == session_state::check);
    CHECK(p.journey->route().team == "hate-crime-unit");
    CHECK(first_path_through(r, "details") == 1u);
    CHECK_FALSE(first_path_through(r, "nowhere"));
}

TEST_CASE("pages, routes and rules that no path uses are listed, a loop is a cycle") {
    const auto f = testing::load_form(unused_form_json);
    const auto r = enumerate_paths(f);
    bool cycle = false;
    for (const auto& p : r.paths) cycle = cycle || p.outcome == path_outcome::cycle;
    CHECK(cycle);
    CHECK(r.unused_pages == std::vector<std::string>{"never"});
    REQUIRE(r.unused_page_routes.size() == 1);
    CHECK(r.unused_page_routes[0] == page_route_ref{"first", 1});
    CHECK(r.unused_team_rules == std::vector<std::size_t>{0});
    const auto lines = unused_lines(f, r);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "page 'never' is on no path");
    CHECK(lines[1] == "route 2 of page 'first' (to 'never') is taken on no path");
    CHECK(lines[2] == "routing rule 1 (team 'greens') decides no path");
}

TEST_CASE("the limits stop a search that would go on too long") {
    const auto f = testing::bike_theft_form();
    path_limits tight;
    tight.max_paths = 1;
    const auto r = enumerate_paths(f, tight);
    CHECK(r.paths.size() == 1);
    CHECK(r.truncated);
}
