// Checks one answer against its question: required, length, format, choices.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/form.hpp"

namespace frontdesk {

// Trims surrounding whitespace: what a person typed around an answer is never
// part of it.
std::string normalise_answer(std::string_view raw);

// The author's message for the first rule the answer breaks, or nullopt.
std::optional<std::string> check_answer(const question& q, std::string_view answer);

std::size_t count_characters(std::string_view utf8);
bool is_uk_postcode(std::string_view text);
bool is_email_address(std::string_view text);

}  // namespace frontdesk
