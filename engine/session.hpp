// One person's journey through a form: the page they are on, where they have
// been, their answers and the errors on the page. Pure state, no I/O.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk {

enum class session_state {
    question,  // on a page of questions
    exit,      // on an exit page: the journey ends here with advice
    check,     // on check your answers, ready to send
};

struct field_error {
    std::string question;
    std::string message;
};

class session {
public:
    explicit session(const form& f);

    const form& definition() const { return form_; }
    session_state state() const { return state_; }
    // The page shown now; nullptr on check your answers.
    const page* current_page() const;
    bool can_go_back() const;

    // Records an answer on the current page (trimmed). Only questions of the
    // current page can be answered: a journey is walked, never jumped.
    status set_answer(const std::string& question_id, std::string_view value);
    // The answer given so far, or "" when there is none.
    const std::string& answer(const std::string& question_id) const;

    // Checks the current page; moves on when it has no errors.
    void next();
    // Returns false when there is nowhere to go back to.
    bool back();
    // From check your answers: go to the page that asks this question; the
    // next "continue" that keeps the journey unchanged returns to check.
    status change(const std::string& question_id);

    const std::vector<field_error>& errors() const { return errors_; }
    // Page ids visited, in order, ending with the current page (check excluded).
    std::vector<std::string> path() const;
    // Answers on the path that have a value: the content of a report.
    std::map<std::string, std::string> answers_on_path() const;
    team_route route() const;
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
    // are ignored) and walks forward from the start through the pages in
    // `completed` whose answers still pass their checks. It stops at
    // `stop_at` (a page id or check_answers_page), or earlier at the first
    // page that needs attention: one not completed before, or one whose
    // answers now fail (its errors are shown).
    void resume(const std::map<std::string, std::string>& answers, const std::set<std::string>& completed,
                const std::string& stop_at, bool returning_to_check);

private:
    std::vector<field_error> validate_page(std::size_t page) const;
    std::string destination_of(std::size_t page) const;
    void enter(const std::string& page_id);
    bool holds(const condition& c) const;

    const form& form_;
    session_state state_ = session_state::question;
    std::vector<std::size_t> history_;  // pages on the path; back() pops
    std::map<std::string, std::string> answers_;
    std::vector<field_error> errors_;
    std::set<std::size_t> completed_;   // pages passed at least once
    bool returning_to_check_ = false;
};

}  // namespace frontdesk
