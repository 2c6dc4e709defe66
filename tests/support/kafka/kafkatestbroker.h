#pragma once
// Test helper (header-only, tests include it directly): a Kafka broker as a data-driven fixture parameter.
// Row "mock" starts an in-process librdkafka mock cluster for the test; row "real" uses the broker whose
// PLAINTEXT address is in KMSYNC_TEST_KAFKA_BOOTSTRAP (scripts/kafka-broker.sh; CI sets it) and QSKIPs when
// the variable is unset. Topics get a unique suffix so that tests can run again against the same real broker.
//
//   void fields_data() { QTest::addColumn<QString>("broker"); for (auto b : KafkaTestBroker::kinds()) QTest::newRow(b)
//   << b; } void fields() { QFETCH(QString, broker); KMSYNC_OPEN_TEST_BROKER(kafka, broker); ... }

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <librdkafka/rdkafka.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUuid>

#include "engine/core/kafkamessage.h"
#include "engine/core/result.h"
#include "engine/kafka/kafkaadmin.h"
#include "engine/kafka/messageproducer.h"
#include "engine/kafka/mockcluster.h"

namespace kmsync::tests {

// A message to produce: explicit partition, timestamp, key, value and headers (the offset is the broker's).
inline engine::KafkaMessage message(int32_t partition, int64_t ts, std::optional<std::string> key,
                                    std::optional<std::string> value, std::vector<engine::KafkaHeader> headers = {})
{
    engine::KafkaMessage m;
    m.partition = partition;
    m.timestampMs = ts;
    m.key = std::move(key);
    m.value = std::move(value);
    m.headers = std::move(headers);
    return m;
}

// The offset a consumer group has committed for one partition, read back with librdkafka: < 0 when there is
// none (RD_KAFKA_OFFSET_INVALID), -2 when the lookup itself failed.
inline int64_t committedOffset(const QString &bootstrap, const QString &group, const QString &topic, int32_t partition)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), err, sizeof err);
    rd_kafka_conf_set(conf, "group.id", group.toUtf8().constData(), err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk)
        return -2;
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic.toUtf8().constData(), partition);
    int64_t offset = -2;
    if (rd_kafka_committed(rk, list, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR)
        offset = list->elems[0].offset;
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_destroy(rk);
    return offset;
}

class KafkaTestBroker
{
public:
    static QStringList kinds() { return {QStringLiteral("mock"), QStringLiteral("real")}; }
    static QString realBootstrap() { return qEnvironmentVariable("KMSYNC_TEST_KAFKA_BOOTSTRAP"); }
    // Why a row cannot run here (empty when it can).
    static QString skipReason(const QString &kind)
    {
        if (kind == QLatin1String("real") && realBootstrap().isEmpty()) {
            return QStringLiteral("real broker: KMSYNC_TEST_KAFKA_BOOTSTRAP is not set (run scripts/kafka-broker.sh "
                                  "start and eval \"$(scripts/kafka-broker.sh env)\"; CI sets it)");
        }
        return {};
    }

    static engine::Result<std::unique_ptr<KafkaTestBroker>> open(const QString &kind, int mockBrokers = 1)
    {
        std::unique_ptr<KafkaTestBroker> broker(new KafkaTestBroker());
        if (kind == QLatin1String("mock")) {
            auto cluster = engine::kafka::MockCluster::start(mockBrokers);
            if (!cluster)
                return cluster.error();
            broker->m_mock = std::move(*cluster);
            broker->m_bootstrap = broker->m_mock->bootstrapServers();
        } else {
            broker->m_bootstrap = realBootstrap();
            if (broker->m_bootstrap.isEmpty())
                return engine::makeError(QStringLiteral("test.broker"), skipReason(kind));
        }
        return broker;
    }

    bool isMock() const { return m_mock != nullptr; }
    QString bootstrapServers() const { return m_bootstrap; }
    QJsonObject connection() const { return QJsonObject{{QStringLiteral("bootstrap.servers"), m_bootstrap}}; }
    engine::kafka::MockCluster *mock() const { return m_mock.get(); }

    // Creates "<base>-<random>" with `partitions` partitions; returns the name.
    engine::Result<QString> createTopic(const QString &base, int partitions)
    {
        const QString name = base + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128).left(12);
        if (m_mock) {
            auto created = m_mock->createTopic(name, partitions);
            if (!created)
                return created.error();
            return name;
        }
        auto created = engine::kafka::createTopic(connection(), name, partitions, 30000);
        if (!created)
            return created.error();
        return name;
    }

    engine::Result<void> produce(const QString &topic, const std::vector<engine::KafkaMessage> &messages)
    {
        return engine::kafka::produceMessages(connection(), topic, messages, 60000);
    }

private:
    KafkaTestBroker() = default;

    std::unique_ptr<engine::kafka::MockCluster> m_mock;
    QString m_bootstrap;
};

} // namespace kmsync::tests

// Opens the row's broker into `var` (a std::unique_ptr<KafkaTestBroker>), or QSKIPs/QFAILs the test.
#define KMSYNC_OPEN_TEST_BROKER(var, kind)                                                                             \
    if (!kmsync::tests::KafkaTestBroker::skipReason(kind).isEmpty())                                                   \
        QSKIP(qPrintable(kmsync::tests::KafkaTestBroker::skipReason(kind)));                                           \
    auto var##Opened = kmsync::tests::KafkaTestBroker::open(kind);                                                     \
    QVERIFY2(var##Opened.ok(), qPrintable(var##Opened.ok() ? QString() : var##Opened.error().message));                \
    auto var = std::move(*var##Opened)
