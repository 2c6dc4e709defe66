#include "engine/kafka/kafkasource.h"

#include <algorithm>
#include <map>
#include <thread>

#include <QCoreApplication>
#include <QStringList>
#include <QUuid>

#include "engine/kafka/fetchwaker.h"
#include "engine/kafka/rdkafkaoffsetoracle.h"
#include "engine/kafka/sandboxcluster.h"

namespace kmsync::engine::kafka {

namespace {

constexpr int kBatchCapacity = 10000;

// Consumer settings: defaults the task may override, then settings the source depends on.
// The consumer queue holds at most 4 MiB of messages and a fetch brings at most 4 MiB (256 KiB per partition), so
// peak memory stays flat in topic size; FetchWaker restarts fetching as soon as the queue drains (librdkafka 2.0.2
// would otherwise wait up to a second, see fetchwaker.h). queued.min.messages is high so that the byte bound, not
// the message count, is what stops the fetcher.
QJsonObject consumerDefaults()
{
    return QJsonObject{
        {QStringLiteral("client.id"), QStringLiteral("kmsync")},
        // With the fetcher woken at once more buys no speed, and a message keeps its whole fetch response alive,
        // so larger values only grow the resident set with the run (bench/engine-bench.sh, nested shape: 8 MiB
        // queued and 1 MiB per partition grew from 100k to 480k messages by ~13 MB, these by ~9 MB).
        {QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("4096")},
        {QStringLiteral("queued.min.messages"), QStringLiteral("1000000")},
        {QStringLiteral("fetch.max.bytes"), QStringLiteral("4194304")},
        {QStringLiteral("fetch.message.max.bytes"), QStringLiteral("262144")},
        {QStringLiteral("fetch.wait.max.ms"), QStringLiteral("200")},
    };
}

QJsonObject consumerRequired()
{
    return QJsonObject{
        {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
        {QStringLiteral("enable.auto.offset.store"), QStringLiteral("false")},
        {QStringLiteral("enable.partition.eof"), QStringLiteral("true")},
        {QStringLiteral("auto.offset.reset"), QStringLiteral("earliest")},
    };
}

} // namespace

KafkaSource::KafkaSource(KafkaSourceOptions options, LogFn log)
    : m_options(std::move(options))
    , m_log(std::move(log))
    , m_errors(std::make_unique<ClientErrors>())
    , m_topicUtf8(m_options.topic.toUtf8())
{
}

KafkaSource::~KafkaSource()
{
    m_waker.reset();
    m_queue.reset();
    if (m_consumer)
        rd_kafka_consumer_close(m_consumer.get());
    m_consumer.reset();
}

void KafkaSource::log(LogLevel level, const QString &message) const
{
    if (m_log)
        m_log(level, message);
}

Result<std::vector<PartitionRange>> KafkaSource::open(const StopToken &stop)
{
    if (m_consumer)
        return makeError(QStringLiteral("kafka.state"), QStringLiteral("the Kafka source is already open"));
    auto connection = resolveConnection(m_options.connection, m_sandbox);
    if (!connection)
        return connection.error();
    m_options.connection = *connection;

    QJsonObject properties = consumerDefaults();
    for (auto it = m_options.connection.begin(); it != m_options.connection.end(); ++it)
        properties.insert(it.key(), it.value());
    for (auto it = m_options.kafkaConfig.begin(); it != m_options.kafkaConfig.end(); ++it)
        properties.insert(it.key(), it.value());
    const QJsonObject required = consumerRequired();
    for (auto it = required.begin(); it != required.end(); ++it)
        properties.insert(it.key(), it.value());
    // librdkafka's assign() needs a group.id; without the task's group a private one is used that never
    // commits (no group membership is ever joined, nothing is stored on the broker).
    properties.insert(QStringLiteral("group.id"),
                      m_options.groupId.isEmpty()
                          ? QStringLiteral("kmsync-nogroup-") + QUuid::createUuid().toString(QUuid::Id128)
                          : m_options.groupId);
    auto conf = makeConf(properties);
    if (!conf)
        return conf.error();
    captureClientErrors(conf->get(), m_errors.get());
    auto consumer = makeClient(RD_KAFKA_CONSUMER, std::move(*conf));
    if (!consumer)
        return consumer.error();
    m_consumer = std::move(*consumer);

    // A topic that was just created may report LEADER_NOT_AVAILABLE for a moment: ask again until the timeout.
    const auto metadataDeadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_options.timeoutMs);
    Result<RdMetadataPtr> metadata = RdMetadataPtr();
    while (true) {
        metadata = fetchMetadata(m_consumer.get(), *m_errors, m_options.connection, m_options.timeoutMs, &stop);
        if (!metadata) {
            m_consumer.reset();
            return metadata.error();
        }
        bool settling = false;
        for (int i = 0; i < (*metadata)->topic_cnt; ++i) {
            const auto &t = (*metadata)->topics[i];
            settling = settling
                    || (t.err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE
                        && QString::fromUtf8(t.topic) == m_options.topic);
        }
        if (!settling || std::chrono::steady_clock::now() >= metadataDeadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const rd_kafka_metadata_topic_t *topic = nullptr;
    QStringList topics;
    for (int i = 0; i < (*metadata)->topic_cnt; ++i) {
        const auto &t = (*metadata)->topics[i];
        const QString name = QString::fromUtf8(t.topic);
        if (name == m_options.topic && t.err == RD_KAFKA_RESP_ERR_NO_ERROR)
            topic = &t;
        else if (name == m_options.topic && t.err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
            return makeError(t.err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ? QStringLiteral("kafka.auth")
                                                                                   : QStringLiteral("kafka.metadata"),
                             QCoreApplication::translate("KafkaSource", "topic \"%1\" on %2: %3")
                                 .arg(m_options.topic, bootstrapOf(m_options.connection),
                                      QString::fromUtf8(rd_kafka_err2str(t.err))));
        }
        if (!name.startsWith(QLatin1String("__")))
            topics << name;
    }
    if (topic == nullptr) {
        topics.sort();
        QString list = topics.isEmpty() ? QCoreApplication::translate("KafkaSource", "none")
                                        : topics.mid(0, 20).join(QStringLiteral(", "));
        if (topics.size() > 20)
            list += QCoreApplication::translate("KafkaSource", ", ... (%1 in all)").arg(topics.size());
        return makeError(QStringLiteral("kafka.topic_missing"),
                         QCoreApplication::translate(
                             "KafkaSource", "topic \"%1\" does not exist on bootstrap servers %2 (topics there: %3)")
                             .arg(m_options.topic, bootstrapOf(m_options.connection), list));
    }
    m_partitionCount = topic->partition_cnt;
    std::vector<int32_t> partitions;
    std::map<int32_t, int32_t> leaders; // partition -> broker id
    for (int i = 0; i < topic->partition_cnt; ++i) {
        partitions.push_back(topic->partitions[i].id);
        leaders[topic->partitions[i].id] = topic->partitions[i].leader;
    }
    std::sort(partitions.begin(), partitions.end());
    metadata->reset();
    if (m_options.partition) {
        if (std::find(partitions.begin(), partitions.end(), *m_options.partition) == partitions.end()) {
            return makeError(
                QStringLiteral("kafka.partition_missing"),
                QCoreApplication::translate("KafkaSource",
                                            "partition: topic \"%1\" has partitions 0 to %2; there is no partition %3")
                    .arg(m_options.topic)
                    .arg(m_partitionCount - 1)
                    .arg(*m_options.partition));
        }
        partitions = {*m_options.partition};
    }
    rd_kafka_poll_set_consumer(m_consumer.get());

    // Offset lookups read single messages at many offsets (assign, read, unassign). A separate consumer with a
    // short fetch wait does that: an unassign waits for the outstanding fetch, which at the end of a partition
    // lasts fetch.wait.max.ms.
    QJsonObject probeProperties = properties;
    probeProperties.insert(QStringLiteral("fetch.wait.max.ms"), QStringLiteral("10"));
    probeProperties.insert(QStringLiteral("fetch.error.backoff.ms"), QStringLiteral("10"));
    auto probeConf = makeConf(probeProperties);
    if (!probeConf)
        return probeConf.error();
    // Shared: a lookup abandoned at a stop keeps the probe (and its error target) until the lookup returns.
    auto probe = std::make_shared<SharedConsumer>();
    captureClientErrors(probeConf->get(), &probe->errors);
    auto probeHandle = makeClient(RD_KAFKA_CONSUMER, std::move(*probeConf));
    if (!probeHandle)
        return probeHandle.error();
    probe->handle = std::move(*probeHandle);
    rd_kafka_poll_set_consumer(probe->handle.get());
    RdKafkaOffsetOracle oracle(probe, m_options.topic, m_options.timeoutMs, &stop);
    OffsetResolver resolver(oracle, m_options.topic, m_log,
                            m_sandbox ? QCoreApplication::translate(
                                "KafkaSource", "the sandbox (librdkafka's mock cluster) answers every time lookup "
                                               "with \"no message at or after that time\"; kmsync finds the window's "
                                               "offsets by reading the partitions instead (expected, nothing is lost)")
                                      : QString());
    auto prefetched = resolver.prefetch(partitions, m_options.begin, m_options.end);
    if (!prefetched)
        return prefetched.error();
    std::vector<PartitionRange> ranges;
    for (const int32_t partition : partitions) {
        if (stop.stopRequested())
            return makeError(QStringLiteral("cancelled"),
                             QCoreApplication::translate("KafkaSource", "cancelled while resolving offsets"));
        const auto ledgerStart = m_options.startOffsets.find(partition);
        const OffsetSpec begin = ledgerStart != m_options.startOffsets.end() ? OffsetSpec::number(ledgerStart->second)
                                                                             : m_options.begin;
        auto resolved = resolver.resolve(partition, begin, m_options.end);
        if (!resolved)
            return resolved.error();
        m_resolved.push_back(*resolved);
        ranges.push_back(resolved->range);
        PartitionState state;
        state.partition = partition;
        state.start = resolved->range.startOffset;
        state.end = resolved->range.endOffset;
        state.next = state.start;
        state.openEnd = m_options.stopWhenPollEmpty && resolved->endTimeNotReached;
        state.endTimeMs = m_options.end.value;
        state.done = !state.openEnd && state.start >= state.end;
        state.leader = leaders.at(partition);
        m_states.push_back(state);
    }
    const int32_t maxPartition = partitions.empty() ? 0 : *std::max_element(partitions.begin(), partitions.end());
    m_stateIndex.assign(size_t(maxPartition) + 1, -1);
    RdPartitionListPtr assignment(rd_kafka_topic_partition_list_new(int(m_states.size())));
    for (size_t i = 0; i < m_states.size(); ++i) {
        m_stateIndex[size_t(m_states[i].partition)] = int(i);
        if (!m_states[i].done) {
            rd_kafka_topic_partition_list_add(assignment.get(), m_topicUtf8.constData(), m_states[i].partition)
                ->offset = m_states[i].start;
        }
    }
    const rd_kafka_resp_err_t err = rd_kafka_assign(m_consumer.get(), assignment.get());
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return makeError(QStringLiteral("kafka.assign"),
                         QCoreApplication::translate("KafkaSource", "cannot assign the partitions of topic %1: %2")
                             .arg(m_options.topic, QString::fromUtf8(rd_kafka_err2str(err))));
    }
    m_queue.reset(rd_kafka_queue_get_consumer(m_consumer.get()));
    m_batch.resize(kBatchCapacity);
    m_queueBoundBytes = int64_t(properties.value(QStringLiteral("queued.max.messages.kbytes")).toVariant().toLongLong())
                      * 1024;
    m_queueBoundMessages = properties.value(QStringLiteral("queued.min.messages")).toVariant().toLongLong();
    if (m_queueBoundBytes <= 0)
        m_queueBoundBytes = int64_t(65536) * 1024; // librdkafka's defaults
    if (m_queueBoundMessages <= 0)
        m_queueBoundMessages = 100000;
    if (const auto partitions = partitionPerLeader(); !partitions.empty())
        m_waker = std::make_unique<FetchWaker>(m_consumer.get(), m_topicUtf8, partitions,
                                               std::min(m_options.timeoutMs, 1000));
    m_lastReceived = std::chrono::steady_clock::now();
    m_exhausted = allDone();
    int64_t total = 0;
    for (const auto &r : ranges)
        total += r.count();
    log(LogLevel::Info, QCoreApplication::translate("KafkaSource", "topic %1: %2 partition(s), %3 message(s) to read")
                            .arg(m_options.topic)
                            .arg(ranges.size())
                            .arg(total));
    return ranges;
}

bool KafkaSource::allDone() const
{
    return std::all_of(m_states.begin(), m_states.end(), [](const PartitionState &s) { return s.done; });
}

void KafkaSource::finish(PartitionState &state)
{
    state.done = true;
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), m_topicUtf8.constData(), state.partition);
    rd_kafka_pause_partitions(m_consumer.get(), list.get()); // stop fetching beyond the end
    if (m_waker)
        m_waker->setPartitions(partitionPerLeader());
}

