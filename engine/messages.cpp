#include "engine/messages.hpp"

#include <iterator>
#include <string_view>

namespace frontdesk {
namespace {

// In the order of engine_text.
constexpr const char* english[] = {
    "Enter {n}",
    "Select {n}",
    "{N} must be a whole number, like 3",
    "{N} must be a number, like 2.5",
    "{N} must be an amount of money, like 12.50",
    "{N} must include a day, a month and a year",
    "{N} must include a month and a year",
    "{N} must be a real date",
    "{N} must be a real time, like 14:30 or 2:30pm",
    "{N} must include the first line, the town and the postcode",
    "Enter a full UK postcode, like SW1A 2JR",
    "Enter an email address in the correct format, like name@example.com",
    "Enter a telephone number, like 01632 960 001 or 07700 900 982",
    "Enter a vehicle registration in the correct format, like AB12 CDE",
    "{N} is not in the right format",
    "{N} must be the same as or after {L}",
    "{N} must be {L} or more",
    "{N} must be the same as or before {L}",
    "{N} must be {L} or less",
    "{N} must be today or in the past",
    "{N} must be today or in the future",
    "The selected file is empty",
    "Yes",
    "No",
};
constexpr const char* english_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
static_assert(std::size(english) == static_cast<std::size_t>(engine_text::month_with_day));

}  // namespace

const char* english_text(engine_text t) {
    const auto i = static_cast<std::size_t>(t);
    if (i < std::size(english)) return english[i];
    return english_months[(i - std::size(english)) % 12];
}

std::string engine_message(const engine_words& words, engine_text t, const std::string& name, const std::string& limit) {
    const auto i = static_cast<std::size_t>(t);
    const std::string_view text = i < words.size() ? std::string_view(words[i]) : std::string_view(english_text(t));
    std::string out;
    for (std::size_t k = 0; k < text.size(); ++k) {
        if (text[k] == '{' && k + 2 < text.size() && text[k + 2] == '}') {
            const char what = text[k + 1];
            if (what == 'n' || what == 'N') {
                std::string n = name;
                if (what == 'N' && !n.empty() && n[0] >= 'a' && n[0] <= 'z') n[0] = static_cast<char>(n[0] - 'a' + 'A');
                out += n;
            } else {
                out += limit;
            }
            k += 2;
        } else {
            out += text[k];
        }
    }
    return out;
}

std::string month_name(const engine_words& words, unsigned month, bool with_day) {
    const auto first = with_day ? engine_text::month_with_day : engine_text::month_alone;
    return engine_message(words, static_cast<engine_text>(static_cast<unsigned>(first) + (month + 11) % 12));
}

}  // namespace frontdesk
