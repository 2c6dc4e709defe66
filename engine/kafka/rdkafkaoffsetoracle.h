#pragma once

#include <librdkafka/rdkafka.h>

#include <QByteArray>
#include <QString>

#include "engine/kafka/offsetoracle.h"

namespace kmsync::engine::kafka {

// OffsetOracle over a librdkafka consumer handle (not owned). read() temporarily assigns the one partition,
// so use it before the reader assigns its partitions. The consumer must have enable.partition.eof=true.
class RdKafkaOffsetOracle final : public OffsetOracle
{
public:
    RdKafkaOffsetOracle(rd_kafka_t *consumer, const QString &topic, int timeoutMs);

    Result<Watermarks> watermarks(int32_t partition) override;
    Result<int64_t> lookupTime(int32_t partition, int64_t timestampMs) override;
    Result<std::vector<int64_t>> lookupTimes(const std::vector<int32_t> &partitions, int64_t timestampMs) override;
    Result<std::vector<OffsetTimestamp>> read(int32_t partition, int64_t fromOffset, int64_t toOffset,
                                              int maxCount) override;
    Result<std::optional<int64_t>> committed(int32_t partition) override;

private:
    Error brokerError(const QString &what, int32_t partition, rd_kafka_resp_err_t err) const;

    rd_kafka_t *m_consumer;
    QString m_topic;
    QByteArray m_topicUtf8;
    int m_timeoutMs;
};

} // namespace kmsync::engine::kafka
