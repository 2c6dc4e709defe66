#include "engine/mapping/textparsers.h"

#include <charconv>
#include <limits>
#include <system_error>

#include "engine/core/calendar.h"

namespace kmsync::engine::mapping::text {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads exactly n digits at s[pos].
bool digits(std::string_view s, std::size_t pos, std::size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (!isDigit(c))
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

bool validCivil(const CivilTime &t)
{
    return isValidDate(t.year, unsigned(t.month), unsigned(t.day)) && t.hour <= 23 && t.minute <= 59 && t.second <= 59;
}

} // namespace

bool parseDateText(std::string_view s, CivilTime &t)
{
    if (s.size() == 8)
        return digits(s, 0, 4, t.year) && digits(s, 4, 2, t.month) && digits(s, 6, 2, t.day) && validCivil(t);
    if (s.size() == 10 && s[4] == '-' && s[7] == '-')
        return digits(s, 0, 4, t.year) && digits(s, 5, 2, t.month) && digits(s, 8, 2, t.day) && validCivil(t);
    return false;
}

bool parseDateTimeText(std::string_view s, CivilTime &t)
{
    if (s.size() == 14) {
        return digits(s, 0, 4, t.year) && digits(s, 4, 2, t.month) && digits(s, 6, 2, t.day) && digits(s, 8, 2, t.hour)
            && digits(s, 10, 2, t.minute) && digits(s, 12, 2, t.second) && validCivil(t);
    }
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') {
        return false;
    }
    if (!digits(s, 0, 4, t.year) || !digits(s, 5, 2, t.month) || !digits(s, 8, 2, t.day) || !digits(s, 11, 2, t.hour)
        || !digits(s, 14, 2, t.minute) || !digits(s, 17, 2, t.second) || !validCivil(t)) {
        return false;
    }
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        int32_t nanos = 0;
        while (pos < s.size() && isDigit(s[pos])) {
            if (n == 9)
                return false;
            nanos = nanos * 10 + (s[pos] - '0');
            ++n;
            ++pos;
        }
        if (n == 0)
            return false;
        for (int k = n; k < 9; ++k)
            nanos *= 10;
        t.nanos = nanos;
    }
    if (pos == s.size())
        return true;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        t.hasOffset = true;
        t.offsetSeconds = 0;
        return pos + 1 == s.size();
    }
    if (s[pos] != '+' && s[pos] != '-')
        return false;
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int hh = 0;
    int mm = 0;
    if (!digits(s, pos, 2, hh))
        return false;
    pos += 2;
    if (pos < s.size()) {
        if (s[pos] == ':')
            ++pos;
        if (!digits(s, pos, 2, mm))
            return false;
        pos += 2;
    }
    if (pos != s.size() || hh > 18 || mm > 59)
        return false;
    t.hasOffset = true;
    t.offsetSeconds = sign * (hh * 3600 + mm * 60);
    return true;
}

bool parseDecimalText(std::string_view s, DecimalParts &out)
{
    std::size_t pos = 0;
    out = DecimalParts{};
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        out.negative = s[pos] == '-';
        ++pos;
    }
    std::string all;
    std::size_t intCount = 0;
    while (pos < s.size() && isDigit(s[pos])) {
        all.push_back(s[pos++]);
        ++intCount;
    }
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && isDigit(s[pos]))
            all.push_back(s[pos++]);
    }
    if (all.empty())
        return false;
    long exponent = 0;
    if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
        ++pos;
        int sign = 1;
        if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
            sign = s[pos] == '-' ? -1 : 1;
            ++pos;
        }
        const std::size_t start = pos;
        while (pos < s.size() && isDigit(s[pos])) {
            exponent = exponent * 10 + (s[pos] - '0');
            if (exponent > 400)
                return false; // far beyond any MaxCompute numeric type
            ++pos;
        }
        if (pos == start)
            return false;
        exponent *= sign;
    }
    if (pos != s.size())
        return false;
    const long point = long(intCount) + exponent;
    if (point <= 0) {
        out.fracDigits = std::string(std::size_t(-point), '0') + all;
    } else if (std::size_t(point) >= all.size()) {
        out.intDigits = all + std::string(std::size_t(point) - all.size(), '0');
    } else {
        out.intDigits = all.substr(0, std::size_t(point));
        out.fracDigits = all.substr(std::size_t(point));
    }
    const auto firstNonZero = out.intDigits.find_first_not_of('0');
    out.intDigits.erase(0, firstNonZero == std::string::npos ? out.intDigits.size() : firstNonZero);
    return true;
}

void roundHalfUp(DecimalParts &parts, std::size_t scale)
{
    if (parts.fracDigits.size() <= scale)
        return;
    const bool roundUp = parts.fracDigits[scale] >= '5';
    parts.fracDigits.resize(scale);
    if (!roundUp)
        return;
    std::string all = parts.intDigits + parts.fracDigits;
    int i = int(all.size()) - 1;
    while (i >= 0 && all[std::size_t(i)] == '9') {
        all[std::size_t(i)] = '0';
        --i;
    }
    if (i >= 0)
        all[std::size_t(i)] = char(all[std::size_t(i)] + 1);
    else
        all.insert(all.begin(), '1');
    const std::size_t intLen = all.size() - parts.fracDigits.size();
    parts.intDigits = all.substr(0, intLen);
    parts.fracDigits = all.substr(intLen);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (x != b[i])
            return false;
    }
    return true;
}

bool parseDoubleText(std::string_view s, double &out)
{
    if (equalsIgnoreCase(s, "nan")) {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    std::string_view body = s;
    bool negative = false;
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (equalsIgnoreCase(body, "infinity") || equalsIgnoreCase(body, "inf")) {
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (body.empty() || !(isDigit(body.front()) || body.front() == '.'))
        return false;
    for (const char c : body) {
        if (!isDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
            return false;
    }
    double d = 0;
    const auto res = std::from_chars(body.data(), body.data() + body.size(), d);
    if (res.ptr != body.data() + body.size())
        return false;
    if (res.ec == std::errc::result_out_of_range) {
        // Underflow to zero is fine; overflow is not.
        const bool negativeExponent = body.find("e-") != std::string_view::npos
                                   || body.find("E-") != std::string_view::npos;
        if (!negativeExponent)
            return false;
        d = 0;
    } else if (res.ec != std::errc()) {
        return false;
    }
    out = negative ? -d : d;
    return true;
}

} // namespace kmsync::engine::mapping::text
