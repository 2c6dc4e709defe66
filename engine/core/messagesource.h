#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/kafkamessage.h"
#include "engine/core/result.h"
#include "engine/core/stoptoken.h"

namespace kmsync::engine {

// The offsets one run reads from one partition: [startOffset, endOffset).
struct PartitionRange
{
    int32_t partition = 0;
    int64_t startOffset = 0;
    int64_t endOffset = 0;
    int64_t count() const { return endOffset > startOffset ? endOffset - startOffset : 0; }
    friend bool operator==(const PartitionRange &, const PartitionRange &) = default;
};

// Where the job's messages come from (the Kafka source, or a fake in tests).
class MessageSource
{
public:
    virtual ~MessageSource();

    // Connects, resolves every partition's [start, end) from the reader parameters and starts reading.
    virtual Result<std::vector<PartitionRange>> open(const StopToken &stop) = 0;
    // Appends up to maxMessages messages to `out`, waiting at most timeoutMs for the first one.
    // Returns false once the source is exhausted (every partition reached its end offset, or
    // stopWhenPollEmpty saw nothing for waitTime seconds); messages beyond a partition's end are
    // never returned.
    virtual Result<bool> poll(std::vector<KafkaMessage> &out, int maxMessages, int timeoutMs,
                              const StopToken &stop) = 0;
    // Empties `messages` (which poll() filled); a source may keep their buffers for the next poll() to fill.
    virtual void recycle(std::vector<KafkaMessage> &messages) { messages.clear(); }
    // The ranges actually consumed so far (endOffset = last returned offset + 1). With stopWhenPollEmpty
    // this may differ from what open() resolved: it ends earlier when the wait ran out, and later when the end
    // was a time no message had reached yet (the partition is then read up to the first message at or after it).
    virtual std::vector<PartitionRange> consumed() const = 0;
    // Commits the consumed end offsets for the consumer group, when the task has a group.id. The job calls
    // this only after the destination commit succeeded.
    virtual Result<void> commitOffsets() = 0;
};

} // namespace kmsync::engine
