// Helpers for the preview tool's tests: a scratch folder of form files.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "tests/support/forms.hpp"

namespace frontdesk::testing {

class scratch_folder {
public:
    scratch_folder() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("frontdesk-preview-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~scratch_folder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    scratch_folder(const scratch_folder&) = delete;
    scratch_folder& operator=(const scratch_folder&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes a file and moves its modification time on, so a reload sees a
    // change even within the file system's time resolution.
    std::string write(const std::string& name, const std::string& text) {
        const auto file = path_ / name;
        const bool existed = std::filesystem::exists(file);
        const auto before = existed ? std::filesystem::last_write_time(file) : std::filesystem::file_time_type{};
        {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out << text;
        }
        if (existed) std::filesystem::last_write_time(file, before + std::chrono::seconds(1));
        return file.string();
    }

private:
    std::filesystem::path path_;
};

// The bike theft form with one text replaced, e.g. a page's title.
inline std::string bike_theft_with(const std::string& from, const std::string& to) {
    auto text = read_source_file("forms/bike-theft.json");
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "no '" << from << "' in the bike theft form");
    return text.replace(at, from.size(), to);
}

}  // namespace frontdesk::testing
