#include "engine/form.hpp"

namespace frontdesk {

std::optional<std::size_t> form::page_index(const std::string& page_id) const {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (pages[i].id == page_id) return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> form::page_of_question(const std::string& question_id) const {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        for (const auto& q : pages[i].questions) {
            if (q.id == question_id) return i;
        }
    }
    return std::nullopt;
}

const question* form::find_question(const std::string& question_id) const {
    for (const auto& p : pages) {
        for (const auto& q : p.questions) {
            if (q.id == question_id) return &q;
        }
    }
    return nullptr;
}

}  // namespace frontdesk
