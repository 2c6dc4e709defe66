#include "engine/kafka/kafkaadmin.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <thread>

#include <QCoreApplication>

#include "engine/core/stoptoken.h"
#include "engine/kafka/kafkasource.h"
#include "engine/kafka/rdkafkahandles.h"
#include "engine/kafka/sandboxcluster.h"

namespace kmsync::engine::kafka {

namespace {

// A producer handle is the cheapest client for metadata and admin requests. It keeps the sandbox cluster
// the connection may name, and the client properties resolved from it, alive for as long as it is used.
struct AdminClient
{
    std::unique_ptr<SandboxCluster> sandbox;
    QJsonObject properties;
    std::unique_ptr<ClientErrors> errors = std::make_unique<ClientErrors>();
    RdKafkaPtr handle;
};

Result<AdminClient> connect(const QJsonObject &connection)
{
    AdminClient client;
    auto properties = resolveConnection(connection, client.sandbox);
    if (!properties)
        return properties.error();
    client.properties = *properties;
    auto conf = makeConf(client.properties);
    if (!conf)
        return conf.error();
    captureClientErrors(conf->get(), client.errors.get());
    auto handle = makeClient(RD_KAFKA_PRODUCER, std::move(*conf));
    if (!handle)
        return handle.error();
    client.handle = std::move(*handle);
    return client;
}

// A connected client together with the cluster metadata it fetched (destroyed before the client).
struct ClusterMetadata
{
    AdminClient client;
    RdMetadataPtr metadata;
};

Result<ClusterMetadata> connectAndFetchMetadata(const QJsonObject &connection, int timeoutMs, const StopToken *stop)
{
    auto client = connect(connection);
    if (!client)
        return client.error();
    ClusterMetadata out{std::move(*client), nullptr};
    auto metadata = fetchMetadata(out.client.handle.get(), *out.client.errors, out.client.properties, timeoutMs, stop);
    if (!metadata)
        return metadata.error();
    out.metadata = std::move(*metadata);
    return out;
}

} // namespace

Result<QStringList> listTopics(const QJsonObject &connection, int timeoutMs, const StopToken *stop)
{
    auto cluster = connectAndFetchMetadata(connection, timeoutMs, stop);
    if (!cluster)
        return cluster.error();
    const rd_kafka_metadata_t *metadata = cluster->metadata.get();
    QStringList topics;
    for (int i = 0; i < metadata->topic_cnt; ++i) {
        const QString name = QString::fromUtf8(metadata->topics[i].topic);
        if (!name.startsWith(QLatin1String("__")) && metadata->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
            topics << name;
    }
    topics.sort();
    return topics;
}

Result<QString> testConnection(const QJsonObject &connection, int timeoutMs, const StopToken *stop)
{
    auto cluster = connectAndFetchMetadata(connection, timeoutMs, stop);
    if (!cluster)
        return cluster.error();
    const rd_kafka_metadata_t *metadata = cluster->metadata.get();
    QStringList brokers;
    for (int i = 0; i < metadata->broker_cnt; ++i) {
        const auto &b = metadata->brokers[i];
        brokers << QCoreApplication::translate("KafkaAdmin", "id %1 at %2:%3")
                       .arg(b.id)
                       .arg(QString::fromUtf8(b.host))
                       .arg(b.port);
    }
    int topics = 0;
    for (int i = 0; i < metadata->topic_cnt; ++i) {
        if (!QString::fromUtf8(metadata->topics[i].topic).startsWith(QLatin1String("__")))
            ++topics;
    }
    // English plurals spelt out (kmsync-cli prints this without a translator); 简体中文 from the translations.
    const QString brokerCount = (brokers.size() == 1 ? QCoreApplication::translate("KafkaAdmin", "%1 broker")
                                                     : QCoreApplication::translate("KafkaAdmin", "%1 brokers"))
                                    .arg(brokers.size());
    const QString topicCount = (topics == 1 ? QCoreApplication::translate("KafkaAdmin", "%1 topic")
                                            : QCoreApplication::translate("KafkaAdmin", "%1 topics"))
                                   .arg(topics);
    return QCoreApplication::translate("KafkaAdmin", "Connected to %1: %2 (%3), %4.")
        .arg(bootstrapOf(cluster->client.properties), brokerCount, brokers.join(QStringLiteral(", ")), topicCount);
}

Result<std::vector<KafkaMessage>> fetchSample(const QJsonObject &connection, const QString &topic, int maxMessages,
                                              const SampleRange &range, int timeoutMs, const StopToken *stop)
{
    std::vector<KafkaMessage> messages;
    if (maxMessages <= 0)
        return messages;
    KafkaSourceOptions options;
    options.topic = topic;
    options.connection = connection;
    options.timeoutMs = timeoutMs;
    if (range.latest) {
        options.begin = OffsetSpec::latest(maxMessages);
        options.end = OffsetSpec::end();
    } else {
        options.begin = OffsetSpec::time(range.beginMs);
        options.end = OffsetSpec::time(range.endMs);
    }
    KafkaSource source(options);
    const StopToken neverStopped;
    const StopToken &stopToken = stop ? *stop : neverStopped;
    auto opened = source.open(stopToken);
    if (!opened)
        return opened.error();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    const int wanted = range.latest ? std::numeric_limits<int>::max() : maxMessages;
    while (int(messages.size()) < wanted) {
        const int room = std::min(10000, wanted - int(messages.size()));
        auto more = source.poll(messages, room, 200, stopToken);
        if (!more)
            return more.error();
        if (stopToken.stopRequested())
            return makeError(QString::fromLatin1(kCancelledCode),
                             QCoreApplication::translate("KafkaAdmin", "reading sample messages was cancelled"));
        if (!*more)
            break;
        if (std::chrono::steady_clock::now() > deadline) {
            if (messages.empty()) {
                return makeError(QStringLiteral("kafka.timeout"),
                                 QCoreApplication::translate("KafkaAdmin",
                                                             "no sample messages from topic \"%1\" within %2 ms")
                                     .arg(topic)
                                     .arg(timeoutMs));
            }
            break;
        }
    }
    if (range.latest) {
        std::stable_sort(messages.begin(), messages.end(),
                         [](const KafkaMessage &a, const KafkaMessage &b) { return a.timestampMs > b.timestampMs; });
        if (int(messages.size()) > maxMessages)
            messages.resize(size_t(maxMessages));
    }
    return messages;
}

Result<void> createTopic(const QJsonObject &connection, const QString &topic, int partitions, int timeoutMs,
                         int replicationFactor)
{
    auto client = connect(connection);
    if (!client)
        return client.error();
    rd_kafka_t *rk = client->handle.get();
    const QJsonObject &properties = client->properties;
    std::array<char, 512> errstr{};
    const QByteArray name = topic.toUtf8();
    RdNewTopicPtr newTopic(
        rd_kafka_NewTopic_new(name.constData(), partitions, replicationFactor, errstr.data(), errstr.size()));
    if (!newTopic) {
        return makeError(QStringLiteral("kafka.create_topic"),
                         QStringLiteral("topic \"%1\": %2").arg(topic, QString::fromUtf8(errstr.data())));
    }
    RdAdminOptionsPtr adminOptions(rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS));
    rd_kafka_AdminOptions_set_request_timeout(adminOptions.get(), timeoutMs, errstr.data(), errstr.size());
    rd_kafka_AdminOptions_set_operation_timeout(adminOptions.get(), timeoutMs, errstr.data(), errstr.size());
    RdQueuePtr queue(rd_kafka_queue_new(rk));
    rd_kafka_NewTopic_t *topics[] = {newTopic.get()};
    rd_kafka_CreateTopics(rk, topics, 1, adminOptions.get(), queue.get());
    RdEventPtr event(rd_kafka_queue_poll(queue.get(), timeoutMs + 1000));
    if (!event) {
        return makeError(QStringLiteral("kafka.timeout"),
                         QStringLiteral("creating topic \"%1\" on %2 got no answer within %3 ms")
                             .arg(topic, bootstrapOf(properties))
                             .arg(timeoutMs));
    }
    if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR)
        return connectionError(rk, *client->errors, rd_kafka_event_error(event.get()), properties, timeoutMs);
    const rd_kafka_CreateTopics_result_t *result = rd_kafka_event_CreateTopics_result(event.get());
    size_t count = 0;
    const rd_kafka_topic_result_t **results = rd_kafka_CreateTopics_result_topics(result, &count);
    for (size_t i = 0; i < count; ++i) {
        const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            const char *message = rd_kafka_topic_result_error_string(results[i]);
            return makeError(QStringLiteral("kafka.create_topic"),
                             QStringLiteral("creating topic \"%1\" failed: %2")
                                 .arg(topic, QString::fromUtf8(message != nullptr ? message : rd_kafka_err2str(err))));
        }
    }
    // Wait until every partition has a leader.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        auto metadata = fetchMetadata(rk, *client->errors, properties, timeoutMs);
        if (metadata) {
            for (int i = 0; i < (*metadata)->topic_cnt; ++i) {
                const auto &t = (*metadata)->topics[i];
                if (QString::fromUtf8(t.topic) != topic || t.err != RD_KAFKA_RESP_ERR_NO_ERROR
                    || t.partition_cnt != partitions)
                    continue;
                bool ready = true;
                for (int p = 0; p < t.partition_cnt; ++p)
                    ready = ready && t.partitions[p].leader >= 0 && t.partitions[p].err == RD_KAFKA_RESP_ERR_NO_ERROR;
                if (ready)
                    return {};
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return makeError(QStringLiteral("kafka.timeout"),
                     QStringLiteral("topic \"%1\" was created but its partitions had no leader within %2 ms")
                         .arg(topic)
                         .arg(timeoutMs));
}

} // namespace kmsync::engine::kafka
