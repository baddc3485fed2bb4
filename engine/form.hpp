// The in-memory model of a form: pages, questions, page routing and the
// routing of the finished report. Built by the JSON loader (native) or by
// decoding a form image (browser); the session only ever reads it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace frontdesk {

enum class question_type { text, textarea, radios };
enum class answer_format { none, uk_postcode, email };
enum class page_kind { questions, exit };

struct choice {
    std::string value;
    std::string label;
};

// A condition on one answer. The full expression language replaces this;
// until then a route or a rule fires when an answer equals a value.
struct condition {
    std::string question;
    std::string equals;
};

struct question {
    std::string id;
    question_type type = question_type::text;
    std::string label;
    std::string hint;
    bool required = false;
    std::size_t max_length = 0;  // in characters; 0 means no limit
    answer_format format = answer_format::none;
    std::vector<choice> choices;
    std::string autocomplete;  // the HTML autocomplete token, e.g. "postal-code"
    int width = 0;             // suggested input width in characters; 0 means full width
    // Error messages, written by the form's author in the words of the question.
    std::string required_message;
    std::string max_length_message;
    std::string format_message;
};

struct page_route {
    condition when;
    std::string go_to;
};

// The page after the last one on a journey: check your answers, then send.
inline constexpr const char* check_answers_page = "check-answers";

struct page {
    std::string id;
    page_kind kind = page_kind::questions;
    std::string title;
    std::vector<std::string> body;  // paragraphs of guidance or advice
    std::vector<question> questions;
    std::vector<page_route> routes;  // tried in order; the first that holds wins
    std::string next;                // default next page id, or check_answers_page
};

struct team_route {
    std::string team;
    std::string urgency;
};

struct team_rule {
    condition when;
    team_route route;
};

struct form {
    std::string id;
    std::string title;
    std::string description;
    std::string version;  // hex hash of the canonical definition
    std::string start;    // id of the first page
    std::vector<page> pages;
    std::vector<team_rule> team_rules;  // tried in order
    team_route default_route;

    std::optional<std::size_t> page_index(const std::string& page_id) const;
    // The page holding a question, and the question itself; nullopt when unknown.
    std::optional<std::size_t> page_of_question(const std::string& question_id) const;
    const question* find_question(const std::string& question_id) const;
};

}  // namespace frontdesk
