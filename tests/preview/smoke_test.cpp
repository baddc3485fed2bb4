// The real tool under Xvfb (Mesa gives it OpenGL): it plays a path through a
// shipped form from a script, writes a screenshot and exits. The screenshot
// must not be blank, and a broken form must be shown, not crash the tool.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <cstdlib>
#include <set>
#include <string>
#include <sys/wait.h>

#include "tests/preview/support.hpp"

namespace {

struct run_result {
    int status = -1;
    std::string output;
};

// with_xvfb.sh gives each run an X server on a display Xvfb chose itself.
run_result run_preview(const frontdesk::testing::scratch_folder& dir, const std::string& args) {
    const auto log = (dir.path() / "output.txt").string();
    const std::string command = "cd '" FRONTDESK_SOURCE_DIR "' && tests/preview/with_xvfb.sh '" FRONTDESK_PREVIEW_BIN
                                "' " + args + " > '" + log + "' 2>&1";
    const int raw = std::system(command.c_str());
    run_result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.output = frontdesk::testing::read_source_file(std::filesystem::relative(log, FRONTDESK_SOURCE_DIR).string());
    return r;
}

struct image_summary {
    int width = 0, height = 0;
    std::size_t colours = 0;
};

image_summary read_png(const std::string& path) {
    image_summary s;
    int channels = 0;
    unsigned char* pixels = stbi_load(path.c_str(), &s.width, &s.height, &channels, 3);
    REQUIRE_MESSAGE(pixels != nullptr, "cannot read " << path);
    std::set<unsigned> seen;
    const std::size_t count = static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height);
    for (std::size_t i = 0; i < count; ++i) {
        seen.insert(unsigned(pixels[3 * i]) << 16 | unsigned(pixels[3 * i + 1]) << 8 | pixels[3 * i + 2]);
    }
    stbi_image_free(pixels);
    s.colours = seen.size();
    return s;
}

}  // namespace

TEST_CASE("the tool plays a path through the bike theft form and writes a screenshot that is not blank") {
    frontdesk::testing::scratch_folder dir;
    const auto png = (dir.path() / "bike.png").string();
    const auto r = run_preview(dir, "--script tests/preview/bike_theft_script.json --screenshot '" + png +
                                        "' forms/bike-theft.json");
    INFO(r.output);
    REQUIRE(r.status == 0);
    CHECK(r.output.find("played 17 of 17 step(s); on check your answers") != std::string::npos);
    const auto image = read_png(png);
    CHECK(image.width == 1600);
    CHECK(image.height == 1000);
    // Text, panels, the map's colours and antialiasing: a blank or one-colour
    // frame has a handful of colours, a drawn one hundreds.
    CHECK(image.colours > 200);
}

TEST_CASE("at 200 % scale the tool draws the same panels in a bigger window") {
    frontdesk::testing::scratch_folder dir;
    const auto png = (dir.path() / "big.png").string();
    const auto r = run_preview(dir, "--scale 2 --size 2400x1500 --script tests/preview/bike_theft_script.json "
                                    "--screenshot '" + png + "' forms/bike-theft.json");
    INFO(r.output);
    REQUIRE(r.status == 0);
    const auto image = read_png(png);
    CHECK(image.width == 2400);
    CHECK(image.colours > 200);
}

TEST_CASE("a broken form is shown with its problems, not a crash") {
    frontdesk::testing::scratch_folder dir;
    const auto broken = dir.write("broken.json", frontdesk::testing::bike_theft_with("\"next\": \"where\"", "\"next\": \"wehre\""));
    dir.write("half.json", "{\"id\": \"half\", \"pages\": [");
    const auto png = (dir.path() / "broken.png").string();
    const auto r = run_preview(dir, "--screenshot '" + png + "' '" + dir.path().string() + "'");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(read_png(png).colours > 100);
}

TEST_CASE("a script step the form refuses makes the run fail, saying which") {
    frontdesk::testing::scratch_folder dir;
    const auto script = dir.write("bad.json", R"(["back"])");
    const auto r = run_preview(dir, "--script '" + script + "' --screenshot '" + (dir.path() / "x.png").string() +
                                        "' forms/bike-theft.json");
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK(r.output.find("step 1: There is nowhere to go back to.") != std::string::npos);
}
