#include "engine/mapping/valueconverter.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <system_error>

#include <QDateTime>

#include "engine/core/calendar.h"
#include "engine/mapping/jsontext.h"

namespace kmsync::engine::mapping {

namespace {

constexpr std::size_t kMaxStringBytes = 8u * 1024u * 1024u;
constexpr int64_t kMinDateTimeMs = -62167305600000LL;
constexpr int64_t kMaxDateTimeMs = 253402387200000LL;

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

struct CivilTime
{
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    int32_t nanos = 0;
    bool hasOffset = false;
    int offsetSeconds = 0;
};

bool validCivil(const CivilTime &t)
{
    return isValidDate(t.year, unsigned(t.month), unsigned(t.day)) && t.hour <= 23 && t.minute <= 59 && t.second <= 59;
}

// "yyyy-MM-dd" or "yyyyMMdd".
bool parseDateText(std::string_view s, CivilTime &t)
{
    if (s.size() == 8)
        return digits(s, 0, 4, t.year) && digits(s, 4, 2, t.month) && digits(s, 6, 2, t.day) && validCivil(t);
    if (s.size() == 10 && s[4] == '-' && s[7] == '-')
        return digits(s, 0, 4, t.year) && digits(s, 5, 2, t.month) && digits(s, 8, 2, t.day) && validCivil(t);
    return false;
}

// "yyyyMMddHHmmss", or "yyyy-MM-dd[ T]HH:mm:ss[.f{1,9}][Z|+HH:MM|+HHMM|+HH]".
bool parseDateTimeText(std::string_view s, CivilTime &t)
{
    if (s.size() == 14) {
        return digits(s, 0, 4, t.year) && digits(s, 4, 2, t.month) && digits(s, 6, 2, t.day) && digits(s, 8, 2, t.hour)
            && digits(s, 10, 2, t.minute) && digits(s, 12, 2, t.second) && validCivil(t);
    }
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':'
        || s[16] != ':') {
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

// A decimal number split into integer digits (no leading zeros) and fraction digits, exponent applied.
struct DecimalParts
{
    bool negative = false;
    std::string intDigits;
    std::string fracDigits;

    bool isZero() const
    {
        return intDigits.find_first_not_of('0') == std::string::npos
            && fracDigits.find_first_not_of('0') == std::string::npos;
    }
    bool hasFraction() const { return fracDigits.find_first_not_of('0') != std::string::npos; }
};

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

// Rounds the fraction half-up (Java BigDecimal HALF_UP) to at most `scale` digits, carrying into the
// integer digits ("9.995" at scale 2 -> "10.00").
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

struct IntRange
{
    int64_t min;
    int64_t max;
};

IntRange rangeOf(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Int:
        return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    case TypeKind::SmallInt:
        return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
    case TypeKind::TinyInt:
        return {std::numeric_limits<int8_t>::min(), std::numeric_limits<int8_t>::max()};
    default:
        return {std::numeric_limits<int64_t>::min() + 1, std::numeric_limits<int64_t>::max()};
    }
}

std::string rangeProblem(TypeKind kind)
{
    const IntRange r = rangeOf(kind);
    return "out of range " + std::to_string(r.min) + ".." + std::to_string(r.max);
}

bool setProblem(std::string *problem, std::string text)
{
    if (problem)
        *problem = std::move(text);
    return false;
}

std::string tooManyBytes(std::size_t bytes)
{
    return std::to_string(bytes) + " bytes, more than the 8 MiB (8388608 bytes) MaxCompute allows";
}

void setString(Value &out, std::string_view s)
{
    if (auto *str = std::get_if<std::string>(&out))
        str->assign(s.data(), s.size());
    else
        out.emplace<std::string>(s);
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

// Text to double: decimal/exponent text (leading '+' allowed) or NaN/Infinity spellings.
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
        const bool negativeExponent =
            body.find("e-") != std::string_view::npos || body.find("E-") != std::string_view::npos;
        if (!negativeExponent)
            return false;
        d = 0;
    } else if (res.ec != std::errc()) {
        return false;
    }
    out = negative ? -d : d;
    return true;
}

} // namespace

ValueConverter::ValueConverter(const ColumnType &type, const QTimeZone &timeZone, bool emptyAsNull)
    : m_type(type), m_timeZone(timeZone.isValid() ? timeZone : QTimeZone::systemTimeZone()), m_emptyAsNull(emptyAsNull)
{
    m_fixedOffset = !m_timeZone.hasTransitions();
    if (m_fixedOffset)
        m_offset = m_timeZone.offsetFromUtc(QDateTime::currentDateTimeUtc());
}

