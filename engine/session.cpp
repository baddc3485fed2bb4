#include "engine/session.hpp"

#include "engine/validate.hpp"

namespace frontdesk {
namespace {
const std::string no_answer;
}

session::session(const form& f) : form_(f) { enter(form_.start); }

const page* session::current_page() const {
    if (state_ == session_state::check || history_.empty()) return nullptr;
    return &form_.pages[history_.back()];
}

bool session::can_go_back() const {
    return state_ == session_state::check ? !history_.empty() : history_.size() > 1;
}

status session::set_answer(const std::string& question_id, std::string_view value) {
    const page* p = current_page();
    if (p == nullptr) return error{question_id, "There is no question on this page to answer."};
    for (const auto& q : p->questions) {
        if (q.id == question_id) {
            answers_[question_id] = normalise_answer(value);
            return status::ok();
        }
    }
    return error{question_id, "That question is not on this page."};
}

const std::string& session::answer(const std::string& question_id) const {
    const auto it = answers_.find(question_id);
    return it == answers_.end() ? no_answer : it->second;
}

bool session::holds(const condition& c) const {
    // An answer steers the journey only while its page is on the path.
    const auto page = form_.page_of_question(c.question);
    if (!page) return false;
    for (auto index : history_) {
        if (index == *page) return answer(c.question) == c.equals;
    }
    return false;
}

std::vector<field_error> session::validate_page(std::size_t page) const {
    std::vector<field_error> found;
    for (const auto& q : form_.pages[page].questions) {
        if (auto message = check_answer(q, answer(q.id))) found.push_back({q.id, *message});
    }
    return found;
}

std::string session::destination_of(std::size_t page) const {
    const auto& p = form_.pages[page];
    for (const auto& r : p.routes) {
        if (holds(r.when)) return r.go_to;
    }
    return p.next;
}

void session::enter(const std::string& page_id) {
    errors_.clear();
    if (page_id == check_answers_page) {
        state_ = session_state::check;
        returning_to_check_ = false;
        return;
    }
    // The loader guarantees every page id it accepts exists.
    const std::size_t index = *form_.page_index(page_id);
    history_.push_back(index);
    state_ = form_.pages[index].kind == page_kind::exit ? session_state::exit : session_state::question;
}

void session::next() {
    if (state_ != session_state::question) return;
    const std::size_t here = history_.back();
    errors_ = validate_page(here);
    if (!errors_.empty()) return;
    completed_.insert(here);
    std::string target = destination_of(here);
    // After a change from check your answers, skip forward through pages that
    // were already answered and are still valid, so the person lands back on
    // check your answers unless the change opened a new branch.
    while (returning_to_check_ && target != check_answers_page) {
        const std::size_t index = *form_.page_index(target);
        if (form_.pages[index].kind == page_kind::exit || !completed_.count(index) ||
            !validate_page(index).empty()) {
            break;
        }
        history_.push_back(index);
        target = destination_of(index);
    }
    enter(target);
}

bool session::back() {
    errors_.clear();
    if (state_ == session_state::check) {
        if (history_.empty()) return false;
        state_ = form_.pages[history_.back()].kind == page_kind::exit ? session_state::exit
                                                                      : session_state::question;
        return true;
    }
    if (history_.size() <= 1) return false;
    history_.pop_back();
    state_ = session_state::question;
    return true;
}

status session::change(const std::string& question_id) {
    if (state_ != session_state::check) return error{question_id, "Answers can be changed from check your answers."};
    const auto page = form_.page_of_question(question_id);
    if (!page) return error{question_id, "There is no such question."};
    for (std::size_t i = 0; i < history_.size(); ++i) {
        if (history_[i] == *page) {
            history_.resize(i + 1);
            state_ = session_state::question;
            errors_.clear();
            returning_to_check_ = true;
            return status::ok();
        }
    }
    return error{question_id, "That question is not on this journey."};
}

std::vector<std::string> session::path() const {
    std::vector<std::string> ids;
    ids.reserve(history_.size());
    for (auto index : history_) ids.push_back(form_.pages[index].id);
    return ids;
}

std::map<std::string, std::string> session::answers_on_path() const {
    std::map<std::string, std::string> on_path;
    for (auto index : history_) {
        for (const auto& q : form_.pages[index].questions) {
            const auto& value = answer(q.id);
            if (!value.empty()) on_path[q.id] = value;
        }
    }
    return on_path;
}

std::vector<std::string> session::completed_pages() const {
    std::vector<std::string> ids;
    for (auto index : completed_) ids.push_back(form_.pages[index].id);
    return ids;
}

void session::resume(const std::map<std::string, std::string>& answers, const std::set<std::string>& completed,
                     const std::string& stop_at, bool returning_to_check) {
    answers_.clear();
    for (const auto& [id, value] : answers) {
        if (form_.find_question(id) != nullptr) answers_[id] = normalise_answer(value);
    }
    history_.clear();
    completed_.clear();
    errors_.clear();
    returning_to_check_ = false;
    enter(form_.start);
    // Each step adds a page to the path; a journey that has not stopped after
    // visiting every page once is going round a cycle.
    for (std::size_t step = 0; step <= form_.pages.size() && state_ == session_state::question; ++step) {
        const std::size_t here = history_.back();
        const std::string& id = form_.pages[here].id;
        if (id == stop_at || !completed.count(id)) break;
        auto found = validate_page(here);
        if (!found.empty()) {
            errors_ = std::move(found);
            break;
        }
        next();
    }
    const bool stopped_where_asked = state_ == session_state::check ? stop_at == check_answers_page
                                                                    : form_.pages[history_.back()].id == stop_at;
    returning_to_check_ = returning_to_check && stopped_where_asked && state_ == session_state::question;
    // Pages passed before and still on the way stay completed, so a later
    // change from check your answers can fast-forward through them.
    for (const auto& id : completed) {
        if (auto index = form_.page_index(id)) completed_.insert(*index);
    }
}

int session::chosen_team_rule() const {
    // Only answers on the path count: an answer left behind on a branch the
    // person backed out of must not steer the report.
    const auto on_path = answers_on_path();
    for (std::size_t i = 0; i < form_.team_rules.size(); ++i) {
        const auto& rule = form_.team_rules[i];
        const auto it = on_path.find(rule.when.question);
        if (it != on_path.end() && it->second == rule.when.equals) return static_cast<int>(i);
    }
    return -1;
}

team_route session::route() const {
    const int rule = chosen_team_rule();
    return rule < 0 ? form_.default_route : form_.team_rules[static_cast<std::size_t>(rule)].route;
}

int session::chosen_route() const {
    if (state_ != session_state::question || history_.empty()) return -1;
    const auto& p = form_.pages[history_.back()];
    for (std::size_t i = 0; i < p.routes.size(); ++i) {
        if (holds(p.routes[i].when)) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace frontdesk
