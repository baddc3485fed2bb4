#include "preview/gui/panels.hpp"

namespace frontdesk::preview::gui {

void draw_paths_panel(workspace& w) {
    if (!ImGui::Begin("Paths", nullptr, panel_flags)) return ImGui::End();
    if (!w.play) {
        ImGui::TextDisabled("No paths: the form does not load.");
        return ImGui::End();
    }
    const auto& report = w.paths;
    std::size_t submitted = 0;
    for (const auto& p : report.paths) submitted += p.outcome == path_outcome::submitted;
    ImGui::Text("%zu path(s): %zu send a report, %zu end elsewhere. Select one to play it.", report.paths.size(),
                submitted, report.paths.size() - submitted);
    if (report.truncated) ImGui::TextColored(warning_colour, "Too many paths to list: these are the first.");
    for (const auto& line : unused_lines(*w.play->definition, report)) ImGui::TextColored(warning_colour, "%s", line.c_str());

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_BordersInnerV;
    if (ImGui::BeginTable("paths", 4, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn("Outcome");
        ImGui::TableSetupColumn("Route");
        ImGui::TableSetupColumn("Pages", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < report.paths.size(); ++i) {
            const auto row = describe_path(report.paths[i]);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string number = std::to_string(i + 1);
            if (ImGui::Selectable(number.c_str(), w.chosen_path == i, ImGuiSelectableFlags_SpanAllColumns)) {
                play_path_at(w, i);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.outcome.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.route.empty() ? "-" : (row.route + ", " + row.rule).c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", row.pages.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

}  // namespace frontdesk::preview::gui
