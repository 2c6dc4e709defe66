#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kmsync::engine {

struct KafkaHeader
{
    std::string name;
    std::optional<std::string> value; // a header may carry no value
    friend bool operator==(const KafkaHeader &, const KafkaHeader &) = default;
};

// Spare capacity KafkaSource leaves after a value's bytes, so that a JSON parser that reads past the end of its input
// (simdjson reads up to 64 bytes further) parses the value where it is instead of copying it first.
inline constexpr size_t kKafkaValueSlack = 64;

// One Kafka record as the engine passes it from the source to the mapper: raw bytes, no decoding yet.
struct KafkaMessage
{
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestampMs = -1;         // -1 when the broker has none
    std::optional<std::string> key;   // std::nullopt is a null key
    std::optional<std::string> value; // std::nullopt is a null value (tombstone)
    std::vector<KafkaHeader> headers;

    friend bool operator==(const KafkaMessage &, const KafkaMessage &) = default;
};

} // namespace kmsync::engine
