#include "engine/paths.hpp"

#include <algorithm>
#include <set>

#include "engine/answer.hpp"
#include "engine/session.hpp"
#include "engine/validate.hpp"

namespace frontdesk {
namespace {

// A value that passes the question's own checks, when one is needed.
std::string valid_example(const question& q) {
    switch (q.type) {
        case question_type::number: return q.min ? number_text(*q.min) : "1";
        case question_type::decimal: return q.min ? number_text(*q.min) : "1.5";
        case question_type::money: return q.min ? number_text(*q.min) : "10.00";
        case question_type::date: return q.max ? iso_date(*q.max) : q.min ? iso_date(*q.min) : "2020-01-01";
        case question_type::time: return "12:00";
        case question_type::yes_no: return "yes";
        case question_type::email: return "name@example.com";
        case question_type::phone: return "07700900982";
        case question_type::postcode: return "SW1A 1AA";
        case question_type::registration: return "AB12CDE";
        case question_type::address: return "1 High Street\n\nLondon\nSW1A 1AA";
        case question_type::file:
            return file_reference_text({std::string(64, '0'), 1, "file-1" + (q.accept.empty() ? std::string(".txt") : q.accept.substr(0, q.accept.find(',')))});
        default: break;
    }
    switch (q.format) {
        case answer_format::uk_postcode: return "SW1A 1AA";
        case answer_format::email: return "name@example.com";
        case answer_format::uk_phone: return "07700900982";
        case answer_format::vehicle_registration: return "AB12CDE";
        case answer_format::none: break;
    }
    return "x";
}

// Whether an expression reads a question's answer, directly or through
// calculated values (which read only earlier ones, so this ends).
bool reads(const form& f, const expression& e, std::uint32_t slot, int depth = 0) {
    for (const auto& i : e.code.code) {
        if (i.op == opcode::answer && i.arg == slot) return true;
        if (i.op == opcode::calculation && i.arg < f.calculations.size() && depth < 64 &&
            reads(f, f.calculations[i.arg].formula, slot, depth + 1)) {
            return true;
        }
    }
    return false;
}

// Every expression of the form, with what to do for each.
template <typename F>
void each_expression(const form& f, F&& visit) {
    for (const auto& p : f.pages) {
        for (const auto& r : p.routes) visit(r.when);
        if (p.repeat) visit(p.repeat->entry_label);
        for (const auto& q : p.questions) {
            visit(q.show_if);
            for (const auto& c : q.checks) visit(c.must);
        }
    }
    for (const auto& c : f.calculations) visit(c.formula);
    for (const auto& rule : f.team_rules) visit(rule.when);
}

struct search {
    const form& f;
    const path_limits& limits;
    path_report out;
    std::set<std::tuple<std::vector<std::string>, path_outcome, int>> seen;
    std::set<std::pair<std::string, std::size_t>> routes_taken;
    std::set<int> rules_taken;
    std::set<std::pair<std::string, std::size_t>> questions_shown;  // page id, question index
    std::size_t steps = 0;
    // Questions some expression reads. Answers to the others never change
    // where a journey goes, so one sample of them is enough, and two
    // journeys that differ only in them are the same journey.
    std::vector<bool> read_slots;

    void find_read_slots() {
        read_slots.assign(f.slots.size(), false);
        each_expression(f, [&](const expression& e) {
            for (const auto& i : e.code.code) {
                if (i.op == opcode::answer && i.arg < read_slots.size()) read_slots[i.arg] = true;
            }
        });
    }

    // Two states with the same next page and the same value of every
    // expression of the form will, as far as this search can tell, go on in
    // the same ways: one walk serves both. (A rule combining an answer given
    // now with one given later can make this miss a journey; the search is
    // a sampling, bounded and reported as such.)
    std::string signature(const session& s) {
        std::string key = s.state() == session_state::check ? std::string(check_answers_page) : s.current_page()->id;
        each_expression(f, [&](const expression& e) {
            if (!e.empty()) key += "\x1f" + display_text(s.evaluate(e));
        });
        return key;
    }

    bool exhausted() {
        if (out.paths.size() >= limits.max_paths || steps >= limits.max_steps) {
            out.truncated = true;
            return true;
        }
        return false;
    }

    void record(const session& s, path_outcome outcome) {
        form_path p;
        p.pages = s.path();
        p.outcome = outcome;
        if (outcome == path_outcome::submitted) {
            p.team_rule = s.chosen_team_rule();
            p.route = s.route();
            rules_taken.insert(p.team_rule);
        }
        if (!seen.insert({p.pages, p.outcome, p.team_rule}).second) return;
        p.answers = s.answers_on_path();
        out.paths.push_back(std::move(p));
    }

