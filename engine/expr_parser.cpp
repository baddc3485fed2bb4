#include "engine/expr_parser.hpp"

namespace frontdesk {
namespace {

enum precedence : int {
    prec_none,
    prec_or,          // or
    prec_and,         // and
    prec_not,         // not
    prec_comparison,  // = != < <= > >= in
    prec_term,        // + -
    prec_factor,      // * /
    prec_unary,       // -
};

precedence infix_precedence(token_kind k) {
    switch (k) {
        case token_kind::kw_or: return prec_or;
        case token_kind::kw_and: return prec_and;
        case token_kind::equal:
        case token_kind::not_equal:
        case token_kind::less:
        case token_kind::less_equal:
        case token_kind::greater:
        case token_kind::greater_equal:
        case token_kind::kw_in: return prec_comparison;
        case token_kind::plus:
        case token_kind::minus: return prec_term;
        case token_kind::star:
        case token_kind::slash: return prec_factor;
        default: return prec_none;
    }
}

class parser {
public:
    explicit parser(std::string_view source) : scanner_(source) { advance(); }

    result<expr_ast> run() {
        const int root = expression(prec_or);
        if (!failed_ && current_.kind != token_kind::end) {
            fail_at(current_, std::string("expected an operator or the end, not ") + describe(current_));
        }
        if (failed_) return error_;
        ast_.root = root;
        return std::move(ast_);
    }

private:
    void advance() {
        previous_ = current_;
        current_ = scanner_.next();
        if (current_.kind == token_kind::error) fail_at(current_, std::string(current_.text));
    }

    static std::string describe(const token& t) {
        if (t.kind == token_kind::identifier || t.kind == token_kind::number) return "'" + std::string(t.text) + "'";
        return token_description(t.kind);
    }

    void fail_at(const token& t, const std::string& message) {
        if (failed_) return;  // panic mode: the first error is the one that matters
        failed_ = true;
        error_ = {std::to_string(t.line) + ":" + std::to_string(t.column), message};
        current_.kind = token_kind::end;  // stop consuming
    }

    bool consume(token_kind kind, const char* message) {
        if (current_.kind == kind) {
            advance();
            return true;
        }
        fail_at(current_, std::string(message) + ", not " + describe(current_));
        return false;
    }

    int add(expr_node n) {
        ast_.nodes.push_back(std::move(n));
        return static_cast<int>(ast_.nodes.size() - 1);
    }

    expr_node node_at(const token& t, node_kind kind) const {
        expr_node n;
        n.kind = kind;
        n.line = t.line;
        n.column = t.column;
        return n;
    }

    // expression → prefix ( infix )*   with each infix binding tighter than `lowest`
    int expression(precedence lowest) {
        if (++depth_ > deepest_expression) {
            fail_at(current_, "this expression is nested too deeply");
            return -1;
        }
        int left = prefix();
        while (!failed_ && infix_precedence(current_.kind) >= lowest && infix_precedence(current_.kind) != prec_none) {
            left = infix(left);
        }
        --depth_;
        return failed_ ? -1 : left;
    }

    // prefix → NUMBER | STRING | true | false | name | call | "(" expr ")" | list | "-" prefix | "not" prefix
    int prefix() {
        const token t = current_;
        switch (t.kind) {
            case token_kind::number: {
                advance();
                auto n = parse_number(t.text);
                if (!n) {
                    fail_at(t, "this number is too large or has more than four decimal places");
                    return -1;
                }
                auto node = node_at(t, node_kind::literal);
                node.literal = value::number(*n);
                return add(std::move(node));
            }
            case token_kind::string: {
                advance();
                auto node = node_at(t, node_kind::literal);
                node.literal = value::text(std::string(t.text));
                return add(std::move(node));
            }
            case token_kind::kw_true:
            case token_kind::kw_false: {
                advance();
                auto node = node_at(t, node_kind::literal);
                node.literal = value::boolean(t.kind == token_kind::kw_true);
                return add(std::move(node));
            }
            case token_kind::identifier: return name_or_call();
            case token_kind::left_paren: {
                advance();
                const int inner = expression(prec_or);
                consume(token_kind::right_paren, "expected ')' to close '('");
                return inner;
            }
            case token_kind::left_bracket: return list();
            case token_kind::minus:
            case token_kind::kw_not: {
                advance();
                auto node = node_at(t, node_kind::unary);
                node.op = t.kind;
                const int operand = expression(t.kind == token_kind::minus ? prec_unary : prec_not);
                node.kids.push_back(operand);
                return add(std::move(node));
            }
            default:
                fail_at(t, "expected a value, a name or '(', not " + describe(t));
                return -1;
        }
    }

    // name → IDENT ;  call → IDENT "(" ( expr ( "," expr )* )? ")"
    int name_or_call() {
        const token t = current_;
        advance();
        if (current_.kind != token_kind::left_paren) {
            auto node = node_at(t, node_kind::name);
            node.name = std::string(t.text);
            return add(std::move(node));
        }
        advance();
        auto node = node_at(t, node_kind::call);
        node.name = std::string(t.text);
        if (current_.kind != token_kind::right_paren) {
            do {
                if (node.kids.size() >= 16) {
                    fail_at(current_, "a function takes at most 16 arguments");
                    return -1;
                }
                node.kids.push_back(expression(prec_or));
            } while (!failed_ && current_.kind == token_kind::comma && (advance(), true));
        }
        consume(token_kind::right_paren, "expected ')' after the arguments");
        return add(std::move(node));
    }

    // list → "[" ( expr ( "," expr )* )? "]"
    int list() {
        const token t = current_;
        advance();
        auto node = node_at(t, node_kind::list);
        if (current_.kind != token_kind::right_bracket) {
            do {
                if (node.kids.size() >= 1000) {
                    fail_at(current_, "a list holds at most 1000 items");
                    return -1;
                }
                node.kids.push_back(expression(prec_or));
            } while (!failed_ && current_.kind == token_kind::comma && (advance(), true));
        }
        consume(token_kind::right_bracket, "expected ']' to close the list");
        return add(std::move(node));
    }

    // infix → ("or"|"and"|"="|"!="|"<"|"<="|">"|">="|"in"|"+"|"-"|"*"|"/") expression(tighter)
    int infix(int left) {
        const token t = current_;
        const precedence p = infix_precedence(t.kind);
        advance();
        auto node = node_at(t, node_kind::binary);
        node.op = t.kind;
        node.kids.push_back(left);
        node.kids.push_back(expression(static_cast<precedence>(p + 1)));
        if (!failed_ && p == prec_comparison && infix_precedence(current_.kind) == prec_comparison) {
            fail_at(current_, "comparisons do not chain: join them with 'and'");
        }
        return add(std::move(node));
    }

    expr_scanner scanner_;
    token current_;
    token previous_;
    expr_ast ast_;
    error error_;
    bool failed_ = false;
    int depth_ = 0;
};

}  // namespace

result<expr_ast> parse_expression(std::string_view source) {
    if (source.size() > largest_expression) return error{"1:1", "this expression is longer than 2000 characters"};
    return parser(source).run();
}

}  // namespace frontdesk
