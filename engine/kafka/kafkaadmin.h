#pragma once

#include <cstdint>
#include <vector>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "engine/core/kafkamessage.h"
#include "engine/core/result.h"
#include "engine/core/stoptoken.h"

namespace kmsync::engine::kafka {

// One-shot Kafka utilities for the GUI and the CLI. `connection` holds librdkafka properties; a
// {"sandbox": true} connection starts a throwaway sandbox for the call (keep one alive with
// resolveConnection() to see the same data across calls). Errors: kafka.unreachable, kafka.auth,
// kafka.topic_missing, kafka.config, each within timeoutMs; a set `stop` (may be null) ends a call within a
// quarter of a second with the Error kCancelledCode.

// Topic names, sorted, without internal topics (names starting with "__").
Result<QStringList> listTopics(const QJsonObject &connection, int timeoutMs, const StopToken *stop = nullptr);

// A one-line summary in plain words, e.g. "Connected to 127.0.0.1:9092: 1 broker (id 1 at 127.0.0.1:9092), 3 topics."
Result<QString> testConnection(const QJsonObject &connection, int timeoutMs, const StopToken *stop = nullptr);

// Which messages fetchSample() returns.
struct SampleRange
{
    bool latest = true;  // the newest messages of the topic (by timestamp, across partitions)
    int64_t beginMs = 0; // otherwise: the messages in [beginMs, endMs) by the same rules as a task
    int64_t endMs = 0;

    static SampleRange latestMessages() { return {}; }
    static SampleRange timeRange(int64_t beginMs, int64_t endMs) { return {false, beginMs, endMs}; }
};

// Up to maxMessages messages of a topic: the latest (newest first) or the first ones of a time range
// (in partition, offset order).
Result<std::vector<KafkaMessage>> fetchSample(const QJsonObject &connection, const QString &topic, int maxMessages,
                                              const SampleRange &range, int timeoutMs, const StopToken *stop = nullptr);

// Creates a topic with the Admin API and waits until its partitions have leaders (real brokers; the mock
// cluster uses MockCluster::createTopic()).
Result<void> createTopic(const QJsonObject &connection, const QString &topic, int partitions, int timeoutMs,
                         int replicationFactor = 1);

} // namespace kmsync::engine::kafka
