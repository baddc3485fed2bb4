#include "engine/translate.hpp"

#include <algorithm>

#include "engine/catalog.hpp"

namespace frontdesk {

bool has_language(const form& f, std::string_view language) {
    return std::find(f.languages.begin(), f.languages.end(), language) != f.languages.end();
}

result<form> localize_form(const form& f, std::string_view language) {
    if (!has_language(f, language)) {
        return error{"language", "The form '" + f.id + "' is not written in '" + std::string(language) + "'."};
    }
    form out = f;
    out.translations.clear();
    out.language = std::string(language);
    out.engine_texts = engine_words_in(language);
    for_each_text(out, [&](const std::string& at, std::string& text) {
        const auto texts = f.translations.find(at);
        if (texts == f.translations.end()) return;
        const auto it = texts->second.find(out.language);
        if (it != texts->second.end()) text = it->second;
    });
    return out;
}

}  // namespace frontdesk
