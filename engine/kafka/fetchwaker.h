#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include <QByteArray>

#include <librdkafka/rdkafka.h>

namespace kmsync::engine::kafka {

// Works around a stall of librdkafka 2.0.2's consumer. A partition whose consumer queue holds more than
// queued.max.messages.kbytes (or queued.min.messages) is marked "not fetchable", and its leader's broker thread
// looks at it again only when the thread next wakes: on a request or response of its own, or after a whole
// second (fetch.queue.backoff.ms, which bounds that wait, exists only from librdkafka 2.3). A reader that drains
// the queue in less than that second then waits for the rest of it with nothing to read: a 16-partition topic
// read at one fetch cycle per second.
//
// A request to a broker wakes its thread, which then sees the drained queue and fetches at once; an offset
// lookup (ListOffsets) is the cheapest request the public API sends to a partition's leader. FetchWaker sends
// one per leader (on its own thread, so the reader never waits for a round trip) whenever the reader says the
// queue has drained, at most once per interval.
class FetchWaker
{
public:
    // partitions: one partition of the topic per leader broker; the lookup for it wakes that broker's thread.
    FetchWaker(rd_kafka_t *consumer, QByteArray topic, std::vector<int32_t> partitions, int timeoutMs);
    ~FetchWaker();
    FetchWaker(const FetchWaker &) = delete;
    FetchWaker &operator=(const FetchWaker &) = delete;

    // Asks for a wake-up of every leader; returns at once. Requests while one is under way are merged.
    void request();
    // Replaces the partitions to query (e.g. without the ones already read to their end).
    void setPartitions(std::vector<int32_t> partitions);
    // Wake-ups sent so far (one per leader queried).
    int64_t wakeCount() const;

private:
    void run();

    rd_kafka_t *m_consumer;
    const QByteArray m_topic;
    const int m_timeoutMs;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<int32_t> m_partitions;
    bool m_requested = false;
    bool m_stopping = false;
    int64_t m_sent = 0;
    std::thread m_thread; // last: started after everything it uses
};

} // namespace kmsync::engine::kafka
