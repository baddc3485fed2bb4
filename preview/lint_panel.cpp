#include "preview/lint_panel.hpp"

#include <algorithm>
#include <charconv>

namespace frontdesk::preview {

std::optional<std::size_t> page_of_pointer(std::string_view pointer) {
    constexpr std::string_view prefix = "/pages/";
    if (pointer.substr(0, prefix.size()) != prefix) return std::nullopt;
    const auto rest = pointer.substr(prefix.size());
    std::size_t index = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), index);
    if (ec != std::errc{} || end == rest.data()) return std::nullopt;
    if (end != rest.data() + rest.size() && *end != '/') return std::nullopt;
    return index;
}

std::vector<lint_row> lint_rows(const std::vector<form_file>& files) {
    std::vector<lint_row> rows;
    for (std::size_t i = 0; i < files.size(); ++i) {
        for (const auto& p : files[i].problems) {
            const auto location = p.pointer.empty() ? files[i].path : files[i].path + ":" + p.pointer;
            rows.push_back({i, location, p.severity, p.message, page_of_pointer(p.pointer)});
        }
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const lint_row& a, const lint_row& b) { return a.severity == "error" && b.severity != "error"; });
    return rows;
}

std::string lint_line(const lint_row& row) { return row.location + ": " + row.severity + ": " + row.message; }

}  // namespace frontdesk::preview
