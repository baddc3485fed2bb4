// Forms for tests: the shipped bike theft form, and small inline ones.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "engine/form_json.hpp"

namespace frontdesk::testing {

inline std::string read_source_file(const std::string& relative) {
    std::ifstream in(std::string(FRONTDESK_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << relative);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline form load_form(const std::string& source) {
    auto loaded = load_form_json(source);
    for (const auto& e : loaded.errors) INFO(e.where << ": " << e.message);
    REQUIRE_MESSAGE(loaded.loaded.has_value(), (loaded.errors.empty() ? "" : loaded.errors.front().where + ": " + loaded.errors.front().message));
    return *loaded.loaded;
}

inline form bike_theft_form() { return load_form(read_source_file("forms/bike-theft.json")); }

// Answers that complete the bike theft form.
inline std::map<std::string, std::string> complete_bike_answers() {
    return {{"in_danger", "no"},  {"make", "Raleigh"},  {"colour", "Red"},
            {"postcode", "SW1A 2JR"}, {"name", "Sam Smith"}, {"email", "sam@example.com"}};
}

// Two pages, one team rule: small enough to reason about in a test.
inline const char* routing_form_json = R"json({
  "id": "routing-test",
  "title": "Routing test",
  "pages": [
    {"id": "kind", "title": "Kind", "questions": [
      {"id": "kind", "type": "radios", "label": "What happened?", "required": true,
       "options": [{"value": "hate", "label": "Hate crime"}, {"value": "other", "label": "Something else"}],
       "messages": {"required": "Select what happened"}}],
     "routes": [{"if": "kind = 'hate'", "goto": "hate-details"}],
     "next": "details"},
    {"id": "hate-details", "title": "About it", "questions": [
      {"id": "hate_note", "type": "text", "label": "What was said", "required": true,
       "messages": {"required": "Enter what was said"}}],
     "next": "check-answers"},
    {"id": "details", "title": "Details", "questions": [
      {"id": "note", "type": "textarea", "label": "Tell us more"}],
     "next": "check-answers"}
  ],
  "routing": {
    "rules": [{"if": "kind = 'hate'", "team": "hate-crime-unit", "urgency": "urgent"}],
    "default": {"team": "general", "urgency": "standard"}
  }
})json";

}  // namespace frontdesk::testing

namespace frontdesk::testing {

// The golden tests' form that uses every construct, with its data files.
inline form everything_form() {
    auto loaded = load_form_json(read_source_file("tests/golden/forms/everything.json"), [](const std::string& relative) {
        return std::optional<std::string>(read_source_file("tests/golden/forms/" + relative));
    });
    for (const auto& e : loaded.errors) INFO(e.where << ": " << e.message);
    REQUIRE(loaded.loaded.has_value());
    return *loaded.loaded;
}

// 2026-11-28, the golden tests' today.
inline constexpr std::int64_t golden_today = 20785;

// Answers that complete the everything form (as typed, with array answers joined).
inline std::map<std::string, std::string> complete_everything_answers() {
    return {{"in_danger", "no"},         {"items", "phone\nother"},  {"other_item", "A wallet"},
            {"phone_make", "apple"},     {"stolen_on", "27/11/2026"}, {"stolen_at", "2:30pm"},
            {"noticed_on", "/11/2026"},  {"item_value", "£1,250.5"}, {"how_many", "2"},
            {"postcode", "nw1 2db"},     {"place", "transport"},      {"full_name", "Sam Smith"},
            {"phone", "+44 7700 900982"}, {"home_address", "1 High Street\n\nLondon\nnw12db"},
            {"born_on", "1/2/1990"}};
}

}  // namespace frontdesk::testing

namespace frontdesk::testing {

// The golden tests' form with a repeat: stolen items, 1 to 3 of them, and
// routes on sum, all and any over them.
inline form repeats_form() { return load_form(read_source_file("tests/golden/forms/repeats.json")); }

// Answers for the repeats form with two items, one of them a phone.
inline std::map<std::string, std::string> two_items_answers() {
    return {{"postcode", "SW1A 1AA"},
            {"email", "a@example.com"},
            {"phone_blocked", "yes"},
            {"stolen_items.1.item_name", "Bag"},
            {"stolen_items.1.item_kind", "other"},
            {"stolen_items.2.item_name", "Phone"},
            {"stolen_items.2.item_kind", "phone"},
            {"stolen_items.2.serial", "IMEI1234"}};
}

}  // namespace frontdesk::testing
