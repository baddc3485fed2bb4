#include "engine/expr_check.hpp"

#include <doctest/doctest.h>

using namespace frontdesk;

namespace {
expr_environment env() {
    expr_environment e;
    e.find_name = [](std::string_view name) -> std::optional<expr_symbol> {
        if (name == "kind") return expr_symbol{opcode::answer, 3, value_type::text};
        if (name == "value") return expr_symbol{opcode::calculation, 1, value_type::number};
        return std::nullopt;
    };
    return e;
}
}  // namespace

TEST_CASE("names resolve to answer and calculation slots and are listed") {
    auto c = compile_expression("kind = 'hate' or value > 1000", env());
    REQUIRE(c);
    CHECK(c->type == value_type::boolean);
    CHECK(c->names == std::vector<std::string>{"kind", "value"});
    CHECK(c->code.code[0].op == opcode::answer);
    CHECK(c->code.code[0].arg == 3);
}

TEST_CASE("the expected type is checked at the root") {
    auto c = compile_expression("kind", env(), value_type::boolean);
    REQUIRE(!c);
    CHECK(c.err().where == "1:1");
    CHECK(c.err().message == "this must be yes/no, not text");
}

TEST_CASE("constant parts fold and unused constants are dropped") {
    auto c = compile_expression("value * (60 * 60)", env());
    REQUIRE(c);
    CHECK(c->code.code.size() == 3);
    CHECK(c->code.constants.size() == 1);
    CHECK(c->code.constants[0] == value::whole(3600));
}
