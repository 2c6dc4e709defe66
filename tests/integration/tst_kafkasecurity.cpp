// link: kmsync_core PkgConfig::RDKAFKA
// Connects to the real test broker (scripts/kafka-broker.sh) in every security mode kmsync supports:
// PLAINTEXT, SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256, and SSL with the test CA; and proves that a wrong
// password or an untrusted CA fails with an error that names the cause, within the timeout, never a hang.
// The broker's addresses, users and CA come from `eval "$(scripts/kafka-broker.sh env)"` (scripts/test.sh does it).
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

#include "engine/core/result.h"

using kmsync::engine::Error;
using kmsync::engine::Result;

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

// --- The connection check under test ------------------------------------------------------------------------
// A metadata request with librdkafka, as kmsync's "Test connection" does: it returns at once when librdkafka
// reports an authentication or TLS error instead of waiting for the timeout.

struct ErrorSink
{
    std::mutex mutex;
    rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;
    QString message;
};

void onError(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    auto *sink = static_cast<ErrorSink *>(opaque);
    const std::lock_guard lock(sink->mutex);
    const auto code = static_cast<rd_kafka_resp_err_t>(err);
    // Keep the most specific error: authentication and TLS failures win over transport noise.
    const bool specific = code == RD_KAFKA_RESP_ERR__AUTHENTICATION || code == RD_KAFKA_RESP_ERR__SSL
                          || code == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED;
    const bool haveSpecific = sink->code == RD_KAFKA_RESP_ERR__AUTHENTICATION || sink->code == RD_KAFKA_RESP_ERR__SSL
                              || sink->code == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED;
    if (specific || !haveSpecific) {
        sink->code = code;
        sink->message = QString::fromUtf8(reason);
    }
}

struct KafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
struct ConfDeleter
{
    void operator()(rd_kafka_conf_t *conf) const { rd_kafka_conf_destroy(conf); }
};

QString errorCodeFor(rd_kafka_resp_err_t err, const QString &message)
{
    if (err == RD_KAFKA_RESP_ERR__AUTHENTICATION || err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED)
        return QStringLiteral("kafka.authentication");
    if (err == RD_KAFKA_RESP_ERR__SSL || message.contains(QLatin1String("certificate")))
        return QStringLiteral("kafka.tls");
    if (err == RD_KAFKA_RESP_ERR__TIMED_OUT)
        return QStringLiteral("kafka.timeout");
    return QStringLiteral("kafka.connection");
}

Result<QString> testConnection(const QJsonObject &connection, int timeoutMs)
{
    std::unique_ptr<rd_kafka_conf_t, ConfDeleter> conf(rd_kafka_conf_new());
    std::array<char, 512> errstr{};
    for (auto it = connection.begin(); it != connection.end(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const QByteArray value = it.value().toVariant().toString().toUtf8();
        if (rd_kafka_conf_set(conf.get(), key.constData(), value.constData(), errstr.data(), errstr.size())
            != RD_KAFKA_CONF_OK)
            return Error{QStringLiteral("kafka.config"), QString::fromUtf8(errstr.data())};
    }
    auto sink = std::make_unique<ErrorSink>();
    rd_kafka_conf_set_opaque(conf.get(), sink.get());
    rd_kafka_conf_set_error_cb(conf.get(), &onError);
    rd_kafka_conf_set(conf.get(), "socket.timeout.ms", QByteArray::number(timeoutMs).constData(), errstr.data(),
                      errstr.size());
    std::unique_ptr<rd_kafka_t, KafkaDeleter> rk(
        rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr.data(), errstr.size()));
    if (!rk)
        return Error{QStringLiteral("kafka.config"), QString::fromUtf8(errstr.data())};
    (void)conf.release(); // rd_kafka_new took it

    QElapsedTimer clock;
    clock.start();
    while (true) {
        const auto left = timeoutMs - clock.elapsed();
        const rd_kafka_metadata_t *md = nullptr;
        const auto err = rd_kafka_metadata(rk.get(), 0, nullptr, &md, static_cast<int>(std::clamp<qint64>(left, 1, 250)));
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            const int brokers = md->broker_cnt;
            rd_kafka_metadata_destroy(md);
            return QStringLiteral("connected: %1 broker(s)").arg(brokers);
        }
        rd_kafka_poll(rk.get(), 0); // deliver error callbacks
        {
            const std::lock_guard lock(sink->mutex);
            if (sink->code == RD_KAFKA_RESP_ERR__AUTHENTICATION || sink->code == RD_KAFKA_RESP_ERR__SSL
                || sink->code == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED)
                return Error{errorCodeFor(sink->code, sink->message), sink->message};
        }
        if (clock.elapsed() >= timeoutMs) {
            const std::lock_guard lock(sink->mutex);
            const QString detail = sink->message.isEmpty() ? QString::fromUtf8(rd_kafka_err2str(err)) : sink->message;
            return Error{QStringLiteral("kafka.timeout"),
                         QStringLiteral("No answer from %1 within %2 ms: %3")
                             .arg(connection.value(QStringLiteral("bootstrap.servers")).toString())
                             .arg(timeoutMs)
                             .arg(detail)};
        }
    }
}

} // namespace

