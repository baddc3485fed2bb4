#include "engine/answer.hpp"

#include <algorithm>

#include "engine/messages.hpp"
#include "engine/validate.hpp"

namespace frontdesk {
namespace {

std::vector<std::string> split(std::string_view s, char separator) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (true) {
        const auto at = s.find(separator, from);
        parts.push_back(normalise_answer(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from)));
        if (at == std::string_view::npos) break;
        from = at + 1;
    }
    return parts;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::optional<unsigned> small_number(std::string_view s, std::size_t most_digits) {
    if (s.empty() || s.size() > most_digits) return std::nullopt;
    unsigned n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return n;
}

std::optional<unsigned> month_of(std::string_view s) {
    if (auto n = small_number(s, 2)) return n;
    const std::string l = lower(s);
    for (unsigned i = 0; i < 12; ++i) {
        const std::string name = lower(month_name({}, i + 1, true));
        if (l == name || (l.size() >= 3 && name.rfind(l, 0) == 0)) return i + 1;
    }
    return std::nullopt;
}

parsed_answer ok(value v, std::string canonical) {
    return {answer_problem::none, std::move(v), std::move(canonical)};
}
parsed_answer problem(answer_problem p) { return {p, {}, {}}; }

std::string two_digits(unsigned n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); }

parsed_answer parse_date(const question& q, std::string_view raw) {
    std::string day, month, year;
    if (raw.find('/') != std::string_view::npos) {
        auto parts = split(raw, '/');
        if (parts.size() != 3) return problem(answer_problem::format);
        day = parts[0];
        month = parts[1];
        year = parts[2];
        if (day.empty() && month.empty() && year.empty()) return problem(answer_problem::missing);
    } else if (raw.size() == 10 && raw[4] == '-' && raw[7] == '-') {
        year = raw.substr(0, 4);
        month = raw.substr(5, 2);
        day = raw.substr(8, 2);
    } else if (raw.size() == 7 && raw[4] == '-') {
        year = raw.substr(0, 4);
        month = raw.substr(5, 2);
    } else {
        return problem(answer_problem::format);
    }
    if (month.empty() || year.empty() || (day.empty() && !q.approximate)) return problem(answer_problem::incomplete);
    const auto m = month_of(month);
    const auto y = small_number(year, 4);
    if (!m || !y || year.size() != 4) return problem(answer_problem::format);
    if (day.empty()) {
        if (!is_valid_date(*y, *m, 1)) return problem(answer_problem::format);
        return ok(value::date(days_from_civil(*y, *m, 1)), std::to_string(*y) + "-" + two_digits(*m));
    }
    const auto d = small_number(day, 2);
    if (!d || !is_valid_date(*y, *m, *d)) return problem(answer_problem::format);
    const auto days = days_from_civil(*y, *m, *d);
    return ok(value::date(days), iso_date(days));
}

parsed_answer parse_time(std::string_view raw) {
    std::string s = lower(raw);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    int add = 0;
    bool twelve_hour = false;
    if (s.size() > 2 && (s.ends_with("am") || s.ends_with("pm"))) {
        twelve_hour = true;
        add = s.ends_with("pm") ? 12 : 0;
        s.resize(s.size() - 2);
    }
    std::string hours = s, minutes = "00";
    const auto sep = s.find_first_of(":.");
    if (sep != std::string::npos) {
        hours = s.substr(0, sep);
        minutes = s.substr(sep + 1);
    } else if (!twelve_hour) {
        return problem(answer_problem::format);
    }
    auto h = small_number(hours, 2);
    const auto m = small_number(minutes, 2);
    if (!h || !m || minutes.size() != 2 || *m > 59) return problem(answer_problem::format);
    if (twelve_hour) {
        if (*h < 1 || *h > 12) return problem(answer_problem::format);
        *h = *h % 12 + static_cast<unsigned>(add);
    }
    if (*h > 23) return problem(answer_problem::format);
    const std::string canonical = two_digits(*h) + ":" + two_digits(*m);
    return ok(value::text(canonical), canonical);
}

std::string canonical_postcode(std::string_view text) {
    std::string compact;
    for (char c : text) {
        if (c == ' ') continue;
        compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return compact.substr(0, compact.size() - 3) + " " + compact.substr(compact.size() - 3);
}

std::string digits_of_phone(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c >= '0' && c <= '9') digits += c;
    }
    if (text.starts_with("+44")) {
        digits = "0" + digits.substr(2);
        if (digits.starts_with("00")) digits.erase(0, 1);  // +44 (0)20 …
    }
    return digits;
}

