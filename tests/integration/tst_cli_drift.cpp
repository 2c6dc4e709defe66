// link: kmsync_job kmsync_mcserver kmsync_config kmsync_kafka kmsync_mapping kmsync_warehouse kmsync_maxcompute
// kmsync_params kmsync_core Schema drift end to end, on the mock cluster and (when KMSYNC_TEST_KAFKA_BOOTSTRAP is set)
// the real broker: a topic where some messages carry new nested fields, one is not JSON, one has a value of the wrong
// type and a mapped path never appears. `kmsync-cli drift` is checked field by field; its `alter` runs with `kmsync-cli
// sql` on the local warehouse (old partitions read NULL in the new columns) and through an SQL instance on the
// MaxCompute test server; after adding the unmapped paths to the mapping a rerun writes the new columns on both, and
// the run summary's drift counts go to zero for the unmapped paths.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/taskloader.h"
#include "engine/job/destination.h"
#include "engine/job/drift.h"
#include "engine/job/taskrunner.h"
#include "engine/warehouse/localwarehouse.h"
#include "tests/support/kafka/kafkatestbroker.h"
#include "tests/support/mcserver/mcserver.h"

using namespace kmsync::engine;
using kmsync::test::McServer;
using kmsync::tests::KafkaTestBroker;

namespace {

struct Cli
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Cli runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(KMSYNC_CLI_PATH), arguments);
    Cli r;
    if (!process.waitForFinished(120000))
        return r;
    r.exitCode = process.exitCode();
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

const QStringList kBaseReader{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("gone.x")};
const QStringList kBaseWriter{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("gone_x")};
const QString kTableDdl = QStringLiteral(
    "CREATE TABLE events (id BIGINT, name STRING, gone_x STRING) PARTITIONED BY (ds STRING)");

// What `alter` must say for the messages produced below, in first-seen order, types inferred from the values.
const QString kAlter = QStringLiteral("ALTER TABLE `events` ADD COLUMNS (\n"
                                      "  `z_z1` BIGINT COMMENT 'JSON path z.z1 of the message value',\n"
                                      "  `z_z2` STRING COMMENT 'JSON path z.z2 of the message value',\n"
                                      "  `items_0_sku` STRING COMMENT 'JSON path items[0].sku of the message value',\n"
                                      "  `a_b` DOUBLE COMMENT 'JSON path [\\\"a.b\\\"] of the message value',\n"
                                      "  `at` DATETIME COMMENT 'JSON path at of the message value',\n"
                                      "  `flag` BOOLEAN COMMENT 'JSON path flag of the message value'\n"
                                      ");\n");

