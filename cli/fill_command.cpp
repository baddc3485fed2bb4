#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/answers_file.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "engine/expr.hpp"
#include "engine/form_json.hpp"
#include "engine/report.hpp"
#include "engine/translate.hpp"

namespace frontdesk::cli {
namespace {

// Exit statuses, so scripts can tell the outcomes apart.
constexpr int submitted_status = 0;
constexpr int invalid_status = 1;
constexpr int usage_status = 2;
constexpr int exit_page_status = 3;

}  // namespace

int fill_command(const arguments& args) {
    auto options = parse_options(args, {"answers", "today", "language"});
    if (!options || options->positional.size() != 1 || !options->has("answers")) {
        std::cerr << "usage: frontdesk fill FORM.json --answers ANSWERS.json [--today YYYY-MM-DD] [--language CODE]\n";
        return usage_status;
    }
    const std::string& form_path = options->positional[0];
    const auto text = read_file(form_path);
    if (!text) {
        std::cerr << form_path << ": error: cannot read the file\n";
        return usage_status;
    }
    const auto loaded = load_form_json(*text, form_data_reader(form_path));
    if (!loaded.loaded) {
        for (const auto& e : loaded.errors) std::cerr << form_path << ":" << e.where << ": error: " << e.message << "\n";
        return usage_status;
    }
    // The journey is the same in every language; the messages are not.
    const std::string language = options->has("language") ? options->get("language") : loaded.loaded->languages.front();
    const auto localized = localize_form(*loaded.loaded, language);
    if (!localized) {
        std::cerr << "--language: error: " << localized.err().message << " It is written in";
        for (const auto& l : loaded.loaded->languages) std::cerr << " " << l;
        std::cerr << ".\n";
        return usage_status;
    }
    const auto answers = read_answers_file(options->get("answers"));
    if (!answers) {
        std::cerr << answers.err().where << ": error: " << answers.err().message << "\n";
        return usage_status;
    }
    std::int64_t today = static_cast<std::int64_t>(std::time(nullptr)) / 86400;
    if (options->has("today")) {
        const auto day = parse_iso_date(options->get("today"));
        if (!day) {
            std::cerr << "--today: error: must be a date written YYYY-MM-DD\n";
            return usage_status;
        }
        today = *day;
    }
    const replay_outcome out = replay(*localized, *answers, today);
    nlohmann::ordered_json j;
    j["form"] = loaded.loaded->id;
    if (loaded.loaded->languages.size() > 1) j["language"] = language;  // one-language forms keep their old output
    j["date"] = iso_date(today);
    j["pages"] = out.pages;
    j["answers"] = out.answers_on_path;
    j["errors"] = nlohmann::json::array();
    for (const auto& e : out.errors) j["errors"].push_back({{"question", e.question}, {"message", e.message}});
    int status = invalid_status;
    switch (out.result) {
        case replay_result::submitted:
            j["outcome"] = "submitted";
            j["route"] = {{"team", out.route.team}, {"urgency", out.route.urgency}};
            // The files the report's envelope must carry (only when its answers name any, so other outputs keep their bytes).
            if (const auto files = files_named(*localized, out.answers_on_path); !files.empty()) {
                j["attachments"] = files;
            }
            status = submitted_status;
            break;
        case replay_result::exit:
            j["outcome"] = "exit";
            j["exit_page"] = out.pages.back();
            status = exit_page_status;
            break;
        case replay_result::invalid:
            j["outcome"] = "invalid";
            break;
    }
    std::cout << j.dump(2) << "\n";
    return status;
}

}  // namespace frontdesk::cli
