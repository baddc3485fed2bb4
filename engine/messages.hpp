// The engine's own words, used where a form's author gave none: the fallback
// error messages, "Yes" and "No", the names of the months. English is built
// in; another language's words travel in that language's form image (see
// engine/catalog.hpp, native), so the WebAssembly build carries no catalog.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace frontdesk {

enum class engine_text : std::uint8_t {
    enter, select,                                  // a required answer is missing
    whole_number, decimal_number, money,            // a number in the wrong shape
    date_incomplete, month_year_incomplete, real_date, real_time, address_incomplete,
    postcode, email, phone, registration, bad_format,
    date_from, at_least, date_until, at_most,       // out of range
    past, future,                                   // a date on the wrong side of today
    file_empty,                                     // a chosen file (its size and type: file_words, native)
    yes, no,
    month_with_day,                                 // 12 names: "3 November 2026" (Polish: "listopada")
    month_alone = month_with_day + 12,              // 12 names: "November 2026" (Polish: "listopad")
};
inline constexpr std::size_t engine_text_count = static_cast<std::size_t>(engine_text::month_alone) + 12;

// The engine's words in one language, in the order of engine_text; empty
// for English (built in).
using engine_words = std::vector<std::string>;

// The text in `words`' language, with "{n}" replaced by the question's name,
// "{N}" by the name with a capital, and "{L}" by the limit.
std::string engine_message(const engine_words& words, engine_text t, const std::string& name = {},
                           const std::string& limit = {});

// The English text as written (with its "{n}", "{N}", "{L}").
const char* english_text(engine_text t);

// "November" (month 1 to 12), as after a day or alone.
std::string month_name(const engine_words& words, unsigned month, bool with_day);

}  // namespace frontdesk
