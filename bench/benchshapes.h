#pragma once
// The benchmarks' message values, shared by engine_bench (the topic maker) and mapping_bench, so both measure
// the same shapes. Deterministic: the same index gives the same value.
//   flat    ~150 bytes, six fields (id, user.id, user.country, event, price, ts);
//   nested  ~215 bytes, the shape users have: an object (a), an array of strings (c), an array of objects (d),
//           a key containing a dot ("a.b"), an integer (n), a float (price) and a boolean (flag).
// KMSYNC_BENCH_SHAPE picks the shape: "flat" (default) or "nested".
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace kmsync::bench {

inline bool nestedShape()
{
    const char *text = std::getenv("KMSYNC_BENCH_SHAPE");
    return text != nullptr && std::string(text) == "nested";
}

inline std::string nestedValue(int64_t i)
{
    static const char *const kTags[] = {"new", "sale", "gift", "eco", "vip", "bulk", "rare"};
    static const char *const kCities[] = {"Hangzhou", "Shanghai", "Beijing", "Shenzhen", "Chengdu", "Wuhan"};
    char buffer[320];
    const int length = std::snprintf(
        buffer, sizeof buffer,
        R"({"a":{"a1":"%s","a2":%lld,"a3":{"x":%lld}},"a.b":"s-%07lld","c":["%s","%s","%s"],)"
        R"("d":[{"AA":"item-%06lld","BB":%lld},{"AA":"item-%06lld","BB":%lld}],"n":%lld,"price":%lld.%02lld,)"
        R"("flag":%s,"city":"%s"})",
        kCities[i % 6], static_cast<long long>(i % 1000), static_cast<long long>(i % 97),
        static_cast<long long>(i % 9999991), kTags[i % 7], kTags[(i + 3) % 7], kTags[(i + 5) % 7],
        static_cast<long long>(i % 999983), static_cast<long long>(i % 50), static_cast<long long>((i + 7) % 999983),
        static_cast<long long>(i % 13), static_cast<long long>(1000000000 + i), static_cast<long long>(i % 5000),
        static_cast<long long>(i % 100), i % 3 == 0 ? "true" : "false", kCities[(i + 1) % 6]);
    return std::string(buffer, static_cast<size_t>(std::max(length, 0)));
}

inline std::string messageValue(int64_t i)
{
    static const bool nested = nestedShape();
    if (nested)
        return nestedValue(i);
    static const char *const kEvents[] = {"page_view", "click", "add_to_cart", "checkout", "search"};
    static const char *const kCountries[] = {"CN", "SG", "DE", "US", "JP", "BR"};
    char buffer[256];
    const int64_t second = i / 50;
    const int length =
        std::snprintf(buffer, sizeof buffer,
                      R"({"id":%lld,"user":{"id":"u%07lld","country":"%s","vip":%s},"event":"%s","price":%lld.%02lld,)"
                      R"("ts":"2026-11-%02lld %02lld:%02lld:%02lld","page":"/item/%06lld"})",
                      static_cast<long long>(1000000000 + i), static_cast<long long>(i % 9999991), kCountries[i % 6],
                      i % 7 == 0 ? "true" : "false", kEvents[i % 5], static_cast<long long>(i % 5000),
                      static_cast<long long>(i % 100), static_cast<long long>(1 + (second / 86400) % 28),
                      static_cast<long long>((second / 3600) % 24), static_cast<long long>((second / 60) % 60),
                      static_cast<long long>(second % 60), static_cast<long long>(i % 999983));
    return std::string(buffer, static_cast<size_t>(std::max(length, 0)));
}

} // namespace kmsync::bench
