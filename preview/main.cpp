// frontdesk-preview [--scale N] [--size WxH] [--script FILE] [--screenshot FILE.png] [FORM.json|DIR…]
//
// The staff preview tool: a GLFW window with Dear ImGui panels over a
// workspace (workspace.hpp). With --screenshot it renders a few frames,
// writes the last one as a PNG and exits, which is how it is tested headless.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "preview/gui/panels.hpp"
#include "preview/script.hpp"
#include "preview/workspace.hpp"

namespace {
using namespace frontdesk::preview;

struct options {
    std::vector<std::string> forms;
    float scale = 1.0f;
    int width = 0, height = 0;  // 0: 1600x1000 at 100 %, grown with the scale to fit the screen
    std::string script;
    std::string screenshot;
    bool help = false;
};

const char* usage =
    "usage: frontdesk-preview [--scale N] [--size WxH] [--script FILE] [--screenshot FILE.png] [FORM.json|DIR...]\n"
    "  With no forms, opens the forms/ folder.\n";

bool parse_options(int argc, char** argv, options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (a == "--help" || a == "-h") {
            o.help = true;
            return true;
        }
        if (a == "--scale") {
            const char* v = value();
            if (!v) return false;
            o.scale = std::strtof(v, nullptr);
            if (!(o.scale >= 0.5f && o.scale <= 4.0f)) return false;
        } else if (a == "--size") {
            const char* v = value();
            if (!v || std::sscanf(v, "%dx%d", &o.width, &o.height) != 2 || o.width < 200 || o.height < 200) return false;
        } else if (a == "--script") {
            const char* v = value();
            if (!v) return false;
            o.script = v;
        } else if (a == "--screenshot") {
            const char* v = value();
            if (!v) return false;
            o.screenshot = v;
        } else if (a.rfind("--", 0) == 0) {
            return false;
        } else {
            o.forms.push_back(a);
        }
    }
    if (o.forms.empty()) o.forms.push_back("forms");
    return true;
}

// A scalable outline font reads at 200 %; ImGui's built-in bitmap font is the fallback.
ImFont* add_font(const std::vector<const char*>& candidates, float size) {
    ImGuiIO& io = ImGui::GetIO();
    for (const char* path : candidates) {
        if (std::filesystem::exists(path)) return io.Fonts->AddFontFromFileTTF(path, size);
    }
    ImFontConfig config;
    config.SizePixels = size;
    return io.Fonts->AddFontDefault(&config);
}

gui::fonts load_fonts(float scale) {
    const std::vector<const char*> sans = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
    const std::vector<const char*> bold = {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                                           "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
    const std::vector<const char*> mono = {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"};
    gui::fonts f;
    f.body = add_font(sans, 16.0f * scale);  // the first font added is ImGui's default
    f.heading = add_font(bold, 21.0f * scale);
    f.mono = add_font(mono, 15.0f * scale);
    return f;
}

bool write_screenshot(const std::string& path, int width, int height) {
    // RGB: the framebuffer's alpha is whatever blending left there, not opacity.
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom to top; PNG's top to bottom.
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

int play_script(workspace& w, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << path << ": error: cannot read the script\n";
        return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    const auto script = parse_script(text.str());
    for (const auto& e : script.errors) std::cerr << path << ":" << e.where << ": error: " << e.message << "\n";
    if (!script.errors.empty()) return 2;
    const auto outcome = run_script(w, script);
    for (const auto& r : outcome.refused) std::cerr << path << ": " << r << "\n";
    std::cout << "frontdesk-preview: played " << outcome.played << " of " << script.steps.size() << " step(s); "
              << journey_position(w) << "\n";
    return outcome.refused.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    if (!parse_options(argc, argv, o)) {
        std::cerr << usage;
        return 2;
    }
    if (o.help) {
        std::cout << usage;
        return 0;
    }
    workspace w = open_workspace(o.forms, utc_today());
    int script_status = 0;
    if (!o.script.empty()) {
        script_status = play_script(w, o.script);
        if (script_status == 2) return 2;
    }

    glfwSetErrorCallback([](int code, const char* text) { std::cerr << "glfw error " << code << ": " << text << "\n"; });
    if (!glfwInit()) {
        std::cerr << "frontdesk-preview: cannot open a window (is there a display? try xvfb-run)\n";
        return 1;
    }
    if (o.width == 0) {
        o.width = static_cast<int>(1600 * o.scale);
        o.height = static_cast<int>(1000 * o.scale);
        if (const GLFWvidmode* screen = glfwGetVideoMode(glfwGetPrimaryMonitor())) {
            o.width = std::min(o.width, screen->width * 9 / 10);
            o.height = std::min(o.height, screen->height * 9 / 10);
        }
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(o.width, o.height, "frontdesk preview", nullptr, nullptr);
    if (window == nullptr) {
        glfwTerminate();
        std::cerr << "frontdesk-preview: cannot create an OpenGL 3 window\n";
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; nothing to remember
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // A screenshot shows the workspace, not whatever the pointer happens to hover.
    if (!o.screenshot.empty()) io.ConfigFlags |= ImGuiConfigFlags_NoMouse;
    ImGui::StyleColorsDark();
    ImGui::GetStyle().ScaleAllSizes(o.scale);
    const gui::fonts fonts = load_fonts(o.scale);
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");

    // A screenshot waits a few frames: ImGui sizes windows and tables from the frames before.
    constexpr int screenshot_frame = 4;
    bool wrote = false;
    double last_poll = 0;
    for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
        glfwPollEvents();
        if (glfwGetTime() - last_poll > 0.5) {
            reload_changed(w);
            last_poll = glfwGetTime();
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        gui::draw_workspace(w, fonts);
        ImGui::Render();
        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!o.screenshot.empty() && frame == screenshot_frame) {
            wrote = write_screenshot(o.screenshot, width, height);
            if (!wrote) std::cerr << o.screenshot << ": error: cannot write the screenshot\n";
            break;
        }
        glfwSwapBuffers(window);
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    if (!o.screenshot.empty() && !wrote) return 1;
    return script_status;
}
