#include "engine/form_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "engine/answer.hpp"
#include "engine/encoding.hpp"
#include "engine/expr_check.hpp"
#include "engine/catalog.hpp"
#include "engine/translate.hpp"

namespace frontdesk {
namespace {

using json = nlohmann::json;

bool is_identifier(const std::string& s, bool allow_dash) {
    if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_dash && c == '-');
        if (!ok) return false;
    }
    return true;
}

// Reads one JSON object, remembering where it is and which keys it used, so
// that a misspelt key is reported instead of silently ignored.
class object_reader {
public:
    object_reader(const json& j, std::string pointer, std::vector<error>& errors)
        : j_(j), pointer_(std::move(pointer)), errors_(errors) {
        if (!j_.is_object()) fail("", "must be an object");
    }

    bool ok() const { return j_.is_object(); }
    std::string at(const std::string& key) const { return pointer_ + "/" + key; }

    void fail(const std::string& key, const std::string& message) const {
        errors_.push_back({key.empty() ? pointer_ : at(key), message});
    }

    const json* find(const std::string& key) {
        used_.insert(key);
        if (!ok()) return nullptr;
        const auto it = j_.find(key);
        return it == j_.end() ? nullptr : &*it;
    }

    std::string text(const std::string& key, bool required) {
        const json* v = find(key);
        if (v == nullptr) {
            if (required) fail(key, "is required");
            return {};
        }
        if (!v->is_string()) {
            fail(key, "must be a string");
            return {};
        }
        auto s = v->get<std::string>();
        if (required && s.empty()) fail(key, "must not be empty");
        return s;
    }

    // A text a person reads: a string in the default language, or an object
    // of language -> text. An object reads as "" here; the texts are put in
    // place once the whole form is read (read_translations).
    std::string translatable(const std::string& key, bool required) {
        const json* v = find(key);
        if (v != nullptr && v->is_object()) return {};
        if (v != nullptr && !v->is_string()) {
            fail(key, "must be a string, or an object of language codes to strings");
            return {};
        }
        return text(key, required);
    }

    std::string identifier(const std::string& key, bool allow_dash) {
        auto s = text(key, true);
        if (!s.empty() && !is_identifier(s, allow_dash)) {
            fail(key, allow_dash ? "must be lower case letters, digits, '_' or '-', starting with a letter"
                                 : "must be lower case letters, digits or '_', starting with a letter");
        }
        return s;
    }

    bool flag(const std::string& key) {
        const json* v = find(key);
        if (v == nullptr) return false;
        if (!v->is_boolean()) {
            fail(key, "must be true or false");
            return false;
        }
        return v->get<bool>();
    }

