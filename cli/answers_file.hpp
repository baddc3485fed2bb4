// An answers file: a JSON object of question id -> answer text.
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
        if (!value.is_string()) return error{path + ":/" + id, "every answer must be a string"};
        answers[id] = value.get<std::string>();
    }
    return answers;
}

}  // namespace frontdesk::cli
