#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <QJsonObject>
#include <QString>

#include "engine/core/kafkamessage.h"
#include "engine/core/result.h"
#include "engine/kafka/mockcluster.h"

namespace kmsync::engine::kafka {

struct SandboxOptions
{
    int partitions = 4;
    int messages = 3000;
    uint32_t seed = 1;
    QString topic = QStringLiteral("clicks");
    int64_t nowMs = 0; // timestamps spread over the 48 hours before this; 0 = the current time
};

// The sandbox: an in-process mock Kafka cluster seeded with a realistic topic of JSON click events (nested
// objects, arrays, keys with dots), user-id keys (some null), headers on some messages (source, trace-id),
// timestamps over the last 48 hours (some out of order) and a few malformed JSON values. The content is
// deterministic for a given seed and `now`.
class SandboxCluster
{
public:
    static Result<std::unique_ptr<SandboxCluster>> start(const SandboxOptions &options = {});
    // The messages start() produces (partition, timestamp, key, value, headers; offsets in partition order).
    static std::vector<KafkaMessage> generateMessages(const SandboxOptions &options, int64_t nowMs);

    QString bootstrapServers() const { return m_cluster->bootstrapServers(); }
    QJsonObject connection() const { return m_cluster->connection(); }
    QString topic() const { return m_options.topic; }
    const SandboxOptions &options() const { return m_options; }
    const std::vector<KafkaMessage> &messages() const { return m_messages; }
    MockCluster &cluster() { return *m_cluster; }
    // A few lines for people: topic, partitions, counts and time span per partition, key/header/value notes.
    QString summary() const;

private:
    SandboxCluster() = default;

    SandboxOptions m_options;
    std::unique_ptr<MockCluster> m_cluster;
    std::vector<KafkaMessage> m_messages;
};

// Turns a connection into librdkafka properties. {"sandbox": true} (optional sandboxPartitions, sandboxMessages,
// sandboxSeed, sandboxTopic) starts a sandbox into `holder` (unless holder already has one) and returns its
// bootstrap.servers; any other connection comes back without kmsync's own keys. Every consumer of connections
// (job, CLI, GUI) calls this; the holder keeps the sandbox alive.
Result<QJsonObject> resolveConnection(const QJsonObject &connection, std::unique_ptr<SandboxCluster> &holder);

// True for {"sandbox": true} (also "true").
bool isSandboxConnection(const QJsonObject &connection);

} // namespace kmsync::engine::kafka
