#include "preview/fields.hpp"

#include <algorithm>

namespace frontdesk::preview {

field_kind field_of(const question& q) {
    switch (q.type) {
        case question_type::textarea: return field_kind::lines;
        case question_type::radios:
        case question_type::yes_no: return field_kind::choose_one;
        case question_type::select: return field_kind::pick_list;
        case question_type::checkboxes: return field_kind::tick_boxes;
        case question_type::date: return field_kind::date_parts;
        case question_type::address: return field_kind::address;
        case question_type::content: return field_kind::none;
        case question_type::text:
        case question_type::number:
        case question_type::decimal:
        case question_type::money:
        case question_type::time:
        case question_type::email:
        case question_type::phone:
        case question_type::postcode:
        case question_type::registration:
        case question_type::file: return field_kind::line;
    }
    return field_kind::line;
}

std::vector<choice> options_of(const question& q) {
    if (q.type == question_type::yes_no && q.choices.empty()) return {{"yes", "Yes"}, {"no", "No"}};
    return q.choices;
}

std::vector<std::string> split_parts(const std::string& raw, std::size_t count) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto end = raw.find('\n', start);
        if (end == std::string::npos || (count > 0 && parts.size() + 1 == count)) {
            parts.push_back(raw.substr(start));
            break;
        }
        parts.push_back(raw.substr(start, end - start));
        start = end + 1;
    }
    if (parts.size() < count) parts.resize(count);
    return parts;
}

std::string join_parts(const std::vector<std::string>& parts) {
    if (std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) return "";
    std::string raw;
    for (std::size_t i = 0; i < parts.size(); ++i) raw += (i ? "\n" : "") + parts[i];
    return raw;
}

std::vector<std::string> date_parts(const std::string& raw) {
    if (raw.size() == 10 && raw[4] == '-' && raw[7] == '-') return {raw.substr(8, 2), raw.substr(5, 2), raw.substr(0, 4)};
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (int i = 0; i < 2; ++i) {
        const auto end = raw.find('/', start);
        if (end == std::string::npos) break;
        parts.push_back(raw.substr(start, end - start));
        start = end + 1;
    }
    parts.push_back(raw.substr(std::min(start, raw.size())));
    // "2026" alone is a year; "11/2026" a month and a year.
    while (parts.size() < 3) parts.insert(parts.begin(), "");
    return parts;
}

std::string date_raw(const std::vector<std::string>& parts) {
    if (std::all_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) return "";
    return parts.at(0) + "/" + parts.at(1) + "/" + parts.at(2);
}

bool is_ticked(const std::string& raw, const std::string& value) {
    const auto parts = split_parts(raw, 0);
    return std::find(parts.begin(), parts.end(), value) != parts.end();
}

std::string tick(const question& q, const std::string& raw, const std::string& value, bool on) {
    std::vector<std::string> picked;
    for (const auto& c : options_of(q)) {
        const bool keep = c.value == value ? on : is_ticked(raw, c.value);
        if (keep) picked.push_back(c.value);
    }
    return join_parts(picked);
}

const char* field_prefix(const question& q) {
    switch (q.type) {
        case question_type::money: return "\xc2\xa3";
        case question_type::file: return "file name (the preview attaches no file):";
        default: return "";
    }
}

std::string file_name_of(const std::string& raw) {
    const auto parts = split_parts(raw, 3);
    return parts[2];
}

std::string pretend_file(const std::string& name) {
    if (name.empty()) return "";
    return std::string(64, '0') + "\n1\n" + name;
}

}  // namespace frontdesk::preview
