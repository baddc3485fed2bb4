// The report: the canonical bytes that get sealed. Same answers, same bytes,
// natively and in WebAssembly. Layout documented in docs/protocol.md.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/form.hpp"
#include "engine/session.hpp"

namespace frontdesk {

inline constexpr int report_format_version = 3;

struct replay_outcome;

struct report {
    std::string form_id;
    std::string form_version;
    std::string language;
    std::string submission_id;  // 32 hex digits: 128 random bits from the caller
    std::int64_t date = 0;      // the day the answers were checked on (today() in expressions), days since 1970
    std::vector<std::string> pages;
    std::map<std::string, std::string> answers;  // a repeat entry's as "GROUP.N.QUESTION"
    std::vector<std::string> repeats;  // repeat groups on the path, each written as a list even when empty
    team_route route;
};

// The report of a session that has reached check your answers.
report make_report(const session& s, std::string_view submission_id, std::string_view language);

// The report of a replay that reached check your answers.
report make_report(const form& f, const replay_outcome& replayed, std::string_view submission_id,
                   std::string_view language);

// The files a report's answers name: each file answer's hash, sorted, each
// once. The files travel beside the report in its envelope, bound to it by
// these answers (docs/protocol.md); natively only, the browser needs no list.
std::vector<std::string> files_named(const form& f, const std::map<std::string, std::string>& answers);

// The repeat groups whose pages are on a path, in order of the form.
std::vector<std::string> repeats_on_path(const form& f, const std::vector<std::string>& pages);

// Canonical JSON: keys sorted, no whitespace. A repeat is a list of objects
// under the group's id, entry by entry: "suspects":[{"suspect_name":"…"}].
std::string report_json(const report& r);

// What replaying a set of answers through a form gives.
enum class replay_result { submitted, exit, invalid };

struct replay_outcome {
    replay_result result = replay_result::invalid;
    std::vector<std::string> pages;      // visited, in order
    std::vector<field_error> errors;     // why it stopped, when invalid
    std::map<std::string, std::string> answers_on_path;
    team_route route;
    std::int64_t today = 0;
};

// Walks the form from its start, answering each page from `answers`, until the
// journey reaches check your answers, an exit page or a page with errors.
// `today` is what today() is (days since 1970-01-01).
replay_outcome replay(const form& f, const std::map<std::string, std::string>& answers, std::int64_t today = 0);

}  // namespace frontdesk
