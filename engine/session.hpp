// One person's journey through a form: the page they are on, where they have
// been, their answers and the errors on the page. Pure state, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/expr.hpp"
#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk {

enum class session_state {
    question,  // on a page of questions
    exit,      // on an exit page: the journey ends here with advice
    check,     // on check your answers, ready to send
    summary,   // on a repeat page's summary: the entries so far, and "add another?"
};

// How far through the form a person is (docs/engine-view.md, "Progress").
struct progress_estimate {
    std::size_t done = 0;   // pages passed on the path so far
    std::size_t total = 0;  // done, plus the pages from here to check your answers
};

struct field_error {
    std::string question;
    std::string message;
};

class session {
public:
    // `today` is the date expressions see as today(), in days since 1970-01-01
    // (the engine has no clock: its caller says what day it is).
    explicit session(const form& f, std::int64_t today = 0);

    const form& definition() const { return *form_; }
    session_state state() const { return state_; }
    std::int64_t today() const { return today_; }
    void set_today(std::int64_t days);
    // The page shown now (on a summary: the repeat page); nullptr on check your answers.
    const page* current_page() const;
    bool can_go_back() const;

    // Records an answer on the current page (trimmed). Only questions of the
    // current page can be answered: a journey is walked, never jumped. On a
    // repeat page the answer is the current entry's; on a summary the only
    // question is the repeat's id, answered "yes" or "no" (add another?).
    status set_answer(const std::string& question_id, std::string_view value);
    // The answer given so far, as typed, or "" when there is none. A question
    // of a repeat page answers for the entry being edited; "GROUP.N.QUESTION"
    // names one entry's answer.
    const std::string& answer(const std::string& question_id) const;
    // Whether a question of a page on the path is shown now (its `show_if`).
    bool shown(const question& q) const;
    // The value of a calculated value now; unanswered when it cannot be worked out.
    value calculated(std::size_t index) const;

    // Checks the current page; moves on when it has no errors.
    void next();
    // Returns false when there is nowhere to go back to.
    bool back();
    // From check your answers: go to the page that asks this question; the
    // next "continue" that keeps the journey unchanged returns to check.
    // "GROUP.N.QUESTION" changes entry N; the repeat's id opens its summary.
    status change(const std::string& question_id);

    // Repeat groups ("add another"). On a summary: add a new entry, change
    // entry n (1-based) or remove it (its answers are gone, later entries move
    // up); removing also works on the entry being edited. next() on a summary
    // reads the add-another answer: yes adds an entry, no (or nothing, at
    // the maximum) goes on once there are at least `min` entries.
    status add_another();
    status change_entry(std::uint32_t entry);
    status remove_entry(std::uint32_t entry);
    // The entry being edited on a repeat page, or 0.
    std::uint32_t entry() const { return state_ == session_state::question ? entry_ : 0; }
    std::uint32_t entries(std::uint32_t group) const { return group < entries_.size() ? entries_[group] : 0; }
    // "Person 2" (the repeat's messages.entry), and an entry's one-line summary
    // (its entry_label, else messages.unlabelled, else its title).
    std::string entry_title(const repeat_spec& r, std::uint32_t entry) const;
    std::string entry_summary(const repeat_spec& r, std::uint32_t entry) const;
    // The answer given to "add another?" on the summary shown now.
    const std::string& add_another_answer() const { return add_another_; }
    // What just happened that a screen reader should announce ("You removed Person 2."); "" when nothing.
    const std::string& notice() const { return notice_; }
    // Checks one entry's answers as if it were being edited (for the summary and check your answers).
    std::vector<field_error> validate_entry(const repeat_spec& r, std::uint32_t entry) const;
    // Whether a question of an entry is shown for that entry.
    bool shown_in_entry(const repeat_spec& r, std::uint32_t entry, const question& q) const;

