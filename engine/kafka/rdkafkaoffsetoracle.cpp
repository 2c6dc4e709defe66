#include "engine/kafka/rdkafkaoffsetoracle.h"

#include <chrono>
#include <future>
#include <system_error>
#include <thread>

namespace kmsync::engine::kafka {

namespace {

constexpr auto kStopCheck = std::chrono::milliseconds(50);

// The answer of a partition-list lookup, made on the lookup's own thread.
struct ListAnswer
{
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    RdPartitionListPtr list;
};

RdPartitionListPtr partitionList(const QByteArray &topic, const std::vector<int32_t> &partitions, int64_t offset)
{
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
    for (const int32_t partition : partitions)
        rd_kafka_topic_partition_list_add(list.get(), topic.constData(), partition)->offset = offset;
    return list;
}

} // namespace

RdKafkaOffsetOracle::RdKafkaOffsetOracle(std::shared_ptr<SharedConsumer> consumer, const QString &topic, int timeoutMs,
                                         const StopToken *stop)
    : m_consumer(std::move(consumer))
    , m_stop(stop)
    , m_topic(topic)
    , m_topicUtf8(topic.toUtf8())
    , m_timeoutMs(timeoutMs)
{
}

template <typename T, typename Call>
std::optional<T> RdKafkaOffsetOracle::unlessStopped(Call call)
{
    if (m_stop == nullptr)
        return call(m_consumer->handle.get());
    if (m_stop->stopRequested())
        return std::nullopt;
    // The task holds the consumer (and everything the call reads) until the call returns, wherever the caller is.
    auto task = std::make_shared<std::packaged_task<T()>>(
        [consumer = m_consumer, call = std::move(call)]() mutable { return call(consumer->handle.get()); });
    std::future<T> answer = task->get_future();
    try {
        std::thread([task] { (*task)(); }).detach();
    } catch (const std::system_error &) { // no thread to be had: ask here, unstoppable as before
        (*task)();
    }
    while (answer.wait_for(kStopCheck) != std::future_status::ready) {
        if (m_stop->stopRequested())
            return std::nullopt;
    }
    return answer.get();
}

Error RdKafkaOffsetOracle::stopped(const QString &what, int32_t partition) const
{
    return makeError(QLatin1String(kCancelledCode),
                     QStringLiteral("stopped while %1 for topic %2 partition %3").arg(what, m_topic).arg(partition));
}

Error RdKafkaOffsetOracle::brokerError(const QString &what, int32_t partition, rd_kafka_resp_err_t err) const
{
    return makeError(err == RD_KAFKA_RESP_ERR__TIMED_OUT ? QStringLiteral("kafka.timeout")
                                                         : QStringLiteral("kafka.offsets"),
                     QStringLiteral("%1 for topic %2 partition %3 failed: %4")
                         .arg(what, m_topic)
                         .arg(partition)
                         .arg(QString::fromUtf8(rd_kafka_err2str(err))));
}

Result<Watermarks> RdKafkaOffsetOracle::watermarks(int32_t partition)
{
    struct Answer
    {
        rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
        Watermarks marks;
    };
    const QString what = QStringLiteral("reading the watermarks");
    auto answer = unlessStopped<Answer>([topic = m_topicUtf8, partition, timeout = m_timeoutMs](rd_kafka_t *rk) {
        Answer a;
        a.err = rd_kafka_query_watermark_offsets(rk, topic.constData(), partition, &a.marks.low, &a.marks.high,
                                                 timeout);
        return a;
    });
    if (!answer)
        return stopped(what, partition);
    if (answer->err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(what, partition, answer->err);
    return answer->marks;
}

Result<std::vector<int64_t>> RdKafkaOffsetOracle::listOffsets(const std::vector<int32_t> &partitions, int64_t offset,
                                                              int timeoutMs, const QString &what,
                                                              const QString &whatMany)
{
    std::vector<int64_t> answers;
    if (partitions.empty())
        return answers;
    auto answer = unlessStopped<ListAnswer>(
        [list = std::shared_ptr<rd_kafka_topic_partition_list_t>(partitionList(m_topicUtf8, partitions, offset)),
         timeoutMs](rd_kafka_t *rk) {
            ListAnswer a;
            a.err = rd_kafka_offsets_for_times(rk, list.get(), timeoutMs);
            a.list.reset(rd_kafka_topic_partition_list_copy(list.get()));
            return a;
        });
    if (!answer)
        return stopped(what, partitions.front());
    if (answer->err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(partitions.size() == 1 ? what : whatMany, partitions.front(), answer->err);
    answers.reserve(partitions.size());
    for (const int32_t partition : partitions) {
        const rd_kafka_topic_partition_t *elem = rd_kafka_topic_partition_list_find(answer->list.get(),
                                                                                    m_topicUtf8.constData(), partition);
        if (elem == nullptr || elem->err != RD_KAFKA_RESP_ERR_NO_ERROR)
            return brokerError(what, partition, elem == nullptr ? RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION : elem->err);
        answers.push_back(elem->offset);
    }
    return answers;
}

Result<std::vector<Watermarks>> RdKafkaOffsetOracle::watermarksOf(const std::vector<int32_t> &partitions)
{
    // ListOffsets for RD_KAFKA_OFFSET_BEGINNING and RD_KAFKA_OFFSET_END are the two requests
    // rd_kafka_query_watermark_offsets() sends per partition; here each goes once per leader for all the partitions,
    // both within the one timeout.
    const QString what = QStringLiteral("reading the watermarks");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_timeoutMs);
    auto low = listOffsets(partitions, RD_KAFKA_OFFSET_BEGINNING, m_timeoutMs, what, what);
    if (!low)
        return low.error();
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0)
        return brokerError(what, partitions.front(), RD_KAFKA_RESP_ERR__TIMED_OUT);
    auto high = listOffsets(partitions, RD_KAFKA_OFFSET_END, int(left), what, what);
    if (!high)
        return high.error();
    std::vector<Watermarks> marks;
    marks.reserve(partitions.size());
    for (size_t i = 0; i < partitions.size(); ++i) {
        Watermarks m{(*low)[i], (*high)[i]};
        // As rd_kafka_query_watermark_offsets(): a broker may answer only the end of an empty partition.
        if (m.low < 0 && m.high >= 0)
            m.low = m.high;
        marks.push_back(m);
    }
    return marks;
}

Result<int64_t> RdKafkaOffsetOracle::lookupTime(int32_t partition, int64_t timestampMs)
{
    auto answers = lookupTimes({partition}, timestampMs);
    if (!answers)
        return answers.error();
    return answers->front();
}

Result<std::vector<int64_t>> RdKafkaOffsetOracle::lookupTimes(const std::vector<int32_t> &partitions,
                                                              int64_t timestampMs)
{
    auto answers = listOffsets(partitions, timestampMs, m_timeoutMs, QStringLiteral("looking up the offset for a time"),
                               QStringLiteral("looking up the offsets for a time"));
    if (!answers)
        return answers.error();
    for (int64_t &offset : *answers) {
        if (offset < 0)
            offset = kLookupEnd;
    }
    return answers;
}

Result<std::vector<OffsetTimestamp>> RdKafkaOffsetOracle::read(int32_t partition, int64_t fromOffset, int64_t toOffset,
                                                               int maxCount)
{
    std::vector<OffsetTimestamp> out;
    if (fromOffset >= toOffset || maxCount <= 0)
        return out;
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), m_topicUtf8.constData(), partition)->offset = fromOffset;
    rd_kafka_t *const consumer = m_consumer->handle.get();
    rd_kafka_resp_err_t err = rd_kafka_assign(consumer, list.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(QStringLiteral("assigning the partition"), partition, err);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_timeoutMs);
    Result<std::vector<OffsetTimestamp>> result = out;
    bool timedOut = true;
    while (std::chrono::steady_clock::now() < deadline) {
        if (m_stop != nullptr && m_stop->stopRequested()) {
            result = stopped(QStringLiteral("reading messages"), partition);
            timedOut = false;
            break;
        }
        RdMessagePtr message(rd_kafka_consumer_poll(consumer, 100));
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
    rd_kafka_assign(consumer, nullptr);
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
    const QString what = QStringLiteral("reading the group's committed offset");
    auto answer = unlessStopped<ListAnswer>([list = std::shared_ptr<rd_kafka_topic_partition_list_t>(
                                                 partitionList(m_topicUtf8, {partition}, RD_KAFKA_OFFSET_INVALID)),
                                             timeout = m_timeoutMs](rd_kafka_t *rk) {
        ListAnswer a;
        a.err = rd_kafka_committed(rk, list.get(), timeout);
        a.list.reset(rd_kafka_topic_partition_list_copy(list.get()));
        return a;
    });
    if (!answer)
        return stopped(what, partition);
    rd_kafka_resp_err_t err = answer->err;
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        err = answer->list->elems[0].err;
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return brokerError(what, partition, err);
    const int64_t offset = answer->list->elems[0].offset;
    if (offset < 0)
        return std::optional<int64_t>();
    return std::optional<int64_t>(offset);
}

} // namespace kmsync::engine::kafka
