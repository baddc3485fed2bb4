// The in-memory model of a form: pages, questions, page routing, calculated
// values and the routing of the finished report. Built by the JSON loader
// (native) or by decoding a form image (browser); the session only reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr.hpp"
#include "engine/messages.hpp"

namespace frontdesk {

enum class question_type : std::uint8_t {
    text, textarea, radios,                  // the first three keep their image numbers
    checkboxes, select, yes_no,
    number, decimal, money,
    date, time,
    email, phone, postcode, registration,    // text with a format
    address, file, content,
};
inline constexpr auto last_question_type = question_type::content;

// A text question's format; the email, phone, postcode and registration
// question types imply theirs.
enum class answer_format : std::uint8_t { none, uk_postcode, email, uk_phone, vehicle_registration };
inline constexpr auto last_answer_format = answer_format::vehicle_registration;
enum class page_kind : std::uint8_t { questions, exit };

struct choice {
    std::string value;
    std::string label;
};

// An expression of the forms language, compiled (engine/expr_check.hpp).
struct expression {
    std::string source;  // as the author wrote it (shown by tools; not needed to run)
    program code;        // empty: no expression (e.g. a question shown always)
    value_type type = value_type::any;
    bool empty() const { return code.empty(); }
};

// A cross-field or custom rule: `must` has to hold, else `message` is shown.
struct answer_check {
    expression must;
    std::string message;
    // The JSON pointer its message's translations are kept under (the
    // loader's; a decoded image leaves it empty): the loader's own past and
    // future checks have no place in the list of `checks`.
    std::string message_at;
};

struct question {
    std::string id;
    std::uint32_t slot = 0;  // its place in form::slots, set by form::index_questions
    question_type type = question_type::text;
    std::string label;
    std::string hint;
    bool required = false;
    std::size_t max_length = 0;  // in characters; 0 means no limit
    answer_format format = answer_format::none;
    std::vector<choice> choices;
    std::string autocomplete;  // the HTML autocomplete token, e.g. "postal-code"
    int width = 0;             // suggested input width in characters; 0 means full width
    bool approximate = false;  // dates: the day may be left out
    std::optional<std::int64_t> min;  // numbers, money (in ten-thousandths) and dates (days)
    std::optional<std::int64_t> max;
    expression show_if;        // empty: always shown
    std::vector<answer_check> checks;
    // Error messages, written by the form's author in the words of the question.
    // Empty ones fall back to the engine's own, which name the question by `name`.
    std::string name;  // how messages name the question, e.g. "the date the bike was stolen"
    std::string required_message;
    std::string max_length_message;
    std::string format_message;
    std::string min_message;
    std::string max_message;

