// The panels driven by the keyboard alone, with no window: ImGui runs its
// frames headless here (no renderer), and the keys go in as a backend would
// send them. What is checked is the workspace, as a person would see it change.
#include "preview/gui/panels.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>  // which window has the keyboard: GImGui->NavWindow

#include "tests/preview/support.hpp"

using namespace frontdesk;
using namespace frontdesk::preview;

namespace {

enum key : int { tab = 1, left, right, up, down, space, enter, escape };

class headless_ui {
public:
    explicit headless_ui(workspace& w) : w_(w) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {1600, 1000};
        io.DeltaTime = 1.0f / 60.0f;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.KeyMap[ImGuiKey_Tab] = tab;
        io.KeyMap[ImGuiKey_LeftArrow] = left;
        io.KeyMap[ImGuiKey_RightArrow] = right;
        io.KeyMap[ImGuiKey_UpArrow] = up;
        io.KeyMap[ImGuiKey_DownArrow] = down;
        io.KeyMap[ImGuiKey_Space] = space;
        io.KeyMap[ImGuiKey_Enter] = enter;
        io.KeyMap[ImGuiKey_Escape] = escape;
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        for (int i = 0; i < 3; ++i) frame();
    }
    ~headless_ui() { ImGui::DestroyContext(); }
    headless_ui(const headless_ui&) = delete;
    headless_ui& operator=(const headless_ui&) = delete;

    void frame() {
        ImGui::NewFrame();
        gui::draw_workspace(w_, gui::fonts{});
        ImGui::Render();
    }

    void press(int k, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[k] = true;
        frame();
        io.KeysDown[k] = false;
        io.KeyCtrl = false;
        frame();
    }

    void type(const std::string& text) {
        for (const char c : text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
        frame();
    }

    void focus(const char* window) {
        ImGui::SetWindowFocus(window);
        frame();
    }

    // The panel that has the keyboard.
    static std::string focused_window() {
        const ImGuiWindow* nav = GImGui->NavWindow;
        return nav ? nav->RootWindow->Name : "";
    }

private:
    workspace& w_;
};

}  // namespace

TEST_CASE("a page is answered and continued with the arrow keys, space, typing and enter") {
    auto w = open_workspace({std::string(FRONTDESK_SOURCE_DIR) + "/forms/bike-theft.json"}, testing::golden_today);
    headless_ui ui(w);
    ui.focus("Play-through");
    // Start again, then the two options: Yes, No.
    ui.press(down);
    ui.press(down);
    ui.press(down);
    ui.press(space);
    CHECK(w.play->journey->answer("in_danger") == "no");
    ui.press(down);  // Continue
    ui.press(space);
    REQUIRE(journey_position(w) == "on page 'bike'");
    // The keyboard is on the new page's first field, ready to type.
    ui.frame();
    ui.type("Raleigh");
    ui.press(enter);
    CHECK(w.play->journey->answer("make") == "Raleigh");
    ui.press(down);  // colour
    ui.press(down);  // frame number
    ui.press(down);  // Continue
    ui.press(space);
    CHECK(journey_position(w) == "on page 'where'");
}

TEST_CASE("the flow map's pages are reached with the arrow keys, space goes to the page") {
    auto w = open_workspace({std::string(FRONTDESK_SOURCE_DIR) + "/forms/bike-theft.json"}, testing::golden_today);
    headless_ui ui(w);
    ui.focus("Flow map");
    ui.press(down);  // the first button, Fit
    ui.press(down);  // the start page
    ui.press(down);  // the page under it: call-999
    ui.press(space);
    CHECK(journey_position(w) == "on exit page 'call-999'");
}

TEST_CASE("ctrl+tab moves the keyboard from panel to panel") {
    auto w = open_workspace({std::string(FRONTDESK_SOURCE_DIR) + "/forms/bike-theft.json"}, testing::golden_today);
    headless_ui ui(w);
    ui.focus("Forms");
    REQUIRE(ui.focused_window() == "Forms");
    ui.press(tab, true);
    CHECK(ui.focused_window() != "Forms");
    CHECK_FALSE(ui.focused_window().empty());
}

TEST_CASE("every panel draws broken, half-written and missing forms without failing") {
    testing::scratch_folder dir;
    dir.write("a.json", testing::bike_theft_with("\"next\": \"where\"", "\"next\": \"wehre\""));
    dir.write("b.json", "{\"id\": \"half\", \"pages\": [");
    dir.write("c.json", "[]");
    auto w = open_workspace({dir.path().string(), (dir.path() / "missing.json").string()}, testing::golden_today);
    REQUIRE(w.files.size() == 4);
    headless_ui ui(w);
    for (std::size_t i = 0; i < w.files.size(); ++i) {
        select_form(w, i);
        for (const char* panel : {"Forms", "Lint", "Flow map", "Paths", "Play-through", "Report"}) {
            ui.focus(panel);
            ui.press(down);
            ui.press(space);
        }
        CHECK_FALSE(w.play);
    }
}

TEST_CASE("every page of every path of a form with every question type draws") {
    auto w = open_workspace({std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/forms/everything.json"}, testing::golden_today);
    REQUIRE(w.play);
    REQUIRE(w.paths.paths.size() > 5);
    headless_ui ui(w);
    ui.focus("Play-through");
    for (std::size_t i = 0; i < w.paths.paths.size(); ++i) {
        INFO("path " << i + 1);
        CHECK(play_path_at(w, i));
        // Walk back from the path's end to its start, drawing each page and pressing through it.
        do {
            ui.press(down);
            ui.press(space);
        } while (take(w, {step_kind::back, "", ""}));
    }
}

TEST_CASE("a repeat's entries and summary draw, and its Change and Remove buttons are reached by keyboard") {
    auto w = open_workspace({std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/forms/repeats.json"}, testing::golden_today);
    REQUIRE(w.play);
    headless_ui ui(w);
    ui.focus("Play-through");
    for (std::size_t i = 0; i < w.paths.paths.size(); ++i) {
        INFO("path " << i + 1);
        CHECK(play_path_at(w, i));
        do {
            ui.press(down);
            ui.press(space);
        } while (take(w, {step_kind::back, "", ""}));
    }
    // On a summary with an entry, drawing and pressing never fails.
    REQUIRE(play_path_at(w, 0));
    while (w.play->journey->state() != session_state::summary && take(w, {step_kind::back, "", ""})) {
    }
    REQUIRE(w.play->journey->state() == session_state::summary);
    for (int i = 0; i < 6; ++i) {
        ui.press(down);
        ui.press(space);
    }
}
