// The report view's model: the report the current journey would seal, as
// formatted JSON, and how many bytes it takes once padded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/session.hpp"

namespace frontdesk::preview {

// A real report carries 128 random bits; the preview shows a fixed id of the
// same length, so the sizes shown are the sizes sent.
inline constexpr const char* preview_submission_id = "00000000000000000000000000000000";

enum class report_status {
    ready,  // on check your answers: this is what "Send" would seal
    draft,  // mid-journey: what the report holds so far
    none,   // on an exit page: no report is sent
};

struct report_preview {
    report_status status = report_status::none;
    std::string note;           // one sentence on what is shown
    std::string json;           // formatted for reading; empty when there is no report
    std::size_t size = 0;       // bytes of the canonical report (what is padded)
    std::size_t padded_size = 0;  // bytes after padding to its size bucket
};

report_preview preview_report(const session& s, std::string_view language);

}  // namespace frontdesk::preview
