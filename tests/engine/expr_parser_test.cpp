#include "engine/expr_parser.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace frontdesk;

namespace {
// The tree in prefix form, to compare shapes.
std::string shape(const expr_ast& ast, int i) {
    const auto& n = ast.at(i);
    switch (n.kind) {
        case node_kind::literal: return display_text(n.literal);
        case node_kind::name: return n.name;
        case node_kind::list:
        case node_kind::call:
        case node_kind::unary:
        case node_kind::binary: {
            std::string out = "(" + (n.kind == node_kind::list ? std::string("list")
                                     : n.kind == node_kind::call ? n.name
                                                                 : std::string(token_description(n.op)));
            for (int k : n.kids) out += " " + shape(ast, k);
            return out + ")";
        }
    }
    return "?";
}
std::string parse_shape(const char* source) {
    auto ast = parse_expression(source);
    if (!ast) return "error " + ast.err().where + ": " + ast.err().message;
    return shape(*ast, ast->root);
}
}  // namespace

TEST_CASE("precedence: not, and, or, comparison over arithmetic, left associative") {
    CHECK(parse_shape("a or b and not c") == "('or' a ('and' b ('not' c)))");
    CHECK(parse_shape("1 + 2 * 3 = 7") == "('=' ('+' 1 ('*' 2 3)) 7)");
    CHECK(parse_shape("8 - 4 - 2") == "('-' ('-' 8 4) 2)");
    CHECK(parse_shape("-x * 2") == "('*' ('-' x) 2)");
    CHECK(parse_shape("not a = b") == "('not' ('=' a b))");
    CHECK(parse_shape("x in ['a', 'b']") == "('in' x (list a b))");
    CHECK(parse_shape("if(a, 1, f())") == "(if a 1 (f))");
}

TEST_CASE("deep nesting and long sources are refused, not a stack overflow") {
    std::string deep(5000, '(');
    CHECK(parse_shape(deep.c_str()).rfind("error", 0) == 0);
    std::string nested;
    for (int i = 0; i < 40; ++i) nested += "not ";
    nested += "true";
    CHECK(parse_shape(nested.c_str()).find("nested too deeply") != std::string::npos);
    std::string ok;
    for (int i = 0; i < 20; ++i) ok += "(";
    ok += "1";
    for (int i = 0; i < 20; ++i) ok += ")";
    CHECK(parse_shape(ok.c_str()) == "1");
}

TEST_CASE("the first error is reported with its place") {
    CHECK(parse_shape("a and") == "error 1:6: expected a value, a name or '(', not the end");
    CHECK(parse_shape("f(1,") == "error 1:5: expected a value, a name or '(', not the end");
    CHECK(parse_shape("[1, 2") == "error 1:6: expected ']' to close the list, not the end");
    CHECK(parse_shape("") == "error 1:1: expected a value, a name or '(', not the end");
}
