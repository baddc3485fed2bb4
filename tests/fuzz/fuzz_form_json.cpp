// Any bytes as a form definition: load it; when it loads, compile its image,
// decode that, and play a journey through it with no answers; the same for
// the form in each of its languages.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/form_image.hpp"
#include "engine/form_json.hpp"
#include "engine/lint.hpp"
#include "engine/report.hpp"
#include "engine/translate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace frontdesk;
    const auto loaded = load_form_json(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!loaded.loaded) return 0;
    const form& f = *loaded.loaded;
    auto decoded = decode_form_image(encode_form_image(f));
    if (!decoded) __builtin_trap();  // an image of a loaded form must decode
    (void)replay(*decoded, {}, 20785);
    (void)lint_form(f);
    for (const auto& language : f.languages) {
        auto localized = localize_form(f, language);
        if (!localized) __builtin_trap();  // every language a loaded form declares can be put in place
        auto image = decode_form_image(encode_form_image(*localized));
        if (!image) __builtin_trap();
        (void)replay(*image, {}, 20785);
    }
    return 0;
}
