// link: kmsync_mcserver kmsync_kafka kmsync_config kmsync_core
// A planted secret must never leave the datasources file. The odps accessKey and the Kafka sasl.password of a
// workspace are set to a random planted value, once as ${env:PLANTED} and once in clear text; then every CLI
// command that touches them runs against failing peers (a MaxCompute test server that rejects the key, a Kafka
// address where nothing listens, or the real test broker's SASL listener when KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP is
// set) and against a working mock cluster (progress as JSON lines, dirty records, the offset ledger). The planted
// value (also base64- and percent-encoded) must appear in no stdout, stderr, dirty file, ledger, saved task,
// Datasources::toJson() of a ${env:...} file, or Datasource::toDisplayString().
// Crashes: `kmsync-cli run` made to raise SIGSEGV at three phases (KMSYNC_TEST_CRASH_AT) prints the crash handler's
// message (signal, phase, backtrace), ends by that signal, and its stdout/stderr hold none of the three forms.
// A ${keychain:...} secret is never read by the CLI: it fails with a message saying how to supply it instead.
// Screenshots' text (every page and dialog of `kmsync --screenshot`, with the planted value in clear text, as
// ${env:...} and in the keychain) is grepped by tests/widget/tst_secrets_screenshots.cpp.
#include <csignal>

#include <sys/resource.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "engine/config/datasources.h"
#include "engine/config/taskloader.h"
#include "engine/kafka/messageproducer.h"
#include "engine/kafka/mockcluster.h"
#include "tests/support/mcserver/mcserver.h"

using namespace kmsync;
using namespace kmsync::engine;

namespace {

QJsonObject step(const QString &type, const QString &category, const QString &name, const QJsonObject &parameter)
{
    return QJsonObject{{QStringLiteral("stepType"), type},
                       {QStringLiteral("category"), category},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("parameter"), parameter}};
}

QJsonObject task(const QString &kafka, const QString &destination, int errorLimit)
{
    const QJsonObject reader{{QStringLiteral("datasource"), kafka},
                             {QStringLiteral("topic"), QStringLiteral("events")},
                             {QStringLiteral("column"),
                              QJsonArray{QStringLiteral("__offset__"), QStringLiteral("id"), QStringLiteral("name")}},
                             {QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                             {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")},
                             {QStringLiteral("kafkaConfig"),
                              QJsonObject{{QStringLiteral("group.id"), QStringLiteral("secrets")}}}};
    const QJsonObject writer{{QStringLiteral("datasource"), destination},
                             {QStringLiteral("table"), QStringLiteral("events")},
                             {QStringLiteral("partition"), QStringLiteral("ds=${partition}")},
                             {QStringLiteral("column"),
                              QJsonArray{QStringLiteral("o"), QStringLiteral("id"), QStringLiteral("name")}},
                             {QStringLiteral("truncate"), true}};
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("job")},
                       {QStringLiteral("version"), QStringLiteral("2.0")},
                       {QStringLiteral("steps"), QJsonArray{step(QStringLiteral("kafka"), QStringLiteral("reader"),
                                                                 QStringLiteral("Reader"), reader),
                                                            step(QStringLiteral("odps"), QStringLiteral("writer"),
                                                                 QStringLiteral("Writer"), writer)}},
                       {QStringLiteral("setting"),
                        QJsonObject{{QStringLiteral("errorLimit"),
                                     QJsonObject{{QStringLiteral("record"), QString::number(errorLimit)}}}}}};
}

bool writeJson(const QString &path, const QJsonObject &object)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write(QJsonDocument(object).toJson()) > 0;
}

