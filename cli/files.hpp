// Reading whole files for the command-line tools.
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace frontdesk::cli {

inline std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
}

}  // namespace frontdesk::cli
