#include "engine/json_writer.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

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
