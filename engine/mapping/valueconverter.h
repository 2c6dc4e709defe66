#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <QTimeZone>

#include "engine/core/columntype.h"
#include "engine/core/value.h"
#include "engine/mapping/sourcevalue.h"

namespace kmsync::engine::mapping {

// Converts one SourceValue to a destination column's MaxCompute type (the Value alternative documented in
// engine/core/value.h). Strict rules; anything else is dirty (convert() returns false):
//
// NULL        a Null source is NULL for every type. With emptyAsNull, an empty Text/Bytes source is NULL too.
// Numeric text  "decimal text" below is [+-]digits[.digits][(e|E)[+-]digits] (also ".5", "5."), no spaces,
//             no thousands separators.
// BIGINT/INT/SMALLINT/TINYINT  from JSON integers, LONG/INTEGER/SHORT keys and values, numbers whose value is
//             integral (3.0, 1e3) and decimal text whose value is integral ("42", "-7", "3.00"). A fractional
//             value (3.5, "3.5") is dirty. Ranges: BIGINT -9223372036854775807..9223372036854775807 (INT64_MIN
//             is excluded, as MaxCompute does), INT -2147483648..2147483647, SMALLINT -32768..32767,
//             TINYINT -128..127. Booleans are dirty.
// DOUBLE      from any number, or text as read by from_chars (decimal or exponent form, leading '+' allowed),
//             plus "NaN", "Infinity", "+Infinity", "-Infinity", "inf", "-inf" (case-insensitive; NaN and ±Inf
//             are valid MaxCompute DOUBLE values). Text out of double range ("1e400") is dirty.
// FLOAT       as DOUBLE, and a finite value beyond ±3.4028235e38 is dirty. The value stays a double; the sink
//             narrows it.
// DECIMAL     plain decimal text with no exponent ("1.5e3" -> "1500", "007.50" -> "7.50", "-0" -> "0"), from
//             numbers and decimal text; NaN/Inf and booleans are dirty. DECIMAL(p,s): extra fraction digits are
//             ROUNDED HALF-UP to s digits (Java BigDecimal.setScale(s, HALF_UP)), the result always has exactly s
//             fraction digits ("12.3" -> "12.30"), and more than p-s integer digits is dirty. Plain DECIMAL
//             (MaxCompute 1.0): rounds half-up to at most 18 fraction digits, keeps the source's fraction digits
//             otherwise, at most 36 integer digits.
// BOOLEAN     JSON true/false, the integers 1 and 0, text "true"/"false" (case-insensitive) and "1"/"0".
// STRING/VARCHAR(n)/CHAR(n)  text as is (a JSON string is its unescaped text), BYTEARRAY bytes decoded as UTF-8
//             with invalid bytes replaced by U+FFFD (DataX BytesColumn), integers as decimal text, doubles as the
//             shortest round-trip text with ".0" on integral values ("1.0", "0.1", "1e+300"), booleans
//             "true"/"false", JSON objects/arrays as compact JSON. STRING longer than 8 MiB (8388608 bytes) is
//             dirty; VARCHAR(n)/CHAR(n) longer than n characters (code points) is dirty. CHAR is not padded.
// BINARY      as STRING, but BYTEARRAY bytes are written raw; at most 8 MiB.
// DATETIME    from text "yyyy-MM-dd HH:mm:ss[.f...]", "yyyyMMddHHmmss", ISO-8601 "yyyy-MM-ddTHH:mm:ss[.f...]"
//             optionally followed by "Z", "+HH:MM", "+HHMM" or "+HH" (a space instead of 'T' also takes an
//             offset), and from integers (JSON integers, LONG values, __timestamp__) read as epoch milliseconds.
//             Text without an offset is local time in the converter's time zone (the task's timeZone); text
//             with an offset uses that offset. 1 to 9 fraction digits are accepted and TRUNCATED to
//             milliseconds. The result is UTC epoch ms and must lie in [-62167305600000, 253402387200000].
//             Doubles and booleans are dirty.
// DATE        from text "yyyy-MM-dd" or "yyyyMMdd" (a calendar date, no time zone involved), and from integers
//             read as epoch milliseconds (the date of that instant in the time zone).
// TIMESTAMP   as DATETIME, keeping all 9 fraction digits (nanoseconds).
//
// An invalid QTimeZone means the system time zone. One converter per column per thread (it caches time-zone
// offsets); copyable.
class ValueConverter
{
public:
    ValueConverter(const ColumnType &type, const QTimeZone &timeZone, bool emptyAsNull);

    // Converts `in` into `out` (a string in `out` is reused when it already holds one). On failure returns
    // false and, when `problem` is given, sets it to a short reason in English or leaves it empty when
    // "cannot convert" says it all (e.g. "out of range -128..127", "12 characters, more than 10").
    bool convert(const SourceValue &in, Value &out, std::string *problem);

    const ColumnType &type() const { return m_type; }

    // The value as dirty-record messages quote it: text in double quotes, truncated to 100 characters
    // with "...", numbers and booleans bare, JSON as is (truncated), NULL as NULL.
    static std::string describe(const SourceValue &in);

private:
    // One function per type family; convert() has handled NULL (and empty text with emptyAsNull) and
    // checked that bytes read as text are UTF-8.
    bool convertInteger(const SourceValue &in, Value &out, std::string *problem) const;  // BIGINT..TINYINT
    bool convertFloating(const SourceValue &in, Value &out, std::string *problem) const; // DOUBLE, FLOAT
    bool convertDecimal(const SourceValue &in, Value &out, std::string *problem) const;
    bool convertBoolean(const SourceValue &in, Value &out) const;
    bool convertString(const SourceValue &in, Value &out, std::string *problem); // STRING, VARCHAR, CHAR
    bool convertBinary(const SourceValue &in, Value &out, std::string *problem);
    bool convertTemporal(const SourceValue &in, Value &out, std::string *problem); // DATETIME, DATE, TIMESTAMP

    // The text STRING and BINARY take from a source: booleans "true"/"false", integers in decimal, doubles
    // in shortest round-trip form (built in m_scratch), text, bytes and JSON as they are.
    std::string_view textOf(const SourceValue &in);

    // UTC offset in seconds of local time `localSeconds` (seconds since 1970-01-01 00:00 local).
    int offsetForLocal(int64_t localSeconds);
    // UTC offset in seconds at instant `utcSeconds`.
    int offsetForUtc(int64_t utcSeconds);

    ColumnType m_type;
    QTimeZone m_timeZone;
    bool m_emptyAsNull = false;
    bool m_fixedOffset = true;
    int m_offset = 0;
    int64_t m_localHourCached = INT64_MIN;
    int m_localHourOffset = 0;
    int64_t m_utcHourCached = INT64_MIN;
    int m_utcHourOffset = 0;
    std::string m_scratch;
};

} // namespace kmsync::engine::mapping
