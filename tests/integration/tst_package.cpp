// link: kmsync_warehouse kmsync_core
// The Debian package, as a user gets it: `cpack -G DEB` on this (already built) build dir into a scratch folder,
// `dpkg -x` into a scratch root, then the packaged kmsync-cli runs from there: --version, and the packaged sample
// task (copied to a temporary workspace) through `ddl --apply` and `run` over the last 48 hours into the local
// warehouse. Checks the package's file list, metadata and the run's summary line against the warehouse itself.
// KMSYNC_CLI_PATH: the build's own CLI must exist (cpack packages it).
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "engine/warehouse/localwarehouse.h"

using namespace kmsync::engine;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, const QString &dir, int timeoutMs)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, arguments);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestPackage final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_deb;
    QString m_root;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString cpack = QStandardPaths::findExecutable(QStringLiteral("cpack"));
        QVERIFY2(!cpack.isEmpty(), "cpack not found (cmake package)");
        const QString config = QStringLiteral(KMSYNC_BINARY_DIR "/CPackConfig.cmake");
        QVERIFY2(QFile::exists(config), "no CPackConfig.cmake in the build dir (packaging/CPackConfig.cmake missing?)");
        QVERIFY(QFile::exists(QStringLiteral(KMSYNC_CLI_PATH)));

        const QString out = m_dir.filePath(QStringLiteral("out"));
        const Run packed = run(cpack,
                               {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), out,
                                QStringLiteral("--config"), config},
                               QStringLiteral(KMSYNC_BINARY_DIR), 480000);
        QVERIFY2(packed.exitCode == 0, (packed.out + packed.err).constData());
        const QStringList debs = QDir(out).entryList({QStringLiteral("kmsync_*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = QDir(out).filePath(debs.first());
        QVERIFY(debs.first().startsWith(QStringLiteral("kmsync_" KMSYNC_VERSION "_")));

        m_root = m_dir.filePath(QStringLiteral("root"));
        const Run extracted = run(QStringLiteral("dpkg"), {QStringLiteral("-x"), m_deb, m_root}, m_dir.path(), 120000);
        QVERIFY2(extracted.exitCode == 0, extracted.err.constData());
    }

    void metadata()
    {
        const Run info = run(QStringLiteral("dpkg-deb"),
                             {QStringLiteral("--field"), m_deb, QStringLiteral("Package"), QStringLiteral("Version"),
                              QStringLiteral("Depends")},
                             m_dir.path(), 60000);
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.out.contains("Package: kmsync\n"), info.out.constData());
        QVERIFY2(info.out.contains("Version: " KMSYNC_VERSION "\n"), info.out.constData());
        // dpkg-shlibdeps found the real runtime libraries.
        for (const char *lib : {"libqt6core6", "librdkafka", "libsqlite3", "libdeflate0"})
            QVERIFY2(info.out.contains(lib), info.out.constData());
    }

    void files_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("executable");
        QTest::newRow("cli") << QStringLiteral("usr/bin/kmsync-cli") << true;
        QTest::newRow("desktop entry") << QStringLiteral("usr/share/applications/kmsync.desktop") << false;
        QTest::newRow("icon") << QStringLiteral("usr/share/icons/hicolor/scalable/apps/kmsync.svg") << false;
        QTest::newRow("sample task") << QStringLiteral("usr/share/kmsync/samples/clicks-task.json") << false;
        QTest::newRow("sample datasources") << QStringLiteral("usr/share/kmsync/samples/datasources.json") << false;
        // The desktop app is packaged when this build has it (KMSYNC_BUILD_GUI).
        if (QFile::exists(QStringLiteral(KMSYNC_BINARY_DIR "/bin/kmsync")))
            QTest::newRow("desktop app") << QStringLiteral("usr/bin/kmsync") << true;
    }
    void files()
    {
        QFETCH(QString, path);
        QFETCH(bool, executable);
        const QFileInfo info(m_root + u'/' + path);
        QVERIFY2(info.isFile(), qPrintable(path));
        QCOMPARE(info.isExecutable(), executable);
        QVERIFY(info.size() > 0);
        // Nothing of the build dir leaks into the package (no absolute build paths in the file list).
        QDirIterator it(m_root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QVERIFY2(file.startsWith(m_root + QStringLiteral("/usr/")), qPrintable(file));
        }
    }

    void desktopEntry()
    {
        QFile file(m_root + QStringLiteral("/usr/share/applications/kmsync.desktop"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.startsWith("[Desktop Entry]\n"));
        QVERIFY(text.contains("\nExec=kmsync %f\n"));
        QVERIFY(text.contains("\nIcon=kmsync\n"));
        QVERIFY(text.contains("\nType=Application\n"));
    }

    void cliVersion()
    {
        const Run version = run(m_root + QStringLiteral("/usr/bin/kmsync-cli"), {QStringLiteral("--version")},
                                m_dir.path(), 30000);
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains(KMSYNC_VERSION), version.out.constData());
    }

    // The packaged sample, from a workspace the user copies it to: DDL, then a run over the last 48 hours.
    void sampleTaskRuns()
    {
        const QString cli = m_root + QStringLiteral("/usr/bin/kmsync-cli");
        const QString ws = m_dir.filePath(QStringLiteral("workspace"));
        QVERIFY(QDir().mkpath(ws));
        for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")})
            QVERIFY(QFile::copy(m_root + QStringLiteral("/usr/share/kmsync/samples/") + name, ws + u'/' + name));

        const Run ddl = run(cli, {QStringLiteral("ddl"), QStringLiteral("clicks-task.json"), QStringLiteral("--apply")},
                            ws, 120000);
        QVERIFY2(ddl.exitCode == 0, (ddl.out + ddl.err).constData());
        QVERIFY2(ddl.out.contains("CREATE TABLE"), ddl.out.constData());

        // The sample reads its window in Asia/Shanghai (its timeZone); the window ends now and starts 48 h before.
        const QDateTime now = QDateTime::currentDateTime().toTimeZone(QTimeZone("Asia/Shanghai"));
        const QString start = now.addSecs(-48 * 3600).toString(QStringLiteral("yyyyMMddHHmmss"));
        const QString end = now.toString(QStringLiteral("yyyyMMddHHmmss"));
        const QString partition = now.toString(QStringLiteral("yyyyMMdd"));
        const Run result = run(cli,
                               {QStringLiteral("run"), QStringLiteral("clicks-task.json"), QStringLiteral("-p"),
                                QStringLiteral("startTime=") + start, QStringLiteral("-p"),
                                QStringLiteral("endTime=") + end, QStringLiteral("-p"),
                                QStringLiteral("partition=") + partition, QStringLiteral("--reruns"),
                                QStringLiteral("0")},
                               ws, 300000);
        QVERIFY2(result.exitCode == 0, (result.out + result.err).constData());
        const QList<QByteArray> lines = result.out.trimmed().split('\n');
        const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
        QVERIFY2(!summary.isEmpty(), result.out.constData());
        QCOMPARE(summary.value(QStringLiteral("ok")).toBool(), true);
        const qint64 written = summary.value(QStringLiteral("written")).toInteger();
        QVERIFY2(written > 0, lines.last().constData());
        QCOMPARE(summary.value(QStringLiteral("read")).toInteger(),
                 written + summary.value(QStringLiteral("dirty")).toInteger());

        // The summary agrees with what landed in the warehouse.
        const auto count = warehouse::LocalWarehouse::queryFile(
            ws + QStringLiteral("/warehouse.db"),
            QStringLiteral("select count(*) from clicks where ds='%1'").arg(partition), 0);
        QVERIFY2(count.ok(), count.ok() ? "" : qPrintable(count.error().message));
        QCOMPARE(count->rows.size(), size_t(1));
        QCOMPARE(count->rows.front().front().value_or(QString()).toLongLong(), written);
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
