#include "engine/kafka/offsetoracle.h"

namespace kmsync::engine::kafka {

OffsetOracle::~OffsetOracle() = default;

Result<std::vector<Watermarks>> OffsetOracle::watermarksOf(const std::vector<int32_t> &partitions)
{
    std::vector<Watermarks> answers;
    answers.reserve(partitions.size());
    for (const int32_t partition : partitions) {
        auto answer = watermarks(partition);
        if (!answer)
            return answer.error();
        answers.push_back(*answer);
    }
    return answers;
}

Result<std::vector<int64_t>> OffsetOracle::lookupTimes(const std::vector<int32_t> &partitions, int64_t timestampMs)
{
    std::vector<int64_t> answers;
    answers.reserve(partitions.size());
    for (const int32_t partition : partitions) {
        auto answer = lookupTime(partition, timestampMs);
        if (!answer)
            return answer.error();
        answers.push_back(*answer);
    }
    return answers;
}

} // namespace kmsync::engine::kafka
