// Path enumeration for today's conditions ({question, equals}), kept inside
// the preview tool until the engine's own (engine/paths.hpp, on the
// engine-language branch) lands. Same shapes and names as that header, so
// switching is a change of namespace in paths_panel.hpp and deleting this.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/form.hpp"

namespace frontdesk::preview {

enum class path_outcome {
    submitted,  // reaches check your answers: a report is sent
    exit,       // ends on an exit page
    cycle,      // comes back to a page already on the path
};

struct form_path {
    std::vector<std::string> pages;  // visited, in order (check your answers excluded)
    path_outcome outcome = path_outcome::submitted;
    team_route route;                // submitted paths only
    int team_rule = -1;              // the rule that decided the route; -1: the default
    std::map<std::string, std::string> answers;  // answers that walk this path
};

struct path_limits {
    std::size_t max_paths = 1000;
    std::size_t max_steps = 200000;
    std::size_t max_combinations_per_page = 64;
};

struct page_route_ref {
    std::string page;
    std::size_t route = 0;
    bool operator==(const page_route_ref&) const = default;
};

struct path_report {
    std::vector<form_path> paths;  // distinct by pages, outcome and route
    bool truncated = false;
    std::vector<std::string> unused_pages;
    std::vector<page_route_ref> unused_page_routes;
    std::vector<std::size_t> unused_team_rules;
};

path_report enumerate_paths(const form& f, const path_limits& limits = {});

// The sample answers tried for a question: each option, each value a
// condition compares it with, a valid example, and no answer where allowed.
std::vector<std::string> sample_answers(const form& f, const question& q);

const char* path_outcome_name(path_outcome o);

}  // namespace frontdesk::preview
