// Path enumeration: every distinct journey through a form, found by playing
// it with sample answers drawn from the form itself (each option, each value
// a condition compares with, a valid example, and no answer where allowed).
// Each path comes with answers that walk it, so the preview tool can replay
// it and tests can walk every branch. Bounded: a form with more journeys
// than the limits allow is reported as truncated, never a hang.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "engine/form.hpp"

namespace frontdesk {

enum class path_outcome {
    submitted,  // reaches check your answers: a report is sent
    exit,       // ends on an exit page
    cycle,      // comes back to a page already on the path: no way out with these answers
};

struct form_path {
    std::vector<std::string> pages;  // visited, in order (check your answers excluded)
    path_outcome outcome = path_outcome::submitted;
    team_route route;                // the team and urgency (submitted paths only)
    int team_rule = -1;              // index of the rule that decided the route; -1: the default
    std::map<std::string, std::string> answers;  // answers that walk this path
};

struct path_limits {
    std::size_t max_paths = 1000;
    std::size_t max_steps = 200000;              // pages answered, over the whole search
    std::size_t max_combinations_per_page = 64;  // sample answer sets tried on one page
    std::int64_t today = 0;                      // what today() is while playing (days since 1970)
};

struct page_route_ref {
    std::string page;
    std::size_t route = 0;  // index in the page's routes
    bool operator==(const page_route_ref&) const = default;
};

struct page_question_ref {
    std::string page;
    std::size_t question = 0;  // index in the page's questions
    bool operator==(const page_question_ref&) const = default;
};

struct path_report {
    std::vector<form_path> paths;  // distinct by pages, outcome and route
    bool truncated = false;        // a limit was reached: there may be more paths
    std::vector<std::string> unused_pages;          // on no path found
    std::vector<page_route_ref> unused_page_routes;  // taken on no path found
    std::vector<std::size_t> unused_team_rules;      // decided no path found
    // Questions with a show_if, on pages some path found visits, that no
    // journey found shows (its condition never held when the page was answered).
    std::vector<page_question_ref> unshown_questions;
};

[[nodiscard]] path_report enumerate_paths(const form& f, const path_limits& limits = {});

// The sample answers tried for a question (exposed for tests).
[[nodiscard]] std::vector<std::string> sample_answers(const form& f, const question& q, std::int64_t today = 0);

const char* path_outcome_name(path_outcome o);

}  // namespace frontdesk
