#include <algorithm>
#include <cmath>

#include "preview/gui/panels.hpp"

namespace frontdesk::preview::gui {
namespace {

ImU32 fill_of(const flow_node& n) {
    switch (n.kind) {
        case node_kind::questions: return IM_COL32(46, 74, 122, 255);
        case node_kind::end: return IM_COL32(40, 104, 70, 255);
        case node_kind::exit: return IM_COL32(140, 70, 30, 255);
        case node_kind::check_answers: return IM_COL32(30, 110, 110, 255);
        case node_kind::missing: return IM_COL32(90, 30, 30, 255);
    }
    return IM_COL32(80, 80, 80, 255);
}

const char* tag_of(const flow_node& n) {
    if (n.start) return "start";
    switch (n.kind) {
        case node_kind::end: return "end page";
        case node_kind::exit: return "exit page";
        case node_kind::check_answers: break;
        case node_kind::missing: return "missing";
        case node_kind::questions: break;
    }
    return n.reachable ? "" : "unreachable";
}

ImVec2 add(ImVec2 a, point b) { return {a.x + b.x, a.y + b.y}; }

bool on_journey(const std::vector<std::string>& path, bool at_check, const flow_map& m, const flow_edge& e) {
    const auto& from = m.nodes[e.from].id;
    const auto& to = m.nodes[e.to].id;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        if (path[i] == from && path[i + 1] == to) return true;
    }
    return at_check && !path.empty() && path.back() == from && to == check_answers_page;
}

void draw_edge(ImDrawList* dl, ImVec2 origin, const flow_camera& cam, const flow_map& m, const flow_edge& e,
               bool taken, float text_size) {
    const auto& a = m.nodes[e.from];
    const auto& b = m.nodes[e.to];
    const float zoom = cam.zoom;
    // Down from the bottom of one page to the top of the next; across a level
    // side to side; an edge back up goes round the right-hand side.
    const float spread = static_cast<float>(e.exit_index + 1) / static_cast<float>(e.exit_count + 1);
    ImVec2 p0 = add(origin, to_screen(cam, {a.x + node_width * spread, a.y + node_height}));
    ImVec2 p3 = add(origin, to_screen(cam, {b.x + node_width / 2, b.y}));
    ImVec2 c1{p0.x, p0.y + 40 * zoom}, c2{p3.x, p3.y - 40 * zoom};
    if (b.level == a.level && b.slot > a.slot) {  // across to the right
        p0 = add(origin, to_screen(cam, {a.x + node_width, a.y + node_height / 2}));
        p3 = add(origin, to_screen(cam, {b.x, b.y + node_height / 2}));
        c1 = {p0.x + 30 * zoom, p0.y};
        c2 = {p3.x - 30 * zoom, p3.y};
    } else if (b.level <= a.level) {
        p0 = add(origin, to_screen(cam, {a.x + node_width, a.y + node_height / 2}));
        p3 = add(origin, to_screen(cam, {b.x + node_width, b.y + node_height / 2}));
        c1 = {p0.x + 120 * zoom, p0.y};
        c2 = {p3.x + 120 * zoom, p3.y};
    }
    const ImU32 colour = taken ? IM_COL32(255, 214, 90, 255) : e.otherwise ? IM_COL32(170, 170, 180, 255)
                                                                       : IM_COL32(120, 180, 255, 255);
    dl->AddBezierCubic(p0, c1, c2, p3, colour, (taken ? 3.0f : 1.5f) * std::max(zoom, 0.5f));
    // Arrow head, along the curve's last tangent.
    float dx = p3.x - c2.x, dy = p3.y - c2.y;
    const float len = std::sqrt(dx * dx + dy * dy);
    if (len > 0.001f) {
        dx /= len;
        dy /= len;
        const float s = 9.0f * std::max(zoom, 0.5f);
        dl->AddTriangleFilled(p3, {p3.x - dx * s - dy * s * 0.6f, p3.y - dy * s + dx * s * 0.6f},
                              {p3.x - dx * s + dy * s * 0.6f, p3.y - dy * s - dx * s * 0.6f}, colour);
    }
    if (text_size < 7.0f) return;
    // The label sits at the curve's middle, on a dark plate so it reads over lines.
    const ImVec2 mid{0.125f * p0.x + 0.375f * c1.x + 0.375f * c2.x + 0.125f * p3.x,
                     0.125f * p0.y + 0.375f * c1.y + 0.375f * c2.y + 0.125f * p3.y};
    ImFont* font = ImGui::GetFont();
    const ImVec2 size = font->CalcTextSizeA(text_size, 1e9f, 0, e.label.c_str());
    const ImVec2 at{mid.x - size.x / 2, mid.y - size.y / 2};
    dl->AddRectFilled({at.x - 3, at.y - 1}, {at.x + size.x + 3, at.y + size.y + 1}, IM_COL32(20, 22, 28, 230), 3);
    dl->AddText(font, text_size, at, colour, e.label.c_str());
}

void draw_node(ImDrawList* dl, ImVec2 lo, ImVec2 hi, const flow_node& n, bool here, bool chosen, float text_size) {
    const float rounding = 6.0f;
    dl->AddRectFilled(lo, hi, fill_of(n), rounding);
    if (!n.reachable && n.kind != node_kind::missing) {
        dl->AddRect(lo, hi, IM_COL32(255, 200, 80, 255), rounding, 0, 2.0f);
    }
    if (!n.problems.empty() || n.kind == node_kind::missing) {
        dl->AddRect(lo, hi, IM_COL32(255, 90, 90, 255), rounding, 0, 2.5f);
    }
    if (chosen) dl->AddRect({lo.x - 3, lo.y - 3}, {hi.x + 3, hi.y + 3}, IM_COL32(255, 255, 255, 255), rounding, 0, 2.0f);
    if (here) dl->AddRect({lo.x - 6, lo.y - 6}, {hi.x + 6, hi.y + 6}, IM_COL32(255, 214, 90, 255), rounding, 0, 3.0f);
    if (text_size < 6.0f) return;
    ImFont* font = ImGui::GetFont();
    dl->PushClipRect(lo, hi, true);
    const float pad = text_size * 0.4f;
    dl->AddText(font, text_size, {lo.x + pad, lo.y + pad}, IM_COL32(255, 255, 255, 255), n.id.c_str());
    dl->AddText(font, text_size * 0.9f, {lo.x + pad, lo.y + pad + text_size * 1.25f}, IM_COL32(215, 220, 230, 255),
                n.title.c_str());
    // The bottom line: what kind of page it is, and its problems.
    std::string bottom = tag_of(n);
    if (!n.problems.empty()) bottom += (bottom.empty() ? "! " : "  ! ") + std::to_string(n.problems.size()) + " problem(s)";
    dl->AddText(font, text_size * 0.85f, {lo.x + pad, hi.y - pad * 0.5f - text_size}, 
                n.problems.empty() ? IM_COL32(255, 230, 160, 255) : IM_COL32(255, 160, 160, 255), bottom.c_str());
    dl->PopClipRect();
}

void choose_node(workspace& w, std::size_t i) {
    w.chosen_node = i;
    const auto& n = w.map.nodes[i];
    if (n.kind == node_kind::check_answers) {
        for (std::size_t p = 0; p < w.paths.paths.size(); ++p) {
            if (w.paths.paths[p].outcome == path_outcome::submitted) {
                play_path_at(w, p);
                return;
            }
        }
        w.status = "No path reaches check your answers";
    } else if (n.kind != node_kind::missing) {
        jump_to_page(w, n.id);
    }
}

}  // namespace

