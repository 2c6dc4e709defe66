// link: kmsync_kafka kmsync_core
// Connects to the real test broker (scripts/kafka-broker.sh) in every security mode kmsync supports:
// PLAINTEXT, SASL_PLAINTEXT with PLAIN and SCRAM-SHA-256, and SSL with the test CA; and proves that the engine's
// connection test (engine/kafka/kafkaadmin.h) reports a wrong password or an untrusted CA with an error that names
// the cause, within the timeout, never a hang.
// The broker's addresses, users and CA come from `eval "$(scripts/kafka-broker.sh env)"` (scripts/test.sh does it).
#include <librdkafka/rdkafka.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

#include "engine/core/result.h"
#include "engine/kafka/kafkaadmin.h"

using kmsync::engine::kafka::listTopics;
using kmsync::engine::kafka::testConnection;

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

} // namespace

class TestKafkaSecurity final : public QObject
{
    Q_OBJECT

private:
    static constexpr int kConnectTimeoutMs = 15000;
    static constexpr int kFailTimeoutMs = 4000;
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

    static QString describe(const kmsync::engine::Error &error) { return error.code + QStringLiteral(": ") + error.message; }

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
        const qint64 elapsed = clock.elapsed();
        if (scram && scramBrokenWithThisBroker())
            QEXPECT_FAIL("", "librdkafka < 2.6.1 cannot do SCRAM with Kafka 4.x brokers (librdkafka#4895)", Abort);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : describe(result.error())));
        // The summary names the one broker by the address it advertises on this listener.
        const QString port = connection.value(QStringLiteral("bootstrap.servers")).toString().section(QLatin1Char(':'), 1);
        QVERIFY2(result->contains(QLatin1String("1 broker")), qPrintable(*result));
        QVERIFY2(result->contains(QStringLiteral("127.0.0.1:") + port), qPrintable(*result));
        QVERIFY2(elapsed < kConnectTimeoutMs, qPrintable(QString::number(elapsed)));
    }

    // Listing topics works through a secured listener too and sees a topic the broker created on request.
    void listsTopicsOverSasl()
    {
        const QJsonObject connection = sasl(QStringLiteral("PLAIN"), env("KMSYNC_TEST_KAFKA_PLAIN_USER"),
                                            env("KMSYNC_TEST_KAFKA_PLAIN_PASSWORD"));
        const QString topic = QStringLiteral("kmsync-security-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const auto created = kmsync::engine::kafka::createTopic(connection, topic, 1, kConnectTimeoutMs);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : describe(created.error())));
        const auto topics = listTopics(connection, kConnectTimeoutMs);
        QVERIFY2(topics.ok(), qPrintable(topics.ok() ? QString() : describe(topics.error())));
        QVERIFY2(topics->contains(topic), qPrintable(topics->join(QLatin1Char(','))));
        for (const QString &name : *topics)
            QVERIFY2(!name.startsWith(QLatin1String("__")), qPrintable(name));
    }

    void rejects_data()
    {
        QTest::addColumn<QJsonObject>("connection");
        QTest::addColumn<QStringList>("codes"); // the engine's error code: one of these
        QTest::addColumn<QString>("cause");     // a word the message must contain, case-insensitive

        const QStringList auth{QStringLiteral("kafka.auth")};
        const QStringList tls{QStringLiteral("kafka.tls"), QStringLiteral("kafka.unreachable")};
        const QString plainUser = env("KMSYNC_TEST_KAFKA_PLAIN_USER");
        const QString scramUser = env("KMSYNC_TEST_KAFKA_SCRAM_USER");
        QTest::newRow("PLAIN wrong password")
            << sasl(QStringLiteral("PLAIN"), plainUser, QStringLiteral("not-the-password")) << auth
            << QStringLiteral("authentication");
        QTest::newRow("PLAIN unknown user")
            << sasl(QStringLiteral("PLAIN"), QStringLiteral("nobody"), QStringLiteral("nobodys-password-4711")) << auth
            << QStringLiteral("authentication");
        QTest::newRow("SCRAM-SHA-256 wrong password")
            << sasl(QStringLiteral("SCRAM-SHA-256"), scramUser, QStringLiteral("not-the-password")) << auth
            << QStringLiteral("authentication");
        QTest::newRow("SCRAM-SHA-256 unknown user")
            << sasl(QStringLiteral("SCRAM-SHA-256"), QStringLiteral("nobody"), QStringLiteral("nobodys-password-4711"))
            << auth << QStringLiteral("authentication");
        QTest::newRow("SSL untrusted CA") << ssl(env("KMSYNC_TEST_KAFKA_UNTRUSTED_CA")) << tls
                                          << QStringLiteral("certificate");
        QTest::newRow("SSL system CAs only") << ssl(QString()) << tls << QStringLiteral("certificate");
    }
    void rejects()
    {
        QFETCH(QJsonObject, connection);
        QFETCH(QStringList, codes);
        QFETCH(QString, cause);
        if (QTest::currentDataTag() == QLatin1String("SSL untrusted CA")
            && env("KMSYNC_TEST_KAFKA_UNTRUSTED_CA").isEmpty())
            QSKIP("KMSYNC_TEST_KAFKA_UNTRUSTED_CA is not set (scripts/kafka-broker.sh env prints it)");

        QElapsedTimer clock;
        clock.start();
        const auto result = testConnection(connection, kFailTimeoutMs);
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(!result.ok(), qPrintable(result.ok() ? QStringLiteral("connected although it must not: ") + *result : QString()));
        const QString text = describe(result.error());
        qInfo("%lld ms: %s", elapsed, qPrintable(text));
        QVERIFY2(codes.contains(result.error().code), qPrintable(text));
        QVERIFY2(result.error().message.contains(cause, Qt::CaseInsensitive), qPrintable(text));
        QVERIFY2(elapsed < kFailTimeoutMs + kMarginMs,
                 qPrintable(QStringLiteral("took %1 ms (timeout %2 ms): %3").arg(elapsed).arg(kFailTimeoutMs).arg(text)));
        // The password is never repeated in the message.
        const QString password = connection.value(QStringLiteral("sasl.password")).toString();
        if (!password.isEmpty())
            QVERIFY2(!result.error().message.contains(password), qPrintable(text));
    }

    // A client that speaks the wrong protocol to a listener must give up within the timeout, not hang.
    void wrongProtocolGivesUp_data()
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
    void wrongProtocolGivesUp()
    {
        QFETCH(QJsonObject, connection);
        QElapsedTimer clock;
        clock.start();
        const auto result = testConnection(connection, kFailTimeoutMs);
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(!result.ok(), qPrintable(result.ok() ? QStringLiteral("connected although it must not: ") + *result : QString()));
        const QString text = describe(result.error());
        qInfo("%lld ms: %s", elapsed, qPrintable(text));
        QVERIFY2(result.error().code.startsWith(QLatin1String("kafka.")), qPrintable(text));
        QVERIFY2(result.error().message.contains(connection.value(QStringLiteral("bootstrap.servers")).toString()),
                 qPrintable(text));
        QVERIFY2(elapsed < kFailTimeoutMs + kMarginMs,
                 qPrintable(QStringLiteral("took %1 ms (timeout %2 ms): %3").arg(elapsed).arg(kFailTimeoutMs).arg(text)));
    }
};

QTEST_GUILESS_MAIN(TestKafkaSecurity)
#include "tst_kafkasecurity.moc"
