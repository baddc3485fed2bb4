#include "engine/expr.hpp"

namespace frontdesk {

const char* type_name(value_type t) {
    switch (t) {
        case value_type::any: return "any";
        case value_type::boolean: return "yes/no";
        case value_type::number: return "number";
        case value_type::text: return "text";
        case value_type::date: return "date";
        case value_type::boolean_list: return "list of yes/no";
        case value_type::number_list: return "list of numbers";
        case value_type::text_list: return "list of text";
        case value_type::date_list: return "list of dates";
    }
    return "any";
}

value_type list_of(value_type element) {
    switch (element) {
        case value_type::boolean: return value_type::boolean_list;
        case value_type::number: return value_type::number_list;
        case value_type::text: return value_type::text_list;
        case value_type::date: return value_type::date_list;
        default: return value_type::any;
    }
}

value_type element_of(value_type list) {
    switch (list) {
        case value_type::boolean_list: return value_type::boolean;
        case value_type::number_list: return value_type::number;
        case value_type::text_list: return value_type::text;
        case value_type::date_list: return value_type::date;
        default: return value_type::any;
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

bool is_valid_date(std::int64_t y, unsigned m, unsigned d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    static constexpr unsigned days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days_in[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::optional<std::int64_t> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n) -> std::optional<unsigned> {
        unsigned v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v = v * 10 + static_cast<unsigned>(s[i] - '0');
        }
        return v;
    };
    const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (!y || !m || !d || !is_valid_date(*y, *m, *d)) return std::nullopt;
    return days_from_civil(*y, *m, *d);
}

std::string iso_date(std::int64_t days) {
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char out[16];
    auto put = [&](std::size_t at, std::int64_t v, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
    };
    if (y < 0 || y > 9999) return "0000-00-00";
    put(0, y, 4);
    out[4] = '-';
    put(5, m, 2);
    out[7] = '-';
    put(8, d, 2);
    return std::string(out, 10);
}

std::optional<std::int64_t> parse_number(std::string_view s) {
    bool negative = false;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    std::int64_t whole = 0;
    std::size_t whole_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        whole = whole * 10 + (s[i++] - '0');
        if (++whole_digits > 15) return std::nullopt;
    }
    std::int64_t fraction = 0;
    std::int64_t unit = number_scale;
    std::size_t fraction_digits = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (++fraction_digits > 4) return std::nullopt;
            unit /= 10;
            fraction += (s[i++] - '0') * unit;
        }
        if (fraction_digits == 0) return std::nullopt;
    }
    if (i != s.size() || whole_digits == 0) return std::nullopt;
    // Checked before scaling: 15 digits of 9 times the scale overflows int64.
    if (whole > largest_number / number_scale) return std::nullopt;
    const std::int64_t scaled = whole * number_scale + fraction;
    if (scaled > largest_number) return std::nullopt;
    return negative ? -scaled : scaled;
}

std::string number_text(std::int64_t scaled) {
    const bool negative = scaled < 0;
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
    std::string out = std::to_string(magnitude / number_scale);
    std::uint64_t fraction = magnitude % number_scale;
    if (fraction != 0) {
        std::string digits = std::to_string(fraction + number_scale).substr(1);  // four digits, leading zeros kept
        while (!digits.empty() && digits.back() == '0') digits.pop_back();
        out += "." + digits;
    }
    return negative ? "-" + out : out;
}

std::string display_text(const value& v) {
    switch (v.kind) {
        case value_kind::unanswered: return "";
        case value_kind::boolean: return v.n ? "yes" : "no";
        case value_kind::number: return number_text(v.n);
        case value_kind::text: return v.s;
        case value_kind::date: return iso_date(v.n);
        case value_kind::list: {
            std::string out;
            for (const auto& item : v.items) {
                if (!out.empty()) out += ", ";
                out += display_text(item);
            }
            return out;
        }
    }
    return "";
}

}  // namespace frontdesk
