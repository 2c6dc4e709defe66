#include "engine/kafka/mockcluster.h"

namespace kmsync::engine::kafka {

Result<std::unique_ptr<MockCluster>> MockCluster::start(int brokers)
{
    RdConfPtr conf(rd_kafka_conf_new());
    silenceClientLog(conf.get());
    auto owner = makeClient(RD_KAFKA_PRODUCER, std::move(conf));
    if (!owner)
        return owner.error();
    std::unique_ptr<MockCluster> cluster(new MockCluster());
    cluster->m_owner = std::move(*owner);
    cluster->m_cluster = rd_kafka_mock_cluster_new(cluster->m_owner.get(), brokers);
    if (cluster->m_cluster == nullptr) {
        return makeError(QStringLiteral("kafka.mock"),
                         QStringLiteral("cannot start a mock Kafka cluster with %1 broker(s)").arg(brokers));
    }
    cluster->m_bootstrap = QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(cluster->m_cluster));
    return cluster;
}

MockCluster::~MockCluster()
{
    if (m_cluster != nullptr)
        rd_kafka_mock_cluster_destroy(m_cluster);
    m_owner.reset();
}

QJsonObject MockCluster::connection() const
{
    return QJsonObject{{QStringLiteral("bootstrap.servers"), m_bootstrap}};
}

Result<void> MockCluster::createTopic(const QString &name, int partitions, int replicationFactor)
{
    if (partitions < 1) {
        return makeError(QStringLiteral("kafka.mock"),
                         QStringLiteral("topic \"%1\": %2 partitions; at least 1 is needed").arg(name).arg(partitions));
    }
    const QByteArray topic = name.toUtf8();
    const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(m_cluster, topic.constData(), partitions,
                                                               replicationFactor);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return makeError(QStringLiteral("kafka.mock"),
                         QStringLiteral("cannot create topic \"%1\" on the mock cluster: %2")
                             .arg(name, QString::fromUtf8(rd_kafka_err2str(err))));
    }
    return {};
}

} // namespace kmsync::engine::kafka
