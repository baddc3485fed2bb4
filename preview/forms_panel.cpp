#include "preview/forms_panel.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "engine/form_json.hpp"
#include "engine/lint.hpp"

namespace frontdesk::preview {
namespace fs = std::filesystem;

namespace {

std::optional<fs::file_time_type> modified_time(const std::string& path) {
    std::error_code ec;
    const auto t = fs::last_write_time(path, ec);
    if (ec) return std::nullopt;
    return t;
}

std::optional<std::string> read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
}

// Reads the text and loads it; keeps the last good form when it does not load.
void load_into(form_file& f, std::int64_t today) {
    f.modified = modified_time(f.path);
    f.problems.clear();
    f.data_files.clear();
    const auto text = f.modified ? read_whole(f.path) : std::nullopt;
    if (!text) {
        f.modified.reset();
        f.source.clear();
        f.source_loads = false;
        f.problems.push_back({"", "error", "cannot read the file"});
        return;
    }
    f.source = *text;
    const auto folder = fs::path(f.path).parent_path();
    const auto read_data = [&](const std::string& relative) {
        const auto path = (folder / relative).string();
        f.data_files.push_back({path, modified_time(path)});  // watched, so a change to a table reloads the form
        return read_whole(path);
    };
    auto result = load_form_json(f.source, read_data);
    for (auto& e : result.errors) f.problems.push_back({std::move(e.where), "error", std::move(e.message)});
    f.source_loads = result.loaded.has_value();
    // A form that loads can still have problems a journey finds: dead ends, unused pages.
    if (result.loaded) {
        for (auto& finding : lint_form(*result.loaded, {today})) {
            f.problems.push_back({std::move(finding.where), finding.level == lint_level::error ? "error" : "warning",
                                  std::move(finding.message)});
        }
    }
    if (result.loaded) f.loaded = std::make_shared<const form>(std::move(*result.loaded));
}

}  // namespace

std::vector<std::string> expand_form_paths(const std::vector<std::string>& args) {
    std::vector<std::string> paths;
    for (const auto& arg : args) {
        std::error_code ec;
        if (!fs::is_directory(arg, ec)) {
            paths.push_back(arg);  // a missing file is listed, and shown as unreadable
            continue;
        }
        std::vector<std::string> in_folder;
        for (const auto& entry : fs::directory_iterator(arg, ec)) {
            if (entry.path().extension() == ".json") in_folder.push_back(entry.path().string());
        }
        std::sort(in_folder.begin(), in_folder.end());
        paths.insert(paths.end(), in_folder.begin(), in_folder.end());
    }
    return paths;
}

form_file read_form_file(const std::string& path, std::int64_t today) {
    form_file f;
    f.path = path;
    load_into(f, today);
    return f;
}

bool refresh(form_file& f, std::int64_t today) {
    const bool data_changed = std::any_of(f.data_files.begin(), f.data_files.end(),
                                          [](const watched_file& d) { return modified_time(d.path) != d.modified; });
    if (!data_changed && modified_time(f.path) == f.modified) return false;
    const auto before_source = f.source;
    const auto before_loads = f.source_loads;
    const auto before_problems = f.problems;
    load_into(f, today);
    // Touched but unchanged: nothing to redo.
    return data_changed || f.source != before_source || f.source_loads != before_loads || f.problems != before_problems;
}

std::size_t count_problems(const form_file& f, const std::string& severity) {
    return static_cast<std::size_t>(
        std::count_if(f.problems.begin(), f.problems.end(), [&](const auto& p) { return p.severity == severity; }));
}

std::string lint_status(const form_file& f) {
    if (!f.modified) return "cannot read";
    const auto errors = count_problems(f, "error");
    const auto warnings = count_problems(f, "warning");
    if (errors == 0 && warnings == 0) return "ok";
    std::string text;
    auto add = [&](std::size_t n, const char* word) {
        if (n == 0) return;
        if (!text.empty()) text += ", ";
        text += std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    add(errors, "error");
    add(warnings, "warning");
    return text;
}

std::string display_name(const form_file& f) {
    if (f.source_loads && f.loaded) return f.loaded->id;
    return fs::path(f.path).filename().string();
}

}  // namespace frontdesk::preview
