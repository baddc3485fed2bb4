#include "engine/messages.hpp"

#include <doctest/doctest.h>

using namespace frontdesk;

TEST_CASE("the engine's English words name the question, with a capital where a sentence starts") {
    CHECK(engine_message({}, engine_text::enter, "your name") == "Enter your name");
    CHECK(engine_message({}, engine_text::real_date, "the date it was taken") == "The date it was taken must be a real date");
    CHECK(engine_message({}, engine_text::at_most, "the value", "\xc2\xa3" "10") == "The value must be \xc2\xa3" "10 or less");
    CHECK(engine_message({}, engine_text::yes) == "Yes");
    CHECK(month_name({}, 11, true) == "November");
    CHECK(month_name({}, 1, false) == "January");
}

TEST_CASE("another language's words come from the form, in the order of engine_text") {
    engine_words words(engine_text_count, "?");
    words[static_cast<std::size_t>(engine_text::select)] = "Dewiswch {n}";
    words[static_cast<std::size_t>(engine_text::month_with_day) + 2] = "Mawrth";
    CHECK(engine_message(words, engine_text::select, "liw") == "Dewiswch liw");
    CHECK(month_name(words, 3, true) == "Mawrth");
    // Too few words (a damaged list) falls back to English, never past the end.
    CHECK(engine_message(engine_words{"x"}, engine_text::no) == "No");
}
