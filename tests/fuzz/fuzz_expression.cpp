// Any text as an expression: parse, check, compile and run it; never a crash,
// a hang or undefined behaviour, whatever the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/expr_check.hpp"
#include "engine/expr_eval.hpp"

namespace {

class fuzz_context : public frontdesk::eval_context {
public:
    frontdesk::value answer(std::uint32_t slot) const override {
        switch (slot) {
            case 0: return frontdesk::value::whole(42);
            case 1: return frontdesk::value::text("Red");
            case 2: return frontdesk::value::date(20000);
            case 4: return focus_ == 0 ? frontdesk::value{} : frontdesk::value::whole(focus_);  // the repeat's entry number
            default: return frontdesk::value::list({frontdesk::value::text("a")});
        }
    }
    frontdesk::value calculation(std::uint32_t) const override { return frontdesk::value::number(-5); }
    std::int64_t today() const override { return 20785; }
    // One repeat group, "g", of three entries.
    std::uint32_t entries(std::uint32_t group) const override { return group == 0 ? 3 : 0; }
    std::uint32_t focus(std::uint32_t, std::uint32_t entry) const override {
        const std::uint32_t before = focus_;
        focus_ = entry;
        return before;
    }
    frontdesk::value lookup(std::string_view, std::string_view key) const override {
        return frontdesk::value::text(std::string(key));
    }

private:
    mutable std::uint32_t focus_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace frontdesk;
    expr_environment env;
    env.find_name = [](std::string_view name) -> std::optional<expr_symbol> {
        if (name == "n") return expr_symbol{opcode::answer, 0, value_type::number};
        if (name == "t") return expr_symbol{opcode::answer, 1, value_type::text};
        if (name == "d") return expr_symbol{opcode::answer, 2, value_type::date};
        if (name == "l") return expr_symbol{opcode::answer, 3, value_type::text_list};
        if (name == "c") return expr_symbol{opcode::calculation, 0, value_type::number};
        return std::nullopt;
    };
    env.has_table = [](std::string_view table) { return table == "t"; };
    env.find_group = [](std::string_view name) -> std::optional<std::uint32_t> {
        if (name == "g") return 0u;
        return std::nullopt;
    };
    env.find_entry_name = [](std::string_view name, std::uint32_t group) -> std::optional<expr_symbol> {
        if (group == 0 && name == "e") return expr_symbol{opcode::answer, 4, value_type::number};
        return std::nullopt;
    };
    auto compiled = compile_expression(std::string_view(reinterpret_cast<const char*>(data), size), env);
    if (compiled) {
        std::string problem;
        (void)evaluate(compiled->code, fuzz_context(), &problem);
    }
    return 0;
}
