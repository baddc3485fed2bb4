#include "engine/expr_scanner.hpp"

namespace frontdesk {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

token_kind keyword_or_identifier(std::string_view word) {
    if (word == "and") return token_kind::kw_and;
    if (word == "or") return token_kind::kw_or;
    if (word == "not") return token_kind::kw_not;
    if (word == "in") return token_kind::kw_in;
    if (word == "true") return token_kind::kw_true;
    if (word == "false") return token_kind::kw_false;
    return token_kind::identifier;
}

}  // namespace

void expr_scanner::advance() {
    if (source_[pos_] == '\n') {
        ++line_;
        column_ = 1;
    } else if ((static_cast<unsigned char>(source_[pos_]) & 0xC0) != 0x80) {
        ++column_;  // columns count characters, not UTF-8 bytes
    }
    ++pos_;
}

token expr_scanner::make(token_kind kind, std::size_t start) const {
    return {kind, source_.substr(start, pos_ - start), start_line_, start_column_};
}

token expr_scanner::fail(std::string_view message) const { return {token_kind::error, message, start_line_, start_column_}; }

token expr_scanner::next() {
    while (pos_ < source_.size() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) advance();
    start_line_ = line_;
    start_column_ = column_;
    const std::size_t start = pos_;
    if (pos_ >= source_.size()) return make(token_kind::end, start);
    const char c = peek();
    if (is_name_start(c)) {
        while (is_name_char(peek())) advance();
        const auto word = source_.substr(start, pos_ - start);
        return make(keyword_or_identifier(word), start);
    }
    if (is_digit(c)) {
        while (is_digit(peek())) advance();
        if (peek() == '.' && is_digit(peek(1))) {
            advance();
            while (is_digit(peek())) advance();
        }
        if (is_name_char(peek())) return fail("a number must not run into letters");
        return make(token_kind::number, start);
    }
    if (c == '\'' || c == '"') {
        advance();
        const std::size_t body = pos_;
        while (pos_ < source_.size() && peek() != c) advance();
        if (pos_ >= source_.size()) return fail("this text has no closing quote");
        token t{token_kind::string, source_.substr(body, pos_ - body), start_line_, start_column_};
        advance();
        return t;
    }
    advance();
    switch (c) {
        case '(': return make(token_kind::left_paren, start);
        case ')': return make(token_kind::right_paren, start);
        case '[': return make(token_kind::left_bracket, start);
        case ']': return make(token_kind::right_bracket, start);
        case ',': return make(token_kind::comma, start);
        case '+': return make(token_kind::plus, start);
        case '-': return make(token_kind::minus, start);
        case '*': return make(token_kind::star, start);
        case '/': return make(token_kind::slash, start);
        case '=':
            if (peek() == '=') advance();  // "==" is forgiven: authors write both
            return make(token_kind::equal, start);
        case '!':
            if (peek() == '=') {
                advance();
                return make(token_kind::not_equal, start);
            }
            return fail("'!' is not an operator: write 'not' or '!='");
        case '<':
            if (peek() == '=') {
                advance();
                return make(token_kind::less_equal, start);
            }
            if (peek() == '>') {
                advance();
                return make(token_kind::not_equal, start);
            }
            return make(token_kind::less, start);
        case '>':
            if (peek() == '=') {
                advance();
                return make(token_kind::greater_equal, start);
            }
            return make(token_kind::greater, start);
        default: break;
    }
    return fail("this character has no meaning in an expression");
}

const char* token_description(token_kind kind) {
    switch (kind) {
        case token_kind::left_paren: return "'('";
        case token_kind::right_paren: return "')'";
        case token_kind::left_bracket: return "'['";
        case token_kind::right_bracket: return "']'";
        case token_kind::comma: return "','";
        case token_kind::plus: return "'+'";
        case token_kind::minus: return "'-'";
        case token_kind::star: return "'*'";
        case token_kind::slash: return "'/'";
        case token_kind::equal: return "'='";
        case token_kind::not_equal: return "'!='";
        case token_kind::less: return "'<'";
        case token_kind::less_equal: return "'<='";
        case token_kind::greater: return "'>'";
        case token_kind::greater_equal: return "'>='";
        case token_kind::identifier: return "a name";
        case token_kind::number: return "a number";
        case token_kind::string: return "a text in quotes";
        case token_kind::kw_and: return "'and'";
        case token_kind::kw_or: return "'or'";
        case token_kind::kw_not: return "'not'";
        case token_kind::kw_in: return "'in'";
        case token_kind::kw_true: return "'true'";
        case token_kind::kw_false: return "'false'";
        case token_kind::error: return "an error";
        case token_kind::end: return "the end";
    }
    return "a token";
}

}  // namespace frontdesk
