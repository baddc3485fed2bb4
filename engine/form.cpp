#include "engine/form.hpp"

namespace frontdesk {

void form::index_questions() {
    slots.clear();
    page_lookup.clear();
    slot_lookup.clear();
    for (std::size_t p = 0; p < pages.size(); ++p) {
        page_lookup.emplace(pages[p].id, static_cast<std::uint32_t>(p));
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

const lookup_table* form::find_table(std::string_view name) const {
    for (const auto& t : tables) {
        if (t.name == name) return &t;
    }
    return nullptr;
}

}  // namespace frontdesk
