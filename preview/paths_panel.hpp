// The paths panel's model: every distinct path through the form with its
// outcome and route, and what no path uses.
#pragma once

#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/paths.hpp"
#include "preview/playthrough.hpp"

namespace frontdesk::preview {

struct path_row {
    std::string outcome;  // "submitted", "exit: call-999", "cycle"
    std::string route;    // "borough-property-crime (standard)", or "" when no report is sent
    std::string rule;     // "rule 2", "default" or ""
    std::string pages;    // "danger > bike > where"
};

path_row describe_path(const form_path& p);

// What no path uses, one line each, ready to show; empty when everything is used.
std::vector<std::string> unused_lines(const form& f, const path_report& r);

// Starts the play-through over and walks the path to its end. False when the
// form has changed under the path and it no longer ends where it did.
bool play_path(playthrough& play, const form_path& p);

// Index of the first path that visits a page, if any.
std::optional<std::size_t> first_path_through(const path_report& r, const std::string& page_id);

}  // namespace frontdesk::preview
