#include "preview/flow_map.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include <nlohmann/json.hpp>

#include "engine/form.hpp"
#include "preview/lint_panel.hpp"

namespace frontdesk::preview {
namespace {
using json = nlohmann::json;

std::string string_at(const json& j, const char* key) {
    if (!j.is_object()) return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::string condition_of(const json& j) {
    if (j.is_object() && j.size() == 2 && j.contains("question") && j.contains("equals") &&
        j.at("question").is_string()) {
        return j.at("question").get<std::string>() + " = " + j.at("equals").dump();
    }
    if (j.is_string()) return j.get<std::string>();
    return j.dump();
}

// Levels by breadth-first distance from the start; check your answers comes
// after the deepest page, and unreachable pages in a level of their own last.
void lay_out(flow_map& m, std::size_t start) {
    std::vector<int> depth(m.nodes.size(), -1);
    std::deque<std::size_t> queue;
    if (start < m.nodes.size()) {
        depth[start] = 0;
        queue.push_back(start);
    }
    while (!queue.empty()) {
        const auto n = queue.front();
        queue.pop_front();
        for (const auto& e : m.edges) {
            if (e.from == n && depth[e.to] < 0) {
                depth[e.to] = depth[n] + 1;
                queue.push_back(e.to);
            }
        }
    }
    int deepest = 0;
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        if (m.nodes[i].kind != node_kind::check_answers) deepest = std::max(deepest, depth[i]);
    }
    std::map<int, int> slots;
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        auto& n = m.nodes[i];
        n.reachable = depth[i] >= 0;
        if (n.kind == node_kind::check_answers) {
            n.level = deepest + 1;
        } else {
            n.level = n.reachable ? depth[i] : deepest + 2;
        }
        n.slot = slots[n.level]++;
    }
    for (auto& n : m.nodes) {
        n.x = static_cast<float>(n.slot) * slot_gap;
        n.y = static_cast<float>(n.level) * level_gap;
    }
}

}  // namespace

std::string condition_text(std::string_view condition_json) {
    const json j = json::parse(condition_json, nullptr, false);
    return j.is_discarded() ? std::string(condition_json) : condition_of(j);
}

std::optional<std::size_t> node_of_page(const flow_map& m, std::string_view page_id) {
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        if (m.nodes[i].id == page_id && m.nodes[i].kind != node_kind::missing) return i;  // check-answers too
    }
    return std::nullopt;
}

flow_map build_flow_map(std::string_view source, const std::vector<lint_problem>& problems) {
    flow_map m;
    const json j = json::parse(source, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        m.note = "The file is not a JSON object, so there is no map to draw.";
        return m;
    }
    const auto pages_it = j.find("pages");
    if (pages_it == j.end() || !pages_it->is_array() || pages_it->empty()) {
        m.note = "The form has no pages.";
        return m;
    }
    const json& pages = *pages_it;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        flow_node n;
        n.id = string_at(pages[i], "id");
        if (n.id.empty()) n.id = "(page " + std::to_string(i) + ")";
        n.title = string_at(pages[i], "title");
        n.page = i;
        if (string_at(pages[i], "type") == "exit") {
            n.kind = node_kind::exit;
        } else if (string_at(pages[i], "next") == check_answers_page) {
            n.kind = node_kind::end;
        }
        m.nodes.push_back(std::move(n));
    }
    for (const auto& p : problems) {
        if (const auto page = page_of_pointer(p.pointer); page && *page < m.nodes.size()) {
            const auto inside = p.pointer.substr(("/pages/" + std::to_string(*page)).size());
            m.nodes[*page].problems.push_back(inside.empty() ? p.message : inside + ": " + p.message);
        }
    }
    std::optional<std::size_t> check;
    auto target = [&](const std::string& id) -> std::size_t {
        if (id == check_answers_page) {
            if (!check) {
                check = m.nodes.size();
                flow_node end;
                end.id = check_answers_page;
                end.title = "Check your answers";
                end.kind = node_kind::check_answers;
                m.nodes.push_back(std::move(end));
            }
            return *check;
        }
        for (std::size_t i = 0; i < m.nodes.size(); ++i) {
            if (m.nodes[i].id == id) return i;
        }
        flow_node missing;
        missing.id = id;
        missing.title = "There is no such page";
        missing.kind = node_kind::missing;
        missing.problems.push_back("no page has this id");
        m.nodes.push_back(std::move(missing));
        return m.nodes.size() - 1;
    };
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (!pages[i].is_object()) continue;
        if (const auto routes = pages[i].find("routes"); routes != pages[i].end() && routes->is_array()) {
            for (const auto& r : *routes) {
                const auto go_to = string_at(r, "goto");
                if (go_to.empty()) continue;
                const auto cond = r.is_object() && r.contains("if") ? condition_of(r.at("if")) : std::string("?");
                m.edges.push_back({i, target(go_to), cond, false});
            }
        }
        if (const auto next = string_at(pages[i], "next"); !next.empty()) {
            m.edges.push_back({i, target(next), "otherwise", true});
        }
    }
    for (auto& e : m.edges) {
        e.exit_count = 0;
        for (const auto& other : m.edges) {
            if (other.from != e.from) continue;
            if (&other < &e) ++e.exit_index;
            ++e.exit_count;
        }
    }
    std::size_t start = 0;
    if (const auto start_id = string_at(j, "start"); !start_id.empty()) {
        if (const auto s = node_of_page(m, start_id)) start = *s;
    }
    m.nodes[start].start = true;
    lay_out(m, start);
    return m;
}

