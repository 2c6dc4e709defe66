// link: kmsync_job kmsync_mcserver kmsync_config kmsync_kafka kmsync_mapping kmsync_warehouse kmsync_maxcompute
// kmsync_params kmsync_core The whole job Kafka (mock cluster) → kmsync → MaxCompute (the strict local test server):
// every supported type converted from JSON and checked value by value on the server, an overwrite run replacing the
// partition, and a failed Tunnel commit leaving the table and the consumer group's offsets unchanged.
#include <librdkafka/rdkafka.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include "engine/config/taskloader.h"
#include "engine/job/taskrunner.h"
#include "engine/kafka/messageproducer.h"
#include "engine/kafka/mockcluster.h"
#include "tests/support/kafka/kafkatestbroker.h"
#include "tests/support/mcserver/mcserver.h"

using namespace kmsync::engine;
using kmsync::test::McFault;
using kmsync::test::McServer;
using kmsync::tests::committedOffset;

namespace {

class NullLog final : public SyncObserver
{
public:
    QStringList errors;
    QStringList lines; // every level
    void onProgress(const JobProgress &) override {}
    void onLog(LogLevel level, const QString &text) override
    {
        lines << text;
        if (level == LogLevel::Error)
            errors << text;
    }
};

} // namespace

class TestJobMaxCompute final : public QObject
{
    Q_OBJECT

    std::unique_ptr<kafka::MockCluster> m_kafka;
    McServer m_server;
    QTemporaryDir m_dir;
    const QString m_group = QStringLiteral("kmsync-mc-test");

