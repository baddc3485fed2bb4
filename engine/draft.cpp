#include "engine/draft.hpp"

#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "engine/binary_io.hpp"
#include "engine/encoding.hpp"

namespace frontdesk {
namespace {

constexpr std::string_view magic = "FDDR";
constexpr unsigned char draft_version = 1;

// Where the person was: a page id, or check_answers_page.
std::string position_of(const session& s) {
    if (s.state() == session_state::check) return check_answers_page;
    const page* p = s.current_page();
    return p == nullptr ? std::string(check_answers_page) : p->id;
}

}  // namespace

std::string save_draft(const session& s) {
    binary_writer w;
    w.raw(magic);
    w.number(draft_version);
    w.text(s.definition().id);
    w.text(s.definition().version);
    w.text(position_of(s));
    w.number(s.returning_to_check() ? 1 : 0);
    const auto completed = s.completed_pages();
    w.number(completed.size());
    for (const auto& id : completed) w.text(id);
    w.number(s.all_answers().size());
    for (const auto& [id, value] : s.all_answers()) {
        w.text(id);
        w.text(value);
    }
    const std::string& record = w.str();
    return to_base64(reinterpret_cast<const unsigned char*>(record.data()), record.size());
}

result<draft_restored> restore_draft(session& s, std::string_view draft) {
    if (draft.size() > largest_draft) return error{"draft", "The saved answers are too large to restore."};
    const auto decoded = from_base64(draft);
    if (!decoded) return error{"draft", "The saved answers are damaged."};
    binary_reader r(std::string_view(reinterpret_cast<const char*>(decoded->data()), decoded->size()));
    if (!r.expect(magic) || r.number() != draft_version) return error{"draft", "The saved answers are in a format this engine does not read."};
    const std::string form_id = r.text();
    const std::string version = r.text();
    const std::string position = r.text();
    const bool returning = r.number() == 1;
    std::set<std::string> completed;
    const auto pages = r.count();
    for (std::size_t i = 0; i < pages && !r.failed(); ++i) completed.insert(r.text());
    std::map<std::string, std::string> answers;
    const auto count = r.count();
    for (std::size_t i = 0; i < count && !r.failed(); ++i) {
        std::string id = r.text();
        answers[std::move(id)] = r.text();
    }
    if (r.failed() || !r.at_end()) return error{"draft", "The saved answers are damaged."};
    const form& f = s.definition();
    if (form_id != f.id) return error{"draft", "The saved answers are for another form."};

    draft_restored out;
    out.same_version = version == f.version;
    // Each repeat's entries in the draft, in order: a restore keeps the first
    // `max` of them (session::resume numbers them again from 1), so the
    // answers of any after those are dropped too, and listed.
    std::vector<std::set<std::uint32_t>> entries(f.repeat_pages.size());
    const auto entry_of = [&](const std::string& id) -> std::optional<std::pair<std::size_t, std::uint32_t>> {
        const auto parts = parse_entry_key(id);
        const auto group = parts ? f.group_index(parts->group) : std::nullopt;
        const auto page = parts ? f.page_of_question(parts->question) : std::nullopt;
        if (!group || !page || *page != f.repeat_pages[*group] || parts->entry < 1) return std::nullopt;
        return std::pair{*group, parts->entry};
    };
    for (const auto& [id, value] : answers) {
        if (const auto e = entry_of(id)) entries[e->first].insert(e->second);
    }
    for (const auto& [id, value] : answers) {
        // A plain answer is kept while the question is asked once (not, now, in a repeat).
        if (const question* q = f.find_question(id)) {
            if (f.repeat_of_slot(q->slot) == nullptr) continue;
            out.dropped.push_back(id);
            continue;
        }
        // A repeat entry's answer is kept while its repeat still asks the
        // question and the entry is within the repeat's `max`.
        if (const auto e = entry_of(id)) {
            const auto& numbers = entries[e->first];
            const auto rank = static_cast<std::size_t>(std::distance(numbers.begin(), numbers.find(e->second)));
            if (rank < f.pages[f.repeat_pages[e->first]].repeat->max) continue;
        }
        out.dropped.push_back(id);
    }
    s.resume(answers, completed, position, returning);
    return out;
}

}  // namespace frontdesk
