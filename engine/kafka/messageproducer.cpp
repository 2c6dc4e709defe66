#include "engine/kafka/messageproducer.h"

#include "engine/kafka/rdkafkahandles.h"

namespace kmsync::engine::kafka {

namespace {

struct DeliveryState
{
    int64_t failed = 0;
    rd_kafka_resp_err_t firstError = RD_KAFKA_RESP_ERR_NO_ERROR;
};

void onDelivery(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque)
{
    auto *state = static_cast<DeliveryState *>(opaque);
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (state->failed++ == 0)
            state->firstError = message->err;
    }
}

} // namespace

Result<void> produceMessages(const QJsonObject &connection, const QString &topic,
                             const std::vector<KafkaMessage> &messages, int timeoutMs)
{
    // Idempotence keeps each partition's messages in the order given, exactly once, even when a batch is retried
    // (tests and the sandbox rely on offsets following that order).
    QJsonObject properties{
        {QStringLiteral("enable.idempotence"), QStringLiteral("true")},
        {QStringLiteral("linger.ms"), QStringLiteral("5")},
        {QStringLiteral("batch.num.messages"), QStringLiteral("10000")},
        {QStringLiteral("queue.buffering.max.messages"), QStringLiteral("1000000")},
        {QStringLiteral("queue.buffering.max.kbytes"), QStringLiteral("262144")},
        {QStringLiteral("message.timeout.ms"), QString::number(std::max(timeoutMs, 1000))},
    };
    for (auto it = connection.begin(); it != connection.end(); ++it)
        properties.insert(it.key(), it.value());
    auto conf = makeConf(properties);
    if (!conf)
        return conf.error();
    DeliveryState delivery;
    silenceClientLog(conf->get());
    rd_kafka_conf_set_opaque(conf->get(), &delivery);
    rd_kafka_conf_set_dr_msg_cb(conf->get(), &onDelivery);
    auto producer = makeClient(RD_KAFKA_PRODUCER, std::move(*conf));
    if (!producer)
        return producer.error();
    rd_kafka_t *rk = producer->get();
    const QByteArray topicName = topic.toUtf8();
    for (const KafkaMessage &m : messages) {
        rd_kafka_headers_t *headers = nullptr;
        if (!m.headers.empty()) {
            headers = rd_kafka_headers_new(m.headers.size());
            for (const auto &h : m.headers) {
                rd_kafka_header_add(headers, h.name.data(), ssize_t(h.name.size()), h.value ? h.value->data() : nullptr,
                                    h.value ? ssize_t(h.value->size()) : 0);
            }
        }
        while (true) {
            // The varargs macros of rdkafka.h need C-style casts internally; build with the _vu API instead.
            rd_kafka_vu_t vus[7];
            size_t n = 0;
            vus[n].vtype = RD_KAFKA_VTYPE_TOPIC;
            vus[n++].u.cstr = topicName.constData();
            vus[n].vtype = RD_KAFKA_VTYPE_PARTITION;
            vus[n++].u.i32 = m.partition >= 0 ? m.partition : RD_KAFKA_PARTITION_UA;
            vus[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
            vus[n++].u.i = RD_KAFKA_MSG_F_COPY;
            vus[n].vtype = RD_KAFKA_VTYPE_TIMESTAMP;
            vus[n++].u.i64 = m.timestampMs > 0 ? m.timestampMs : 0;
            if (m.value) {
                vus[n].vtype = RD_KAFKA_VTYPE_VALUE;
                vus[n].u.mem.ptr = const_cast<char *>(m.value->data());
                vus[n++].u.mem.size = m.value->size();
            }
            if (m.key) {
                vus[n].vtype = RD_KAFKA_VTYPE_KEY;
                vus[n].u.mem.ptr = const_cast<char *>(m.key->data());
                vus[n++].u.mem.size = m.key->size();
            }
            if (headers != nullptr) {
                vus[n].vtype = RD_KAFKA_VTYPE_HEADERS;
                vus[n++].u.headers = headers;
            }
            rd_kafka_error_t *error = rd_kafka_produceva(rk, vus, n);
            if (error == nullptr)
                break; // the message owns the headers now
            const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
            const QString text = QString::fromUtf8(rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
            if (code == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                rd_kafka_poll(rk, 50);
                continue;
            }
            if (headers != nullptr)
                rd_kafka_headers_destroy(headers);
            return makeError(QStringLiteral("kafka.produce"),
                             QStringLiteral("cannot produce to topic \"%1\" partition %2: %3")
                                 .arg(topic)
                                 .arg(m.partition)
                                 .arg(text));
        }
        rd_kafka_poll(rk, 0);
    }
    const rd_kafka_resp_err_t flushed = rd_kafka_flush(rk, timeoutMs);
    if (flushed != RD_KAFKA_RESP_ERR_NO_ERROR || rd_kafka_outq_len(rk) > 0) {
        return makeError(QStringLiteral("kafka.produce"),
                         QStringLiteral("%1 message(s) to topic \"%2\" were not acknowledged within %3 ms")
                             .arg(rd_kafka_outq_len(rk))
                             .arg(topic)
                             .arg(timeoutMs));
    }
    if (delivery.failed > 0) {
        return makeError(QStringLiteral("kafka.produce"),
                         QStringLiteral("%1 message(s) to topic \"%2\" failed: %3")
                             .arg(delivery.failed)
                             .arg(topic, QString::fromUtf8(rd_kafka_err2str(delivery.firstError))));
    }
    return {};
}

} // namespace kmsync::engine::kafka
