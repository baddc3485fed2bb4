#include "engine/form.hpp"

namespace frontdesk {

void form::index_questions() {
    slots.clear();
    page_lookup.clear();
    slot_lookup.clear();
    repeat_pages.clear();
    for (std::size_t p = 0; p < pages.size(); ++p) {
        page_lookup.emplace(pages[p].id, static_cast<std::uint32_t>(p));
        if (pages[p].repeat) {
            pages[p].repeat->group = static_cast<std::uint32_t>(repeat_pages.size());
            repeat_pages.push_back(static_cast<std::uint32_t>(p));
        }
        for (std::size_t q = 0; q < pages[p].questions.size(); ++q) {
            pages[p].questions[q].slot = static_cast<std::uint32_t>(slots.size());
            slot_lookup.emplace(pages[p].questions[q].id, static_cast<std::uint32_t>(slots.size()));
            slots.push_back({static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(q)});
        }
    }
}

std::optional<std::size_t> form::page_index(const std::string& page_id) const {
    if (!page_lookup.empty()) {
        const auto it = page_lookup.find(page_id);
        if (it == page_lookup.end()) return std::nullopt;
        return it->second;
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].id == page_id) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> form::page_of_question(const std::string& question_id) const {
    if (!slot_lookup.empty()) {
        const auto it = slot_lookup.find(question_id);
        if (it == slot_lookup.end()) return std::nullopt;
        return slots[it->second].page;
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        for (const auto& q : pages[i].questions) {
            if (q.id == question_id) return i;
        }
    }
    return std::nullopt;
}

const question* form::find_question(const std::string& question_id) const {
    if (!slot_lookup.empty()) {
        const auto it = slot_lookup.find(question_id);
        return it == slot_lookup.end() ? nullptr : &at(slots[it->second]);
    }
    for (const auto& p : pages) {
        for (const auto& q : p.questions) {
            if (q.id == question_id) return &q;
        }
    }
    return nullptr;
}

std::optional<std::uint32_t> form::slot_of(const std::string& question_id) const {
    if (!slot_lookup.empty()) {
        const auto it = slot_lookup.find(question_id);
        if (it == slot_lookup.end()) return std::nullopt;
        return it->second;
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
        if (at(slots[i]).id == question_id) return static_cast<std::uint32_t>(i);
    }
    return std::nullopt;
}

const repeat_spec* form::repeat_of_page(std::size_t page) const {
    if (page >= pages.size() || !pages[page].repeat) return nullptr;
    return &*pages[page].repeat;
}

const repeat_spec* form::repeat_of_slot(std::uint32_t slot) const {
    return slot < slots.size() ? repeat_of_page(slots[slot].page) : nullptr;
}

std::optional<std::uint32_t> form::group_index(std::string_view group_id) const {
    // A form has few repeats: a scan is enough (and the browser's engine stays smaller).
    for (std::uint32_t g = 0; g < repeat_pages.size(); ++g) {
        if (pages[repeat_pages[g]].repeat->id == group_id) return g;
    }
    return std::nullopt;
}

std::string entry_key(std::string_view group, std::uint32_t entry, std::string_view question) {
    std::string key(group);
    key += '.';
    key += std::to_string(entry);
    key += '.';
    key += question;
    return key;
}

std::optional<entry_key_parts> parse_entry_key(std::string_view key) {
    const auto first = key.find('.');
    if (first == std::string_view::npos || first == 0) return std::nullopt;
    const auto second = key.find('.', first + 1);
    if (second == std::string_view::npos || second + 1 >= key.size()) return std::nullopt;
    const std::string_view number = key.substr(first + 1, second - first - 1);
    // Canonical numbers only (no "01"), so each entry has one key.
    if (number.empty() || number.size() > 3 || number[0] == '0') return std::nullopt;
    std::uint32_t n = 0;
    for (char c : number) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (key.find('.', second + 1) != std::string_view::npos) return std::nullopt;
    return entry_key_parts{std::string(key.substr(0, first)), n, std::string(key.substr(second + 1))};
}

const lookup_table* form::find_table(std::string_view name) const {
    for (const auto& t : tables) {
        if (t.name == name) return &t;
    }
    return nullptr;
}

}  // namespace frontdesk
