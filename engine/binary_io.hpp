// The compact binary encoding shared by form images and drafts: LEB128
// numbers and length-prefixed strings. The reader checks every length against
// the bytes left, so damaged input is a failure, never a crash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace frontdesk {

class binary_writer {
public:
    void number(std::uint64_t n) {
        // LEB128: seven bits a byte, the high bit says more follow.
        do {
            unsigned char b = n & 0x7F;
            n >>= 7;
            if (n != 0) b |= 0x80;
            out_ += static_cast<char>(b);
        } while (n != 0);
    }
    // Zig-zag, so small negative numbers stay small.
    void signed_number(std::int64_t n) {
        number((static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63));
    }
    void text(std::string_view s) {
        number(s.size());
        out_ += s;
    }
    void raw(std::string_view s) { out_ += s; }
    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class binary_reader {
public:
    explicit binary_reader(std::string_view in) : in_(in) {}

    bool failed() const { return failed_; }
    void reject() { (void)fail(); }
    bool at_end() const { return pos_ == in_.size(); }

    std::uint64_t number() {
        std::uint64_t n = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos_ >= in_.size()) return fail();
            const auto b = static_cast<unsigned char>(in_[pos_++]);
            n |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return n;
        }
        return fail();
    }
    std::int64_t signed_number() {
        const std::uint64_t z = number();
        return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    }
    // A number that must not exceed `most`.
    std::uint64_t bounded(std::uint64_t most) {
        const auto n = number();
        if (n > most) return fail();
        return n;
    }
    // A count of items that each take at least one byte cannot exceed what is left.
    std::size_t count() {
        const auto n = number();
        if (n > in_.size() - pos_) return static_cast<std::size_t>(fail());
        return static_cast<std::size_t>(n);
    }
    std::string text() {
        const auto n = count();
        if (failed_) return {};
        std::string s(in_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    bool expect(std::string_view s) {
        if (in_.substr(pos_, s.size()) != s) return fail() != 0;
        pos_ += s.size();
        return true;
    }

private:
    std::uint64_t fail() {
        failed_ = true;
        pos_ = in_.size();
        return 0;
    }

    std::string_view in_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace frontdesk
