#include "engine/expr_scanner.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace frontdesk;

namespace {
std::vector<token> all(std::string_view source) {
    expr_scanner s(source);
    std::vector<token> out;
    for (int i = 0; i < 100; ++i) {
        out.push_back(s.next());
        if (out.back().kind == token_kind::end || out.back().kind == token_kind::error) break;
    }
    return out;
}
}  // namespace

TEST_CASE("tokens point into the source and know their line and column") {
    const auto t = all("age >= 18 and\n  colour = 'Red'");
    REQUIRE(t.size() == 8);
    CHECK(t[0].kind == token_kind::identifier);
    CHECK(t[0].text == "age");
    CHECK(t[1].kind == token_kind::greater_equal);
    CHECK(t[2].kind == token_kind::number);
    CHECK(t[3].kind == token_kind::kw_and);
    CHECK(t[4].line == 2);
    CHECK(t[4].column == 3);
    CHECK(t[6].kind == token_kind::string);
    CHECK(t[6].text == "Red");
    CHECK(t[7].kind == token_kind::end);
}

TEST_CASE("both quotes, == and <> are understood") {
    const auto t = all("\"a\" == 'b' <> c");
    CHECK(t[0].kind == token_kind::string);
    CHECK(t[1].kind == token_kind::equal);
    CHECK(t[3].kind == token_kind::not_equal);
}

TEST_CASE("columns count characters, not bytes") {
    const auto t = all("'é' + x");
    CHECK(t[2].column == 7);
}

TEST_CASE("bad characters and open quotes are errors with a place") {
    auto t = all("a $");
    CHECK(t.back().kind == token_kind::error);
    CHECK(t.back().column == 3);
    t = all("'open");
    CHECK(t.back().kind == token_kind::error);
    CHECK(t.back().text == "this text has no closing quote");
}
