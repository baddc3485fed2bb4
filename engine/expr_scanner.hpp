// The expression scanner: source text to tokens. Tokens point into the
// source and carry their line and column (1-based) for error messages.
#pragma once

#include <cstdint>
#include <string_view>

namespace frontdesk {

enum class token_kind : std::uint8_t {
    left_paren, right_paren, left_bracket, right_bracket, comma,
    plus, minus, star, slash,
    equal, not_equal, less, less_equal, greater, greater_equal,
    identifier, number, string,
    kw_and, kw_or, kw_not, kw_in, kw_true, kw_false,
    error,  // text holds the message
    end,
};

struct token {
    token_kind kind = token_kind::end;
    std::string_view text;  // the lexeme; for strings without quotes; for errors the message
    int line = 1;
    int column = 1;
};

class expr_scanner {
public:
    explicit expr_scanner(std::string_view source) : source_(source) {}
    token next();

private:
    token make(token_kind kind, std::size_t start) const;
    token fail(std::string_view message) const;
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < source_.size() ? source_[pos_ + ahead] : '\0'; }
    void advance();

    std::string_view source_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
    int start_line_ = 1;
    int start_column_ = 1;
};

const char* token_description(token_kind kind);

}  // namespace frontdesk