int ValueConverter::offsetForLocal(int64_t localSeconds)
{
    if (m_fixedOffset)
        return m_offset;
    // Offsets change at most at quarter hours, so cache per local quarter hour.
    const int64_t bucket = floorDiv(localSeconds, 900);
    if (bucket != m_localHourCached) {
        const int64_t start = bucket * 900;
        const QDate date = QDate::fromJulianDay(floorDiv(start, 86400) + 2440588);
        const int secOfDay = int(floorMod(start, 86400));
        const QDateTime dt(date, QTime(secOfDay / 3600, (secOfDay / 60) % 60), m_timeZone);
        m_localHourOffset = dt.offsetFromUtc();
        m_localHourCached = bucket;
    }
    return m_localHourOffset;
}

int ValueConverter::offsetForUtc(int64_t utcSeconds)
{
    if (m_fixedOffset)
        return m_offset;
    const int64_t bucket = floorDiv(utcSeconds, 900);
    if (bucket != m_utcHourCached) {
        m_utcHourOffset = m_timeZone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(bucket * 900, Qt::UTC));
        m_utcHourCached = bucket;
    }
    return m_utcHourOffset;
}

std::string ValueConverter::describe(const SourceValue &in)
{
    auto truncated = [](std::string_view s) {
        std::string text;
        appendUtf8Lossy(text, s);
        std::size_t chars = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
                if (chars == 100) {
                    text.resize(i);
                    text += "...";
                    break;
                }
                ++chars;
            }
        }
        return text;
    };
    switch (in.kind) {
    case SourceValue::Kind::Null:
        return "NULL";
    case SourceValue::Kind::Bool:
        return in.boolean ? "true" : "false";
    case SourceValue::Kind::Int:
        return std::to_string(in.integer);
    case SourceValue::Kind::UInt:
        return std::to_string(in.unsignedInteger);
    case SourceValue::Kind::Double: {
        std::string s;
        appendDouble(s, in.number);
        return s;
    }
    case SourceValue::Kind::Json:
        return truncated(in.text);
    case SourceValue::Kind::Text:
    case SourceValue::Kind::Bytes:
    {
        // Built with += : GCC 12 at -O3 reports a false -Wrestrict for "\"" + std::string + "\"".
        std::string quoted;
        const std::string text = truncated(in.text);
        quoted.reserve(text.size() + 2);
        quoted += '"';
        quoted += text;
        quoted += '"';
        return quoted;
    }
    }
    return {};
}

bool ValueConverter::convert(const SourceValue &source, Value &out, std::string *problem)
{
    if (problem)
        problem->clear();
    if (source.kind == SourceValue::Kind::Null) {
        out = std::monostate{};
        return true;
    }
    const bool textual = source.kind == SourceValue::Kind::Text || source.kind == SourceValue::Kind::Bytes;
    if (textual && source.text.empty() && m_emptyAsNull) {
        out = std::monostate{};
        return true;
    }
    // Bytes read as text for the non-string types: they must be valid UTF-8.
    if (source.kind == SourceValue::Kind::Bytes && m_type.kind != TypeKind::String && m_type.kind != TypeKind::Varchar
        && m_type.kind != TypeKind::Char && m_type.kind != TypeKind::Binary && !isValidUtf8(source.text)) {
        return setProblem(problem, "bytes are not valid UTF-8 text");
    }

    switch (m_type.kind) {
    case TypeKind::BigInt:
    case TypeKind::Int:
    case TypeKind::SmallInt:
    case TypeKind::TinyInt:
        return convertInteger(source, out, problem);
    case TypeKind::Double:
    case TypeKind::Float:
        return convertFloating(source, out, problem);
    case TypeKind::Decimal:
        return convertDecimal(source, out, problem);
    case TypeKind::Boolean:
        return convertBoolean(source, out);
    case TypeKind::String:
    case TypeKind::Varchar:
    case TypeKind::Char:
        return convertString(source, out, problem);
    case TypeKind::Binary:
        return convertBinary(source, out, problem);
    case TypeKind::DateTime:
    case TypeKind::Timestamp:
    case TypeKind::Date:
        return convertTemporal(source, out, problem);
    }
    return false;
}

