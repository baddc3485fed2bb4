#include "engine/expr_eval.hpp"

#include <algorithm>

namespace frontdesk {
namespace {

__extension__ typedef __int128 wide;

struct failure {
    const char* message = nullptr;
};

value number_or_fail(wide n, failure& f) {
    if (n > largest_number || n < -largest_number) {
        f.message = "a number is too large";
        return {};
    }
    return value::number(static_cast<std::int64_t>(n));
}

bool any_unanswered(const value& a, const value& b) { return !a.answered() || !b.answered(); }

// Order of two values of the same kind: -1, 0 or 1.
int compare(const value& a, const value& b) {
    switch (a.kind) {
        case value_kind::text: return a.s < b.s ? -1 : a.s == b.s ? 0 : 1;
        case value_kind::list: {
            const std::size_t n = std::min(a.items.size(), b.items.size());
            for (std::size_t i = 0; i < n; ++i) {
                if (int c = compare(a.items[i], b.items[i])) return c;
            }
            return a.items.size() < b.items.size() ? -1 : a.items.size() == b.items.size() ? 0 : 1;
        }
        default: return a.n < b.n ? -1 : a.n == b.n ? 0 : 1;
    }
}

value lower_upper(const value& v, bool upper) {
    if (!v.answered()) return {};
    std::string s = v.s;
    for (char& c : s) {
        if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return value::text(std::move(s));
}

std::string trimmed(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r')) ++a;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n' || s[b - 1] == '\r')) --b;
    return std::string(s.substr(a, b - a));
}

// The outward code of a UK postcode ("SW1A 2JR" -> "SW1A"), upper case.
std::string outward_code(std::string_view postcode) {
    std::string compact;
    for (char c : postcode) {
        if (c == ' ') continue;
        compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (compact.size() < 5) return compact;
    return compact.substr(0, compact.size() - 3);
}

std::int64_t whole_years_between(std::int64_t from, std::int64_t to) {
    std::int64_t y1 = 0, y2 = 0;
    unsigned m1 = 0, d1 = 0, m2 = 0, d2 = 0;
    civil_from_days(from, y1, m1, d1);
    civil_from_days(to, y2, m2, d2);
    std::int64_t years = y2 - y1;
    if (m2 < m1 || (m2 == m1 && d2 < d1)) --years;
    return years;
}

value call(function_id fn, value* args, std::size_t argc, const eval_context& ctx, failure& f) {
    auto& a = args[0];
    switch (fn) {
        case function_id::count: {
            std::int64_t n = 0;
            for (const auto& item : a.items) n += item.answered() ? 1 : 0;
            return value::whole(n);
        }
        case function_id::contains:
            if (a.kind == value_kind::list) {
                return value::boolean(std::find(a.items.begin(), a.items.end(), args[1]) != a.items.end());
            }
            if (any_unanswered(a, args[1])) return {};
            return value::boolean(a.s.find(args[1].s) != std::string::npos);
        case function_id::any:
            return value::boolean(std::any_of(a.items.begin(), a.items.end(), [](const value& v) { return v.is_true(); }));
        case function_id::all:
            return value::boolean(std::all_of(a.items.begin(), a.items.end(), [](const value& v) { return v.is_true(); }));
        case function_id::today: return value::date(ctx.today());
        case function_id::age_on:
            if (any_unanswered(a, args[1])) return {};
            return value::whole(whole_years_between(a.n, args[1].n));
        case function_id::days_between:
            if (any_unanswered(a, args[1])) return {};
            return value::whole(args[1].n - a.n);
        case function_id::lower: return lower_upper(a, false);
        case function_id::upper: return lower_upper(a, true);
        case function_id::trim: return a.answered() ? value::text(trimmed(a.s)) : value{};
        case function_id::length: {
            if (!a.answered()) return {};
            std::int64_t n = 0;
            for (char c : a.s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            return value::whole(n);
        }
        case function_id::starts_with:
            if (any_unanswered(a, args[1])) return {};
            return value::boolean(a.s.compare(0, args[1].s.size(), args[1].s) == 0);
        case function_id::coalesce:
            for (std::size_t i = 0; i < argc; ++i) {
                if (args[i].answered()) return std::move(args[i]);
            }
            return {};
        case function_id::if_: return a.is_true() ? std::move(args[1]) : std::move(args[2]);
        case function_id::answered: return value::boolean(a.answered());
        case function_id::date:
            if (argc == 1) {
                if (!a.answered()) return {};
                if (auto d = parse_iso_date(a.s)) return value::date(*d);
                f.message = "a date must be written YYYY-MM-DD";
                return {};
            } else {
                for (std::size_t i = 0; i < 3; ++i) {
                    if (!args[i].answered()) return {};
                    if (args[i].n % number_scale != 0) {
                        f.message = "a date's year, month and day are whole numbers";
                        return {};
                    }
                }
                const auto y = args[0].n / number_scale, m = args[1].n / number_scale, d = args[2].n / number_scale;
                if (m < 1 || m > 12 || d < 1 || d > 31 || !is_valid_date(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) {
                    f.message = "there is no such date";
                    return {};
                }
                return value::date(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
            }
        case function_id::year:
        case function_id::month: {
            if (!a.answered()) return {};
            std::int64_t y = 0;
            unsigned m = 0, d = 0;
            civil_from_days(a.n, y, m, d);
            return value::whole(fn == function_id::year ? y : m);
        }
        case function_id::district: return a.answered() ? value::text(outward_code(a.s)) : value{};
        case function_id::lookup:
            if (any_unanswered(a, args[1])) return {};
            return ctx.lookup(a.s, args[1].s);
        case function_id::sum: {
            // Entries with no answer add nothing: "the value of what was stolen" over items whose value is not known.
            wide total = 0;
            for (const auto& item : a.items) {
                if (item.answered()) total += item.n;
            }
            return number_or_fail(total, f);
        }
        case function_id::min:
        case function_id::max: {
            value best;
            for (std::size_t i = 0; i < argc; ++i) {
                if (!args[i].answered()) return {};
                if (!best.answered() || (fn == function_id::min ? args[i].n < best.n : args[i].n > best.n)) best = args[i];
            }
            return best;
        }
    }
    return {};
}

value binary(opcode op, value& a, value& b, failure& f) {
    switch (op) {
        case opcode::logical_and:
            // Kleene logic: false wins over unanswered.
            if ((a.answered() && !a.is_true()) || (b.answered() && !b.is_true())) return value::boolean(false);
            if (any_unanswered(a, b)) return {};
            return value::boolean(true);
        case opcode::logical_or:
            if (a.is_true() || b.is_true()) return value::boolean(true);
            if (any_unanswered(a, b)) return {};
            return value::boolean(false);
        default: break;
    }
    if (any_unanswered(a, b)) return {};
    switch (op) {
        case opcode::equal: return value::boolean(a.kind == b.kind && compare(a, b) == 0);
        case opcode::not_equal: return value::boolean(!(a.kind == b.kind && compare(a, b) == 0));
        case opcode::less: return value::boolean(compare(a, b) < 0);
        case opcode::less_equal: return value::boolean(compare(a, b) <= 0);
        case opcode::greater: return value::boolean(compare(a, b) > 0);
        case opcode::greater_equal: return value::boolean(compare(a, b) >= 0);
        case opcode::in: return value::boolean(std::find(b.items.begin(), b.items.end(), a) != b.items.end());
        case opcode::add:
            if (a.kind == value_kind::text) return value::text(a.s + b.s);
            if (a.kind == value_kind::date) {
                const wide days = static_cast<wide>(a.n) + b.n / number_scale;
                if (days < -1000000 || days > 3000000) {
                    f.message = "a date is out of range";
                    return {};
                }
                return value::date(static_cast<std::int64_t>(days));
            }
            return number_or_fail(static_cast<wide>(a.n) + b.n, f);
        case opcode::subtract:
            if (a.kind == value_kind::date && b.kind == value_kind::date) return value::whole(a.n - b.n);
            if (a.kind == value_kind::date) {
                const wide days = static_cast<wide>(a.n) - b.n / number_scale;
                if (days < -1000000 || days > 3000000) {
                    f.message = "a date is out of range";
                    return {};
                }
                return value::date(static_cast<std::int64_t>(days));
            }
            return number_or_fail(static_cast<wide>(a.n) - b.n, f);
        case opcode::multiply: return number_or_fail(static_cast<wide>(a.n) * b.n / number_scale, f);
        case opcode::divide:
            if (b.n == 0) {
                f.message = "dividing by zero";
                return {};
            }
            return number_or_fail(static_cast<wide>(a.n) * number_scale / b.n, f);
        default: return {};
    }
}

}  // namespace

bool is_constant_program(const program& p) {
    for (const auto& i : p.code) {
        if (i.op == opcode::answer || i.op == opcode::calculation || i.op == opcode::each) return false;
        if (i.op == opcode::call && static_cast<function_id>(i.arg & 0xFF) == function_id::today) return false;
    }
    return true;
}

namespace {

// The checker never nests `each`; a damaged image might, so the depth is bounded.
constexpr int deepest_each = 4;

value run(const program& p, std::size_t begin, std::size_t end, const eval_context& ctx, std::string* problem, int depth) {
    std::vector<value> stack;
    stack.reserve(8);
    failure f;
    auto fail = [&](const char* message) {
        if (problem) *problem = message;
        return value{};
    };
    // A step that cannot be done gives unanswered and the program goes on, so
    // that if(x = 0, 0, 10 / x) still has a value; the first problem is kept.
    auto note = [&](failure& step) {
        if (step.message && problem && problem->empty()) *problem = step.message;
        step.message = nullptr;
    };
    for (std::size_t pc = begin; pc < end; ++pc) {
        const instruction& i = p.code[pc];
        switch (i.op) {
            case opcode::constant:
                if (i.arg >= p.constants.size()) return fail("a damaged program");
                stack.push_back(p.constants[i.arg]);
                break;
            case opcode::answer: stack.push_back(ctx.answer(i.arg)); break;
            case opcode::calculation: stack.push_back(ctx.calculation(i.arg)); break;
            case opcode::negate:
            case opcode::logical_not: {
                if (stack.empty()) return fail("a damaged program");
                value& v = stack.back();
                if (!v.answered()) break;
                if (i.op == opcode::negate) v = value::number(-v.n);
                else v = value::boolean(!v.is_true());
                break;
            }
            case opcode::make_list: {
                if (i.arg > stack.size()) return fail("a damaged program");
                std::vector<value> items(std::make_move_iterator(stack.end() - i.arg), std::make_move_iterator(stack.end()));
                stack.resize(stack.size() - i.arg);
                stack.push_back(value::list(std::move(items)));
                break;
            }
            case opcode::each: {
                const std::uint32_t group = i.arg & 0xFFFF;
                const std::size_t length = i.arg >> 16;
                if (length == 0 || length > end - pc - 1 || depth >= deepest_each) return fail("a damaged program");
                std::vector<value> items;
                const std::uint32_t entries = ctx.entries(group);
                for (std::uint32_t entry = 1; entry <= entries; ++entry) {
                    const std::uint32_t before = ctx.focus(group, entry);
                    items.push_back(run(p, pc + 1, pc + 1 + length, ctx, problem, depth + 1));
                    ctx.focus(group, before);
                }
                stack.push_back(value::list(std::move(items)));
                pc += length;
                break;
            }
            case opcode::call: {
                const auto fn = static_cast<function_id>(i.arg & 0xFF);
                const std::size_t argc = i.arg >> 8;
                if (argc > stack.size() || fn > last_function) return fail("a damaged program");
                // Room for three arguments even when fewer were passed: today() reads none.
                const std::size_t base = stack.size() - argc;
                stack.resize(std::max(stack.size(), base + 3));
                value out = call(fn, stack.data() + base, argc, ctx, f);
                note(f);
                stack.resize(base);
                stack.push_back(std::move(out));
                break;
            }
            default: {
                if (stack.size() < 2) return fail("a damaged program");
                value b = std::move(stack.back());
                stack.pop_back();
                value& a = stack.back();
                a = binary(i.op, a, b, f);
                note(f);
                break;
            }
        }
    }
    if (stack.size() != 1) return fail("a damaged program");
    return std::move(stack.back());
}

}  // namespace

value evaluate(const program& p, const eval_context& ctx, std::string* problem) {
    return run(p, 0, p.code.size(), ctx, problem, 0);
}

}  // namespace frontdesk
