// The expression parser: a Pratt parser from tokens to a small tree, kept in
// one vector. The grammar is in docs/forms-language.md ("Grammar"). The first
// error stops the parse (an expression is one line of a form, so there is no
// cascade to suppress); it carries its line and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/expr.hpp"
#include "engine/expr_scanner.hpp"
#include "engine/result.hpp"

namespace frontdesk {

inline constexpr std::size_t largest_expression = 2000;  // characters of source
inline constexpr int deepest_expression = 32;            // nesting of brackets, operators and calls

enum class node_kind : std::uint8_t { literal, name, unary, binary, call, list };

struct expr_node {
    node_kind kind = node_kind::literal;
    token_kind op = token_kind::end;  // unary and binary operators
    value literal;                    // literal
    std::string name;                 // name, or the function of a call
    std::vector<int> kids;            // operands, arguments or items (indexes into nodes)
    int line = 1;
    int column = 1;
};

struct expr_ast {
    std::vector<expr_node> nodes;
    int root = -1;
    const expr_node& at(int i) const { return nodes[static_cast<std::size_t>(i)]; }
};

// error.where is "line:column".
result<expr_ast> parse_expression(std::string_view source);

}  // namespace frontdesk
