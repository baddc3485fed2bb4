#include "engine/expr.hpp"

#include <doctest/doctest.h>

using namespace frontdesk;

TEST_CASE("numbers are exact decimals of up to four places") {
    CHECK(parse_number("12") == 120000);
    CHECK(parse_number("-3.5") == -35000);
    CHECK(parse_number("0.0001") == 1);
    CHECK(!parse_number("0.00001"));
    CHECK(!parse_number("1e5"));
    CHECK(!parse_number(""));
    CHECK(!parse_number("."));
    CHECK(!parse_number("1."));
    CHECK(!parse_number("9999999999999999"));
    CHECK(!parse_number("999999999999999"));  // found by the fuzzer: overflowed when scaled
    CHECK(parse_number("900000000000000") == largest_number);
    CHECK(!parse_number("900000000000001"));
    CHECK(number_text(120000) == "12");
    CHECK(number_text(-35000) == "-3.5");
    CHECK(number_text(1) == "0.0001");
    CHECK(number_text(1250) == "0.125");
}

TEST_CASE("dates round-trip through days since 1970") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(parse_iso_date("2024-02-29") == days_from_civil(2024, 2, 29));
    CHECK(!parse_iso_date("2023-02-29"));
    CHECK(!parse_iso_date("2023-13-01"));
    CHECK(!parse_iso_date("2023-1-01"));
    CHECK(iso_date(*parse_iso_date("1999-12-31")) == "1999-12-31");
    for (std::int64_t d = -719000; d < 2900000; d += 997) CHECK(parse_iso_date(iso_date(d)).value_or(-1) == d);
}

TEST_CASE("values display as people read them") {
    CHECK(display_text(value::boolean(true)) == "yes");
    CHECK(display_text(value::whole(3)) == "3");
    CHECK(display_text(value::list({value::text("a"), value::text("b")})) == "a, b");
    CHECK(display_text(value::none()).empty());
}

TEST_CASE("types have names and list types") {
    CHECK(std::string(type_name(value_type::text_list)) == "list of text");
    CHECK(list_of(value_type::number) == value_type::number_list);
    CHECK(element_of(value_type::date_list) == value_type::date);
    CHECK(element_of(value_type::text) == value_type::any);
}