point to_screen(const flow_camera& c, point map) { return {(map.x - c.pan_x) * c.zoom, (map.y - c.pan_y) * c.zoom}; }

point to_map(const flow_camera& c, point screen) { return {screen.x / c.zoom + c.pan_x, screen.y / c.zoom + c.pan_y}; }

void zoom_at(flow_camera& c, float factor, point screen) {
    const point before = to_map(c, screen);
    c.zoom = std::clamp(c.zoom * factor, min_zoom, max_zoom);
    c.pan_x = before.x - screen.x / c.zoom;
    c.pan_y = before.y - screen.y / c.zoom;
}

void pan_by(flow_camera& c, float dx_screen, float dy_screen) {
    c.pan_x -= dx_screen / c.zoom;
    c.pan_y -= dy_screen / c.zoom;
}

void fit(flow_camera& c, const flow_map& m, float width, float height, float readable) {
    if (m.nodes.empty() || width <= 0 || height <= 0) return;
    float right = 0, bottom = 0;
    for (const auto& n : m.nodes) {
        right = std::max(right, n.x + node_width);
        bottom = std::max(bottom, n.y + node_height);
    }
    constexpr float margin = 40.0f;
    const float zoom = std::min(width / (right + 2 * margin), height / (bottom + 2 * margin));
    c.zoom = std::clamp(zoom, std::max(min_zoom, readable), std::max(1.5f, readable));
    c.pan_x = -margin;
    c.pan_y = -margin;
}

void centre_on(flow_camera& c, const flow_node& n, float width, float height) {
    c.pan_x = n.x + node_width / 2 - width / (2 * c.zoom);
    c.pan_y = n.y + node_height / 2 - height / (2 * c.zoom);
}

void reveal(flow_camera& c, const flow_node& n, float width, float height, float margin) {
    const point lo = to_screen(c, {n.x, n.y});
    const point hi = to_screen(c, {n.x + node_width, n.y + node_height});
    auto shift = [&](float low, float high, float size) {
        if (high - low + 2 * margin > size) return low - margin;  // too big: show its start
        if (low < margin) return low - margin;
        if (high > size - margin) return high - (size - margin);
        return 0.0f;
    };
    pan_by(c, -shift(lo.x, hi.x, width), -shift(lo.y, hi.y, height));
}

std::optional<std::size_t> node_at(const flow_map& m, const flow_camera& c, point screen) {
    const point p = to_map(c, screen);
    for (std::size_t i = m.nodes.size(); i-- > 0;) {
        const auto& n = m.nodes[i];
        if (p.x >= n.x && p.x <= n.x + node_width && p.y >= n.y && p.y <= n.y + node_height) return i;
    }
    return std::nullopt;
}

}  // namespace frontdesk::preview
