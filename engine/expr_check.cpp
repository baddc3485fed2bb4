#include "engine/expr_check.hpp"

#include <algorithm>

#include "engine/expr_eval.hpp"

namespace frontdesk {
namespace {

struct function_info {
    const char* name;
    function_id id;
    std::size_t fewest;
    std::size_t most;
};

constexpr function_info functions[] = {
    {"count", function_id::count, 1, 1},       {"contains", function_id::contains, 2, 2},
    {"any", function_id::any, 1, 2},           {"all", function_id::all, 1, 2},
    {"sum", function_id::sum, 1, 2},
    {"today", function_id::today, 0, 0},       {"age_on", function_id::age_on, 2, 2},
    {"days_between", function_id::days_between, 2, 2},
    {"lower", function_id::lower, 1, 1},       {"upper", function_id::upper, 1, 1},
    {"trim", function_id::trim, 1, 1},         {"length", function_id::length, 1, 1},
    {"starts_with", function_id::starts_with, 2, 2},
    {"coalesce", function_id::coalesce, 1, 16}, {"if", function_id::if_, 3, 3},
    {"answered", function_id::answered, 1, 1}, {"date", function_id::date, 1, 3},
    {"year", function_id::year, 1, 1},         {"month", function_id::month, 1, 1},
    {"district", function_id::district, 1, 1}, {"lookup", function_id::lookup, 2, 2},
    {"min", function_id::min, 1, 16},          {"max", function_id::max, 1, 16},
};

const function_info* find_function(std::string_view name) {
    for (const auto& f : functions) {
        if (name == f.name) return &f;
    }
    return nullptr;
}

bool same(value_type a, value_type b) { return a == b || a == value_type::any || b == value_type::any; }
value_type pick(value_type a, value_type b) { return a == value_type::any ? b : a; }
bool is_list(value_type t) { return element_of(t) != value_type::any; }

std::string quoted_type(value_type t) { return std::string(type_name(t)); }

class compiler {
public:
    compiler(const expr_ast& ast, const expr_environment& env) : ast_(ast), env_(env) {}

    result<compiled_expression> run() {
        const value_type t = node(ast_.root);
        if (failed_) return error_;
        compiled_expression out;
        out.code = compact(std::move(code_));
        out.type = t;
        out.names = std::move(names_);
        return out;
    }

private:
    value_type fail(const expr_node& n, std::string message) {
        if (!failed_) {
            failed_ = true;
            error_ = {std::to_string(n.line) + ":" + std::to_string(n.column), std::move(message)};
        }
        return value_type::any;
    }

    void emit(opcode op, std::uint32_t arg = 0) { code_.code.push_back({op, arg}); }

    void emit_constant(value v) {
        code_.constants.push_back(std::move(v));
        emit(opcode::constant, static_cast<std::uint32_t>(code_.constants.size() - 1));
    }

    // Replaces the code emitted since `start` by its value when it reads
    // nothing that changes; a failure there is the author's error.
    void fold(std::size_t start, const expr_node& n) {
        if (failed_ || code_.code.size() - start <= 1) return;
        program part;
        part.constants = code_.constants;
        part.code.assign(code_.code.begin() + static_cast<std::ptrdiff_t>(start), code_.code.end());
        if (!is_constant_program(part)) return;
        for (const auto& i : part.code) {
            // lookup tables are data, not constants of the expression
            if (i.op == opcode::call && static_cast<function_id>(i.arg & 0xFF) == function_id::lookup) return;
        }
        std::string problem;
        value v = evaluate(part, empty_context(), &problem);
        if (!problem.empty()) {
            fail(n, "this always fails: " + problem);
            return;
        }
        code_.code.resize(start);
        emit_constant(std::move(v));
    }

    value_type node(int index) {
        if (failed_ || index < 0) return value_type::any;
        const expr_node& n = ast_.at(index);
        const std::size_t start = code_.code.size();
        value_type t = value_type::any;
        switch (n.kind) {
            case node_kind::literal:
                emit_constant(n.literal);
                return literal_type(n.literal);
            case node_kind::name: return name(n);
            case node_kind::unary: t = unary(n); break;
            case node_kind::binary: t = binary(n); break;
            case node_kind::call: t = call(n); break;
            case node_kind::list: t = list(n); break;
        }
        fold(start, n);
        return t;
    }

    static value_type literal_type(const value& v) {
        switch (v.kind) {
            case value_kind::boolean: return value_type::boolean;
            case value_kind::number: return value_type::number;
            case value_kind::text: return value_type::text;
            case value_kind::date: return value_type::date;
            default: return value_type::any;
        }
    }

