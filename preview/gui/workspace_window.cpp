#include "preview/gui/panels.hpp"

namespace frontdesk::preview::gui {
namespace {

void place(float x, float y, float w, float h) {
    ImGui::SetNextWindowPos({x, y}, ImGuiCond_Always);
    ImGui::SetNextWindowSize({w, h}, ImGuiCond_Always);
}

}  // namespace

void draw_workspace(workspace& w, const fonts& f) {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const float status_height = ImGui::GetFrameHeightWithSpacing();
    const float height = size.y - status_height;
    // Three columns: what to look at, how it flows, what the public sees.
    const float left = size.x * 0.18f;
    const float middle = size.x * 0.45f;
    const float right = size.x - left - middle;

    place(0, 0, left, height * 0.4f);
    draw_forms_panel(w);
    place(0, height * 0.4f, left, height * 0.6f);
    draw_lint_panel(w);

    place(left, 0, middle, height * 0.6f);
    draw_flow_map_panel(w);
    place(left, height * 0.6f, middle, height * 0.4f);
    draw_paths_panel(w);

    place(left + middle, 0, right, height * 0.62f);
    draw_playthrough_panel(w, f);
    place(left + middle, height * 0.62f, right, height * 0.38f);
    draw_report_panel(w, f);

    place(0, height, size.x, status_height);
    draw_status_bar(w);
}

void draw_status_bar(const workspace& w) {
    ImGui::Begin("##status", nullptr, panel_flags | ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoNav);
    if (!w.files.empty()) {
        ImGui::Text("%s  |  %s", w.files[w.selected].path.c_str(), journey_position(w).c_str());
        if (!w.status.empty()) {
            ImGui::SameLine();
            ImGui::Text("|  %s", w.status.c_str());
        }
    } else {
        ImGui::TextUnformatted("No form files: give them on the command line, e.g. frontdesk-preview forms/");
    }
    ImGui::End();
}

}  // namespace frontdesk::preview::gui
