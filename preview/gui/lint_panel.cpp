#include "preview/lint_panel.hpp"

#include "preview/gui/panels.hpp"

namespace frontdesk::preview::gui {

void draw_lint_panel(workspace& w) {
    if (!ImGui::Begin("Lint", nullptr, panel_flags)) return ImGui::End();
    const auto rows = lint_rows(w.files);
    if (rows.empty()) {
        ImGui::TextColored(ok_colour, "No problems in %zu form file(s).", w.files.size());
        return ImGui::End();
    }
    ImGui::TextWrapped("%zu problem(s). Select one to see its page on the flow map.", rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        ImGui::PushID(static_cast<int>(i));
        // A selectable as tall as the wrapped text under it: long paths wrap rather than vanish.
        const float width = ImGui::GetContentRegionAvail().x;
        const float indent = ImGui::GetStyle().IndentSpacing;
        const std::string detail = r.severity + ": " + r.message;
        const float height = ImGui::CalcTextSize(r.location.c_str(), nullptr, false, width).y +
                             ImGui::CalcTextSize(detail.c_str(), nullptr, false, width - indent).y +
                             ImGui::GetStyle().ItemSpacing.y;
        const ImVec2 top = ImGui::GetCursorPos();
        const bool chosen = ImGui::Selectable("##problem", false, ImGuiSelectableFlags_AllowItemOverlap, {0, height});
        ImGui::SetCursorPos(top);
        ImGui::PushStyleColor(ImGuiCol_Text, r.severity == "error" ? error_colour : warning_colour);
        ImGui::TextWrapped("%s", r.location.c_str());
        ImGui::PopStyleColor();
        ImGui::Indent();
        ImGui::TextWrapped("%s", detail.c_str());
        ImGui::Unindent();
        if (chosen) {
            if (r.file != w.selected) select_form(w, r.file);
            if (r.page && *r.page < w.map.nodes.size()) {
                w.chosen_node = *r.page;
                w.centre_chosen = true;
            }
        }
        ImGui::PopID();
    }
    ImGui::End();
}

}  // namespace frontdesk::preview::gui