    std::int64_t number(const std::string& key, std::int64_t low, std::int64_t high) {
        const json* v = find(key);
        if (v == nullptr) return 0;
        if (!v->is_number_integer() || v->get<std::int64_t>() < low || v->get<std::int64_t>() > high) {
            fail(key, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
            return 0;
        }
        return v->get<std::int64_t>();
    }

    const json* array(const std::string& key, bool required) {
        const json* v = find(key);
        if (v == nullptr) {
            if (required) fail(key, "is required");
            return nullptr;
        }
        if (!v->is_array()) {
            fail(key, "must be a list");
            return nullptr;
        }
        return v;
    }

    void reject_unknown_keys() const {
        if (!ok()) return;
        for (const auto& [key, value] : j_.items()) {
            if (!used_.count(key)) fail(key, "is not a known setting (is it misspelt?)");
        }
    }

private:
    const json& j_;
    std::string pointer_;
    std::vector<error>& errors_;
    std::set<std::string> used_;
};

// The source of an expression: a string, parsed and compiled once the whole
// form is read (names may point forward).
std::string expression_source(object_reader& r, const std::string& key, bool required) {
    const json* v = r.find(key);
    if (v == nullptr) {
        if (required) r.fail(key, "is required");
        return {};
    }
    if (!v->is_string()) {
        r.fail(key, "must be an expression in a string, like \"in_danger = 'yes'\"");
        return {};
    }
    auto s = v->get<std::string>();
    if (s.empty()) r.fail(key, "must not be empty");
    return s;
}

bool parse_type(const std::string& name, question_type& out) {
    static const std::pair<const char*, question_type> names[] = {
        {"text", question_type::text},         {"textarea", question_type::textarea},
        {"radios", question_type::radios},     {"checkboxes", question_type::checkboxes},
        {"select", question_type::select},     {"yes_no", question_type::yes_no},
        {"number", question_type::number},     {"decimal", question_type::decimal},
        {"money", question_type::money},       {"date", question_type::date},
        {"time", question_type::time},         {"email", question_type::email},
        {"phone", question_type::phone},       {"postcode", question_type::postcode},
        {"registration", question_type::registration},
        {"address", question_type::address},   {"file", question_type::file},
        {"content", question_type::content},
    };
    for (const auto& [n, t] : names) {
        if (name == n) {
            out = t;
            return true;
        }
    }
    return false;
}

bool has_choices(question_type t) {
    return t == question_type::radios || t == question_type::checkboxes || t == question_type::select;
}

// A limit for a number (in ten-thousandths) or a date (days): "min", "max".
std::optional<std::int64_t> read_limit(object_reader& r, const std::string& key, question_type type) {
    const json* v = r.find(key);
    if (v == nullptr) return std::nullopt;
    if (type == question_type::date) {
        if (v->is_string()) {
            if (auto d = parse_iso_date(v->get<std::string>())) return *d;
        }
        r.fail(key, "must be a date written \"YYYY-MM-DD\"");
        return std::nullopt;
    }
    if (type != question_type::number && type != question_type::decimal && type != question_type::money) {
        r.fail(key, "only number, decimal, money and date questions have limits");
        return std::nullopt;
    }
    if (v->is_number()) {
        if (auto n = parse_number(v->dump())) return *n;
    }
    r.fail(key, "must be a number with at most four decimal places");
    return std::nullopt;
}

question read_question(const json& j, const std::string& pointer, std::vector<error>& errors) {
    object_reader r(j, pointer, errors);
    question q;
    q.id = r.identifier("id", false);
    const auto type = r.text("type", true);
    if (!type.empty() && !parse_type(type, q.type)) {
        r.fail("type", "must be one of text, textarea, radios, checkboxes, select, yes_no, number, decimal, money, "
                       "date, time, email, phone, postcode, registration, address, file, content");
    }
    q.label = r.translatable("label", true);
    q.hint = r.translatable("hint", false);
    q.name = r.translatable("name", false);
    q.required = r.flag("required");
    q.max_length = static_cast<std::size_t>(r.number("max_length", 1, 100000));
    const auto format = r.text("format", false);
    if (format == "uk_postcode") q.format = answer_format::uk_postcode;
    else if (format == "email") q.format = answer_format::email;
    else if (format == "uk_phone") q.format = answer_format::uk_phone;
    else if (format == "vehicle_registration") q.format = answer_format::vehicle_registration;
    else if (!format.empty()) r.fail("format", "must be uk_postcode, email, uk_phone or vehicle_registration");
    if (!format.empty() && q.type != question_type::text) r.fail("format", "only text questions have a format");
    q.autocomplete = r.text("autocomplete", false);
    q.width = static_cast<int>(r.number("width", 1, 100));
    q.approximate = r.flag("approximate");
    if (q.approximate && q.type != question_type::date) r.fail("approximate", "only date questions can be approximate");
    q.min = read_limit(r, "min", q.type);
    q.max = read_limit(r, "max", q.type);
    if (q.min && q.max && *q.min > *q.max) r.fail("max", "must not be less than min");
    const bool past = r.flag("past");
    const bool future = r.flag("future");
    if ((past || future) && q.type != question_type::date) r.fail(past ? "past" : "future", "only date questions can be in the past or the future");
    if (past && future) r.fail("future", "a date cannot be both in the past and in the future");
    q.show_if.source = expression_source(r, "show_if", false);
    if (q.type == question_type::content && q.required) r.fail("required", "a content block asks nothing");

    if (const json* options = r.array("options", has_choices(q.type))) {
        std::set<std::string> values;
        for (std::size_t i = 0; i < options->size(); ++i) {
            const std::string at = r.at("options") + "/" + std::to_string(i);
            object_reader o((*options)[i], at, errors);
            choice c{o.text("value", true), o.translatable("label", true)};
            if (!values.insert(c.value).second) o.fail("value", "is used by another option");
            if (c.value.find('\n') != std::string::npos) o.fail("value", "must be one line");
            o.reject_unknown_keys();
            q.choices.push_back(std::move(c));
        }
        if (!has_choices(q.type)) r.fail("options", "only radios, checkboxes and select questions have options");
        else if (q.choices.empty()) r.fail("options", "must list at least one option");
    }

    if (const json* checks = r.array("checks", false)) {
        for (std::size_t i = 0; i < checks->size(); ++i) {
            object_reader c((*checks)[i], r.at("checks") + "/" + std::to_string(i), errors);
            answer_check check;
            check.must.source = expression_source(c, "must", true);
            check.message = c.translatable("message", true);
            check.message_at = c.at("message");
            c.reject_unknown_keys();
            q.checks.push_back(std::move(check));
        }
    }

    // The rules of the walking skeleton need the author's own message, in the
    // words of the question; newer rules fall back to the engine's messages,
    // which name the question by `name` (or its label).
    const json* messages = r.find("messages");
    const bool radios = q.type == question_type::radios;
    const bool needs_any = q.required || radios || q.max_length > 0 || q.format != answer_format::none;
    std::string past_message, future_message;
    if (messages == nullptr) {
        if (needs_any) r.fail("messages", "is required: each rule needs its error message");
    } else {
        object_reader m(*messages, r.at("messages"), errors);
        q.required_message = m.translatable("required", q.required || radios);
        q.max_length_message = m.translatable("max_length", q.max_length > 0);
        q.format_message = m.translatable("format", q.format != answer_format::none);
        q.min_message = m.translatable("min", false);
        q.max_message = m.translatable("max", false);
        past_message = m.translatable("past", false);
        future_message = m.translatable("future", false);
        m.reject_unknown_keys();
    }
    if (past || future) {
        // "In the past" is a check on today(): today is allowed. Without the
        // author's message it gets the engine's, in each language, once the
        // name's translations are read (engine_check_messages).
        answer_check check;
        check.must.source = q.id + (past ? " <= today()" : " >= today()");
        check.message = past ? past_message : future_message;
        check.message_at = pointer + (past ? "/messages/past" : "/messages/future");
        q.checks.insert(q.checks.begin(), std::move(check));
    }
    r.reject_unknown_keys();
    return q;
}

// A repeat page's "repeat": its questions are asked once per entry.
repeat_spec read_repeat(const json& j, const std::string& pointer, const page& p, std::vector<error>& errors) {
    object_reader r(j, pointer, errors);
    repeat_spec spec;
    spec.id = r.identifier("id", false);
    if (r.find("min")) spec.min = static_cast<std::uint32_t>(r.number("min", 0, largest_repeat));
    if (r.find("max")) spec.max = static_cast<std::uint32_t>(r.number("max", 1, largest_repeat));
    if (spec.min > spec.max) r.fail("min", "must not be more than max (" + std::to_string(spec.max) + ")");
    spec.item = r.translatable("item", true);
    spec.summary_title = r.translatable("summary_title", true);
    spec.add_another = r.translatable("add_another", true);
    spec.entry_label.source = expression_source(r, "entry_label", false);
    if (const json* messages = r.find("messages")) {
        object_reader m(*messages, r.at("messages"), errors);
        for_each_repeat_message(spec.messages, [&](const char* key, std::string& text) { text = m.translatable(key, false); });
        m.reject_unknown_keys();
    }
    r.reject_unknown_keys();
    if (p.kind == page_kind::exit) {
        r.fail("", "an exit page cannot be a repeat: it asks no questions");
    } else if (std::none_of(p.questions.begin(), p.questions.end(), [](const question& q) { return q.asks(); })) {
        r.fail("", "a repeat page must ask at least one question");
    }
    return spec;
}

page read_page(const json& j, const std::string& pointer, std::vector<error>& errors) {
    object_reader r(j, pointer, errors);
    page p;
    p.id = r.identifier("id", true);
    const auto kind = r.text("type", false);
    if (kind == "exit") p.kind = page_kind::exit;
    else if (!kind.empty() && kind != "questions") r.fail("type", "must be questions or exit");
    p.title = r.translatable("title", true);
    if (const json* body = r.array("body", false)) {
        for (std::size_t i = 0; i < body->size(); ++i) {
            const json& para = (*body)[i];
            if (para.is_string()) p.body.push_back(para.get<std::string>());
            else if (para.is_object()) p.body.emplace_back();  // translations: read_translations
            else errors.push_back({r.at("body") + "/" + std::to_string(i), "must be a string, or an object of language codes to strings"});
        }
    }
    if (const json* questions = r.array("questions", p.kind == page_kind::questions)) {
        for (std::size_t i = 0; i < questions->size(); ++i) {
            p.questions.push_back(read_question((*questions)[i], r.at("questions") + "/" + std::to_string(i), errors));
        }
        if (p.kind == page_kind::exit && !p.questions.empty()) r.fail("questions", "an exit page asks no questions");
        if (p.kind == page_kind::questions && p.questions.empty()) r.fail("questions", "must ask at least one question");
    }
    if (const json* routes = r.array("routes", false)) {
        for (std::size_t i = 0; i < routes->size(); ++i) {
            const std::string at = r.at("routes") + "/" + std::to_string(i);
            object_reader route(((*routes)[i]), at, errors);
            page_route pr;
            pr.when.source = expression_source(route, "if", true);
            pr.go_to = route.text("goto", true);
            route.reject_unknown_keys();
            p.routes.push_back(std::move(pr));
        }
    }
    p.next = r.text("next", p.kind == page_kind::questions);
    if (p.kind == page_kind::exit && (!p.next.empty() || !p.routes.empty())) {
        r.fail("next", "an exit page ends the journey: it has no next page or routes");
    }
    if (const json* repeat = r.find("repeat")) p.repeat = read_repeat(*repeat, r.at("repeat"), p, errors);
    r.reject_unknown_keys();
    return p;
}

team_route read_team_route(object_reader& r) {
    team_route route{r.identifier("team", true), r.text("urgency", false)};
    if (route.urgency.empty()) route.urgency = "standard";
    if (route.urgency != "urgent" && route.urgency != "standard" && route.urgency != "low") {
        r.fail("urgency", "must be urgent, standard or low");
    }
    return route;
}

void read_routing(const json& j, const std::string& pointer, form& f, std::vector<error>& errors) {
    object_reader r(j, pointer, errors);
    if (const json* rules = r.array("rules", false)) {
        for (std::size_t i = 0; i < rules->size(); ++i) {
            object_reader rule((*rules)[i], r.at("rules") + "/" + std::to_string(i), errors);
            team_rule tr;
            tr.when.source = expression_source(rule, "if", true);
            tr.route = read_team_route(rule);
            rule.reject_unknown_keys();
            f.team_rules.push_back(std::move(tr));
        }
    }
    if (const json* fallback = r.find("default")) {
        object_reader d(*fallback, r.at("default"), errors);
        f.default_route = read_team_route(d);
        d.reject_unknown_keys();
    } else {
        r.fail("default", "is required: every report needs a team");
    }
    r.reject_unknown_keys();
}

void read_calculations(const json& list, const std::string& pointer, form& f, std::vector<error>& errors) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        object_reader r(list[i], pointer + "/" + std::to_string(i), errors);
        calculation c;
        c.id = r.identifier("id", false);
        c.formula.source = expression_source(r, "value", true);
        r.reject_unknown_keys();
        f.calculations.push_back(std::move(c));
    }
}

