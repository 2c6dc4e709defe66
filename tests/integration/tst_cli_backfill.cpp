// link: kmsync_kafka kmsync_warehouse kmsync_core
// `kmsync-cli backfill` end to end on both test brokers (the mock cluster always; the real broker when
// KMSYNC_TEST_KAFKA_BOOTSTRAP is set): messages spread over several days, daily and hourly backfills whose every
// destination partition holds exactly its window, --resume after a failed instance, --parallel 3 against
// --parallel 1, and the bad-input exits. The mock cluster answers time lookups wrongly; the reader scans instead.
#include <csignal>
#include <map>
#include <set>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "engine/warehouse/localwarehouse.h"
#include "tests/support/kafka/kafkatestbroker.h"

using namespace kmsync;
using namespace kmsync::engine;

namespace {

struct CliRun
{
    int exitCode = -1;
    QList<QJsonObject> lines; // stdout, one JSON object per line
    QString err;
    QJsonObject summary() const { return lines.isEmpty() ? QJsonObject() : lines.last(); }
    QList<QJsonObject> instances() const { return lines.mid(0, std::max<qsizetype>(0, lines.size() - 1)); }
};

const QString kDay = QStringLiteral("startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000 partition=$[yyyymmdd-1]");

qint64 ms(const QString &yyyyMMddHHmmss)
{
    QDateTime t = QDateTime::fromString(yyyyMMddHHmmss, QStringLiteral("yyyyMMddHHmmss"));
    t.setTimeZone(QTimeZone::utc());
    return t.toMSecsSinceEpoch();
}

} // namespace

class TestCliBackfill final : public QObject
{
    Q_OBJECT

    // One workspace: a topic with messages every 17 minutes over the five days before today (UTC; a real broker's
    // retention deletes messages older than a week), a local warehouse
    // with the table, datasources.json and task files.
    struct Workspace
    {
        std::unique_ptr<tests::KafkaTestBroker> broker;
        std::unique_ptr<QTemporaryDir> dir;
        QString topic;
        std::map<qint64, qint64> timestampOf; // id -> timestamp (ms)
    };
    std::unique_ptr<Workspace> m_ws;

    bool setUp(const QString &kind, const std::vector<qint64> &dirtyIds = {})
    {
        m_ws = std::make_unique<Workspace>();
        auto broker = tests::KafkaTestBroker::open(kind);
        if (!broker) {
            qWarning() << broker.error().message;
            return false;
        }
        m_ws->broker = std::move(*broker);
        m_ws->dir = std::make_unique<QTemporaryDir>();
        auto topic = m_ws->broker->createTopic(QStringLiteral("backfill"), 3);
        if (!topic)
            return false;
        m_ws->topic = *topic;
        std::vector<KafkaMessage> messages;
        const qint64 first = ms(day(0, "yyyyMMdd") + QStringLiteral("000000"));
        const qint64 last = ms(day(5, "yyyyMMdd") + QStringLiteral("000000"));
        qint64 id = 0;
        for (qint64 t = first; t < last; t += 17 * 60 * 1000, ++id) {
            const bool dirty = std::find(dirtyIds.begin(), dirtyIds.end(), id) != dirtyIds.end();
            const std::string value = dirty ? QStringLiteral(R"({"id":"not a number %1"})").arg(id).toStdString()
                                            : QStringLiteral(R"({"id":%1})").arg(id).toStdString();
            messages.push_back(tests::message(int32_t(id % 3), t, std::to_string(id), value));
            m_ws->timestampOf[id] = t;
        }
        if (!m_ws->broker->produce(m_ws->topic, messages))
            return false;
        QFile ds(path(QStringLiteral("datasources.json")));
        if (!ds.open(QIODevice::WriteOnly))
            return false;
        const QJsonObject kafka{{QStringLiteral("type"), QStringLiteral("kafka")},
                                {QStringLiteral("connection"), m_ws->broker->connection()}};
        const QJsonObject wh{{QStringLiteral("type"), QStringLiteral("local")},
                             {QStringLiteral("connection"),
                              QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}};
        ds.write(QJsonDocument(QJsonObject{{QStringLiteral("datasources"),
                                            QJsonObject{{QStringLiteral("kafka"), kafka}, {QStringLiteral("wh"), wh}}}})
                     .toJson());
        ds.close();
        auto warehouse = warehouse::LocalWarehouse::open(path(QStringLiteral("wh.db")));
        if (!warehouse)
            return false;
        for (const QString &table :
             {QStringLiteral("events"), QStringLiteral("events_p1"), QStringLiteral("events_p3")}) {
            if (!warehouse.value()
                     ->executeSql(
                         QStringLiteral("CREATE TABLE %1 (id BIGINT, k STRING) PARTITIONED BY (ds STRING)").arg(table))
                     .ok())
                return false;
        }
        return true;
    }

