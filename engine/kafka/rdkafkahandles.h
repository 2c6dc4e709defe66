#pragma once

#include <memory>

#include <librdkafka/rdkafka.h>

#include <QJsonObject>
#include <QString>

#include "engine/core/result.h"
#include "engine/core/stoptoken.h"

namespace kmsync::engine::kafka {

// RAII owners for librdkafka handles (never a bare *_destroy in our code).
struct RdKafkaDeleter
{
    void operator()(rd_kafka_t *rk) const noexcept { rd_kafka_destroy(rk); }
    void operator()(rd_kafka_conf_t *conf) const noexcept { rd_kafka_conf_destroy(conf); }
    void operator()(rd_kafka_queue_t *queue) const noexcept { rd_kafka_queue_destroy(queue); }
    void operator()(rd_kafka_topic_partition_list_t *list) const noexcept
    {
        rd_kafka_topic_partition_list_destroy(list);
    }
    void operator()(rd_kafka_message_t *message) const noexcept { rd_kafka_message_destroy(message); }
    void operator()(const rd_kafka_metadata_t *metadata) const noexcept { rd_kafka_metadata_destroy(metadata); }
    void operator()(rd_kafka_AdminOptions_t *options) const noexcept { rd_kafka_AdminOptions_destroy(options); }
    void operator()(rd_kafka_NewTopic_t *topic) const noexcept { rd_kafka_NewTopic_destroy(topic); }
    void operator()(rd_kafka_event_t *event) const noexcept { rd_kafka_event_destroy(event); }
};

using RdKafkaPtr = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;
using RdConfPtr = std::unique_ptr<rd_kafka_conf_t, RdKafkaDeleter>;
using RdQueuePtr = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using RdPartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaDeleter>;
using RdMessagePtr = std::unique_ptr<rd_kafka_message_t, RdKafkaDeleter>;
using RdMetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;
using RdAdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using RdNewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, RdKafkaDeleter>;
using RdEventPtr = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;

// Keys of a connection object that are kmsync's own, not librdkafka properties.
bool isKmsyncConnectionKey(const QString &key);

// Sets one property; the error names the key but never the value (it may be a secret).
Result<void> setConfProperty(rd_kafka_conf_t *conf, const QString &key, const QString &value);

// A configuration from a connection object (librdkafka properties; values may be strings, numbers or bools)
// and, optionally, extra properties (the reader's kafkaConfig) that override it.
Result<RdConfPtr> makeConf(const QJsonObject &connection, const QJsonObject &extra = {});

// What librdkafka reported through its error callback while a handle was connecting.
struct ClientErrors
{
    rd_kafka_resp_err_t lastCode = RD_KAFKA_RESP_ERR_NO_ERROR;
    QString lastReason;
    bool authFailed = false;
    QString authReason;
    bool tlsFailed = false; // e.g. the broker's certificate is not trusted, or the listener speaks no TLS
    QString tlsReason;
    // Every bootstrap broker refused, failed to resolve or dropped the connection
    // (RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN): the outcome of a first contact is certain, no need to wait for the
    // timeout.
    bool allBrokersDown = false;
};

// Installs an error callback that records into `errors` (which must outlive the handle). The callback
// runs when the handle's main queue is served (rd_kafka_poll).
void captureClientErrors(rd_kafka_conf_t *conf, ClientErrors *errors);

// Drops librdkafka's own log lines (they would go to stderr).
void silenceClientLog(rd_kafka_conf_t *conf);

// Creates a handle; takes ownership of conf.
Result<RdKafkaPtr> makeClient(rd_kafka_type_t type, RdConfPtr conf);

// The connection's bootstrap.servers value for messages ("(none)" when unset).
QString bootstrapOf(const QJsonObject &connection);

// Turns a failed metadata request (or other first broker contact) into a specific error:
// kafka.auth, kafka.tls, kafka.unreachable or kafka.metadata.
Error connectionError(rd_kafka_t *rk, ClientErrors &errors, rd_kafka_resp_err_t err, const QJsonObject &connection,
                      int timeoutMs);

// Fetches cluster metadata (all topics when topic is empty), mapping failures with connectionError(). Asks in
// slices of at most 250 ms, so a set `stop` ends it within one slice (Error kCancelledCode). It fails as soon as
// the outcome is certain (every broker refused or unresolvable, authentication or TLS rejected); the timeout is
// only for a broker that stays silent.
Result<RdMetadataPtr> fetchMetadata(rd_kafka_t *rk, ClientErrors &errors, const QJsonObject &connection, int timeoutMs,
                                    const StopToken *stop = nullptr);

} // namespace kmsync::engine::kafka