// A lookup table: an object of text keys to text values, in the form or in a data file beside it.
void read_table(const std::string& name, const json& j, const std::string& pointer, const data_reader& read_data,
                form& f, std::vector<error>& errors, std::string& hashed) {
    const json* entries = &j;
    json from_file;
    if (j.is_string()) {
        const std::string path = j.get<std::string>();
        if (path.find("..") != std::string::npos || path.empty() || path[0] == '/') {
            errors.push_back({pointer, "a data file is named relative to the form, without '..'"});
            return;
        }
        const auto text = read_data ? read_data(path) : std::nullopt;
        if (!text) {
            errors.push_back({pointer, "cannot read the data file '" + path + "'"});
            return;
        }
        from_file = json::parse(*text, nullptr, false);
        if (from_file.is_discarded()) {
            errors.push_back({pointer, "the data file '" + path + "' is not valid JSON"});
            return;
        }
        entries = &from_file;
    }
    if (!entries->is_object()) {
        errors.push_back({pointer, "must be an object of text keys to text values, or the name of a data file holding one"});
        return;
    }
    lookup_table t;
    t.name = name;
    for (const auto& [key, v] : entries->items()) {
        if (!v.is_string()) {
            errors.push_back({pointer, "the entry '" + key + "' must be a text"});
            return;
        }
        t.entries[key] = v.get<std::string>();
    }
    hashed += entries->dump();
    f.tables.push_back(std::move(t));
}

