#include "engine/lint.hpp"

#include <algorithm>
#include <set>

#include "engine/expr_eval.hpp"
#include "engine/paths.hpp"
#include "engine/translate.hpp"

namespace frontdesk {
namespace {

std::string page_at(std::size_t i) { return "/pages/" + std::to_string(i); }

// A condition that reads nothing that changes has one value for ever.
std::optional<bool> constant_truth(const expression& e) {
    if (e.empty() || !is_constant_program(e.code)) return std::nullopt;
    return evaluate(e.code, empty_context()).is_true();
}

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

class linter {
public:
    linter(const form& f, const lint_options& o) : f_(f), options_(o) {}

    std::vector<lint_finding> run() {
        graph();
        conditions();
        journeys();
        unused();
        translations();
        files();
        std::stable_sort(out_.begin(), out_.end(), [](const lint_finding& a, const lint_finding& b) {
            return pointer_order(a.where) < pointer_order(b.where);
        });
        return std::move(out_);
    }

private:
    void add(std::string where, lint_level level, std::string message) {
        out_.push_back({std::move(where), level, std::move(message)});
    }

    // Sorts pointers by their numbers, so /pages/10 comes after /pages/9.
    static std::vector<std::string> pointer_order(const std::string& p) {
        std::vector<std::string> parts;
        std::size_t from = 1;
        while (from <= p.size()) {
            auto to = p.find('/', from);
            if (to == std::string::npos) to = p.size();
            std::string part = p.substr(from, to - from);
            if (!part.empty() && part.find_first_not_of("0123456789") == std::string::npos) {
                part = std::string(12 - std::min<std::size_t>(12, part.size()), '0') + part;
            }
            parts.push_back(part);
            from = to + 1;
        }
        return parts;
    }

    // Where a page can go: its routes' targets and its next page.
    std::vector<std::string> targets(const page& p) const {
        std::vector<std::string> out;
        for (const auto& r : p.routes) out.push_back(r.go_to);
        if (!p.next.empty()) out.push_back(p.next);
        return out;
    }

    void graph() {
        const std::size_t n = f_.pages.size();
        // Reachable from the start, following every route as if it could fire.
        std::vector<bool> reached(n, false);
        std::vector<std::size_t> todo;
        if (auto start = f_.page_index(f_.start)) {
            reached[*start] = true;
            todo.push_back(*start);
        }
        while (!todo.empty()) {
            const std::size_t i = todo.back();
            todo.pop_back();
            for (const auto& t : targets(f_.pages[i])) {
                const auto j = f_.page_index(t);
                if (j && !reached[*j]) {
                    reached[*j] = true;
                    todo.push_back(*j);
                }
            }
        }
        // Pages from which a journey can end: on check your answers or an exit page.
        std::vector<bool> ends(n, false);
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t i = 0; i < n; ++i) {
                if (ends[i]) continue;
                const page& p = f_.pages[i];
                bool can = p.kind == page_kind::exit;
                for (const auto& t : targets(p)) {
                    const auto j = f_.page_index(t);
                    can = can || t == check_answers_page || (j && ends[*j]);
                }
                if (can) ends[i] = changed = true;
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            reachable_.push_back(reached[i]);
            if (!reached[i]) {
                add(page_at(i), lint_level::warning, "no page leads to '" + f_.pages[i].id + "': nobody can reach it");
            } else if (!ends[i]) {
                const auto next = targets(f_.pages[i]);
                const bool in_cycle = std::any_of(next.begin(), next.end(),
                                                  [&](const std::string& t) { return f_.page_index(t).has_value(); });
                add(page_at(i), lint_level::error,
                    in_cycle ? "from '" + f_.pages[i].id + "' every way goes round a cycle with no way out: the journey can never end"
                             : "'" + f_.pages[i].id + "' is a dead end: the journey can never end from here");
            }
        }
    }

    void conditions() {
        for (std::size_t i = 0; i < f_.pages.size(); ++i) {
            const auto& routes = f_.pages[i].routes;
            for (std::size_t k = 0; k < routes.size(); ++k) {
                const std::string at = page_at(i) + "/routes/" + std::to_string(k) + "/if";
                const auto truth = constant_truth(routes[k].when);
                if (truth == false) add(at, lint_level::warning, "this condition is always false: the route is never taken");
                if (truth == true) {
                    add(at, lint_level::warning, "this condition is always true: " +
                                                     std::string(k + 1 < routes.size() ? "the routes after it are never tried and " : "") +
                                                     "the page's next is never used");
                    for (std::size_t later = k + 1; later < routes.size(); ++later) never_routes_.insert({i, later});
                    break;
                }
            }
            for (const auto& q : f_.pages[i].questions) {
                if (constant_truth(q.show_if) == false) {
                    add(page_at(i) + "/questions/" + std::to_string(&q - f_.pages[i].questions.data()) + "/show_if",
                        lint_level::warning, "this condition is always false: the question is never shown");
                }
            }
        }
        for (std::size_t k = 0; k < f_.team_rules.size(); ++k) {
            const std::string at = "/routing/rules/" + std::to_string(k) + "/if";
            const auto truth = constant_truth(f_.team_rules[k].when);
            if (truth == false) add(at, lint_level::warning, "this condition is always false: the rule never fires");
            if (truth == true) {
                add(at, lint_level::warning, "this condition is always true: the rules after it and the default never fire");
                for (std::size_t later = k + 1; later < f_.team_rules.size(); ++later) never_rules_.insert(later);
                break;
            }
        }
    }

