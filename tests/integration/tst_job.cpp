// link: kmsync_job kmsync_config kmsync_kafka kmsync_mapping kmsync_warehouse kmsync_params kmsync_core
// The whole engine, Kafka → mapping → local warehouse, through the same runTask() the CLI and the GUI use,
// on the librdkafka mock cluster (row "mock") and on a real broker (row "real", KMSYNC_TEST_KAFKA_BOOTSTRAP;
// skipped when unset): a time window with out-of-order timestamps and its audit, every source field, append vs
// truncate, dirty data under and over the limit (destination unchanged), group offsets committed only after
// the destination commit, and the offset ledger (gap reported; --from-ledger picks up late records).
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <csignal>
#include <functional>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>
#include <QUuid>
#include <QTimeZone>

#include "engine/config/taskloader.h"
#include "engine/kafka/kafkaadmin.h"
#include "engine/kafka/messageproducer.h"
#include "engine/job/taskrunner.h"
#include "engine/warehouse/localwarehouse.h"
#include "tests/support/kafka/kafkatestbroker.h"

using namespace kmsync::engine;
using kmsync::tests::committedOffset;
using kmsync::tests::KafkaTestBroker;
using kmsync::tests::message;

namespace {

QString dateTimeText(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyyMMddHHmmss"));
}

std::string eventJson(int id, double amount, const char *dotted = "v")
{
    return QStringLiteral(R"({"id":%1,"amount":%2,"nested":{"k.dot":"%3"},"tags":["a","b"]})")
        .arg(id)
        .arg(amount)
        .arg(QLatin1String(dotted))
        .toStdString();
}

class Collector final : public SyncObserver
{
public:
    QStringList warnings;
    int progressCalls = 0;
    std::function<void(const JobProgress &)> onEachProgress;
    void onProgress(const JobProgress &progress) override
    {
        ++progressCalls;
        if (onEachProgress)
            onEachProgress(progress);
    }
    void onLog(LogLevel level, const QString &text) override
    {
        if (level >= LogLevel::Warning)
            warnings << text;
    }
};

// A workspace: datasources.json (the broker + a local warehouse) and a task file; runs it with parameters.
struct Workspace
{
    QTemporaryDir dir;
    QString topic;
    QJsonObject connection;

    QString warehousePath() const { return dir.filePath(QStringLiteral("wh.db")); }

    bool setUp(const QJsonObject &kafkaConnection, const QString &topicName)
    {
        topic = topicName;
        connection = kafkaConnection;
        const QJsonObject datasources{
            {QStringLiteral("datasources"),
             QJsonObject{{QStringLiteral("kafka"), QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                                               {QStringLiteral("connection"), connection}}},
                         {QStringLiteral("wh"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                      {QStringLiteral("connection"),
                                       QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}}}}}};
        QFile file(dir.filePath(QStringLiteral("datasources.json")));
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(QJsonDocument(datasources).toJson());
        file.close();
        auto wh = warehouse::LocalWarehouse::open(warehousePath());
        if (!wh.ok())
            return false;
        return wh.value()
            ->executeSql(
                QStringLiteral("CREATE TABLE events (k STRING, v STRING, p BIGINT, h STRING, o BIGINT, ts BIGINT, "
                               "id BIGINT, amount DOUBLE, kdot STRING, tag STRING) PARTITIONED BY (ds STRING);"))
            .ok();
    }