// Cross-references: every id that is pointed at exists, every id is unique.
void check_references(const form& f, std::vector<error>& errors) {
    std::set<std::string> page_ids;
    std::set<std::string> names;
    for (std::size_t i = 0; i < f.pages.size(); ++i) {
        const std::string at = "/pages/" + std::to_string(i);
        const auto& p = f.pages[i];
        if (p.id == check_answers_page) errors.push_back({at + "/id", "'check-answers' is reserved"});
        if (!page_ids.insert(p.id).second) errors.push_back({at + "/id", "'" + p.id + "' is the id of another page"});
        for (std::size_t k = 0; k < p.questions.size(); ++k) {
            if (!names.insert(p.questions[k].id).second) {
                errors.push_back({at + "/questions/" + std::to_string(k) + "/id",
                                  "'" + p.questions[k].id + "' is the id of another question"});
            }
        }
    }
    for (std::size_t i = 0; i < f.pages.size(); ++i) {
        const auto& repeat = f.pages[i].repeat;
        if (repeat && !repeat->id.empty() && !names.insert(repeat->id).second) {
            errors.push_back({"/pages/" + std::to_string(i) + "/repeat/id",
                              "'" + repeat->id + "' is the id of a question or another repeat"});
        }
    }
    for (std::size_t i = 0; i < f.calculations.size(); ++i) {
        if (!names.insert(f.calculations[i].id).second) {
            errors.push_back({"/calculations/" + std::to_string(i) + "/id",
                              "'" + f.calculations[i].id + "' is the id of a question, a repeat or another calculated value"});
        }
    }
    auto check_target = [&](const std::string& target, const std::string& at) {
        if (!target.empty() && target != check_answers_page && !f.page_index(target)) {
            errors.push_back({at, "there is no page '" + target + "'"});
        }
    };
    if (!f.start.empty() && !f.page_index(f.start)) errors.push_back({"/start", "there is no page '" + f.start + "'"});
    for (std::size_t i = 0; i < f.pages.size(); ++i) {
        const std::string at = "/pages/" + std::to_string(i);
        check_target(f.pages[i].next, at + "/next");
        for (std::size_t k = 0; k < f.pages[i].routes.size(); ++k) {
            check_target(f.pages[i].routes[k].go_to, at + "/routes/" + std::to_string(k) + "/goto");
        }
    }
}

