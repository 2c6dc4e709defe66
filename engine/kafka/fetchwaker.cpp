#include "engine/kafka/fetchwaker.h"

#include <algorithm>
#include <chrono>

#include "engine/kafka/rdkafkahandles.h"

namespace kmsync::engine::kafka {

namespace {
// The shortest time between two rounds of wake-ups: a drained queue is refilled by one fetch, so waking more
// often than a fetch round trip on a local network only adds requests.
constexpr auto kMinInterval = std::chrono::milliseconds(10);
// How long a round waits for its answers. The requests are handed to the broker threads before the wait (the
// leaders are known from the source's metadata), and the wake-up is their arrival there, so the answers add
// nothing. But a broker answers a connection's requests in order, and behind a fetch that found no new data
// (the end of a partition) a lookup's answer comes only after fetch.wait.max.ms: waiting for it held every
// run's end, where the source joins this thread, by up to that long (~0.2 s of a 0.8 s run). A round still
// waits this long at most, so that a read at its topic's end does not send a request every kMinInterval.
constexpr int kAnswerWaitMs = 20;
} // namespace

FetchWaker::FetchWaker(rd_kafka_t *consumer, QByteArray topic, std::vector<int32_t> partitions, int timeoutMs)
    : m_consumer(consumer)
    , m_topic(std::move(topic))
    , m_timeoutMs(timeoutMs)
    , m_partitions(std::move(partitions))
    , m_thread([this] { run(); })
{
}

FetchWaker::~FetchWaker()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void FetchWaker::request()
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_requested)
            return;
        m_requested = true;
    }
    m_wake.notify_one();
}

void FetchWaker::setPartitions(std::vector<int32_t> partitions)
{
    const std::lock_guard lock(m_mutex);
    m_partitions = std::move(partitions);
}

int64_t FetchWaker::wakeCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_sent;
}

void FetchWaker::run()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stopping || m_requested; });
        if (m_stopping)
            return;
        m_requested = false; // a request from now on is served by the next round
        const std::vector<int32_t> partitions = m_partitions;
        lock.unlock();
        const auto started = std::chrono::steady_clock::now();
        if (!partitions.empty()) {
            // The answer does not matter (an error is as good a wake-up as a reply); only the requests do.
            // rd_kafka_offsets_for_times() sends one request per leader and, unlike
            // rd_kafka_query_watermark_offsets() in librdkafka 2.0.2, gives up after its timeout when a leader
            // is down or the answer is late (the destructor joins this thread); an answer after that is dropped.
            RdPartitionListPtr list(rd_kafka_topic_partition_list_new(int(partitions.size())));
            for (const int32_t partition : partitions)
                rd_kafka_topic_partition_list_add(list.get(), m_topic.constData(), partition)->offset =
                    RD_KAFKA_OFFSET_END;
            rd_kafka_offsets_for_times(m_consumer, list.get(), std::min(m_timeoutMs, kAnswerWaitMs));
        }
        lock.lock();
        m_sent += int64_t(partitions.size());
        if (m_wake.wait_until(lock, started + kMinInterval, [this] { return m_stopping; }))
            return;
    }
}

} // namespace kmsync::engine::kafka
