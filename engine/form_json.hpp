// Loads a form definition from its JSON source (native builds only: the
// browser receives a compiled form image instead, see form_image.hpp).
// Every problem is reported with the JSON pointer of the value at fault.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk {

inline constexpr std::size_t largest_form_source = 4 * 1024 * 1024;
inline constexpr std::size_t deepest_form_nesting = 64;

struct form_load_result {
    std::optional<form> loaded;  // set only when there are no errors
    std::vector<error> errors;   // error.where is a JSON pointer
};

// Reads a data file named by the form (lookup tables), relative to the
// form's folder; nullopt when it cannot. The engine itself does no I/O.
using data_reader = std::function<std::optional<std::string>(const std::string& relative_path)>;

form_load_result load_form_json(std::string_view source, const data_reader& read_data = {});

}  // namespace frontdesk
