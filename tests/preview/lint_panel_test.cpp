#include "preview/lint_panel.hpp"

#include <doctest/doctest.h>

using namespace frontdesk::preview;

TEST_CASE("a JSON pointer inside a page names that page") {
    CHECK(page_of_pointer("/pages/3/questions/0/label") == 3u);
    CHECK(page_of_pointer("/pages/12") == 12u);
    CHECK_FALSE(page_of_pointer("/routing/rules/0/if"));
    CHECK_FALSE(page_of_pointer("/pages/x"));
    CHECK_FALSE(page_of_pointer("/pages/1x/next"));
    CHECK_FALSE(page_of_pointer(""));
}

TEST_CASE("lint rows read file:json-pointer, as frontdesk lint prints them, errors first") {
    form_file a;
    a.path = "forms/a.json";
    a.problems = {{"/pages/0/title", "warning", "a title is short"}, {"/pages/2/next", "error", "there is no page 'x'"}};
    form_file b;
    b.path = "forms/b.json";
    b.problems = {{"", "error", "cannot read the file"}};
    const auto rows = lint_rows({a, b});
    REQUIRE(rows.size() == 3);
    CHECK(lint_line(rows[0]) == "forms/a.json:/pages/2/next: error: there is no page 'x'");
    CHECK(rows[0].page == 2u);
    CHECK(lint_line(rows[1]) == "forms/b.json: error: cannot read the file");
    CHECK(rows[1].file == 1u);
    CHECK_FALSE(rows[1].page);
    CHECK(rows[2].severity == "warning");
}
