#include "server/json_cursor.hpp"

#include <cstring>
#include <limits>

#include "engine/json_writer.hpp"

namespace frontdesk::server {
namespace {

constexpr int deepest = 32;

void append_utf8(std::string& out, std::uint32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | c >> 6));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | c >> 12));
        out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | c >> 18));
        out.push_back(static_cast<char>(0x80 | (c >> 12 & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

}  // namespace

void json_cursor::skip_space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
        ++at_;
    }
}

bool json_cursor::peek(char c) {
    skip_space();
    return at_ < text_.size() && text_[at_] == c;
}

bool json_cursor::consume(char c) {
    if (!peek(c)) return false;
    ++at_;
    return true;
}

bool json_cursor::at_end() {
    skip_space();
    return at_ == text_.size();
}

bool json_cursor::read_hex4(std::uint32_t& out) {
    if (text_.size() - at_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = text_[at_++];
        out <<= 4;
        if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
        else return false;
    }
    return true;
}

bool json_cursor::read_escape(std::string& out) {
    if (at_ >= text_.size()) return false;
    switch (text_[at_++]) {
        case '"': out.push_back('"'); return true;
        case '\\': out.push_back('\\'); return true;
        case '/': out.push_back('/'); return true;
        case 'b': out.push_back('\b'); return true;
        case 'f': out.push_back('\f'); return true;
        case 'n': out.push_back('\n'); return true;
        case 'r': out.push_back('\r'); return true;
        case 't': out.push_back('\t'); return true;
        case 'u': break;
        default: return false;
    }
    std::uint32_t c = 0;
    if (!read_hex4(c)) return false;
    if (c >= 0xDC00 && c <= 0xDFFF) return false;  // a low surrogate alone
    if (c >= 0xD800 && c <= 0xDBFF) {               // a high one must be followed by a low one
        std::uint32_t low = 0;
        if (text_.substr(at_, 2) != "\\u") return false;
        at_ += 2;
        if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, c);
    return true;
}

bool json_cursor::read_string(std::string& out) {
    if (!consume('"')) return false;
    out.clear();
    return read_rest_of_string(out);
}

bool json_cursor::read_rest_of_string(std::string& out) {
    while (true) {
        // Copy the run up to the next quote, backslash or control character at once.
        const std::size_t end = next_to_escape(text_, at_);
        out.append(text_.data() + at_, end - at_);
        at_ = end;
        if (at_ >= text_.size()) return false;
        const char c = text_[at_++];
        if (c == '"') return true;
        if (c != '\\') return false;  // a raw control character
        if (!read_escape(out)) return false;
    }
}

bool json_cursor::read_string(std::string_view& out, std::string& scratch) {
    if (!consume('"')) return false;
    const std::size_t start = at_;
    const std::size_t end = next_to_escape(text_, at_);
    if (end < text_.size() && text_[end] == '"') {  // nothing to unescape: the text itself
        at_ = end + 1;
        out = text_.substr(start, end - start);
        return true;
    }
    scratch.assign(text_.data() + start, end - start);
    at_ = end;
    if (!read_rest_of_string(scratch)) return false;
    out = scratch;
    return true;
}

bool json_cursor::read_integer(std::int64_t& out) {
    skip_space();
    const bool negative = at_ < text_.size() && text_[at_] == '-';
    if (negative) ++at_;
    const std::size_t first = at_;
    std::uint64_t magnitude = 0;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
        const auto digit = static_cast<std::uint64_t>(text_[at_] - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
        magnitude = magnitude * 10 + digit;
        ++at_;
    }
    const std::size_t digits = at_ - first;
    if (digits == 0 || (digits > 1 && text_[first] == '0')) return false;
    if (at_ < text_.size() && (text_[at_] == '.' || text_[at_] == 'e' || text_[at_] == 'E')) return false;
    const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
    if (magnitude > limit) return false;
    out = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
}

bool json_cursor::skip_value(int depth) {
    if (depth > deepest) return false;
    skip_space();
    if (at_ >= text_.size()) return false;
    const char c = text_[at_];
    if (c == '"') {
        std::string_view ignored;
        std::string scratch;
        return read_string(ignored, scratch);
    }
    if (c == '{' || c == '[') {
        const char close = c == '{' ? '}' : ']';
        ++at_;
        if (consume(close)) return true;
        do {
            if (c == '{') {
                std::string key;
                if (!read_string(key) || !consume(':')) return false;
            }
            if (!skip_value(depth + 1)) return false;
        } while (consume(','));
        return consume(close);
    }
    for (const char* literal : {"true", "false", "null"}) {
        const std::size_t n = std::strlen(literal);
        if (text_.substr(at_, n) == literal) {
            at_ += n;
            return true;
        }
    }
    // A number: -? int frac? exp?
    const std::size_t start = at_;
    if (text_[at_] == '-') ++at_;
    const auto digits = [&] {
        const std::size_t from = at_;
        while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
        return at_ - from;
    };
    const std::size_t int_start = at_;
    const std::size_t int_digits = digits();
    if (int_digits == 0 || (int_digits > 1 && text_[int_start] == '0')) return false;
    if (at_ < text_.size() && text_[at_] == '.') {
        ++at_;
        if (digits() == 0) return false;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
        ++at_;
        if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
        if (digits() == 0) return false;
    }
    return at_ > start;
}

}  // namespace frontdesk::server
