#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "cli/options.hpp"
#include "engine/expr.hpp"
#include "engine/form_json.hpp"
#include "engine/paths.hpp"

namespace frontdesk::cli {

// Prints every journey path enumeration finds (engine/paths.hpp) as JSON:
// each with its pages, outcome, route and answers that walk it (an answers
// file for `frontdesk fill`), and what no journey uses.
int paths_command(const arguments& args) {
    auto options = parse_options(args, {"today", "max-paths"});
    if (!options || options->positional.size() != 1) {
        std::cerr << "usage: frontdesk paths FORM.json [--today YYYY-MM-DD] [--max-paths N]\n";
        return 2;
    }
    const std::string& form_path = options->positional[0];
    const auto text = read_file(form_path);
    if (!text) {
        std::cerr << form_path << ": error: cannot read the file\n";
        return 2;
    }
    const auto loaded = load_form_json(*text, form_data_reader(form_path));
    if (!loaded.loaded) {
        for (const auto& e : loaded.errors) std::cerr << form_path << ":" << e.where << ": error: " << e.message << "\n";
        return 2;
    }
    path_limits limits;
    limits.today = static_cast<std::int64_t>(std::time(nullptr)) / 86400;
    if (options->has("today")) {
        const auto day = parse_iso_date(options->get("today"));
        if (!day) {
            std::cerr << "--today: error: must be a date written YYYY-MM-DD\n";
            return 2;
        }
        limits.today = *day;
    }
    if (options->has("max-paths")) {
        const auto n = parse_number(options->get("max-paths"));
        if (!n || *n <= 0 || *n % number_scale != 0 || *n / number_scale > 100000) {
            std::cerr << "--max-paths: error: must be a whole number from 1 to 100000\n";
            return 2;
        }
        limits.max_paths = static_cast<std::size_t>(*n / number_scale);
    }
    const path_report found = enumerate_paths(*loaded.loaded, limits);
    nlohmann::ordered_json j;
    j["form"] = loaded.loaded->id;
    j["truncated"] = found.truncated;
    j["paths"] = nlohmann::json::array();
    for (const auto& p : found.paths) {
        nlohmann::ordered_json one;
        one["outcome"] = path_outcome_name(p.outcome);
        one["pages"] = p.pages;
        if (p.outcome == path_outcome::submitted) {
            one["route"] = {{"team", p.route.team}, {"urgency", p.route.urgency}};
            one["team_rule"] = p.team_rule;
        }
        one["answers"] = p.answers;
        j["paths"].push_back(std::move(one));
    }
    j["unused_pages"] = found.unused_pages;
    j["unused_page_routes"] = nlohmann::json::array();
    for (const auto& r : found.unused_page_routes) j["unused_page_routes"].push_back({{"page", r.page}, {"route", r.route}});
    j["unused_team_rules"] = found.unused_team_rules;
    std::cout << j.dump(2) << "\n";
    return 0;
}

}  // namespace frontdesk::cli
