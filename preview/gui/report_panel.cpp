#include <imgui.h>
#include <imgui_stdlib.h>

#include "preview/gui/panels.hpp"
#include "preview/report_view.hpp"

namespace frontdesk::preview::gui {

void draw_report_panel(workspace& w, const fonts& f) {
    if (!ImGui::Begin("Report", nullptr, panel_flags)) return ImGui::End();
    if (!w.play) {
        ImGui::TextDisabled("No report: the form does not load.");
        return ImGui::End();
    }
    auto r = preview_report(*w.play->journey, w.play->language);
    ImGui::TextWrapped("%s", r.note.c_str());
    if (r.status == report_status::none) return ImGui::End();
    ImGui::Text("%zu bytes; padded to %zu bytes before sealing", r.size, r.padded_size);
    ImGui::PushFont(f.mono);
    ImGui::InputTextMultiline("##report", &r.json, ImGui::GetContentRegionAvail(), ImGuiInputTextFlags_ReadOnly);
    ImGui::PopFont();
    ImGui::End();
}

}  // namespace frontdesk::preview::gui
