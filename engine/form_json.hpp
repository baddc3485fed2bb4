// Loads a form definition from its JSON source (native builds only: the
// browser receives a compiled form image instead, see form_image.hpp).
// Every problem is reported with the JSON pointer of the value at fault.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk {

inline constexpr std::size_t largest_form_source = 4 * 1024 * 1024;

struct form_load_result {
    std::optional<form> loaded;  // set only when there are no errors
    std::vector<error> errors;   // error.where is a JSON pointer
};

form_load_result load_form_json(std::string_view source);

}  // namespace frontdesk
