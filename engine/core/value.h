#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kmsync::engine {

// One cell on its way to a sink, already converted to the destination column's type.
// Which alternative a column holds follows its ColumnType:
//   BIGINT/INT/SMALLINT/TINYINT -> int64_t     BOOLEAN -> bool
//   DOUBLE/FLOAT -> double                     STRING/VARCHAR/CHAR/BINARY -> std::string (bytes)
//   DECIMAL -> Decimal (plain text, no exponent)
//   DATETIME -> DateTime (epoch ms, UTC)      DATE -> Date (days since 1970-01-01)
//   TIMESTAMP -> Timestamp (epoch seconds + nanos)
struct Decimal
{
    std::string text;
    friend bool operator==(const Decimal &, const Decimal &) = default;
};
struct DateTime
{
    int64_t epochMs = 0;
    friend bool operator==(const DateTime &, const DateTime &) = default;
};
struct Date
{
    int64_t epochDays = 0;
    friend bool operator==(const Date &, const Date &) = default;
};
struct Timestamp
{
    int64_t epochSeconds = 0;
    int32_t nanos = 0; // 0..999'999'999
    friend bool operator==(const Timestamp &, const Timestamp &) = default;
};

using Value = std::variant<std::monostate, bool, int64_t, double, std::string, Decimal, DateTime, Date, Timestamp>;
using Row = std::vector<Value>;

inline bool isNull(const Value &v)
{
    return std::holds_alternative<std::monostate>(v);
}

// Debug/preview text of a value: NULL as "NULL", DATETIME as "yyyy-MM-dd HH:mm:ss.zzz" UTC, etc.
std::string debugString(const Value &v);

} // namespace kmsync::engine