class TestKafkaSecurity final : public QObject
{
    Q_OBJECT

private:
    static constexpr int kConnectTimeoutMs = 15000;
    static constexpr int kFailTimeoutMs = 6000;
    static constexpr int kMarginMs = 3000;

    static QJsonObject plaintext()
    {
        return {{QStringLiteral("bootstrap.servers"), env("KMSYNC_TEST_KAFKA_BOOTSTRAP")}};
    }
    static QJsonObject sasl(const QString &mechanism, const QString &user, const QString &password)
    {
        return {{QStringLiteral("bootstrap.servers"), env("KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP")},
                {QStringLiteral("security.protocol"), QStringLiteral("SASL_PLAINTEXT")},
                {QStringLiteral("sasl.mechanism"), mechanism},
                {QStringLiteral("sasl.username"), user},
                {QStringLiteral("sasl.password"), password}};
    }
    static QJsonObject ssl(const QString &caPath)
    {
        QJsonObject c{{QStringLiteral("bootstrap.servers"), env("KMSYNC_TEST_KAFKA_SSL_BOOTSTRAP")},
                      {QStringLiteral("security.protocol"), QStringLiteral("SSL")}};
        if (!caPath.isEmpty())
            c.insert(QStringLiteral("ssl.ca.location"), caPath);
        return c;
    }

    // librdkafka before 2.6.1 sends a SCRAM client-final-message that Kafka 4.x brokers reject as
    // "invalid credentials" (confluentinc/librdkafka#4895). Debian 12 ships 2.0.2.
    static bool scramBrokenWithThisBroker()
    {
        const int brokerMajor = env("KMSYNC_TEST_KAFKA_VERSION").section(QLatin1Char('.'), 0, 0).toInt();
        return rd_kafka_version() < 0x02060100 && (brokerMajor == 0 || brokerMajor >= 4);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (env("KMSYNC_TEST_KAFKA_BOOTSTRAP").isEmpty())
            QSKIP("KMSYNC_TEST_KAFKA_BOOTSTRAP is not set: start the test broker with "
                  "`scripts/kafka-broker.sh start && eval \"$(scripts/kafka-broker.sh env)\"` (scripts/test.sh does it)");
        for (const char *name : {"KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP", "KMSYNC_TEST_KAFKA_SSL_BOOTSTRAP",
                                 "KMSYNC_TEST_KAFKA_CA", "KMSYNC_TEST_KAFKA_PLAIN_USER",
                                 "KMSYNC_TEST_KAFKA_PLAIN_PASSWORD", "KMSYNC_TEST_KAFKA_SCRAM_USER",
                                 "KMSYNC_TEST_KAFKA_SCRAM_PASSWORD"})
            QVERIFY2(!env(name).isEmpty(), name);
    }

