// link: kmsync_warehouse kmsync_core
// A writer killed with SIGKILL in the middle of a run must leave the warehouse exactly as it was: the
// test starts itself again as the writer (test function writerChild, driven by environment variables),
// kills it mid-transaction and compares the partition before and after.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>

#include "engine/warehouse/csvwriter.h"
#include "engine/warehouse/localwarehouse.h"

using namespace kmsync::engine;
using namespace kmsync::engine::warehouse;

namespace {

const char *const kEnvDb = "KMSYNC_TEST_WRITER_DB";
const char *const kEnvSpec = "KMSYNC_TEST_WRITER_SPEC";
const char *const kEnvTruncate = "KMSYNC_TEST_WRITER_TRUNCATE";
const char *const kReady = "KMSYNC_TEST_WRITER_READY";

std::vector<Row> rows(int64_t from, int64_t count, const std::string &tag)
{
    std::vector<Row> out;
    for (int64_t i = from; i < from + count; ++i)
        out.push_back(Row{i, tag + std::to_string(i), bool(i % 2)});
    return out;
}

QString errorText(const Error &e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

// Everything a reader can see: all rows in a fixed order plus the partition catalogue.
QByteArray snapshot(const QString &path)
{
    QByteArray out;
    auto data = LocalWarehouse::queryFile(path, QStringLiteral("select * from t order by ds, a"), 0);
    if (!data.ok())
        return "ERROR " + errorText(data.error()).toUtf8();
    out += toCsv(data.value());
    auto parts = LocalWarehouse::queryFile(
        path, QStringLiteral("select table_name, spec, row_count, created from _kmsync_partitions order by spec"), 0);
    if (!parts.ok())
        return "ERROR " + errorText(parts.error()).toUtf8();
    out += toCsv(parts.value());
    return out;
}

// The size of the warehouse's segment files (its rows, committed or not).
qint64 segmentBytes(const QString &path)
{
    qint64 total = 0;
    const QDir folder(path + QStringLiteral(".segments"));
    for (const QFileInfo &f : folder.entryInfoList({QStringLiteral("*.seg")}, QDir::Files))
        total += f.size();
    return total;
}

} // namespace

class TestWarehouseKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Not a test on its own: the child process the killedWriter test starts.
    void writerChild()
    {
        const QString path = qEnvironmentVariable(kEnvDb);
        if (path.isEmpty())
            QSKIP("runs only as the child of killedWriter");
        WarehouseOptions options;
        auto wh = LocalWarehouse::open(path, options);
        QVERIFY2(wh.ok(), qPrintable(wh.ok() ? QString() : errorText(wh.error())));
        const SinkTarget target{QStringLiteral("t"), qEnvironmentVariable(kEnvSpec),
                                qEnvironmentVariable(kEnvTruncate) == QLatin1String("1")};
        auto begun = wh.value()->begin(target);
        QVERIFY2(begun.ok(), qPrintable(begun.ok() ? QString() : errorText(begun.error())));
        int64_t next = 1000000;
        QElapsedTimer timer;
        timer.start();
        bool announced = false;
        while (timer.elapsed() < 60000) { // the parent kills us long before
            auto written = wh.value()->write(rows(next, 5000, "child-"));
            QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : errorText(written.error())));
            next += 5000;
            if (!announced && next >= 1000000 + 50000) {
                std::printf("%s\n", kReady);
                std::fflush(stdout);
                announced = true;
            }
        }
        QFAIL("the writer was not killed");
    }

    void killedWriter_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("truncate");
        QTest::newRow("append existing partition") << "ds=1" << false;
        QTest::newRow("truncate existing partition") << "ds=1" << true;
        QTest::newRow("new partition") << "ds=3" << false;
        QTest::newRow("truncate new partition") << "ds=4" << true;
    }
    void killedWriter()
    {
        QFETCH(QString, spec);
        QFETCH(bool, truncate);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("warehouse.db"));
        {
            auto wh = LocalWarehouse::open(path);
            QVERIFY2(wh.ok(), qPrintable(wh.ok() ? QString() : errorText(wh.error())));
            auto ddl = wh.value()->executeSql(
                QStringLiteral("CREATE TABLE t (a BIGINT, s STRING, b BOOLEAN) PARTITIONED BY (ds STRING)"));
            QVERIFY2(ddl.ok(), qPrintable(ddl.ok() ? QString() : errorText(ddl.error())));
            for (const auto &[part, count] : {std::pair{"ds=1", 100}, std::pair{"ds=2", 50}}) {
                QVERIFY(wh.value()->begin(SinkTarget{QStringLiteral("t"), QString::fromLatin1(part), false}).ok());
                QVERIFY(wh.value()->write(rows(0, count, "before-")).ok());
                QVERIFY(wh.value()->commit().ok());
            }
        }
        const QByteArray before = snapshot(path);
        QVERIFY2(!before.startsWith("ERROR"), before.constData());
        QVERIFY(before.contains("before-99"));

        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kEnvDb), path);
        env.insert(QString::fromLatin1(kEnvSpec), spec);
        env.insert(QString::fromLatin1(kEnvTruncate), truncate ? QStringLiteral("1") : QStringLiteral("0"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("writerChild")});
        QVERIFY(child.waitForStarted(10000));
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        while (!output.contains(kReady) && timer.elapsed() < 60000 && child.state() == QProcess::Running) {
            child.waitForReadyRead(200);
            output += child.readAllStandardOutput();
        }
        QVERIFY2(output.contains(kReady), (output + child.readAllStandardError()).constData());
        QThread::msleep(150); // let it write some more inside the open transaction
        QCOMPARE(child.state(), QProcess::Running);
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        // The writer really had written (uncommitted) rows to disk when it died: its segment file.
        QVERIFY2(segmentBytes(path) > 1024 * 1024,
                 qPrintable(QStringLiteral("segments %1 bytes").arg(segmentBytes(path))));

        // Readers see exactly the old data, and the partition catalogue is unchanged.
        QCOMPARE(snapshot(path), before);
        // A writer can open the file again, and its committed run is counted correctly.
        auto wh = LocalWarehouse::open(path);
        QVERIFY2(wh.ok(), qPrintable(wh.ok() ? QString() : errorText(wh.error())));
        // ... and deletes the killed run's segment file, which no commit listed.
        QVERIFY2(segmentBytes(path) < 64 * 1024,
                 qPrintable(QStringLiteral("segments %1 bytes").arg(segmentBytes(path))));
        QCOMPARE(snapshot(path), before);
        QVERIFY(wh.value()->begin(SinkTarget{QStringLiteral("t"), spec, truncate}).ok());
        QVERIFY(wh.value()->write(rows(0, 7, "after-")).ok());
        QVERIFY(wh.value()->commit().ok());
        auto parts = wh.value()->partitions(QStringLiteral("t"));
        QVERIFY(parts.ok());
        int64_t expected = 7;
        if (spec == QLatin1String("ds=1") && !truncate)
            expected += 100;
        bool found = false;
        for (const auto &p : parts.value()) {
            if (p.spec == spec) {
                QCOMPARE(p.rowCount, expected);
                found = true;
            }
        }
        QVERIFY(found);
        auto count = wh.value()->query(QStringLiteral("select count(*) from t where ds='%1'").arg(spec.mid(3)), 1);
        QVERIFY(count.ok());
        QCOMPARE(count->rows[0][0], std::optional<QString>(QString::number(expected)));
    }
};

QTEST_GUILESS_MAIN(TestWarehouseKill)
#include "tst_warehouse_kill.moc"