int64_t KafkaSource::fetchWakeups() const
{
    return m_waker ? m_waker->wakeCount() : 0;
}

// One partition per leader broker among the partitions still being read: what FetchWaker queries.
std::vector<int32_t> KafkaSource::partitionPerLeader() const
{
    std::vector<int32_t> leaders;
    std::vector<int32_t> partitions;
    for (const PartitionState &state : m_states) {
        if (state.done || std::find(leaders.begin(), leaders.end(), state.leader) != leaders.end())
            continue;
        leaders.push_back(state.leader);
        partitions.push_back(state.partition);
    }
    return partitions;
}

// Tells FetchWaker when the consumer queue has drained below half of the bounds at which librdkafka stops
// fetching (see fetchwaker.h), after having been above 60 % of them: the fetch restarts while the reader still
// has half a queue to work on. The queue's byte size is estimated from its length and the mean size of the
// messages read so far. An empty queue asks for a wake-up too (at most one per 100 ms), so a wrong estimate
// costs time, never progress.
void KafkaSource::pace(size_t queued)
{
    if (!m_waker)
        return;
    const double bytes = double(queued) * m_meanMessageBytes;
    const double fill = std::max(bytes / double(m_queueBoundBytes), double(queued) / double(m_queueBoundMessages));
    if (fill >= 0.6) {
        m_queueFilled = true;
    } else if (m_queueFilled && fill <= 0.5) {
        m_queueFilled = false;
        m_waker->request();
    } else if (queued == 0) {
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastEmptyWake >= std::chrono::milliseconds(100)) {
            m_lastEmptyWake = now;
            m_waker->request();
        }
    }
}

