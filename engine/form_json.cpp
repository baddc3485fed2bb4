#include "engine/form_json.hpp"

#include <nlohmann/json.hpp>

#include <set>

#include "engine/encoding.hpp"

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

condition read_condition(const json& j, const std::string& pointer, std::vector<error>& errors) {
    object_reader r(j, pointer, errors);
    condition c;
    c.question = r.identifier("question", false);
    c.equals = r.text("equals", true);
    r.reject_unknown_keys();
    return c;
}

question read_question(const json& j, const std::string& pointer, std::vector<error>& errors) {
    object_reader r(j, pointer, errors);
    question q;
    q.id = r.identifier("id", false);
    const auto type = r.text("type", true);
    if (type == "text") q.type = question_type::text;
    else if (type == "textarea") q.type = question_type::textarea;
    else if (type == "radios") q.type = question_type::radios;
    else if (!type.empty()) r.fail("type", "must be one of text, textarea, radios");
    q.label = r.text("label", true);
    q.hint = r.text("hint", false);
    q.required = r.flag("required");
    q.max_length = static_cast<std::size_t>(r.number("max_length", 1, 100000));
    const auto format = r.text("format", false);
    if (format == "uk_postcode") q.format = answer_format::uk_postcode;
    else if (format == "email") q.format = answer_format::email;
    else if (!format.empty()) r.fail("format", "must be uk_postcode or email");
    q.autocomplete = r.text("autocomplete", false);
    q.width = static_cast<int>(r.number("width", 1, 100));

    if (const json* options = r.array("options", q.type == question_type::radios)) {
        std::set<std::string> values;
        for (std::size_t i = 0; i < options->size(); ++i) {
            const std::string at = r.at("options") + "/" + std::to_string(i);
            object_reader o((*options)[i], at, errors);
            choice c{o.text("value", true), o.text("label", true)};
            if (!values.insert(c.value).second) o.fail("value", "is used by another option");
            o.reject_unknown_keys();
            q.choices.push_back(std::move(c));
        }
        if (q.type != question_type::radios) r.fail("options", "only radios questions have options");
        else if (q.choices.empty()) r.fail("options", "must list at least one option");
    }

    // Every rule a question has needs the author's own message, in the words
    // of the question; there are no generic fallbacks.
    const json* messages = r.find("messages");
    const bool radios = q.type == question_type::radios;
    const bool needs_any = q.required || radios || q.max_length > 0 || q.format != answer_format::none;
    if (messages == nullptr) {
        if (needs_any) r.fail("messages", "is required: each rule needs its error message");
    } else {
        object_reader m(*messages, r.at("messages"), errors);
        q.required_message = m.text("required", q.required || radios);
        q.max_length_message = m.text("max_length", q.max_length > 0);
        q.format_message = m.text("format", q.format != answer_format::none);
        m.reject_unknown_keys();
    }
    r.reject_unknown_keys();
    return q;
}

