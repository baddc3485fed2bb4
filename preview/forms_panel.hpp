// The forms panel's model: the form files the tool watches, each with its
// lint status, read again when the file changes on disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/form.hpp"

namespace frontdesk::preview {

struct lint_problem {
    std::string pointer;   // JSON pointer inside the file; "" for the whole file
    std::string severity;  // "error" or "warning"
    std::string message;
    bool operator==(const lint_problem&) const = default;
};

// A file and when it was last changed; nullopt: it could not be read.
struct watched_file {
    std::string path;
    std::optional<std::filesystem::file_time_type> modified;
};

struct form_file {
    std::string path;
    std::optional<std::filesystem::file_time_type> modified;  // nullopt: the file could not be read
    std::vector<watched_file> data_files;  // the data files (lookup tables) the form read
    std::string source;                                       // the text last read
    // The last version that loaded. Kept while the file is broken, so a
    // play-through goes on while its author mends the file.
    std::shared_ptr<const form> loaded;
    bool source_loads = false;  // whether the text as it is now loads
    std::vector<lint_problem> problems;
};

// The files named; a folder stands for the *.json files in it, sorted by name.
std::vector<std::string> expand_form_paths(const std::vector<std::string>& args);

// Reads and loads a form file, with its data files (lookup tables) from its
// folder, and lints it as `frontdesk lint` does; `today` is what today() is
// when the lint plays journeys (days since 1970-01-01).
form_file read_form_file(const std::string& path, std::int64_t today = 0);

// Reads the file again when it or one of its data files changed. True when
// what the tool knows about it changed (text, data, loaded form or problems).
bool refresh(form_file& f, std::int64_t today = 0);

std::size_t count_problems(const form_file& f, const std::string& severity);

// "ok", "1 error", "3 errors, 1 warning", "cannot read": one line for the list.
std::string lint_status(const form_file& f);

// The form's id when it loads, else the file's name.
std::string display_name(const form_file& f);

}  // namespace frontdesk::preview
