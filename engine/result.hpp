// The engine's error type. Nothing inside engine/ throws across its API: every
// fallible call returns a status or a result that the caller must look at.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace frontdesk {

struct error {
    std::string where;    // a JSON pointer, a page id or a field name; may be empty
    std::string message;  // plain English, fit to show to the person who can fix it
};

class [[nodiscard]] status {
public:
    status() = default;
    status(error e) : error_(std::move(e)), failed_(true) {}  // NOLINT: implicit on purpose

    static status ok() { return {}; }
    bool is_ok() const { return !failed_; }
    explicit operator bool() const { return !failed_; }
    const error& err() const { return error_; }

private:
    error error_;
    bool failed_ = false;
};

template <typename T>
class [[nodiscard]] result {
public:
    result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
    result(error e) : state_(std::move(e)) {}      // NOLINT: implicit on purpose

    bool is_ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return is_ok(); }
    T& value() { return std::get<T>(state_); }
    const T& value() const { return std::get<T>(state_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    const error& err() const { return std::get<error>(state_); }

private:
    std::variant<T, error> state_;
};

}  // namespace frontdesk
