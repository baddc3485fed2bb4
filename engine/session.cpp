#include "engine/session.hpp"

#include "engine/answer.hpp"
#include "engine/expr_eval.hpp"
#include "engine/validate.hpp"

namespace frontdesk {
namespace {
const std::string no_answer;

// A repeat message with its "{n}" (an entry's number) and "{label}" (its summary) filled in.
std::string filled(const std::string& text, std::uint32_t n, const std::string& label = {}) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "{n}") == 0) {
            out += std::to_string(n);
            i += 2;
        } else if (text.compare(i, 7, "{label}") == 0) {
            out += label;
            i += 6;
        } else {
            out += text[i];
        }
    }
    return out;
}
}  // namespace

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
    std::uint32_t entries(std::uint32_t group) const override {
        if (group >= s_.form_->repeat_pages.size() || !s_.on_path_[s_.form_->repeat_pages[group]]) return 0;
        return s_.entries(group);
    }
    std::uint32_t focus(std::uint32_t group, std::uint32_t entry) const override {
        if (group >= s_.focus_.size()) return 0;
        const std::uint32_t before = s_.focus_[group];
        s_.focus_[group] = entry;
        return before;
    }

private:
    const session& s_;
};

session::session(const form& f, std::int64_t today) : form_(&f), today_(today) {
    on_path_.assign(f.pages.size(), 0);
    entries_.assign(f.repeat_pages.size(), 0);
    focus_.assign(f.repeat_pages.size(), 0);
    changed();
    enter(form_->start);
}

void session::set_today(std::int64_t days) {
    today_ = days;
    changed();
}

void session::changed() const {
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
    const repeat_spec* r = form_->repeat_of_page(ref.page);
    if (r != nullptr && entry_in_view(r->group) == 0) return {};
    if (!shown(q)) return {};
    return parse_answer(q, raw_answer(q, r)).typed;
}

std::uint32_t session::entry_in_view(std::uint32_t group) const {
    if (group < focus_.size() && focus_[group] != 0) return focus_[group];
    if (state_ == session_state::question && !history_.empty()) {
        const repeat_spec* r = form_->repeat_of_page(history_.back());
        if (r != nullptr && r->group == group) return entry_;
    }
    return 0;
}

const std::string& session::raw_answer(const question& q, const repeat_spec* r) const {
    std::map<std::string, std::string>::const_iterator it;
    if (r != nullptr) {
        const std::uint32_t n = entry_in_view(r->group);
        if (n == 0) return no_answer;
        it = answers_.find(entry_key(r->id, n, q.id));
    } else {
        it = answers_.find(q.id);
    }
    return it == answers_.end() ? no_answer : it->second;
}

bool session::shown(const question& q) const {
    if (q.show_if.empty()) return true;
    // A repeat question is shown or not per entry: not cached.
    if (form_->repeat_of_slot(q.slot) != nullptr) return holds(q.show_if);
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
    if (state_ == session_state::check) return !history_.empty();
    if (state_ == session_state::question && !history_.empty()) {
        // Back from an entry returns to the summary, unless it is the first entry being added.
        if (const repeat_spec* r = form_->repeat_of_page(history_.back())) {
            if (!adding_ || entries_[r->group] > 1) return true;
        }
    }
    return history_.size() > 1;
}

status session::set_answer(const std::string& question_id, std::string_view value) {
    const page* p = current_page();
    if (p == nullptr) return error{question_id, "There is no question on this page to answer."};
    if (state_ == session_state::summary) {
        if (question_id != p->repeat->id) return error{question_id, "That question is not on this page."};
        add_another_ = normalise_answer(value);
        return status::ok();
    }
    for (const auto& q : p->questions) {
        if (q.id == question_id && q.asks()) {
            answers_[p->repeat ? entry_key(p->repeat->id, entry_, question_id) : question_id] = normalise_answer(value);
            changed();
            return status::ok();
        }
    }
    return error{question_id, "That question is not on this page."};
}

const std::string& session::answer(const std::string& question_id) const {
    if (const question* q = form_->find_question(question_id)) {
        return raw_answer(*q, form_->repeat_of_slot(q->slot));
    }
    const auto it = answers_.find(question_id);
    return it == answers_.end() ? no_answer : it->second;
}

