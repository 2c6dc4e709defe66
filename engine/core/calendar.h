#pragma once

#include <chrono>
#include <cstdint>

namespace kmsync::engine {

// Proleptic Gregorian calendar arithmetic on day counts since 1970-01-01 (Date::epochDays), done by
// std::chrono's calendar types (year_month_day, sys_days). Only the calendar lives here: libstdc++ 12
// (Debian 12) has no <chrono> time zones, std::format or chrono::parse, so time zones stay with QTimeZone.
// Everything is constexpr so the hot paths (per-value parsing and formatting) inline it.

// a / b rounded towards negative infinity: floorDiv(-1, 86400) == -1.
constexpr int64_t floorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// The remainder that goes with floorDiv: 0 <= floorMod(a, b) < b for b > 0.
constexpr int64_t floorMod(int64_t a, int64_t b)
{
    return a - floorDiv(a, b) * b;
}

struct CivilDate
{
    int64_t year = 1970; // may lie outside 0..9999 (and outside std::chrono::year's -32767..32767)
    unsigned month = 1;  // 1..12
    unsigned day = 1;    // 1..31
    friend bool operator==(const CivilDate &, const CivilDate &) = default;
};

// The date `epochDays` days after 1970-01-01, for any day count. std::chrono::year only spans
// -32767..32767, so whole 400-year cycles (146097 days: the Gregorian calendar repeats after each) are
// taken off first and added back as years.
constexpr CivilDate civilFromDays(int64_t epochDays)
{
    constexpr int64_t kDaysPer400Years = 146097;
    const int64_t cycles = floorDiv(epochDays, kDaysPer400Years);
    const std::chrono::year_month_day ymd{
        std::chrono::sys_days{std::chrono::days{epochDays - cycles * kDaysPer400Years}}};
    return CivilDate{int64_t{int(ymd.year())} + cycles * 400, unsigned(ymd.month()), unsigned(ymd.day())};
}

// True when year-month-day names a real day (month 1..12, day within that month; leap years counted).
constexpr bool isValidDate(int year, unsigned month, unsigned day)
{
    return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}.ok();
}

// Days since 1970-01-01 of a valid date (isValidDate) whose year lies in -32767..32767.
constexpr int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    const std::chrono::sys_days days{
        std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}};
    return days.time_since_epoch().count();
}

} // namespace kmsync::engine