    bool asks() const { return type != question_type::content; }
};

struct page_route {
    expression when;
    std::string go_to;
};

// The page after the last one on a journey: check your answers, then send.
inline constexpr const char* check_answers_page = "check-answers";

inline constexpr std::uint32_t largest_repeat = 50;

// The engine's words about a repeat group, each the author's or, when the
// form is loaded, an English default made from its `item` (docs/forms-language.md,
// "Repeat groups"). "{n}" stands for an entry's number, "{label}" for its summary.
struct repeat_messages {
    std::string entry;        // an entry's name: "Person {n}"
    std::string unlabelled;   // its summary when entry_label gives none: the name
    std::string empty;        // an entry with no answer: "Answer at least one question about the person"
    std::string too_few;      // "Add at least 2 people"
    std::string too_many;     // "You cannot add more than 10 people"
    std::string add_another;  // neither yes nor no: "Select yes if you want to add another person"
    std::string removed;      // announced: "You removed {label}."
};

// Calls visit(key, text) for each of a repeat's messages, by its key in "messages": the
// one list of them, for the loader, translations and the form image.
template <typename Messages, typename Visit>
void for_each_repeat_message(Messages& m, Visit&& visit) {
    visit("entry", m.entry);
    visit("unlabelled", m.unlabelled);
    visit("empty", m.empty);
    visit("too_few", m.too_few);
    visit("too_many", m.too_many);
    visit("add_another", m.add_another);
    visit("removed", m.removed);
}

// A repeat ("add another"): the page's questions are asked once per entry,
// then a summary lists the entries (docs/forms-language.md, "Repeat groups").
struct repeat_spec {
    std::string id;            // the group's name in expressions and in the report
    std::uint32_t min = 0;     // entries needed
    std::uint32_t max = 20;    // entries allowed
    std::string item;          // the noun for one entry: "person"
    std::string summary_title;
    std::string add_another;   // the yes/no question on the summary
    expression entry_label;    // one entry's one-line summary; empty: messages.unlabelled
    repeat_messages messages;
    std::uint32_t group = 0;   // its place in form::repeat_pages, set by form::index_questions
};

struct page {
    std::string id;
    page_kind kind = page_kind::questions;
    std::string title;
    std::vector<std::string> body;  // paragraphs of guidance or advice
    std::vector<question> questions;
    std::vector<page_route> routes;  // tried in order; the first that holds wins
    std::string next;                // default next page id, or check_answers_page
    std::optional<repeat_spec> repeat;
};

// An answer of a repeat entry is kept under "GROUP.N.QUESTION" (N from 1).
std::string entry_key(std::string_view group, std::uint32_t entry, std::string_view question);
struct entry_key_parts {
    std::string group;
    std::uint32_t entry = 0;
    std::string question;
};
std::optional<entry_key_parts> parse_entry_key(std::string_view key);

struct team_route {
    std::string team;
    std::string urgency;
};

struct team_rule {
    expression when;
    team_route route;
};

struct calculation {
    std::string id;
    expression formula;
};

struct lookup_table {
    std::string name;
    std::map<std::string, std::string> entries;
};

// Where a question lives: its slot is its place in this list.
struct question_ref {
    std::uint32_t page = 0;
    std::uint32_t index = 0;
};

struct form {
    std::string id;
    std::string title;
    std::string description;
    // What happens next and when: paragraphs shown once the report has
    // arrived (the web client's confirmation; empty: its general words).
    std::vector<std::string> next_steps;
    std::string version;  // hex hash of the canonical definition
    std::string start;    // id of the first page
    std::vector<page> pages;
    std::vector<calculation> calculations;  // each reads only answers and earlier calculations
    std::vector<lookup_table> tables;
    std::vector<team_rule> team_rules;  // tried in order
    team_route default_route;

    // Languages (docs/forms-language.md, "Languages"). The texts above are in
    // `language`: the default (the first of `languages`) until localize_form
    // (engine/translate.hpp) puts another in.
    std::vector<std::string> languages{"en"};
    std::string language = "en";
    std::map<std::string, std::string> translation_status;  // language -> a note, e.g. "awaiting professional review"
    // Each text given in more than one language: its JSON pointer in the
    // source -> language -> text. Empty in a form image: one language travels.
    std::map<std::string, std::map<std::string, std::string>> translations;
    // The engine's own words in `language` (empty: English, built in).
    engine_words engine_texts;

    // Every question, page by page: an expression reads answer slot i as slots[i].
    std::vector<question_ref> slots;
    // Builds slots and the id lookups below; call after changing pages.
    void index_questions();
    std::map<std::string, std::uint32_t, std::less<>> page_lookup;  // page id -> index (the first, if repeated)
    std::map<std::string, std::uint32_t, std::less<>> slot_lookup;  // question id -> slot (the first, if repeated)
    std::vector<std::uint32_t> repeat_pages;  // repeat group -> its page
    // The repeat group a page or question slot belongs to, if any.
    const repeat_spec* repeat_of_page(std::size_t page) const;
    const repeat_spec* repeat_of_slot(std::uint32_t slot) const;
    std::optional<std::uint32_t> group_index(std::string_view group_id) const;

    std::optional<std::size_t> page_index(const std::string& page_id) const;
    // The page holding a question, and the question itself; nullopt when unknown.
    std::optional<std::size_t> page_of_question(const std::string& question_id) const;
    const question* find_question(const std::string& question_id) const;
    std::optional<std::uint32_t> slot_of(const std::string& question_id) const;
    const question& at(question_ref r) const { return pages[r.page].questions[r.index]; }
    const lookup_table* find_table(std::string_view name) const;
};

}  // namespace frontdesk
