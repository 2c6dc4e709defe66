// link: kmsync_mcserver kmsync_maxcompute kmsync_core
// pyodps (the official Python SDK) as the reference: (1) regenerating tests/data/pyodps/vectors.json gives the
// committed file byte for byte; (2) pyodps as a client uploads and commits a partition to kmsync's test server.
// Python comes from tests/pyodps/setup-venv.sh (a venv cached under the build dir); without python3/pip the tests
// are skipped with the reason.
#include <QTest>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "engine/maxcompute/odpsclient.h"
#include "tests/support/mcserver/mcserver.h"
#include "tests/support/process/runprocess.h"

using namespace kmsync::engine;
using namespace kmsync::engine::maxcompute;
using kmsync::test::McServer;
using kmsync::test::ProcessResult;
using kmsync::test::runProcess;

class TestMaxComputePyodps : public QObject
{
    Q_OBJECT

private:
    QString m_python;

private Q_SLOTS:
    void initTestCase()
    {
        const QString venv = QStringLiteral(KMSYNC_BINARY_DIR "/pyodps-venv");
        const ProcessResult r = runProcess(QStringLiteral("bash"),
                                           {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/pyodps/setup-venv.sh"), venv},
                                           540000);
        if (r.exitCode == 3)
            QSKIP(qPrintable(QStringLiteral("pyodps is unavailable: %1").arg(QString::fromUtf8(r.err.trimmed()))));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_python = QString::fromUtf8(r.out.trimmed()).section(QLatin1Char('\n'), -1);
        QVERIFY2(QFile::exists(m_python), qPrintable(m_python));
    }

    void vectorsAreUpToDate()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("vectors.json"));
        const ProcessResult r = runProcess(m_python,
                                           {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/pyodps/gen_vectors.py"), out},
                                           120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile fresh(out);
        QFile committed(QStringLiteral(KMSYNC_TEST_DATA "/pyodps/vectors.json"));
        QVERIFY(fresh.open(QIODevice::ReadOnly));
        QVERIFY(committed.open(QIODevice::ReadOnly));
        QVERIFY2(fresh.readAll() == committed.readAll(),
                 "pyodps now produces other vectors: run tests/pyodps/gen_vectors.py tests/data/pyodps/vectors.json, "
                 "review the diff and commit it");
    }

    void pyodpsUploadsToTestServer()
    {
        McServer server;
        QVERIFY(server.start() != 0);
        OdpsClientOptions options;
        options.sqlPollIntervalMs = 5;
        auto client = OdpsClient::create(server.connection(), options);
        QVERIFY(client.ok());
        auto ddl = client->runSql(QStringLiteral(
            "CREATE TABLE py_events (v BIGINT, s STRING, d DOUBLE, t DATETIME, b BOOLEAN) PARTITIONED BY (ds STRING)"));
        QVERIFY2(ddl.ok(), qPrintable(ddl.ok() ? QString() : ddl.error().message));
        QVERIFY(client->addPartition(QStringLiteral("py_events"), *PartitionSpec::parse(QStringLiteral("ds=20221122")))
                    .ok());
        const ProcessResult r = runProcess(m_python,
                                           {QStringLiteral(KMSYNC_SOURCE_DIR "/tests/pyodps/upload_to_server.py"),
                                            server.serviceEndpoint(), QString::fromLatin1(McServer::kProject),
                                            QString::fromLatin1(McServer::kAccessId),
                                            QString::fromLatin1(McServer::kAccessKey), QStringLiteral("py_events"),
                                            QStringLiteral("ds=20221122")},
                                           120000);
        QVERIFY2(r.exitCode == 0,
                 qPrintable(QString::fromUtf8(r.err) + QStringLiteral("\nserver: ") + server.lastError()
                            + QStringLiteral("\nrequests:\n") + QString::fromUtf8(server.requestLog().join('\n'))));
        QCOMPARE(server.authFailures(), 0);
        QCOMPARE(server.commits(), 1);
        const auto rows = server.rows(QStringLiteral("py_events"), QStringLiteral("ds=20221122"));
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(std::get<int64_t>(rows[0][0]), int64_t(1));
        QCOMPARE(std::get<std::string>(rows[0][1]), std::string("a"));
        QCOMPARE(std::get<double>(rows[0][2]), 1.5);
        QCOMPARE(std::get<DateTime>(rows[0][3]).epochMs, int64_t(1669075200000));
        QCOMPARE(std::get<bool>(rows[0][4]), true);
        for (const Value &v : rows[1])
            QVERIFY(isNull(v));
        QCOMPARE(std::get<int64_t>(rows[2][0]), int64_t(-9223372036854775807LL));
        QCOMPARE(QString::fromStdString(std::get<std::string>(rows[2][1])), QStringLiteral("中文字符"));
        QCOMPARE(std::get<DateTime>(rows[2][3]).epochMs, int64_t(-1000));
        QCOMPARE(std::get<std::string>(rows[3][1]), std::string());
        QCOMPARE(std::get<DateTime>(rows[3][3]).epochMs, int64_t(253402300799000));
        // And kmsync's own client reads the count back through an SQL instance.
        auto count = client->query(QStringLiteral("select count(*) from py_events where ds='20221122'"));
        QVERIFY(count.ok());
        QCOMPARE(count->rows.at(0).at(0).value_or(QString()), QStringLiteral("4"));
    }
};

QTEST_GUILESS_MAIN(TestMaxComputePyodps)
#include "tst_maxcompute_pyodps.moc"