void KafkaSource::handle(rd_kafka_message_t *raw, std::vector<KafkaMessage> &out, Result<bool> &failure)
{
    const RdMessagePtr message(raw);
    if (message->rkt == nullptr && message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        // A client-level event (e.g. the broker went away); librdkafka retries, so it is only logged.
        log(LogLevel::Warning, QStringLiteral("Kafka: %1").arg(QString::fromUtf8(rd_kafka_message_errstr(raw))));
        return;
    }
    const int32_t partition = message->partition;
    if (partition < 0 || size_t(partition) >= m_stateIndex.size() || m_stateIndex[size_t(partition)] < 0)
        return;
    PartitionState &state = m_states[size_t(m_stateIndex[size_t(partition)])];
    if (state.done)
        return;
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (!state.openEnd && message->offset >= state.end)
            finish(state); // the rest of the range holds no messages (e.g. transaction markers)
        return;
    }
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        failure = makeError(QStringLiteral("kafka.consume"),
                            QCoreApplication::translate("KafkaSource", "reading topic %1 partition %2 failed: %3")
                                .arg(m_options.topic)
                                .arg(partition)
                                .arg(QString::fromUtf8(rd_kafka_message_errstr(raw))));
        return;
    }
    const int64_t offset = message->offset;
    if (offset < state.next)
        return; // already returned
    const int64_t timestamp = rd_kafka_message_timestamp(raw, nullptr);
    if (state.openEnd) {
        if (timestamp >= state.endTimeMs) {
            state.end = offset;
            finish(state);
            return;
        }
    } else if (offset >= state.end) {
        finish(state);
        return;
    }
    if (offset > state.next && state.next == state.start && !state.gapWarned) {
        state.gapWarned = true;
        log(LogLevel::Warning,
            QCoreApplication::translate("KafkaSource", "topic %1 partition %2: offsets %3 to %4 no longer exist "
                                                       "(retention deleted them); reading starts at %5")
                .arg(m_options.topic)
                .arg(partition)
                .arg(state.next)
                .arg(offset - 1)
                .arg(offset));
    }
    KafkaMessage &m = out.emplace_back();
    m.partition = partition;
    m.offset = offset;
    m.timestampMs = timestamp;
    if (message->key != nullptr)
        m.key.emplace(static_cast<const char *>(message->key), message->key_len);
    if (message->payload != nullptr)
        m.value.emplace(valueCopy(static_cast<const char *>(message->payload), message->len));
    rd_kafka_headers_t *headers = nullptr;
    if (m_options.readHeaders && rd_kafka_message_headers(raw, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR
        && headers != nullptr) {
        const size_t count = rd_kafka_header_cnt(headers);
        m.headers.reserve(count);
        const char *name = nullptr;
        const void *value = nullptr;
        size_t size = 0;
        for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
             ++i) {
            KafkaHeader &h = m.headers.emplace_back();
            h.name = name;
            if (value != nullptr)
                h.value.emplace(static_cast<const char *>(value), size);
        }
    }
    state.next = offset + 1;
    if (!state.openEnd && state.next >= state.end)
        finish(state);
}

