// The preview tool's panels, drawn with Dear ImGui. Each function draws one
// window from the workspace and calls the workspace's operations; the logic
// lives in the view models beside this folder.
#pragma once

#include <imgui.h>

#include "preview/workspace.hpp"

namespace frontdesk::preview::gui {

// Null fonts draw in ImGui's default font.
struct fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* mono = nullptr;
};

// Lays the panels out over the whole window and draws them all.
void draw_workspace(workspace& w, const fonts& f);

void draw_forms_panel(workspace& w);
void draw_lint_panel(workspace& w);
void draw_flow_map_panel(workspace& w);
void draw_paths_panel(workspace& w);
void draw_playthrough_panel(workspace& w, const fonts& f);
void draw_report_panel(workspace& w, const fonts& f);
void draw_status_bar(const workspace& w);

// The panels fill fixed places in the window: no moving, no overlap.
inline constexpr ImGuiWindowFlags panel_flags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

// Colours with a meaning, shared by the panels.
inline const ImVec4 error_colour{1.0f, 0.45f, 0.42f, 1.0f};
inline const ImVec4 warning_colour{1.0f, 0.8f, 0.3f, 1.0f};
inline const ImVec4 ok_colour{0.45f, 0.85f, 0.5f, 1.0f};

}  // namespace frontdesk::preview::gui
