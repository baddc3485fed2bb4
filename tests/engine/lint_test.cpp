#include "engine/lint.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/support/forms.hpp"

using namespace frontdesk;

namespace {

std::vector<std::string> lines(const form& f) {
    std::vector<std::string> out;
    for (const auto& x : lint_form(f)) {
        out.push_back(x.where + ": " + (x.level == lint_level::error ? "error" : "warning") + ": " + x.message);
    }
    return out;
}

bool has(const std::vector<std::string>& found, const std::string& line) {
    return std::find(found.begin(), found.end(), line) != found.end();
}

// A page for each problem lint looks for.
const char* troubled_form = R"json({
  "id": "troubled", "title": "Troubled",
  "calculations": [{"id": "unused_calc", "value": "1 + 1"}],
  "tables": {"unused_table": {"a": "b"}},
  "pages": [
    {"id": "start", "title": "Start", "questions": [
      {"id": "choice", "type": "radios", "label": "Which?", "required": true,
       "options": [{"value": "loop", "label": "Loop"}, {"value": "on", "label": "On"}],
       "messages": {"required": "Select one"}}],
     "routes": [{"if": "1 > 2", "goto": "orphan"},
                {"if": "choice = 'loop'", "goto": "loop-a"}],
     "next": "end"},
    {"id": "loop-a", "title": "A", "questions": [{"id": "a", "type": "text", "label": "A"}], "next": "loop-b"},
    {"id": "loop-b", "title": "B", "questions": [{"id": "b", "type": "text", "label": "B"}], "next": "loop-a"},
    {"id": "end", "title": "End", "questions": [{"id": "c", "type": "text", "label": "C"}],
     "routes": [{"if": "true", "goto": "check-answers"}, {"if": "c = 'x'", "goto": "start"}],
     "next": "check-answers"},
    {"id": "orphan", "title": "Orphan", "questions": [{"id": "d", "type": "text", "label": "D"}], "next": "check-answers"},
    {"id": "island", "title": "Island", "questions": [{"id": "e", "type": "text", "label": "E"}], "next": "check-answers"}
  ],
  "routing": {"rules": [{"if": "false", "team": "never"}, {"if": "a = 'x'", "team": "x_team"}],
              "default": {"team": "general"}}
})json";

}  // namespace

TEST_CASE("the shipped forms and the everything form lint clean") {
    CHECK(lines(testing::bike_theft_form()).empty());
    lint_options o;
    o.today = testing::golden_today;
    CHECK(lint_form(testing::everything_form(), o).empty());
}

TEST_CASE("each problem is found, at its pointer, with errors for journeys that cannot end") {
    const auto found = lines(testing::load_form(troubled_form));
    for (const auto& l : found) MESSAGE(l);
    CHECK(has(found, "/calculations/0: warning: the calculated value 'unused_calc' is never used"));
    CHECK(has(found, "/pages/0/routes/0/if: warning: this condition is always false: the route is never taken"));
    CHECK(has(found, "/pages/1: error: from 'loop-a' every way goes round a cycle with no way out: the journey can never end"));
    CHECK(has(found, "/pages/2: error: from 'loop-b' every way goes round a cycle with no way out: the journey can never end"));
    CHECK(has(found, "/pages/3/routes/0/if: warning: this condition is always true: the routes after it are never tried and the page's next is never used"));
    CHECK(has(found, "/pages/4: warning: no journey found reaches 'orphan'"));
    CHECK(has(found, "/pages/5: warning: no page leads to 'island': nobody can reach it"));
    CHECK(has(found, "/routing/rules/0/if: warning: this condition is always false: the rule never fires"));
    CHECK(has(found, "/tables/unused_table: warning: the lookup table 'unused_table' is never used"));
    CHECK(has(found, "/routing/rules/1/if: warning: no journey found makes this rule fire"));
    CHECK(found.size() == 10);
}

