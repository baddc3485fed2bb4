// A small JSON writer for the engine's outputs (views, reports). It writes
// exactly what it is told, in that order, so output is byte-for-byte the same
// natively and in WebAssembly; callers write object keys in sorted order when
// the output must be canonical.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace frontdesk {

// Where in `s`, from `from`, the next character that a JSON string cannot
// hold as it is stands: a quote, a backslash or a control character
// (s.size() when there is none). Writing escapes them; reading stops at
// them. Eight bytes at a time: reports are mostly such plain runs, and the
// server reads and writes each one on every submission.
std::size_t next_to_escape(std::string_view s, std::size_t from = 0);

class json_writer {
public:
    json_writer& begin_object();
    json_writer& end_object();
    json_writer& begin_array();
    json_writer& end_array();
    json_writer& key(std::string_view k);
    json_writer& value(std::string_view s);
    json_writer& value(const char* s) { return value(std::string_view(s)); }
    json_writer& value(bool b);
    json_writer& value(std::int64_t n);
    json_writer& value(int n) { return value(static_cast<std::int64_t>(n)); }

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void separate();
    void write_string(std::string_view s);

    std::string out_;
    bool need_comma_ = false;
};

}  // namespace frontdesk
