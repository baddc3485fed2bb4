#include "engine/validate.hpp"

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

std::optional<std::string> check_answer(const question& q, std::string_view answer) {
    if (answer.empty()) {
        if (q.required) return q.required_message;
        return std::nullopt;
    }
    if (q.type == question_type::radios) {
        const bool known = std::any_of(q.choices.begin(), q.choices.end(),
                                       [&](const choice& c) { return c.value == answer; });
        if (!known) return q.required_message;
        return std::nullopt;
    }
    if (q.max_length > 0 && count_characters(answer) > q.max_length) return q.max_length_message;
    switch (q.format) {
        case answer_format::uk_postcode:
            if (!is_uk_postcode(answer)) return q.format_message;
            break;
        case answer_format::email:
            if (!is_email_address(answer)) return q.format_message;
            break;
        case answer_format::none:
            break;
    }
    return std::nullopt;
}

}  // namespace frontdesk
