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

// Reads the data files a form names (lookup tables), relative to the form's folder.
inline auto form_data_reader(const std::string& form_path) {
    const auto slash = form_path.find_last_of('/');
    const std::string folder = slash == std::string::npos ? "" : form_path.substr(0, slash + 1);
    return [folder](const std::string& relative) { return read_file(folder + relative); };
}

}  // namespace frontdesk::cli
