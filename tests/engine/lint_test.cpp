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

TEST_CASE("lint refuses forms whose files could not all be sent with one report") {
    auto form_with = [](const std::string& questions, int max) {
        return testing::load_form(R"json({"id": "f", "title": "F", "pages": [
            {"id": "one", "title": "One", "questions": [{"id": "a", "type": "text", "label": "A"}], "next": "many"},
            {"id": "many", "title": "Many", "questions": [)json" + questions + R"json(],
             "repeat": {"id": "things", "max": )json" + std::to_string(max) + R"json(, "item": "thing",
                        "summary_title": "Things", "add_another": "Add another?"}, "next": "check-answers"}],
          "routing": {"default": {"team": "t"}}})json");
    };
    const std::string small = R"json({"id": "photo", "type": "file", "label": "Photo", "max_megabytes": 1})json";
    CHECK(lines(form_with(small, 10)).empty());
    CHECK(has(lines(form_with(small, 11)), "/pages/1/questions/0: error: a report could need more than 10 files with this question: ask for fewer files"));
    // Two files at the default 4MB fit; three do not; one at 8MB fits, two do not.
    const std::string file = R"json({"id": "photo", "type": "file", "label": "Photo"})json";
    CHECK(lines(form_with(file, 2)).empty());
    CHECK(lines(form_with(file, 3)) ==
          std::vector<std::string>{"/pages/1/questions/0: error: with this question a report's files could be too big to send together: "
                                   "lower max_megabytes or ask for fewer files"});
    const std::string big = R"json({"id": "photo", "type": "file", "label": "Photo", "max_megabytes": 8})json";
    CHECK(lines(form_with(big, 1)).empty());
    CHECK(lines(form_with(big, 2)).size() == 1);
}

TEST_CASE("a question no journey shows is found, but only when every journey was played") {
    // `detail` is on a page every journey reaches, shown only for an answer
    // that is not an option; `note` is shown for some answers, so not reported.
    const std::string source = R"json({
  "id": "unshown", "title": "Unshown",
  "pages": [
    {"id": "start", "title": "Start", "questions": [
      {"id": "way", "type": "radios", "label": "Which way?", "required": true,
       "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
       "messages": {"required": "Select a way"}},
      {"id": "note", "type": "text", "label": "Note", "show_if": "way = 'b'"}],
     "routes": [{"if": "way = 'a'", "goto": "a"}],
     "next": "b"},
    {"id": "a", "title": "A", "questions": [{"id": "x", "type": "text", "label": "X"}], "next": "b"},
    {"id": "b", "title": "B", "questions": [
      {"id": "y", "type": "text", "label": "Y"},
      {"id": "detail", "type": "text", "label": "Detail", "show_if": "way = 'b' and x = 'x'"}],
     "next": "LAST"}
  ],
  "routing": {"default": {"team": "general"}}
})json";
    const std::string unshown =
        "/pages/2/questions/1/show_if: warning: no journey found shows the question 'detail': this condition never holds on the way to it";
    std::string whole = source;
    whole.replace(whole.find("LAST"), 4, "check-answers");
    const auto found = lines(testing::load_form(whole));
    for (const auto& l : found) MESSAGE(l);
    CHECK(found == std::vector<std::string>{unshown});

    // With a page of more answer combinations than lint plays (2^7 > 64), the
    // search stops early: then nothing is said about questions never shown.
    std::string many, condition;
    for (int i = 0; i < 7; ++i) {
        many += std::string(i ? "," : "") + R"({"id": "q)" + std::to_string(i) + R"(", "type": "yes_no", "label": "Q"})";
        condition += std::string(i ? " and " : "") + "q" + std::to_string(i);
    }
    std::string truncated = source;
    truncated.replace(truncated.find(R"("LAST"})"), 7, R"("many"},
    {"id": "many", "title": "Many", "questions": [)" + many + R"(],
     "routes": [{"if": ")" + condition + R"(", "goto": "check-answers"}], "next": "check-answers"})");
    const auto stopped = lines(testing::load_form(truncated));
    for (const auto& l : stopped) MESSAGE(l);
    CHECK(std::any_of(stopped.begin(), stopped.end(),
                      [](const std::string& l) { return l.find("more journeys than lint plays") != std::string::npos; }));
    CHECK(!has(stopped, unshown));
}
