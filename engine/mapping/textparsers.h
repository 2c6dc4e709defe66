#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// The text parsers behind ValueConverter (valueconverter.h documents the rules they implement): numbers as decimal
// digits or a double, and date/time texts as civil fields. They never allocate for date/time or double text; a
// decimal keeps its digits in the DecimalParts it fills.
namespace kmsync::engine::mapping::text {

// Date/time text: the fields as written, plus the offset when the text has one.
struct CivilTime
{
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    int32_t nanos = 0;
    bool hasOffset = false;
    int offsetSeconds = 0;
};

// "yyyy-MM-dd" or "yyyyMMdd" into t's date fields; false unless a valid calendar date.
bool parseDateText(std::string_view s, CivilTime &t);
// "yyyyMMddHHmmss", or "yyyy-MM-dd[ T]HH:mm:ss[.f{1,9}][Z|+HH:MM|+HHMM|+HH]"; fraction digits become nanoseconds.
bool parseDateTimeText(std::string_view s, CivilTime &t);

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

// "[+-]digits[.digits][(e|E)[+-]digits]" (also ".5", "5."), no spaces; false for anything else.
bool parseDecimalText(std::string_view s, DecimalParts &out);
// Rounds the fraction half-up (Java BigDecimal HALF_UP) to at most `scale` digits, carrying into the
// integer digits ("9.995" at scale 2 -> "10.00").
void roundHalfUp(DecimalParts &parts, std::size_t scale);

// Whether `a` equals `b` ignoring ASCII case; `b` must be lower case.
bool equalsIgnoreCase(std::string_view a, std::string_view b);
// Text to double: decimal/exponent text (leading '+' allowed) or NaN/Infinity spellings.
bool parseDoubleText(std::string_view s, double &out);

} // namespace kmsync::engine::mapping::text
