#include "engine/core/value.h"

#include <charconv>
#include <cstdio>

namespace kmsync::engine {

namespace {

std::string formatDouble(double d)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, res.ptr);
}

} // namespace

std::string debugString(const Value &v)
{
    struct Visitor
    {
        std::string operator()(std::monostate) const { return "NULL"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return formatDouble(d); }
        std::string operator()(const std::string &s) const { return s; }
        std::string operator()(const Decimal &d) const { return d.text; }
        std::string operator()(const DateTime &d) const { return "datetime(" + std::to_string(d.epochMs) + "ms)"; }
        std::string operator()(const Date &d) const { return "date(" + std::to_string(d.epochDays) + "d)"; }
        std::string operator()(const Timestamp &t) const
        {
            return "timestamp(" + std::to_string(t.epochSeconds) + "s+" + std::to_string(t.nanos) + "ns)";
        }
    };
    return std::visit(Visitor{}, v);
}

} // namespace kmsync::engine