    RunSummary run(const QString &partition, bool truncate, NullLog &log, const StopToken *stopToken = nullptr,
                   const QJsonObject &setting = {})
    {
        const QJsonObject reader{{QStringLiteral("datasource"), QStringLiteral("kafka")},
                                 {QStringLiteral("topic"), QStringLiteral("typed")},
                                 {QStringLiteral("column"),
                                  QJsonArray{QStringLiteral("__key__"), QStringLiteral("__offset__"),
                                             QStringLiteral("big"), QStringLiteral("dbl"), QStringLiteral("dec"),
                                             QStringLiteral("flag"), QStringLiteral("text"), QStringLiteral("dt"),
                                             QStringLiteral("small"), QStringLiteral("day"), QStringLiteral("ts"),
                                             QStringLiteral("short"), QStringLiteral("obj")}},
                                 {QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                                 {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")},
                                 {QStringLiteral("timeZone"), QStringLiteral("Asia/Shanghai")},
                                 {QStringLiteral("kafkaConfig"), QJsonObject{{QStringLiteral("group.id"), m_group}}}};
        const QJsonObject writer{{QStringLiteral("datasource"), QStringLiteral("mc")},
                                 {QStringLiteral("table"), QStringLiteral("typed")},
                                 {QStringLiteral("partition"), QStringLiteral("ds=${partition}")},
                                 {QStringLiteral("column"),
                                  QJsonArray{QStringLiteral("k"), QStringLiteral("o"), QStringLiteral("big"),
                                             QStringLiteral("dbl"), QStringLiteral("dec"), QStringLiteral("flag"),
                                             QStringLiteral("text"), QStringLiteral("dt"), QStringLiteral("small"),
                                             QStringLiteral("day"), QStringLiteral("ts"), QStringLiteral("short"),
                                             QStringLiteral("obj")}},
                                 {QStringLiteral("truncate"), truncate}};
        QJsonObject task{{QStringLiteral("type"), QStringLiteral("job")},
                         {QStringLiteral("version"), QStringLiteral("2.0")},
                         {QStringLiteral("steps"),
                          QJsonArray{QJsonObject{{QStringLiteral("stepType"), QStringLiteral("kafka")},
                                                 {QStringLiteral("category"), QStringLiteral("reader")},
                                                 {QStringLiteral("name"), QStringLiteral("Reader")},
                                                 {QStringLiteral("parameter"), reader}},
                                     QJsonObject{{QStringLiteral("stepType"), QStringLiteral("odps")},
                                                 {QStringLiteral("category"), QStringLiteral("writer")},
                                                 {QStringLiteral("name"), QStringLiteral("Writer")},
                                                 {QStringLiteral("parameter"), writer}}}}};
        if (!setting.isEmpty())
            task.insert(QStringLiteral("setting"), setting);
        const QString path = m_dir.filePath(QStringLiteral("task.json"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(task).toJson());
        file.close();
        config::TaskRunOptions options;
        options.params.push_back(params::Assignment{QStringLiteral("partition"), partition});
        auto resolved = config::loadTask(path, options);
        if (!resolved.ok()) {
            RunSummary failed;
            failed.errorMessage = resolved.error().message;
            return failed;
        }
        TaskRunOptions runOptions;
        runOptions.reruns = 0;
        StopToken stop;
        return runTask(resolved.value(), runOptions, stopToken ? *stopToken : stop, log);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start() != 0);
        auto created = m_server.catalogue().execute(
            QStringLiteral(
                "CREATE TABLE typed (k STRING, o BIGINT, big BIGINT, dbl DOUBLE, dec DECIMAL(10,2), flag BOOLEAN, "
                "text STRING, dt DATETIME, small INT, day DATE, ts TIMESTAMP, short VARCHAR(5), obj STRING) "
                "PARTITIONED BY (ds STRING)"),
            {{QStringLiteral("odps.sql.type.system.odps2"), QStringLiteral("true")}});
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));

        auto cluster = kafka::MockCluster::start();
        QVERIFY(cluster.ok());
        m_kafka = std::move(cluster.value());
        QVERIFY(m_kafka->createTopic(QStringLiteral("typed"), 1).ok());
        auto msg = [](std::optional<std::string> key, const char *json) {
            KafkaMessage m;
            m.partition = 0;
            m.timestampMs = QDateTime::currentMSecsSinceEpoch() - 1000;
            m.key = std::move(key);
            m.value = json;
            return m;
        };
        QVERIFY(
            kafka::produceMessages(m_kafka->connection(), QStringLiteral("typed"),
                                   {msg("a", R"({"big":9223372036854775807,"dbl":-0.125,"dec":"12.345","flag":true,)"
                                             R"("text":"汉字 and ascii","dt":"2022-11-22 10:00:00","small":-7,)"
                                             R"("day":"2022-11-22","ts":"2022-11-22 10:00:00.123456789","short":"abc",)"
                                             R"("obj":{"x":[1,2]}})"),
                                    msg(std::nullopt,
                                        R"({"big":-9223372036854775807,"dbl":1e300,"dec":0,"flag":"false",)"
                                        R"("text":"","dt":"1970-01-01 08:00:00","small":0,"day":"1969-12-31",)"
                                        R"("ts":"1900-01-01 00:00:00","short":null})")})
                .ok());

        QJsonObject mc = m_server.connection();
        QFile ds(m_dir.filePath(QStringLiteral("datasources.json")));
        QVERIFY(ds.open(QIODevice::WriteOnly));
        ds.write(
            QJsonDocument(QJsonObject{{QStringLiteral("datasources"),
                                       QJsonObject{{QStringLiteral("kafka"),
                                                    QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                                                {QStringLiteral("connection"), m_kafka->connection()}}},
                                                   {QStringLiteral("mc"),
                                                    QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")},
                                                                {QStringLiteral("connection"), mc}}}}}})
                .toJson());
    }

    void everyTypeArrivesOnTheServer()
    {
        NullLog log;
        const RunSummary summary = run(QStringLiteral("20221122"), true, log);
        QVERIFY2(summary.ok, qPrintable(summary.errorMessage + log.errors.join(QLatin1Char('\n'))));
        QCOMPARE(summary.written, 2);
        const auto rows = m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=20221122"));
        QCOMPARE(rows.size(), size_t(2));
        const Row &a = rows[0];
        QCOMPARE(std::get<std::string>(a[0]), std::string("a"));
        QCOMPARE(std::get<int64_t>(a[1]), int64_t(0));
        QCOMPARE(std::get<int64_t>(a[2]), std::numeric_limits<int64_t>::max());
        QCOMPARE(std::get<double>(a[3]), -0.125);
        QCOMPARE(std::get<Decimal>(a[4]).text, std::string("12.35")); // DECIMAL(10,2) rounds half up
        QCOMPARE(std::get<bool>(a[5]), true);
        QCOMPARE(QString::fromStdString(std::get<std::string>(a[6])), QStringLiteral("汉字 and ascii"));
        // 2022-11-22 10:00:00 in Asia/Shanghai is 02:00:00 UTC.
        QCOMPARE(std::get<DateTime>(a[7]).epochMs, int64_t(1669082400000));
        QCOMPARE(std::get<int64_t>(a[8]), int64_t(-7));
        QCOMPARE(std::get<Date>(a[9]).epochDays, int64_t(19318));
        QCOMPARE(std::get<Timestamp>(a[10]), (Timestamp{1669082400, 123456789}));
        QCOMPARE(std::get<std::string>(a[11]), std::string("abc"));
        QCOMPARE(std::get<std::string>(a[12]), std::string(R"({"x":[1,2]})"));
        const Row &b = rows[1];
        QVERIFY(isNull(b[0]));
        QCOMPARE(std::get<int64_t>(b[2]), -std::numeric_limits<int64_t>::max());
        QCOMPARE(std::get<double>(b[3]), 1e300);
        QCOMPARE(std::get<Decimal>(b[4]).text, std::string("0.00"));
        QCOMPARE(std::get<bool>(b[5]), false);
        QCOMPARE(std::get<std::string>(b[6]), std::string());
        QCOMPARE(std::get<DateTime>(b[7]).epochMs, int64_t(0));
        QCOMPARE(std::get<Date>(b[9]).epochDays, int64_t(-1));
        QVERIFY(isNull(b[11]));
        QVERIFY(isNull(b[12])); // missing path
        QCOMPARE(committedOffset(m_kafka->bootstrapServers(), m_group, QStringLiteral("typed"), 0), int64_t(2));
    }

    void failedCommitLeavesTableAndOffsetsUnchanged()
    {
        const auto before = m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=20221122"));
        McFault fault;
        fault.target = McFault::Target::Commit;
        fault.status = 400; // not retryable: the session cannot be committed (5xx retries are tested in tst_maxcompute)
        fault.times = 100;
        m_server.addFault(fault);
        NullLog log;
        const int64_t committedBefore = committedOffset(m_kafka->bootstrapServers(), m_group, QStringLiteral("typed"),
                                                        0);
        const RunSummary summary = run(QStringLiteral("20221123"), false, log);
        m_server.clearFaults();
        QVERIFY(!summary.ok);
        QVERIFY(m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=20221123")).empty());
        QCOMPARE(m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=20221122")).size(), before.size());
        QCOMPARE(committedOffset(m_kafka->bootstrapServers(), m_group, QStringLiteral("typed"), 0), committedBefore);
    }

    // Cancel while a block PUT hangs (what the run panel's Cancel does): the run ends within a second, cancelled,
    // with nothing committed and the group's offsets where they were.
    void cancelDuringSlowBlockUpload()
    {
        McFault fault;
        fault.target = McFault::Target::BlockPut;
        fault.status = 0;
        fault.delayMs = 30000;
        m_server.addFault(fault);
        NullLog log;
        const int64_t committedBefore = committedOffset(m_kafka->bootstrapServers(), m_group, QStringLiteral("typed"),
                                                        0);
        const int putsBefore = int(m_server.blockIdsPut().size());
        // The server answers from this thread, inside the client's wait; so does this timer, which stops the run
        // 100 ms after the block PUT has arrived.
        StopToken stop;
        QElapsedTimer clock;
        clock.start();
        qint64 stoppedAt = -1;
        qint64 putAt = -1;
        QTimer watch;
        watch.setInterval(10);
        connect(&watch, &QTimer::timeout, this, [&] {
            if (putAt < 0 && m_server.blockIdsPut().size() > putsBefore)
                putAt = clock.elapsed();
            if (putAt >= 0 && stoppedAt < 0 && clock.elapsed() - putAt >= 100) {
                stoppedAt = clock.elapsed();
                stop.requestStop();
            }
        });
        watch.start();
        const RunSummary summary = run(QStringLiteral("20221125"), false, log, &stop);
        const qint64 returnedAt = clock.elapsed();
        watch.stop();
        m_server.clearFaults();
        QVERIFY2(stoppedAt >= 0, "the block PUT never arrived");
        qInfo("run cancelled during a slow block PUT: returned %lld ms after the stop", returnedAt - stoppedAt);
        QVERIFY2(returnedAt - stoppedAt < 1000, qPrintable(QString::number(returnedAt - stoppedAt)));
        QVERIFY2(summary.cancelled, qPrintable(summary.errorCode + QStringLiteral(": ") + summary.errorMessage));
        QCOMPARE(summary.errorCode, QStringLiteral("job.cancelled"));
        QVERIFY(m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=20221125")).empty());
        QCOMPARE(committedOffset(m_kafka->bootstrapServers(), m_group, QStringLiteral("typed"), 0), committedBefore);
    }

    void overwriteReplacesThePartition()
    {
        NullLog log;
        QVERIFY(run(QStringLiteral("20221124"), false, log).ok);
        QVERIFY(run(QStringLiteral("20221124"), false, log).ok);
        QCOMPARE(m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=20221124")).size(), size_t(4));
        QVERIFY(run(QStringLiteral("20221124"), true, log).ok);
        QCOMPARE(m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=20221124")).size(), size_t(2));
    }

    // setting.speed reaches the Tunnel sink: concurrent blocks at once, and mbps as a byte cap when throttle is true
    // (and only then).
    void speedSettingsReachTheSink()
    {
        const QJsonObject throttled{{QStringLiteral("speed"), QJsonObject{{QStringLiteral("concurrent"), 4},
                                                                          {QStringLiteral("throttle"), true},
                                                                          {QStringLiteral("mbps"), 2}}}};
        NullLog log;
        RunSummary summary = run(QStringLiteral("speed1"), true, log, nullptr, throttled);
        QVERIFY2(summary.ok, qPrintable(summary.errorMessage + log.errors.join(QLatin1Char('\n'))));
        QVERIFY2(log.lines.join(QLatin1Char('\n'))
                     .contains(QStringLiteral("4 uploaded at once, at most 2097152 bytes/s")),
                 qPrintable(log.lines.join(QLatin1Char('\n'))));
        QVERIFY(log.lines.join(QLatin1Char('\n')).contains(QStringLiteral("with 4 at once")));

        const QJsonObject unthrottled{{QStringLiteral("speed"), QJsonObject{{QStringLiteral("concurrent"), 3},
                                                                            {QStringLiteral("throttle"), false},
                                                                            {QStringLiteral("mbps"), 2}}}};
        NullLog plain;
        summary = run(QStringLiteral("speed2"), true, plain, nullptr, unthrottled);
        QVERIFY2(summary.ok, qPrintable(summary.errorMessage + plain.errors.join(QLatin1Char('\n'))));
        const QString text = plain.lines.join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QStringLiteral("3 uploaded at once")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("bytes/s")));
        QCOMPARE(m_server.rows(QStringLiteral("typed"), QStringLiteral("ds=speed2")).size(), size_t(2));
    }
};

QTEST_GUILESS_MAIN(TestJobMaxCompute)
#include "tst_job_maxcompute.moc"