    value_type name(const expr_node& n) {
        std::optional<expr_symbol> s;
        if (body_group_ && env_.find_entry_name) s = env_.find_entry_name(n.name, *body_group_);
        if (!s && env_.find_name) s = env_.find_name(n.name);
        if (!s) {
            if (find_function(n.name)) return fail(n, "'" + n.name + "' is a function: write " + n.name + "(…)");
            if (env_.find_group && env_.find_group(n.name)) {
                return fail(n, "'" + n.name + "' is a repeat: use count(" + n.name + "), any(" + n.name + ", …), all(" +
                                   n.name + ", …) or sum(" + n.name + ", …)");
            }
            return fail(n, "there is no question or calculated value '" + n.name + "'");
        }
        if (std::find(names_.begin(), names_.end(), n.name) == names_.end()) names_.push_back(n.name);
        emit(s->op, s->slot);
        return s->type;
    }

    value_type unary(const expr_node& n) {
        const value_type t = node(n.kids[0]);
        if (n.op == token_kind::minus) {
            if (!same(t, value_type::number)) return fail(n, "'-' needs a number, not " + quoted_type(t));
            emit(opcode::negate);
            return value_type::number;
        }
        if (!same(t, value_type::boolean)) return fail(n, "'not' needs a yes/no value, not " + quoted_type(t));
        emit(opcode::logical_not);
        return value_type::boolean;
    }

    value_type binary(const expr_node& n) {
        const value_type a = node(n.kids[0]);
        const value_type b = node(n.kids[1]);
        if (failed_) return value_type::any;
        const std::string op = token_description(n.op);
        const std::string both = quoted_type(a) + " and " + quoted_type(b);
        switch (n.op) {
            case token_kind::kw_and:
            case token_kind::kw_or:
                if (!same(a, value_type::boolean) || !same(b, value_type::boolean)) {
                    return fail(n, op + " needs yes/no values on both sides, not " + both);
                }
                emit(n.op == token_kind::kw_and ? opcode::logical_and : opcode::logical_or);
                return value_type::boolean;
            case token_kind::equal:
            case token_kind::not_equal:
                if (!same(a, b)) return fail(n, op + " compares values of one type, not " + both);
                emit(n.op == token_kind::equal ? opcode::equal : opcode::not_equal);
                return value_type::boolean;
            case token_kind::less:
            case token_kind::less_equal:
            case token_kind::greater:
            case token_kind::greater_equal: {
                const value_type t = pick(a, b);
                if (!same(a, b) || !(t == value_type::number || t == value_type::date || t == value_type::text || t == value_type::any)) {
                    return fail(n, op + " compares two numbers, dates or texts, not " + both);
                }
                emit(n.op == token_kind::less ? opcode::less
                     : n.op == token_kind::less_equal ? opcode::less_equal
                     : n.op == token_kind::greater ? opcode::greater
                                                   : opcode::greater_equal);
                return value_type::boolean;
            }
            case token_kind::kw_in:
                if (b != value_type::any && (!is_list(b) || !same(a, element_of(b)))) {
                    return fail(n, "'in' needs a value and a list of such values, not " + both);
                }
                emit(opcode::in);
                return value_type::boolean;
            case token_kind::plus:
                if (same(a, value_type::number) && same(b, value_type::number)) {
                    emit(opcode::add);
                    return value_type::number;
                }
                if (a == value_type::text && same(b, value_type::text)) {
                    emit(opcode::add);
                    return value_type::text;
                }
                if (a == value_type::date && same(b, value_type::number)) {
                    emit(opcode::add);
                    return value_type::date;
                }
                return fail(n, "'+' adds numbers, joins texts or adds days to a date, not " + both);
            case token_kind::minus:
                if (a == value_type::date && b == value_type::date) {
                    emit(opcode::subtract);
                    return value_type::number;
                }
                if (a == value_type::date && same(b, value_type::number)) {
                    emit(opcode::subtract);
                    return value_type::date;
                }
                if (same(a, value_type::number) && same(b, value_type::number)) {
                    emit(opcode::subtract);
                    return value_type::number;
                }
                return fail(n, "'-' subtracts numbers or dates, not " + both);
            case token_kind::star:
            case token_kind::slash:
                if (!same(a, value_type::number) || !same(b, value_type::number)) {
                    return fail(n, op + " needs numbers on both sides, not " + both);
                }
                if (n.op == token_kind::slash && code_.code.back().op == opcode::constant &&
                    code_.constants[code_.code.back().arg] == value::number(0)) {
                    return fail(n, "this always fails: dividing by zero");
                }
                emit(n.op == token_kind::star ? opcode::multiply : opcode::divide);
                return value_type::number;
            default: return fail(n, "unknown operator " + op);
        }
    }