void draw_flow_map_panel(workspace& w) {
    if (!ImGui::Begin("Flow map", nullptr, panel_flags | ImGuiWindowFlags_NoScrollbar)) return ImGui::End();
    flow_camera& cam = w.camera;
    bool fit_now = ImGui::Button("Fit");
    ImGui::SameLine();
    if (ImGui::Button("Zoom out")) cam.zoom = std::max(min_zoom, cam.zoom / 1.25f);
    ImGui::SameLine();
    if (ImGui::Button("Zoom in")) cam.zoom = std::min(max_zoom, cam.zoom * 1.25f);
    ImGui::SameLine();
    ImGui::TextDisabled("%d%%  drag to pan, wheel to zoom, select a page to go there", static_cast<int>(cam.zoom * 100));
    if (!w.map.note.empty()) ImGui::TextColored(warning_colour, "%s", w.map.note.c_str());

    // NavFlattened: the arrow keys reach the nodes from the buttons above, no extra step into the child.
    ImGui::BeginChild("canvas", {0, 0}, true,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::GetContentRegionAvail();
    // Map text is 15 units high; at the UI's scale it should stay at least 12 pixels.
    const float readable = 0.8f * ImGui::GetFontSize() / 16.0f;
    if (w.fit_map || fit_now) {
        fit(cam, w.map, size.x, size.y, fit_now ? min_zoom : readable);
        w.fit_map = false;
    }
    if (w.centre_chosen && w.chosen_node && *w.chosen_node < w.map.nodes.size()) {
        centre_on(cam, w.map.nodes[*w.chosen_node], size.x, size.y);
        w.centre_chosen = false;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float text_size = 15.0f * cam.zoom;

    const session* journey = w.play ? w.play->journey.get() : nullptr;
    const auto path = journey ? journey->path() : std::vector<std::string>{};
    const bool at_check = journey && journey->state() == session_state::check;
    const page* here = journey ? journey->current_page() : nullptr;
    const std::string here_id = at_check ? check_answers_page : here ? here->id : "";
    if (here_id != w.followed_page) {  // the journey moved: keep its page in view
        w.followed_page = here_id;
        const auto shown = node_of_page(w.map, here_id);
        if (shown) reveal(cam, w.map.nodes[*shown], size.x, size.y);
    }
    // The map is of the file on disk; the journey may be on its last good version.
    for (const auto& e : w.map.edges) draw_edge(dl, origin, cam, w.map, e, on_journey(path, at_check, w.map, e), text_size);

    for (std::size_t i = 0; i < w.map.nodes.size(); ++i) {
        const auto& n = w.map.nodes[i];
        const ImVec2 lo = add(origin, to_screen(cam, {n.x, n.y}));
        const ImVec2 hi{lo.x + node_width * cam.zoom, lo.y + node_height * cam.zoom};
        const bool is_here = (here && here->id == n.id && n.kind != node_kind::missing) ||
                             (at_check && n.kind == node_kind::check_answers);
        draw_node(dl, lo, hi, n, is_here, w.chosen_node == i, text_size);
        // An invisible button per node makes it clickable and reachable by keyboard.
        ImGui::SetCursorScreenPos(lo);
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::InvisibleButton("node", {std::max(1.0f, hi.x - lo.x), std::max(1.0f, hi.y - lo.y)})) choose_node(w, i);
        if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible) reveal(cam, n, size.x, size.y);
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::Text("%s  %s", n.id.c_str(), tag_of(n));
            if (!n.title.empty()) ImGui::TextUnformatted(n.title.c_str());
            for (const auto& p : n.problems) ImGui::TextColored(error_colour, "%s", p.c_str());
            ImGui::EndTooltip();
        }
        ImGui::PopID();
    }

    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered()) {
        const bool drag_empty = ImGui::IsMouseDragging(ImGuiMouseButton_Left) && !ImGui::IsAnyItemActive();
        if (drag_empty || ImGui::IsMouseDragging(ImGuiMouseButton_Middle) || ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
            pan_by(cam, io.MouseDelta.x, io.MouseDelta.y);
        }
        if (io.MouseWheel != 0.0f) {
            zoom_at(cam, std::pow(1.15f, io.MouseWheel), {io.MousePos.x - origin.x, io.MousePos.y - origin.y});
        }
    }
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace frontdesk::preview::gui
