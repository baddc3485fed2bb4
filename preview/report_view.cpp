#include "preview/report_view.hpp"

#include <nlohmann/json.hpp>

#include "engine/envelope.hpp"
#include "engine/report.hpp"

namespace frontdesk::preview {

report_preview preview_report(const session& s, std::string_view language) {
    report_preview out;
    if (s.state() == session_state::exit) {
        out.status = report_status::none;
        out.note = "An exit page ends the journey with advice: no report is sent.";
        return out;
    }
    out.status = s.state() == session_state::check ? report_status::ready : report_status::draft;
    out.note = out.status == report_status::ready
                   ? "Check your answers: this is the report that Send would seal."
                   : "Not finished: this is what the report holds so far.";
    const std::string canonical = report_json(make_report(s, preview_submission_id, language));
    out.size = canonical.size();
    out.padded_size = bucket_size(canonical.size());
    // The canonical form has no whitespace; its keys are already sorted.
    out.json = nlohmann::json::parse(canonical, nullptr, false).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    return out;
}

}  // namespace frontdesk::preview
