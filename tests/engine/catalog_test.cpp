#include "engine/catalog.hpp"

#include <doctest/doctest.h>

using namespace frontdesk;

TEST_CASE("every engine text has a Polish version") {
    const engine_words pl = engine_words_in("pl");
    REQUIRE(pl.size() == engine_text_count);
    for (std::size_t t = 0; t < static_cast<std::size_t>(engine_text::month_with_day); ++t) {
        const auto id = static_cast<engine_text>(t);
        CHECK_MESSAGE(engine_message(pl, id, "x", "1") != engine_message({}, id, "x", "1"), t);
    }
    CHECK(engine_message(pl, engine_text::select, "rodzaj roweru") == "Wybierz: rodzaj roweru");
    CHECK(engine_message(pl, engine_text::whole_number, "liczba osób") == "Liczba osób: wpisz liczbę całkowitą, np. 3");
    CHECK(engine_message(pl, engine_text::date_from, "data", "1 stycznia 2000") == "Data: podaj datę nie wcześniejszą niż 1 stycznia 2000");
    CHECK(engine_message(pl, engine_text::yes) == "Tak");
}

TEST_CASE("Polish months take the genitive after a day") {
    const engine_words pl = engine_words_in("pl");
    CHECK(month_name(pl, 11, true) == "listopada");
    CHECK(month_name(pl, 11, false) == "listopad");
    CHECK(month_name(pl, 1, true) == "stycznia");
    CHECK(month_name(pl, 12, false) == "grudzień");
}

TEST_CASE("English and languages the engine does not speak use the built-in English") {
    CHECK(engine_words_in("en").empty());
    CHECK(engine_words_in("cy").empty());
    CHECK(engine_speaks("pl"));
    CHECK(engine_speaks("en"));
    CHECK(!engine_speaks("cy"));
}