bool ValueConverter::convertInteger(const SourceValue &source, Value &out, std::string *problem) const
{
    int64_t v = 0;
    switch (source.kind) {
    case SourceValue::Kind::Int:
        v = source.integer;
        break;
    case SourceValue::Kind::UInt:
        return setProblem(problem, rangeProblem(m_type.kind));
    case SourceValue::Kind::Double: {
        const double d = source.number;
        if (!std::isfinite(d))
            return false;
        if (std::trunc(d) != d)
            return setProblem(problem, "a fractional number does not fit an integer column");
        if (d < -9223372036854775808.0 || d >= 9223372036854775808.0)
            return setProblem(problem, rangeProblem(m_type.kind));
        v = static_cast<int64_t>(d);
        break;
    }
    case SourceValue::Kind::Text:
    case SourceValue::Kind::Bytes: {
        DecimalParts parts;
        if (!parseDecimalText(source.text, parts))
            return false;
        if (parts.hasFraction())
            return setProblem(problem, "a fractional number does not fit an integer column");
        if (parts.intDigits.size() > 19)
            return setProblem(problem, rangeProblem(m_type.kind));
        uint64_t magnitude = 0;
        if (!parts.intDigits.empty())
            std::from_chars(parts.intDigits.data(), parts.intDigits.data() + parts.intDigits.size(), magnitude);
        if (magnitude > uint64_t(std::numeric_limits<int64_t>::max()))
            return setProblem(problem, rangeProblem(m_type.kind));
        v = parts.negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
        break;
    }
    default:
        return false;
    }
    const IntRange range = rangeOf(m_type.kind);
    if (v < range.min || v > range.max)
        return setProblem(problem, rangeProblem(m_type.kind));
    out = v;
    return true;
}

bool ValueConverter::convertFloating(const SourceValue &source, Value &out, std::string *problem) const
{
    double d = 0;
    switch (source.kind) {
    case SourceValue::Kind::Int:
        d = double(source.integer);
        break;
    case SourceValue::Kind::UInt:
        d = double(source.unsignedInteger);
        break;
    case SourceValue::Kind::Double:
        d = source.number;
        break;
    case SourceValue::Kind::Text:
    case SourceValue::Kind::Bytes:
        if (!parseDoubleText(source.text, d))
            return false;
        break;
    default:
        return false;
    }
    if (m_type.kind == TypeKind::Float && std::isfinite(d) && std::fabs(d) > double(std::numeric_limits<float>::max()))
        return setProblem(problem, "out of FLOAT range");
    out = d;
    return true;
}

bool ValueConverter::convertDecimal(const SourceValue &source, Value &out, std::string *problem) const
{
    DecimalParts parts;
    switch (source.kind) {
    case SourceValue::Kind::Int:
        parseDecimalText(std::to_string(source.integer), parts);
        break;
    case SourceValue::Kind::UInt:
        parseDecimalText(std::to_string(source.unsignedInteger), parts);
        break;
    case SourceValue::Kind::Double: {
        if (!std::isfinite(source.number))
            return false;
        char buf[64];
        const auto res = std::to_chars(buf, buf + sizeof buf, source.number);
        if (!parseDecimalText(std::string_view(buf, std::size_t(res.ptr - buf)), parts))
            return false;
        break;
    }
    case SourceValue::Kind::Text:
    case SourceValue::Kind::Bytes:
        if (!parseDecimalText(source.text, parts))
            return false;
        break;
    default:
        return false;
    }
    const bool fixed = m_type.precision > 0;
    const int scale = fixed ? m_type.scale : 18;
    const int maxInt = fixed ? m_type.precision - m_type.scale : 36;
    roundHalfUp(parts, std::size_t(scale));
    if (fixed && parts.fracDigits.size() < std::size_t(scale))
        parts.fracDigits.append(std::size_t(scale) - parts.fracDigits.size(), '0');
    if (parts.intDigits.size() > std::size_t(maxInt)) {
        return setProblem(problem, "more than " + std::to_string(maxInt) + " integer digits for "
                                       + m_type.toString().toStdString());
    }
    std::string text;
    if (parts.negative && !parts.isZero())
        text.push_back('-');
    text += parts.intDigits.empty() ? std::string("0") : parts.intDigits;
    if (!parts.fracDigits.empty()) {
        text.push_back('.');
        text += parts.fracDigits;
    }
    if (auto *dec = std::get_if<Decimal>(&out))
        dec->text = std::move(text);
    else
        out = Decimal{std::move(text)};
    return true;
}

bool ValueConverter::convertBoolean(const SourceValue &source, Value &out) const
{
    switch (source.kind) {
    case SourceValue::Kind::Bool:
        out = source.boolean;
        return true;
    case SourceValue::Kind::Int:
        if (source.integer == 0 || source.integer == 1) {
            out = source.integer == 1;
            return true;
        }
        return false;
    case SourceValue::Kind::Text:
    case SourceValue::Kind::Bytes:
        if (equalsIgnoreCase(source.text, "true") || source.text == "1") {
            out = true;
            return true;
        }
        if (equalsIgnoreCase(source.text, "false") || source.text == "0") {
            out = false;
            return true;
        }
        return false;
    default:
        return false;
    }
}

