#include "engine/form_image.hpp"

#include <algorithm>
#include <cstdint>

#include "engine/binary_io.hpp"

namespace frontdesk {
namespace {

constexpr std::string_view magic = "FDFI";
constexpr unsigned char image_version = 4;
constexpr std::int64_t date_limit = 3000000;  // days either side of 1970: beyond year 9999

// Values nest at most one deep (a list of single values).
void write_value(binary_writer& w, const value& v) {
    w.number(static_cast<std::uint64_t>(v.kind));
    switch (v.kind) {
        case value_kind::unanswered: break;
        case value_kind::boolean:
        case value_kind::number:
        case value_kind::date: w.signed_number(v.n); break;
        case value_kind::text: w.text(v.s); break;
        case value_kind::list:
            w.number(v.items.size());
            for (const auto& item : v.items) write_value(w, item);
            break;
    }
}

value read_value(binary_reader& r, int depth) {
    value v;
    v.kind = static_cast<value_kind>(r.bounded(static_cast<std::uint64_t>(value_kind::list)));
    switch (v.kind) {
        case value_kind::unanswered: break;
        case value_kind::boolean:
            v.n = r.signed_number();
            if (v.n != 0 && v.n != 1) r.reject();
            break;
        case value_kind::number:
            v.n = r.signed_number();
            if (v.n > largest_number || v.n < -largest_number) r.reject();
            break;
        case value_kind::date:
            v.n = r.signed_number();
            if (v.n > date_limit || v.n < -date_limit) r.reject();
            break;
        case value_kind::text: v.s = r.text(); break;
        case value_kind::list: {
            if (depth > 0) {
                r.reject();
                break;
            }
            const auto n = r.count();
            for (std::size_t i = 0; i < n && !r.failed(); ++i) v.items.push_back(read_value(r, depth + 1));
            break;
        }
    }
    return v;
}

void write_expression(binary_writer& w, const expression& e) {
    w.number(static_cast<std::uint64_t>(e.type));
    w.number(e.code.code.size());
    for (const auto& i : e.code.code) {
        w.number(static_cast<std::uint64_t>(i.op));
        w.number(i.arg);
    }
    w.number(e.code.constants.size());
    for (const auto& c : e.code.constants) write_value(w, c);
}

// Slots and calculation numbers are checked once the whole form is read.
expression read_expression(binary_reader& r) {
    expression e;
    e.type = static_cast<value_type>(r.bounded(static_cast<std::uint64_t>(value_type::date_list)));
    const auto n = r.count();
    for (std::size_t i = 0; i < n && !r.failed(); ++i) {
        instruction in;
        in.op = static_cast<opcode>(r.bounded(static_cast<std::uint64_t>(last_opcode)));
        in.arg = static_cast<std::uint32_t>(r.bounded(0xFFFFFFFFu));
        e.code.code.push_back(in);
    }
    const auto constants = r.count();
    for (std::size_t i = 0; i < constants && !r.failed(); ++i) e.code.constants.push_back(read_value(r, 0));
    return e;
}

void write_limit(binary_writer& w, const std::optional<std::int64_t>& limit) {
    w.number(limit ? 1 : 0);
    if (limit) w.signed_number(*limit);
}

std::optional<std::int64_t> read_limit(binary_reader& r) {
    if (r.bounded(1) == 0) return std::nullopt;
    const auto n = r.signed_number();
    if (n > largest_number || n < -largest_number) r.reject();
    return n;
}

void write_question(binary_writer& w, const question& q) {
    w.text(q.id);
    w.number(static_cast<std::uint64_t>(q.type));
    w.text(q.label);
    w.text(q.hint);
    w.number(q.required ? 1 : 0);
    w.number(q.max_length);
    w.number(static_cast<std::uint64_t>(q.format));
    w.number(q.choices.size());
    for (const auto& c : q.choices) {
        w.text(c.value);
        w.text(c.label);
    }
    w.text(q.autocomplete);
    w.number(static_cast<std::uint64_t>(q.width));
    w.number(q.approximate ? 1 : 0);
    write_limit(w, q.min);
    write_limit(w, q.max);
    write_expression(w, q.show_if);
    w.number(q.checks.size());
    for (const auto& c : q.checks) {
        write_expression(w, c.must);
        w.text(c.message);
    }
    w.text(q.name);
    w.text(q.required_message);
    w.text(q.max_length_message);
    w.text(q.format_message);
    w.text(q.min_message);
    w.text(q.max_message);
}

question read_question(binary_reader& r) {
    question q;
    q.id = r.text();
    q.type = static_cast<question_type>(r.bounded(static_cast<std::uint64_t>(last_question_type)));
    q.label = r.text();
    q.hint = r.text();
    q.required = r.bounded(1) != 0;
    q.max_length = static_cast<std::size_t>(r.bounded(100000));
    q.format = static_cast<answer_format>(r.bounded(static_cast<std::uint64_t>(last_answer_format)));
    const auto choices = r.count();
    for (std::size_t i = 0; i < choices && !r.failed(); ++i) {
        choice c;
        c.value = r.text();
        c.label = r.text();
        q.choices.push_back(std::move(c));
    }
    q.autocomplete = r.text();
    q.width = static_cast<int>(r.bounded(100));
    q.approximate = r.bounded(1) != 0;
    q.min = read_limit(r);
    q.max = read_limit(r);
    q.show_if = read_expression(r);
    const auto checks = r.count();
    for (std::size_t i = 0; i < checks && !r.failed(); ++i) {
        answer_check c;
        c.must = read_expression(r);
        c.message = r.text();
        q.checks.push_back(std::move(c));
    }
    q.name = r.text();
    q.required_message = r.text();
    q.max_length_message = r.text();
    q.format_message = r.text();
    q.min_message = r.text();
    q.max_message = r.text();
    return q;
}

void write_page(binary_writer& w, const page& p) {
    w.text(p.id);
    w.number(static_cast<std::uint64_t>(p.kind));
    w.text(p.title);
    w.number(p.body.size());
    for (const auto& para : p.body) w.text(para);
    w.number(p.questions.size());
    for (const auto& q : p.questions) write_question(w, q);
    w.number(p.routes.size());
    for (const auto& route : p.routes) {
        write_expression(w, route.when);
        w.text(route.go_to);
    }
    w.text(p.next);
    w.number(p.repeat ? 1 : 0);
    if (p.repeat) {
        w.text(p.repeat->id);
        w.number(p.repeat->min);
        w.number(p.repeat->max);
        w.text(p.repeat->item);
        w.text(p.repeat->summary_title);
        w.text(p.repeat->add_another);
        write_expression(w, p.repeat->entry_label);
        for_each_repeat_message(p.repeat->messages, [&](const char*, const std::string& text) { w.text(text); });
    }
}

page read_page(binary_reader& r) {
    page p;
    p.id = r.text();
    p.kind = static_cast<page_kind>(r.bounded(static_cast<std::uint64_t>(page_kind::exit)));
    p.title = r.text();
    const auto paragraphs = r.count();
    for (std::size_t i = 0; i < paragraphs && !r.failed(); ++i) p.body.push_back(r.text());
    const auto questions = r.count();
    for (std::size_t i = 0; i < questions && !r.failed(); ++i) p.questions.push_back(read_question(r));
    const auto routes = r.count();
    for (std::size_t i = 0; i < routes && !r.failed(); ++i) {
        page_route route;
        route.when = read_expression(r);
        route.go_to = r.text();
        p.routes.push_back(std::move(route));
    }
    p.next = r.text();
    if (r.bounded(1) == 1) {
        repeat_spec spec;
        spec.id = r.text();
        spec.min = static_cast<std::uint32_t>(r.bounded(largest_repeat));
        spec.max = static_cast<std::uint32_t>(r.bounded(largest_repeat));
        if (spec.max < 1 || spec.min > spec.max) r.reject();
        spec.item = r.text();
        spec.summary_title = r.text();
        spec.add_another = r.text();
        spec.entry_label = read_expression(r);
        for_each_repeat_message(spec.messages, [&](const char*, std::string& text) { text = r.text(); });
        p.repeat = std::move(spec);
    }
    return p;
}

bool program_refs_hold(const expression& e, const form& f, std::size_t calculations) {
    for (const auto& i : e.code.code) {
        if (i.op == opcode::answer && i.arg >= f.slots.size()) return false;
        if (i.op == opcode::calculation && i.arg >= calculations) return false;
        if (i.op == opcode::constant && i.arg >= e.code.constants.size()) return false;
        if (i.op == opcode::each && (i.arg & 0xFFFF) >= f.repeat_pages.size()) return false;
    }
    return true;
}

// The session trusts that every page it is sent to exists and every slot an
// expression reads is there; an image is only accepted when that holds.
bool references_hold(const form& f) {
    auto target_ok = [&](const std::string& id, page_kind kind) {
        if (id.empty()) return kind == page_kind::exit;
        return id == check_answers_page || f.page_index(id).has_value();
    };
    if (!f.page_index(f.start)) return false;
    const std::size_t calcs = f.calculations.size();
    for (const auto& p : f.pages) {
        if (!target_ok(p.next, p.kind)) return false;
        if (p.repeat && (p.kind == page_kind::exit || !program_refs_hold(p.repeat->entry_label, f, calcs))) return false;
        for (const auto& route : p.routes) {
            if (route.go_to.empty() || !target_ok(route.go_to, page_kind::questions)) return false;
            if (!program_refs_hold(route.when, f, calcs)) return false;
        }
        for (const auto& q : p.questions) {
            if (!program_refs_hold(q.show_if, f, calcs)) return false;
            for (const auto& c : q.checks) {
                if (!program_refs_hold(c.must, f, calcs)) return false;
            }
        }
    }
    for (const auto& c : f.calculations) {
        if (!program_refs_hold(c.formula, f, calcs)) return false;
    }
    for (const auto& rule : f.team_rules) {
        if (!program_refs_hold(rule.when, f, calcs)) return false;
    }
    return true;
}

}  // namespace

std::string encode_form_image(const form& f) {
    binary_writer w;
    w.raw(magic);
    w.number(image_version);
    w.text(f.id);
    w.text(f.title);
    w.text(f.description);
    w.text(f.version);
    w.text(f.start);
    w.number(f.pages.size());
    for (const auto& p : f.pages) write_page(w, p);
    w.number(f.calculations.size());
    for (const auto& c : f.calculations) {
        w.text(c.id);
        write_expression(w, c.formula);
    }
    w.number(f.tables.size());
    for (const auto& t : f.tables) {
        w.text(t.name);
        w.number(t.entries.size());
        for (const auto& [key, v] : t.entries) {
            w.text(key);
            w.text(v);
        }
    }
    w.number(f.team_rules.size());
    for (const auto& rule : f.team_rules) {
        write_expression(w, rule.when);
        w.text(rule.route.team);
        w.text(rule.route.urgency);
    }
    w.text(f.default_route.team);
    w.text(f.default_route.urgency);
    // One language travels: the texts above are in f.language; the others
    // are listed so that the browser can offer them.
    w.text(f.language);
    w.number(f.languages.size());
    for (const auto& l : f.languages) w.text(l);
    const auto note = f.translation_status.find(f.language);
    w.text(note == f.translation_status.end() ? std::string() : note->second);
    w.number(f.engine_texts.size());
    for (const auto& t : f.engine_texts) w.text(t);
    return w.take();
}

result<form> decode_form_image(std::string_view image) {
    if (image.size() > largest_form_image) return error{"image", "The form image is too large."};
    binary_reader r(image);
    if (!r.expect(magic) || r.number() != image_version) return error{"image", "This is not a form image this engine reads."};
    form f;
    f.id = r.text();
    f.title = r.text();
    f.description = r.text();
    f.version = r.text();
    f.start = r.text();
    const auto pages = r.count();
    for (std::size_t i = 0; i < pages && !r.failed(); ++i) f.pages.push_back(read_page(r));
    const auto calculations = r.count();
    for (std::size_t i = 0; i < calculations && !r.failed(); ++i) {
        calculation c;
        c.id = r.text();
        c.formula = read_expression(r);
        f.calculations.push_back(std::move(c));
    }
    const auto tables = r.count();
    for (std::size_t i = 0; i < tables && !r.failed(); ++i) {
        lookup_table t;
        t.name = r.text();
        const auto entries = r.count();
        for (std::size_t k = 0; k < entries && !r.failed(); ++k) {
            std::string key = r.text();
            t.entries[std::move(key)] = r.text();
        }
        f.tables.push_back(std::move(t));
    }
    const auto rules = r.count();
    for (std::size_t i = 0; i < rules && !r.failed(); ++i) {
        team_rule rule;
        rule.when = read_expression(r);
        rule.route.team = r.text();
        rule.route.urgency = r.text();
        f.team_rules.push_back(std::move(rule));
    }
    f.default_route.team = r.text();
    f.default_route.urgency = r.text();
    f.language = r.text();
    f.languages.clear();
    const auto languages = r.count();
    for (std::size_t i = 0; i < languages && !r.failed(); ++i) f.languages.push_back(r.text());
    if (std::string note = r.text(); !note.empty()) f.translation_status[f.language] = std::move(note);
    const auto texts = r.count();
    for (std::size_t i = 0; i < texts && !r.failed(); ++i) f.engine_texts.push_back(r.text());
    if (!f.engine_texts.empty() && f.engine_texts.size() != engine_text_count) return error{"image", "The form image is damaged."};
    if (!r.failed() && std::find(f.languages.begin(), f.languages.end(), f.language) == f.languages.end()) {
        return error{"image", "The form image is damaged."};
    }
    if (r.failed() || !r.at_end()) return error{"image", "The form image is damaged."};
    f.index_questions();
    if (!references_hold(f)) return error{"image", "The form image points at pages or answers it does not have."};
    return f;
}

}  // namespace frontdesk
