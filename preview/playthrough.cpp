#include "preview/playthrough.hpp"

#include <algorithm>
#include <ctime>

#include "engine/answer.hpp"

namespace frontdesk::preview {

std::int64_t utc_today() { return static_cast<std::int64_t>(std::time(nullptr)) / 86400; }

playthrough start_playthrough(std::shared_ptr<const form> f, std::int64_t today) {
    playthrough p;
    p.definition = std::move(f);
    p.today = today;
    p.journey = std::make_unique<session>(*p.definition, today);
    return p;
}

status take_step(playthrough& p, const step& s) {
    session& j = *p.journey;
    switch (s.kind) {
        case step_kind::answer: {
            if (auto st = j.set_answer(s.question, s.value); !st) return st;
            if (!p.steps.empty() && p.steps.back().kind == step_kind::answer && p.steps.back().question == s.question) {
                p.steps.back().value = s.value;
                return status::ok();
            }
            break;
        }
        case step_kind::next:
            if (j.state() != session_state::question && j.state() != session_state::summary) {
                return error{"", "There is no page to continue from."};
            }
            j.next();
            break;
        case step_kind::add_another:
            if (auto st = j.add_another(); !st) return st;
            break;
        case step_kind::change_entry:
        case step_kind::remove_entry: {
            const auto n = parse_number(s.value);
            if (!n || *n < number_scale || *n % number_scale != 0) return error{s.value, "That is not an entry number."};
            const auto entry = static_cast<std::uint32_t>(*n / number_scale);
            if (auto st = s.kind == step_kind::change_entry ? j.change_entry(entry) : j.remove_entry(entry); !st) return st;
            break;
        }
        case step_kind::back:
            if (!j.back()) return error{"", "There is nowhere to go back to."};
            break;
        case step_kind::change:
            if (auto st = j.change(s.question); !st) return st;
            break;
    }
    p.steps.push_back(s);
    return status::ok();
}

replayed replay_steps(const playthrough& p, std::shared_ptr<const form> f) {
    replayed out{start_playthrough(std::move(f), p.today), 0};
    out.play.language = p.language;
    for (const auto& s : p.steps) {
        if (!take_step(out.play, s)) ++out.skipped;
    }
    return out;
}

bool walk_to(playthrough& p, const std::map<std::string, std::string>& answers, const std::string& page_id) {
    auto language = p.language;
    p = start_playthrough(p.definition, p.today);
    p.language = std::move(language);
    // Each page is entered at most once on a journey that goes anywhere new; a
    // repeat page takes two steps per entry and one more.
    auto has_entry = [&](const repeat_spec& r, std::uint32_t n) {
        const std::string prefix = entry_key(r.id, n, "");
        const auto it = answers.lower_bound(prefix);
        return it != answers.end() && it->first.starts_with(prefix);
    };
    for (std::size_t i = 0; i <= p.definition->pages.size() * (2 * largest_repeat + 3); ++i) {
        const page* here = p.journey->current_page();
        if (here == nullptr) return page_id.empty() || page_id == check_answers_page;
        if (here->id == page_id) return true;
        if (p.journey->state() == session_state::summary) {
            const repeat_spec& r = *here->repeat;
            if (has_entry(r, p.journey->entries(r.group) + 1)) {
                if (!take_step(p, {step_kind::add_another, "", ""})) return false;
                continue;
            }
            (void)take_step(p, {step_kind::answer, r.id, "no"});
        } else if (p.journey->state() != session_state::question) {
            return page_id.empty();
        } else {
            const std::uint32_t entry = p.journey->entry();
            for (const auto& q : here->questions) {
                const auto it = answers.find(here->repeat ? entry_key(here->repeat->id, entry, q.id) : q.id);
                (void)take_step(p, {step_kind::answer, q.id, it == answers.end() ? "" : it->second});
            }
        }
        (void)take_step(p, {step_kind::next, "", ""});
        if (!p.journey->errors().empty()) return false;
    }
    return false;
}

bool back_to(playthrough& p, const std::string& page_id) {
    const auto path = p.journey->path();
    if (std::find(path.begin(), path.end(), page_id) == path.end()) return false;
    while (p.journey->current_page() == nullptr || p.journey->current_page()->id != page_id) {
        if (!take_step(p, {step_kind::back, "", ""})) return false;
    }
    return true;
}

std::string page_heading(const page& pg) {
    if (pg.kind == page_kind::questions && pg.questions.size() == 1) return pg.questions.front().label;
    return pg.title;
}

const std::string* error_for(const session& s, const std::string& question_id) {
    for (const auto& e : s.errors()) {
        if (e.question == question_id) return &e.message;
    }
    return nullptr;
}

std::string shown_value(const question& q, const std::string& raw) {
    const auto parsed = parse_answer(q, raw);
    return parsed.problem == answer_problem::none ? display_answer(q, parsed) : raw;
}

std::vector<answer_row> live_answers(const session& s) {
    const auto on_path = s.answers_on_path();
    std::vector<answer_row> rows;
    for (const auto& pg : s.definition().pages) {
        if (pg.repeat) {
            // Every entry's answers, by their GROUP.N.QUESTION keys.
            for (std::uint32_t n = 1; n <= s.entries(pg.repeat->group); ++n) {
                for (const auto& q : pg.questions) {
                    const std::string key = entry_key(pg.repeat->id, n, q.id);
                    const auto& value = s.answer(key);
                    if (value.empty() || !q.asks()) continue;
                    rows.push_back({pg.id, key, q.label, shown_value(q, value), on_path.count(key) > 0});
                }
            }
            continue;
        }
        for (const auto& q : pg.questions) {
            const auto& value = s.answer(q.id);
            if (value.empty() || !q.asks()) continue;
            rows.push_back({pg.id, q.id, q.label, shown_value(q, value), on_path.count(q.id) > 0});
        }
    }
    return rows;
}

std::vector<answer_row> check_rows(const session& s) {
    std::vector<answer_row> rows;
    for (const auto& page_id : s.path()) {
        const page& pg = s.definition().pages[*s.definition().page_index(page_id)];
        if (pg.repeat) {
            const repeat_spec& r = *pg.repeat;
            const std::uint32_t count = s.entries(r.group);
            rows.push_back({pg.id, r.id, r.summary_title, count == 0 ? "None" : std::to_string(count), true});
            for (std::uint32_t n = 1; n <= count; ++n) {
                for (const auto& q : pg.questions) {
                    if (!q.asks() || !s.shown_in_entry(r, n, q)) continue;
                    const std::string key = entry_key(r.id, n, q.id);
                    const auto& raw = s.answer(key);
                    rows.push_back({pg.id, key, s.entry_title(r, n) + ": " + q.label, raw.empty() ? "" : shown_value(q, raw), true});
                }
            }
            continue;
        }
        for (const auto& q : pg.questions) {
            if (!q.asks() || !s.shown(q)) continue;
            const auto& raw = s.answer(q.id);
            rows.push_back({pg.id, q.id, q.label, raw.empty() ? "" : shown_value(q, raw), true});
        }
    }
    return rows;
}

std::vector<calculated_row> calculated_values(const session& s) {
    std::vector<calculated_row> rows;
    const auto& calculations = s.definition().calculations;
    for (std::size_t i = 0; i < calculations.size(); ++i) {
        rows.push_back({calculations[i].id, display_text(s.calculated(i))});
    }
    return rows;
}

const char* state_name(session_state st) {
    switch (st) {
        case session_state::question: return "question";
        case session_state::exit: return "exit";
        case session_state::check: return "check";
        case session_state::summary: return "summary";
    }
    return "?";
}

live_route live_route_of(const session& s) {
    live_route out;
    out.route = s.route();
    const int rule = s.chosen_team_rule();
    out.decided_by = rule < 0 ? "the default route" : "routing rule " + std::to_string(rule + 1);
    const page* here = s.current_page();
    if ((s.state() != session_state::question && s.state() != session_state::summary) || here == nullptr) return out;
    // A repeat's routes are tried once its entries are done, from its summary.
    if (here->repeat && s.state() == session_state::question) return out;
    const int r = s.chosen_route();
    out.next_page = r < 0 ? here->next : here->routes[static_cast<std::size_t>(r)].go_to;
    out.next_by = r < 0 ? "the page's next" : "route " + std::to_string(r + 1) + " of this page";
    return out;
}

}  // namespace frontdesk::preview
