// The values and compiled programs of the expression language
// (docs/forms-language.md, "Expressions"). Expressions are parsed and
// type-checked natively (expr_scanner, expr_parser, expr_check) and compiled
// to a small stack program; the program travels in the form image and is run
// by expr_eval in both places, so the browser needs no parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frontdesk {

// Numbers are exact decimals: an integer count of ten-thousandths. Money in
// pence, whole numbers and decimals of up to four places are all exact, and
// the same arithmetic gives the same bits natively and in WebAssembly.
inline constexpr std::int64_t number_scale = 10000;
// The largest magnitude a number may have, in ten-thousandths: 9 × 10^14 units,
// far beyond any amount a form asks about, and far from int64 overflow.
inline constexpr std::int64_t largest_number = 900000000000000LL * number_scale;

enum class value_kind : std::uint8_t { unanswered, boolean, number, text, date, list };

struct value {
    value_kind kind = value_kind::unanswered;
    std::int64_t n = 0;  // boolean 0/1; number in ten-thousandths; date in days since 1970-01-01
    std::string s;       // text
    std::vector<value> items;  // list

    static value none() { return {}; }
    static value boolean(bool b) { return {value_kind::boolean, b ? 1 : 0, {}, {}}; }
    static value number(std::int64_t scaled) { return {value_kind::number, scaled, {}, {}}; }
    static value whole(std::int64_t n) { return number(n * number_scale); }
    static value text(std::string t) { return {value_kind::text, 0, std::move(t), {}}; }
    static value date(std::int64_t days) { return {value_kind::date, days, {}, {}}; }
    static value list(std::vector<value> v) { return {value_kind::list, 0, {}, std::move(v)}; }

    bool answered() const { return kind != value_kind::unanswered; }
    bool is_true() const { return kind == value_kind::boolean && n != 0; }
    bool operator==(const value&) const = default;
};

// The static types the checker gives expressions.
enum class value_type : std::uint8_t {
    any,  // not known: an error was reported, or an empty list
    boolean,
    number,
    text,
    date,
    boolean_list,
    number_list,
    text_list,
    date_list,
};
const char* type_name(value_type t);
value_type list_of(value_type element);
value_type element_of(value_type list);  // any when not a list

// Calendar dates, proleptic Gregorian.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
void civil_from_days(std::int64_t days, std::int64_t& y, unsigned& m, unsigned& d);
bool is_valid_date(std::int64_t y, unsigned m, unsigned d);
// "YYYY-MM-DD"
std::optional<std::int64_t> parse_iso_date(std::string_view s);
std::string iso_date(std::int64_t days);

// Exact decimal text: "12", "-3.5", "0.0001". Parses at most four decimal places.
std::optional<std::int64_t> parse_number(std::string_view s);
std::string number_text(std::int64_t scaled);

// How a value is shown or stored: numbers as number_text, dates as ISO,
// booleans as yes/no, lists joined by ", ", unanswered as "".
std::string display_text(const value& v);

enum class opcode : std::uint8_t {
    constant,     // push constants[arg]
    answer,       // push the answer of question slot arg (unanswered when off the path)
    calculation,  // push calculated value arg
    negate, logical_not,
    logical_and, logical_or,
    equal, not_equal, less, less_equal, greater, greater_equal, in,
    add, subtract, multiply, divide,
    make_list,    // pop arg values, push a list of them
    call,         // arg = function id | argument count << 8
    // arg = repeat group | body length << 16: runs the next `body length`
    // instructions once per entry of the group, each seeing that entry's
    // answers, and pushes the list of their values.
    each,
};
inline constexpr auto last_opcode = opcode::each;

enum class function_id : std::uint8_t {
    count, contains, any, all, today, age_on, days_between, lower, upper, length, coalesce,
    if_, answered, date, year, month, district, lookup, min, max, trim, starts_with, sum,
};
inline constexpr auto last_function = function_id::sum;

struct instruction {
    opcode op = opcode::constant;
    std::uint32_t arg = 0;
};

struct program {
    std::vector<instruction> code;
    std::vector<value> constants;
    bool empty() const { return code.empty(); }
};

}  // namespace frontdesk
