#include "engine/view.hpp"

#include "engine/answer.hpp"
#include "engine/json_writer.hpp"

namespace frontdesk {
namespace {

const char* question_type_name(question_type t) {
    switch (t) {
        case question_type::text: return "text";
        case question_type::textarea: return "textarea";
        case question_type::radios: return "radios";
        case question_type::checkboxes: return "checkboxes";
        case question_type::select: return "select";
        case question_type::yes_no: return "yes_no";
        case question_type::number: return "number";
        case question_type::decimal: return "decimal";
        case question_type::money: return "money";
        case question_type::date: return "date";
        case question_type::time: return "time";
        case question_type::email: return "email";
        case question_type::phone: return "phone";
        case question_type::postcode: return "postcode";
        case question_type::registration: return "registration";
        case question_type::address: return "address";
        case question_type::file: return "file";
        case question_type::content: return "content";
    }
    return "text";
}

// The HTML autocomplete token a type implies when the author gives none.
const char* default_autocomplete(question_type t) {
    switch (t) {
        case question_type::email: return "email";
        case question_type::phone: return "tel";
        case question_type::postcode: return "postal-code";
        default: return "";
    }
}

const char* state_name(session_state s) {
    switch (s) {
        case session_state::question: return "question";
        case session_state::exit: return "exit";
        case session_state::check: return "check";
        case session_state::summary: return "summary";
    }
    return "question";
}

void write_question(json_writer& w, const session& s, const question& q) {
    w.begin_object();
    w.key("id").value(q.id);
    w.key("type").value(question_type_name(q.type));
    w.key("label").value(q.label);
    if (!q.hint.empty()) w.key("hint").value(q.hint);
    w.key("required").value(q.required);
    w.key("shown").value(s.shown(q));
    if (q.approximate) w.key("approximate").value(true);
    w.key("value").value(s.answer(q.id));
    const std::string autocomplete = q.autocomplete.empty() ? default_autocomplete(q.type) : q.autocomplete;
    if (!autocomplete.empty()) w.key("autocomplete").value(autocomplete);
    if (q.width > 0) w.key("width").value(q.width);
    if (q.type == question_type::file) {
        // For the file input's accept attribute and for not reading a file
        // the engine would refuse anyway (docs/engine-view.md).
        if (!q.accept.empty()) w.key("accept").value(q.accept);
        w.key("max_bytes").value(static_cast<std::int64_t>(q.max_bytes));
    }
    if (!q.choices.empty()) {
        w.key("options").begin_array();
        for (const auto& c : q.choices) {
            w.begin_object().key("value").value(c.value).key("label").value(c.label).end_object();
        }
        w.end_array();
    }
    for (const auto& e : s.errors()) {
        if (e.question == q.id) {
            w.key("error").value(e.message);
            break;
        }
    }
    w.end_object();
}

void write_page(json_writer& w, const session& s, const page& p) {
    w.key("page").begin_object();
    w.key("id").value(p.id);
    w.key("title").value(p.title);
    if (!p.body.empty()) {
        w.key("body").begin_array();
        for (const auto& para : p.body) w.value(para);
        w.end_array();
    }
    if (p.repeat) {
        w.key("repeat").begin_object();
        w.key("group").value(p.repeat->id);
        w.key("entry").value(static_cast<std::int64_t>(s.entry()));
        w.key("title").value(s.entry_title(*p.repeat, s.entry()));
        w.key("item").value(p.repeat->item);
        w.end_object();
    }
    w.key("questions").begin_array();
    for (const auto& q : p.questions) write_question(w, s, q);
    w.end_array();
    w.end_object();
}

// A repeat's summary: the entries so far, and whether to add another.
void write_summary(json_writer& w, const session& s, const page& p) {
    const repeat_spec& r = *p.repeat;
    const std::uint32_t count = s.entries(r.group);
    w.key("summary").begin_object();
    w.key("group").value(r.id);
    w.key("page").value(p.id);
    w.key("title").value(r.summary_title);
    w.key("item").value(r.item);
    w.key("min").value(static_cast<std::int64_t>(r.min));
    w.key("max").value(static_cast<std::int64_t>(r.max));
    w.key("entries").begin_array();
    for (std::uint32_t n = 1; n <= count; ++n) {
        w.begin_object();
        w.key("entry").value(static_cast<std::int64_t>(n));
        w.key("title").value(s.entry_title(r, n));
        w.key("label").value(s.entry_summary(r, n));
        w.end_object();
    }
    w.end_array();
    // At the maximum the question is not asked.
    if (count < r.max) {
        w.key("add_another").begin_object();
        w.key("id").value(r.id);
        w.key("label").value(r.add_another);
        w.key("value").value(s.add_another_answer());
        for (const auto& e : s.errors()) {
            if (e.question == r.id) {
                w.key("error").value(e.message);
                break;
            }
        }
        w.end_object();
    }
    w.end_object();
}

void write_check(json_writer& w, const session& s) {
    w.key("check").begin_object().key("rows").begin_array();
    const form& f = s.definition();
    for (const auto& page_id : s.path()) {
        const page& p = f.pages[*f.page_index(page_id)];
        if (p.repeat) {
            const repeat_spec& r = *p.repeat;
            const std::uint32_t count = s.entries(r.group);
            // One row for the repeat (its change link opens the summary), then each entry's answers.
            w.begin_object();
            w.key("page").value(p.id);
            w.key("question").value(r.id);
            w.key("label").value(r.summary_title);
            // A number, not a word: it reads the same in every language.
            w.key("value").value(std::to_string(count));
            w.end_object();
            for (std::uint32_t n = 1; n <= count; ++n) {
                for (const auto& q : p.questions) {
                    if (!q.asks() || !s.shown_in_entry(r, n, q)) continue;
                    const std::string key = entry_key(r.id, n, q.id);
                    w.begin_object();
                    w.key("page").value(p.id);
                    w.key("question").value(key);
                    w.key("entry").value(s.entry_title(r, n));
                    w.key("label").value(q.label);
                    w.key("value").value(display_answer(q, parse_answer(q, s.answer(key))));
                    w.end_object();
                }
            }
            continue;
        }
        for (const auto& q : p.questions) {
            if (!q.asks() || !s.shown(q)) continue;
            w.begin_object();
            w.key("page").value(p.id);
            w.key("question").value(q.id);
            w.key("label").value(q.label);
            w.key("value").value(display_answer(q, parse_answer(q, s.answer(q.id)), f.engine_texts));
            w.end_object();
        }
    }
    w.end_array().end_object();
}

}  // namespace

std::string view_json(const session& s) {
    json_writer w;
    const form& f = s.definition();
    w.begin_object();
    w.key("form").begin_object().key("id").value(f.id).key("title").value(f.title).key("language").value(f.language);
    if (f.languages.size() > 1) {
        w.key("languages").begin_array();
        for (const auto& l : f.languages) w.value(l);
        w.end_array();
    }
    if (const auto note = f.translation_status.find(f.language); note != f.translation_status.end()) {
        w.key("translation_status").value(note->second);
    }
    w.end_object();
    w.key("state").value(state_name(s.state()));
    w.key("can_go_back").value(s.can_go_back());
    // An estimate for "Page 3 of about 7" or for telling apart journeys of
    // different lengths; the web client does not show it (docs/engine-view.md).
    if (s.state() != session_state::exit) {
        const progress_estimate p = s.progress();
        w.key("progress").begin_object();
        w.key("done").value(static_cast<std::int64_t>(p.done));
        w.key("total").value(static_cast<std::int64_t>(p.total));
        w.end_object();
    }
    if (const page* p = s.current_page()) {
        if (s.state() == session_state::summary) write_summary(w, s, *p);
        else write_page(w, s, *p);
    }
    if (!s.notice().empty()) w.key("notice").value(s.notice());
    w.key("errors").begin_array();
    for (const auto& e : s.errors()) {
        w.begin_object().key("question").value(e.question).key("message").value(e.message).end_object();
    }
    w.end_array();
    if (s.state() == session_state::check) write_check(w, s);
    w.end_object();
    return w.take();
}

}  // namespace frontdesk
