#include "engine/expr_eval.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "engine/expr_check.hpp"
#include "tests/support/forms.hpp"

using namespace frontdesk;

namespace {

// The names of tests/engine/expr/cases.txt.
class case_context : public eval_context {
public:
    value answer(std::uint32_t slot) const override {
        switch (slot) {
            case 0: return value::whole(30);
            case 1: return value::text("Red");
            case 2: return value::date(*parse_iso_date("2026-11-01"));
            case 3: return value::list({value::text("road"), value::text("bmx")});
            // The repeat "people" (group 0): three entries, ages 10, 20 and 40; the second has no name.
            case 5: return focus_ == 0 ? value{} : value::whole(focus_ == 1 ? 10 : focus_ == 2 ? 20 : 40);
            case 6: return focus_ == 0 || focus_ == 2 ? value{} : value::text(focus_ == 1 ? "Ann" : "Cy");
            default: return {};
        }
    }
    value calculation(std::uint32_t) const override { return value::number(125000); }
    std::int64_t today() const override { return *parse_iso_date("2026-11-28"); }
    value lookup(std::string_view table, std::string_view key) const override {
        if (table == "boroughs" && key == "Red") return value::text("red-borough");
        return {};
    }
    std::uint32_t entries(std::uint32_t group) const override { return group == 0 ? 3 : 0; }
    std::uint32_t focus(std::uint32_t group, std::uint32_t entry) const override {
        if (group != 0) return 0;
        const std::uint32_t before = focus_;
        focus_ = entry;
        return before;
    }

private:
    mutable std::uint32_t focus_ = 0;
};

expr_environment case_environment() {
    expr_environment env;
    env.find_name = [](std::string_view name) -> std::optional<expr_symbol> {
        if (name == "age") return expr_symbol{opcode::answer, 0, value_type::number};
        if (name == "colour") return expr_symbol{opcode::answer, 1, value_type::text};
        if (name == "stolen_on") return expr_symbol{opcode::answer, 2, value_type::date};
        if (name == "bikes") return expr_symbol{opcode::answer, 3, value_type::text_list};
        if (name == "note") return expr_symbol{opcode::answer, 4, value_type::text};
        if (name == "total") return expr_symbol{opcode::calculation, 0, value_type::number};
        return std::nullopt;
    };
    env.has_table = [](std::string_view table) { return table == "boroughs"; };
    env.find_group = [](std::string_view name) -> std::optional<std::uint32_t> {
        if (name == "people" || name == "pets") return name == "people" ? 0u : 1u;
        return std::nullopt;
    };
    env.find_entry_name = [](std::string_view name, std::uint32_t group) -> std::optional<expr_symbol> {
        if (group == 0 && name == "person_age") return expr_symbol{opcode::answer, 5, value_type::number};
        if (group == 0 && name == "person_name") return expr_symbol{opcode::answer, 6, value_type::text};
        return std::nullopt;
    };
    return env;
}

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(' ');
    const auto b = s.find_last_not_of(' ');
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

TEST_CASE("the annotated expression cases") {
    std::istringstream lines(testing::read_source_file("tests/engine/expr/cases.txt"));
    const auto env = case_environment();
    const case_context ctx;
    std::string line;
    int number = 0, checked = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (line.empty() || line[0] == '#') continue;
        const auto mark = line.rfind("  # ");
        REQUIRE_MESSAGE(mark != std::string::npos, "line " << number << " has no expectation");
        const std::string source = trim(line.substr(0, mark));
        const std::string expectation = line.substr(mark + 4);
        INFO("line " << number << ": " << source);
        auto compiled = compile_expression(source, env);
        if (expectation.rfind("expect: ", 0) == 0) {
            std::string want = expectation.substr(8);
            if (want == "\"\"") want.clear();
            REQUIRE_MESSAGE(compiled, (compiled ? "" : compiled.err().where + ": " + compiled.err().message));
            CHECK(display_text(evaluate(compiled->code, ctx)) == want);
        } else {
            REQUIRE(expectation.rfind("error: ", 0) == 0);
            const std::string want = expectation.substr(7);
            REQUIRE_MESSAGE(!compiled, "compiled, but expected " << want);
            const std::string got = compiled.err().where + ": " + compiled.err().message;
            CHECK_MESSAGE(got.rfind(want, 0) == 0, got);
        }
        ++checked;
    }
    CHECK(checked > 60);
}

TEST_CASE("a failed step at run time is unanswered, and the problem is told") {
    auto compiled = compile_expression("100 / (age - 30)", case_environment());
    REQUIRE(compiled);
    std::string problem;
    CHECK(!evaluate(compiled->code, case_context(), &problem).answered());
    CHECK(problem == "dividing by zero");
}

TEST_CASE("a damaged program is unanswered, never a crash") {
    program p;
    p.code = {{opcode::add, 0}};
    CHECK(!evaluate(p, empty_context()).answered());
    p.code = {{opcode::constant, 7}};
    CHECK(!evaluate(p, empty_context()).answered());
    p.code = {{opcode::call, 200}};
    CHECK(!evaluate(p, empty_context()).answered());
    p.code = {{opcode::make_list, 3}};
    CHECK(!evaluate(p, empty_context()).answered());
    p.constants = {value::whole(1), value::whole(2)};
    p.code = {{opcode::constant, 0}, {opcode::constant, 1}};
    CHECK(!evaluate(p, empty_context()).answered());
}

TEST_CASE("constant programs") {
    auto c = compile_expression("1 + 2", case_environment());
    REQUIRE(c);
    CHECK(is_constant_program(c->code));
    CHECK(c->code.code.size() == 1);  // folded
    auto t = compile_expression("today() + 1", case_environment());
    REQUIRE(t);
    CHECK(!is_constant_program(t->code));
}
