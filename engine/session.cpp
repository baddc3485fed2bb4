#include "engine/session.hpp"

#include "engine/answer.hpp"
#include "engine/expr_eval.hpp"
#include "engine/validate.hpp"

namespace frontdesk {
namespace {
const std::string no_answer;
}

// What expressions read: answers only of shown questions on pages on the
// path, calculated values, today and the form's lookup tables.
class session::context : public eval_context {
public:
    explicit context(const session& s) : s_(s) {}
    value answer(std::uint32_t slot) const override { return s_.answer_value(slot); }
    value calculation(std::uint32_t slot) const override { return s_.calculated(slot); }
    std::int64_t today() const override { return s_.today_; }
    value lookup(std::string_view table, std::string_view key) const override {
        const lookup_table* t = s_.form_->find_table(table);
        if (t == nullptr) return {};
        const auto it = t->entries.find(std::string(key));
        return it == t->entries.end() ? value{} : value::text(it->second);
    }

private:
    const session& s_;
};

session::session(const form& f, std::int64_t today) : form_(&f), today_(today) {
    on_path_.assign(f.pages.size(), 0);
    changed();
    enter(form_->start);
}

void session::set_today(std::int64_t days) {
    today_ = days;
    changed();
}

void session::changed() {
    shown_cache_.assign(form_->slots.size(), -1);
    calc_cache_.assign(form_->calculations.size(), std::nullopt);
    calc_busy_.assign(form_->calculations.size(), false);
}

value session::evaluate(const expression& e) const {
    if (e.empty()) return {};
    return frontdesk::evaluate(e.code, context(*this));
}

bool session::holds(const expression& e) const { return evaluate(e).is_true(); }

value session::answer_value(std::uint32_t slot) const {
    if (slot >= form_->slots.size()) return {};
    const question_ref ref = form_->slots[slot];
    // An answer steers the journey only while its page is on the path and
    // the question is shown.
    if (!on_path_[ref.page]) return {};
    const question& q = form_->at(ref);
    if (!shown(q)) return {};
    return parse_answer(q, answer(q.id)).typed;
}

bool session::shown(const question& q) const {
    if (q.show_if.empty()) return true;
    if (q.slot >= shown_cache_.size()) return false;
    auto& cached = shown_cache_[q.slot];
    // The loader lets show_if read only earlier questions, so this never
    // recurses into itself; the mark guards a damaged image all the same.
    if (cached == -1) {
        cached = 0;
        cached = holds(q.show_if) ? 1 : 0;
    }
    return cached == 1;
}

value session::calculated(std::size_t index) const {
    if (index >= calc_cache_.size()) return {};
    if (calc_cache_[index]) return *calc_cache_[index];
    if (calc_busy_[index]) return {};  // a cycle (only in a damaged image): unanswered
    calc_busy_[index] = true;
    value v = evaluate(form_->calculations[index].formula);
    calc_busy_[index] = false;
    calc_cache_[index] = v;
    return v;
}

const page* session::current_page() const {
    if (state_ == session_state::check || history_.empty()) return nullptr;
    return &form_->pages[history_.back()];
}

bool session::can_go_back() const {
    return state_ == session_state::check ? !history_.empty() : history_.size() > 1;
}

status session::set_answer(const std::string& question_id, std::string_view value) {
    const page* p = current_page();
    if (p == nullptr) return error{question_id, "There is no question on this page to answer."};
    for (const auto& q : p->questions) {
        if (q.id == question_id && q.asks()) {
            answers_[question_id] = normalise_answer(value);
            changed();
            return status::ok();
        }
    }
    return error{question_id, "That question is not on this page."};
}

const std::string& session::answer(const std::string& question_id) const {
    const auto it = answers_.find(question_id);
    return it == answers_.end() ? no_answer : it->second;
}

std::vector<field_error> session::validate_page(std::size_t page) const {
    std::vector<field_error> found;
    for (const auto& q : form_->pages[page].questions) {
        if (!q.asks() || !shown(q)) continue;
        if (auto message = check_answer(q, answer(q.id), form_->engine_texts)) {
            found.push_back({q.id, *message});
            continue;
        }
        for (const auto& c : q.checks) {
            // A check fails only when it is false: unanswered is for `required`.
            const value v = evaluate(c.must);
            if (v.answered() && !v.is_true()) {
                found.push_back({q.id, c.message});
                break;
            }
        }
    }
    return found;
}

std::string session::destination_of(std::size_t page) const {
    const auto& p = form_->pages[page];
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
    const std::size_t index = *form_->page_index(page_id);
    history_.push_back(index);
    ++on_path_[index];
    changed();
    state_ = form_->pages[index].kind == page_kind::exit ? session_state::exit : session_state::question;
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
    // check your answers unless the change opened a new branch. The bound
    // stops a journey that goes round in a circle.
    for (std::size_t step = 0; returning_to_check_ && target != check_answers_page && step <= form_->pages.size(); ++step) {
        const std::size_t index = *form_->page_index(target);
        if (form_->pages[index].kind == page_kind::exit || !completed_.count(index)) break;
        history_.push_back(index);
        ++on_path_[index];
        changed();
        if (!validate_page(index).empty()) {
            history_.pop_back();
            --on_path_[index];
            changed();
            break;
        }
        target = destination_of(index);
    }
    enter(target);
}

bool session::back() {
    errors_.clear();
    if (state_ == session_state::check) {
        if (history_.empty()) return false;
        state_ = form_->pages[history_.back()].kind == page_kind::exit ? session_state::exit
                                                                       : session_state::question;
        return true;
    }
    if (history_.size() <= 1) return false;
    --on_path_[history_.back()];
    history_.pop_back();
    changed();
    state_ = session_state::question;
    return true;
}

status session::change(const std::string& question_id) {
    if (state_ != session_state::check) return error{question_id, "Answers can be changed from check your answers."};
    const auto page = form_->page_of_question(question_id);
    if (!page) return error{question_id, "There is no such question."};
    for (std::size_t i = 0; i < history_.size(); ++i) {
        if (history_[i] == *page) {
            for (std::size_t k = i + 1; k < history_.size(); ++k) --on_path_[history_[k]];
            history_.resize(i + 1);
            changed();
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
    for (auto index : history_) ids.push_back(form_->pages[index].id);
    return ids;
}

std::map<std::string, std::string> session::answers_on_path() const {
    std::map<std::string, std::string> on_path;
    for (auto index : history_) {
        for (const auto& q : form_->pages[index].questions) {
            if (!q.asks() || !shown(q)) continue;
            const parsed_answer a = parse_answer(q, answer(q.id));
            if (a.problem == answer_problem::none) on_path[q.id] = a.canonical;
        }
    }
    return on_path;
}

std::vector<std::string> session::completed_pages() const {
    std::vector<std::string> ids;
    for (auto index : completed_) ids.push_back(form_->pages[index].id);
    return ids;
}

void session::resume(const std::map<std::string, std::string>& answers, const std::set<std::string>& completed,
                     const std::string& stop_at, bool returning_to_check) {
    answers_.clear();
    for (const auto& [id, value] : answers) {
        if (form_->find_question(id) != nullptr) answers_[id] = normalise_answer(value);
    }
    history_.clear();
    on_path_.assign(form_->pages.size(), 0);
    completed_.clear();
    errors_.clear();
    returning_to_check_ = false;
    changed();
    enter(form_->start);
    // Each step adds a page to the path; a journey that has not stopped after
    // visiting every page once is going round a cycle.
    for (std::size_t step = 0; step <= form_->pages.size() && state_ == session_state::question; ++step) {
        const std::size_t here = history_.back();
        const std::string& id = form_->pages[here].id;
        if (id == stop_at || !completed.count(id)) break;
        auto found = validate_page(here);
        if (!found.empty()) {
            errors_ = std::move(found);
            break;
        }
        next();
    }
    const bool stopped_where_asked = state_ == session_state::check ? stop_at == check_answers_page
                                                                    : form_->pages[history_.back()].id == stop_at;
    returning_to_check_ = returning_to_check && stopped_where_asked && state_ == session_state::question;
    // Pages passed before and still on the way stay completed, so a later
    // change from check your answers can fast-forward through them.
    for (const auto& id : completed) {
        if (auto index = form_->page_index(id)) completed_.insert(*index);
    }
}

int session::chosen_team_rule() const {
    // Only answers on the path count: an answer left behind on a branch the
    // person backed out of must not steer the report.
    for (std::size_t i = 0; i < form_->team_rules.size(); ++i) {
        if (holds(form_->team_rules[i].when)) return static_cast<int>(i);
    }
    return -1;
}

team_route session::route() const {
    const int rule = chosen_team_rule();
    return rule < 0 ? form_->default_route : form_->team_rules[static_cast<std::size_t>(rule)].route;
}

int session::chosen_route() const {
    if (state_ != session_state::question || history_.empty()) return -1;
    const auto& p = form_->pages[history_.back()];
    for (std::size_t i = 0; i < p.routes.size(); ++i) {
        if (holds(p.routes[i].when)) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace frontdesk
