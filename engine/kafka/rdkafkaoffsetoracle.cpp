#include "engine/kafka/rdkafkaoffsetoracle.h"

#include <chrono>

#include "engine/kafka/rdkafkahandles.h"

namespace kmsync::engine::kafka {

RdKafkaOffsetOracle::RdKafkaOffsetOracle(rd_kafka_t *consumer, const QString &topic, int timeoutMs)
    : m_consumer(consumer), m_topic(topic), m_topicUtf8(topic.toUtf8()), m_timeoutMs(timeoutMs)
{
}

Error RdKafkaOffsetOracle::brokerError(const QString &what, int32_t partition, rd_kafka_resp_err_t err) const
{
    return makeError(err == RD_KAFKA_RESP_ERR__TIMED_OUT ? QStringLiteral("kafka.timeout") : QStringLiteral("kafka.offsets"),
                     QStringLiteral("%1 for topic %2 partition %3 failed: %4")
                         .arg(what, m_topic)
                         .arg(partition)
                         .arg(QString::fromUtf8(rd_kafka_err2str(err))));
}

Result<Watermarks> RdKafkaOffsetOracle::watermarks(int32_t partition)
{
    Watermarks marks;
    const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(m_consumer, m_topicUtf8.constData(), partition,
                                                                     &marks.low, &marks.high, m_timeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(QStringLiteral("reading the watermarks"), partition, err);
    return marks;
}

Result<int64_t> RdKafkaOffsetOracle::lookupTime(int32_t partition, int64_t timestampMs)
{
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), m_topicUtf8.constData(), partition)->offset = timestampMs;
    rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_consumer, list.get(), m_timeoutMs);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        err = list->elems[0].err;
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(QStringLiteral("looking up the offset for a time"), partition, err);
    const int64_t offset = list->elems[0].offset;
    return offset < 0 ? kLookupEnd : offset;
}

Result<std::vector<int64_t>> RdKafkaOffsetOracle::lookupTimes(const std::vector<int32_t> &partitions,
                                                              int64_t timestampMs)
{
    std::vector<int64_t> answers;
    if (partitions.empty())
        return answers;
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    for (const int32_t partition : partitions)
        rd_kafka_topic_partition_list_add(list.get(), m_topicUtf8.constData(), partition)->offset = timestampMs;
    const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(m_consumer, list.get(), m_timeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(QStringLiteral("looking up the offsets for a time"), partitions.front(), err);
    for (const int32_t partition : partitions) {
        const rd_kafka_topic_partition_t *elem =
            rd_kafka_topic_partition_list_find(list.get(), m_topicUtf8.constData(), partition);
        if (elem == nullptr || elem->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return brokerError(QStringLiteral("looking up the offset for a time"), partition,
                               elem == nullptr ? RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION : elem->err);
        }
        answers.push_back(elem->offset < 0 ? kLookupEnd : elem->offset);
    }
    return answers;
}

Result<std::vector<OffsetTimestamp>> RdKafkaOffsetOracle::read(int32_t partition, int64_t fromOffset,
                                                               int64_t toOffset, int maxCount)
{
    std::vector<OffsetTimestamp> out;
    if (fromOffset >= toOffset || maxCount <= 0)
        return out;
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), m_topicUtf8.constData(), partition)->offset = fromOffset;
    rd_kafka_resp_err_t err = rd_kafka_assign(m_consumer, list.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(QStringLiteral("assigning the partition"), partition, err);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_timeoutMs);
    Result<std::vector<OffsetTimestamp>> result = out;
    bool timedOut = true;
    while (std::chrono::steady_clock::now() < deadline) {
        RdMessagePtr message(rd_kafka_consumer_poll(m_consumer, 100));
        if (!message)
            continue;
        if (message->partition != partition
            || (message->rkt != nullptr && m_topic != QString::fromUtf8(rd_kafka_topic_name(message->rkt))))
            continue;
        if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (message->offset >= fromOffset) {
                timedOut = false;
                break;
            }
            continue;
        }
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            result = brokerError(QStringLiteral("reading messages"), partition, message->err);
            timedOut = false;
            break;
        }
        if (message->offset < fromOffset)
            continue; // left over from an earlier assignment
        if (message->offset >= toOffset) {
            timedOut = false;
            break;
        }
        result.value().push_back({message->offset, rd_kafka_message_timestamp(message.get(), nullptr)});
        if (int(result.value().size()) >= maxCount || message->offset + 1 >= toOffset) {
            timedOut = false;
            break;
        }
    }
    rd_kafka_assign(m_consumer, nullptr);
    if (timedOut && result.ok() && result.value().empty()) {
        return makeError(QStringLiteral("kafka.timeout"),
                         QStringLiteral("reading topic %1 partition %2 from offset %3 returned nothing within %4 ms")
                             .arg(m_topic)
                             .arg(partition)
                             .arg(fromOffset)
                             .arg(m_timeoutMs));
    }
    return result;
}

Result<std::optional<int64_t>> RdKafkaOffsetOracle::committed(int32_t partition)
{
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), m_topicUtf8.constData(), partition);
    rd_kafka_resp_err_t err = rd_kafka_committed(m_consumer, list.get(), m_timeoutMs);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        err = list->elems[0].err;
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(QStringLiteral("reading the group's committed offset"), partition, err);
    const int64_t offset = list->elems[0].offset;
    if (offset < 0)
        return std::optional<int64_t>();
    return std::optional<int64_t>(offset);
}

} // namespace kmsync::engine::kafka
