#include "engine/report.hpp"

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
    r.route = s.route();
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
    r.route = replayed.route;
    return r;
}

std::string report_json(const report& r) {
    json_writer w;
    w.begin_object();
    w.key("answers").begin_object();
    for (const auto& [id, value] : r.answers) w.key(id).value(value);
    w.end_object();
    // Present only when there are attachments, so reports without any keep their bytes.
    if (!r.attachments.empty()) {
        w.key("attachments").begin_array();
        for (const auto& hash : r.attachments) w.value(hash);
        w.end_array();
    }
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

replay_outcome replay(const form& f, const std::map<std::string, std::string>& answers) {
    replay_outcome out;
    session s(f);
    // A journey never visits a page twice with the same answers, so it ends
    // within as many steps as there are pages; the bound guards against cycles.
    for (std::size_t step = 0; step <= f.pages.size(); ++step) {
        if (s.state() != session_state::question) break;
        for (const auto& q : s.current_page()->questions) {
            const auto it = answers.find(q.id);
            (void)s.set_answer(q.id, it == answers.end() ? std::string_view{} : std::string_view(it->second));
        }
        s.next();
        if (!s.errors().empty()) {
            out.errors = s.errors();
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
            if (out.errors.empty()) out.errors.push_back({"", "The journey goes round in a circle."});
            out.result = replay_result::invalid;
            break;
    }
    return out;
}

}  // namespace frontdesk