// An expression comparing a choice question with a text that is none of its
// options can never hold: that is an error, with the place of the text.
void check_options(const form& f, const expr_ast& ast, std::string& problem) {
    auto choices_of = [&](int index) -> const question* {
        if (index < 0) return nullptr;
        const auto& n = ast.at(index);
        if (n.kind != node_kind::name) return nullptr;
        const question* q = f.find_question(n.name);
        return q != nullptr && !q->choices.empty() ? q : nullptr;
    };
    auto check_text = [&](const question& q, int index) {
        if (!problem.empty() || index < 0) return;
        const auto& n = ast.at(index);
        if (n.kind != node_kind::literal || n.literal.kind != value_kind::text) return;
        for (const auto& c : q.choices) {
            if (c.value == n.literal.s) return;
        }
        problem = std::to_string(n.line) + ":" + std::to_string(n.column) + ": '" + n.literal.s + "' is not an option of '" +
                  q.id + "', so this never holds";
    };
    for (const auto& n : ast.nodes) {
        const bool compares = (n.kind == node_kind::binary && (n.op == token_kind::equal || n.op == token_kind::not_equal)) ||
                              (n.kind == node_kind::call && n.name == "contains" && n.kids.size() == 2);
        if (compares) {
            if (const question* q = choices_of(n.kids[0])) check_text(*q, n.kids[1]);
            if (const question* q = choices_of(n.kids[1])) check_text(*q, n.kids[0]);
        }
        if (n.kind == node_kind::binary && n.op == token_kind::kw_in) {
            if (const question* q = choices_of(n.kids[0])) {
                if (n.kids[1] >= 0 && ast.at(n.kids[1]).kind == node_kind::list) {
                    for (int item : ast.at(n.kids[1]).kids) check_text(*q, item);
                }
            }
        }
    }
}

// Compiles every expression of the form in place. `earliest_forbidden`
// limits the names one may read: show_if reads only earlier questions, a
// calculated value only earlier calculated values.
class expression_compiler {
public:
    expression_compiler(form& f, std::vector<error>& errors) : f_(f), errors_(errors) {}