    // reader overrides are merged into the reader parameter; writer ones into the writer's.
    QString writeTask(const QJsonObject &readerExtra, const QJsonObject &writerExtra = {},
                      const QString &errorLimit = QStringLiteral("0"))
    {
        QJsonObject reader{{QStringLiteral("datasource"), QStringLiteral("kafka")},
                           {QStringLiteral("topic"), topic},
                           {QStringLiteral("column"),
                            QJsonArray{QStringLiteral("__key__"), QStringLiteral("__value__"),
                                       QStringLiteral("__partition__"), QStringLiteral("__headers__"),
                                       QStringLiteral("__offset__"), QStringLiteral("__timestamp__"),
                                       QStringLiteral("id"), QStringLiteral("amount"),
                                       QStringLiteral("[\"nested\"][\"k.dot\"]"), QStringLiteral("tags[1]")}},
                           {QStringLiteral("keyType"), QStringLiteral("STRING")},
                           {QStringLiteral("valueType"), QStringLiteral("STRING")},
                           {QStringLiteral("timeZone"), QStringLiteral("UTC")}};
        for (auto it = readerExtra.begin(); it != readerExtra.end(); ++it)
            reader.insert(it.key(), it.value());
        QJsonObject writer{{QStringLiteral("datasource"), QStringLiteral("wh")},
                           {QStringLiteral("table"), QStringLiteral("events")},
                           {QStringLiteral("partition"), QStringLiteral("ds=${partition}")},
                           {QStringLiteral("column"),
                            QJsonArray{QStringLiteral("k"), QStringLiteral("v"), QStringLiteral("p"),
                                       QStringLiteral("h"), QStringLiteral("o"), QStringLiteral("ts"),
                                       QStringLiteral("id"), QStringLiteral("amount"), QStringLiteral("kdot"),
                                       QStringLiteral("tag")}},
                           {QStringLiteral("truncate"), true}};
        for (auto it = writerExtra.begin(); it != writerExtra.end(); ++it)
            writer.insert(it.key(), it.value());
        const QJsonObject task{
            {QStringLiteral("type"), QStringLiteral("job")},
            {QStringLiteral("version"), QStringLiteral("2.0")},
            {QStringLiteral("steps"), QJsonArray{QJsonObject{{QStringLiteral("stepType"), QStringLiteral("kafka")},
                                                             {QStringLiteral("category"), QStringLiteral("reader")},
                                                             {QStringLiteral("name"), QStringLiteral("Reader")},
                                                             {QStringLiteral("parameter"), reader}},
                                                 QJsonObject{{QStringLiteral("stepType"), QStringLiteral("odps")},
                                                             {QStringLiteral("category"), QStringLiteral("writer")},
                                                             {QStringLiteral("name"), QStringLiteral("Writer")},
                                                             {QStringLiteral("parameter"), writer}}}},
            {QStringLiteral("setting"),
             QJsonObject{{QStringLiteral("errorLimit"), QJsonObject{{QStringLiteral("record"), errorLimit}}}}},
            {QStringLiteral("order"),
             QJsonObject{
                 {QStringLiteral("hops"), QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("Reader")},
                                                                 {QStringLiteral("to"), QStringLiteral("Writer")}}}}}}};
        const QString path = dir.filePath(QStringLiteral("task.json"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(task).toJson());
        return path;
    }

    RunSummary run(const QString &taskPath, const QMap<QString, QString> &params, Collector &collector,
                   bool fromLedger = false)
    {
        config::TaskRunOptions options;
        for (auto it = params.begin(); it != params.end(); ++it)
            options.params.push_back(params::Assignment{it.key(), it.value()});
        auto resolved = config::loadTask(taskPath, options);
        if (!resolved.ok()) {
            RunSummary failed;
            failed.errorCode = resolved.error().code;
            failed.errorMessage = resolved.error().message;
            return failed;
        }
        TaskRunOptions runOptions;
        runOptions.reruns = 0;
        runOptions.plan.fromLedger = fromLedger;
        StopToken stop;
        return runTask(resolved.value(), runOptions, stop, collector);
    }

    std::vector<std::vector<std::optional<QString>>> rows(const QString &sql)
    {
        auto result = warehouse::LocalWarehouse::queryFile(warehousePath(), sql, 0);
        if (!result.ok()) {
            qWarning() << result.error().message;
            return {};
        }
        return result->rows;
    }
    QString scalar(const QString &sql)
    {
        const auto r = rows(sql);
        return r.empty() || r[0].empty() || !r[0][0] ? QString() : *r[0][0];
    }
};

#define OPEN_BROKER(var)                                                                                               \
    QFETCH(QString, broker);                                                                                           \
    if (const QString why = KafkaTestBroker::skipReason(broker); !why.isEmpty())                                       \
        QSKIP(qPrintable(why));                                                                                        \
    auto var##Opened = KafkaTestBroker::open(broker);                                                                  \
    QVERIFY2(var##Opened.ok(), qPrintable(var##Opened.ok() ? QString() : var##Opened.error().message));                \
    auto &var = *var##Opened.value()

} // namespace

class TestJob final : public QObject
{
    Q_OBJECT