QString cellsOf(const QueryResult &result)
{
    QStringList lines;
    for (const auto &row : result.rows) {
        QStringList cells;
        for (const auto &cell : row)
            cells << cell.value_or(QStringLiteral("NULL"));
        lines << cells.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestCliDrift final : public QObject
{
    Q_OBJECT

    McServer m_server;

    static QString writeTask(const QString &path, const QString &topic, const QString &writerDatasource,
                             const QStringList &reader, const QStringList &writer)
    {
        const QJsonObject readerStep{{QStringLiteral("stepType"), QStringLiteral("kafka")},
                                     {QStringLiteral("category"), QStringLiteral("reader")},
                                     {QStringLiteral("name"), QStringLiteral("Reader")},
                                     {QStringLiteral("parameter"),
                                      QJsonObject{{QStringLiteral("datasource"), QStringLiteral("kafka")},
                                                  {QStringLiteral("topic"), topic},
                                                  {QStringLiteral("column"), QJsonArray::fromStringList(reader)},
                                                  {QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                                                  {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")},
                                                  {QStringLiteral("timeZone"), QStringLiteral("Asia/Shanghai")}}}};
        const QJsonObject writerStep{{QStringLiteral("stepType"), QStringLiteral("odps")},
                                     {QStringLiteral("category"), QStringLiteral("writer")},
                                     {QStringLiteral("name"), QStringLiteral("Writer")},
                                     {QStringLiteral("parameter"),
                                      QJsonObject{{QStringLiteral("datasource"), writerDatasource},
                                                  {QStringLiteral("table"), QStringLiteral("events")},
                                                  {QStringLiteral("partition"), QStringLiteral("ds=${partition}")},
                                                  {QStringLiteral("column"), QJsonArray::fromStringList(writer)},
                                                  {QStringLiteral("truncate"), true}}}};
        const QJsonObject task{{QStringLiteral("type"), QStringLiteral("job")},
                               {QStringLiteral("version"), QStringLiteral("2.0")},
                               {QStringLiteral("steps"), QJsonArray{readerStep, writerStep}},
                               {QStringLiteral("setting"), QJsonObject{{QStringLiteral("errorLimit"),
                                                                        QJsonObject{{QStringLiteral("record"), 10}}}}}};
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QJsonDocument(task).toJson());
        return path;
    }

    static bool writeDatasources(const QString &path, const QJsonObject &kafka, const QJsonObject &mc)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("datasources"),
                     QJsonObject{{QStringLiteral("kafka"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                              {QStringLiteral("connection"), kafka}}},
                                 {QStringLiteral("wh"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                              {QStringLiteral("connection"),
                                               QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}}},
                                 {QStringLiteral("mc"), QJsonObject{{QStringLiteral("type"), QStringLiteral("odps")},
                                                                    {QStringLiteral("connection"), mc}}}}}})
                .toJson());
        return true;
    }

    static std::vector<KafkaMessage> messages()
    {
        const char *values[] = {
            R"({"id":1,"name":"a","z":{"z1":10,"z2":"x"}})",
            R"({"id":2,"name":"b","z":{"z1":11},"items":[{"sku":"s1"}],"a.b":1.5})",
            R"({"id":"three","name":"c"})",
            R"(not json)",
            R"({"id":5,"name":"e","at":"2026-11-25 10:00:00","flag":true,"z":{"z1":12}})",
        };
        std::vector<KafkaMessage> out;
        int64_t ts = QDateTime::currentMSecsSinceEpoch() - 10000;
        for (const char *v : values)
            out.push_back(kmsync::tests::message(0, ts++, std::nullopt, std::string(v)));
        return out;
    }

    static QStringList withNewColumns(QStringList base, const QJsonArray &unmapped, const QString &key)
    {
        for (const auto &entry : unmapped)
            base << entry.toObject().value(key).toString();
        return base;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start() != 0); }

    void driftReportAlterAndRerun_data()
    {
        QTest::addColumn<QString>("broker");
        for (const QString &kind : KafkaTestBroker::kinds())
            QTest::newRow(qPrintable(kind)) << kind;
    }

    void driftReportAlterAndRerun()
    {
        QFETCH(QString, broker);
        KMSYNC_OPEN_TEST_BROKER(kafka, broker);
        auto topic = kafka->createTopic(QStringLiteral("drift"), 1);
        QVERIFY2(topic.ok(), qPrintable(topic.ok() ? QString() : topic.error().message));
        QVERIFY(kafka->produce(*topic, messages()).ok());

        QTemporaryDir dir;
        const QString datasources = dir.filePath(QStringLiteral("datasources.json"));
        QVERIFY(writeDatasources(datasources, kafka->connection(), m_server.connection()));
        {
            auto wh = warehouse::LocalWarehouse::open(dir.filePath(QStringLiteral("wh.db")));
            QVERIFY(wh.ok());
            QVERIFY(wh.value()->executeSql(kTableDdl).ok());
        }
        const QString task = writeTask(dir.filePath(QStringLiteral("task.json")), *topic, QStringLiteral("wh"),
                                       kBaseReader, kBaseWriter);

        // A run before the drift is dealt with: dirty records within the limit, drift counts in the summary.
        Cli run = runCli({QStringLiteral("run"), task, QStringLiteral("-p"), QStringLiteral("partition=1"),
                          QStringLiteral("--reruns"), QStringLiteral("0")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonObject summary = QJsonDocument::fromJson(run.out.trimmed().split('\n').last()).object();
        QCOMPARE(summary.value(QStringLiteral("written")).toInt(), 3);
        QCOMPARE(summary.value(QStringLiteral("dirty")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("drift")).toObject(),
                 (QJsonObject{{QStringLiteral("unmapped"), 6}, {QStringLiteral("neverSeen"), 1}}));

        // The report, field by field.
        Cli drift = runCli({QStringLiteral("drift"), task, QStringLiteral("-p"), QStringLiteral("partition=1")});
        QVERIFY2(drift.exitCode == 0, drift.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(drift.out).object();
        QCOMPARE(report.value(QStringLiteral("messages")).toInt(), 5);
        QCOMPARE(report.value(QStringLiteral("invalid")).toInt(), 1);
        const QJsonArray unmapped = report.value(QStringLiteral("unmapped")).toArray();
        QCOMPARE(unmapped.size(), 6);
        const auto entry = [](const QString &path, int count, const QJsonObject &types, const QJsonValue &sample,
                              const QString &column, const QString &type) {
            return QJsonObject{{QStringLiteral("path"), path},     {QStringLiteral("count"), count},
                               {QStringLiteral("types"), types},   {QStringLiteral("sample"), sample},
                               {QStringLiteral("column"), column}, {QStringLiteral("type"), type}};
        };
        const QJsonObject number1{{QStringLiteral("number"), 1}};
        const QJsonObject string1{{QStringLiteral("string"), 1}};
        QCOMPARE(unmapped[0].toObject(), entry(QStringLiteral("z.z1"), 3, {{QStringLiteral("number"), 3}}, 10,
                                               QStringLiteral("z_z1"), QStringLiteral("BIGINT")));
        QCOMPARE(unmapped[1].toObject(), entry(QStringLiteral("z.z2"), 1, string1, QStringLiteral("x"),
                                               QStringLiteral("z_z2"), QStringLiteral("STRING")));
        QCOMPARE(unmapped[2].toObject(), entry(QStringLiteral("items[0].sku"), 1, string1, QStringLiteral("s1"),
                                               QStringLiteral("items_0_sku"), QStringLiteral("STRING")));
        QCOMPARE(unmapped[3].toObject(),
                 entry(QStringLiteral("[\"a.b\"]"), 1, number1, 1.5, QStringLiteral("a_b"), QStringLiteral("DOUBLE")));
        QCOMPARE(unmapped[4].toObject(), entry(QStringLiteral("at"), 1, string1, QStringLiteral("2026-11-25 10:00:00"),
                                               QStringLiteral("at"), QStringLiteral("DATETIME")));
        QCOMPARE(unmapped[5].toObject(), entry(QStringLiteral("flag"), 1, {{QStringLiteral("boolean"), 1}}, true,
                                               QStringLiteral("flag"), QStringLiteral("BOOLEAN")));
        QCOMPARE(report.value(QStringLiteral("neverSeen")).toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("gone.x")},
                                         {QStringLiteral("column"), QStringLiteral("gone_x")}}}));
        const QJsonArray conflicts = report.value(QStringLiteral("typeConflicts")).toArray();
        QCOMPARE(conflicts.size(), 1);
        const QJsonObject conflict = conflicts[0].toObject();
        QCOMPARE(conflict.value(QStringLiteral("path")).toString(), QStringLiteral("id"));
        QCOMPARE(conflict.value(QStringLiteral("column")).toString(), QStringLiteral("id"));
        QCOMPARE(conflict.value(QStringLiteral("type")).toString(), QStringLiteral("BIGINT"));
        QCOMPARE(conflict.value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(conflict.value(QStringLiteral("sample")).toString(), QStringLiteral("three"));
        QCOMPARE(report.value(QStringLiteral("alter")).toString(), kAlter);

        // --limit caps the messages read
        Cli limited = runCli({QStringLiteral("drift"), task, QStringLiteral("-p"), QStringLiteral("partition=1"),
                              QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(limited.exitCode, 0);
        const QJsonObject first = QJsonDocument::fromJson(limited.out).object();
        QCOMPARE(first.value(QStringLiteral("messages")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("unmapped")).toArray().size(), 2);

        // The ALTER on the local warehouse: the partition written before reads NULL in the new columns.
        Cli alter = runCli({QStringLiteral("sql"), QStringLiteral("--datasource"), QStringLiteral("wh"),
                            QStringLiteral("--datasources"), datasources, kAlter});
        QVERIFY2(alter.exitCode == 0, alter.err.constData());
        QCOMPARE(alter.out.trimmed(), QByteArray("table events: added column z_z1 BIGINT, z_z2 STRING, items_0_sku "
                                                 "STRING, a_b DOUBLE, at DATETIME, flag BOOLEAN"));
        const QString db = dir.filePath(QStringLiteral("wh.db"));
        auto old = warehouse::LocalWarehouse::queryFile(db,
                                                        QStringLiteral("select * from events where ds='1' order by id"),
                                                        0);
        QVERIFY(old.ok());
        // id, name, gone_x, the six new columns, ds
        QCOMPARE(cellsOf(*old), QStringLiteral("1,a,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1\n"
                                               "2,b,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1\n"
                                               "5,e,NULL,NULL,NULL,NULL,NULL,NULL,NULL,1"));

        // "Add to mapping": the unmapped paths as reader columns, the report's columns as writer columns.
        const QString mapped = writeTask(dir.filePath(QStringLiteral("task.json")), *topic, QStringLiteral("wh"),
                                         withNewColumns(kBaseReader, unmapped, QStringLiteral("path")),
                                         withNewColumns(kBaseWriter, unmapped, QStringLiteral("column")));
        run = runCli({QStringLiteral("run"), mapped, QStringLiteral("-p"), QStringLiteral("partition=2"),
                      QStringLiteral("--reruns"), QStringLiteral("0")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        summary = QJsonDocument::fromJson(run.out.trimmed().split('\n').last()).object();
        QCOMPARE(summary.value(QStringLiteral("drift")).toObject(),
                 (QJsonObject{{QStringLiteral("unmapped"), 0}, {QStringLiteral("neverSeen"), 1}}));
        auto fresh = warehouse::LocalWarehouse::queryFile(
            db,
            QStringLiteral("select id, name, gone_x, z_z1, z_z2, items_0_sku, a_b, at, flag from events where "
                           "ds='2' order by id"),
            0);
        QVERIFY(fresh.ok());
        // at: 10:00 in Asia/Shanghai is 02:00 UTC
        QCOMPARE(cellsOf(*fresh), QStringLiteral("1,a,NULL,10,x,NULL,NULL,NULL,NULL\n"
                                                 "2,b,NULL,11,NULL,s1,1.5,NULL,NULL\n"
                                                 "5,e,NULL,12,NULL,NULL,NULL,2026-11-25 02:00:00,true"));
        // "Generate destination table schema" from the window's profile types every path column from its values.
        Cli ddl = runCli({QStringLiteral("ddl"), mapped, QStringLiteral("-p"), QStringLiteral("partition=2"),
                          QStringLiteral("--from-window")});
        QVERIFY2(ddl.exitCode == 0, ddl.err.constData());
        for (const char *line : {"  `id` STRING COMMENT", "  `name` STRING COMMENT", "  `gone_x` STRING COMMENT",
                                 "  `z_z1` BIGINT COMMENT", "  `z_z2` STRING COMMENT", "  `a_b` DOUBLE COMMENT",
                                 "  `at` DATETIME COMMENT", "  `flag` BOOLEAN COMMENT"})
            QVERIFY2(ddl.out.contains(line), ddl.out.constData());
        Cli plainDdl = runCli({QStringLiteral("ddl"), mapped, QStringLiteral("-p"), QStringLiteral("partition=2")});
        QVERIFY(plainDdl.out.contains("  `z_z1` STRING COMMENT")); // without samples every path column is STRING

        drift = runCli({QStringLiteral("drift"), mapped, QStringLiteral("-p"), QStringLiteral("partition=2")});
        QCOMPARE(drift.exitCode, 0);
        const QJsonObject after = QJsonDocument::fromJson(drift.out).object();
        QCOMPARE(after.value(QStringLiteral("unmapped")).toArray(), QJsonArray());
        QVERIFY(after.value(QStringLiteral("alter")).isNull());

        // MaxCompute: the same ALTER through an SQL instance on the test server, then a run with the new mapping.
        QVERIFY(m_server.catalogue().execute(QStringLiteral("DROP TABLE IF EXISTS events"), {}).ok());
        QVERIFY(m_server.catalogue().execute(kTableDdl, {}).ok());
        const QString mcTask = writeTask(dir.filePath(QStringLiteral("mc-task.json")), *topic, QStringLiteral("mc"),
                                         kBaseReader, kBaseWriter);
        config::TaskRunOptions options;
        options.params.push_back(params::Assignment{QStringLiteral("partition"), QStringLiteral("1")});
        auto resolved = config::loadTask(mcTask, options);
        QVERIFY(resolved.ok());
        const StopToken stop;
        auto mcReport = driftTask(resolved.value(), 0, stop, {});
        QVERIFY2(mcReport.ok(), qPrintable(mcReport.ok() ? QString() : mcReport.error().message));
        QCOMPARE(mcReport->alter, kAlter);
        QCOMPARE(driftJson(*mcReport), report);
        auto mcDatasource = resolved->datasources.resolve(QStringLiteral("mc"));
        QVERIFY(mcDatasource.ok());
        auto ran = runDestinationSql(mcDatasource.value(), kAlter, stop, {});
        QVERIFY2(ran.ok(), qPrintable(ran.ok() ? QString() : ran.error().message));
        QStringList mcColumns;
        for (const auto &c : m_server.catalogue().table(QStringLiteral("events"))->schema.columns)
            mcColumns << c.name + u' ' + c.type.toString();
        QCOMPARE(mcColumns, (QStringList{QStringLiteral("id BIGINT"), QStringLiteral("name STRING"),
                                         QStringLiteral("gone_x STRING"), QStringLiteral("z_z1 BIGINT"),
                                         QStringLiteral("z_z2 STRING"), QStringLiteral("items_0_sku STRING"),
                                         QStringLiteral("a_b DOUBLE"), QStringLiteral("at DATETIME"),
                                         QStringLiteral("flag BOOLEAN")}));
        writeTask(mcTask, *topic, QStringLiteral("mc"), withNewColumns(kBaseReader, unmapped, QStringLiteral("path")),
                  withNewColumns(kBaseWriter, unmapped, QStringLiteral("column")));
        resolved = config::loadTask(mcTask, options);
        QVERIFY(resolved.ok());
        NullObserver observer;
        TaskRunOptions runOptions;
        runOptions.reruns = 0;
        const RunSummary mcRun = runTask(resolved.value(), runOptions, stop, observer);
        QVERIFY2(mcRun.ok, qPrintable(mcRun.errorMessage));
        QVERIFY(mcRun.drift);
        QCOMPARE(*mcRun.drift, (DriftCounts{0, 1}));
        const auto rows = m_server.rows(QStringLiteral("events"), QStringLiteral("ds=1"));
        QCOMPARE(rows.size(), size_t(3));
        QVERIFY(rows[0]
                == (Row{int64_t(1), std::string("a"), std::monostate{}, int64_t(10), std::string("x"), std::monostate{},
                        std::monostate{}, std::monostate{}, std::monostate{}}));
        QCOMPARE(std::get<double>(rows[1][6]), 1.5);
        QCOMPARE(std::get<std::string>(rows[1][5]), std::string("s1"));
        QCOMPARE(std::get<DateTime>(rows[2][7]).epochMs, int64_t(1795572000000)); // 2026-11-25 02:00:00 UTC
        QCOMPARE(std::get<bool>(rows[2][8]), true);
    }

    void exitCodes()
    {
        QTemporaryDir dir;
        const QString datasources = dir.filePath(QStringLiteral("datasources.json"));
        // Nothing listens on port 1: the source cannot be read.
        QVERIFY(writeDatasources(datasources,
                                 QJsonObject{{QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:1")}},
                                 m_server.connection()));
        {
            auto wh = warehouse::LocalWarehouse::open(dir.filePath(QStringLiteral("wh.db")));
            QVERIFY(wh.ok());
            QVERIFY(wh.value()->executeSql(kTableDdl).ok());
        }
        const QString task = writeTask(dir.filePath(QStringLiteral("task.json")), QStringLiteral("nowhere"),
                                       QStringLiteral("wh"), kBaseReader, kBaseWriter);
        Cli bad = runCli({QStringLiteral("drift"), task, QStringLiteral("-p"), QStringLiteral("partition=1"),
                          QStringLiteral("--limit"), QStringLiteral("0")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--limit: \"0\" is not a whole number >= 1"), bad.err.constData());
        Cli missing = runCli({QStringLiteral("drift"), dir.filePath(QStringLiteral("none.json"))});
        QCOMPARE(missing.exitCode, 2);
        Cli unreadable = runCli({QStringLiteral("drift"), task, QStringLiteral("-p"), QStringLiteral("partition=1")});
        QCOMPARE(unreadable.exitCode, 1);
        QVERIFY(unreadable.out.isEmpty());
        QVERIFY(unreadable.err.startsWith("kmsync-cli drift: "));
    }
};

QTEST_GUILESS_MAIN(TestCliDrift)
#include "tst_cli_drift.moc"