struct CliRun
{
    int exitCode = -1;
    int signal = 0; // the signal that ended the process (exitCode is then -2)
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestSecrets final : public QObject
{
    Q_OBJECT

    QByteArray m_planted;
    std::unique_ptr<test::McServer> m_server;
    std::unique_ptr<kafka::MockCluster> m_cluster;
    QTemporaryDir m_dir;
    quint16 m_closedPort = 0;

    QString workspace(const QString &mode) const { return m_dir.filePath(mode); }

    // The forms the secret could leak in: as is, base64 (an Authorization-like header), percent-encoded (a URL).
    QList<QByteArray> forms() const
    {
        return {m_planted, m_planted.toBase64(), QUrl::toPercentEncoding(QString::fromLatin1(m_planted))};
    }
    QString leakIn(const QByteArray &text) const
    {
        for (const QByteArray &form : forms()) {
            if (text.contains(form))
                return QString::fromUtf8(text);
        }
        return {};
    }

    // Runs the CLI in `dir` with PLANTED set, keeping this thread's event loop (and the MaxCompute server) running.
    // `extraEnv` adds variables (KMSYNC_TEST_CRASH_AT); core dumps are off for the child.
    CliRun runCli(const QString &dir, const QStringList &arguments, int timeoutMs = 120000,
                  const QMap<QString, QString> &extraEnv = {})
    {
        QProcess p;
        p.setWorkingDirectory(dir);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PLANTED"), QString::fromLatin1(m_planted));
        for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
        p.setChildProcessModifier([] {
            const rlimit noCore{0, 0};
            ::setrlimit(RLIMIT_CORE, &noCore);
        });
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(KMSYNC_CLI_PATH), arguments);
        CliRun run;
        if (!p.waitForStarted(10000))
            return run;
        if (!finished.wait(timeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            run.exitCode = -3;
        } else {
            run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
            if (p.exitStatus() == QProcess::CrashExit)
                run.signal = p.exitCode(); // Qt reports the terminating signal as the exit code of a crash
        }
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        return run;
    }

    // Sets up one workspace: datasources.json with the planted value in `secretForm` (the ${env:PLANTED}
    // reference or the value itself), the tasks, and a local warehouse with the table.
    bool makeWorkspace(const QString &mode, const QString &secretForm)
    {
        QDir().mkpath(workspace(mode));
        QJsonObject odps = m_server->connection();
        odps.insert(QStringLiteral("accessKey"), secretForm); // the known AccessKey id, a wrong secret
        const QJsonObject kafkaDown{{QStringLiteral("bootstrap.servers"),
                                     QStringLiteral("127.0.0.1:%1").arg(m_closedPort)},
                                    {QStringLiteral("security.protocol"), QStringLiteral("SASL_PLAINTEXT")},
                                    {QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")},
                                    {QStringLiteral("sasl.username"), QStringLiteral("kmsync")},
                                    {QStringLiteral("sasl.password"), secretForm}};
        QJsonObject kafkaOk = m_cluster->connection();
        // A secret the plaintext mock cluster never asks for: it still travels through the whole run.
        kafkaOk.insert(QStringLiteral("ssl.key.password"), secretForm);
        QJsonObject datasources{
            {QStringLiteral("kafka_ok"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")}, {QStringLiteral("connection"), kafkaOk}}},
            {QStringLiteral("kafka_down"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")}, {QStringLiteral("connection"), kafkaDown}}},
            {QStringLiteral("odps_bad"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")}, {QStringLiteral("connection"), odps}}},
            {QStringLiteral("wh"), QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                               {QStringLiteral("connection"),
                                                QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}}}};
        const QString saslBootstrap = qEnvironmentVariable("KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP");
        if (!saslBootstrap.isEmpty()) {
            // The real broker's SASL listener: a wrong password for a real user is an authentication failure.
            datasources.insert(QStringLiteral("kafka_sasl"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                           {QStringLiteral("connection"),
                                            QJsonObject{{QStringLiteral("bootstrap.servers"), saslBootstrap},
                                                        {QStringLiteral("security.protocol"),
                                                         QStringLiteral("SASL_PLAINTEXT")},
                                                        {QStringLiteral("sasl.mechanism"), QStringLiteral("PLAIN")},
                                                        {QStringLiteral("sasl.username"),
                                                         qEnvironmentVariable("KMSYNC_TEST_KAFKA_PLAIN_USER")},
                                                        {QStringLiteral("sasl.password"), secretForm}}}});
        }
        const QString dir = workspace(mode);
        return writeJson(dir + QStringLiteral("/datasources.json"),
                         QJsonObject{{QStringLiteral("datasources"), datasources}})
            && writeJson(dir + QStringLiteral("/ok-task.json"),
                         task(QStringLiteral("kafka_ok"), QStringLiteral("wh"), 1000))
            && writeJson(dir + QStringLiteral("/odps-task.json"),
                         task(QStringLiteral("kafka_ok"), QStringLiteral("odps_bad"), 0))
            && writeJson(dir + QStringLiteral("/down-task.json"),
                         task(QStringLiteral("kafka_down"), QStringLiteral("wh"), 0))
            && writeJson(dir + QStringLiteral("/sasl-task.json"),
                         task(QStringLiteral("kafka_sasl"), QStringLiteral("wh"), 0));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Random per run, so no fixed string in a source file can make the test pass or fail by accident.
        m_planted = QByteArrayLiteral("Pl4nted-") + QByteArray::number(QRandomGenerator::global()->generate64(), 16)
                  + QByteArrayLiteral("-s3cr3t");

        m_server = std::make_unique<test::McServer>();
        QVERIFY(m_server->start() != 0);
        QVERIFY(m_server->catalogue()
                    .execute(QStringLiteral(
                                 "CREATE TABLE events (o BIGINT, id BIGINT, name STRING) PARTITIONED BY (ds STRING)"),
                             {})
                    .ok());

        auto cluster = kafka::MockCluster::start();
        QVERIFY2(cluster.ok(), cluster.ok() ? "" : qPrintable(cluster.error().message));
        m_cluster = std::move(cluster.value());
        QVERIFY(m_cluster->createTopic(QStringLiteral("events"), 2).ok());
        std::vector<KafkaMessage> messages;
        for (int i = 0; i < 40; ++i) {
            KafkaMessage m;
            m.partition = i % 2;
            m.key = std::to_string(i);
            // Every 5th id is not a number: a dirty record for the dirty file.
            m.value = (i % 5 == 4 ? QStringLiteral(R"({"id":"x%1","name":"n%1"})")
                                  : QStringLiteral(R"({"id":%1,"name":"n%1"})"))
                          .arg(i)
                          .toStdString();
            messages.push_back(std::move(m));
        }
        QVERIFY(kafka::produceMessages(m_cluster->connection(), QStringLiteral("events"), messages).ok());

        // A port where nothing listens: bind one, note it, close it.
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            m_closedPort = probe.serverPort();
        }

        QVERIFY(makeWorkspace(QStringLiteral("env"), QStringLiteral("${env:PLANTED}")));
        QVERIFY(makeWorkspace(QStringLiteral("clear"), QString::fromLatin1(m_planted)));
        for (const QString &mode : {QStringLiteral("env"), QStringLiteral("clear")}) {
            const CliRun made = runCli(workspace(mode),
                                       {QStringLiteral("sql"), QStringLiteral("--datasource"), QStringLiteral("wh"),
                                        QStringLiteral("CREATE TABLE events (o BIGINT, id BIGINT, name STRING) "
                                                       "PARTITIONED BY (ds STRING)")});
            QVERIFY2(made.exitCode == 0, made.err.constData());
        }
    }

    void commands_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mustSay"); // proves the command reached the failing peer (empty: nothing to prove)

        const QStringList partition{QStringLiteral("-p"), QStringLiteral("partition=20221122")};
        const QStringList runOpts = QStringList{QStringLiteral("--reruns"), QStringLiteral("0"),
                                                QStringLiteral("--progress"), QStringLiteral("jsonl")}
                                  + partition;
        for (const QString &mode : {QStringLiteral("env"), QStringLiteral("clear")}) {
            const auto row = [&](const char *name) -> QTestData & {
                return QTest::addRow("%s/%s", qPrintable(mode), name);
            };
            row("validate odps") << mode
                                 << (QStringList{QStringLiteral("validate"), QStringLiteral("odps-task.json")}
                                     + partition)
                                 << 0 << QString();
            row("validate kafka") << mode
                                  << (QStringList{QStringLiteral("validate"), QStringLiteral("down-task.json")}
                                      + partition)
                                  << 0 << QString();
            row("run odps auth") << mode
                                 << (QStringList{QStringLiteral("run"), QStringLiteral("odps-task.json")} + runOpts)
                                 << 1 << QStringLiteral("SignatureDoesNotMatch");
            row("run kafka down") << mode
                                  << (QStringList{QStringLiteral("run"), QStringLiteral("down-task.json")} + runOpts)
                                  << 1 << QStringLiteral("cannot reach 127.0.0.1");
            row("run text progress") << mode
                                     << (QStringList{QStringLiteral("run"), QStringLiteral("odps-task.json"),
                                                     QStringLiteral("--reruns"), QStringLiteral("0"),
                                                     QStringLiteral("--progress"), QStringLiteral("text")}
                                         + partition)
                                     << 1 << QStringLiteral("SignatureDoesNotMatch");
            row("preview kafka down") << mode
                                      << (QStringList{QStringLiteral("preview"), QStringLiteral("down-task.json")}
                                          + partition)
                                      << 1 << QStringLiteral("cannot reach 127.0.0.1");
            row("ddl apply odps") << mode
                                  << (QStringList{QStringLiteral("ddl"), QStringLiteral("odps-task.json"),
                                                  QStringLiteral("--apply")}
                                      + partition)
                                  << 1 << QStringLiteral("SignatureDoesNotMatch");
            row("sql odps") << mode
                            << QStringList{QStringLiteral("sql"), QStringLiteral("--datasource"),
                                           QStringLiteral("odps_bad"), QStringLiteral("CREATE TABLE t2 (a BIGINT)")}
                            << 1 << QStringLiteral("SignatureDoesNotMatch");
            row("query odps") << mode
                              << QStringList{QStringLiteral("query"), QStringLiteral("--datasource"),
                                             QStringLiteral("odps_bad"),
                                             QStringLiteral("select count(*) from events where ds='20221122'")}
                              << 1 << QStringLiteral("SignatureDoesNotMatch");
            if (!qEnvironmentVariableIsEmpty("KMSYNC_TEST_KAFKA_SASL_BOOTSTRAP")) {
                row("run kafka sasl auth")
                    << mode << (QStringList{QStringLiteral("run"), QStringLiteral("sasl-task.json")} + runOpts) << 1
                    << QStringLiteral("authentication failed");
            }
        }
    }

    void commands()
    {
        QFETCH(QString, mode);
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, mustSay);
        const int authBefore = m_server->authFailures();
        const CliRun run = runCli(workspace(mode), arguments);
        const QByteArray all = run.out + run.err;
        QVERIFY2(run.exitCode == exitCode, qPrintable(QStringLiteral("exit %1, expected %2: %3")
                                                          .arg(run.exitCode)
                                                          .arg(exitCode)
                                                          .arg(QString::fromUtf8(all))));
        if (!mustSay.isEmpty())
            QVERIFY2(all.contains(mustSay.toUtf8()), all.constData());
        if (mustSay == QLatin1String("SignatureDoesNotMatch"))
            QVERIFY(m_server->authFailures() > authBefore); // the key really went to the server, and was rejected
        const QString leaked = leakIn(all);
        QVERIFY2(leaked.isEmpty(), qPrintable(QStringLiteral("planted secret in the output: ") + leaked));
    }

    // A run that succeeds with dirty records: progress, summary, dirty file and ledger carry no secret.
    void successfulRunFiles_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("env") << QStringLiteral("env");
        QTest::newRow("clear") << QStringLiteral("clear");
    }
    void successfulRunFiles()
    {
        QFETCH(QString, mode);
        const QString dir = workspace(mode);
        const QString dirty = dir + QStringLiteral("/dirty.jsonl");
        const CliRun run = runCli(dir, {QStringLiteral("run"), QStringLiteral("ok-task.json"), QStringLiteral("-p"),
                                        QStringLiteral("partition=20221122"), QStringLiteral("--reruns"),
                                        QStringLiteral("0"), QStringLiteral("--progress"), QStringLiteral("jsonl"),
                                        QStringLiteral("--dirty-file"), dirty});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("\"type\":\"progress\""));
        QVERIFY(run.out.contains("\"dirty\":8"));
        QVERIFY(leakIn(run.out + run.err).isEmpty());

        QFile dirtyFile(dirty);
        QVERIFY2(dirtyFile.open(QIODevice::ReadOnly), qPrintable(dirty));
        const QByteArray dirtyBytes = dirtyFile.readAll();
        QVERIFY(dirtyBytes.contains("x4")); // the dirty record itself is there
        QVERIFY(leakIn(dirtyBytes).isEmpty());

        // Everything kmsync wrote into the workspace (.kmsync/: ledger, default dirty files, locks).
        int files = 0;
        QDirIterator it(dir + QStringLiteral("/.kmsync"), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(leakIn(f.readAll()).isEmpty(), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY2(files > 0, "no ledger written under .kmsync/");
        QVERIFY(QFile::exists(dir + QStringLiteral("/.kmsync/ledger.json")));
    }

    // Saving a loaded task (raw and with parameters substituted) never writes a datasource's secret.
    void savedTask_data() { successfulRunFiles_data(); }
    void savedTask()
    {
        QFETCH(QString, mode);
        qputenv("PLANTED", m_planted);
        config::TaskRunOptions options;
        options.params = {{QStringLiteral("partition"), QStringLiteral("20221122")}};
        for (const QString &name : {QStringLiteral("odps-task.json"), QStringLiteral("down-task.json")}) {
            const auto resolved = config::loadTask(workspace(mode) + u'/' + name, options);
            QVERIFY2(resolved.ok(), resolved.ok() ? "" : qPrintable(resolved.error().message));
            for (const auto *t : {&resolved->raw, &resolved->task}) {
                const QString saved = m_dir.filePath(QStringLiteral("saved-") + mode + u'-' + name);
                QVERIFY(t->saveFile(saved).ok());
                QFile f(saved);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray bytes = f.readAll();
                QVERIFY(bytes.contains("odps_bad") || bytes.contains("kafka_down"));
                QVERIFY(leakIn(bytes).isEmpty());
            }
        }
    }

    // Datasources::toJson() keeps ${env:PLANTED} (the expanded value stays in memory only); the display string
    // masks the value in both forms, while the resolved connection really carries it.
    void datasources_data() { successfulRunFiles_data(); }
    void datasources()
    {
        QFETCH(QString, mode);
        qputenv("PLANTED", m_planted);
        const auto ds = config::Datasources::load(workspace(mode) + QStringLiteral("/datasources.json"),
                                                  QStringLiteral("dev"));
        QVERIFY2(ds.ok(), ds.ok() ? "" : qPrintable(ds.error().message));
        const auto odps = ds->resolve(QStringLiteral("odps_bad"));
        QVERIFY(odps.ok());
        QCOMPARE(odps->connection.value(QStringLiteral("accessKey")).toString().toLatin1(), m_planted);
        const auto kafka = ds->resolve(QStringLiteral("kafka_down"));
        QVERIFY(kafka.ok());
        QCOMPARE(kafka->connection.value(QStringLiteral("sasl.password")).toString().toLatin1(), m_planted);
        for (const auto &d : {odps.value(), kafka.value()})
            QVERIFY2(leakIn(d.toDisplayString().toUtf8()).isEmpty(), qPrintable(d.toDisplayString()));

        const QByteArray json = QJsonDocument(ds->toJson()).toJson();
        if (mode == QLatin1String("env")) {
            QVERIFY(leakIn(json).isEmpty());
            QVERIFY(json.contains("${env:PLANTED}"));
        } else {
            QVERIFY(json.contains(m_planted)); // the clear form is the user's own file content, saved as given
        }
    }

    // A crash (SIGSEGV raised at a named phase through the test-only KMSYNC_TEST_CRASH_AT) prints the crash
    // handler's paragraph naming the signal and the phase, ends the process by that signal, and leaks no secret.
    void crashMessages_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("phase");
        for (const QString &mode : {QStringLiteral("env"), QStringLiteral("clear")}) {
            for (const char *phase :
                 {"loading the task", "running the task", "syncing records (source and destination open)"})
                QTest::addRow("%s/%s", qPrintable(mode), phase) << mode << QString::fromLatin1(phase);
        }
    }
    void crashMessages()
    {
        QFETCH(QString, mode);
        QFETCH(QString, phase);
        const CliRun run = runCli(workspace(mode),
                                  {QStringLiteral("run"), QStringLiteral("ok-task.json"), QStringLiteral("-p"),
                                   QStringLiteral("partition=20221123"), QStringLiteral("--reruns"),
                                   QStringLiteral("0"), QStringLiteral("--progress"), QStringLiteral("jsonl")},
                                  120000, {{QStringLiteral("KMSYNC_TEST_CRASH_AT"), phase}});
        const QByteArray all = run.out + run.err;
        QVERIFY2(
            run.exitCode == -2 && run.signal == SIGSEGV,
            qPrintable(
                QStringLiteral("exit %1 signal %2: %3").arg(run.exitCode).arg(run.signal).arg(QString::fromUtf8(all))));
        QVERIFY2(run.err.contains("kmsync-cli"), run.err.constData());
        QVERIFY2(run.err.contains("crashed with signal SIGSEGV"), run.err.constData());
        QVERIFY2(run.err.contains("while " + phase.toUtf8()), run.err.constData());
        QVERIFY2(run.err.contains("Backtrace:"), run.err.constData());
        const QString leaked = leakIn(all);
        QVERIFY2(leaked.isEmpty(), qPrintable(QStringLiteral("planted secret in the crash output: ") + leaked));
    }

    // kmsync-cli does not read the desktop keychain: a ${keychain:...} secret is a clear error naming the
    // datasource and property and saying how to supply it instead.
    void keychainReferenceInCli()
    {
        const QString dir = workspace(QStringLiteral("keychain"));
        QDir().mkpath(dir);
        QJsonObject odps = m_server->connection();
        odps.insert(QStringLiteral("accessKey"),
                    QStringLiteral("${keychain:%1/datasources.json#odps_bad/connection/accessKey}").arg(dir));
        const QJsonObject datasources{{QStringLiteral("kafka_ok"),
                                       QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                                   {QStringLiteral("connection"), m_cluster->connection()}}},
                                      {QStringLiteral("odps_bad"),
                                       QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")},
                                                   {QStringLiteral("connection"), odps}}}};
        QVERIFY(writeJson(dir + QStringLiteral("/datasources.json"),
                          QJsonObject{{QStringLiteral("datasources"), datasources}}));
        QVERIFY(writeJson(dir + QStringLiteral("/odps-task.json"),
                          task(QStringLiteral("kafka_ok"), QStringLiteral("odps_bad"), 0)));
        for (const QString &command : {QStringLiteral("validate"), QStringLiteral("run")}) {
            const CliRun run = runCli(dir, {command, QStringLiteral("odps-task.json"), QStringLiteral("-p"),
                                            QStringLiteral("partition=20221122")});
            QVERIFY2(
                run.exitCode == 2,
                qPrintable(
                    QStringLiteral("%1: exit %2: %3").arg(command).arg(run.exitCode).arg(QString::fromUtf8(run.err))));
            const QByteArray all = run.out + run.err; // validate reports on stdout, run on stderr
            QVERIFY2(all.contains("datasource \"odps_bad\" property \"accessKey\" is kept in the desktop keychain"),
                     all.constData());
            QVERIFY2(all.contains("${env:NAME}"), all.constData());
        }
    }

    void cleanupTestCase() { qunsetenv("PLANTED"); }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