    void connects_data()
    {
        QTest::addColumn<QJsonObject>("connection");
        QTest::addColumn<bool>("scram");
        QTest::newRow("PLAINTEXT") << plaintext() << false;
        QTest::newRow("SASL_PLAINTEXT PLAIN")
            << sasl(QStringLiteral("PLAIN"), env("KMSYNC_TEST_KAFKA_PLAIN_USER"), env("KMSYNC_TEST_KAFKA_PLAIN_PASSWORD"))
            << false;
        QTest::newRow("SASL_PLAINTEXT SCRAM-SHA-256")
            << sasl(QStringLiteral("SCRAM-SHA-256"), env("KMSYNC_TEST_KAFKA_SCRAM_USER"),
                    env("KMSYNC_TEST_KAFKA_SCRAM_PASSWORD"))
            << true;
        QTest::newRow("SSL with the test CA") << ssl(env("KMSYNC_TEST_KAFKA_CA")) << false;
    }
    void connects()
    {
        QFETCH(QJsonObject, connection);
        QFETCH(bool, scram);
        QElapsedTimer clock;
        clock.start();
        const auto result = testConnection(connection, kConnectTimeoutMs);
        if (scram && scramBrokenWithThisBroker())
            QEXPECT_FAIL("", "librdkafka < 2.6.1 cannot do SCRAM with Kafka 4.x brokers (librdkafka#4895)", Abort);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().code + QStringLiteral(": ") + result.error().message));
        QVERIFY2(result->contains(QLatin1String("1 broker")), qPrintable(*result));
        QVERIFY2(clock.elapsed() < kConnectTimeoutMs, qPrintable(QString::number(clock.elapsed())));
    }

    void rejects_data()
    {
        QTest::addColumn<QJsonObject>("connection");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("cause"); // a word the message must contain, case-insensitive

        const QString plainUser = env("KMSYNC_TEST_KAFKA_PLAIN_USER");
        const QString scramUser = env("KMSYNC_TEST_KAFKA_SCRAM_USER");
        QTest::newRow("PLAIN wrong password")
            << sasl(QStringLiteral("PLAIN"), plainUser, QStringLiteral("not-the-password"))
            << QStringLiteral("kafka.authentication") << QStringLiteral("authentication");
        QTest::newRow("PLAIN unknown user")
            << sasl(QStringLiteral("PLAIN"), QStringLiteral("nobody"), QStringLiteral("nobodys-password-4711"))
            << QStringLiteral("kafka.authentication") << QStringLiteral("authentication");
        QTest::newRow("SCRAM-SHA-256 wrong password")
            << sasl(QStringLiteral("SCRAM-SHA-256"), scramUser, QStringLiteral("not-the-password"))
            << QStringLiteral("kafka.authentication") << QStringLiteral("authentication");
        QTest::newRow("SCRAM-SHA-256 unknown user")
            << sasl(QStringLiteral("SCRAM-SHA-256"), QStringLiteral("nobody"), QStringLiteral("nobodys-password-4711"))
            << QStringLiteral("kafka.authentication") << QStringLiteral("authentication");
        QTest::newRow("SSL untrusted CA") << ssl(env("KMSYNC_TEST_KAFKA_UNTRUSTED_CA"))
                                          << QStringLiteral("kafka.tls") << QStringLiteral("certificate");
        QTest::newRow("SSL system CAs only") << ssl(QString()) << QStringLiteral("kafka.tls")
                                             << QStringLiteral("certificate");
    }
    void rejects()
    {
        QFETCH(QJsonObject, connection);
        QFETCH(QString, code);
        QFETCH(QString, cause);
        if (connection.value(QStringLiteral("ssl.ca.location")).toString().isEmpty()
            && QTest::currentDataTag() == QLatin1String("SSL untrusted CA"))
            QSKIP("KMSYNC_TEST_KAFKA_UNTRUSTED_CA is not set (scripts/kafka-broker.sh env prints it)");

        QElapsedTimer clock;
        clock.start();
        const auto result = testConnection(connection, kFailTimeoutMs);
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(!result.ok(), "connected although it must not");
        const QString text = result.error().code + QStringLiteral(": ") + result.error().message;
        QCOMPARE(result.error().code, code);
        QVERIFY2(result.error().message.contains(cause, Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(elapsed < kFailTimeoutMs + kMarginMs,
                 qPrintable(QStringLiteral("took %1 ms (timeout %2 ms): %3").arg(elapsed).arg(kFailTimeoutMs).arg(text)));
        // The password is never repeated in the message.
        const QString password = connection.value(QStringLiteral("sasl.password")).toString();
        if (!password.isEmpty())
            QVERIFY2(!result.error().message.contains(password), qPrintable(text));
    }

    // A client that speaks the wrong protocol to a listener must give up within the timeout, not hang.
    void wrongProtocolTimesOut_data()
    {
        QTest::addColumn<QJsonObject>("connection");
        QJsonObject plainToSsl = plaintext();
        plainToSsl.insert(QStringLiteral("bootstrap.servers"), env("KMSYNC_TEST_KAFKA_SSL_BOOTSTRAP"));
        QTest::newRow("PLAINTEXT client on the SSL listener") << plainToSsl;
        QJsonObject sslToPlain = ssl(env("KMSYNC_TEST_KAFKA_CA"));
        sslToPlain.insert(QStringLiteral("bootstrap.servers"), env("KMSYNC_TEST_KAFKA_BOOTSTRAP"));
        QTest::newRow("SSL client on the PLAINTEXT listener") << sslToPlain;
        QJsonObject plainToSasl = plaintext();
        plainToSasl.insert(QStringLiteral("bootstrap.servers"), env("KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP"));
        QTest::newRow("PLAINTEXT client on the SASL listener") << plainToSasl;
    }
    void wrongProtocolTimesOut()
    {
        QFETCH(QJsonObject, connection);
        QElapsedTimer clock;
        clock.start();
        const auto result = testConnection(connection, kFailTimeoutMs);
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(!result.ok(), "connected although it must not");
        const QString text = result.error().code + QStringLiteral(": ") + result.error().message;
        QVERIFY2(!result.error().message.isEmpty(), qPrintable(text));
        QVERIFY2(elapsed < kFailTimeoutMs + kMarginMs,
                 qPrintable(QStringLiteral("took %1 ms (timeout %2 ms): %3").arg(elapsed).arg(kFailTimeoutMs).arg(text)));
    }
};

QTEST_GUILESS_MAIN(TestKafkaSecurity)
#include "tst_kafkasecurity.moc"
