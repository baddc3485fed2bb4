// Checks one answer against its question: required, length, format, choices,
// ranges. Messages are the author's, or the engine's GOV.UK-style defaults
// that name the question the way `question.name` (or its label) does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/form.hpp"

namespace frontdesk {

// Trims surrounding whitespace: what a person typed around an answer is never
// part of it.
std::string normalise_answer(std::string_view raw);

// The author's message for the first rule the answer breaks, or nullopt;
// where the author wrote none, the engine's own in the language of `words`
// (the form's engine_texts; engine/messages.hpp).
std::optional<std::string> check_answer(const question& q, std::string_view answer, const engine_words& words = {});

std::size_t count_characters(std::string_view utf8);
bool is_uk_postcode(std::string_view text);
bool is_email_address(std::string_view text);
// 10 or 11 digits starting 0 (or +44 for the 0), spaces, dashes and brackets allowed.
bool is_uk_phone_number(std::string_view text);
// 2 to 7 letters and digits (spaces ignored) with at least one of each:
// current (AB12 CDE), prefix (A123 BCD), suffix (ABC 123D) and dateless marks.
bool is_vehicle_registration(std::string_view text);

}  // namespace frontdesk
