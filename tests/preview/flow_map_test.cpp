#include "preview/flow_map.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/preview/support.hpp"

using namespace frontdesk;
using namespace frontdesk::preview;

namespace {

const flow_node& node(const flow_map& m, const std::string& id) {
    const auto i = node_of_page(m, id);
    REQUIRE_MESSAGE(i, "no node " << id);
    return m.nodes[*i];
}

const flow_edge* edge(const flow_map& m, const std::string& from, const std::string& to) {
    for (const auto& e : m.edges) {
        if (m.nodes[e.from].id == from && m.nodes[e.to].id == to) return &e;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("the bike theft form maps to its pages, check your answers, and labelled routes") {
    const auto m = build_flow_map(testing::read_source_file("forms/bike-theft.json"), {});
    CHECK(m.note.empty());
    REQUIRE(m.nodes.size() == 6);
    CHECK(node(m, "danger").start);
    CHECK(node(m, "call-999").kind == node_kind::exit);
    CHECK(node(m, "contact").kind == node_kind::end);
    CHECK(node(m, "bike").kind == node_kind::questions);
    CHECK(node(m, "check-answers").kind == node_kind::check_answers);

    const auto* to_999 = edge(m, "danger", "call-999");
    REQUIRE(to_999 != nullptr);
    CHECK(to_999->label == "in_danger = 'yes'");  // the expression as written
    CHECK_FALSE(to_999->otherwise);
    const auto* to_bike = edge(m, "danger", "bike");
    REQUIRE(to_bike != nullptr);
    CHECK(to_bike->otherwise);
    CHECK(to_bike->label == "otherwise");
    CHECK(to_999->exit_count == 2);
    CHECK(to_999->exit_index != to_bike->exit_index);
    CHECK(edge(m, "contact", "check-answers") != nullptr);
    CHECK(m.edges.size() == 5);
}

TEST_CASE("levels follow the distance from the start, check your answers comes last") {
    const auto m = build_flow_map(testing::read_source_file("forms/bike-theft.json"), {});
    CHECK(node(m, "danger").level == 0);
    CHECK(node(m, "call-999").level == 1);
    CHECK(node(m, "bike").level == 1);
    CHECK(node(m, "bike").slot != node(m, "call-999").slot);
    CHECK(node(m, "where").level == 2);
    CHECK(node(m, "contact").level == 3);
    CHECK(node(m, "check-answers").level == 4);
    for (const auto& n : m.nodes) CHECK(n.reachable);
}

TEST_CASE("a broken form still maps: missing pages, unreachable pages and problems on their nodes") {
    const auto source = testing::bike_theft_with("\"next\": \"where\"", "\"next\": \"wehre\"");
    const auto m = build_flow_map(source, {{"/pages/2/next", "error", "there is no page 'wehre'"}});
    const auto missing = std::find_if(m.nodes.begin(), m.nodes.end(), [](const flow_node& n) { return n.kind == node_kind::missing; });
    REQUIRE(missing != m.nodes.end());
    CHECK(missing->id == "wehre");
    CHECK(missing->problems == std::vector<std::string>{"no page has this id"});
    CHECK(node(m, "bike").problems == std::vector<std::string>{"/next: there is no page 'wehre'"});
    CHECK_FALSE(node(m, "where").reachable);
    CHECK(node(m, "where").level > node(m, "check-answers").level);
}

TEST_CASE("text that is not a form gives an empty map with a note, never a crash") {
    CHECK(build_flow_map("{\"pages\": [", {}).note.find("not a JSON object") != std::string::npos);
    CHECK(build_flow_map("[1, 2]", {}).nodes.empty());
    CHECK(build_flow_map("{\"pages\": []}", {}).note == "The form has no pages.");
    const auto odd = build_flow_map(R"({"pages": [7, {"routes": [3, {"goto": 5}], "next": 2}]})", {});
    CHECK(odd.nodes.size() == 2);
    CHECK(odd.edges.empty());
}

TEST_CASE("conditions read as text") {
    CHECK(condition_text(R"({"question": "kind", "equals": "hate"})") == "kind = \"hate\"");
    CHECK(condition_text(R"("kind = 'hate' and age < 18")") == "kind = 'hate' and age < 18");
    CHECK(condition_text(R"({"all": [1]})") == R"({"all":[1]})");
}

TEST_CASE("the camera zooms about the cursor, pans, and finds the node under a point") {
    const auto m = build_flow_map(testing::read_source_file("forms/bike-theft.json"), {});
    flow_camera c;
    const point cursor{300, 200};
    const point under = to_map(c, cursor);
    zoom_at(c, 2.0f, cursor);
    CHECK(c.zoom == doctest::Approx(2.0f));
    CHECK(to_map(c, cursor).x == doctest::Approx(under.x));
    CHECK(to_map(c, cursor).y == doctest::Approx(under.y));
    zoom_at(c, 1000.0f, cursor);
    CHECK(c.zoom == doctest::Approx(max_zoom));

    flow_camera still;
    const auto& danger = node(m, "danger");
    const point on_danger = to_screen(still, {danger.x + 5, danger.y + 5});
    REQUIRE(node_at(m, still, on_danger));
    CHECK(m.nodes[*node_at(m, still, on_danger)].id == "danger");
    CHECK_FALSE(node_at(m, still, {1, 1}));
    pan_by(still, 100, 0);
    CHECK_FALSE(node_at(m, still, on_danger));
}

TEST_CASE("fit shows the whole map, reveal brings a node into view") {
    const auto m = build_flow_map(testing::read_source_file("forms/bike-theft.json"), {});
    flow_camera c;
    fit(c, m, 400, 300);
    for (const auto& n : m.nodes) {
        const point hi = to_screen(c, {n.x + node_width, n.y + node_height});
        CHECK(hi.x <= 400);
        CHECK(hi.y <= 300);
    }
    fit(c, m, 400, 300, 1.0f);  // never smaller than readable
    CHECK(c.zoom == doctest::Approx(1.0f));
    const auto& end = node(m, "check-answers");
    reveal(c, end, 400, 300);
    const point lo = to_screen(c, {end.x, end.y});
    const point hi = to_screen(c, {end.x + node_width, end.y + node_height});
    CHECK(lo.x >= 0);
    CHECK(lo.y >= 0);
    CHECK(hi.x <= 400);
    CHECK(hi.y <= 300);
}
