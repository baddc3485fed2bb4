#include "preview/paths_fallback.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "engine/session.hpp"
#include "engine/validate.hpp"

namespace frontdesk::preview {
namespace {

std::vector<const condition*> all_conditions(const form& f) {
    std::vector<const condition*> out;
    for (const auto& p : f.pages) {
        for (const auto& r : p.routes) out.push_back(&r.when);
    }
    for (const auto& r : f.team_rules) out.push_back(&r.when);
    return out;
}

std::string example_answer(const question& q) {
    switch (q.format) {
        case answer_format::uk_postcode: return "SW1A 2JR";
        case answer_format::email: return "name@example.com";
        case answer_format::none: break;
    }
    std::string text = "Example";
    if (q.max_length > 0 && text.size() > q.max_length) text.resize(q.max_length);
    return text;
}

// A condition holds when its question's page is on the path and the answer equals.
bool holds(const session& s, const condition& c) {
    const auto page = s.definition().page_of_question(c.question);
    if (!page) return false;
    const auto path = s.path();
    if (std::find(path.begin(), path.end(), s.definition().pages[*page].id) == path.end()) return false;
    return s.answer(c.question) == c.equals;
}

struct search {
    const form& f;
    const path_limits& limits;
    path_report report;
    std::set<std::tuple<std::vector<std::string>, path_outcome, std::string, std::string>> seen;
    std::set<std::pair<std::string, std::size_t>> used_routes;
    std::set<int> used_rules;
    std::size_t steps = 0;

    void record(const session& s, path_outcome outcome, const std::map<std::string, std::string>& answers) {
        form_path p;
        p.pages = s.path();
        p.outcome = outcome;
        p.answers = answers;
        if (outcome == path_outcome::submitted) {
            p.route = s.route();
            const auto on_path = s.answers_on_path();
            for (std::size_t i = 0; i < f.team_rules.size(); ++i) {
                const auto it = on_path.find(f.team_rules[i].when.question);
                if (it != on_path.end() && it->second == f.team_rules[i].when.equals) {
                    p.team_rule = static_cast<int>(i);
                    break;
                }
            }
            used_rules.insert(p.team_rule);
        }
        if (!seen.insert({p.pages, p.outcome, p.route.team, p.route.urgency}).second) return;
        if (report.paths.size() >= limits.max_paths) {
            report.truncated = true;
            return;
        }
        report.paths.push_back(std::move(p));
    }

    void walk(const session& s, const std::map<std::string, std::string>& answers) {
        if (report.truncated) return;
        if (++steps > limits.max_steps) {
            report.truncated = true;
            return;
        }
        if (s.state() == session_state::check) return record(s, path_outcome::submitted, answers);
        if (s.state() == session_state::exit) return record(s, path_outcome::exit, answers);
        const auto path = s.path();
        if (std::count(path.begin(), path.end(), path.back()) > 1) return record(s, path_outcome::cycle, answers);

        const page& here = *s.current_page();
        std::vector<std::vector<std::string>> samples;
        for (const auto& q : here.questions) samples.push_back(sample_answers(f, q));
        std::vector<std::size_t> pick(samples.size(), 0);
        for (std::size_t tried = 0; tried < limits.max_combinations_per_page; ++tried) {
            session next = s;
            auto walked = answers;
            for (std::size_t i = 0; i < here.questions.size(); ++i) {
                const auto& value = samples[i][pick[i]];
                (void)next.set_answer(here.questions[i].id, value);
                if (!value.empty()) walked[here.questions[i].id] = value;
            }
            const auto routes_from = next;  // answers set, page not yet left
            next.next();
            if (next.errors().empty()) {
                for (std::size_t r = 0; r < here.routes.size(); ++r) {
                    if (holds(routes_from, here.routes[r].when)) {
                        used_routes.insert({here.id, r});
                        break;
                    }
                }
                walk(next, walked);
            }
            // The next combination, like an odometer.
            std::size_t i = 0;
            for (; i < pick.size(); ++i) {
                if (++pick[i] < samples[i].size()) break;
                pick[i] = 0;
            }
            if (i == pick.size()) return;
        }
        report.truncated = true;
    }
};

}  // namespace

std::vector<std::string> sample_answers(const form& f, const question& q) {
    std::vector<std::string> out;
    auto add = [&](std::string v) {
        if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
    };
    bool compared = false;
    for (const auto* c : all_conditions(f)) {
        if (c->question != q.id) continue;
        compared = true;
        if (!check_answer(q, c->equals)) add(c->equals);
    }
    if (q.type == question_type::radios) {
        // Options no condition names all walk the same way: one stands for them.
        for (const auto& c : q.choices) {
            if (std::find(out.begin(), out.end(), c.value) == out.end()) {
                add(c.value);
                break;
            }
        }
    } else {
        std::string example = example_answer(q);
        while (std::find(out.begin(), out.end(), example) != out.end()) example += " x";
        if (!check_answer(q, example)) add(example);
    }
    if (!q.required && compared) add("");
    return out.empty() ? std::vector<std::string>{""} : out;
}

path_report enumerate_paths(const form& f, const path_limits& limits) {
    search s{f, limits, {}, {}, {}, {}, 0};
    s.walk(session(f), {});
    std::set<std::string> visited;
    for (const auto& p : s.report.paths) visited.insert(p.pages.begin(), p.pages.end());
    for (const auto& p : f.pages) {
        if (!visited.count(p.id)) s.report.unused_pages.push_back(p.id);
        for (std::size_t r = 0; r < p.routes.size(); ++r) {
            if (!s.used_routes.count({p.id, r})) s.report.unused_page_routes.push_back({p.id, r});
        }
    }
    for (std::size_t i = 0; i < f.team_rules.size(); ++i) {
        if (!s.used_rules.count(static_cast<int>(i))) s.report.unused_team_rules.push_back(i);
    }
    return s.report;
}

const char* path_outcome_name(path_outcome o) {
    switch (o) {
        case path_outcome::submitted: return "submitted";
        case path_outcome::exit: return "exit";
        case path_outcome::cycle: return "cycle";
    }
    return "?";
}

}  // namespace frontdesk::preview
