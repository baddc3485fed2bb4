// Typed answers. The session keeps what the person typed ("raw", trimmed);
// this module turns it into a value for expressions, the canonical text the
// report holds, and the text check your answers shows. Raw forms, one string
// per question (docs/engine-view.md, "Answers"):
//   date      "DAY/MONTH/YEAR" as typed in the three boxes, or "YYYY-MM-DD"
//   checkboxes, address   parts joined by "\n" (address: line 1, line 2, town, postcode)
//   money     "12.50", "£1,250" …      everything else   the text itself
//   file      "HASH\nSIZE\nNAME": the BLAKE2b-256 of the bytes (64 hex), their
//             size in bytes and the file's name (the web client keeps the bytes)
// Canonical texts parse back to themselves, so a report replays to the same report.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/expr.hpp"
#include "engine/form.hpp"

namespace frontdesk {

enum class answer_problem : std::uint8_t {
    none,
    missing,     // nothing given
    incomplete,  // a date or an address with a part missing
    format,      // not a valid answer of its type
    not_option,  // not one of the options
};

struct parsed_answer {
    answer_problem problem = answer_problem::missing;
    value typed;            // unanswered unless problem is none
    std::string canonical;  // the report's text; empty unless problem is none
};

parsed_answer parse_answer(const question& q, std::string_view raw);

// A file question's answer: what the report holds for a file (its bytes
// travel beside the report, sealed, named by `hash`). docs/protocol.md.
// Its parts are views into the text it was parsed from.
struct file_reference {
    std::string_view hash;  // BLAKE2b-256 of the bytes, 64 lower case hex digits
    std::uint64_t size = 0;
    std::string_view name;  // one line, at most 255 characters
};
inline constexpr std::size_t longest_file_name = 255;
std::optional<file_reference> parse_file_reference(std::string_view text);
std::string file_reference_text(const file_reference& f);
// Whether a file's name ends with one of the question's `accept` endings, in any case.
bool accepts_file_name(const question& q, std::string_view name);

// What check your answers shows: labels for choices, "£12.50", "3 November 2026" …
std::string display_answer(const question& q, const parsed_answer& a, const engine_words& words = {});

// The expression type of a question's answer.
value_type answer_type(const question& q);

// "3 November 2026"; "November 2026" for an approximate date (in Polish
// "3 listopada 2026", "listopad 2026").
std::string long_date(std::int64_t days, bool day_known = true, const engine_words& words = {});

}  // namespace frontdesk