std::vector<field_error> session::validate_page(std::size_t page) const {
    std::vector<field_error> found;
    const repeat_spec* r = form_->repeat_of_page(page);
    bool any_answer = false;
    const question* first = nullptr;
    for (const auto& q : form_->pages[page].questions) {
        if (!q.asks() || !shown(q)) continue;
        const std::string& raw = raw_answer(q, r);
        any_answer = any_answer || !raw.empty();
        if (first == nullptr) first = &q;
        if (auto message = check_answer(q, raw, form_->engine_texts)) {
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
    // An entry with no answers at all tells nothing: it would be an empty row in the report.
    if (r != nullptr && found.empty() && !any_answer && first != nullptr) {
        found.push_back({first->id, r->messages.empty});
    }
    return found;
}

std::vector<field_error> session::validate_entry(const repeat_spec& r, std::uint32_t entry) const {
    const std::uint32_t before = focus_[r.group];
    focus_[r.group] = entry;
    auto found = validate_page(form_->repeat_pages[r.group]);
    focus_[r.group] = before;
    return found;
}

bool session::shown_in_entry(const repeat_spec& r, std::uint32_t entry, const question& q) const {
    const std::uint32_t before = focus_[r.group];
    focus_[r.group] = entry;
    const bool out = shown(q);
    focus_[r.group] = before;
    return out;
}

std::vector<field_error> session::check_count(const repeat_spec& r) const {
    if (entries_[r.group] >= r.min) return {};
    return {{r.id, r.messages.too_few}};
}

std::vector<field_error> session::validate_passed(std::size_t page) const {
    const repeat_spec* r = form_->repeat_of_page(page);
    if (r == nullptr) return validate_page(page);
    for (std::uint32_t n = 1; n <= entries_[r->group]; ++n) {
        auto found = validate_entry(*r, n);
        if (!found.empty()) return {{r->id, entry_title(*r, n) + ": " + found.front().message}};
    }
    return check_count(*r);
}

std::string session::entry_title(const repeat_spec& r, std::uint32_t entry) const {
    return filled(r.messages.entry, entry);
}

std::string session::entry_summary(const repeat_spec& r, std::uint32_t entry) const {
    if (!r.entry_label.empty() && entry >= 1 && entry <= entries_[r.group]) {
        const std::uint32_t before = focus_[r.group];
        focus_[r.group] = entry;
        std::string text = display_text(evaluate(r.entry_label));
        focus_[r.group] = before;
        if (!normalise_answer(text).empty()) return text;
    }
    return r.messages.unlabelled.empty() ? entry_title(r, entry) : filled(r.messages.unlabelled, entry);
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
    if (const repeat_spec* r = form_->repeat_of_page(index)) {
        // Coming to a repeat for the first time starts entry 1; coming back shows the entries.
        if (entries_[r->group] > 0) {
            show_summary();
        } else {
            entries_[r->group] = 1;
            entry_ = 1;
            adding_ = true;
            entry_before_.clear();
            changed();
        }
    }
}

void session::erase_entry(const repeat_spec& r, std::uint32_t entry) {
    const std::string prefix = entry_key(r.id, entry, "");
    auto it = answers_.lower_bound(prefix);
    while (it != answers_.end() && it->first.starts_with(prefix)) it = answers_.erase(it);
}

void session::show_summary() {
    state_ = session_state::summary;
    entry_ = 0;
    adding_ = false;
    entry_before_.clear();
    add_another_.clear();
    changed();
}

void session::next() {
    notice_.clear();
    if (state_ == session_state::summary) {
        const repeat_spec& r = *form_->pages[history_.back()].repeat;
        // At the maximum the question is not asked: the person can only go on.
        if (entries_[r.group] < r.max) {
            if (add_another_ == "yes") {
                (void)add_another();
                return;
            }
            if (add_another_ != "no") {
                errors_ = {{r.id, r.messages.add_another}};
                return;
            }
        }
        errors_ = check_count(r);
        if (errors_.empty()) leave(history_.back());
        return;
    }
    if (state_ != session_state::question) return;
    const std::size_t here = history_.back();
    errors_ = validate_page(here);
    if (!errors_.empty()) return;
    if (const repeat_spec* r = form_->repeat_of_page(here)) {
        // After a change from check your answers, go straight back when the entries still pass.
        if (returning_to_check_ && check_count(*r).empty()) {
            show_summary();
            leave(here);
        } else {
            show_summary();
        }
        return;
    }
    leave(here);
}

void session::leave(std::size_t here) {
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
        if (!validate_passed(index).empty()) {
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
    notice_.clear();
    if (state_ == session_state::check) {
        if (history_.empty()) return false;
        state_ = form_->pages[history_.back()].kind == page_kind::exit ? session_state::exit
                                                                       : session_state::question;
        if (form_->repeat_of_page(history_.back())) show_summary();
        return true;
    }
    if (state_ == session_state::question) {
        if (const repeat_spec* r = form_->repeat_of_page(history_.back())) {
            if (adding_) {
                // Back from a new entry: it was never added.
                if (entries_[r->group] == 1 && history_.size() <= 1) return false;
                erase_entry(*r, entry_);
                --entries_[r->group];
                if (entries_[r->group] > 0) {
                    show_summary();
                    return true;
                }
            } else {
                // Back from changing an entry: the entry as it was.
                erase_entry(*r, entry_);
                for (const auto& [key, value] : entry_before_) answers_[key] = value;
                show_summary();
                return true;
            }
        }
    }
    if (history_.size() <= 1) return false;
    --on_path_[history_.back()];
    history_.pop_back();
    changed();
    state_ = session_state::question;
    if (form_->repeat_of_page(history_.back())) show_summary();
    return true;
}

status session::add_another() {
    if (state_ != session_state::summary) return error{"", "Entries are added from the summary."};
    const repeat_spec& r = *form_->pages[history_.back()].repeat;
    if (entries_[r.group] >= r.max) {
        errors_ = {{r.id, r.messages.too_many}};
        return error{r.id, errors_.front().message};
    }
    errors_.clear();
    notice_.clear();
    entry_ = ++entries_[r.group];
    adding_ = true;
    entry_before_.clear();
    state_ = session_state::question;
    changed();
    return status::ok();
}

status session::change_entry(std::uint32_t entry) {
    if (state_ != session_state::summary) return error{"", "Entries are changed from the summary."};
    const repeat_spec& r = *form_->pages[history_.back()].repeat;
    if (entry < 1 || entry > entries_[r.group]) return error{r.id, "There is no such entry."};
    errors_.clear();
    notice_.clear();
    entry_ = entry;
    adding_ = false;
    const std::string prefix = entry_key(r.id, entry, "");
    entry_before_.clear();
    for (auto it = answers_.lower_bound(prefix); it != answers_.end() && it->first.starts_with(prefix); ++it) entry_before_[it->first] = it->second;
    state_ = session_state::question;
    changed();
    return status::ok();
}

status session::remove_entry(std::uint32_t entry) {
    const bool on_entry = state_ == session_state::question && entry == entry_;
    if ((state_ != session_state::summary && !on_entry) || history_.empty() || !form_->repeat_of_page(history_.back())) {
        return error{"", "Entries are removed from the summary."};
    }
    const repeat_spec& r = *form_->pages[history_.back()].repeat;
    std::uint32_t& count = entries_[r.group];
    if (entry < 1 || entry > count) return error{r.id, "There is no such entry."};
    const std::string removed = entry_summary(r, entry);
    // Its answers go; the entries after it move up one.
    erase_entry(r, entry);
    for (std::uint32_t n = entry + 1; n <= count; ++n) {
        for (const auto& q : form_->pages[history_.back()].questions) {
            const auto it = answers_.find(entry_key(r.id, n, q.id));
            if (it == answers_.end()) continue;
            answers_[entry_key(r.id, n - 1, q.id)] = std::move(it->second);
            answers_.erase(it);
        }
    }
    --count;
    show_summary();
    errors_.clear();
    notice_ = filled(r.messages.removed, entry, removed);
    return status::ok();
}

status session::change(const std::string& question_id) {
    if (state_ != session_state::check) return error{question_id, "Answers can be changed from check your answers."};
    // A question, an entry's answer (GROUP.N.QUESTION) or a whole repeat (its summary).
    std::optional<std::size_t> page = form_->page_of_question(question_id);
    std::uint32_t entry = 0;
    bool summary = false;
    if (page && form_->repeat_of_page(*page)) summary = true;
    if (const auto whole = form_->group_index(question_id)) {
        page = form_->repeat_pages[*whole];
        summary = true;
    } else if (const auto parts = parse_entry_key(question_id)) {
        const auto group = form_->group_index(parts->group);
        const auto of = form_->page_of_question(parts->question);
        if (!group || !of || *of != form_->repeat_pages[*group] || parts->entry < 1 || parts->entry > entries_[*group]) {
            return error{question_id, "There is no such question."};
        }
        page = of;
        entry = parts->entry;
    }
    if (!page) return error{question_id, "There is no such question."};
    for (std::size_t i = 0; i < history_.size(); ++i) {
        if (history_[i] == *page) {
            for (std::size_t k = i + 1; k < history_.size(); ++k) --on_path_[history_[k]];
            history_.resize(i + 1);
            changed();
            state_ = session_state::question;
            errors_.clear();
            if (entry > 0) {
                show_summary();
                (void)change_entry(entry);
            } else if (summary) {
                show_summary();
            }
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
        const repeat_spec* r = form_->repeat_of_page(index);
        const std::uint32_t entries = r ? entries_[r->group] : 1;
        for (std::uint32_t n = 1; n <= entries; ++n) {
            const std::uint32_t before = r ? focus_[r->group] : 0;
            if (r) focus_[r->group] = n;
            for (const auto& q : form_->pages[index].questions) {
                if (!q.asks() || !shown(q)) continue;
                const parsed_answer a = parse_answer(q, raw_answer(q, r));
                if (a.problem == answer_problem::none) on_path[r ? entry_key(r->id, n, q.id) : q.id] = a.canonical;
            }
            if (r) focus_[r->group] = before;
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
    entries_.assign(form_->repeat_pages.size(), 0);
    focus_.assign(form_->repeat_pages.size(), 0);
    // Plain answers first; then each repeat's entries, numbered again from 1 in order.
    std::vector<bool> had_entries(form_->repeat_pages.size(), false);
    for (const auto& [id, value] : answers) {
        const question* q = form_->find_question(id);
        if (q != nullptr && !form_->repeat_of_slot(q->slot)) answers_[id] = normalise_answer(value);
    }
    for (std::size_t g = 0; g < form_->repeat_pages.size(); ++g) {
        const repeat_spec& r = *form_->pages[form_->repeat_pages[g]].repeat;
        std::set<std::size_t> numbers;  // in order
        for (auto it = answers.lower_bound(r.id + "."); it != answers.end() && it->first.starts_with(r.id + "."); ++it) {
            const auto parts = parse_entry_key(it->first);
            const auto page = parts ? form_->page_of_question(parts->question) : std::nullopt;
            if (page && *page == form_->repeat_pages[g] && parts->group == r.id && parts->entry >= 1) numbers.insert(parts->entry);
        }
        had_entries[g] = !numbers.empty();
        for (const std::size_t n : numbers) {
            if (entries_[g] >= r.max) break;  // restore_draft lists the rest as dropped
            ++entries_[g];
            for (const auto& q : form_->pages[form_->repeat_pages[g]].questions) {
                const auto it = answers.find(entry_key(r.id, static_cast<std::uint32_t>(n), q.id));
                if (it != answers.end()) answers_[entry_key(r.id, entries_[g], q.id)] = normalise_answer(it->second);
            }
        }
    }
    history_.clear();
    on_path_.assign(form_->pages.size(), 0);
    completed_.clear();
    errors_.clear();
    notice_.clear();
    returning_to_check_ = false;
    changed();
    enter(form_->start);
    // Each step adds a page to the path; a journey that has not stopped after
    // visiting every page once is going round a cycle.
    for (std::size_t step = 0; step <= form_->pages.size() &&
                               (state_ == session_state::question || state_ == session_state::summary);
         ++step) {
        const std::size_t here = history_.back();
        const std::string& id = form_->pages[here].id;
        if (id == stop_at || !completed.count(id)) break;
        const repeat_spec* r = form_->repeat_of_page(here);
        // A repeat passed with no entries: the entry its page starts was not wanted.
        if (r && state_ == session_state::question && !had_entries[r->group]) (void)remove_entry(entry_);
        auto found = validate_passed(here);
        if (!found.empty()) {
            errors_ = std::move(found);
            break;
        }
        if (r) {
            if (state_ == session_state::question) show_summary();
            leave(here);
        } else {
            next();
        }
    }
    notice_.clear();
    const bool stopped_where_asked = state_ == session_state::check ? stop_at == check_answers_page
                                                                    : form_->pages[history_.back()].id == stop_at;
    returning_to_check_ = returning_to_check && stopped_where_asked &&
                          (state_ == session_state::question || state_ == session_state::summary);
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

progress_estimate session::progress() const {
    progress_estimate out;
    if (history_.empty()) return out;
    if (state_ == session_state::check) {
        out.done = out.total = history_.size();
        return out;
    }
    // The current page is not done yet: it counts in the total only.
    out.done = history_.size() - 1;
    out.total = history_.size();
    if (state_ == session_state::exit) return out;
    // Play on from here: each page ahead joins the path for a moment, so the
    // answers already given to it (say, before going back) steer the routes
    // as they will when the person goes on. An unanswered condition is not
    // true, so where nothing is known yet the page's `next` is followed. The
    // bound stops a journey that goes round in a circle. (Marking pages
    // rather than copying the session keeps the wasm engine small.)
    std::vector<std::size_t> ahead;
    std::string target = destination_of(history_.back());
    for (std::size_t step = 0; target != check_answers_page && step < form_->pages.size(); ++step) {
        const auto index = form_->page_index(target);
        if (!index || on_path_[*index] > 0) break;
        ++on_path_[*index];
        ahead.push_back(*index);
        changed();
        ++out.total;
        if (form_->pages[*index].kind == page_kind::exit) break;
        target = destination_of(*index);
    }
    for (const std::size_t index : ahead) --on_path_[index];
    if (!ahead.empty()) changed();
    return out;
}

int session::chosen_route() const {
    if ((state_ != session_state::question && state_ != session_state::summary) || history_.empty()) return -1;
    const auto& p = form_->pages[history_.back()];
    for (std::size_t i = 0; i < p.routes.size(); ++i) {
        if (holds(p.routes[i].when)) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace frontdesk