    value_type list(const expr_node& n) {
        value_type element = value_type::any;
        for (int kid : n.kids) {
            const value_type t = node(kid);
            if (is_list(t)) return fail(ast_.at(kid), "a list holds single values, not lists");
            if (!same(element, t)) {
                return fail(ast_.at(kid), "every item of a list has one type: this is " + quoted_type(t) + ", not " + quoted_type(element));
            }
            element = pick(element, t);
        }
        emit(opcode::make_list, static_cast<std::uint32_t>(n.kids.size()));
        return list_of(element);
    }

    value_type call(const expr_node& n) {
        const function_info* fn = find_function(n.name);
        if (fn == nullptr) return fail(n, "there is no function '" + n.name + "'");
        const std::size_t argc = n.kids.size();
        if (argc < fn->fewest || argc > fn->most) {
            return fail(n, "'" + n.name + "' takes " +
                               (fn->fewest == fn->most ? std::to_string(fn->fewest)
                                                       : std::to_string(fn->fewest) + " to " + std::to_string(fn->most)) +
                               (fn->most == 1 ? " value" : " values") + ", not " + std::to_string(argc));
        }
        const bool over_entries = fn->id == function_id::count || fn->id == function_id::any ||
                                  fn->id == function_id::all || fn->id == function_id::sum;
        if (over_entries && argc >= 1 && env_.find_group) {
            const expr_node& first = ast_.at(n.kids[0]);
            if (first.kind == node_kind::name) {
                if (auto group = env_.find_group(first.name)) return group_call(n, *fn, first.name, *group);
            }
        }
        if (fn->id == function_id::lookup) {
            const expr_node& table = ast_.at(n.kids[0]);
            if (table.kind != node_kind::literal || table.literal.kind != value_kind::text) {
                return fail(table, "the first value of 'lookup' is the name of a table, in quotes");
            }
            if (!env_.has_table || !env_.has_table(table.literal.s)) {
                return fail(table, "there is no lookup table '" + table.literal.s + "'");
            }
        }
        std::vector<value_type> types;
        for (int kid : n.kids) types.push_back(node(kid));
        if (failed_) return value_type::any;
        const value_type result_type = call_type(n, *fn, types);
        if (failed_) return value_type::any;
        emit(opcode::call, static_cast<std::uint32_t>(fn->id) | static_cast<std::uint32_t>(argc << 8));
        return result_type;
    }

    // count(group), any(group, condition), all(group, condition), sum(group, value):
    // the second value is worked out once per entry, as `each` compiles it.
    value_type group_call(const expr_node& n, const function_info& fn, const std::string& group_id, std::uint32_t group) {
        const bool counting = fn.id == function_id::count;
        const std::string usage = counting ? "count(" + group_id + ")"
                                  : fn.id == function_id::sum ? "sum(" + group_id + ", a number or amount of each entry)"
                                                              : n.name + "(" + group_id + ", a condition on each entry)";
        if (n.kids.size() != (counting ? 1u : 2u)) return fail(n, "write " + usage);
        if (body_group_) return fail(n, "count, any, all and sum over a repeat cannot be used inside another one");
        if (group > 0xFFFF) return fail(n, "too many repeats");
        if (std::find(names_.begin(), names_.end(), group_id) == names_.end()) names_.push_back(group_id);
        const std::size_t at = code_.code.size();
        emit(opcode::each);
        body_group_ = group;
        value_type t = value_type::boolean;
        if (counting) emit_constant(value::boolean(true));
        else t = node(n.kids[1]);
        body_group_.reset();
        if (failed_) return value_type::any;
        const value_type want = fn.id == function_id::sum ? value_type::number : value_type::boolean;
        if (!same(t, want)) return fail(ast_.at(n.kids[1]), "'" + n.name + "' needs " + quoted_type(want) + " for each entry here, not " + quoted_type(t));
        const std::size_t length = code_.code.size() - at - 1;
        if (length > 0xFFFF) return fail(n, "this expression is too long");
        code_.code[at].arg = group | static_cast<std::uint32_t>(length << 16);
        emit(opcode::call, static_cast<std::uint32_t>(fn.id) | (1u << 8));
        return counting || fn.id == function_id::sum ? value_type::number : value_type::boolean;
    }

