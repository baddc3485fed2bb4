// The expression checker: resolves names, gives every part of an expression
// its type, folds constant parts (so a division by zero or an overflow in a
// constant is an error at load, with its place), and compiles the tree to a
// program for expr_eval. Native only: the browser receives programs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr.hpp"
#include "engine/expr_parser.hpp"
#include "engine/result.hpp"

namespace frontdesk {

struct expr_symbol {
    opcode op = opcode::answer;  // answer or calculation
    std::uint32_t slot = 0;
    value_type type = value_type::any;
};

struct expr_environment {
    std::function<std::optional<expr_symbol>(std::string_view name)> find_name;
    std::function<bool(std::string_view table)> has_table;
    // Repeat groups: a group's number by its id; and a name read inside
    // count/any/all/sum over a group, where that group's questions are read
    // for one entry (tried before find_name).
    std::function<std::optional<std::uint32_t>(std::string_view group)> find_group;
    std::function<std::optional<expr_symbol>(std::string_view name, std::uint32_t group)> find_entry_name;
};

struct compiled_expression {
    program code;
    value_type type = value_type::any;
    std::vector<std::string> names;  // every answer and calculation it reads, in order of first use
};

// error.where is "line:column".
result<compiled_expression> compile_expression(const expr_ast& ast, const expr_environment& env);

// Parses and compiles; when `expected` is not any, the result must have that type.
result<compiled_expression> compile_expression(std::string_view source, const expr_environment& env,
                                               value_type expected = value_type::any);

}  // namespace frontdesk
