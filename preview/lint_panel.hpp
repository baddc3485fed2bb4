// The lint panel's model: every problem of every form file, located as
// `file:json-pointer` the way `frontdesk lint` prints it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "preview/forms_panel.hpp"

namespace frontdesk::preview {

struct lint_row {
    std::size_t file = 0;             // index in the forms list
    std::string location;             // file:json-pointer
    std::string severity;             // "error" or "warning"
    std::string message;
    std::optional<std::size_t> page;  // the page the pointer is inside, if any
};

// Errors first, then warnings; in file order, then as the loader found them.
std::vector<lint_row> lint_rows(const std::vector<form_file>& files);

// "/pages/3/questions/0/label" -> 3; nullopt when the pointer is not inside a page.
std::optional<std::size_t> page_of_pointer(std::string_view pointer);

// The line `frontdesk lint` would print for the row.
std::string lint_line(const lint_row& row);

}  // namespace frontdesk::preview
