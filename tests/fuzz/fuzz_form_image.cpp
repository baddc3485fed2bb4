// Any bytes as a form image (what the browser receives): decode it; when it
// decodes, walk it and restore a draft into it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/draft.hpp"
#include "engine/form_image.hpp"
#include "engine/report.hpp"
#include "engine/view.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace frontdesk;
    auto decoded = decode_form_image(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!decoded) return 0;
    const auto walked = replay(*decoded, {{"a", "1"}, {"b", "yes"}}, 20785);
    session s(*decoded, 20785);
    (void)view_json(s);
    const std::string draft = save_draft(s);
    session t(*decoded, 20785);
    (void)restore_draft(t, draft);
    (void)walked;
    return 0;
}