std::string KafkaSource::valueCopy(const char *data, size_t size)
{
    std::string copy;
    if (!m_spareValues.empty()) {
        copy = std::move(m_spareValues.back());
        m_spareValues.pop_back();
    }
    if (copy.capacity() < size + kKafkaValueSlack)
        copy.reserve(size + kKafkaValueSlack);
    copy.assign(data, size);
    return copy;
}

void KafkaSource::recycle(std::vector<KafkaMessage> &messages)
{
    // Kept: up to kBatchCapacity buffers, none over 64 KiB (a run of a few large values does not hold their memory).
    constexpr size_t kMaxKeptCapacity = 64 * 1024;
    for (KafkaMessage &message : messages) {
        if (m_spareValues.size() >= size_t(kBatchCapacity))
            break;
        if (message.value && message.value->capacity() <= kMaxKeptCapacity)
            m_spareValues.push_back(std::move(*message.value));
    }
    messages.clear();
}

Result<bool> KafkaSource::poll(std::vector<KafkaMessage> &out, int maxMessages, int timeoutMs, const StopToken &stop)
{
    if (!m_consumer)
        return makeError(QStringLiteral("kafka.state"), QStringLiteral("poll() before open()"));
    if (m_exhausted)
        return false;
    const size_t before = out.size();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, timeoutMs));
    Result<bool> failure = true;
    while (true) {
        if (stop.stopRequested())
            break; // the caller sees the request and ends the run; what was read so far is returned
        const int room = std::min(kBatchCapacity, maxMessages - int(out.size() - before));
        if (room <= 0)
            break;
        ssize_t n = rd_kafka_consume_batch_queue(m_queue.get(), 0, m_batch.data(), size_t(room));
        if (n == 0) {
            // Nothing queued: wait (in short slices, to notice a stop request) for the first message.
            const auto now = std::chrono::steady_clock::now();
            if (out.size() > before || now >= deadline)
                break;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
            pace(0);
            rd_kafka_message_t *first = rd_kafka_consume_queue(m_queue.get(), int(std::min<int64_t>(left, 100)));
            if (first == nullptr) {
                if (m_options.stopWhenPollEmpty
                    && std::chrono::steady_clock::now() - m_lastReceived
                           >= std::chrono::seconds(m_options.waitTimeSeconds))
                    break;
                continue;
            }
            m_batch[0] = first;
            n = 1;
        }
        if (n < 0)
            return makeError(QStringLiteral("kafka.consume"),
                             QCoreApplication::translate("KafkaSource", "reading topic %1 failed: %2")
                                 .arg(m_options.topic, QString::fromUtf8(rd_kafka_err2str(rd_kafka_last_error()))));
        m_lastReceived = std::chrono::steady_clock::now();
        size_t bytes = 0;
        for (ssize_t i = 0; i < n; ++i)
            bytes += m_batch[size_t(i)]->len + m_batch[size_t(i)]->key_len;
        m_meanMessageBytes = (m_meanMessageBytes * double(m_messagesSeen) + double(bytes)) / double(m_messagesSeen + n);
        m_messagesSeen += n;
        pace(rd_kafka_queue_length(m_queue.get()));
        for (ssize_t i = 0; i < n; ++i)
            handle(m_batch[size_t(i)], out, failure); // takes ownership of each message
        if (!failure)
            return failure;
        if (allDone())
            break;
    }
    if (allDone()) {
        m_exhausted = true;
    } else if (!m_options.stopWhenPollEmpty && out.size() == before
               && std::chrono::steady_clock::now() - m_lastReceived >= std::chrono::milliseconds(m_options.timeoutMs)) {
        // Offsets remain to be read but nothing has arrived for the whole timeout: the broker is gone (or the
        // partition lost its leader). Fail clearly instead of waiting for ever.
        rd_kafka_poll(m_consumer.get(), 0); // serve the error callback
        QStringList pending;
        for (const auto &state : m_states) {
            if (!state.done)
                pending << QCoreApplication::translate("KafkaSource", "%1 (at %2 of %3)")
                               .arg(state.partition)
                               .arg(state.next)
                               .arg(state.end);
        }
        QString reason =
            m_errors->lastReason.isEmpty()
                ? QString()
                : QCoreApplication::translate("KafkaSource", " (last client error: %1)").arg(m_errors->lastReason);
        return makeError(QStringLiteral("kafka.unreachable"),
                         QCoreApplication::translate("KafkaSource",
                                                     "topic %1: no message for %2 s from %3 although partition(s) "
                                                     "%4 have offsets left to read; the broker stopped answering%5")
                             .arg(m_options.topic)
                             .arg(m_options.timeoutMs / 1000.0)
                             .arg(bootstrapOf(m_options.connection), pending.join(QStringLiteral(", ")), reason));
    } else if (m_options.stopWhenPollEmpty
               && std::chrono::steady_clock::now() - m_lastReceived
                      >= std::chrono::seconds(m_options.waitTimeSeconds)) {
        m_exhausted = true;
        log(LogLevel::Info,
            QCoreApplication::translate("KafkaSource",
                                        "topic %1: nothing polled for %2 s; stopping (stopWhenPollEmpty)")
                .arg(m_options.topic)
                .arg(m_options.waitTimeSeconds));
    }
    return out.size() > before || !m_exhausted;
}

