#include "engine/mapping/valueconverter.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <system_error>

#include <QDateTime>

#include "engine/core/calendar.h"
#include "engine/mapping/jsontext.h"
#include "engine/mapping/textparsers.h"

namespace kmsync::engine::mapping {

namespace {

constexpr std::size_t kMaxStringBytes = 8u * 1024u * 1024u;
constexpr int64_t kMinDateTimeMs = -62167305600000LL;
constexpr int64_t kMaxDateTimeMs = 253402387200000LL;

using text::CivilTime;
using text::DecimalParts;
using text::equalsIgnoreCase;
using text::parseDateText;
using text::parseDateTimeText;
using text::parseDecimalText;
using text::parseDoubleText;
using text::roundHalfUp;

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

} // namespace

ValueConverter::ValueConverter(const ColumnType &type, const QTimeZone &timeZone, bool emptyAsNull)
    : m_type(type)
    , m_timeZone(timeZone.isValid() ? timeZone : QTimeZone::systemTimeZone())
    , m_emptyAsNull(emptyAsNull)
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
    case SourceValue::Kind::Bytes: {
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
                return setProblem(problem,
                                  std::to_string(chars) + " characters, more than " + std::to_string(m_type.length));
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