    // Every combination of sample answers for the page's questions, up to the limit.
    std::vector<std::map<std::string, std::string>> combinations(const page& pg) {
        std::vector<std::map<std::string, std::string>> combos{{}};
        for (const auto& q : pg.questions) {
            if (!q.asks()) continue;
            auto samples = sample_answers(f, q, limits.today);
            if (!read_slots[q.slot] && samples.size() > 1) samples.resize(1);
            std::vector<std::map<std::string, std::string>> grown;
            for (const auto& c : combos) {
                for (const auto& v : samples) {
                    if (grown.size() >= limits.max_combinations_per_page) break;
                    auto next = c;
                    next[q.id] = v;
                    grown.push_back(std::move(next));
                }
            }
            if (grown.size() >= limits.max_combinations_per_page) out.truncated = true;
            combos = std::move(grown);
        }
        return combos;
    }

    void walk(const session& s) {
        if (exhausted()) return;
        switch (s.state()) {
            case session_state::check: record(s, path_outcome::submitted); return;
            case session_state::exit: record(s, path_outcome::exit); return;
            case session_state::summary: {
                // Back on a repeat's summary (a journey that came round to it): no more entries.
                session branch = s;
                (void)branch.set_answer(s.current_page()->repeat->id, "no");
                branch.next();
                ++steps;
                if (branch.errors().empty()) walk(branch);
                return;
            }
            case session_state::question: break;
        }
        const page& here = *s.current_page();
        std::set<std::string> next_seen;  // one walk per next page and answers that matter
        // One step from here: `entry(n)` gives the answers for the page (for a
        // repeat, its entry n, from 0), played with `count` entries. False when
        // the answers do not pass the page's checks.
        // The questions with a show_if that the answers just given show (a
        // show_if reads only earlier answers, so they are final here).
        const auto note_shown = [&](const session& branch, std::vector<std::size_t>& shown) {
            for (std::size_t k = 0; k < here.questions.size(); ++k) {
                if (!here.questions[k].show_if.empty() && branch.shown(here.questions[k])) shown.push_back(k);
            }
        };
        const auto play = [&](const auto& entry, std::uint32_t count) {
            session branch = s;
            std::vector<std::size_t> shown;
            for (const auto& [id, value] : entry(0)) (void)branch.set_answer(id, value);
            note_shown(branch, shown);
            int route = branch.chosen_route();
            if (here.repeat) {
                branch.next();
                while (branch.errors().empty() && branch.state() == session_state::summary &&
                       branch.entries(here.repeat->group) < count) {
                    const auto& answers = entry(branch.entries(here.repeat->group));
                    (void)branch.add_another();
                    for (const auto& [id, value] : answers) (void)branch.set_answer(id, value);
                    note_shown(branch, shown);
                    branch.next();
                }
                if (!branch.errors().empty()) return false;
                (void)branch.set_answer(here.repeat->id, "no");
                route = branch.chosen_route();
            }
            branch.next();
            ++steps;
            if (!branch.errors().empty()) return false;
            if (route >= 0) routes_taken.insert({here.id, static_cast<std::size_t>(route)});
            // Shown on a step that passed: a journey found shows them.
            for (const std::size_t k : shown) questions_shown.insert({here.id, k});
            if (!next_seen.insert(signature(branch)).second) return true;
            if (branch.state() == session_state::question || branch.state() == session_state::summary) {
                const auto path = branch.path();
                const auto& last = path.back();
                if (std::count(path.begin(), path.end(), last) > 1) {
                    record(branch, path_outcome::cycle);
                    return true;
                }
            }
            walk(branch);
            return true;
        };
        // A repeat is one step, played with as few entries as it allows (at
        // least one) and with as many, each entry with the same answers; then
        // once with entries that differ (each the next answers that passed, in
        // turn), so that rules over a mix of entries (any but not all, a sum
        // of unlike values) are reached too.
        std::vector<std::uint32_t> entry_counts{1};
        if (here.repeat) {
            entry_counts = {std::max<std::uint32_t>(here.repeat->min, 1)};
            if (here.repeat->max != entry_counts.front()) entry_counts.push_back(here.repeat->max);
        }
        std::vector<std::map<std::string, std::string>> passed;
        for (const auto& answers : combinations(here)) {
            bool passes = false;
            for (const std::uint32_t count : entry_counts) {
                if (exhausted()) return;
                passes = play([&](std::uint32_t) -> const auto& { return answers; }, count) || passes;
            }
            if (here.repeat && passes) passed.push_back(answers);
        }
        if (here.repeat && here.repeat->max >= 2 && passed.size() > 1 && !exhausted()) {
            const auto count = static_cast<std::uint32_t>(std::min<std::size_t>(passed.size(), here.repeat->max));
            play([&](std::uint32_t n) -> const auto& { return passed[n % passed.size()]; },
                 std::max({count, entry_counts.front(), std::uint32_t{2}}));
        }
    }
};

}  // namespace

const char* path_outcome_name(path_outcome o) {
    switch (o) {
        case path_outcome::submitted: return "submitted";
        case path_outcome::exit: return "exit";
        case path_outcome::cycle: return "cycle";
    }
    return "submitted";
}

std::vector<std::string> sample_answers(const form& f, const question& q, std::int64_t today) {
    std::vector<std::string> samples;
    auto add = [&](const std::string& v) {
        if (std::find(samples.begin(), samples.end(), v) == samples.end()) samples.push_back(v);
    };
    if (!q.asks()) return samples;
    if (!q.choices.empty()) {
        for (const auto& c : q.choices) add(c.value);
    } else if (q.type == question_type::yes_no) {
        add("yes");
        add("no");
    } else {
        // Each value an expression that reads this question holds, either
        // side of it for numbers and dates, and one that is none of them.
        auto consider = [&](const std::string& v) {
            if (!check_answer(q, v)) add(v);
        };
        each_expression(f, [&](const expression& e) {
            if (!reads(f, e, q.slot)) return;
            for (const auto& c : e.code.constants) {
                if (c.kind == value_kind::text) consider(c.s);
                if (c.kind == value_kind::number && answer_type(q) == value_type::number) {
                    for (std::int64_t d : {-number_scale, std::int64_t{0}, number_scale}) consider(number_text(c.n + d));
                }
                if (c.kind == value_kind::date && q.type == question_type::date) {
                    for (std::int64_t d : {-1, 0, 1}) consider(iso_date(c.n + d));
                }
            }
        });
        add(valid_example(q));
        // The ends of a range reach the branches a threshold opens.
        if (q.max) consider(q.type == question_type::date ? iso_date(*q.max) : number_text(*q.max));
        if (q.min) consider(q.type == question_type::date ? iso_date(*q.min) : number_text(*q.min));
        // Today and yesterday, for rules on how recent something is.
        if (q.type == question_type::date) {
            consider(iso_date(today));
            consider(iso_date(today - 1));
        }
        // A postcode in each place a lookup table knows (one per distinct entry).
        if (q.type == question_type::postcode || q.format == answer_format::uk_postcode) {
            for (const auto& t : f.tables) {
                std::set<std::string> places;
                for (const auto& [district, place] : t.entries) {
                    if (places.insert(place).second) consider(district + " 1AA");
                }
            }
        }
        // A second place, in no lookup table of ours, for "outside our area" branches.
        if (q.type == question_type::postcode || q.format == answer_format::uk_postcode) add("ZE1 0AA");
    }
    if (!q.required) add("");
    return samples;
}

path_report enumerate_paths(const form& f, const path_limits& limits) {
    search s{f, limits, {}, {}, {}, {}, {}, 0, {}};
    s.find_read_slots();
    s.walk(session(f, limits.today));
    std::set<std::string> used;
    for (const auto& p : s.out.paths) used.insert(p.pages.begin(), p.pages.end());
    for (const auto& p : f.pages) {
        if (!used.count(p.id)) s.out.unused_pages.push_back(p.id);
        for (std::size_t i = 0; i < p.routes.size(); ++i) {
            if (!s.routes_taken.count({p.id, i})) s.out.unused_page_routes.push_back({p.id, i});
        }
        if (!used.count(p.id)) continue;
        for (std::size_t k = 0; k < p.questions.size(); ++k) {
            if (!p.questions[k].show_if.empty() && !s.questions_shown.count({p.id, k})) s.out.unshown_questions.push_back({p.id, k});
        }
    }
    for (std::size_t i = 0; i < f.team_rules.size(); ++i) {
        if (!s.rules_taken.count(static_cast<int>(i))) s.out.unused_team_rules.push_back(i);
    }
    return std::move(s.out);
}

}  // namespace frontdesk
