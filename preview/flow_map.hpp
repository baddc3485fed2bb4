// The flow map's model: pages as nodes, page routes as labelled edges, laid
// out top to bottom in levels by distance from the start; and the camera that pans and
// zooms over it. Built from the form's JSON text rather than the loaded
// form, so a broken form still shows its pages with their problems on them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "preview/forms_panel.hpp"

namespace frontdesk::preview {

enum class node_kind {
    questions,      // a page of questions
    end,            // a page of questions whose next is check your answers
    exit,           // an exit page: advice, no report
    check_answers,  // the journey's end: check your answers, then send
    missing,        // a page that a route or next names but that does not exist
};

struct flow_node {
    std::string id;
    std::string title;
    node_kind kind = node_kind::questions;
    bool start = false;
    bool reachable = true;  // by following routes and next from the start
    std::optional<std::size_t> page;  // index in the form's pages (none for check answers, missing)
    std::vector<std::string> problems;  // lint problems inside this page
    // Layout, in map units: level by distance from the start, slot within it.
    int level = 0;
    int slot = 0;
    float x = 0, y = 0;
};

struct flow_edge {
    std::size_t from = 0, to = 0;
    std::string label;  // the condition as text, or "otherwise" for next
    bool otherwise = false;
    // Edges leave their page spread along its edge, so their labels do not collide.
    int exit_index = 0;
    int exit_count = 1;
};

struct flow_map {
    std::vector<flow_node> nodes;
    std::vector<flow_edge> edges;
    std::string note;  // why the map is empty or partial, when it is
};

inline constexpr float node_width = 200.0f;
inline constexpr float node_height = 60.0f;
inline constexpr float slot_gap = 260.0f;   // node to node across a level
inline constexpr float level_gap = 105.0f;  // room for an edge label between levels

flow_map build_flow_map(std::string_view source, const std::vector<lint_problem>& problems);

// A route's condition as one line of text: `in_danger = "yes"` for today's
// {question, equals}; an expression written as text is shown as written.
std::string condition_text(std::string_view condition_json);

std::optional<std::size_t> node_of_page(const flow_map& m, std::string_view page_id);

// Where the map is seen from: screen = (map - pan) * zoom, relative to the canvas.
struct flow_camera {
    float pan_x = -40.0f, pan_y = -40.0f;
    float zoom = 1.0f;
};

inline constexpr float min_zoom = 0.2f;
inline constexpr float max_zoom = 4.0f;

struct point {
    float x = 0, y = 0;
};

point to_screen(const flow_camera& c, point map);
point to_map(const flow_camera& c, point screen);
// Zooms by `factor`, keeping the map point under `screen` where it is.
void zoom_at(flow_camera& c, float factor, point screen);
void pan_by(flow_camera& c, float dx_screen, float dy_screen);
// Shows the whole map in a canvas of this size, but never smaller than
// `readable` (a big form is then panned, not shrunk to unreadable).
void fit(flow_camera& c, const flow_map& m, float width, float height, float readable = min_zoom);
// Pans as little as it takes to bring a node into view, `margin` pixels in.
void reveal(flow_camera& c, const flow_node& n, float width, float height, float margin = 24.0f);
// Puts a node in the middle of the canvas.
void centre_on(flow_camera& c, const flow_node& n, float width, float height);

// The node under a point of the canvas, if any.
std::optional<std::size_t> node_at(const flow_map& m, const flow_camera& c, point screen);

}  // namespace frontdesk::preview
