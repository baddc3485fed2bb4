// Any bytes as a form definition: load it; when it loads, compile its image,
// decode that, and play a journey through it with no answers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/form_image.hpp"
#include "engine/form_json.hpp"
#include "engine/lint.hpp"
#include "engine/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace frontdesk;
    const auto loaded = load_form_json(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!loaded.loaded) return 0;
    const form& f = *loaded.loaded;
    auto decoded = decode_form_image(encode_form_image(f));
    if (!decoded) __builtin_trap();  // an image of a loaded form must decode
    (void)replay(*decoded, {}, 20785);
    (void)lint_form(f);
    return 0;
}