page read_page(const json& j, const std::string& pointer, std::vector<error>& errors) {
    object_reader r(j, pointer, errors);
    page p;
    p.id = r.identifier("id", true);
    const auto kind = r.text("type", false);
    if (kind == "exit") p.kind = page_kind::exit;
    else if (!kind.empty() && kind != "questions") r.fail("type", "must be questions or exit");
    p.title = r.text("title", true);
    if (const json* body = r.array("body", false)) {
        for (std::size_t i = 0; i < body->size(); ++i) {
            if (!(*body)[i].is_string()) errors.push_back({r.at("body") + "/" + std::to_string(i), "must be a string"});
            else p.body.push_back((*body)[i].get<std::string>());
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
            if (const json* when = route.find("if")) pr.when = read_condition(*when, route.at("if"), errors);
            else route.fail("if", "is required");
            pr.go_to = route.text("goto", true);
            route.reject_unknown_keys();
            p.routes.push_back(std::move(pr));
        }
    }
    p.next = r.text("next", p.kind == page_kind::questions);
    if (p.kind == page_kind::exit && (!p.next.empty() || !p.routes.empty())) {
        r.fail("next", "an exit page ends the journey: it has no next page or routes");
    }
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
            if (const json* when = rule.find("if")) tr.when = read_condition(*when, rule.at("if"), errors);
            else rule.fail("if", "is required");
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

// Cross-references: every id that is pointed at exists, every id is unique.
void check_references(const form& f, std::vector<error>& errors) {
    std::set<std::string> page_ids;
    std::set<std::string> question_ids;
    for (std::size_t i = 0; i < f.pages.size(); ++i) {
        const std::string at = "/pages/" + std::to_string(i);
        const auto& p = f.pages[i];
        if (p.id == check_answers_page) errors.push_back({at + "/id", "'check-answers' is reserved"});
        if (!page_ids.insert(p.id).second) errors.push_back({at + "/id", "'" + p.id + "' is the id of another page"});
        for (std::size_t k = 0; k < p.questions.size(); ++k) {
            if (!question_ids.insert(p.questions[k].id).second) {
                errors.push_back({at + "/questions/" + std::to_string(k) + "/id",
                                  "'" + p.questions[k].id + "' is the id of another question"});
            }
        }
    }
    auto check_target = [&](const std::string& target, const std::string& at) {
        if (!target.empty() && target != check_answers_page && !f.page_index(target)) {
            errors.push_back({at, "there is no page '" + target + "'"});
        }
    };
    auto check_condition = [&](const condition& c, const std::string& at) {
        const question* q = f.find_question(c.question);
        if (q == nullptr) {
            if (!c.question.empty()) errors.push_back({at + "/question", "there is no question '" + c.question + "'"});
            return;
        }
        if (q->type == question_type::radios) {
            bool known = false;
            for (const auto& ch : q->choices) known = known || ch.value == c.equals;
            if (!known) errors.push_back({at + "/equals", "'" + c.equals + "' is not an option of '" + q->id + "', so this never holds"});
        }
    };
    if (!f.start.empty() && !f.page_index(f.start)) errors.push_back({"/start", "there is no page '" + f.start + "'"});
    for (std::size_t i = 0; i < f.pages.size(); ++i) {
        const std::string at = "/pages/" + std::to_string(i);
        check_target(f.pages[i].next, at + "/next");
        for (std::size_t k = 0; k < f.pages[i].routes.size(); ++k) {
            const std::string rat = at + "/routes/" + std::to_string(k);
            check_target(f.pages[i].routes[k].go_to, rat + "/goto");
            check_condition(f.pages[i].routes[k].when, rat + "/if");
        }
    }
    for (std::size_t i = 0; i < f.team_rules.size(); ++i) {
        check_condition(f.team_rules[i].when, "/routing/rules/" + std::to_string(i) + "/if");
    }
}

}  // namespace

form_load_result load_form_json(std::string_view source) {
    form_load_result out;
    if (source.size() > largest_form_source) {
        out.errors.push_back({"", "the form definition is larger than 4 MiB"});
        return out;
    }
    json j = json::parse(source.begin(), source.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        // Parse again with exceptions to learn where: nlohmann reports the byte.
        try {
            const json unused = json::parse(source.begin(), source.end());
        } catch (const json::parse_error& e) {
            out.errors.push_back({"", "not valid JSON: " + std::string(e.what())});
            return out;
        }
        out.errors.push_back({"", "not valid JSON"});
        return out;
    }
    form f;
    {
        object_reader r(j, "", out.errors);
        f.id = r.identifier("id", true);
        f.title = r.text("title", true);
        f.description = r.text("description", false);
        f.start = r.text("start", false);
        if (const json* pages = r.array("pages", true)) {
            for (std::size_t i = 0; i < pages->size(); ++i) {
                f.pages.push_back(read_page((*pages)[i], "/pages/" + std::to_string(i), out.errors));
            }
            if (pages->empty()) r.fail("pages", "must hold at least one page");
        }
        if (const json* routing = r.find("routing")) read_routing(*routing, "/routing", f, out.errors);
        else r.fail("routing", "is required: every report needs a team");
        r.reject_unknown_keys();
    }
    if (f.start.empty() && !f.pages.empty()) f.start = f.pages.front().id;
    check_references(f, out.errors);
    if (!out.errors.empty()) return out;
    // The version names the meaning, not the layout: hash the canonical dump.
    f.version = hash_hex(j.dump()).substr(0, 32);
    out.loaded = std::move(f);
    return out;
}

}  // namespace frontdesk