    static void brokers()
    {
        QTest::addColumn<QString>("broker");
        for (const QString &kind : KafkaTestBroker::kinds())
            QTest::newRow(qPrintable(kind)) << kind;
    }

private Q_SLOTS:
    void timeWindowWithEveryFieldAndAudit_data() { brokers(); }
    void timeWindowWithEveryFieldAndAudit()
    {
        OPEN_BROKER(kafka);
        auto topic = kafka.createTopic(QStringLiteral("job-window"), 2);
        QVERIFY(topic.ok());
        Workspace ws;
        QVERIFY(ws.setUp(kafka.connection(), topic.value()));
        const int64_t hour = 3600 * 1000;
        const int64_t t0 = (QDateTime::currentMSecsSinceEpoch() / hour - 3) * hour; // a whole hour, 3 h ago
        // partition 0: before, at begin (included), inside, out of order (inside range → audit "before"), at end
        // (excluded), after; partition 1: two inside, one with a null key and headers.
        QVERIFY(
            kafka
                .produce(*topic,
                         {message(0, t0 - 60000, "k0", eventJson(0, 0.5)), message(0, t0, "k1", eventJson(1, 1.5)),
                          message(0, t0 + 1000, "k2", eventJson(2, -2.25, "x")),
                          message(0, t0 - 5000, "k3", eventJson(3, 3)), message(0, t0 + hour, "k4", eventJson(4, 4)),
                          message(0, t0 + hour + 1, "k5", eventJson(5, 5)),
                          message(1, t0 + 10, std::nullopt, eventJson(6, 6), {{"source", std::string("web")}}),
                          message(1, t0 + 20, "k7", eventJson(7, 7))})
                .ok());
        const QString task = ws.writeTask({{QStringLiteral("beginDateTime"), QStringLiteral("${startTime}")},
                                           {QStringLiteral("endDateTime"), QStringLiteral("${endTime}")}});
        Collector collector;
        const RunSummary summary = ws.run(task,
                                          {{QStringLiteral("startTime"), dateTimeText(t0)},
                                           {QStringLiteral("endTime"), dateTimeText(t0 + hour)},
                                           {QStringLiteral("partition"), QStringLiteral("2026112200")}},
                                          collector);
        QVERIFY2(summary.ok, qPrintable(summary.errorMessage));
        QCOMPARE(summary.read, 5);
        QCOMPARE(summary.written, 5);
        QCOMPARE(ws.scalar(QStringLiteral("select count(*) from events where ds=2022112200")), QStringLiteral("0"));
        QCOMPARE(ws.scalar(QStringLiteral("select count(*) from events where ds=2026112200")), QStringLiteral("5"));
        QCOMPARE(ws.scalar(QStringLiteral(
                     "select group_concat(id) from (select id from events where ds='2026112200' order by id)")),
                 QStringLiteral("1,2,3,6,7"));
        // Audit: k3 (timestamp before the window, offset inside the range) on partition 0.
        QCOMPARE(summary.audit.size(), size_t(2));
        QCOMPARE(summary.audit[0], (WindowAudit{0, 1, 0}));
        QCOMPARE(summary.audit[1], (WindowAudit{1, 0, 0}));
        // Every source field of one row.
        const auto row = ws.rows(
            QStringLiteral("select k, v, p, h, o, ts, id, amount, kdot, tag from events where id = 2"));
        QCOMPARE(row.size(), size_t(1));
        QCOMPARE(row[0][0].value_or(QStringLiteral("NULL")), QStringLiteral("k2"));
        QCOMPARE(row[0][1].value_or(QString()), QString::fromStdString(eventJson(2, -2.25, "x")));
        QCOMPARE(row[0][2].value_or(QString()), QStringLiteral("0"));
        QCOMPARE(row[0][3].value_or(QString()), QStringLiteral("{}"));
        QCOMPARE(row[0][4].value_or(QString()), QStringLiteral("2"));
        QCOMPARE(row[0][5].value_or(QString()), QString::number(t0 + 1000));
        QCOMPARE(row[0][7].value_or(QString()), QStringLiteral("-2.25"));
        QCOMPARE(row[0][8].value_or(QString()), QStringLiteral("x"));
        QCOMPARE(row[0][9].value_or(QString()), QStringLiteral("b"));
        const auto nullKey = ws.rows(QStringLiteral("select k, h from events where id = 6"));
        QCOMPARE(nullKey.size(), size_t(1));
        QVERIFY(!nullKey[0][0].has_value());
        QCOMPARE(nullKey[0][1].value_or(QString()), QStringLiteral(R"({"source":"web"})"));
    }

