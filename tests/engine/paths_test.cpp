#include "engine/paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "engine/report.hpp"
#include "tests/support/forms.hpp"

using namespace frontdesk;

TEST_CASE("the bike theft form has two journeys: the 999 exit and a report") {
    const form f = testing::bike_theft_form();
    const auto found = enumerate_paths(f);
    CHECK(!found.truncated);
    REQUIRE(found.paths.size() == 2);
    CHECK(found.paths[0].pages == std::vector<std::string>{"danger", "call-999"});
    CHECK(found.paths[0].outcome == path_outcome::exit);
    CHECK(found.paths[1].pages == std::vector<std::string>{"danger", "bike", "where", "contact"});
    CHECK(found.paths[1].outcome == path_outcome::submitted);
    CHECK(found.paths[1].route.team == "borough-property-crime");
    CHECK(found.unused_pages.empty());
    CHECK(found.unused_page_routes.empty());
}

TEST_CASE("each path's answers walk that very path") {
    const form f = testing::load_form(testing::routing_form_json);
    const auto found = enumerate_paths(f);
    REQUIRE(found.paths.size() == 2);
    for (const auto& p : found.paths) {
        const auto replayed = replay(f, p.answers);
        CHECK(replayed.pages == p.pages);
        CHECK(replayed.route.team == p.route.team);
    }
    CHECK(found.paths[0].route.team == "hate-crime-unit");
    CHECK(found.paths[0].team_rule == 0);
    CHECK(found.paths[1].route.team == "general");
    CHECK(found.paths[1].team_rule == -1);
    for (auto rule : found.unused_team_rules) MESSAGE("unused team rule " << rule);
    CHECK(found.unused_team_rules.empty());
}

TEST_CASE("pages, routes and rules on no path are reported, a loop is a cycle path") {
    const form f = testing::load_form(R"json({
      "id": "loop", "title": "Loop",
      "pages": [
        {"id": "a", "title": "A", "questions": [
          {"id": "again", "type": "radios", "label": "Again?", "required": true,
           "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}],
           "messages": {"required": "Select yes to go again"}}],
         "routes": [{"if": "again = 'yes'", "goto": "a"}],
         "next": "check-answers"},
        {"id": "orphan", "title": "Nobody comes here", "questions": [
          {"id": "lonely", "type": "text", "label": "Lonely"}],
         "next": "check-answers"}
      ],
      "routing": {"rules": [{"if": "lonely = 'x'", "team": "never"}],
                  "default": {"team": "general"}}
    })json");
    const auto found = enumerate_paths(f);
    REQUIRE(found.paths.size() == 2);
    CHECK(found.paths[0].outcome == path_outcome::cycle);
    CHECK(found.paths[0].pages == std::vector<std::string>{"a", "a"});
    CHECK(found.paths[1].outcome == path_outcome::submitted);
    CHECK(found.unused_pages == std::vector<std::string>{"orphan"});
    CHECK(found.unused_team_rules == std::vector<std::size_t>{0});
}

TEST_CASE("the search is bounded: a limit reached is reported as truncated") {
    const form f = testing::bike_theft_form();
    path_limits tight;
    tight.max_paths = 1;
    const auto found = enumerate_paths(f, tight);
    CHECK(found.truncated);
    CHECK(found.paths.size() == 1);
}

TEST_CASE("sample answers: every option, compared values, an example, and no answer when optional") {
    const form f = testing::bike_theft_form();
    CHECK(sample_answers(f, *f.find_question("in_danger")) == std::vector<std::string>{"yes", "no"});
    CHECK(sample_answers(f, *f.find_question("colour")) == std::vector<std::string>{"x", ""});
    CHECK(sample_answers(f, *f.find_question("postcode")) == std::vector<std::string>{"SW1A 1AA", "ZE1 0AA"});
}

TEST_CASE("the everything form: every page is on some path, and every team rule decides one") {
    const form f = testing::everything_form();
    path_limits limits;
    limits.today = testing::golden_today;
    const auto found = enumerate_paths(f, limits);
    for (const auto& p : found.unused_pages) MESSAGE("unused page " << p);
    for (const auto& r : found.unused_page_routes) MESSAGE("unused route " << r.page << " " << r.route);
    CHECK(!found.truncated);
    for (auto rule : found.unused_team_rules) MESSAGE("unused team rule " << rule);
    CHECK(found.unused_team_rules.empty());
    CHECK(found.unused_pages.empty());
    CHECK(found.unused_page_routes.empty());
    for (auto i : found.unused_team_rules) INFO("rule " << i);
    bool exits = false, submitted = false;
    for (const auto& p : found.paths) {
        exits = exits || p.outcome == path_outcome::exit;
        submitted = submitted || p.outcome == path_outcome::submitted;
    }
    CHECK(exits);
    CHECK(submitted);
}

TEST_CASE("a repeat is one step, played with the fewest and the most entries, each path's answers walk it") {
    const form f = testing::repeats_form();
    const path_report found = enumerate_paths(f, {.today = testing::golden_today});
    CHECK(!found.truncated);
    CHECK(found.unused_pages.empty());
    CHECK(found.unused_page_routes.empty());
    CHECK(found.unused_team_rules.empty());  // count(stolen_items) >= 3 needs the most entries
    for (const auto& p : found.paths) {
        const auto again = replay(f, p.answers, testing::golden_today);
        CHECK(again.pages == p.pages);
    }
}

TEST_CASE("a repeat is also played with entries that differ, so a rule over a mix of entries is reached") {
    // Only a bag and a phone together reach the "mixed" team: entries that
    // are all alike never do.
    const form f = testing::load_form(R"json({
      "id": "mix", "title": "Things taken",
      "pages": [
        {"id": "item", "title": "What was taken?",
         "repeat": {"id": "items", "min": 1, "max": 4, "item": "thing", "summary_title": "Things",
                    "entry_label": "kind", "add_another": "Was anything else taken?"},
         "questions": [{"id": "kind", "type": "radios", "label": "What was it?", "required": true,
                        "options": [{"value": "bag", "label": "A bag"}, {"value": "phone", "label": "A phone"}],
                        "messages": {"required": "Select what it was"}}],
         "next": "check-answers"}
      ],
      "routing": {
        "rules": [{"if": "any(items, kind = 'bag') and any(items, kind = 'phone')", "team": "mixed", "urgency": "standard"}],
        "default": {"team": "front_desk", "urgency": "low"}
      }
    })json");
    const path_report found = enumerate_paths(f, {.today = testing::golden_today});
    CHECK(!found.truncated);
    CHECK(found.unused_team_rules.empty());
    const auto mixed = std::find_if(found.paths.begin(), found.paths.end(), [](const form_path& p) { return p.route.team == "mixed"; });
    REQUIRE(mixed != found.paths.end());
    CHECK(mixed->answers.at("items.1.kind") != mixed->answers.at("items.2.kind"));
    const auto again = replay(f, mixed->answers, testing::golden_today);
    CHECK(again.pages == mixed->pages);
    CHECK(again.route.team == "mixed");
}
