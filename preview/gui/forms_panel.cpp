#include <filesystem>

#include "preview/gui/panels.hpp"

namespace frontdesk::preview::gui {

void draw_forms_panel(workspace& w) {
    if (!ImGui::Begin("Forms", nullptr, panel_flags)) return ImGui::End();
    ImGui::TextDisabled("Read again when a file changes.");
    if (ImGui::BeginTable("forms", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Form", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Lint", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < w.files.size(); ++i) {
            const auto& f = w.files[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable(display_name(f).c_str(), i == w.selected, ImGuiSelectableFlags_SpanAllColumns) &&
                i != w.selected) {
                select_form(w, i);
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.path.c_str());
            ImGui::TableNextColumn();
            const auto status = lint_status(f);
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  status == "ok" ? ok_colour : count_problems(f, "error") ? error_colour : warning_colour);
            ImGui::TextWrapped("%s", status.c_str());
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace frontdesk::preview::gui
