#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/core/result.h"

namespace kmsync::engine::kafka {

struct Watermarks
{
    int64_t low = 0;  // log start offset
    int64_t high = 0; // offset the next message will get
    friend bool operator==(const Watermarks &, const Watermarks &) = default;
};

struct OffsetTimestamp
{
    int64_t offset = 0;
    int64_t timestampMs = -1;
    friend bool operator==(const OffsetTimestamp &, const OffsetTimestamp &) = default;
};

// What the offset resolver asks the broker about one topic's partitions. The real implementation talks to
// Kafka (RdKafkaOffsetOracle); unit tests use a fake that can lie like the mock cluster does.
class OffsetOracle
{
public:
    static constexpr int64_t kLookupEnd = -1; // the offsetsForTimes answer "no message at or after the time"

    virtual ~OffsetOracle();
    virtual Result<Watermarks> watermarks(int32_t partition) = 0;
    // watermarks() for many partitions at once (one round trip per leader and edge where the implementation can);
    // the answers are in the order of `partitions`.
    virtual Result<std::vector<Watermarks>> watermarksOf(const std::vector<int32_t> &partitions);
    // The broker's offsetsForTimes answer: the earliest offset whose timestamp is >= timestampMs, or kLookupEnd.
    virtual Result<int64_t> lookupTime(int32_t partition, int64_t timestampMs) = 0;
    // lookupTime() for many partitions at once (one broker round trip where the implementation can);
    // the answers are in the order of `partitions`.
    virtual Result<std::vector<int64_t>> lookupTimes(const std::vector<int32_t> &partitions, int64_t timestampMs);
    // The messages at offsets in [fromOffset, toOffset), in offset order, at most maxCount of them
    // (offsets may have gaps, e.g. compacted or transaction markers).
    virtual Result<std::vector<OffsetTimestamp>> read(int32_t partition, int64_t fromOffset, int64_t toOffset,
                                                      int maxCount) = 0;
    // The consumer group's committed offset, std::nullopt when the group has none for the partition.
    virtual Result<std::optional<int64_t>> committed(int32_t partition) = 0;
};

} // namespace kmsync::engine::kafka
