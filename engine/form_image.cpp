#include "engine/form_image.hpp"

#include <cstdint>

#include "engine/binary_io.hpp"

namespace frontdesk {
namespace {

constexpr std::string_view magic = "FDFI";
constexpr unsigned char image_version = 1;

void write_condition(binary_writer& w, const condition& c) {
    w.text(c.question);
    w.text(c.equals);
}

condition read_condition(binary_reader& r) {
    condition c;
    c.question = r.text();
    c.equals = r.text();
    return c;
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
    w.text(q.required_message);
    w.text(q.max_length_message);
    w.text(q.format_message);
}

question read_question(binary_reader& r) {
    question q;
    q.id = r.text();
    const auto type = r.number();
    if (type > static_cast<std::uint64_t>(question_type::radios)) r.reject();
    q.type = static_cast<question_type>(type);
    q.label = r.text();
    q.hint = r.text();
    q.required = r.number() != 0;
    q.max_length = static_cast<std::size_t>(r.number());
    const auto format = r.number();
    if (format > static_cast<std::uint64_t>(answer_format::email)) r.reject();
    q.format = static_cast<answer_format>(format);
    const auto choices = r.count();
    for (std::size_t i = 0; i < choices && !r.failed(); ++i) {
        choice c;
        c.value = r.text();
        c.label = r.text();
        q.choices.push_back(std::move(c));
    }
    q.autocomplete = r.text();
    q.width = static_cast<int>(r.number() & 0xFF);
    q.required_message = r.text();
    q.max_length_message = r.text();
    q.format_message = r.text();
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
        write_condition(w, route.when);
        w.text(route.go_to);
    }
    w.text(p.next);
}

page read_page(binary_reader& r) {
    page p;
    p.id = r.text();
    const auto kind = r.number();
    if (kind > static_cast<std::uint64_t>(page_kind::exit)) r.reject();
    p.kind = static_cast<page_kind>(kind);
    p.title = r.text();
    const auto paragraphs = r.count();
    for (std::size_t i = 0; i < paragraphs && !r.failed(); ++i) p.body.push_back(r.text());
    const auto questions = r.count();
    for (std::size_t i = 0; i < questions && !r.failed(); ++i) p.questions.push_back(read_question(r));
    const auto routes = r.count();
    for (std::size_t i = 0; i < routes && !r.failed(); ++i) {
        page_route route;
        route.when = read_condition(r);
        route.go_to = r.text();
        p.routes.push_back(std::move(route));
    }
    p.next = r.text();
    return p;
}

// The session trusts that every page it is sent to exists; an image is only
// accepted when that holds.
bool references_hold(const form& f) {
    auto target_ok = [&](const std::string& id, page_kind kind) {
        if (id.empty()) return kind == page_kind::exit;
        return id == check_answers_page || f.page_index(id).has_value();
    };
    if (!f.page_index(f.start)) return false;
    for (const auto& p : f.pages) {
        if (!target_ok(p.next, p.kind)) return false;
        for (const auto& route : p.routes) {
            if (route.go_to.empty() || !target_ok(route.go_to, page_kind::questions)) return false;
        }
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
    w.number(f.team_rules.size());
    for (const auto& rule : f.team_rules) {
        write_condition(w, rule.when);
        w.text(rule.route.team);
        w.text(rule.route.urgency);
    }
    w.text(f.default_route.team);
    w.text(f.default_route.urgency);
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
    const auto rules = r.count();
    for (std::size_t i = 0; i < rules && !r.failed(); ++i) {
        team_rule rule;
        rule.when = read_condition(r);
        rule.route.team = r.text();
        rule.route.urgency = r.text();
        f.team_rules.push_back(std::move(rule));
    }
    f.default_route.team = r.text();
    f.default_route.urgency = r.text();
    if (r.failed() || !r.at_end()) return error{"image", "The form image is damaged."};
    if (!references_hold(f)) return error{"image", "The form image points at pages it does not have."};
    return f;
}

}  // namespace frontdesk