    value_type call_type(const expr_node& n, const function_info& fn, const std::vector<value_type>& t) {
        auto need = [&](std::size_t i, value_type want) {
            if (!same(t[i], want)) fail(ast_.at(n.kids[i]), "'" + n.name + "' needs " + quoted_type(want) + " here, not " + quoted_type(t[i]));
        };
        auto need_list = [&](std::size_t i) {
            if (t[i] != value_type::any && !is_list(t[i])) fail(ast_.at(n.kids[i]), "'" + n.name + "' needs a list here, not " + quoted_type(t[i]));
        };
        switch (fn.id) {
            case function_id::count: need_list(0); return value_type::number;
            case function_id::contains:
                if (t[0] == value_type::text) need(1, value_type::text);
                else {
                    need_list(0);
                    need(1, element_of(t[0]));
                }
                return value_type::boolean;
            case function_id::any:
            case function_id::all:
            case function_id::sum:
                if (t.size() == 2) {
                    fail(ast_.at(n.kids[0]), "'" + n.name + "' with two values needs a repeat first, like " + n.name + "(suspects, …)");
                    return value_type::any;
                }
                if (fn.id == function_id::sum) {
                    need(0, value_type::number_list);
                    return value_type::number;
                }
                need(0, value_type::boolean_list);
                return value_type::boolean;
            case function_id::today: return value_type::date;
            case function_id::age_on:
            case function_id::days_between: need(0, value_type::date); need(1, value_type::date); return value_type::number;
            case function_id::lower:
            case function_id::upper:
            case function_id::trim:
            case function_id::district: need(0, value_type::text); return value_type::text;
            case function_id::length: need(0, value_type::text); return value_type::number;
            case function_id::starts_with: need(0, value_type::text); need(1, value_type::text); return value_type::boolean;
            case function_id::coalesce: {
                value_type out = value_type::any;
                for (std::size_t i = 0; i < t.size(); ++i) {
                    need(i, out);
                    out = pick(out, t[i]);
                }
                return out;
            }
            case function_id::if_:
                need(0, value_type::boolean);
                need(2, t[1]);
                return pick(t[1], t[2]);
            case function_id::answered: return value_type::boolean;
            case function_id::date:
                if (t.size() == 1) need(0, value_type::text);
                else if (t.size() == 3) {
                    for (std::size_t i = 0; i < 3; ++i) need(i, value_type::number);
                } else fail(n, "'date' takes a text like '2024-03-01', or a year, a month and a day");
                return value_type::date;
            case function_id::year:
            case function_id::month: need(0, value_type::date); return value_type::number;
            case function_id::lookup: need(1, value_type::text); return value_type::text;
            case function_id::min:
            case function_id::max:
                for (std::size_t i = 0; i < t.size(); ++i) need(i, value_type::number);
                return value_type::number;
        }
        return value_type::any;
    }

    // Keeps only the constants the folded code still uses.
    static program compact(program p) {
        program out;
        for (auto i : p.code) {
            if (i.op == opcode::constant) {
                out.constants.push_back(std::move(p.constants[i.arg]));
                i.arg = static_cast<std::uint32_t>(out.constants.size() - 1);
            }
            out.code.push_back(i);
        }
        return out;
    }

    const expr_ast& ast_;
    const expr_environment& env_;
    program code_;
    std::vector<std::string> names_;
    std::optional<std::uint32_t> body_group_;  // inside count/any/all/sum over this group
    error error_;
    bool failed_ = false;
};

}  // namespace

result<compiled_expression> compile_expression(const expr_ast& ast, const expr_environment& env) {
    if (ast.root < 0) return error{"1:1", "an expression is needed"};
    return compiler(ast, env).run();
}

result<compiled_expression> compile_expression(std::string_view source, const expr_environment& env, value_type expected) {
    auto ast = parse_expression(source);
    if (!ast) return ast.err();
    auto compiled = compile_expression(*ast, env);
    if (!compiled) return compiled;
    if (expected != value_type::any && !same(compiled->type, expected)) {
        const auto& root = ast->at(ast->root);
        return error{std::to_string(root.line) + ":" + std::to_string(root.column),
                     "this must be " + quoted_type(expected) + ", not " + quoted_type(compiled->type)};
    }
    return compiled;
}

}  // namespace frontdesk
