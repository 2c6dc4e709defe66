#include "engine/kafka/rdkafkahandles.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <QCoreApplication>
#include <QJsonValue>

namespace kmsync::engine::kafka {

namespace {

QString jsonToPropertyText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d);
    }
    return value.toString();
}

void errorCallback(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    auto *errors = static_cast<ClientErrors *>(opaque);
    if (errors == nullptr)
        return;
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    const QString text = QString::fromUtf8(reason != nullptr ? reason : "");
    if (code == RD_KAFKA_RESP_ERR__AUTHENTICATION || code == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED
        || code == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED
        || code == RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED) {
        errors->authFailed = true;
        errors->authReason = text;
    }
    // A listener that closes the connection during the TLS handshake is no TLS listener (librdkafka asks
    // "connecting to a PLAINTEXT broker listener?") or rejects the client: a TLS failure, not a network one.
    if (code == RD_KAFKA_RESP_ERR__SSL
        || (code == RD_KAFKA_RESP_ERR__TRANSPORT && text.contains(QLatin1String("in state SSL_HANDSHAKE")))) {
        errors->tlsFailed = true;
        errors->tlsReason = text;
    }
    if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
        errors->allBrokersDown = true;
        // "all brokers down" says less than the transport error before it; keep the more specific reason.
        if (!errors->lastReason.isEmpty())
            return;
    }
    errors->lastCode = code;
    errors->lastReason = text;
}

} // namespace

bool isKmsyncConnectionKey(const QString &key)
{
    static const std::array<QLatin1String, 7> own{
        QLatin1String("sandbox"),     QLatin1String("sandboxPartitions"), QLatin1String("sandboxMessages"),
        QLatin1String("sandboxSeed"), QLatin1String("sandboxTopic"),      QLatin1String("sandboxRelativeToNow"),
        QLatin1String("timeoutMs"),
    };
    for (const auto &k : own) {
        if (key == k)
            return true;
    }
    return false;
}

Result<void> setConfProperty(rd_kafka_conf_t *conf, const QString &key, const QString &value)
{
    std::array<char, 512> errstr{};
    const QByteArray k = key.toUtf8();
    const QByteArray v = value.toUtf8();
    if (rd_kafka_conf_set(conf, k.constData(), v.constData(), errstr.data(), errstr.size()) != RD_KAFKA_CONF_OK) {
        // librdkafka's reason may quote the value; never for a secret.
        const QString lower = key.toLower();
        const bool secret = lower.contains(QLatin1String("password")) || lower.contains(QLatin1String("secret"))
                         || lower.contains(QLatin1String("key")) || lower.contains(QLatin1String("token"))
                         || lower.contains(QLatin1String("jaas"));
        return makeError(QStringLiteral("kafka.config"),
                         secret ? QCoreApplication::translate("KafkaClient",
                                                              "Kafka property \"%1\" was rejected (value not shown)")
                                      .arg(key)
                                : QCoreApplication::translate("KafkaClient", "Kafka property \"%1\" was rejected: %2")
                                      .arg(key, QString::fromUtf8(errstr.data())));
    }
    return {};
}

Result<RdConfPtr> makeConf(const QJsonObject &connection, const QJsonObject &extra)
{
    RdConfPtr conf(rd_kafka_conf_new());
    for (const QJsonObject *source : {&connection, &extra}) {
        for (auto it = source->begin(); it != source->end(); ++it) {
            if (isKmsyncConnectionKey(it.key()))
                continue;
            if (it.value().isObject() || it.value().isArray() || it.value().isNull()) {
                return makeError(QStringLiteral("kafka.config"),
                                 QCoreApplication::translate(
                                     "KafkaClient", "Kafka property \"%1\" must be a string, number or boolean")
                                     .arg(it.key()));
            }
            auto set = setConfProperty(conf.get(), it.key(), jsonToPropertyText(it.value()));
            if (!set)
                return set.error();
        }
    }
    return conf;
}

void captureClientErrors(rd_kafka_conf_t *conf, ClientErrors *errors)
{
    rd_kafka_conf_set_opaque(conf, errors);
    rd_kafka_conf_set_error_cb(conf, &errorCallback);
    silenceClientLog(conf);
}

void silenceClientLog(rd_kafka_conf_t *conf)
{
    // librdkafka would print connection noise to stderr; errors reach us through the error callback.
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t *, int, const char *, const char *) {});
}

