#include "engine/json_writer.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "engine/encoding.hpp"

using namespace frontdesk;

TEST_CASE("the writer nests objects and arrays with commas in the right places") {
    json_writer w;
    w.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).begin_object().end_object();
    w.end_array().key("c").begin_object().key("d").value(false).end_object().end_object();
    CHECK(w.str() == R"({"a":1,"b":["x",true,{}],"c":{"d":false}})");
}

TEST_CASE("strings are escaped exactly as nlohmann/json dumps them") {
    const std::string tricky = std::string("quote\" slash\\ tab\t nl\n cr\r bs\b ff\f nul") + '\0' + "\x1f é 🚲";
    json_writer w;
    w.value(tricky);
    CHECK(w.str() == nlohmann::json(tricky).dump());
}

TEST_CASE("the next character to escape is found wherever it falls in a word of eight") {
    // Bytes at and beside the ones that matter, high bytes of UTF-8 among them
    // (0xA2 and 0xDC are a quote and a backslash with the top bit set).
    const std::string alphabet = std::string("\x00\x01\x1f\x20\x21\x22\x23\x5b\x5c\x5d\x7f\x80\xa2\xdc\xff", 15) + "abcdefgh";
    std::mt19937 random(2811);
    for (int trial = 0; trial < 20000; ++trial) {
        std::string s(random() % 40, 'a');
        // Mostly plain, with a few of the others anywhere.
        for (auto& c : s) {
            if (random() % 8 == 0) c = alphabet[random() % alphabet.size()];
        }
        const std::size_t from = s.empty() ? 0 : random() % (s.size() + 1);
        std::size_t expected = from;
        while (expected < s.size() && static_cast<unsigned char>(s[expected]) >= 0x20 && s[expected] != '"' &&
               s[expected] != '\\') {
            ++expected;
        }
        REQUIRE_MESSAGE(next_to_escape(s, from) == expected, "from ", from, " in ", to_hex(reinterpret_cast<const unsigned char*>(s.data()), s.size()));
    }
    CHECK(next_to_escape("") == 0);
    CHECK(next_to_escape("0123456789abcdef\"") == 16);
    CHECK(next_to_escape("0123456789abcdef", 3) == 16);
}