std::string compact_upper(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ') continue;
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

parsed_answer parse_number_answer(const question& q, std::string_view raw) {
    std::string s;
    for (char c : raw) {
        if (c == ',' || c == ' ' || (q.type == question_type::money && c == '\xc2')) continue;
        if (q.type == question_type::money && c == '\xa3') continue;  // the second byte of "£"
        s += c;
    }
    auto n = parse_number(s);
    if (!n) return problem(answer_problem::format);
    if (q.type == question_type::number && *n % number_scale != 0) return problem(answer_problem::format);
    if (q.type == question_type::money) {
        if (*n % (number_scale / 100) != 0) return problem(answer_problem::format);  // pence at most
        const std::int64_t pence = *n / (number_scale / 100);
        const std::int64_t whole = (pence < 0 ? -pence : pence) / 100;
        const std::int64_t part = (pence < 0 ? -pence : pence) % 100;
        return ok(value::number(*n), (pence < 0 ? "-" : "") + std::to_string(whole) + "." + two_digits(static_cast<unsigned>(part)));
    }
    return ok(value::number(*n), number_text(*n));
}

}  // namespace

value_type answer_type(const question& q) {
    switch (q.type) {
        case question_type::checkboxes:
        case question_type::address: return value_type::text_list;
        case question_type::yes_no: return value_type::boolean;
        case question_type::number:
        case question_type::decimal:
        case question_type::money: return value_type::number;
        case question_type::date: return value_type::date;
        default: return value_type::text;
    }
}

parsed_answer parse_answer(const question& q, std::string_view raw_in) {
    const std::string raw = normalise_answer(raw_in);
    if (raw.empty() || !q.asks()) return problem(answer_problem::missing);
    auto is_option = [&](const std::string& v) {
        return std::any_of(q.choices.begin(), q.choices.end(), [&](const choice& c) { return c.value == v; });
    };
    answer_format format = q.format;
    switch (q.type) {
        case question_type::email: format = answer_format::email; break;
        case question_type::phone: format = answer_format::uk_phone; break;
        case question_type::postcode: format = answer_format::uk_postcode; break;
        case question_type::registration: format = answer_format::vehicle_registration; break;
        default: break;
    }
    switch (q.type) {
        case question_type::radios:
        case question_type::select:
            if (!is_option(raw)) return problem(answer_problem::not_option);
            return ok(value::text(raw), raw);
        case question_type::checkboxes: {
            const auto picked = split(raw, '\n');
            for (const auto& v : picked) {
                if (!v.empty() && !is_option(v)) return problem(answer_problem::not_option);
            }
            std::vector<value> items;
            std::string canonical;
            for (const auto& c : q.choices) {  // in the options' order, each once
                if (std::find(picked.begin(), picked.end(), c.value) == picked.end()) continue;
                items.push_back(value::text(c.value));
                canonical += (canonical.empty() ? "" : "\n") + c.value;
            }
            if (items.empty()) return problem(answer_problem::missing);
            return ok(value::list(std::move(items)), canonical);
        }
        case question_type::yes_no:
            if (raw != "yes" && raw != "no") return problem(answer_problem::not_option);
            return ok(value::boolean(raw == "yes"), raw);
        case question_type::number:
        case question_type::decimal:
        case question_type::money: return parse_number_answer(q, raw);
        case question_type::date: return parse_date(q, raw);
        case question_type::time: return parse_time(raw);
        case question_type::address: {
            auto parts = split(raw, '\n');
            parts.resize(4);
            if (parts[0].empty() && parts[1].empty() && parts[2].empty() && parts[3].empty()) return problem(answer_problem::missing);
            if (parts[0].empty() || parts[2].empty() || parts[3].empty()) return problem(answer_problem::incomplete);
            if (!is_uk_postcode(parts[3])) return problem(answer_problem::format);
            parts[3] = canonical_postcode(parts[3]);
            std::vector<value> items;
            for (const auto& p : parts) items.push_back(value::text(p));
            return ok(value::list(std::move(items)), parts[0] + "\n" + parts[1] + "\n" + parts[2] + "\n" + parts[3]);
        }
        case question_type::file: {
            const auto file = parse_file_reference(raw);
            if (!file) return problem(answer_problem::format);
            return ok(value::text(std::string(file->name)), raw);  // strict: the reference is its own canonical text
        }
        case question_type::content: return problem(answer_problem::missing);
        default: break;
    }
    switch (format) {
        case answer_format::uk_postcode:
            if (!is_uk_postcode(raw)) return problem(answer_problem::format);
            return ok(value::text(canonical_postcode(raw)), canonical_postcode(raw));
        case answer_format::email:
            if (!is_email_address(raw)) return problem(answer_problem::format);
            break;
        case answer_format::uk_phone: {
            if (!is_uk_phone_number(raw)) return problem(answer_problem::format);
            const std::string digits = digits_of_phone(raw);
            return ok(value::text(digits), digits);
        }
        case answer_format::vehicle_registration:
            if (!is_vehicle_registration(raw)) return problem(answer_problem::format);
            return ok(value::text(compact_upper(raw)), compact_upper(raw));
        case answer_format::none: break;
    }
    return ok(value::text(raw), raw);
}

