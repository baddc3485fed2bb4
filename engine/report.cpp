#include "engine/report.hpp"

#include <algorithm>
#include <set>

#include "engine/answer.hpp"
#include "engine/expr.hpp"
#include "engine/json_writer.hpp"

namespace frontdesk {

report make_report(const session& s, std::string_view submission_id, std::string_view language) {
    report r;
    r.form_id = s.definition().id;
    r.form_version = s.definition().version;
    r.language = std::string(language);
    r.submission_id = std::string(submission_id);
    r.pages = s.path();
    r.answers = s.answers_on_path();
    r.repeats = repeats_on_path(s.definition(), r.pages);
    r.route = s.route();
    r.date = s.today();
    return r;
}

report make_report(const form& f, const replay_outcome& replayed, std::string_view submission_id,
                   std::string_view language) {
    report r;
    r.form_id = f.id;
    r.form_version = f.version;
    r.language = std::string(language);
    r.submission_id = std::string(submission_id);
    r.pages = replayed.pages;
    r.answers = replayed.answers_on_path;
    r.repeats = repeats_on_path(f, r.pages);
    r.route = replayed.route;
    r.date = replayed.today;
    return r;
}

std::vector<std::string> files_named(const form& f, const std::map<std::string, std::string>& answers) {
    std::set<std::string> hashes;
    for (const auto& [key, text] : answers) {
        const auto entry = parse_entry_key(key);
        const question* q = f.find_question(entry ? entry->question : key);
        if (q == nullptr || q->type != question_type::file) continue;
        if (const auto file = parse_file_reference(text)) hashes.insert(std::string(file->hash));
    }
    return {hashes.begin(), hashes.end()};
}

std::vector<std::string> repeats_on_path(const form& f, const std::vector<std::string>& pages) {
    std::vector<std::string> out;
    for (const auto& p : f.pages) {
        if (p.repeat && std::find(pages.begin(), pages.end(), p.id) != pages.end()) out.push_back(p.repeat->id);
    }
    return out;
}

std::string report_json(const report& r) {
    // Plain answers and repeats share one object, its keys in order; a
    // repeat's entries are read back from their "GROUP.N.QUESTION" keys.
    std::set<std::string> keys(r.repeats.begin(), r.repeats.end());
    for (const auto& [id, value] : r.answers) {
        if (!parse_entry_key(id)) keys.insert(id);
    }
    json_writer w;
    w.begin_object();
    w.key("answers").begin_object();
    for (const auto& key : keys) {
        w.key(key);
        if (std::find(r.repeats.begin(), r.repeats.end(), key) == r.repeats.end()) {
            w.value(r.answers.at(key));
            continue;
        }
        w.begin_array();
        for (std::uint32_t n = 1;; ++n) {
            const std::string prefix = entry_key(key, n, "");
            auto it = r.answers.lower_bound(prefix);
            if (it == r.answers.end() || !it->first.starts_with(prefix)) break;
            w.begin_object();
            for (; it != r.answers.end() && it->first.starts_with(prefix); ++it) w.key(it->first.substr(prefix.size())).value(it->second);
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
    w.key("date").value(iso_date(r.date));
    w.key("form").value(r.form_id);
    w.key("form_version").value(r.form_version);
    w.key("language").value(r.language);
    w.key("pages").begin_array();
    for (const auto& p : r.pages) w.value(p);
    w.end_array();
    w.key("route").begin_object().key("team").value(r.route.team).key("urgency").value(r.route.urgency).end_object();
    w.key("submission_id").value(r.submission_id);
    w.key("v").value(report_format_version);
    w.end_object();
    return w.take();
}

replay_outcome replay(const form& f, const std::map<std::string, std::string>& answers, std::int64_t today) {
    replay_outcome out;
    out.today = today;
    session s(f, today);
    // Whether the answers hold anything for entry n of a repeat.
    auto has_entry = [&](const repeat_spec& r, std::uint32_t n) {
        const std::string prefix = entry_key(r.id, n, "");
        const auto it = answers.lower_bound(prefix);
        return it != answers.end() && it->first.starts_with(prefix);
    };
    // Entries are numbered without gaps: answers for a later entry than a
    // missing one are a damaged (or forged) set, not a shorter repeat.
    auto skips = [&](const repeat_spec& r, std::uint32_t missing) {
        if (has_entry(r, missing)) return false;
        const std::string prefix = r.id + ".";
        for (auto it = answers.lower_bound(prefix); it != answers.end() && it->first.starts_with(prefix); ++it) {
            const auto parts = parse_entry_key(it->first);
            if (parts && parts->group == r.id && parts->entry > missing) {
                out.errors.push_back({r.id, "The answers skip entry " + std::to_string(missing) + " of '" + r.id + "'."});
                return true;
            }
        }
        return false;
    };
    // A journey never visits a page twice with the same answers, so it ends
    // within as many steps as there are pages (a repeat page: two per entry
    // and one more); the bound guards against cycles.
    for (std::size_t step = 0; step <= f.pages.size() * (2 * largest_repeat + 3); ++step) {
        if (s.state() == session_state::summary) {
            // Add another entry while the answers hold one; an entry beyond the maximum is refused.
            const repeat_spec& r = *s.current_page()->repeat;
            if (skips(r, s.entries(r.group) + 1)) break;
            if (has_entry(r, s.entries(r.group) + 1)) {
                if (!s.add_another()) {
                    out.errors = s.errors();
                    break;
                }
                continue;
            }
            (void)s.set_answer(r.id, "no");
        } else if (s.state() != session_state::question) {
            break;
        } else {
            const page& here = *s.current_page();
            if (here.repeat && !has_entry(*here.repeat, s.entry())) {
                // No answers for this entry: the repeat has no more entries (entry 1: none at all).
                if (skips(*here.repeat, s.entry())) break;
                (void)s.remove_entry(s.entry());
                continue;
            }
            for (const auto& q : here.questions) {
                if (!q.asks()) continue;
                const auto it = answers.find(here.repeat ? entry_key(here.repeat->id, s.entry(), q.id) : q.id);
                (void)s.set_answer(q.id, it == answers.end() ? std::string_view{} : std::string_view(it->second));
            }
        }
        const std::uint32_t entry = s.entry();
        s.next();
        if (!s.errors().empty()) {
            out.errors = s.errors();
            // Name the entry whose answer is wrong: "stolen_items.2.serial".
            const page* here = s.current_page();
            if (entry > 0 && here != nullptr && here->repeat) {
                for (auto& e : out.errors) e.question = entry_key(here->repeat->id, entry, e.question);
            }
            break;
        }
    }
    out.pages = s.path();
    out.answers_on_path = s.answers_on_path();
    out.route = s.route();
    switch (s.state()) {
        case session_state::check: out.result = replay_result::submitted; break;
        case session_state::exit: out.result = replay_result::exit; break;
        case session_state::question:
        case session_state::summary:
            if (out.errors.empty()) out.errors.push_back({"", "The journey goes round in a circle."});
            out.result = replay_result::invalid;
            break;
    }
    return out;
}

}  // namespace frontdesk