    const std::vector<field_error>& errors() const { return errors_; }
    // Page ids visited, in order, ending with the current page (check excluded).
    std::vector<std::string> path() const;
    // The canonical answers on the path: shown questions of pages on the path
    // with a valid answer (repeat entries' as "GROUP.N.QUESTION"). The content of a report.
    std::map<std::string, std::string> answers_on_path() const;
    team_route route() const;
    // An estimate of how far through the form the person is: the pages passed
    // on the path, and those plus the pages the answers given so far lead to
    // from here (a route whose condition is unanswered is not taken, so the
    // page's `next` is followed). On check your answers done equals total; on
    // an exit page, the pages passed and the exit page.
    progress_estimate progress() const;
    // Which of the current page's routes `next()` would take now: its index,
    // or -1 for the page's default `next`.
    int chosen_route() const;
    // Which team rule decides the route: its index, or -1 for the default.
    int chosen_team_rule() const;

    // What a draft keeps (engine/draft.hpp): every answer given, on the path
    // or not, the pages passed at least once, and whether the person is
    // changing an answer from check your answers.
    const std::map<std::string, std::string>& all_answers() const { return answers_; }
    std::vector<std::string> completed_pages() const;
    bool returning_to_check() const { return returning_to_check_; }

    // Starts the journey again with these answers (ids the form does not ask
    // are ignored; repeat entries are numbered again from 1 in order) and walks forward from the start through the pages in
    // `completed` whose answers still pass their checks. It stops at
    // `stop_at` (a page id or check_answers_page), or earlier at the first
    // page that needs attention: one not completed before, or one whose
    // answers now fail (its errors are shown).
    void resume(const std::map<std::string, std::string>& answers, const std::set<std::string>& completed,
                const std::string& stop_at, bool returning_to_check);

    // The value an expression has now.
    value evaluate(const expression& e) const;

private:
    class context;
    friend class context;

    std::vector<field_error> validate_page(std::size_t page) const;
    // A repeat page passes when every entry does and there are enough.
    std::vector<field_error> validate_passed(std::size_t page) const;
    std::vector<field_error> check_count(const repeat_spec& r) const;
    void leave(std::size_t here);  // the page is done: on to its destination
    void show_summary();
    void erase_entry(const repeat_spec& r, std::uint32_t entry);  // its answers
    std::uint32_t entry_in_view(std::uint32_t group) const;
    const std::string& raw_answer(const question& q, const repeat_spec* r) const;
    std::string destination_of(std::size_t page) const;
    void enter(const std::string& page_id);
    bool holds(const expression& e) const;
    void changed() const;  // answers or path changed: forget what was worked out (only caches)
    value answer_value(std::uint32_t slot) const;

    const form* form_;
    std::int64_t today_ = 0;
    session_state state_ = session_state::question;
    std::vector<std::size_t> history_;  // pages on the path; back() pops
    // Per page: how often it is on the path (progress() marks pages ahead for a moment, then unmarks them).
    mutable std::vector<std::uint32_t> on_path_;
    std::map<std::string, std::string> answers_;
    std::vector<field_error> errors_;
    std::set<std::size_t> completed_;   // pages passed at least once
    bool returning_to_check_ = false;
    // Repeat groups: entries per group; the entry being edited; whether it was
    // just added (back discards it) or else its answers before the change (back restores them).
    std::vector<std::uint32_t> entries_;
    std::uint32_t entry_ = 0;
    bool adding_ = false;
    std::map<std::string, std::string> entry_before_;
    std::string add_another_;
    std::string notice_;
    mutable std::vector<std::uint32_t> focus_;  // per group: the entry `each` reads now, or 0
    // Worked out on demand, forgotten on every change.
    mutable std::vector<std::int8_t> shown_cache_;  // per slot: -1 unknown, 0 hidden, 1 shown
    mutable std::vector<std::optional<value>> calc_cache_;
    mutable std::vector<bool> calc_busy_;
};

}  // namespace frontdesk
