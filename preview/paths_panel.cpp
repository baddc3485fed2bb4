#include "preview/paths_panel.hpp"

#include <algorithm>

namespace frontdesk::preview {

path_row describe_path(const form_path& p) {
    path_row row;
    row.outcome = path_outcome_name(p.outcome);
    if (p.outcome == path_outcome::exit && !p.pages.empty()) row.outcome += ": " + p.pages.back();
    if (p.outcome == path_outcome::submitted) {
        row.route = p.route.team + " (" + p.route.urgency + ")";
        row.rule = p.team_rule < 0 ? "default" : "rule " + std::to_string(p.team_rule + 1);
    }
    for (const auto& id : p.pages) row.pages += (row.pages.empty() ? "" : " > ") + id;
    return row;
}

std::vector<std::string> unused_lines(const form& f, const path_report& r) {
    std::vector<std::string> lines;
    for (const auto& id : r.unused_pages) lines.push_back("page '" + id + "' is on no path");
    for (const auto& ref : r.unused_page_routes) {
        std::string to;
        if (const auto p = f.page_index(ref.page); p && ref.route < f.pages[*p].routes.size()) {
            to = " (to '" + f.pages[*p].routes[ref.route].go_to + "')";
        }
        lines.push_back("route " + std::to_string(ref.route + 1) + " of page '" + ref.page + "'" + to + " is taken on no path");
    }
    for (const auto i : r.unused_team_rules) {
        const std::string team = i < f.team_rules.size() ? " (team '" + f.team_rules[i].route.team + "')" : "";
        lines.push_back("routing rule " + std::to_string(i + 1) + team + " decides no path");
    }
    return lines;
}

bool play_path(playthrough& play, const form_path& p) {
    const std::string end = p.outcome == path_outcome::submitted ? "" : (p.pages.empty() ? "" : p.pages.back());
    if (!walk_to(play, p.answers, end)) return false;
    return p.outcome == path_outcome::cycle || play.journey->path() == p.pages;
}

std::optional<std::size_t> first_path_through(const path_report& r, const std::string& page_id) {
    for (std::size_t i = 0; i < r.paths.size(); ++i) {
        const auto& pages = r.paths[i].pages;
        if (std::find(pages.begin(), pages.end(), page_id) != pages.end()) return i;
    }
    return std::nullopt;
}

}  // namespace frontdesk::preview
