#include "engine/paths.hpp"

#include <algorithm>
#include <set>

#include "engine/session.hpp"
#include "engine/validate.hpp"

namespace frontdesk {
namespace {

// A value that passes the question's own checks, when one is needed.
std::string valid_example(const question& q) {
    switch (q.format) {
        case answer_format::uk_postcode: return "SW1A 1AA";
        case answer_format::email: return "name@example.com";
        case answer_format::none: break;
    }
    return "x";
}

struct search {
    const form& f;
    const path_limits& limits;
    path_report out;
    std::set<std::tuple<std::vector<std::string>, path_outcome, int>> seen;
    std::set<std::pair<std::string, std::size_t>> routes_taken;
    std::set<int> rules_taken;
    std::size_t steps = 0;

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
            const auto samples = sample_answers(f, q);
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
            case session_state::question: break;
        }
        const page& here = *s.current_page();
        std::set<std::string> next_seen;  // one walk per distinct next page and answers that matter
        for (const auto& answers : combinations(here)) {
            if (exhausted()) return;
            session branch = s;
            for (const auto& [id, value] : answers) (void)branch.set_answer(id, value);
            const int route = branch.chosen_route();
            branch.next();
            ++steps;
            if (!branch.errors().empty()) continue;  // these samples do not pass the page's checks
            if (route >= 0) routes_taken.insert({here.id, static_cast<std::size_t>(route)});
            if (branch.state() == session_state::question) {
                const auto path = branch.path();
                const auto& last = path.back();
                if (std::count(path.begin(), path.end(), last) > 1) {
                    record(branch, path_outcome::cycle);
                    continue;
                }
            }
            walk(branch);
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

std::vector<std::string> sample_answers(const form& f, const question& q) {
    std::vector<std::string> samples;
    auto add = [&](const std::string& v) {
        if (std::find(samples.begin(), samples.end(), v) == samples.end()) samples.push_back(v);
    };
    if (!q.choices.empty()) {
        for (const auto& c : q.choices) add(c.value);
    } else {
        // Each value a condition compares this question with, and one that is none of them.
        auto consider = [&](const condition& c) {
            if (c.question == q.id && !check_answer(q, c.equals)) add(c.equals);
        };
        for (const auto& p : f.pages) {
            for (const auto& r : p.routes) consider(r.when);
        }
        for (const auto& rule : f.team_rules) consider(rule.when);
        add(valid_example(q));
    }
    if (!q.required) add("");
    return samples;
}

path_report enumerate_paths(const form& f, const path_limits& limits) {
    search s{f, limits, {}, {}, {}, {}, 0};
    s.walk(session(f));
    std::set<std::string> used;
    for (const auto& p : s.out.paths) used.insert(p.pages.begin(), p.pages.end());
    for (const auto& p : f.pages) {
        if (!used.count(p.id)) s.out.unused_pages.push_back(p.id);
        for (std::size_t i = 0; i < p.routes.size(); ++i) {
            if (!s.routes_taken.count({p.id, i})) s.out.unused_page_routes.push_back({p.id, i});
        }
    }
    for (std::size_t i = 0; i < f.team_rules.size(); ++i) {
        if (!s.rules_taken.count(static_cast<int>(i))) s.out.unused_team_rules.push_back(i);
    }
    return std::move(s.out);
}

}  // namespace frontdesk