    void appendAndTruncate_data() { brokers(); }
    void appendAndTruncate()
    {
        OPEN_BROKER(kafka);
        auto topic = kafka.createTopic(QStringLiteral("job-modes"), 1);
        QVERIFY(topic.ok());
        Workspace ws;
        QVERIFY(ws.setUp(kafka.connection(), topic.value()));
        const int64_t now = QDateTime::currentMSecsSinceEpoch() - 60000;
        QVERIFY(
            kafka.produce(*topic, {message(0, now, "a", eventJson(1, 1)), message(0, now + 1, "b", eventJson(2, 2))})
                .ok());
        const QJsonObject all{{QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                              {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")}};
        const QMap<QString, QString> params{{QStringLiteral("partition"), QStringLiteral("p1")}};
        Collector collector;
        const QString append = ws.writeTask(all, {{QStringLiteral("truncate"), false}});
        QVERIFY(ws.run(append, params, collector).ok);
        QVERIFY(ws.run(append, params, collector).ok);
        QCOMPARE(ws.scalar(QStringLiteral("select count(*) from events where ds='p1'")), QStringLiteral("4"));
        const QString truncate = ws.writeTask(all, {{QStringLiteral("truncate"), true}});
        QVERIFY(ws.run(truncate, params, collector).ok);
        QCOMPARE(ws.scalar(QStringLiteral("select count(*) from events where ds='p1'")), QStringLiteral("2"));
    }

    void dirtyDataUnderAndOverTheLimit_data() { brokers(); }
    void dirtyDataUnderAndOverTheLimit()
    {
        OPEN_BROKER(kafka);
        auto topic = kafka.createTopic(QStringLiteral("job-dirty"), 1);
        QVERIFY(topic.ok());
        Workspace ws;
        QVERIFY(ws.setUp(kafka.connection(), topic.value()));
        const int64_t now = QDateTime::currentMSecsSinceEpoch() - 60000;
        QVERIFY(kafka
                    .produce(*topic, {message(0, now, "a", eventJson(1, 1)), message(0, now + 1, "b", "{not json"),
                                      message(0, now + 2, "c", R"({"id":"seven","amount":1})"),
                                      message(0, now + 3, "d", eventJson(4, 4))})
                    .ok());
        const QJsonObject all{{QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                              {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")}};
        const QMap<QString, QString> params{{QStringLiteral("partition"), QStringLiteral("d1")}};
        Collector collector;
        // Under the limit: the two good rows land, the two dirty ones go to the dirty file with their reasons.
        RunSummary ok = ws.run(ws.writeTask(all, {}, QStringLiteral("2")), params, collector);
        QVERIFY2(ok.ok, qPrintable(ok.errorMessage));
        QCOMPARE(ok.dirty, 2);
        QCOMPARE(ws.scalar(QStringLiteral("select count(*) from events where ds='d1'")), QStringLiteral("2"));
        QFile dirty(ok.dirtyFile);
        QVERIFY(dirty.open(QIODevice::ReadOnly));
        const QByteArray dirtyText = dirty.readAll();
        QVERIFY2(dirtyText.contains("not valid JSON"), dirtyText.constData());
        QVERIFY2(dirtyText.contains("\"offset\":2") && dirtyText.contains("seven"), dirtyText.constData());
        // Over the limit: the run fails and the partition keeps exactly what it had.
        RunSummary failed = ws.run(ws.writeTask(all, {{QStringLiteral("truncate"), true}}, QStringLiteral("1")), params,
                                   collector);
        QVERIFY(!failed.ok);
        QCOMPARE(failed.errorCode, QStringLiteral("job.dirty_limit"));
        QCOMPARE(failed.written, 0);
        QCOMPARE(ws.scalar(
                     QStringLiteral("select group_concat(id) from (select id from events where ds='d1' order by id)")),
                 QStringLiteral("1,4"));
    }

    void groupOffsetsCommittedOnlyAfterTheDestination_data() { brokers(); }
    void groupOffsetsCommittedOnlyAfterTheDestination()
    {
        OPEN_BROKER(kafka);
        auto topic = kafka.createTopic(QStringLiteral("job-group"), 2);
        QVERIFY(topic.ok());
        Workspace ws;
        QVERIFY(ws.setUp(kafka.connection(), topic.value()));
        const int64_t now = QDateTime::currentMSecsSinceEpoch() - 60000;
        QVERIFY(kafka
                    .produce(*topic, {message(0, now, "a", eventJson(1, 1)), message(0, now + 1, "b", eventJson(2, 2)),
                                      message(1, now + 2, "c", eventJson(3, 3))})
                    .ok());
        const QString group = QStringLiteral("kmsync-test-") + topic.value();
        const QJsonObject reader{{QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                                 {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")},
                                 {QStringLiteral("kafkaConfig"), QJsonObject{{QStringLiteral("group.id"), group}}}};
        Collector collector;
        // A run that fails at the destination (no such table) commits nothing.
        RunSummary failed = ws.run(ws.writeTask(reader, {{QStringLiteral("table"), QStringLiteral("missing")}}),
                                   {{QStringLiteral("partition"), QStringLiteral("g")}}, collector);
        QVERIFY(!failed.ok);
        QVERIFY(committedOffset(kafka.bootstrapServers(), group, *topic, 0) < 0);
        RunSummary ok = ws.run(ws.writeTask(reader), {{QStringLiteral("partition"), QStringLiteral("g")}}, collector);
        QVERIFY2(ok.ok, qPrintable(ok.errorMessage));
        QCOMPARE(committedOffset(kafka.bootstrapServers(), group, *topic, 0), int64_t(2));
        QCOMPARE(committedOffset(kafka.bootstrapServers(), group, *topic, 1), int64_t(1));
    }

    void ledgerReportsTheGapAndFromLedgerKeepsLateRecords_data() { brokers(); }
    void ledgerReportsTheGapAndFromLedgerKeepsLateRecords()
    {
        OPEN_BROKER(kafka);
        auto topic = kafka.createTopic(QStringLiteral("job-ledger"), 1);
        QVERIFY(topic.ok());
        Workspace ws;
        QVERIFY(ws.setUp(kafka.connection(), topic.value()));
        const int64_t hour = 3600 * 1000;
        const int64_t t0 = (QDateTime::currentMSecsSinceEpoch() / hour - 3) * hour;
        const QString task = ws.writeTask({{QStringLiteral("beginDateTime"), QStringLiteral("${startTime}")},
                                           {QStringLiteral("endDateTime"), QStringLiteral("${endTime}")}});
        auto window = [&](int n) {
            return QMap<QString, QString>{{QStringLiteral("startTime"), dateTimeText(t0 + n * hour)},
                                          {QStringLiteral("endTime"), dateTimeText(t0 + (n + 1) * hour)},
                                          {QStringLiteral("partition"), QStringLiteral("w%1").arg(n)}};
        };
        // Window 0 has two records; then a late record for window 0 arrives after the first record of window 1.
        QVERIFY(
            kafka
                .produce(*topic, {message(0, t0 + 1, "a", eventJson(1, 1)), message(0, t0 + 2, "b", eventJson(2, 2)),
                                  message(0, t0 + hour + 1, "c", eventJson(3, 3))})
                .ok());
        Collector collector;
        QVERIFY(ws.run(task, window(0), collector).ok);
        QVERIFY(kafka
                    .produce(*topic, {message(0, t0 + 3, "late", eventJson(4, 4)),
                                      message(0, t0 + hour + 2, "d", eventJson(5, 5))})
                    .ok());
        // By time, window 1 starts at offset 2 (the first record at or after its start): it joins window 0 (which
        // ended at 2), and the late record (offset 3, inside the range) is kept and counted as "before" in the audit.
        RunSummary byTime = ws.run(task, window(1), collector);
        QVERIFY2(byTime.ok, qPrintable(byTime.errorMessage));
        QVERIFY(byTime.ledger.hasPrevious);
        QCOMPARE(byTime.ledger.previousPartitionSpec, QStringLiteral("ds=w0"));
        QVERIFY(byTime.ledger.contiguous());
        QCOMPARE(byTime.audit[0].before, int64_t(1));
        // Window 2 by time starts at the end (no records at or after its start): a gap would open if records
        // had come between; --from-ledger starts exactly where window 1 ended.
        QVERIFY(kafka.produce(*topic, {message(0, t0 + hour + 3, "late2", eventJson(6, 6))}).ok());
        RunSummary byTime2 = ws.run(task, window(2), collector);
        QVERIFY(byTime2.ok);
        QCOMPARE(byTime2.ledger.partitions.size(), size_t(1));
        QCOMPARE(byTime2.ledger.partitions[0].gap(), int64_t(1)); // offset 5 (late2) was never read
        QCOMPARE(byTime2.read, int64_t(0));
        RunSummary fromLedger = ws.run(task, window(2), collector, true);
        QVERIFY2(fromLedger.ok, qPrintable(fromLedger.errorMessage));
        QCOMPARE(fromLedger.read, int64_t(1));
        QCOMPARE(ws.scalar(QStringLiteral("select id from events where ds='w2'")), QStringLiteral("6"));
    }

    // The broker dies while a (throttled) run is reading: the run fails within the Kafka timeout with a clear
    // error, the partition keeps what it had, and the group's offsets do not move. "mock" takes the mock broker
    // down; "real" starts a broker of its own with scripts/kafka-broker.sh and kills it with SIGKILL.
    void brokerDiesMidRun_data() { brokers(); }
    void brokerDiesMidRun()
    {
        QFETCH(QString, broker);
        if (const QString why = KafkaTestBroker::skipReason(broker); !why.isEmpty())
            QSKIP(qPrintable(why));
        std::unique_ptr<KafkaTestBroker> mock;
        QTemporaryDir brokerDir;
        QJsonObject connection;
        QString pidFile;
        const QString script = QStringLiteral(KMSYNC_SOURCE_DIR "/scripts/kafka-broker.sh");
        auto stopOwnBroker = [&] {
            if (!pidFile.isEmpty()) {
                QProcess stop;
                stop.setProcessEnvironment([&] {
                    auto env = QProcessEnvironment::systemEnvironment();
                    env.insert(QStringLiteral("KMSYNC_BUILD_DIR"), brokerDir.path());
                    return env;
                }());
                stop.start(QStringLiteral("bash"), {script, QStringLiteral("stop")});
                stop.waitForFinished(60000);
            }
        };
        if (broker == QLatin1String("mock")) {
            auto opened = KafkaTestBroker::open(broker);
            QVERIFY(opened.ok());
            mock = std::move(opened.value());
            connection = mock->connection();
        } else {
            // Its own broker: the shared one must stay up for the other tests.
            QProcess start;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("KMSYNC_BUILD_DIR"), brokerDir.path());
            start.setProcessEnvironment(env);
            start.start(QStringLiteral("bash"), {script, QStringLiteral("start")});
            QVERIFY(start.waitForFinished(180000));
            QVERIFY2(start.exitCode() == 0, start.readAllStandardError().constData());
            QProcess envOut;
            envOut.setProcessEnvironment(env);
            envOut.start(QStringLiteral("bash"), {script, QStringLiteral("env")});
            QVERIFY(envOut.waitForFinished(30000));
            for (const QByteArray &line : envOut.readAllStandardOutput().split('\n')) {
                const QByteArray prefix = "export KMSYNC_TEST_KAFKA_BOOTSTRAP=";
                if (line.startsWith(prefix))
                    connection.insert(QStringLiteral("bootstrap.servers"),
                                      QString::fromUtf8(line.mid(prefix.size())).remove(QLatin1Char('\'')));
            }
            pidFile = brokerDir.filePath(QStringLiteral("kafka-broker/run/broker.pid"));
            QVERIFY2(QFile::exists(pidFile), qPrintable(pidFile));
        }
        const auto cleanup = qScopeGuard(stopOwnBroker);
        QVERIFY(connection.contains(QStringLiteral("bootstrap.servers")));

        const QString topic = QStringLiteral("job-down");
        if (mock) {
            QVERIFY(mock->mock()->createTopic(topic, 1).ok());
        } else {
            QVERIFY(kafka::createTopic(connection, topic, 1, 30000).ok());
        }
        // Produced 20 at a time: a broker answers a fetch with whole record batches, so one big batch would reach
        // the client in one piece before the broker dies.
        const int64_t now = QDateTime::currentMSecsSinceEpoch() - 60000;
        for (int chunk = 0; chunk < 100; ++chunk) {
            std::vector<KafkaMessage> messages;
            for (int i = chunk * 20; i < chunk * 20 + 20; ++i)
                messages.push_back(message(0, now + i, std::to_string(i), eventJson(i, i)));
            QVERIFY(kafka::produceMessages(connection, topic, messages).ok());
        }

        Workspace ws;
        QVERIFY(ws.setUp(connection, topic));
        const QString group = QStringLiteral("kmsync-down-") + QUuid::createUuid().toString(QUuid::Id128);
        const QJsonObject all{{QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                              {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")},
                              // Small fetches, so that most of the topic is still on the broker when it dies.
                              {QStringLiteral("kafkaConfig"),
                               QJsonObject{{QStringLiteral("group.id"), group},
                                           {QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("16")},
                                           {QStringLiteral("fetch.max.bytes"), QStringLiteral("8192")},
                                           {QStringLiteral("message.max.bytes"), QStringLiteral("8192")},
                                           {QStringLiteral("max.partition.fetch.bytes"), QStringLiteral("8192")}}}};
        // A first run fills the partition.
        Collector collector;
        const RunSummary first = ws.run(ws.writeTask(all, {}), {{QStringLiteral("partition"), QStringLiteral("down")}},
                                        collector);
        QVERIFY2(first.ok, qPrintable(first.errorMessage));
        const QString before = ws.scalar(QStringLiteral("select count(*) from events where ds='down'"));
        QCOMPARE(before, QStringLiteral("2000"));
        const int64_t committedBefore =
            committedOffset(connection.value(QStringLiteral("bootstrap.servers")).toString(), group, topic, 0);
        QCOMPARE(committedBefore, int64_t(2000));

        // The second, throttled run loses its broker after the first rows.
        bool killed = false;
        QElapsedTimer sinceKill;
        collector.onEachProgress = [&](const JobProgress &progress) {
            if (killed || progress.read == 0)
                return;
            killed = true;
            sinceKill.start();
            if (mock) {
                // Down refuses new connections; the hour-long round trip also stalls a connection already open.
                rd_kafka_mock_broker_set_rtt(mock->mock()->handle(), 1, 3600 * 1000);
                rd_kafka_mock_broker_set_down(mock->mock()->handle(), 1);
            } else {
                QFile pid(pidFile);
                if (pid.open(QIODevice::ReadOnly))
                    ::kill(pid_t(pid.readAll().trimmed().toLongLong()), SIGKILL);
            }
        };
        const QString slowTask = ws.writeTask(all, {{QStringLiteral("truncate"), true}});
        {
            // throttle the run so that the broker dies while it reads
            QFile file(slowTask);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QJsonObject task = QJsonDocument::fromJson(file.readAll()).object();
            file.close();
            QJsonObject setting = task.value(QStringLiteral("setting")).toObject();
            setting.insert(QStringLiteral("speed"),
                           QJsonObject{{QStringLiteral("throttle"), true}, {QStringLiteral("mbps"), 0.01}});
            task.insert(QStringLiteral("setting"), setting);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(task).toJson());
        }
        const RunSummary summary = ws.run(slowTask, {{QStringLiteral("partition"), QStringLiteral("down")}}, collector);
        QVERIFY(killed);
        QVERIFY2(!summary.ok, qPrintable(QStringLiteral("read %1 in %2 s after the kill at %3 ms; warnings: %4")
                                             .arg(summary.read)
                                             .arg(summary.seconds)
                                             .arg(sinceKill.elapsed())
                                             .arg(collector.warnings.join(QLatin1Char('|')))));
        QVERIFY2(summary.errorCode.startsWith(QLatin1String("kafka.")),
                 qPrintable(summary.errorCode + summary.errorMessage));
        QVERIFY2(summary.errorMessage.contains(QLatin1String("stopped answering"))
                     || summary.errorMessage.contains(QLatin1String("reach")),
                 qPrintable(summary.errorMessage));
        QVERIFY2(sinceKill.elapsed() < 10000 + 15000, qPrintable(QString::number(sinceKill.elapsed())));
        QCOMPARE(ws.scalar(QStringLiteral("select count(*) from events where ds='down'")), before);
        if (mock) {
            rd_kafka_mock_broker_set_rtt(mock->mock()->handle(), 1, 0);
            rd_kafka_mock_broker_set_up(mock->mock()->handle(), 1);
            QCOMPARE(committedOffset(mock->bootstrapServers(), group, topic, 0), committedBefore);
        }
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