    void run() {
        for (std::size_t i = 0; i < f_.pages.size(); ++i) {
            auto& p = f_.pages[i];
            const std::string at = "/pages/" + std::to_string(i);
            // A repeat page's questions and entry label read the entry's own
            // answers; its routes are tried after the last entry, outside it.
            home_ = p.repeat ? std::optional<std::uint32_t>(p.repeat->group) : std::nullopt;
            for (std::size_t k = 0; k < p.questions.size(); ++k) {
                auto& q = p.questions[k];
                const std::string qat = at + "/questions/" + std::to_string(k);
                if (!q.show_if.source.empty()) {
                    compile(q.show_if, qat + "/show_if", value_type::boolean, q.slot, f_.calculations.size());
                }
                for (std::size_t c = 0; c < q.checks.size(); ++c) {
                    compile(q.checks[c].must, qat + "/checks/" + std::to_string(c) + "/must", value_type::boolean,
                            f_.slots.size(), f_.calculations.size());
                }
            }
            if (p.repeat) {
                compile(p.repeat->entry_label, at + "/repeat/entry_label", value_type::text, f_.slots.size(),
                        f_.calculations.size());
            }
            home_.reset();
            for (std::size_t k = 0; k < p.routes.size(); ++k) {
                compile(p.routes[k].when, at + "/routes/" + std::to_string(k) + "/if", value_type::boolean, f_.slots.size(),
                        f_.calculations.size());
            }
        }
        for (std::size_t i = 0; i < f_.calculations.size(); ++i) {
            compile(f_.calculations[i].formula, "/calculations/" + std::to_string(i) + "/value", value_type::any,
                    f_.slots.size(), i);
        }
        for (std::size_t i = 0; i < f_.team_rules.size(); ++i) {
            compile(f_.team_rules[i].when, "/routing/rules/" + std::to_string(i) + "/if", value_type::boolean,
                    f_.slots.size(), f_.calculations.size());
        }
    }

private:
    void compile(expression& e, const std::string& at, value_type expected, std::size_t questions_before,
                 std::size_t calculations_before) {
        if (e.source.empty()) return;
        std::string scope_problem;
        expr_environment env;
        env.find_name = [&](std::string_view name) -> std::optional<expr_symbol> {
            const std::string id(name);
            if (auto slot = f_.slot_of(id)) {
                const question& q = f_.at(f_.slots[*slot]);
                if (!q.asks()) return std::nullopt;
                if (*slot >= questions_before && scope_problem.empty()) {
                    scope_problem = "'" + id + "' is asked after this question: show_if may only use answers given before it";
                }
                const repeat_spec* repeat = f_.repeat_of_slot(*slot);
                if (repeat && repeat->group != home_ && scope_problem.empty()) {
                    scope_problem = "'" + id + "' is asked once for each entry of the repeat '" + repeat->id +
                                    "': outside its page, use it in any(" + repeat->id + ", …), all(" + repeat->id +
                                    ", …) or sum(" + repeat->id + ", …)";
                }
                return expr_symbol{opcode::answer, *slot, answer_type(q)};
            }
            for (std::size_t i = 0; i < f_.calculations.size(); ++i) {
                if (f_.calculations[i].id != id) continue;
                if (i >= calculations_before && scope_problem.empty()) {
                    scope_problem = "'" + id + "' is calculated after this one (or is this one): a calculated value may "
                                    "only use those listed before it";
                }
                return expr_symbol{opcode::calculation, static_cast<std::uint32_t>(i), f_.calculations[i].formula.type};
            }
            return std::nullopt;
        };
        env.has_table = [&](std::string_view name) { return f_.find_table(name) != nullptr; };
        env.find_group = [&](std::string_view name) { return f_.group_index(name); };
        env.find_entry_name = [&](std::string_view name, std::uint32_t group) -> std::optional<expr_symbol> {
            const auto slot = f_.slot_of(std::string(name));
            if (!slot) return std::nullopt;
            const repeat_spec* repeat = f_.repeat_of_slot(*slot);
            const question& q = f_.at(f_.slots[*slot]);
            if (repeat == nullptr || repeat->group != group || !q.asks()) return std::nullopt;
            return expr_symbol{opcode::answer, *slot, answer_type(q)};
        };
        auto ast = parse_expression(e.source);
        if (!ast) {
            errors_.push_back({at, ast.err().where + ": " + ast.err().message});
            return;
        }
        auto compiled = compile_expression(*ast, env);
        if (!compiled) {
            errors_.push_back({at, compiled.err().where + ": " + compiled.err().message});
            return;
        }
        if (!scope_problem.empty()) {
            errors_.push_back({at, scope_problem});
            return;
        }
        if (expected != value_type::any && compiled->type != expected && compiled->type != value_type::any) {
            errors_.push_back({at, (expected == value_type::boolean ? "must be a yes/no condition, not " : "must be a text, not ") +
                                       std::string(type_name(compiled->type))});
            return;
        }
        std::string never;
        check_options(f_, *ast, never);
        if (!never.empty()) {
            errors_.push_back({at, never});
            return;
        }
        e.code = std::move(compiled->code);
        e.type = compiled->type;
    }

    form& f_;
    std::vector<error>& errors_;
    std::optional<std::uint32_t> home_;  // the repeat whose page is being compiled
};

