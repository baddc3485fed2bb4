#include "preview/forms_panel.hpp"

#include <doctest/doctest.h>

#include "tests/preview/support.hpp"

using namespace frontdesk;
using namespace frontdesk::preview;

TEST_CASE("a good form file loads, with no problems and the status ok") {
    const auto f = read_form_file(std::string(FRONTDESK_SOURCE_DIR) + "/forms/bike-theft.json");
    REQUIRE(f.loaded);
    CHECK(f.source_loads);
    CHECK(f.problems.empty());
    CHECK(lint_status(f) == "ok");
    CHECK(display_name(f) == "bike-theft");
}

TEST_CASE("a broken form file lists its problems with JSON pointers and does not load") {
    testing::scratch_folder dir;
    const auto path = dir.write("broken.json", testing::bike_theft_with("\"next\": \"where\"", "\"next\": \"wehre\""));
    const auto f = read_form_file(path);
    CHECK_FALSE(f.loaded);
    CHECK_FALSE(f.source_loads);
    REQUIRE(f.problems.size() == 1);
    CHECK(f.problems[0].pointer == "/pages/2/next");
    CHECK(f.problems[0].severity == "error");
    CHECK(lint_status(f) == "1 error");
    CHECK(display_name(f) == "broken.json");
}

TEST_CASE("a file that is not JSON, or not there, is a problem and not a crash") {
    testing::scratch_folder dir;
    const auto f = read_form_file(dir.write("half.json", "{\"id\": \"x\", \"pages\": ["));
    CHECK_FALSE(f.loaded);
    REQUIRE(!f.problems.empty());
    CHECK(f.problems[0].message.find("not valid JSON") != std::string::npos);

    const auto gone = read_form_file((dir.path() / "gone.json").string());
    CHECK(lint_status(gone) == "cannot read");
    CHECK(gone.problems.size() == 1);
}

TEST_CASE("a file is read again when it changes, and the last good form is kept while it is broken") {
    testing::scratch_folder dir;
    const auto path = dir.write("bike.json", testing::read_source_file("forms/bike-theft.json"));
    auto f = read_form_file(path);
    REQUIRE(f.loaded);
    const auto good = f.loaded;
    CHECK_FALSE(refresh(f));  // nothing changed

    dir.write("bike.json", testing::bike_theft_with("\"next\": \"where\"", "\"next\": \"wehre\""));
    CHECK(refresh(f));
    CHECK_FALSE(f.source_loads);
    CHECK(f.loaded == good);
    CHECK(lint_status(f) == "1 error");

    dir.write("bike.json", testing::bike_theft_with("About the bike", "About your bike"));
    CHECK(refresh(f));
    CHECK(f.source_loads);
    CHECK(f.loaded != good);
    CHECK(f.loaded->pages[2].title == "About your bike");
}

TEST_CASE("a folder stands for the JSON files in it, sorted by name") {
    testing::scratch_folder dir;
    dir.write("b.json", "{}");
    dir.write("a.json", "{}");
    dir.write("notes.txt", "not a form");
    const auto paths = expand_form_paths({dir.path().string(), "missing.json"});
    REQUIRE(paths.size() == 3);
    CHECK(paths[0] == (dir.path() / "a.json").string());
    CHECK(paths[1] == (dir.path() / "b.json").string());
    CHECK(paths[2] == "missing.json");
}

TEST_CASE("a form that loads is linted too: warnings, and errors that a journey finds") {
    const auto f = read_form_file(std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/lint/troubled.json");
    CHECK(f.source_loads);
    CHECK(count_problems(f, "error") == 2);
    CHECK(count_problems(f, "warning") == 8);
    CHECK(lint_status(f) == "2 errors, 8 warnings");
}

TEST_CASE("a form's data files are read from its folder") {
    const auto f = read_form_file(std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/forms/everything.json", testing::golden_today);
    CHECK(f.source_loads);
    CHECK(lint_status(f) == "ok");
}

TEST_CASE("a change to a form's data file reads the form again") {
    testing::scratch_folder dir;
    std::filesystem::create_directories(dir.path() / "data");
    const auto table = testing::read_source_file("tests/golden/forms/data/postcode-districts.json");
    dir.write("data/postcode-districts.json", table);
    const auto path = dir.write("everything.json", testing::read_source_file("tests/golden/forms/everything.json"));
    auto f = read_form_file(path, testing::golden_today);
    REQUIRE(f.source_loads);
    REQUIRE(f.data_files.size() == 1);
    CHECK_FALSE(refresh(f, testing::golden_today));

    dir.write("data/postcode-districts.json", "not a table");
    CHECK(refresh(f, testing::golden_today));
    CHECK_FALSE(f.source_loads);
    CHECK(count_problems(f, "error") > 0);
}