std::vector<PartitionRange> KafkaSource::consumed() const
{
    std::vector<PartitionRange> ranges;
    ranges.reserve(m_states.size());
    for (const auto &s : m_states)
        ranges.push_back({s.partition, s.start, std::max(s.start, s.next)});
    return ranges;
}

Result<void> KafkaSource::commitOffsets()
{
    if (m_options.groupId.isEmpty())
        return {};
    if (!m_consumer)
        return makeError(QStringLiteral("kafka.state"), QStringLiteral("commitOffsets() before open()"));
    RdPartitionListPtr list(rd_kafka_topic_partition_list_new(int(m_states.size())));
    for (const auto &s : m_states)
        rd_kafka_topic_partition_list_add(list.get(), m_topicUtf8.constData(), s.partition)->offset = std::max(s.start,
                                                                                                               s.next);
    if (list->cnt == 0)
        return {};
    rd_kafka_resp_err_t err = rd_kafka_commit(m_consumer.get(), list.get(), 0);
    QString failed;
    for (int i = 0; err == RD_KAFKA_RESP_ERR_NO_ERROR && i < list->cnt; ++i) {
        if (list->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            err = list->elems[i].err;
            failed = QStringLiteral(" (partition %1)").arg(list->elems[i].partition);
        }
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return makeError(QStringLiteral("kafka.commit"),
                         QStringLiteral("committing the offsets of group \"%1\" on topic %2 failed%3: %4")
                             .arg(m_options.groupId, m_options.topic, failed,
                                  QString::fromUtf8(rd_kafka_err2str(err))));
    }
    log(LogLevel::Info,
        QCoreApplication::translate("KafkaSource", "committed the consumed offsets of topic %1 for group \"%2\"")
            .arg(m_options.topic, m_options.groupId));
    return {};
}

} // namespace kmsync::engine::kafka
