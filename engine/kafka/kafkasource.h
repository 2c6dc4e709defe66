#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "engine/core/log.h"
#include "engine/core/messagesource.h"
#include "engine/kafka/kafkasourceoptions.h"
#include "engine/kafka/offsetresolver.h"
#include "engine/kafka/rdkafkahandles.h"

namespace kmsync::engine::kafka {

class FetchWaker;
class SandboxCluster;

// The Kafka reader: one librdkafka consumer, partitions assigned explicitly (no group rebalancing), each read
// over its resolved [start, end) and never beyond it. Offsets are committed only by commitOffsets()
// (enable.auto.commit and enable.auto.offset.store are off).
//
// Exit strategies: by default a partition is finished when it reaches its end offset. With stopWhenPollEmpty
// the source also stops once nothing was polled for waitTime seconds, and a partition whose end is a time no
// message has reached yet stays open: it reads new messages until the first one at or after that time.
// A connection {"sandbox": true} starts an in-process sandbox cluster that lives as long as the source.
class KafkaSource final : public MessageSource
{
public:
    explicit KafkaSource(KafkaSourceOptions options, LogFn log = {});
    ~KafkaSource() override;
    KafkaSource(const KafkaSource &) = delete;
    KafkaSource &operator=(const KafkaSource &) = delete;

    Result<std::vector<PartitionRange>> open(const StopToken &stop) override;
    // Returns true while messages may follow and also when this call appended messages (even the last ones);
    // false only from a call that appended nothing because the source is exhausted. A stop request ends the
    // wait at once (no error): the caller, who owns the StopToken, ends the run.
    Result<bool> poll(std::vector<KafkaMessage> &out, int maxMessages, int timeoutMs, const StopToken &stop) override;
    // Keeps the values' buffers (up to kBatchCapacity, none over 64 KiB) for the next poll() to copy values into: a
    // value then costs no allocation, and each has kKafkaValueSlack spare bytes.
    void recycle(std::vector<KafkaMessage> &messages) override;
    std::vector<PartitionRange> consumed() const override;
    Result<void> commitOffsets() override;

    // How each partition's range was resolved (after open()).
    const std::vector<ResolvedRange> &resolvedRanges() const { return m_resolved; }
    // The topic's partition count (after open()).
    int partitionCount() const { return m_partitionCount; }
    const KafkaSourceOptions &options() const { return m_options; }
    // Wake-up requests sent to the partition leaders so far (see fetchwaker.h).
    int64_t fetchWakeups() const;

private:
    struct PartitionState
    {
        int32_t partition = 0;
        int64_t start = 0;
        int64_t end = 0;
        int64_t next = 0;
        bool done = false;
        bool openEnd = false; // end is the first message at or after endTimeMs (not yet seen)
        int64_t endTimeMs = 0;
        bool gapWarned = false;
        int32_t leader = -1; // broker id, from the metadata at open()
    };

    void handle(rd_kafka_message_t *message, std::vector<KafkaMessage> &out, Result<bool> &failure);
    // `size` bytes at `data` in a recycled buffer (or a new one), with kKafkaValueSlack bytes to spare.
    std::string valueCopy(const char *data, size_t size);
    void finish(PartitionState &state);
    bool allDone() const;
    std::vector<int32_t> partitionPerLeader() const;
    void pace(size_t queued);
    void log(LogLevel level, const QString &message) const;

    KafkaSourceOptions m_options;
    LogFn m_log;
    std::unique_ptr<SandboxCluster> m_sandbox; // declared before the consumer: destroyed after it
    std::unique_ptr<ClientErrors> m_errors;
    RdKafkaPtr m_consumer;
    RdQueuePtr m_queue;
    QByteArray m_topicUtf8;
    int m_partitionCount = 0;
    std::vector<ResolvedRange> m_resolved;
    std::vector<PartitionState> m_states;
    std::vector<int> m_stateIndex; // partition -> index in m_states, -1 when not read
    std::vector<rd_kafka_message_t *> m_batch;
    std::vector<std::string> m_spareValues; // buffers of recycled values, taken by handle()
    std::chrono::steady_clock::time_point m_lastReceived;
    bool m_exhausted = false;
    // Fetch pacing (see fetchwaker.h): the consumer queue's bounds, the mean message size seen, and whether the
    // queue came near a bound since the last wake-up.
    int64_t m_queueBoundBytes = 0;
    int64_t m_queueBoundMessages = 0;
    double m_meanMessageBytes = 0;
    int64_t m_messagesSeen = 0;
    bool m_queueFilled = false;
    std::chrono::steady_clock::time_point m_lastEmptyWake;
    std::unique_ptr<FetchWaker> m_waker; // after m_consumer: destroyed (its thread stopped) before it
};

} // namespace kmsync::engine::kafka
