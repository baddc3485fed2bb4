#include "preview/script.hpp"

#include <doctest/doctest.h>

using namespace frontdesk::preview;

TEST_CASE("a script is a list of next, back, answers, changes and paths") {
    const auto s = parse_script(R"(["next", {"answer": {"a": "1", "b": "2"}}, "back", {"change": "a"}, {"path": 2}])");
    REQUIRE(s.errors.empty());
    REQUIRE(s.steps.size() == 6);
    CHECK(s.steps[0].play == step{step_kind::next, "", ""});
    CHECK(s.steps[1].play == step{step_kind::answer, "a", "1"});
    CHECK(s.steps[2].play == step{step_kind::answer, "b", "2"});
    CHECK(s.steps[3].play.kind == step_kind::back);
    CHECK(s.steps[4].play == step{step_kind::change, "a", ""});
    CHECK(s.steps[5].path == 2u);
}

TEST_CASE("a bad script says where it is wrong") {
    CHECK(parse_script("{}").errors.size() == 1);
    CHECK(parse_script("[").errors.size() == 1);
    const auto s = parse_script(R"(["next", "jump", {"answer": {"a": 3}}, {"path": 0}])");
    REQUIRE(s.errors.size() == 3);
    CHECK(s.errors[0].where == "/1");
    CHECK(s.errors[1].where == "/2/answer/a");
    CHECK(s.errors[2].where == "/3");
}

TEST_CASE("a script adds, changes and removes a repeat's entries") {
    const auto s = parse_script(R"(["add_another", {"change_entry": 2}, {"remove_entry": 1}, {"remove_entry": "x"}])");
    REQUIRE(s.errors.size() == 1);
    CHECK(s.errors[0].where == "/3");
    REQUIRE(s.steps.size() == 3);
    CHECK(s.steps[0].play == step{step_kind::add_another, "", ""});
    CHECK(s.steps[1].play == step{step_kind::change_entry, "", "2"});
    CHECK(s.steps[2].play == step{step_kind::remove_entry, "", "1"});
}