    void journeys() {
        path_limits limits;
        limits.today = options_.today;
        const path_report found = enumerate_paths(f_, limits);
        const std::string maybe = found.truncated ? " (the search stopped at its limit, so this may be wrong)" : "";
        for (const auto& id : found.unused_pages) {
            const auto i = *f_.page_index(id);
            if (reachable_[i]) add(page_at(i), lint_level::warning, "no journey found reaches '" + id + "'" + maybe);
        }
        for (const auto& r : found.unused_page_routes) {
            const auto i = *f_.page_index(r.page);
            if (!reachable_[i] || never_routes_.count({i, r.route}) || constant_truth(f_.pages[i].routes[r.route].when) == false) continue;
            add(page_at(i) + "/routes/" + std::to_string(r.route) + "/if", lint_level::warning,
                "no journey found takes this route" + maybe);
        }
        for (auto k : found.unused_team_rules) {
            if (never_rules_.count(k) || constant_truth(f_.team_rules[k].when) == false) continue;
            add("/routing/rules/" + std::to_string(k) + "/if", lint_level::warning, "no journey found makes this rule fire" + maybe);
        }
        // A question no journey shows is said only when the search saw every
        // journey: a sample that stopped early shows too little to tell.
        for (const auto& q : found.unshown_questions) {
            const auto i = *f_.page_index(q.page);
            const question& asked = f_.pages[i].questions[q.question];
            if (found.truncated || !reachable_[i] || constant_truth(asked.show_if) == false) continue;
            add(page_at(i) + "/questions/" + std::to_string(q.question) + "/show_if", lint_level::warning,
                "no journey found shows the question '" + asked.id + "': this condition never holds on the way to it");
        }
        if (found.truncated) add("", lint_level::warning, "the form has more journeys than lint plays (" + std::to_string(found.paths.size()) + ")");
    }

    void unused() {
        std::vector<bool> used_calcs(f_.calculations.size(), false);
        std::set<std::string> used_tables;
        each_expression(f_, [&](const expression& e) {
            for (const auto& i : e.code.code) {
                if (i.op == opcode::calculation && i.arg < used_calcs.size()) used_calcs[i.arg] = true;
                if (i.op == opcode::call && static_cast<function_id>(i.arg & 0xFF) == function_id::lookup) {
                    // The table's name is the constant pushed for it: any text constant may be it.
                    for (const auto& c : e.code.constants) {
                        if (c.kind == value_kind::text) used_tables.insert(c.s);
                    }
                }
            }
        });
        for (std::size_t i = 0; i < used_calcs.size(); ++i) {
            if (!used_calcs[i]) {
                add("/calculations/" + std::to_string(i), lint_level::warning,
                    "the calculated value '" + f_.calculations[i].id + "' is never used");
            }
        }
        for (const auto& t : f_.tables) {
            if (!used_tables.count(t.name)) add("/tables/" + t.name, lint_level::warning, "the lookup table '" + t.name + "' is never used");
        }
    }

    // Each text lacking a language of the form: the person reading that
    // language gets the default's text instead.
    void translations() {
        if (f_.languages.size() < 2) return;
        for_each_text(f_, [&](const std::string& at, const std::string& text) {
            if (text.empty()) return;
            const auto texts = f_.translations.find(at);
            for (std::size_t i = 1; i < f_.languages.size(); ++i) {
                const std::string& language = f_.languages[i];
                if (texts == f_.translations.end() || !texts->second.count(language)) {
                    add(at, lint_level::warning, "missing \"" + language + "\" translation");
                }
            }
        });
    }

    // The files one report can carry (docs/protocol.md): at most 10, each
    // padded to a power of two and sealed, all in one envelope of at most
    // 16 MiB in base64. A file question in a repeat counts once per entry.
    void files() {
        constexpr std::uint64_t most_files = 10;
        constexpr std::uint64_t room = 16 * megabyte - 2 * megabyte;  // the rest: the sealed report (1 MiB, in base64) and JSON
        std::uint64_t count = 0;
        std::uint64_t bytes = 0;
        bool told_count = false, told_bytes = false;
        for (std::size_t i = 0; i < f_.pages.size(); ++i) {
            const page& p = f_.pages[i];
            const std::uint64_t times = p.repeat ? p.repeat->max : 1;
            for (std::size_t k = 0; k < p.questions.size(); ++k) {
                const question& q = p.questions[k];
                if (q.type != question_type::file) continue;
                std::uint64_t bucket = 1024;  // a file smaller than max_bytes, padded with at least one byte
                while (bucket < q.max_bytes) bucket *= 2;
                count += times;
                bytes += times * ((bucket + 48 + 2) / 3 * 4);  // sealed (48 bytes more), then base64
                const std::string at = page_at(i) + "/questions/" + std::to_string(k);
                if (count > most_files && !told_count) {
                    told_count = true;
                    add(at, lint_level::error, "a report could need more than 10 files with this question: ask for fewer files");
                }
                if (bytes > room && !told_bytes) {
                    told_bytes = true;
                    add(at + (q.max_bytes == default_file_megabytes * megabyte ? "" : "/max_megabytes"), lint_level::error,
                        "with this question a report's files could be too big to send together: "
                        "lower max_megabytes or ask for fewer files");
                }
            }
        }
    }

    const form& f_;
    const lint_options& options_;
    std::vector<lint_finding> out_;
    std::vector<bool> reachable_;
    std::set<std::pair<std::size_t, std::size_t>> never_routes_;
    std::set<std::size_t> never_rules_;
};

}  // namespace

std::vector<lint_finding> lint_form(const form& f, const lint_options& options) { return linter(f, options).run(); }

}  // namespace frontdesk
