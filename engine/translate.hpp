// Translations (docs/forms-language.md, "Languages"). A loaded form holds its
// texts in the default language and a table of the other languages' texts,
// keyed by where each text was written in the source; localize_form puts one
// language's texts in place, so that a form image carries one language only.
#pragma once

#include <string>
#include <string_view>

#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk {

// Calls visit(json_pointer, text) for every text of the form a person reads,
// `text` being the model's string (const or not, as `f` is). The one list of
// translatable fields: the loader, lint and localize_form all walk it, so a
// new field needs adding here only.
template <typename Form, typename Visit>
void for_each_text(Form& f, Visit&& visit) {
    visit(std::string("/title"), f.title);
    visit(std::string("/description"), f.description);
    for (std::size_t i = 0; i < f.next_steps.size(); ++i) visit("/next_steps/" + std::to_string(i), f.next_steps[i]);
    for (std::size_t i = 0; i < f.pages.size(); ++i) {
        auto& p = f.pages[i];
        const std::string at = "/pages/" + std::to_string(i);
        visit(at + "/title", p.title);
        if (p.repeat) {
            visit(at + "/repeat/item", p.repeat->item);
            visit(at + "/repeat/summary_title", p.repeat->summary_title);
            visit(at + "/repeat/add_another", p.repeat->add_another);
            for_each_repeat_message(p.repeat->messages, [&](const char* key, auto& text) {
                visit(at + "/repeat/messages/" + key, text);
            });
        }
        for (std::size_t k = 0; k < p.body.size(); ++k) visit(at + "/body/" + std::to_string(k), p.body[k]);
        for (std::size_t k = 0; k < p.questions.size(); ++k) {
            auto& q = p.questions[k];
            const std::string qat = at + "/questions/" + std::to_string(k);
            visit(qat + "/label", q.label);
            visit(qat + "/hint", q.hint);
            visit(qat + "/name", q.name);
            for (std::size_t c = 0; c < q.choices.size(); ++c) {
                visit(qat + "/options/" + std::to_string(c) + "/label", q.choices[c].label);
            }
            for (std::size_t c = 0; c < q.checks.size(); ++c) {
                auto& check = q.checks[c];
                visit(check.message_at.empty() ? qat + "/checks/" + std::to_string(c) + "/message" : check.message_at,
                      check.message);
            }
            visit(qat + "/messages/required", q.required_message);
            visit(qat + "/messages/max_length", q.max_length_message);
            visit(qat + "/messages/format", q.format_message);
            visit(qat + "/messages/min", q.min_message);
            visit(qat + "/messages/max", q.max_message);
        }
    }
}

// Whether `language` is one of the form's languages.
bool has_language(const form& f, std::string_view language);

// The form with its texts in `language` (a text not translated keeps the
// default's) and no table of translations; an error when the form does not
// have that language. The version is unchanged: it names the whole definition.
result<form> localize_form(const form& f, std::string_view language);

}  // namespace frontdesk
