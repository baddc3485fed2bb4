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
    // One answer: a text, yes/no, a number or a list of texts.
    auto one = [&](const std::string& key, const std::string& at, const nlohmann::json& value) -> status {
        if (value.is_string()) answers[key] = value.get<std::string>();
        else if (value.is_boolean()) answers[key] = value.get<bool>() ? "yes" : "no";
        else if (value.is_number()) answers[key] = value.dump();
        else if (value.is_array()) {
            std::string joined;
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string()) return error{path + ":" + at + "/" + std::to_string(i), "every part of an answer must be a string"};
                joined += (i ? "\n" : "") + value[i].get<std::string>();
            }
            answers[key] = joined;
        } else {
            return error{path + ":" + at, "an answer must be a string, a number, true or false, or a list of strings"};
        }
        return status::ok();
    };
    for (const auto& [id, value] : j.items()) {
        // A repeat may be written as a list of entries, each an object of answers: "GROUP.N.QUESTION" for short.
        if (value.is_array() && !value.empty() && value[0].is_object()) {
            for (std::size_t n = 0; n < value.size(); ++n) {
                const std::string at = "/" + id + "/" + std::to_string(n);
                if (!value[n].is_object()) return error{path + ":" + at, "every entry of a repeat must be an object of answers"};
                for (const auto& [question, answer] : value[n].items()) {
                    if (auto done = one(id + "." + std::to_string(n + 1) + "." + question, at + "/" + question, answer); !done) return done.err();
                }
            }
            continue;
        }
        if (auto done = one(id, "/" + id, value); !done) return done.err();
    }
    return answers;
}

}  // namespace frontdesk::cli
