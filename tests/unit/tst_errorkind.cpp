// link: kmsync_engine
// Error kinds decide reruns: what waiting can fix (refused connections, timeouts, 5xx) is rerun, what it cannot
// (a missing topic or table, rejected credentials, TLS, a mapping mismatch, bad input, the dirty limit) is not.
// The run summary lists every attempt with its error, kind and seconds.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "engine/core/errorkind.h"
#include "engine/core/stoptoken.h"
#include "engine/job/taskrunner.h"

using namespace kmsync::engine;

class TestErrorKind final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kinds_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("rerun");
        QTest::newRow("refused") << "kafka.unreachable"
                                 << "unreachable" << true;
        QTest::newRow("mc refused") << "maxcompute.unreachable"
                                    << "unreachable" << true;
        QTest::newRow("mc dropped") << "maxcompute.network"
                                    << "unreachable" << true;
        QTest::newRow("kafka timeout") << "kafka.timeout"
                                       << "timeout" << true;
        QTest::newRow("mc timeout") << "maxcompute.timeout"
                                    << "timeout" << true;
        QTest::newRow("5xx") << "maxcompute.server"
                             << "server" << true;
        QTest::newRow("429") << "maxcompute.throttled"
                             << "server" << true;
        QTest::newRow("read failed midway") << "kafka.consume"
                                            << "other" << true;
        QTest::newRow("sasl") << "kafka.auth"
                              << "auth" << false;
        QTest::newRow("mc credentials") << "maxcompute.auth"
                                        << "auth" << false;
        QTest::newRow("tls") << "kafka.tls"
                             << "tls" << false;
        QTest::newRow("topic") << "kafka.topic_missing"
                               << "not_found" << false;
        QTest::newRow("partition") << "kafka.partition_missing"
                                   << "not_found" << false;
        QTest::newRow("table") << "sink.no_such_table"
                               << "not_found" << false;
        QTest::newRow("mapping") << "mapping.unknown_column"
                                 << "mapping" << false;
        QTest::newRow("schema") << "sink.schema_mismatch"
                                << "mapping" << false;
        QTest::newRow("parameters") << "param.syntax"
                                    << "input" << false;
        QTest::newRow("config") << "config.missing"
                                << "input" << false;
        QTest::newRow("kafka property") << "kafka.config"
                                        << "input" << false;
        QTest::newRow("datasource") << "datasource.unknown"
                                    << "input" << false;
        QTest::newRow("dirty limit") << "job.dirty_limit"
                                     << "dirty_limit" << false;
        QTest::newRow("cancel") << "job.cancelled"
                                << "cancelled" << false;
        QTest::newRow("stop") << QString::fromLatin1(kCancelledCode) << "cancelled" << false;
    }
    void kinds()
    {
        QFETCH(QString, code);
        QFETCH(QString, kind);
        QFETCH(bool, rerun);
        QCOMPARE(errorKindName(errorKindOf(code)), kind);
        QCOMPARE(errorKindOf(makeError(code, QStringLiteral("m"))), errorKindOf(code));
        QCOMPARE(isRerunnable(errorKindOf(code)), rerun);
    }

    void summaryListsEveryAttempt()
    {
        RunSummary summary;
        summary.errorCode = QStringLiteral("kafka.unreachable");
        summary.errorMessage = QStringLiteral("cannot reach 127.0.0.1:1");
        summary.seconds = 3.5; // both attempts and the wait
        summary.attempts = 2;
        summary.attemptLog = {RunAttempt{1, false, false, QStringLiteral("kafka.unreachable"), QStringLiteral("first"),
                                         0.25},
                              RunAttempt{2, false, false, QStringLiteral("kafka.unreachable"), QStringLiteral("second"),
                                         0.5}};
        const QJsonObject json = QJsonDocument::fromJson(summaryJson(summary)).object();
        QCOMPARE(json.value(QStringLiteral("seconds")).toDouble(), 3.5);
        QCOMPARE(json.value(QStringLiteral("error")).toString(), QStringLiteral("kafka.unreachable"));
        QCOMPARE(json.value(QStringLiteral("errorKind")).toString(), QStringLiteral("unreachable"));
        const QJsonArray attempts = json.value(QStringLiteral("attempts")).toArray();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).toObject(), (QJsonObject{{QStringLiteral("attempt"), 1},
                                                         {QStringLiteral("ok"), false},
                                                         {QStringLiteral("seconds"), 0.25},
                                                         {QStringLiteral("error"), QStringLiteral("kafka.unreachable")},
                                                         {QStringLiteral("kind"), QStringLiteral("unreachable")},
                                                         {QStringLiteral("message"), QStringLiteral("first")}}));
        QCOMPARE(attempts.at(1).toObject().value(QStringLiteral("message")).toString(), QStringLiteral("second"));
        // The keys summaries always had are still there.
        for (const char *key : {"ok", "read", "written", "dirty", "partitions", "audit", "seconds",
                                "destinationPartition", "ledger", "message", "cancelled"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
    }

    void summaryWithoutLogIsOneAttempt()
    {
        RunSummary summary;
        summary.ok = true;
        summary.seconds = 1.5;
        const QJsonObject json = QJsonDocument::fromJson(summaryJson(summary)).object();
        const QJsonArray attempts = json.value(QStringLiteral("attempts")).toArray();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.at(0).toObject(), (QJsonObject{{QStringLiteral("attempt"), 1},
                                                         {QStringLiteral("ok"), true},
                                                         {QStringLiteral("seconds"), 1.5}}));
        QVERIFY(!json.contains(QStringLiteral("errorKind")));
    }
};

QTEST_APPLESS_MAIN(TestErrorKind)
#include "tst_errorkind.moc"
