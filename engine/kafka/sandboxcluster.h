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
    // The reference time: timestamps spread over the 48 hours before it. 0 = the default reference
    // (defaultReferenceMs(): the end of today in Asia/Shanghai), or now when relativeToNow is set.
    int64_t nowMs = 0;
    bool relativeToNow = false; // 0 nowMs: the current time instead of the end of today
    int64_t clockMs = 0;        // the clock for the defaults; 0 = the system clock (tests set it)
};

// The sandbox's zone, the one its `ts` field and its default reference time are in.
inline constexpr const char *kSandboxTimeZone = "Asia/Shanghai";

// The sandbox: an in-process mock Kafka cluster seeded with a realistic topic of JSON click events (nested
// objects, arrays, keys with dots), user-id keys (some null), headers on some messages (source, trace-id),
// timestamps over the 48 hours before a reference time (some out of order) and a few malformed JSON values. The
// content is deterministic for a given seed and reference time. The default reference is the end of the current
// day in Asia/Shanghai (next midnight there), so the data covers yesterday and today there: runs the same day see
// the same messages, and a given day's window (yesterday's, or an hour of today) holds the same counts every day.
class SandboxCluster
{
public:
    // The reference time start() uses for `options` at the time `clockMs` (0 = now): options.nowMs when set,
    // else now when relativeToNow, else the next midnight in Asia/Shanghai after clockMs.
    static int64_t referenceMs(const SandboxOptions &options);
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
// sandboxSeed, sandboxTopic, sandboxRelativeToNow) starts a sandbox into `holder` (unless holder already has one) and
// returns its bootstrap.servers; any other connection comes back without kmsync's own keys. Every consumer of
// connections (job, CLI, GUI) calls this; the holder keeps the sandbox alive.
Result<QJsonObject> resolveConnection(const QJsonObject &connection, std::unique_ptr<SandboxCluster> &holder);

// True for {"sandbox": true} (also "true").
bool isSandboxConnection(const QJsonObject &connection);

} // namespace kmsync::engine::kafka
