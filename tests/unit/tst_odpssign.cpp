// link: kmsync_maxcompute kmsync_core
#include <QTest>

#include "engine/maxcompute/odpsconnection.h"
#include "engine/maxcompute/odpssigner.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;

Q_DECLARE_METATYPE(kmsync::engine::maxcompute::QueryList)
Q_DECLARE_METATYPE(kmsync::engine::maxcompute::HeaderList)

namespace {
const QDateTime kDate(QDate(2022, 11, 22), QTime(8, 0, 0), Qt::UTC);
}

class TestOdpsSign : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The spec's §3.4 vectors (AK test-ak, SK test-sk, Date Tue, 22 Nov 2022 08:00:00 GMT).
    void vectors_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QueryList>("query");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("stringToSign");
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("block PUT")
            << QByteArray("PUT") << QStringLiteral("/projects/my_project/tables/kafka_events")
            << QueryList{{QStringLiteral("uploadid"), QStringLiteral("20221122160000abcdef")},
                         {QStringLiteral("blockid"), QStringLiteral("0")},
                         {QStringLiteral("partition"), QStringLiteral("ds=2022112200")},
                         {QStringLiteral("curr_project"), QStringLiteral("my_project")}}
            << HeaderList{{"Content-Type", "application/octet-stream"}, {"x-odps-tunnel-version", "6"}}
            << QByteArray("PUT\n\napplication/octet-stream\nTue, 22 Nov 2022 08:00:00 GMT\nx-odps-tunnel-version:6\n"
                          "/projects/my_project/tables/kafka_events?blockid=0&curr_project=my_project&partition=ds="
                          "2022112200&uploadid=20221122160000abcdef")
            << QByteArray("ODPS test-ak:qi28mB9ENkQWaXfM29NBDHco7qo=");
        QTest::newRow("create session")
            << QByteArray("POST") << QStringLiteral("/projects/my_project/tables/kafka_events")
            << QueryList{{QStringLiteral("uploads"), QString()},
                         {QStringLiteral("partition"), QStringLiteral("ds=2022112200")},
                         {QStringLiteral("curr_project"), QStringLiteral("my_project")}}
            << HeaderList{{"x-odps-tunnel-version", "6"}}
            << QByteArray(
                   "POST\n\n\nTue, 22 Nov 2022 08:00:00 GMT\nx-odps-tunnel-version:6\n"
                   "/projects/my_project/tables/kafka_events?curr_project=my_project&partition=ds=2022112200&uploads")
            << QByteArray("ODPS test-ak:K6IwF8PbaCAfyNWqyNq/4oSMujM=");
        QTest::newRow("tunnel discovery")
            << QByteArray("GET") << QStringLiteral("/projects/my_project/tunnel")
            << QueryList{{QStringLiteral("service"), QString()},
                         {QStringLiteral("curr_project"), QStringLiteral("my_project")}}
            << HeaderList{}
            << QByteArray(
                   "GET\n\n\nTue, 22 Nov 2022 08:00:00 GMT\n/projects/my_project/tunnel?curr_project=my_project&service")
            << QByteArray("ODPS test-ak:ABc9E3qupYtx4Bw2oXz9mXcMkgA=");
    }

    void vectors()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QueryList, query);
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, stringToSign);
        QFETCH(QByteArray, authorization);
        const OdpsSigner signer(QStringLiteral("test-ak"), QStringLiteral("test-sk"));
        HeaderList signedHeaders = headers;
        signer.sign(verb, path, query, signedHeaders, kDate);
        QByteArray date;
        QByteArray auth;
        for (const auto &[k, v] : signedHeaders) {
            if (k == "Date")
                date = v;
            if (k == "Authorization")
                auth = v;
        }
        QCOMPARE(date, QByteArray("Tue, 22 Nov 2022 08:00:00 GMT"));
        QCOMPARE(OdpsSigner::stringToSign(verb, path, query, signedHeaders), stringToSign);
        QCOMPARE(auth, authorization);
    }

    void signatureV4()
    {
        const OdpsSigner signer(QStringLiteral("test-ak"), QStringLiteral("test-sk"), {},
                                QStringLiteral("cn-shanghai"));
        const QByteArray sts =
            "PUT\n\napplication/octet-stream\nTue, 22 Nov 2022 08:00:00 GMT\nx-odps-tunnel-version:6\n"
            "/projects/my_project/tables/kafka_events?blockid=0&curr_project=my_project&partition=ds="
            "2022112200&uploadid=20221122160000abcdef";
        QCOMPARE(signer.authorization(sts, kDate),
                 QByteArray("ODPS test-ak/20221122/cn-shanghai/odps/aliyun_v4_request:qxQm3++JcZ8rBWUJCQIW7sflbiM="));
    }

    void stsTokenIsSentButNotSigned()
    {
        const OdpsSigner plain(QStringLiteral("test-ak"), QStringLiteral("test-sk"));
        const OdpsSigner sts(QStringLiteral("test-ak"), QStringLiteral("test-sk"), QStringLiteral("token-123"));
        HeaderList a;
        HeaderList b;
        plain.sign("GET", QStringLiteral("/projects/p/tables"), {}, a, kDate);
        sts.sign("GET", QStringLiteral("/projects/p/tables"), {}, b, kDate);
        QCOMPARE(b.size(), a.size() + 1);
        QCOMPARE(b.last(), (QPair<QByteArray, QByteArray>{"authorization-sts-token", "token-123"}));
        QCOMPARE(a[1], b[1]); // same Authorization
    }

    void canonicalRules_data()
    {
        QTest::addColumn<QueryList>("query");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("x-odps query param joins the headers, md5 and type lines")
            << QueryList{{QStringLiteral("x-odps-b"), QStringLiteral("2")}, {QStringLiteral("a"), QStringLiteral("1")}}
            << HeaderList{{"Content-MD5", "abc"},
                          {"CONTENT-TYPE", "text/plain"},
                          {"X-ODPS-A", "1"},
                          {"User-Agent", "x"},
                          {"Date", "D"}}
            << QByteArray("GET\nabc\ntext/plain\nD\nx-odps-a:1\nx-odps-b:2\n/projects/p?a=1&x-odps-b=2");
        QTest::newRow("no query: no question mark")
            << QueryList{} << HeaderList{{"Date", "D"}} << QByteArray("GET\n\n\nD\n/projects/p");
        QTest::newRow("decoded values, byte order")
            << QueryList{{QStringLiteral("partition"), QStringLiteral("ds='中'")}, {QStringLiteral("Z"), QString()}}
            << HeaderList{{"Date", "D"}} << QByteArray("GET\n\n\nD\n/projects/p?Z&partition=ds='\xe4\xb8\xad'");
    }

    void canonicalRules()
    {
        QFETCH(QueryList, query);
        QFETCH(HeaderList, headers);
        QFETCH(QByteArray, expected);
        QCOMPARE(OdpsSigner::stringToSign("GET", QStringLiteral("/projects/p"), query, headers), expected);
    }

    void httpDateRoundTrip()
    {
        QCOMPARE(OdpsSigner::parseHttpDate("Tue, 22 Nov 2022 08:00:00 GMT"), kDate);
        QVERIFY(!OdpsSigner::parseHttpDate("22/11/2022").isValid());
    }

    void connectionNeverShowsSecrets()
    {
        auto c = OdpsConnection::fromJson(
            QJsonObject{{QStringLiteral("endpoint"), QStringLiteral("https://service.x.com/api/")},
                        {QStringLiteral("project"), QStringLiteral("p1")},
                        {QStringLiteral("accessId"), QStringLiteral("AKID")},
                        {QStringLiteral("accessKey"), QStringLiteral("SUPERSECRET")},
                        {QStringLiteral("securityToken"), QStringLiteral("STSTOKEN")}});
        QVERIFY(c.ok());
        QCOMPARE(c->endpoint.toString(), QStringLiteral("https://service.x.com/api"));
        QVERIFY(c->toDisplayString().contains(QStringLiteral("AKID")));
        QVERIFY(!c->toDisplayString().contains(QStringLiteral("SUPERSECRET")));
        QVERIFY(!c->toDisplayString().contains(QStringLiteral("STSTOKEN")));
    }

    void connectionErrors_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no endpoint") << QString() << QStringLiteral("p") << QStringLiteral("k")
                                     << QStringLiteral("\"endpoint\"");
        QTest::newRow("ftp endpoint") << QStringLiteral("ftp://x/api") << QStringLiteral("p") << QStringLiteral("k")
                                      << QStringLiteral("ftp://x/api");
        QTest::newRow("bad project") << QStringLiteral("http://x/api") << QStringLiteral("1p") << QStringLiteral("k")
                                     << QStringLiteral("\"1p\"");
        QTest::newRow("no key") << QStringLiteral("http://x/api") << QStringLiteral("p") << QString()
                                << QStringLiteral("accessKey");
    }

    void connectionErrors()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, project);
        QFETCH(QString, key);
        QFETCH(QString, needle);
        auto c = OdpsConnection::fromJson(QJsonObject{{QStringLiteral("endpoint"), endpoint},
                                                      {QStringLiteral("project"), project},
                                                      {QStringLiteral("accessId"), QStringLiteral("id")},
                                                      {QStringLiteral("accessKey"), key}});
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, QStringLiteral("maxcompute.config"));
        QVERIFY2(c.error().message.contains(needle), qPrintable(c.error().message));
    }
};

QTEST_APPLESS_MAIN(TestOdpsSign)
#include "tst_odpssign.moc"