    QString path(const QString &name) const { return m_ws->dir->filePath(name); }

    // The test data's first day is five days before today (UTC); day(n) is n days later.
    const QDate m_day0 = QDateTime::currentDateTimeUtc().date().addDays(-5);
    QString day(int n, const char *format = "yyyy-MM-dd") const
    {
        return m_day0.addDays(n).toString(QLatin1String(format));
    }

    // A task reading the window ${startTime}..${endTime} (UTC) into `table` partition ds=${partition}; `schedule`
    // becomes its kmsync.schedule when not empty.
    QString writeTask(const QString &name, const QString &table, const QJsonObject &schedule = {}, int errorLimit = 0,
                      double throttleMbps = 0)
    {
        const QJsonObject reader{{QStringLiteral("datasource"), QStringLiteral("kafka")},
                                 {QStringLiteral("topic"), m_ws->topic},
                                 {QStringLiteral("column"),
                                  QJsonArray{QStringLiteral("id"), QStringLiteral("__key__")}},
                                 {QStringLiteral("beginDateTime"), QStringLiteral("${startTime}")},
                                 {QStringLiteral("endDateTime"), QStringLiteral("${endTime}")},
                                 {QStringLiteral("timeZone"), QStringLiteral("UTC")}};
        const QJsonObject writer{{QStringLiteral("datasource"), QStringLiteral("wh")},
                                 {QStringLiteral("table"), table},
                                 {QStringLiteral("partition"), QStringLiteral("ds=${partition}")},
                                 {QStringLiteral("column"), QJsonArray{QStringLiteral("id"), QStringLiteral("k")}},
                                 {QStringLiteral("truncate"), true}};
        auto step = [](const QString &type, const QString &category, const QJsonObject &parameter) {
            return QJsonObject{{QStringLiteral("stepType"), type},
                               {QStringLiteral("category"), category},
                               {QStringLiteral("name"), category == QLatin1String("reader") ? "Reader" : "Writer"},
                               {QStringLiteral("parameter"), parameter}};
        };
        QJsonObject kmsync{{QStringLiteral("reruns"), 0}};
        QJsonObject setting{{QStringLiteral("errorLimit"), QJsonObject{{QStringLiteral("record"), errorLimit}}}};
        if (throttleMbps > 0) {
            setting.insert(QStringLiteral("speed"),
                           QJsonObject{{QStringLiteral("throttle"), true}, {QStringLiteral("mbps"), throttleMbps}});
        }
        if (!schedule.isEmpty())
            kmsync.insert(QStringLiteral("schedule"), schedule);
        const QJsonObject task{{QStringLiteral("type"), QStringLiteral("job")},
                               {QStringLiteral("version"), QStringLiteral("2.0")},
                               {QStringLiteral("steps"),
                                QJsonArray{step(QStringLiteral("kafka"), QStringLiteral("reader"), reader),
                                           step(QStringLiteral("odps"), QStringLiteral("writer"), writer)}},
                               {QStringLiteral("setting"), setting},
                               {QStringLiteral("kmsync"), kmsync}};
        QFile file(path(name));
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(task).toJson());
        return path(name);
    }

    CliRun backfill(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_ws->dir->path());
        p.start(QStringLiteral(KMSYNC_CLI_PATH), QStringList{QStringLiteral("backfill")} + args);
        CliRun run;
        if (!p.waitForFinished(300000)) {
            p.kill();
            p.waitForFinished();
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
            if (!line.trimmed().isEmpty())
                run.lines << QJsonDocument::fromJson(line).object();
        }
        run.err = QString::fromUtf8(p.readAllStandardError());
        return run;
    }

    QStringList query(const QString &sql)
    {
        auto result = warehouse::LocalWarehouse::queryFile(path(QStringLiteral("wh.db")), sql, 0);
        if (!result.ok())
            return {QStringLiteral("error: ") + result.error().message};
        QStringList rows;
        for (const auto &row : result->rows) {
            QStringList cells;
            for (const auto &cell : row)
                cells << cell.value_or(QStringLiteral("NULL"));
            rows << cells.join(QLatin1Char(','));
        }
        return rows;
    }

    // The ids whose timestamp is in the instance's [startTime, endTime), sorted as text rows "id,key".
    QStringList expectedRows(const QJsonObject &instance) const
    {
        const QJsonObject params = instance.value(QStringLiteral("params")).toObject();
        const qint64 begin = ms(params.value(QStringLiteral("startTime")).toString());
        const qint64 end = ms(params.value(QStringLiteral("endTime")).toString());
        QStringList rows;
        for (const auto &[id, ts] : m_ws->timestampOf) {
            if (ts >= begin && ts < end)
                rows << QStringLiteral("%1,%1").arg(id);
        }
        return rows;
    }

    // Every instance's partition holds exactly its window, and the table has no other partition.
    void checkPartitions(const CliRun &run, const QString &table)
    {
        std::set<QString> specs;
        for (const QJsonObject &instance : run.instances()) {
            const QString spec = instance.value(QStringLiteral("destinationPartition")).toString();
            QVERIFY2(spec.startsWith(QStringLiteral("ds=")), qPrintable(spec));
            specs.insert(spec.mid(3));
            const QStringList expected = expectedRows(instance);
            QVERIFY2(!expected.isEmpty(), qPrintable(spec));
            QCOMPARE(query(QStringLiteral("select id, k from %1 where ds='%2' order by id").arg(table, spec.mid(3))),
                     expected);
            QCOMPARE(instance.value(QStringLiteral("written")).toInt(), expected.size());
        }
        QStringList all;
        for (const QString &s : specs)
            all << s;
        QCOMPARE(query(QStringLiteral("select distinct ds from %1 order by ds").arg(table)), all);
    }

    static QJsonObject daySchedule()
    {
        return QJsonObject{{QStringLiteral("cycle"), QStringLiteral("day")},
                           {QStringLiteral("interval"), 1},
                           {QStringLiteral("startAt"), QStringLiteral("00:15")},
                           {QStringLiteral("endAt"), QStringLiteral("23:59")},
                           {QStringLiteral("parameters"), kDay}};
    }

    std::map<QString, QString> ledgerCommits(const QString &taskKey)
    {
        QFile file(path(QStringLiteral(".kmsync/ledger.json")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        std::map<QString, QString> out;
        const QJsonArray entries =
            QJsonDocument::fromJson(file.readAll()).object().value("tasks").toObject().value(taskKey).toArray();
        for (const QJsonValue &e : entries) {
            out[e.toObject().value("partitionSpec").toString()] = e.toObject().value("commitId").toString()
                                                                + QLatin1Char('@')
                                                                + e.toObject().value("runAt").toString();
        }
        return out;
    }

private Q_SLOTS:
    void daily_data()
    {
        QTest::addColumn<QString>("broker");
        for (const QString &b : tests::KafkaTestBroker::kinds())
            QTest::newRow(qPrintable(b)) << b;
    }
    // The task's own schedule (no --cycle, no -p): one instance per business date, each partition its day.
    void daily()
    {
        QFETCH(QString, broker);
        if (!tests::KafkaTestBroker::skipReason(broker).isEmpty())
            QSKIP(qPrintable(tests::KafkaTestBroker::skipReason(broker)));
        QVERIFY(setUp(broker));
        const QString task = writeTask(QStringLiteral("daily.json"), QStringLiteral("events"), daySchedule());
        const CliRun run = backfill({task, QStringLiteral("--from"), day(1), QStringLiteral("--to"), day(3)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.lines.size(), 4);
        const QStringList bizdates{day(1, "yyyyMMdd"), day(2, "yyyyMMdd"), day(3, "yyyyMMdd")};
        for (int i = 0; i < 3; ++i) {
            const QJsonObject line = run.lines[i];
            QCOMPARE(line.value("bizdate").toString(), bizdates[i]);
            QCOMPARE(line.value("cyctime").toString(),
                     QDate::fromString(bizdates[i], "yyyyMMdd").addDays(1).toString("yyyy-MM-dd") + " 00:15:00");
            QCOMPARE(line.value("destinationPartition").toString(), "ds=" + bizdates[i]);
            QCOMPARE(line.value("params").toObject().value("startTime").toString(), bizdates[i] + "000000");
            QCOMPARE(line.value("ok").toBool(), true);
            QCOMPARE(line.value("skipped").toBool(), false);
            QCOMPARE(line.value("read").toInt(), line.value("written").toInt());
            QCOMPARE(line.value("dirty").toInt(), 0);
            QVERIFY(line.contains("seconds"));
            QVERIFY(!line.contains("error"));
        }
        const QJsonObject summary = run.summary();
        QCOMPARE(summary.value("instances").toInt(), 3);
        QCOMPARE(summary.value("succeeded").toInt(), 3);
        QCOMPARE(summary.value("failed").toInt(), 0);
        QCOMPARE(summary.value("skipped").toInt(), 0);
        QCOMPARE(summary.value("cycle").toString(), "every day at 00:15");
        checkPartitions(run, QStringLiteral("events"));
    }

    void hourly_data() { daily_data(); }
    // --cycle hour: the 24 instances scheduled on D + 1, newest first, two at a time.
    void hourly()
    {
        QFETCH(QString, broker);
        if (!tests::KafkaTestBroker::skipReason(broker).isEmpty())
            QSKIP(qPrintable(tests::KafkaTestBroker::skipReason(broker)));
        QVERIFY(setUp(broker));
        const QString task = writeTask(QStringLiteral("hourly.json"), QStringLiteral("events"));
        const CliRun run = backfill({task, QStringLiteral("--from"), day(2), QStringLiteral("--to"), day(2),
                                     QStringLiteral("--cycle"), QStringLiteral("hour"), QStringLiteral("--order"),
                                     QStringLiteral("desc"), QStringLiteral("--parallel"), QStringLiteral("2")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.instances().size(), 24);
        QCOMPARE(run.summary().value("succeeded").toInt(), 24);
        std::set<QString> partitions;
        for (const QJsonObject &line : run.instances()) {
            QCOMPARE(line.value("bizdate").toString(), day(2, "yyyyMMdd"));
            QVERIFY(line.value("cyctime").toString().startsWith(day(3) + QLatin1Char(' ')));
            partitions.insert(line.value("destinationPartition").toString());
        }
        QCOMPARE(partitions.size(), size_t(24));
        QCOMPARE(*partitions.begin(), "ds=" + day(3, "yyyyMMdd") + "00");
        QCOMPARE(*partitions.rbegin(), "ds=" + day(3, "yyyyMMdd") + "23");
        checkPartitions(run, QStringLiteral("events"));
    }

    void resumeAfterFailure_data() { daily_data(); }
    // A dirty record fails business date 21 (error limit 0); 20 committed, 22 never started. With a higher limit,
    // --resume runs 21 and 22 and leaves 20 as it was.
    void resumeAfterFailure()
    {
        QFETCH(QString, broker);
        if (!tests::KafkaTestBroker::skipReason(broker).isEmpty())
            QSKIP(qPrintable(tests::KafkaTestBroker::skipReason(broker)));
        // id 200 is at 08:40 UTC on day 2
        QVERIFY(setUp(broker, {200}));
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(m_ws->timestampOf[200], QTimeZone::utc()).date(), m_day0.addDays(2));
        QString task = writeTask(QStringLiteral("resume.json"), QStringLiteral("events"), daySchedule());
        const QStringList args{task, QStringLiteral("--from"), day(1), QStringLiteral("--to"), day(3)};
        const QString d1 = day(1, "yyyyMMdd"), d2 = day(2, "yyyyMMdd"), d3 = day(3, "yyyyMMdd");
        const CliRun first = backfill(args);
        QCOMPARE(first.exitCode, 1);
        QCOMPARE(first.instances().size(), 2);
        QCOMPARE(first.lines[0].value("ok").toBool(), true);
        QCOMPARE(first.lines[1].value("ok").toBool(), false);
        QCOMPARE(first.lines[1].value("bizdate").toString(), d2);
        QVERIFY2(first.lines[1].value("error").toString().contains("dirty"),
                 qPrintable(first.lines[1].value("error").toString()));
        QCOMPARE(first.summary().value("succeeded").toInt(), 1);
        QCOMPARE(first.summary().value("failed").toInt(), 1);
        QCOMPARE(first.summary().value("notRun").toInt(), 1);
        QCOMPARE(query("select distinct ds from events"), QStringList{d1});
        const auto before = ledgerCommits(QStringLiteral("resume@events"));
        QCOMPARE(before.size(), size_t(1));

        // The same task tolerating the dirty record.
        task = writeTask(QStringLiteral("resume.json"), QStringLiteral("events"), daySchedule(), 5);
        const CliRun second = backfill(args + QStringList{QStringLiteral("--resume")});
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(second.instances().size(), 3);
        QCOMPARE(second.lines[0].value("skipped").toBool(), true);
        QCOMPARE(second.lines[0].value("state").toString(), "skipped");
        QCOMPARE(second.lines[0].value("commitId").toString() + "@" + second.lines[0].value("committedAt").toString(),
                 before.at("ds=" + d1));
        QCOMPARE(second.lines[1].value("skipped").toBool(), false);
        QCOMPARE(second.lines[1].value("dirty").toInt(), 1);
        QCOMPARE(second.lines[2].value("ok").toBool(), true);
        QCOMPARE(second.summary().value("skipped").toInt(), 1);
        QCOMPARE(second.summary().value("succeeded").toInt(), 2);
        const auto after = ledgerCommits(QStringLiteral("resume@events"));
        QCOMPARE(after.size(), size_t(3));
        QCOMPARE(after.at("ds=" + d1), before.at("ds=" + d1)); // not rewritten
        QVERIFY(after.at("ds=" + d2) != before.at("ds=" + d1));
        // 20 holds its window (from the first run); 21 all but the dirty record; 22 everything.
        QCOMPARE(query("select id, k from events where ds='" + d1 + "' order by id"), expectedRows(first.lines[0]));
        QStringList secondDay = expectedRows(second.lines[1]);
        secondDay.removeAll(QStringLiteral("200,200"));
        QCOMPARE(query("select id, k from events where ds='" + d2 + "' order by id"), secondDay);
        QCOMPARE(query("select id, k from events where ds='" + d3 + "' order by id"), expectedRows(second.lines[2]));

        // Everything done: a third --resume skips all three.
        const CliRun third = backfill(args + QStringList{QStringLiteral("--resume")});
        QCOMPARE(third.exitCode, 0);
        QCOMPARE(third.summary().value("skipped").toInt(), 3);
        QCOMPARE(ledgerCommits(QStringLiteral("resume@events")), after);
        // A different window for the same partition is not "done": -p endTime changes it.
        const CliRun other = backfill(args
                                      + QStringList{QStringLiteral("--resume"), QStringLiteral("-p"), kDay,
                                                    QStringLiteral("-p"), QStringLiteral("endTime=$[yyyymmdd]120000")});
        QCOMPARE(other.exitCode, 0);
        QCOMPARE(other.summary().value("skipped").toInt(), 0);
        QCOMPARE(other.summary().value("succeeded").toInt(), 3);
    }

    void keepGoing_data() { daily_data(); }
    // --keep-going runs the instances after a failed one; the exit code still says one failed.
    void keepGoing()
    {
        QFETCH(QString, broker);
        if (!tests::KafkaTestBroker::skipReason(broker).isEmpty())
            QSKIP(qPrintable(tests::KafkaTestBroker::skipReason(broker)));
        QVERIFY(setUp(broker, {200}));
        const QString task = writeTask(QStringLiteral("keep.json"), QStringLiteral("events"), daySchedule());
        const CliRun run = backfill(
            {task, QStringLiteral("--from"), day(1), QStringLiteral("--to"), day(3), "--keep-going"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.instances().size(), 3);
        QCOMPARE(run.lines[1].value("ok").toBool(), false);
        QCOMPARE(run.lines[1].value("errorCode").toString(), "job.dirty_limit");
        QCOMPARE(run.lines[2].value("ok").toBool(), true);
        QCOMPARE(run.summary().value("succeeded").toInt(), 2);
        QCOMPARE(run.summary().value("failed").toInt(), 1);
        QCOMPARE(run.summary().value("notRun").toInt(), 0);
        QCOMPARE(query("select distinct ds from events order by ds"),
                 (QStringList{day(1, "yyyyMMdd"), day(3, "yyyyMMdd")}));
    }

    // SIGINT: the running instances roll back, no other starts, exit 3, and no partition was written.
    void sigintCancels()
    {
        QVERIFY(setUp(QStringLiteral("mock")));
        // About 1.5 KB per day at 0.0002 MB/s: each instance takes several seconds.
        const QString task = writeTask(QStringLiteral("slow.json"), QStringLiteral("events"), daySchedule(), 0, 0.0002);
        QProcess p;
        p.setWorkingDirectory(m_ws->dir->path());
        p.start(QStringLiteral(KMSYNC_CLI_PATH),
                {QStringLiteral("backfill"), task, QStringLiteral("--from"), day(0), QStringLiteral("--to"), day(4),
                 QStringLiteral("--parallel"), QStringLiteral("2")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(2000);
        QCOMPARE(p.state(), QProcess::Running);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 3);
        QList<QJsonObject> lines;
        for (const QByteArray &line : p.readAllStandardOutput().trimmed().split('\n'))
            lines << QJsonDocument::fromJson(line).object();
        const QJsonObject summary = lines.last();
        QCOMPARE(summary.value("instances").toInt(), 5);
        QCOMPARE(summary.value("succeeded").toInt(), 0);
        QCOMPARE(summary.value("cancelled").toInt(), 2);
        QCOMPARE(summary.value("notRun").toInt(), 3);
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(lines[i].value("state").toString(), "cancelled");
            QCOMPARE(lines[i].value("ok").toBool(), false);
        }
        QCOMPARE(query("select count(*) from events"), QStringList{"0"});
    }

    void parallelGivesTheSameRows_data() { daily_data(); }
    void parallelGivesTheSameRows()
    {
        QFETCH(QString, broker);
        if (!tests::KafkaTestBroker::skipReason(broker).isEmpty())
            QSKIP(qPrintable(tests::KafkaTestBroker::skipReason(broker)));
        QVERIFY(setUp(broker));
        QStringList contents[2];
        int i = 0;
        for (const QString &parallel : {QStringLiteral("1"), QStringLiteral("3")}) {
            const QString table = QStringLiteral("events_p") + parallel;
            const QString task = writeTask(QStringLiteral("p%1.json").arg(parallel), table, daySchedule());
            const CliRun run = backfill({task, QStringLiteral("--from"), day(0), QStringLiteral("--to"), day(4),
                                         QStringLiteral("--parallel"), parallel});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QCOMPARE(run.summary().value("succeeded").toInt(), 5);
            checkPartitions(run, table);
            contents[i++] = query(QStringLiteral("select ds, id, k from %1 order by ds, id").arg(table));
        }
        QVERIFY(contents[0].size() > 300);
        QCOMPARE(contents[1], contents[0]);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no --from") << QStringList{"--to", "2022-11-20", "--cycle", "day"} << "--from is required";
        QTest::newRow("bad date") << QStringList{"--from", "2022-11-31", "--to", "2022-12-01", "--cycle", "day"}
                                  << "--from \"2022-11-31\" is not a date";
        QTest::newRow("reversed") << QStringList{"--from", "2022-11-21", "--to", "2022-11-20", "--cycle", "day"}
                                  << "--from 2022-11-21 is after --to 2022-11-20";
        QTest::newRow("bad cycle") << QStringList{"--from", "2022-11-20", "--to", "2022-11-20", "--cycle", "year"}
                                   << "--cycle \"year\" is not a cycle";
        QTest::newRow("no schedule")
            << QStringList{"--from", "2022-11-20", "--to", "2022-11-20"}
            << "the task has no schedule (kmsync.schedule); pass --cycle day, hour, 5min, week or month";
        QTest::newRow("bad order") << QStringList{"--from",  "2022-11-20", "--to",    "2022-11-20",
                                                  "--cycle", "day",        "--order", "up"}
                                   << "--order \"up\" is not allowed";
        QTest::newRow("bad parallel") << QStringList{"--from",  "2022-11-20", "--to",       "2022-11-20",
                                                     "--cycle", "day",        "--parallel", "0"}
                                      << "--parallel \"0\" is not a whole number from 1 to 64";
        QTest::newRow("cyctime") << QStringList{"--from",  "2022-11-20", "--to",      "2022-11-20",
                                                "--cycle", "day",        "--cyctime", "2022-11-21 00:00:00"}
                                 << "--cyctime does not apply";
        QTest::newRow("no instance") << QStringList{"--from", "2022-11-20", "--to", "2022-11-21", "--cycle", "month"}
                                     << "no instance of the cycle";
        QTest::newRow("bad parameter") << QStringList{"--from",  "2022-11-20", "--to", "2022-11-20",
                                                      "--cycle", "day",        "-p",   "startTime=$[yyyymmdd-]000000"}
                                       << "parameter 'startTime': position 12: expected a number after '-'";
        // -p replaces the whole parameter line: without endTime no instance can run.
        QTest::newRow("instance without a value")
            << QStringList{"--from",  "2022-11-20", "--to", "2022-11-21",
                           "--cycle", "day",        "-p",   "startTime=$[yyyymmdd-1]000000 partition=$[yyyymmdd-1]"}
            << "2 of 2 instances cannot run; nothing was run\n"
               "instance 2022-11-21 00:15:00 (bizdate 20221120) and 1 more: ERROR ";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        if (!m_ws || !m_ws->broker)
            QVERIFY(setUp(QStringLiteral("mock")));
        const QString task = writeTask(QStringLiteral("bad.json"), QStringLiteral("events"));
        const CliRun run = backfill(QStringList{task} + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.lines.isEmpty());
        QCOMPARE(query("select count(*) from events"), QStringList{"0"});
    }
};

QTEST_GUILESS_MAIN(TestCliBackfill)
#include "tst_cli_backfill.moc"
