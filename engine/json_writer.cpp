#include "engine/json_writer.hpp"

#include <bit>
#include <cstring>

namespace frontdesk {

std::size_t next_to_escape(std::string_view s, std::size_t from) {
    std::size_t i = from;
    if constexpr (std::endian::native == std::endian::little) {
        // For each byte b of a word w: ((b - k) & ~b & 0x80) is set when
        // b < k (here b ^ '"' < 1, b ^ '\\' < 1, b < 0x20). A borrow can set
        // it falsely, but only in a byte above a true one: the lowest byte
        // flagged is always a true one.
        constexpr std::uint64_t ones = 0x0101010101010101ULL;
        constexpr std::uint64_t highs = 0x8080808080808080ULL;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, s.data() + i, 8);
            const std::uint64_t quote = w ^ (ones * '"');
            const std::uint64_t backslash = w ^ (ones * '\\');
            const std::uint64_t flagged =
                (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((w - ones * 0x20) & ~w)) & highs;
            if (flagged != 0) return i + static_cast<std::size_t>(std::countr_zero(flagged)) / 8;
        }
    }
    for (; i < s.size(); ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u < 0x20 || u == '"' || u == '\\') return i;
    }
    return i;
}

void json_writer::separate() {
    if (need_comma_) out_ += ',';
}

json_writer& json_writer::begin_object() {
    separate();
    out_ += '{';
    need_comma_ = false;
    return *this;
}

json_writer& json_writer::end_object() {
    out_ += '}';
    need_comma_ = true;
    return *this;
}

json_writer& json_writer::begin_array() {
    separate();
    out_ += '[';
    need_comma_ = false;
    return *this;
}

json_writer& json_writer::end_array() {
    out_ += ']';
    need_comma_ = true;
    return *this;
}

json_writer& json_writer::key(std::string_view k) {
    separate();
    write_string(k);
    out_ += ':';
    need_comma_ = false;
    return *this;
}

json_writer& json_writer::value(std::string_view s) {
    separate();
    write_string(s);
    need_comma_ = true;
    return *this;
}

json_writer& json_writer::value(bool b) {
    separate();
    out_ += b ? "true" : "false";
    need_comma_ = true;
    return *this;
}

json_writer& json_writer::value(std::int64_t n) {
    separate();
    out_ += std::to_string(n);
    need_comma_ = true;
    return *this;
}

// Escapes as nlohmann/json's dump() does, so both sides agree on bytes.
void json_writer::write_string(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out_ += '"';
    out_.reserve(out_.size() + s.size() + 2);
    std::size_t run = 0;  // where the plain characters not yet written start
    for (std::size_t i = next_to_escape(s); i < s.size(); i = next_to_escape(s, i + 1)) {
        const auto u = static_cast<unsigned char>(s[i]);
        // Plain runs go in at once: reports are mostly plain text, and the
        // server writes each one again to check it is canonical.
        out_.append(s.data() + run, i - run);
        run = i + 1;
        switch (u) {
            case '"': out_ += "\\\""; break;
            case '\\': out_ += "\\\\"; break;
            case '\b': out_ += "\\b"; break;
            case '\f': out_ += "\\f"; break;
            case '\n': out_ += "\\n"; break;
            case '\r': out_ += "\\r"; break;
            case '\t': out_ += "\\t"; break;
            default:
                out_ += "\\u00";
                out_ += hex[u >> 4];
                out_ += hex[u & 0xF];
        }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
}

}  // namespace frontdesk
