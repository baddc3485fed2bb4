#include "preview/script.hpp"

#include <nlohmann/json.hpp>

namespace frontdesk::preview {

parsed_script parse_script(std::string_view text) {
    using json = nlohmann::json;
    parsed_script out;
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array()) {
        out.errors.push_back({"", "a script is a JSON array of steps"});
        return out;
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
        const json& s = j[i];
        const std::string where = "/" + std::to_string(i);
        if (s == "next" || s == "back") {
            out.steps.push_back({{s == "next" ? step_kind::next : step_kind::back, "", ""}, 0});
        } else if (s.is_object() && s.size() == 1 && s.contains("answer") && s.at("answer").is_object()) {
            for (const auto& [id, value] : s.at("answer").items()) {
                if (!value.is_string()) {
                    out.errors.push_back({where + "/answer/" + id, "an answer is text"});
                    continue;
                }
                out.steps.push_back({{step_kind::answer, id, value.get<std::string>()}, 0});
            }
        } else if (s.is_object() && s.size() == 1 && s.contains("change") && s.at("change").is_string()) {
            out.steps.push_back({{step_kind::change, s.at("change").get<std::string>(), ""}, 0});
        } else if (s == "add_another") {
            out.steps.push_back({{step_kind::add_another, "", ""}, 0});
        } else if (s.is_object() && s.size() == 1 && (s.contains("change_entry") || s.contains("remove_entry")) &&
                   s.begin()->is_number_unsigned()) {
            const bool change = s.contains("change_entry");
            out.steps.push_back({{change ? step_kind::change_entry : step_kind::remove_entry, "", std::to_string(s.begin()->get<std::size_t>())}, 0});
        } else if (s.is_object() && s.size() == 1 && s.contains("path") && s.at("path").is_number_unsigned() &&
                   s.at("path").get<std::size_t>() > 0) {
            out.steps.push_back({{}, s.at("path").get<std::size_t>()});
        } else {
            out.errors.push_back({where, "a step is \"next\", \"back\", \"add_another\", {\"answer\": {...}}, {\"change\": ID}, "
                                         "{\"change_entry\": N}, {\"remove_entry\": N} or {\"path\": N}"});
        }
    }
    return out;
}

}  // namespace frontdesk::preview