std::string_view ValueConverter::textOf(const SourceValue &source)
{
    switch (source.kind) {
    case SourceValue::Kind::Bool:
        return source.boolean ? "true" : "false";
    case SourceValue::Kind::Int:
        m_scratch = std::to_string(source.integer);
        return m_scratch;
    case SourceValue::Kind::UInt:
        m_scratch = std::to_string(source.unsignedInteger);
        return m_scratch;
    case SourceValue::Kind::Double:
        m_scratch.clear();
        appendDouble(m_scratch, source.number);
        return m_scratch;
    default: // Text, Bytes (raw), Json
        return source.text;
    }
}

bool ValueConverter::convertString(const SourceValue &source, Value &out, std::string *problem)
{
    std::string_view text;
    if (source.kind == SourceValue::Kind::Bytes && !isValidUtf8(source.text)) {
        m_scratch.clear();
        appendUtf8Lossy(m_scratch, source.text);
        text = m_scratch;
    } else {
        text = textOf(source);
    }
    if (m_type.kind == TypeKind::Varchar || m_type.kind == TypeKind::Char) {
        // Code points never exceed bytes, so only long texts need counting.
        if (text.size() > std::size_t(m_type.length)) {
            const std::size_t chars = utf8Length(text);
            if (chars > std::size_t(m_type.length)) {
                return setProblem(problem, std::to_string(chars) + " characters, more than "
                                               + std::to_string(m_type.length));
            }
        }
    } else if (text.size() > kMaxStringBytes) {
        return setProblem(problem, tooManyBytes(text.size()));
    }
    setString(out, text);
    return true;
}

bool ValueConverter::convertBinary(const SourceValue &source, Value &out, std::string *problem)
{
    const std::string_view bytes = textOf(source);
    if (bytes.size() > kMaxStringBytes)
        return setProblem(problem, tooManyBytes(bytes.size()));
    setString(out, bytes);
    return true;
}

bool ValueConverter::convertTemporal(const SourceValue &source, Value &out, std::string *problem)
{
    int64_t utcSeconds = 0;
    int32_t nanos = 0;
    if (source.kind == SourceValue::Kind::Int) {
        utcSeconds = floorDiv(source.integer, 1000);
        nanos = int32_t(floorMod(source.integer, 1000) * 1000000);
        if (source.integer < kMinDateTimeMs || source.integer > kMaxDateTimeMs)
            return setProblem(problem, "epoch milliseconds out of range");
    } else if (source.kind == SourceValue::Kind::Text || source.kind == SourceValue::Kind::Bytes) {
        CivilTime t;
        if (m_type.kind == TypeKind::Date) {
            if (!parseDateText(source.text, t))
                return setProblem(problem, "expected yyyy-MM-dd or yyyyMMdd");
            out = Date{daysFromCivil(t.year, unsigned(t.month), unsigned(t.day))};
            return true;
        }
        if (!parseDateTimeText(source.text, t)) {
            return setProblem(problem, "expected yyyy-MM-dd HH:mm:ss[.fff], yyyyMMddHHmmss, ISO-8601 or epoch "
                                       "milliseconds");
        }
        const int64_t local = daysFromCivil(t.year, unsigned(t.month), unsigned(t.day)) * 86400 + t.hour * 3600
            + t.minute * 60 + t.second;
        utcSeconds = local - (t.hasOffset ? t.offsetSeconds : offsetForLocal(local));
        nanos = t.nanos;
    } else {
        return false;
    }
    if (m_type.kind == TypeKind::Date) {
        const int64_t days = floorDiv(utcSeconds + offsetForUtc(utcSeconds), 86400);
        out = Date{days};
        return true;
    }
    if (m_type.kind == TypeKind::Timestamp) {
        if (utcSeconds < kMinDateTimeMs / 1000 || utcSeconds >= kMaxDateTimeMs / 1000)
            return setProblem(problem, "out of range 0000-01-01..9999-12-31");
        out = Timestamp{utcSeconds, nanos};
        return true;
    }
    const int64_t ms = utcSeconds * 1000 + nanos / 1000000;
    if (ms < kMinDateTimeMs || ms > kMaxDateTimeMs)
        return setProblem(problem, "out of range 0000-01-01..9999-12-31");
    out = DateTime{ms};
    return true;
}

} // namespace kmsync::engine::mapping
