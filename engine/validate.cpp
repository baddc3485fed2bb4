#include "engine/validate.hpp"

#include "engine/answer.hpp"
#include "engine/messages.hpp"

#include <algorithm>
#include <cctype>

namespace frontdesk {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Outward codes have the shapes A9, A99, AA9, AA99, A9A and AA9A.
bool is_outward_code(std::string_view s) {
    const auto n = s.size();
    if (n < 2 || n > 4 || !is_alpha(s[0])) return false;
    std::string shape;
    for (char c : s) shape += is_alpha(c) ? 'A' : is_digit(c) ? '9' : '?';
    return shape == "A9" || shape == "A99" || shape == "AA9" || shape == "AA99" || shape == "A9A" ||
           shape == "AA9A";
}

}  // namespace

std::string normalise_answer(std::string_view raw) {
    std::size_t first = 0;
    std::size_t last = raw.size();
    while (first < last && is_space(raw[first])) ++first;
    while (last > first && is_space(raw[last - 1])) --last;
    return std::string(raw.substr(first, last - first));
}

std::size_t count_characters(std::string_view utf8) {
    // Count the bytes that start a character, i.e. are not UTF-8 continuations.
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool is_uk_postcode(std::string_view text) {
    std::string compact;
    for (char c : text) {
        if (c != ' ') compact += c;
    }
    // The inward code is always a digit and two letters.
    if (compact.size() < 5 || compact.size() > 7) return false;
    const std::string_view inward = std::string_view(compact).substr(compact.size() - 3);
    if (!is_digit(inward[0]) || !is_alpha(inward[1]) || !is_alpha(inward[2])) return false;
    return is_outward_code(std::string_view(compact).substr(0, compact.size() - 3));
}

bool is_email_address(std::string_view text) {
    const auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    if (std::any_of(text.begin(), text.end(), [](char c) { return is_space(c); })) return false;
    const std::string_view domain = text.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
           domain.find("..") == std::string_view::npos;
}

bool is_uk_phone_number(std::string_view text) {
    std::string digits;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_digit(c)) digits += c;
        else if (c == '+' && i == 0) continue;
        else if (c != ' ' && c != '-' && c != '(' && c != ')') return false;
    }
    if (text.starts_with("+")) {
        if (!digits.starts_with("44")) return false;
        digits = "0" + digits.substr(2);
        if (digits.starts_with("00")) digits.erase(0, 1);  // +44 (0)20 …
    }
    return (digits.size() == 10 || digits.size() == 11) && digits[0] == '0';
}

bool is_vehicle_registration(std::string_view text) {
    std::size_t letters = 0, digits = 0;
    for (char c : text) {
        if (c == ' ') continue;
        if (is_alpha(c)) ++letters;
        else if (is_digit(c)) ++digits;
        else return false;
    }
    const auto n = letters + digits;
    return n >= 2 && n <= 7 && letters > 0 && digits > 0;
}

namespace {

std::string name_of(const question& q) { return q.name.empty() ? q.label : q.name; }

std::string either(const std::string& authors, std::string fallback) {
    return authors.empty() ? std::move(fallback) : authors;
}

std::string format_message(const question& q, answer_problem p, const engine_words& words) {
    auto engine = [&](engine_text t) { return either(q.format_message, engine_message(words, t, name_of(q))); };
    answer_format format = q.format;
    switch (q.type) {
        case question_type::email: format = answer_format::email; break;
        case question_type::phone: format = answer_format::uk_phone; break;
        case question_type::postcode: format = answer_format::uk_postcode; break;
        case question_type::registration: format = answer_format::vehicle_registration; break;
        case question_type::number: return engine(engine_text::whole_number);
        case question_type::decimal: return engine(engine_text::decimal_number);
        case question_type::money: return engine(engine_text::money);
        case question_type::date:
            if (p == answer_problem::incomplete) {
                return engine(q.approximate ? engine_text::month_year_incomplete : engine_text::date_incomplete);
            }
            return engine(engine_text::real_date);
        case question_type::time: return engine(engine_text::real_time);
        case question_type::address:
            return engine(p == answer_problem::incomplete ? engine_text::address_incomplete : engine_text::postcode);
        default: break;
    }
    switch (format) {
        case answer_format::email: return engine(engine_text::email);
        case answer_format::uk_phone: return engine(engine_text::phone);
        case answer_format::uk_postcode: return engine(engine_text::postcode);
        case answer_format::vehicle_registration: return engine(engine_text::registration);
        case answer_format::none: break;
    }
    return engine(engine_text::bad_format);
}

std::string limit_text(const question& q, std::int64_t limit, const engine_words& words) {
    if (q.type == question_type::date) return long_date(limit, true, words);
    if (q.type == question_type::money) return "\xc2\xa3" + number_text(limit);
    return number_text(limit);
}

// A chosen file: not empty, smaller than the limit, one of the types
// accepted (by its name's ending, as the browser's file picker offers them).
// The size and type messages are written when the form loads (the author's
// or the engine's, in each language: engine_file_messages), so the browser's
// engine only picks one.
std::optional<std::string> file_message(const question& q, const parsed_answer& a, const engine_words& words) {
    const auto file = parse_file_reference(a.canonical);
    if (!file) return std::nullopt;  // parse_answer made it: cannot happen
    if (file->size == 0) return engine_message(words, engine_text::file_empty);
    if (file->size >= q.max_bytes) return q.max_message;
    if (!accepts_file_name(q, file->name)) return q.format_message;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> check_answer(const question& q, std::string_view answer, const engine_words& words) {
    if (!q.asks()) return std::nullopt;
    const parsed_answer a = parse_answer(q, answer);
    if (a.problem == answer_problem::missing) {
        if (q.required) {
            return either(q.required_message,
                          engine_message(words, q.choices.empty() ? engine_text::enter : engine_text::select, name_of(q)));
        }
        return std::nullopt;
    }
    if (q.max_length > 0 && count_characters(answer) > q.max_length) return q.max_length_message;
    switch (a.problem) {
        case answer_problem::none: break;
        case answer_problem::not_option: return either(q.required_message, engine_message(words, engine_text::select, name_of(q)));
        default: return format_message(q, a.problem, words);
    }
    if (q.type == question_type::file) return file_message(q, a, words);
    const bool ranged = a.typed.kind == value_kind::number || a.typed.kind == value_kind::date;
    const bool date = q.type == question_type::date;
    if (ranged && q.min && a.typed.n < *q.min) {
        return either(q.min_message, engine_message(words, date ? engine_text::date_from : engine_text::at_least,
                                                    name_of(q), limit_text(q, *q.min, words)));
    }
    if (ranged && q.max && a.typed.n > *q.max) {
        return either(q.max_message, engine_message(words, date ? engine_text::date_until : engine_text::at_most,
                                                    name_of(q), limit_text(q, *q.max, words)));
    }
    return std::nullopt;
}

}  // namespace frontdesk
