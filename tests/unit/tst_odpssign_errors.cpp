// link: kmsync_maxcompute kmsync_core
// How service and Tunnel error answers become engine Errors: stable code, HTTP status, the server's Code and
// Message, and the request id (header first, then body).
#include <QTest>

#include "engine/maxcompute/odpsclient.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;

class TestOdpsSignErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpError_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("requestIdHeader");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("needle");
        QTest::newRow("tunnel JSON, no such partition")
            << 404
            << QByteArray(
                   R"({"Code":"NoSuchPartition","Message":"The specified partition does not exist","RequestId":"body-id"})")
            << QByteArray("hdr-id") << QStringLiteral("sink.no_such_partition")
            << QStringLiteral("HTTP 404, NoSuchPartition: The specified partition does not exist (request id hdr-id)");
        QTest::newRow("REST XML, table not found")
            << 404
            << QByteArray(
                   "<?xml version=\"1.0\"?><Error><Code>NoSuchObject</Code><Message>ODPS-0130131:Table not found - t</Message><RequestId>x-1</RequestId></Error>")
            << QByteArray() << QStringLiteral("sink.no_such_table") << QStringLiteral("(request id x-1)");
        QTest::newRow("REST XML, partition not found")
            << 404
            << QByteArray(
                   "<Error><Code>NoSuchObject</Code><Message>ODPS-0130121:Partition not found - ds=1</Message></Error>")
            << QByteArray("r9") << QStringLiteral("sink.no_such_partition") << QStringLiteral("Partition not found");
        QTest::newRow("invalid spec") << 400 << QByteArray(R"({"Code":"InvalidPartitionSpec","Message":"bad"})")
                                      << QByteArray("r") << QStringLiteral("sink.invalid_partition_spec")
                                      << QStringLiteral("InvalidPartitionSpec");
        QTest::newRow("missing spec") << 400 << QByteArray(R"({"Code":"MissingPartitionSpec","Message":"m"})")
                                      << QByteArray("r") << QStringLiteral("sink.invalid_partition_spec")
                                      << QStringLiteral("MissingPartitionSpec");
        QTest::newRow("signature") << 403 << QByteArray(R"({"Code":"SignatureDoesNotMatch","Message":"no"})")
                                   << QByteArray("r") << QStringLiteral("maxcompute.auth")
                                   << QStringLiteral("computer's clock");
        QTest::newRow("skew") << 403 << QByteArray("<Error><Code>RequestTimeTooSkewed</Code></Error>")
                              << QByteArray("r") << QStringLiteral("maxcompute.auth")
                              << QStringLiteral("RequestTimeTooSkewed");
        QTest::newRow("throttled") << 429 << QByteArray(R"({"Code":"FlowExceeded","Message":"slow down"})")
                                   << QByteArray("r") << QStringLiteral("maxcompute.throttled")
                                   << QStringLiteral("HTTP 429");
        QTest::newRow("server") << 502 << QByteArray("Bad Gateway") << QByteArray()
                                << QStringLiteral("maxcompute.server")
                                << QStringLiteral("Bad Gateway (request id none)");
        QTest::newRow("other") << 409 << QByteArray(R"({"Code":"StatusConflict","Message":"expired"})")
                               << QByteArray("r") << QStringLiteral("maxcompute.http")
                               << QStringLiteral("StatusConflict: expired");
    }

    void httpError()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, requestIdHeader);
        QFETCH(QString, code);
        QFETCH(QString, needle);
        HttpResponse r;
        r.status = status;
        r.body = body;
        if (!requestIdHeader.isEmpty())
            r.headers.append({"X-Odps-Request-Id", requestIdHeader});
        const Error e = OdpsTransport::httpError(r, QStringLiteral("Doing X"));
        QCOMPARE(e.code, code);
        QVERIFY2(e.message.startsWith(QStringLiteral("Doing X failed: HTTP %1").arg(status)), qPrintable(e.message));
        QVERIFY2(e.message.contains(needle), qPrintable(e.message));
    }

    void retryable()
    {
        QVERIFY(OdpsTransport::isRetryable(500));
        QVERIFY(OdpsTransport::isRetryable(503));
        QVERIFY(OdpsTransport::isRetryable(429));
        QVERIFY(!OdpsTransport::isRetryable(403));
        QVERIFY(!OdpsTransport::isRetryable(404));
        QVERIFY(!OdpsTransport::isRetryable(409));
    }
};

QTEST_APPLESS_MAIN(TestOdpsSignErrors)
#include "tst_odpssign_errors.moc"
