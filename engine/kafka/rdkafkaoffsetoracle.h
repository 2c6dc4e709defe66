#pragma once

#include <memory>
#include <optional>

#include <librdkafka/rdkafka.h>

#include <QByteArray>
#include <QString>

#include "engine/core/stoptoken.h"
#include "engine/kafka/offsetoracle.h"
#include "engine/kafka/rdkafkahandles.h"

namespace kmsync::engine::kafka {

// A consumer that a blocking librdkafka call may keep alive after its caller has left: the handle and the target of
// its error callback live and die together, and the consumer is closed when the last holder lets go.
struct SharedConsumer
{
    ClientErrors errors; // declared first: destroyed after the handle whose callback writes into it
    RdKafkaPtr handle;
    ~SharedConsumer()
    {
        if (handle)
            rd_kafka_consumer_close(handle.get());
    }
};

// OffsetOracle over a librdkafka consumer. read() temporarily assigns the one partition, so use it before the
// reader assigns its partitions. The consumer must have enable.partition.eof=true.
//
// With a stop token every answer can be abandoned within 50 ms: librdkafka 2.0.2's watermark, offsets-for-times
// and committed-offset lookups block for up to the timeout and cannot be interrupted (the asynchronous ListOffsets
// API arrives in 2.3), so each runs on a thread of its own holding the consumer, and the caller waits for it in
// short steps. A stopped lookup then ends on its own within the timeout and releases the consumer; asking in short
// slices instead would fail on every broker slower than the slice.
class RdKafkaOffsetOracle final : public OffsetOracle
{
public:
    RdKafkaOffsetOracle(std::shared_ptr<SharedConsumer> consumer, const QString &topic, int timeoutMs,
                        const StopToken *stop = nullptr);

    Result<Watermarks> watermarks(int32_t partition) override;
    // Two ListOffsets requests per leader (the log start and the end offsets of all its partitions), one after the
    // other within the timeout, where watermarks() sends two per partition, each partition on a thread of its own.
    Result<std::vector<Watermarks>> watermarksOf(const std::vector<int32_t> &partitions) override;
    Result<int64_t> lookupTime(int32_t partition, int64_t timestampMs) override;
    Result<std::vector<int64_t>> lookupTimes(const std::vector<int32_t> &partitions, int64_t timestampMs) override;
    Result<std::vector<OffsetTimestamp>> read(int32_t partition, int64_t fromOffset, int64_t toOffset,
                                              int maxCount) override;
    Result<std::optional<int64_t>> committed(int32_t partition) override;

private:
    Error brokerError(const QString &what, int32_t partition, rd_kafka_resp_err_t err) const;
    Error stopped(const QString &what, int32_t partition) const;
    // One rd_kafka_offsets_for_times() call for `partitions`, each asked for `offset` (a time, or
    // RD_KAFKA_OFFSET_BEGINNING / _END for the watermarks): the broker's answers in the order of `partitions`, as it
    // gave them (-1 included). Errors name `what`, or `whatMany` for a failure of the whole call for many partitions.
    Result<std::vector<int64_t>> listOffsets(const std::vector<int32_t> &partitions, int64_t offset, int timeoutMs,
                                             const QString &what, const QString &whatMany);
    // Runs call(handle) as described above; std::nullopt when the stop came first.
    template <typename T, typename Call>
    std::optional<T> unlessStopped(Call call);

    std::shared_ptr<SharedConsumer> m_consumer;
    const StopToken *m_stop;
    QString m_topic;
    QByteArray m_topicUtf8;
    int m_timeoutMs;
};

} // namespace kmsync::engine::kafka
