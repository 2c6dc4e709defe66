#pragma once

#include <memory>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <QJsonObject>
#include <QString>

#include "engine/core/result.h"
#include "engine/kafka/rdkafkahandles.h"

namespace kmsync::engine::kafka {

// An in-process librdkafka mock cluster (PLAINTEXT on 127.0.0.1, random ports). It lives until destroyed.
// Known limits of librdkafka 2.0.2's mock: every offsetsForTimes lookup answers "end" (-1), and it keeps about
// 5 MB per partition.
class MockCluster
{
public:
    static Result<std::unique_ptr<MockCluster>> start(int brokers = 1);
    ~MockCluster();
    MockCluster(const MockCluster &) = delete;
    MockCluster &operator=(const MockCluster &) = delete;

    QString bootstrapServers() const { return m_bootstrap; }
    // {"bootstrap.servers": "..."}: a connection for every kmsync Kafka function.
    QJsonObject connection() const;
    Result<void> createTopic(const QString &name, int partitions, int replicationFactor = 1);
    // For fault injection in tests (rd_kafka_mock_broker_set_down, rd_kafka_mock_push_request_errors, ...).
    rd_kafka_mock_cluster_t *handle() const { return m_cluster; }

private:
    MockCluster() = default;

    RdKafkaPtr m_owner; // the handle the mock cluster belongs to
    rd_kafka_mock_cluster_t *m_cluster = nullptr;
    QString m_bootstrap;
};

} // namespace kmsync::engine::kafka
