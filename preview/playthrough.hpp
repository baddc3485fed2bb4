// The play-through's model: one session on a form, and every step taken in it,
// so the same journey can be played again on a new version of the form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/result.hpp"
#include "engine/session.hpp"

namespace frontdesk::preview {

// add_another, change_entry and remove_entry act on a repeat's summary.
enum class step_kind { answer, next, back, change, add_another, change_entry, remove_entry };

struct step {
    step_kind kind = step_kind::next;
    std::string question;  // answer, change
    std::string value;     // answer; the entry number (from 1) for change_entry and remove_entry
    bool operator==(const step&) const = default;
};

struct playthrough {
    std::shared_ptr<const form> definition;  // kept alive for the session
    std::unique_ptr<session> journey;
    std::vector<step> steps;  // every step the session accepted, in order
    std::string language = "en";
    std::int64_t today = 0;   // what today() is in the form's expressions (days since 1970-01-01)
};

// Today in UTC, in days since 1970-01-01: what the tool tells the engine.
std::int64_t utc_today();

playthrough start_playthrough(std::shared_ptr<const form> f, std::int64_t today = 0);

// Takes one step. A step the session refuses is not recorded. Typing into a
// field answers it on every key press; only the last value is kept.
status take_step(playthrough& p, const step& s);

struct replayed {
    playthrough play;
    std::size_t skipped = 0;  // steps the new version of the form refused
};

// The same steps on another version of the form, skipping those that no longer apply.
replayed replay_steps(const playthrough& p, std::shared_ptr<const form> f);

// Starts over and walks the form with these answers until the journey reaches
// `page_id` (or ends, when it is empty). False when it does not get there.
// A repeat gets an entry for each N the answers hold as GROUP.N.QUESTION.
bool walk_to(playthrough& p, const std::map<std::string, std::string>& answers, const std::string& page_id);

// Goes back along the journey to a page already on it; false when it is not.
bool back_to(playthrough& p, const std::string& page_id);

// What the public sees as the page's heading: the question's label when the
// page has one question, as the web app does.
std::string page_heading(const page& pg);

// The error shown on a question right now, or nullptr.
const std::string* error_for(const session& s, const std::string& question_id);

// An answer as check your answers shows it ("£12.50", "3 November 2026", a
// choice's label); what was typed, when it is not a valid answer.
std::string shown_value(const question& q, const std::string& raw);

struct answer_row {
    std::string page;
    std::string question;  // a repeat entry's: GROUP.N.QUESTION
    std::string label;
    std::string value;  // as shown
    bool on_path = false;  // answers off the path are kept but never sent
};

// Every answer given so far, in the form's order.
std::vector<answer_row> live_answers(const session& s);

// Check your answers: the questions shown on the path, answered or not (a
// repeat: a row for the repeat, its value the number of entries, then each
// entry's questions, labelled "Item 1: …").
std::vector<answer_row> check_rows(const session& s);

struct calculated_row {
    std::string id;
    std::string value;  // "" when it cannot be worked out yet
};

// The form's calculated values, as they are now.
std::vector<calculated_row> calculated_values(const session& s);

// Where the journey goes from here, and which report route it has now, with
// what decides each, for the "live route" under the page.
struct live_route {
    team_route route;
    std::string decided_by;  // "routing rule 2" or "the default route"
    std::string next_page;   // where Continue would go now; "" off a page of questions
    std::string next_by;     // "route 1 of this page" or "the page's next"
};

live_route live_route_of(const session& s);

const char* state_name(session_state st);

}  // namespace frontdesk::preview
