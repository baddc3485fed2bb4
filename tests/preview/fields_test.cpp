#include "preview/fields.hpp"

#include <doctest/doctest.h>

using namespace frontdesk;
using namespace frontdesk::preview;

TEST_CASE("each question type has its kind of field") {
    question q;
    q.type = question_type::money;
    CHECK(field_of(q) == field_kind::line);
    CHECK(std::string(field_prefix(q)) == "\xc2\xa3");
    q.type = question_type::yes_no;
    CHECK(field_of(q) == field_kind::choose_one);
    CHECK(options_of(q).size() == 2);
    CHECK(options_of(q)[0].value == "yes");
    q.type = question_type::date;
    CHECK(field_of(q) == field_kind::date_parts);
    q.type = question_type::content;
    CHECK(field_of(q) == field_kind::none);
}

TEST_CASE("parts of an answer split on new lines and join back") {
    CHECK(split_parts("1 High Street\n\nLondon\nNW1 2DB", 4) == std::vector<std::string>{"1 High Street", "", "London", "NW1 2DB"});
    CHECK(split_parts("a", 4) == std::vector<std::string>{"a", "", "", ""});
    CHECK(split_parts("a\nb\nc", 2) == std::vector<std::string>{"a", "b\nc"});
    CHECK(split_parts("a\nb\nc", 0) == std::vector<std::string>{"a", "b", "c"});
    CHECK(join_parts({"a", "", "c", ""}) == "a\n\nc\n");
    CHECK(join_parts({"", "", ""}).empty());
}

TEST_CASE("a date's three boxes read from and write to its answer") {
    CHECK(date_parts("27/11/2026") == std::vector<std::string>{"27", "11", "2026"});
    CHECK(date_parts("2026-11-27") == std::vector<std::string>{"27", "11", "2026"});
    CHECK(date_parts("/11/2026") == std::vector<std::string>{"", "11", "2026"});
    CHECK(date_parts("") == std::vector<std::string>{"", "", ""});
    CHECK(date_raw({"", "11", "2026"}) == "/11/2026");
    CHECK(date_raw({"", "", ""}).empty());
}

TEST_CASE("ticking boxes keeps the options' order") {
    question q;
    q.type = question_type::checkboxes;
    q.choices = {{"phone", "Phone"}, {"bike", "Bike"}, {"other", "Other"}};
    std::string raw = tick(q, "", "other", true);
    raw = tick(q, raw, "phone", true);
    CHECK(raw == "phone\nother");
    CHECK(is_ticked(raw, "other"));
    CHECK_FALSE(is_ticked(raw, "bike"));
    CHECK(tick(q, raw, "phone", false) == "other");
    CHECK(tick(q, "other", "other", false).empty());
}

TEST_CASE("a file field edits the file's name, and the answer names a pretend file the engine accepts") {
    question q;
    q.type = question_type::file;
    const std::string raw = pretend_file("car.png");
    CHECK(raw == std::string(64, '0') + "\n1\ncar.png");
    CHECK(file_name_of(raw) == "car.png");
    CHECK(pretend_file("").empty());
    CHECK(file_name_of("").empty());
}
