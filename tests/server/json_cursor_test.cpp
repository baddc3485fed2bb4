#include "server/json_cursor.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>

using namespace frontdesk;
using server::json_cursor;

namespace {

std::optional<std::string> string_of(const std::string& text) {
    json_cursor in(text);
    std::string out;
    if (!in.read_string(out) || !in.at_end()) return std::nullopt;
    return out;
}

// The same through the reading that gives a view; it must agree with the
// copying one on every text.
std::optional<std::string> view_of(const std::string& text) {
    json_cursor in(text);
    std::string_view out;
    std::string scratch;
    if (!in.read_string(out, scratch) || !in.at_end()) return std::nullopt;
    return std::string(out);
}

bool whole_value(const std::string& text) {
    json_cursor in(text);
    return in.skip_value() && in.at_end();
}

}  // namespace

TEST_CASE("strings: every escape, surrogate pairs, and nothing raw that JSON forbids") {
    CHECK(string_of(R"("plain")") == "plain");
    CHECK(string_of(R"("a\"b\\c\/d\b\f\n\r\t")") == "a\"b\\c/d\b\f\n\r\t");
    CHECK(string_of(R"("\u00e9\u20AC")") == "\xC3\xA9\xE2\x82\xAC");
    CHECK(string_of(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");
    CHECK(string_of(R"("\u0000")") == std::string(1, '\0'));
    CHECK_FALSE(string_of(R"("\ud83d")"));          // a high surrogate alone
    CHECK_FALSE(string_of(R"("\ude00")"));          // a low surrogate alone
    CHECK_FALSE(string_of(R"("\ud83d\u0041")"));    // not followed by a low one
    CHECK_FALSE(string_of(R"("\x41")"));
    CHECK_FALSE(string_of(R"("\u12")"));
    CHECK_FALSE(string_of("\"tab\there\""));
    CHECK_FALSE(string_of("\"no end"));
    CHECK_FALSE(string_of("'single'"));
    for (const char* text : {R"("plain")", R"("a\"b\\c\/d\b\f\n\r\t")", R"("\u00e9\u20AC")", R"("\ud83d\ude00")",
                             R"("\ud83d")", R"("\x41")", "\"tab\there\"", "\"no end", "'single'", R"("")",
                             R"("a long plain run, then \n an escape")"}) {
        CHECK_MESSAGE(view_of(text) == string_of(text), text);
    }
    // A string with nothing to unescape is not copied: the view is of the text.
    const std::string plain = R"(  "QUJDRA=="  )";
    json_cursor in(plain);
    std::string_view view;
    std::string scratch;
    REQUIRE(in.read_string(view, scratch));
    CHECK(view == "QUJDRA==");
    CHECK(view.data() == plain.data() + 3);
    CHECK(scratch.empty());
}

TEST_CASE("integers: digits only, no leading zeros, within 64 bits") {
    const auto integer = [](const std::string& text) -> std::optional<std::int64_t> {
        json_cursor in(text);
        std::int64_t v = 0;
        if (!in.read_integer(v) || !in.at_end()) return std::nullopt;
        return v;
    };
    CHECK(integer("1") == 1);
    CHECK(integer(" -42 ") == -42);
    CHECK(integer("0") == 0);
    CHECK(integer("9223372036854775807") == INT64_MAX);
    CHECK(integer("-9223372036854775808") == INT64_MIN);
    CHECK_FALSE(integer("9223372036854775808"));
    CHECK_FALSE(integer("99999999999999999999999"));
    CHECK_FALSE(integer("01"));
    CHECK_FALSE(integer("1.0"));
    CHECK_FALSE(integer("1e3"));
    CHECK_FALSE(integer("-"));
    CHECK_FALSE(integer("+1"));
    CHECK_FALSE(integer("\"1\""));
}

TEST_CASE("any value can be skipped, nesting is bounded") {
    CHECK(whole_value(R"({"a":[1,-2.5e+3,true,false,null,{"b":"c"}],"d":{}})"));
    CHECK(whole_value("[]"));
    CHECK_FALSE(whole_value("[1,]"));
    CHECK_FALSE(whole_value(R"({"a":1,})"));
    CHECK_FALSE(whole_value(R"({"a" 1})"));
    CHECK_FALSE(whole_value("[1] [2]"));
    CHECK_FALSE(whole_value("tru"));
    CHECK_FALSE(whole_value("1."));
    CHECK_FALSE(whole_value("00"));
    CHECK_FALSE(whole_value("/* no */ 1"));
    CHECK(whole_value(std::string(32, '[') + std::string(32, ']')));
    CHECK_FALSE(whole_value(std::string(100000, '[') + std::string(100000, ']')));
}

TEST_CASE("the cursor accepts exactly the ASCII JSON that nlohmann/json accepts") {
    const std::vector<std::string> seeds = {
        R"({"attachments":[{"hash":"ab","sealed":"QUJD"}],"form":"bike-theft","key_id":"41ab","sealed":"AAH+/38=","v":1})",
        R"([1,-0.5,2e10,"a\"\\\/\b\f\n\r\t\u0041",true,false,null,{}])",
        R"({"a":{"b":[[],{"c":-12.0E-3}]}})",
    };
    const std::string pieces = "{}[],:\"\\/ .-+0123456789eEabfnrtu\tx";
    std::mt19937 random(1128);
    int accepted = 0;
    for (int i = 0; i < 30000; ++i) {
        std::string text = seeds[random() % seeds.size()];
        for (auto edits = 1 + random() % 3; edits > 0 && !text.empty(); --edits) {
            const std::size_t at = random() % text.size();
            switch (random() % 3) {
                case 0: text[at] = pieces[random() % pieces.size()]; break;
                case 1: text.erase(at, 1); break;
                default: text.insert(at, 1, pieces[random() % pieces.size()]); break;
            }
        }
        bool reference = false;
        try {
            const auto parsed = nlohmann::json::parse(text);
            reference = !parsed.is_discarded();
        } catch (const nlohmann::json::out_of_range&) {
            continue;  // a number too large for a double (2e310): valid JSON all the same
        } catch (const nlohmann::json::parse_error&) {
        }
        accepted += reference ? 1 : 0;
        REQUIRE_MESSAGE(whole_value(text) == reference, text);
    }
    CHECK(accepted > 1000);  // the mutations must keep a fair share of valid texts
}
