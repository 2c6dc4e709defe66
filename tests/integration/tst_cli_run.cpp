// link: kmsync_kafka kmsync_warehouse kmsync_core
// `kmsync-cli run` and `preview` as scripts use them, against a mock cluster this test starts (the CLI child
// process connects to it over TCP): the summary line, --progress jsonl, exit codes, SIGINT cancelling cleanly,
// and kill -9 at random points leaving the destination partition as before; a rerun gives identical rows.
#include <csignal>
#include <random>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "engine/kafka/messageproducer.h"
#include "engine/kafka/mockcluster.h"
#include "engine/warehouse/localwarehouse.h"

using namespace kmsync::engine;

namespace {

QJsonObject step(const QString &type, const QString &category, const QString &name, const QJsonObject &parameter)
{
    return QJsonObject{{QStringLiteral("stepType"), type},
                       {QStringLiteral("category"), category},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("parameter"), parameter}};
}

} // namespace

class TestCliRun final : public QObject
{
    Q_OBJECT

    std::unique_ptr<kafka::MockCluster> m_cluster;
    QTemporaryDir m_dir;
    static constexpr int kMessages = 3000;

    QString writeTask(const QString &name, const QJsonObject &readerExtra, const QJsonObject &setting)
    {
        QJsonObject reader{{QStringLiteral("datasource"), QStringLiteral("kafka")},
                           {QStringLiteral("topic"), QStringLiteral("events")},
                           {QStringLiteral("column"),
                            QJsonArray{QStringLiteral("__partition__"), QStringLiteral("__offset__"),
                                       QStringLiteral("id"), QStringLiteral("name")}},
                           {QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                           {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")}};
        for (auto it = readerExtra.begin(); it != readerExtra.end(); ++it) {
            if (it.value().isNull())
                reader.remove(it.key()); // null: leave the key out
            else
                reader.insert(it.key(), it.value());
        }
        const QJsonObject writer{{QStringLiteral("datasource"), QStringLiteral("wh")},
                                 {QStringLiteral("table"), QStringLiteral("events")},
                                 {QStringLiteral("partition"), QStringLiteral("ds=${partition}")},
                                 {QStringLiteral("column"), QJsonArray{QStringLiteral("p"), QStringLiteral("o"),
                                                                       QStringLiteral("id"), QStringLiteral("name")}},
                                 {QStringLiteral("truncate"), true}};
        const QJsonObject task{{QStringLiteral("type"), QStringLiteral("job")},
                               {QStringLiteral("version"), QStringLiteral("2.0")},
                               {QStringLiteral("steps"),
                                QJsonArray{step(QStringLiteral("kafka"), QStringLiteral("reader"),
                                                QStringLiteral("Reader"), reader),
                                           step(QStringLiteral("odps"), QStringLiteral("writer"),
                                                QStringLiteral("Writer"), writer)}},
                               {QStringLiteral("setting"), setting}};
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(task).toJson());
        return path;
    }

    QString partitionContent(const QString &spec)
    {
        auto result = warehouse::LocalWarehouse::queryFile(
            m_dir.filePath(QStringLiteral("wh.db")),
            QStringLiteral("select p, o, id, name from events where ds='%1' order by p, o").arg(spec), 0);
        if (!result.ok())
            return QStringLiteral("error: ") + result.error().message;
        QStringList lines;
        for (const auto &row : result->rows) {
            QStringList cells;
            for (const auto &cell : row)
                cells << cell.value_or(QStringLiteral("NULL"));
            lines << cells.join(QLatin1Char(','));
        }
        return lines.join(QLatin1Char('\n'));
    }

    static QStringList args(const QString &task, const QString &partition, QStringList extra = {})
    {
        return QStringList{QStringLiteral("run"),      task,
                           QStringLiteral("-p"),       QStringLiteral("partition=") + partition,
                           QStringLiteral("--reruns"), QStringLiteral("0")}
             + extra;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto cluster = kafka::MockCluster::start();
        QVERIFY(cluster.ok());
        m_cluster = std::move(cluster.value());
        QVERIFY(m_cluster->createTopic(QStringLiteral("events"), 3).ok());
        std::vector<KafkaMessage> messages;
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < kMessages; ++i) {
            KafkaMessage m;
            m.partition = i % 3;
            m.timestampMs = now - kMessages + i;
            m.key = std::to_string(i);
            m.value = QStringLiteral(
                          R"({"id":%1,"name":"user %1 with a somewhat longer name to make the message bigger"})")
                          .arg(i)
                          .toStdString();
            messages.push_back(std::move(m));
        }
        QVERIFY(kafka::produceMessages(m_cluster->connection(), QStringLiteral("events"), messages).ok());
        QFile ds(m_dir.filePath(QStringLiteral("datasources.json")));
        QVERIFY(ds.open(QIODevice::WriteOnly));
        ds.write(
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("datasources"),
                     QJsonObject{{QStringLiteral("kafka"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                              {QStringLiteral("connection"), m_cluster->connection()}}},
                                 {QStringLiteral("wh"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                              {QStringLiteral("connection"),
                                               QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}}}}}})
                .toJson());
        ds.close();
        auto wh = warehouse::LocalWarehouse::open(m_dir.filePath(QStringLiteral("wh.db")));
        QVERIFY(wh.ok());
        QVERIFY(wh.value()
                    ->executeSql(QStringLiteral("CREATE TABLE events (p BIGINT, o BIGINT, id BIGINT, name STRING) "
                                                "PARTITIONED BY (ds STRING)"))
                    .ok());
    }

    void runPrintsTheSummaryAndProgress()
    {
        const QString task = writeTask(QStringLiteral("all.json"), {}, {});
        QProcess cli;
        cli.start(QStringLiteral(KMSYNC_CLI_PATH),
                  args(task, QStringLiteral("full"), {QStringLiteral("--progress"), QStringLiteral("jsonl")}));
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
        QVERIFY(lines.size() >= 2);
        const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(summary.value(QStringLiteral("read")).toInt(), kMessages);
        QCOMPARE(summary.value(QStringLiteral("written")).toInt(), kMessages);
        QCOMPARE(summary.value(QStringLiteral("dirty")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("partitions")).toArray().size(), 3);
        QVERIFY(summary.value(QStringLiteral("audit")).isArray());
        QVERIFY(summary.value(QStringLiteral("seconds")).toDouble() > 0);
        // The commit's own time, so a benchmark can tell how much of a run the commit is.
        const double commitSeconds = summary.value(QStringLiteral("commitSeconds")).toDouble(-1);
        QVERIFY2(commitSeconds > 0 && commitSeconds < summary.value(QStringLiteral("seconds")).toDouble(),
                 qPrintable(QString::number(commitSeconds)));
        const QJsonObject progress = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(progress.value(QStringLiteral("type")).toString(), QStringLiteral("progress"));
        QCOMPARE(partitionContent(QStringLiteral("full")).count(QLatin1Char('\n')) + 1, kMessages);
    }

    void badTaskExitsTwo()
    {
        const QString task = writeTask(QStringLiteral("bad.json"),
                                       {{QStringLiteral("keyType"), QStringLiteral("TEXT")}}, {});
        QProcess cli;
        cli.start(QStringLiteral(KMSYNC_CLI_PATH), args(task, QStringLiteral("x")));
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.readAllStandardError().contains("keyType"));
    }

    void sigintCancelsAndLeavesThePartition()
    {
        // 30 rows first, then a throttled truncating run over everything that is cancelled half way.
        const QString small = writeTask(QStringLiteral("small.json"), {{QStringLiteral("endOffset"), 10}}, {});
        QProcess first;
        first.start(QStringLiteral(KMSYNC_CLI_PATH), args(small, QStringLiteral("c")));
        QVERIFY(first.waitForFinished(60000));
        QCOMPARE(first.exitCode(), 0);
        const QString before = partitionContent(QStringLiteral("c"));
        QCOMPARE(before.count(QLatin1Char('\n')) + 1, 30);

        const QString slow = writeTask(QStringLiteral("slow.json"), {},
                                       {{QStringLiteral("speed"), QJsonObject{{QStringLiteral("throttle"), true},
                                                                              {QStringLiteral("mbps"), 0.02}}}});
        QProcess cli;
        cli.start(QStringLiteral(KMSYNC_CLI_PATH),
                  args(slow, QStringLiteral("c"), {QStringLiteral("--progress"), QStringLiteral("jsonl")}));
        QVERIFY(cli.waitForStarted());
        // Wait until rows are being written, then interrupt.
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += cli.readAllStandardOutput()).contains("\"written\":1"), 60000);
        ::kill(pid_t(cli.processId()), SIGINT);
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 3);
        progress += cli.readAllStandardOutput();
        const QJsonObject summary = QJsonDocument::fromJson(progress.trimmed().split('\n').last()).object();
        QCOMPARE(summary.value(QStringLiteral("cancelled")).toBool(), true);
        QCOMPARE(partitionContent(QStringLiteral("c")), before);
    }

    void killNineLeavesThePartitionBeforeOrComplete()
    {
        const QString task = writeTask(QStringLiteral("kill.json"), {}, {});
        QProcess reference;
        QElapsedTimer referenceTime;
        referenceTime.start();
        reference.start(QStringLiteral(KMSYNC_CLI_PATH), args(task, QStringLiteral("k")));
        QVERIFY(reference.waitForFinished(120000));
        const int runMs = int(referenceTime.elapsed());
        QCOMPARE(reference.exitCode(), 0);
        const QString complete = partitionContent(QStringLiteral("k"));
        // Make the partition different from a complete run, then kill truncating runs at random points.
        const QString small = writeTask(QStringLiteral("kill-small.json"), {{QStringLiteral("endOffset"), 5}}, {});
        QProcess shrink;
        shrink.start(QStringLiteral(KMSYNC_CLI_PATH), args(small, QStringLiteral("k")));
        QVERIFY(shrink.waitForFinished(60000));
        const QString before = partitionContent(QStringLiteral("k"));
        QVERIFY(before != complete);
        // Ten kills at random points of a run (uniform over the time a whole run took).
        std::mt19937 random(12345);
        std::uniform_int_distribution<int> delay(0, std::max(1, runMs));
        int killedMidway = 0;
        for (int attempt = 0; attempt < 10; ++attempt) {
            QProcess cli;
            cli.start(QStringLiteral(KMSYNC_CLI_PATH), args(task, QStringLiteral("k")));
            QVERIFY(cli.waitForStarted());
            QTest::qSleep(delay(random));
            ::kill(pid_t(cli.processId()), SIGKILL);
            cli.waitForFinished(30000);
            const QString now = partitionContent(QStringLiteral("k"));
            QVERIFY2(now == before || now == complete,
                     qPrintable(QStringLiteral("attempt %1: partial partition").arg(attempt)));
            if (now == before) {
                ++killedMidway;
                continue;
            }
            // The run finished before the kill: restore the smaller partition for the next try.
            QProcess again;
            again.start(QStringLiteral(KMSYNC_CLI_PATH), args(small, QStringLiteral("k")));
            QVERIFY(again.waitForFinished(60000));
            QCOMPARE(partitionContent(QStringLiteral("k")), before);
        }
        QVERIFY2(killedMidway > 0, "no kill landed before the commit; the test proved nothing");
        QProcess rerun;
        rerun.start(QStringLiteral(KMSYNC_CLI_PATH), args(task, QStringLiteral("k")));
        QVERIFY(rerun.waitForFinished(120000));
        QCOMPARE(rerun.exitCode(), 0);
        QCOMPARE(partitionContent(QStringLiteral("k")), complete);
    }

    // Preview and run print an engine warning the same way, "kmsync-cli <command>: warning: ...": here the mock
    // cluster (reached by its address, so not known as the sandbox) contradicts itself on a time lookup.
    void previewAndRunPrintWarningsAlike()
    {
        const QString task = writeTask(QStringLiteral("since-epoch.json"),
                                       {{QStringLiteral("beginOffset"), QJsonValue()},
                                        {QStringLiteral("beginTimestampMillis"), 1}},
                                       {});
        const QString warning = QStringLiteral(
            ": warning: topic events partition 0: the broker's time lookup is wrong");
        QProcess preview;
        preview.start(QStringLiteral(KMSYNC_CLI_PATH),
                      {QStringLiteral("preview"), task, QStringLiteral("-p"), QStringLiteral("partition=w"),
                       QStringLiteral("--limit"), QStringLiteral("1")});
        QVERIFY(preview.waitForFinished(60000));
        const QString previewErr = QString::fromUtf8(preview.readAllStandardError());
        QVERIFY2(previewErr.contains(QStringLiteral("kmsync-cli preview") + warning), qPrintable(previewErr));
        QProcess run;
        run.start(QStringLiteral(KMSYNC_CLI_PATH), args(task, QStringLiteral("w")));
        QVERIFY(run.waitForFinished(60000));
        const QString runErr = QString::fromUtf8(run.readAllStandardError());
        QVERIFY2(runErr.contains(QStringLiteral("kmsync-cli run") + warning), qPrintable(runErr));
    }

    void previewPrintsMappedRecords()
    {
        const QString task = writeTask(QStringLiteral("preview.json"), {}, {});
        QProcess cli;
        cli.start(QStringLiteral(KMSYNC_CLI_PATH),
                  {QStringLiteral("preview"), task, QStringLiteral("-p"), QStringLiteral("partition=x"),
                   QStringLiteral("--limit"), QStringLiteral("4")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QVERIFY(first.contains(QStringLiteral("id")));
        QCOMPARE(first.value(QStringLiteral("p")).toInt(), first.value(QStringLiteral("_partition")).toInt());
        QCOMPARE(first.value(QStringLiteral("o")).toInt(), first.value(QStringLiteral("_offset")).toInt());
    }

    // A missing table: the engine says what is wrong, kmsync-cli how to fix it with its own commands.
    void missingTableAdvisesTheCliCommands()
    {
        const QString task = writeTask(QStringLiteral("missing-table.json"), {}, {});
        QFile file(task);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray json = file.readAll();
        file.close();
        json.replace("\"table\": \"events\"", "\"table\": \"no_such_table\""); // the topic stays
        QVERIFY(json.contains("no_such_table"));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
        file.close();
        QProcess run;
        run.start(QStringLiteral(KMSYNC_CLI_PATH), args(task, QStringLiteral("m")));
        QVERIFY(run.waitForFinished(60000));
        const QString err = QString::fromUtf8(run.readAllStandardError());
        QCOMPARE(run.exitCode(), 2);
        QVERIFY2(err.contains(QStringLiteral("kmsync-cli run: error: table \"no_such_table\" does not exist in "
                                             "warehouse ")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("kmsync-cli run: create it with kmsync-cli ddl %1 --apply or kmsync-cli "
                                             "sql\n")
                                  .arg(task)),
                 qPrintable(err));
    }

    // Times are wall-clock times in the task's time zone, the zone named: _time and a DATETIME column alike.
    void previewShowsTimesInTheTasksZone()
    {
        const QString task = writeTask(QStringLiteral("preview-zone.json"),
                                       {{QStringLiteral("timeZone"), QStringLiteral("Asia/Shanghai")},
                                        {QStringLiteral("column"),
                                         QJsonArray{QStringLiteral("__partition__"), QStringLiteral("__offset__"),
                                                    QStringLiteral("id"), QStringLiteral("__timestamp__")}}},
                                       {});
        QFile file(task);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonArray steps = root.value(QStringLiteral("steps")).toArray();
        QJsonObject writer = steps[1].toObject();
        QJsonObject parameter = writer.value(QStringLiteral("parameter")).toObject();
        parameter.insert(QStringLiteral("table"), QStringLiteral("timed_events"));
        parameter.insert(QStringLiteral("column"), QJsonArray{QStringLiteral("p"), QStringLiteral("o"),
                                                              QStringLiteral("id"), QStringLiteral("at")});
        writer.insert(QStringLiteral("parameter"), parameter);
        steps[1] = writer;
        root.insert(QStringLiteral("steps"), steps);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(root).toJson());
        file.close();
        auto warehouse = warehouse::LocalWarehouse::open(m_dir.filePath(QStringLiteral("wh.db")));
        QVERIFY(warehouse.ok());
        QVERIFY((*warehouse)
                    ->executeSql(QStringLiteral("CREATE TABLE IF NOT EXISTS timed_events (p BIGINT, o BIGINT, id "
                                                "BIGINT, at DATETIME) PARTITIONED BY (ds STRING)"))
                    .ok());
        warehouse->reset();

        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TZ"), QStringLiteral("UTC")); // the machine's zone is not the task's
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(KMSYNC_CLI_PATH),
                  {QStringLiteral("preview"), task, QStringLiteral("-p"), QStringLiteral("partition=x"),
                   QStringLiteral("--limit"), QStringLiteral("3")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QTimeZone shanghai("Asia/Shanghai");
        for (const QByteArray &text : lines) {
            const QJsonObject line = QJsonDocument::fromJson(text).object();
            const qint64 ms = line.value(QStringLiteral("_timestamp")).toInteger();
            QVERIFY(ms > 0);
            const QString expected =
                QDateTime::fromMSecsSinceEpoch(ms, shanghai).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                + QStringLiteral(" Asia/Shanghai");
            QCOMPARE(line.value(QStringLiteral("_time")).toString(), expected);
            QCOMPARE(line.value(QStringLiteral("at")).toString(), expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
