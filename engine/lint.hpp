// Static analysis behind `frontdesk lint`, on a form that loaded (the loader
// itself reports syntax, type, reference and duplicate errors). Findings are
// at JSON pointers of the form's source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/form.hpp"

namespace frontdesk {

enum class lint_level { warning, error };

struct lint_finding {
    std::string where;  // JSON pointer
    lint_level level = lint_level::warning;
    std::string message;
};

struct lint_options {
    std::int64_t today = 0;  // what today() is when journeys are played (days since 1970)
};

// Errors: pages from which no journey can end (dead ends, cycles with no way
// out). Warnings: pages no route leads to, pages, routes and team rules no
// journey found uses, conditions that are always false or always true (and
// the routes and rules they hide), calculated values and lookup tables
// nothing uses, texts missing a translation into one of the form's
// languages. In order of the form's source.
[[nodiscard]] std::vector<lint_finding> lint_form(const form& f, const lint_options& options = {});

}  // namespace frontdesk
