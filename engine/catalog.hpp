// The engine's own words (engine/messages.hpp) in the languages it speaks
// besides English. Native only: localize_form puts them in the form, and the
// form image of that language carries them to the browser.
#pragma once

#include <string_view>

#include "engine/messages.hpp"

namespace frontdesk {

// Whether the engine has its own words in this language (English always).
bool engine_speaks(std::string_view language);

// The engine's words in `language`: empty for English, and for a language
// it does not speak (English then).
engine_words engine_words_in(std::string_view language);

// A file question's default size and type messages ("{L}": "8MB", "JPG, PNG
// or PDF") and the word that ends a list. The loader writes them into the
// form in each of its languages, so the browser's engine carries none of them.
struct file_words {
    const char* too_big;
    const char* type;
    const char* or_word;
};
file_words file_words_in(std::string_view language);

}  // namespace frontdesk
