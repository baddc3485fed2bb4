// Scripted play-throughs (--script FILE): a JSON array of steps, played on the
// first form before the first frame, for smoke tests and screenshots.
//
//   [{"answer": {"in_danger": "no"}}, "next",
//    {"answer": {"make": "Raleigh"}}, "next", "back", "next",
//    {"change": "make"}, {"path": 1}]
//
// "next" and "back" are the buttons; {"answer": {id: text}} fills in fields of
// the current page; {"change": id} is a Change link on check your answers;
// {"path": N} replays the Nth path of the Paths panel (from 1).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "preview/playthrough.hpp"

namespace frontdesk::preview {

struct script_step {
    step play;                  // when path is 0
    std::size_t path = 0;       // 1-based path to replay; 0 when this is a play step
};

struct parsed_script {
    std::vector<script_step> steps;
    std::vector<error> errors;  // error.where is a JSON pointer into the script
};

parsed_script parse_script(std::string_view text);

}  // namespace frontdesk::preview