std::optional<file_reference> parse_file_reference(std::string_view text) {
    // HASH (64 lower case hex digits) \n SIZE (digits, no leading zero) \n NAME:
    // strict, so that a reference has one text and is its own canonical form.
    // Plain loops over indexes: this runs in the browser's engine, where every byte counts.
    const std::size_t n = text.size();
    if (n < 68 || text[64] != '\n') return std::nullopt;
    for (std::size_t i = 0; i < 64; ++i) {
        const char c = text[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    }
    file_reference f;
    std::size_t i = 65;
    for (; i < n && text[i] != '\n'; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9' || i - 65 == 15 || (i == 66 && text[65] == '0')) return std::nullopt;
        f.size = f.size * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (i == 65 || i + 1 >= n) return std::nullopt;  // no size, or no name
    f.hash = std::string_view(text.data(), 64);
    f.name = std::string_view(text.data() + i + 1, n - i - 1);
    if (count_characters(f.name) > longest_file_name) return std::nullopt;
    for (char c : f.name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;  // one line, no controls
    }
    return f;
}

std::string file_reference_text(const file_reference& f) {
    return std::string(f.hash) + "\n" + std::to_string(f.size) + "\n" + std::string(f.name);
}

bool accepts_file_name(const question& q, std::string_view name) {
    if (q.accept.empty()) return true;
    const std::string_view endings = q.accept;
    for (std::size_t from = 0; from < endings.size();) {
        auto to = endings.find(',', from);
        if (to == std::string_view::npos) to = endings.size();
        const std::size_t n = to - from;  // endings are lower case; names in any case
        bool same = name.size() > n;
        for (std::size_t i = 0; same && i < n; ++i) {
            const char c = name[name.size() - n + i];
            same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == endings[from + i];
        }
        if (same) return true;
        from = to + 1;
    }
    return false;
}

std::string long_date(std::int64_t days, bool day_known, const engine_words& words) {
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    const std::string month_year = month_name(words, m, day_known) + " " + std::to_string(y);
    return day_known ? std::to_string(d) + " " + month_year : month_year;
}

std::string display_answer(const question& q, const parsed_answer& a, const engine_words& words) {
    if (a.problem != answer_problem::none) return "";
    auto label_of = [&](const std::string& v) {
        for (const auto& c : q.choices) {
            if (c.value == v) return c.label;
        }
        return v;
    };
    switch (q.type) {
        case question_type::radios:
        case question_type::select: return label_of(a.canonical);
        case question_type::checkboxes: {
            std::string out;
            for (const auto& item : a.typed.items) out += (out.empty() ? "" : ", ") + label_of(item.s);
            return out;
        }
        case question_type::yes_no: return engine_message(words, a.typed.is_true() ? engine_text::yes : engine_text::no);
        case question_type::money: {
            // "£1,250.50": thousands separated, as GOV.UK writes money.
            std::string whole = a.canonical.substr(0, a.canonical.find('.'));
            const bool negative = !whole.empty() && whole[0] == '-';
            if (negative) whole.erase(0, 1);
            for (std::size_t at = whole.size(); at > 3; at -= 3) whole.insert(at - 3, ",");
            return std::string(negative ? "-" : "") + "\xc2\xa3" + whole + a.canonical.substr(a.canonical.find('.'));
        }
        case question_type::date: return long_date(a.typed.n, a.canonical.size() == 10, words);
        case question_type::address: {
            std::string out;
            for (const auto& item : a.typed.items) {
                if (!item.s.empty()) out += (out.empty() ? "" : ", ") + item.s;
            }
            return out;
        }
        case question_type::file: return a.typed.s;  // the file's name
        default: return a.canonical;
    }
}

}  // namespace frontdesk