// "en", "pl", "cy", "pt-br": a BCP 47 language, with a region at most.
bool is_language_code(const std::string& s) {
    const auto dash = s.find('-');
    const std::string lang = s.substr(0, dash);
    if (lang.size() < 2 || lang.size() > 3) return false;
    if (!std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return false;
    if (dash == std::string::npos) return true;
    const std::string region = s.substr(dash + 1);
    return region.size() >= 2 && region.size() <= 8 &&
           std::all_of(region.begin(), region.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

// "languages" (the first is the default) and "translation_status".
void read_languages(object_reader& r, form& f) {
    if (const json* list = r.array("languages", false)) {
        std::vector<std::string> codes;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const json& code = (*list)[i];
            const std::string at = "languages/" + std::to_string(i);
            if (!code.is_string() || !is_language_code(code.get<std::string>())) {
                r.fail(at, "must be a language code in lower case, like \"en\" or \"pl\"");
            } else if (std::find(codes.begin(), codes.end(), code.get<std::string>()) != codes.end()) {
                r.fail(at, "'" + code.get<std::string>() + "' is listed twice");
            } else {
                codes.push_back(code.get<std::string>());
            }
        }
        if (list->empty()) r.fail("languages", "must list at least one language (the first is the default)");
        else if (list->size() > 30) r.fail("languages", "must list at most 30 languages");
        if (!codes.empty()) f.languages = codes;
    }
    f.language = f.languages.front();
    f.engine_texts = engine_words_in(f.language);
    if (const json* status = r.find("translation_status")) {
        if (!status->is_object()) {
            r.fail("translation_status", "must be an object of language codes to notes, like {\"pl\": \"awaiting professional review\"}");
            return;
        }
        for (const auto& [code, note] : status->items()) {
            if (std::find(f.languages.begin(), f.languages.end(), code) == f.languages.end()) {
                r.fail("translation_status/" + code, "'" + code + "' is not one of the form's languages");
            } else if (!note.is_string() || note.get<std::string>().empty()) {
                r.fail("translation_status/" + code, "must be a note in a string, like \"awaiting professional review\"");
            } else {
                f.translation_status[code] = note.get<std::string>();
            }
        }
    }
}

// The value at a JSON pointer of the loader's (keys without '/' or '~'), or nullptr.
const json* value_at(const json& root, const std::string& pointer) {
    const json* v = &root;
    std::size_t from = 1;
    while (from <= pointer.size() && v != nullptr) {
        auto to = pointer.find('/', from);
        if (to == std::string::npos) to = pointer.size();
        const std::string part = pointer.substr(from, to - from);
        if (v->is_object()) {
            const auto it = v->find(part);
            v = it == v->end() ? nullptr : &*it;
        } else if (v->is_array() && !part.empty() && part.find_first_not_of("0123456789") == std::string::npos &&
                   part.size() < 10 && std::stoul(part) < v->size()) {
            v = &(*v)[std::stoul(part)];
        } else {
            v = nullptr;
        }
        from = to + 1;
    }
    return v;
}

// Puts the default language's text of each text given as an object in
// place, and keeps the others in f.translations.
void read_translations(const json& root, form& f, std::vector<error>& errors) {
    const std::string& fallback = f.languages.front();
    for_each_text(f, [&](const std::string& at, std::string& text) {
        const json* v = value_at(root, at);
        if (v == nullptr || !v->is_object()) return;
        std::map<std::string, std::string> texts;
        for (const auto& [code, t] : v->items()) {
            if (std::find(f.languages.begin(), f.languages.end(), code) == f.languages.end()) {
                errors.push_back({at + "/" + code, "'" + code + "' is not one of the form's languages (list it in \"languages\")"});
            } else if (!t.is_string()) {
                errors.push_back({at + "/" + code, "must be a string"});
            } else {
                texts[code] = t.get<std::string>();
            }
        }
        const auto def = texts.find(fallback);
        if (def == texts.end()) {
            if (v->find(fallback) == v->end()) errors.push_back({at, "must give the text in the default language, \"" + fallback + "\""});
            return;
        }
        text = def->second;
        f.translations[at] = std::move(texts);
    });
}

// The engine's message for a past or future check whose author wrote none,
// in every language of the form, naming the question in that language.
void engine_check_messages(const json& root, form& f) {
    auto in = [&](const std::string& at, const std::string& text, const std::string& language) {
        const auto texts = f.translations.find(at);
        if (texts == f.translations.end()) return text;
        const auto it = texts->second.find(language);
        return it == texts->second.end() ? text : it->second;
    };
    for (auto& p : f.pages) {
        for (auto& q : p.questions) {
            for (auto& c : q.checks) {
                const bool past = c.message_at.ends_with("/messages/past");
                if (!(past || c.message_at.ends_with("/messages/future")) || value_at(root, c.message_at) != nullptr) continue;
                const std::string qat = c.message_at.substr(0, c.message_at.rfind("/messages/"));
                const bool named = !q.name.empty();
                for (const auto& language : f.languages) {
                    const std::string name = in(qat + (named ? "/name" : "/label"), named ? q.name : q.label, language);
                    std::string message = engine_message(engine_words_in(language), past ? engine_text::past : engine_text::future, name);
                    if (language == f.languages.front()) c.message = message;
                    if (f.languages.size() > 1) f.translations[c.message_at][language] = std::move(message);
                }
            }
        }
    }
}

// English plurals for the defaults of repeat messages ("Add at least 2 people").
std::string plural(const std::string& item) {
    if (item == "person") return "people";
    if (item == "child") return "children";
    if (item.ends_with("s") || item.ends_with("x") || item.ends_with("ch") || item.ends_with("sh")) return item + "es";
    if (item.size() > 1 && item.back() == 'y' && std::string_view("aeiou").find(item[item.size() - 2]) == std::string_view::npos) {
        return item.substr(0, item.size() - 1) + "ies";
    }
    return item + "s";
}

std::string counted(std::uint32_t n, const std::string& item) {
    return std::to_string(n) + " " + (n == 1 ? item : plural(item));
}

// The English default of each repeat message its author did not write, made
// from the `item` noun. Only the default language's text is set: another
// language falls back to it, and lint asks for its translation like any text.
// `unlabelled` stays empty when not written: the session uses the entry's name.
void repeat_default_messages(form& f) {
    for (auto& p : f.pages) {
        if (!p.repeat) continue;
        repeat_spec& r = *p.repeat;
        repeat_messages& m = r.messages;
        std::string name = r.item;
        if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
        auto fill = [](std::string& text, std::string made) {
            if (text.empty()) text = std::move(made);
        };
        fill(m.entry, name + " {n}");
        fill(m.empty, "Answer at least one question about the " + r.item);
        fill(m.too_few, "Add at least " + counted(r.min, r.item));
        fill(m.too_many, "You cannot add more than " + counted(r.max, r.item));
        fill(m.add_another, "Select yes if you want to add another " + r.item);
        fill(m.removed, "You removed {label}.");
    }
}

// The deepest nesting of arrays and objects, outside strings: checked before
// parsing, so that nothing later walks a structure deep enough to exhaust the stack.
std::size_t nesting_depth(std::string_view source) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < source.size(); ++i) {
        const char c = source[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

form_load_result load_form_json(std::string_view source, const data_reader& read_data) {
    form_load_result out;
    if (source.size() > largest_form_source) {
        out.errors.push_back({"", "the form definition is larger than 4 MiB"});
        return out;
    }
    if (nesting_depth(source) > deepest_form_nesting) {
        out.errors.push_back({"", "the form definition is nested more than 64 deep"});
        return out;
    }
    json j = json::parse(source.begin(), source.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        // Parse again with exceptions to learn where: nlohmann reports the byte.
        try {
            const json unused = json::parse(source.begin(), source.end());
        } catch (const json::exception& e) {
            // A parse error, or a number too large for any type (out_of_range).
            out.errors.push_back({"", "not valid JSON: " + std::string(e.what())});
            return out;
        }
        out.errors.push_back({"", "not valid JSON"});
        return out;
    }
    form f;
    std::string data_hashed;
    {
        object_reader r(j, "", out.errors);
        f.id = r.identifier("id", true);
        read_languages(r, f);
        f.title = r.translatable("title", true);
        f.description = r.translatable("description", false);
        if (const json* next_steps = r.array("next_steps", false)) {
            for (std::size_t i = 0; i < next_steps->size(); ++i) {
                const json& step = (*next_steps)[i];
                if (step.is_string()) f.next_steps.push_back(step.get<std::string>());
                else if (step.is_object()) f.next_steps.emplace_back();  // translations: read_translations
                else out.errors.push_back({"/next_steps/" + std::to_string(i), "must be a string, or an object of language codes to strings"});
            }
        }
        f.start = r.text("start", false);
        if (const json* pages = r.array("pages", true)) {
            for (std::size_t i = 0; i < pages->size(); ++i) {
                f.pages.push_back(read_page((*pages)[i], "/pages/" + std::to_string(i), out.errors));
            }
            if (pages->empty()) r.fail("pages", "must hold at least one page");
        }
        if (const json* routing = r.find("routing")) read_routing(*routing, "/routing", f, out.errors);
        else r.fail("routing", "is required: every report needs a team");
        if (const json* calculations = r.array("calculations", false)) {
            read_calculations(*calculations, "/calculations", f, out.errors);
        }
        if (const json* tables = r.find("tables")) {
            if (!tables->is_object()) r.fail("tables", "must be an object of table names to tables");
            else {
                for (const auto& [name, table] : tables->items()) {
                    if (!is_identifier(name, false)) r.fail("tables", "'" + name + "' is not a table name (lower case letters, digits and '_')");
                    else read_table(name, table, "/tables/" + name, read_data, f, out.errors, data_hashed);
                }
            }
        }
        r.reject_unknown_keys();
    }
    read_translations(j, f, out.errors);
    engine_check_messages(j, f);
    repeat_default_messages(f);
    if (f.start.empty() && !f.pages.empty()) f.start = f.pages.front().id;
    f.index_questions();
    check_references(f, out.errors);
    // Expressions are compiled even when something else is wrong, so that
    // lint lists every problem at once.
    expression_compiler(f, out.errors).run();
    if (!out.errors.empty()) return out;
    // The version names the meaning, not the layout: hash the canonical dump
    // and the lookup tables' data.
    f.version = hash_hex(j.dump() + data_hashed).substr(0, 32);
    out.loaded = std::move(f);
    return out;
}

}  // namespace frontdesk
