#pragma once

#include <vector>

#include <QJsonObject>
#include <QString>

#include "engine/core/kafkamessage.h"
#include "engine/core/result.h"

namespace kmsync::engine::kafka {

// Produces messages (explicit partition, timestamp, key, value and headers; offset is ignored) to a topic and
// waits until every one is acknowledged. partition -1 lets the partitioner choose; timestampMs <= 0 means now.
// Used by the sandbox, the tests and the benchmark; works on the mock cluster and on a real broker.
Result<void> produceMessages(const QJsonObject &connection, const QString &topic,
                             const std::vector<KafkaMessage> &messages, int timeoutMs = 60000);

} // namespace kmsync::engine::kafka
