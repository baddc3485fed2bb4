// A strict, allocation-light reader of JSON text, for the few fixed shapes
// the server reads on every submission (the envelope). nlohmann/json builds a
// tree and copies every string a character at a time; an envelope is mostly
// one long base64 string, and that copying was a tenth of the server's time
// per submission. RFC 8259 syntax only: no comments, no trailing commas,
// strings with every escape (\uXXXX and surrogate pairs to UTF-8), nesting
// limited so that hostile input cannot exhaust the stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace frontdesk::server {

class json_cursor {
public:
    explicit json_cursor(std::string_view text) : text_(text) {}

    // Each returns false, leaving the cursor anywhere, when the text does
    // not hold what is asked for at this point. White space is skipped first.
    bool consume(char c);              // the next token is `c` ({ } [ ] : ,)
    bool peek(char c);                 // whether it is, without taking it
    bool read_string(std::string& out);
    // The same string as a view: of the text itself when it holds no escape
    // (no copy: an envelope is mostly one long base64 string), else of
    // `scratch`, where it is unescaped. Valid while both are.
    bool read_string(std::string_view& out, std::string& scratch);
    bool read_integer(std::int64_t& out);  // digits only: no fraction, no exponent
    bool skip_value(int depth = 0);    // any value, nested at most 32 deep
    bool at_end();                     // only white space is left

    // To try one reading and fall back to another from the same place.
    std::size_t position() const { return at_; }
    void rewind(std::size_t position) { at_ = position; }

private:
    void skip_space();
    bool read_rest_of_string(std::string& out);  // after the opening quote, appending to `out`
    bool read_escape(std::string& out);
    bool read_hex4(std::uint32_t& out);

    std::string_view text_;
    std::size_t at_ = 0;
};

}  // namespace frontdesk::server
