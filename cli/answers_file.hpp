// An answers file: a JSON object of question id -> answer. An answer is a
// text as the person would type it; for convenience a number, true/false (a
// yes/no question) or a list of texts (checkboxes, an address's lines) too.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/files.hpp"
#include "engine/result.hpp"

namespace frontdesk::cli {

inline result<std::map<std::string, std::string>> read_answers_file(const std::string& path) {
    const auto text = read_file(path);
    if (!text) return error{path, "cannot read the answers file"};
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return error{path, "the answers file must be a JSON object"};
    std::map<std::string, std::string> answers;
    for (const auto& [id, value] : j.items()) {
        if (value.is_string()) answers[id] = value.get<std::string>();
        else if (value.is_boolean()) answers[id] = value.get<bool>() ? "yes" : "no";
        else if (value.is_number()) answers[id] = value.dump();
        else if (value.is_array()) {
            std::string joined;
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string()) return error{path + ":/" + id + "/" + std::to_string(i), "every part of an answer must be a string"};
                joined += (i ? "\n" : "") + value[i].get<std::string>();
            }
            answers[id] = joined;
        } else {
            return error{path + ":/" + id, "an answer must be a string, a number, true or false, or a list of strings"};
        }
    }
    return answers;
}

}  // namespace frontdesk::cli
