// Runs a compiled expression program (engine/expr.hpp). No exceptions, no
// recursion: a stack machine over a flat program. A step that cannot be
// done (dividing by zero, a number too large, a date out of range) gives
// unanswered for that step, and the first such problem is reported when the
// caller asks.
#pragma once

#include <string>
#include <string_view>

#include "engine/expr.hpp"

namespace frontdesk {

class eval_context {
public:
    virtual ~eval_context() = default;
    virtual value answer(std::uint32_t slot) const = 0;
    virtual value calculation(std::uint32_t slot) const = 0;
    virtual std::int64_t today() const = 0;  // days since 1970-01-01
    // The entry for `key` in the named lookup table, or unanswered.
    virtual value lookup(std::string_view table, std::string_view key) const = 0;
    // Repeat groups: how many entries a group has now, and which entry its
    // questions' answers are read from. focus() returns the entry it replaces
    // (0: none), so `each` can put it back.
    virtual std::uint32_t entries(std::uint32_t /*group*/) const { return 0; }
    virtual std::uint32_t focus(std::uint32_t /*group*/, std::uint32_t /*entry*/) const { return 0; }
};

// A context with no answers: for constants and tests.
class empty_context : public eval_context {
public:
    explicit empty_context(std::int64_t today_days = 0) : today_(today_days) {}
    value answer(std::uint32_t) const override { return {}; }
    value calculation(std::uint32_t) const override { return {}; }
    std::int64_t today() const override { return today_; }
    value lookup(std::string_view, std::string_view) const override { return {}; }

private:
    std::int64_t today_;
};

// `problem`, when given, receives why the result is unanswered after a failed step.
value evaluate(const program& p, const eval_context& ctx, std::string* problem = nullptr);

// Whether a program ever reads answers, calculations or today (else it is a constant).
bool is_constant_program(const program& p);

}  // namespace frontdesk