Result<RdKafkaPtr> makeClient(rd_kafka_type_t type, RdConfPtr conf)
{
    std::array<char, 512> errstr{};
    rd_kafka_t *rk = rd_kafka_new(type, conf.get(), errstr.data(), errstr.size());
    if (rk == nullptr) {
        return makeError(QStringLiteral("kafka.config"),
                         QCoreApplication::translate("KafkaClient", "cannot create the Kafka client: %1")
                             .arg(QString::fromUtf8(errstr.data())));
    }
    static_cast<void>(conf.release()); // rd_kafka_new() owns it now
    return RdKafkaPtr(rk);
}

QString bootstrapOf(const QJsonObject &connection)
{
    QString servers = connection.value(QLatin1String("bootstrap.servers")).toString();
    if (servers.isEmpty())
        servers = connection.value(QLatin1String("metadata.broker.list")).toString();
    return servers.isEmpty() ? QStringLiteral("(none)") : servers;
}

Error connectionError(rd_kafka_t *rk, ClientErrors &errors, rd_kafka_resp_err_t err, const QJsonObject &connection,
                      int timeoutMs)
{
    rd_kafka_poll(rk, 0); // serve the error callbacks queued while connecting
    const QString servers = bootstrapOf(connection);
    if (errors.authFailed || err == RD_KAFKA_RESP_ERR__AUTHENTICATION
        || err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED) {
        const QString reason = errors.authReason.isEmpty() ? QString::fromUtf8(rd_kafka_err2str(err))
                                                           : errors.authReason;
        return makeError(QStringLiteral("kafka.auth"),
                         QCoreApplication::translate("KafkaClient", "SASL authentication failed on %1: %2")
                             .arg(servers, reason));
    }
    if (errors.tlsFailed || err == RD_KAFKA_RESP_ERR__SSL) {
        const QString reason = errors.tlsReason.isEmpty() ? QString::fromUtf8(rd_kafka_err2str(err)) : errors.tlsReason;
        return makeError(QStringLiteral("kafka.tls"),
                         QCoreApplication::translate("KafkaClient", "TLS handshake with %1 failed: %2")
                             .arg(servers, reason));
    }
    QString reason = errors.lastReason;
    if (reason.isEmpty())
        reason = QString::fromUtf8(rd_kafka_err2str(err));
    if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__TIMED_OUT
        || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || err == RD_KAFKA_RESP_ERR__RESOLVE) {
        // Said as it happened: a refusal or a failed name lookup is known at once (the attempt ends then), only
        // silence waits for the timeout.
        if (errors.allBrokersDown || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || err == RD_KAFKA_RESP_ERR__RESOLVE) {
            return makeError(QStringLiteral("kafka.unreachable"),
                             QCoreApplication::translate("KafkaClient",
                                                         "cannot reach %1: every bootstrap broker refused the "
                                                         "connection or could not be resolved: %2")
                                 .arg(servers, reason));
        }
        return makeError(QStringLiteral("kafka.unreachable"),
                         QCoreApplication::translate("KafkaClient", "cannot reach %1 within %2 s: %3")
                             .arg(servers)
                             .arg(double(timeoutMs) / 1000.0)
                             .arg(reason));
    }
    return makeError(QStringLiteral("kafka.metadata"),
                     QCoreApplication::translate("KafkaClient", "metadata request to %1 failed: %2")
                         .arg(servers, reason));
}

Result<RdMetadataPtr> fetchMetadata(rd_kafka_t *rk, ClientErrors &errors, const QJsonObject &connection, int timeoutMs,
                                    const StopToken *stop)
{
    // Asks in slices so that an authentication failure is reported at once, not at the timeout, and a stop soon.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        const rd_kafka_metadata_t *metadata = nullptr;
        const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &metadata,
                                                          int(std::clamp<int64_t>(left, 1, 250)));
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
            return RdMetadataPtr(metadata);
        rd_kafka_poll(rk, 0);
        if (stop && stop->stopRequested()) {
            return makeError(QString::fromLatin1(kCancelledCode),
                             QCoreApplication::translate("KafkaClient", "asking %1 for its metadata was cancelled")
                                 .arg(bootstrapOf(connection)));
        }
        if (errors.authFailed || errors.tlsFailed || errors.allBrokersDown || left <= 250)
            return connectionError(rk, errors, err, connection, timeoutMs);
    }
}

} // namespace kmsync::engine::kafka