TEST_CASE("lint warns of each text missing a translation, at its JSON pointer") {
    const form f = testing::load_form(R"json({
      "id": "t", "languages": ["en", "pl", "cy"], "title": {"en": "Lost", "pl": "Zgubione", "cy": "Ar goll"},
      "pages": [{"id": "p", "title": {"en": "Page", "pl": "Strona"},
                 "questions": [{"id": "q", "type": "date", "label": "When?", "past": true}],
                 "next": "check-answers"}],
      "routing": {"default": {"team": "x"}}})json");
    const auto found = lines(f);
    CHECK(has(found, "/pages/0/title: warning: missing \"cy\" translation"));
    CHECK(!has(found, "/pages/0/title: warning: missing \"pl\" translation"));
    CHECK(has(found, "/pages/0/questions/0/label: warning: missing \"pl\" translation"));
    CHECK(has(found, "/pages/0/questions/0/label: warning: missing \"cy\" translation"));
    CHECK(std::none_of(found.begin(), found.end(), [](const std::string& l) { return l.starts_with("/title:"); }));
    // The engine writes the past check's message in every language itself.
    CHECK(std::none_of(found.begin(), found.end(), [](const std::string& l) { return l.find("/messages/past") != std::string::npos; }));
    CHECK(lines(testing::lost_property_form()).empty());
}

TEST_CASE("lint warns of each repeat message missing a translation, the engine's English defaults included") {
    const form f = testing::load_form(R"json({
      "id": "t", "languages": ["en", "pl"], "title": {"en": "People", "pl": "Osoby"},
      "pages": [{"id": "p", "title": {"en": "Person", "pl": "Osoba"},
                 "repeat": {"id": "people", "item": {"en": "person", "pl": "osoba"},
                   "summary_title": {"en": "People", "pl": "Osoby"}, "add_another": {"en": "Another?", "pl": "Kolejna?"},
                   "messages": {"entry": {"en": "Person {n}", "pl": "Osoba {n}"}, "too_few": "Add at least 1 person"}},
                 "questions": [{"id": "name", "type": "text", "label": {"en": "Name", "pl": "Imię"}}],
                 "next": "check-answers"}],
      "routing": {"default": {"team": "x"}}})json");
    const auto found = lines(f);
    for (const auto& l : found) MESSAGE(l);
    CHECK(!has(found, "/pages/0/repeat/messages/entry: warning: missing \"pl\" translation"));
    CHECK(has(found, "/pages/0/repeat/messages/too_few: warning: missing \"pl\" translation"));
    // Not written: the English default ("Add at least …") would reach Polish readers.
    for (const char* key : {"empty", "too_many", "add_another", "removed"}) {
        CHECK(has(found, "/pages/0/repeat/messages/" + std::string(key) + ": warning: missing \"pl\" translation"));
    }
    // Not written and not needed: the summary falls back to the entry's name.
    CHECK(!has(found, "/pages/0/repeat/messages/unlabelled: warning: missing \"pl\" translation"));
}

TEST_CASE("a form in one language has no translations to miss") {
    const auto found = lines(testing::bike_theft_form());
    CHECK(std::none_of(found.begin(), found.end(), [](const std::string& l) { return l.find("translation") != std::string::npos; }));
}

TEST_CASE("the repeats form lints clean, an entry label naming no question is a load error") {
    const form f = testing::repeats_form();
    for (const auto& finding : lint_form(f, {.today = testing::golden_today})) {
        CHECK_MESSAGE(finding.level != lint_level::error, finding.where << ": " << finding.message);
    }
    std::string source = testing::read_source_file("tests/golden/forms/repeats.json");
    const auto at = source.find(R"("entry_label": "item_name")");
    REQUIRE(at != std::string::npos);
    source.replace(at, 26, R"("entry_label": "item_title")");
    const auto loaded = load_form_json(source);
    REQUIRE(!loaded.loaded);
    CHECK(loaded.errors.at(0).where == "/pages/1/repeat/entry_label");
}
