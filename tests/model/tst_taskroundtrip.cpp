// link: kmsync_widgets kmsync_engine
#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "engine/config/loosejson.h"
#include "engine/config/taskconfig.h"
#include "widgets/taskeditor/taskadapter.h"

using kmsync::engine::config::looseBool;
using kmsync::engine::config::TaskConfig;
using namespace kmsync::ui;

namespace {

// A task with keys kmsync does not know at every level and values of unusual but accepted types.
const char *const kOddTask = R"({
  "type": "job", "version": "2.0", "extend": {"mode": "wizard"}, "futureTopLevel": [1, 2],
  "steps": [
    {"stepType": "kafka", "category": "reader", "name": "Reader", "futureStepKey": true,
     "parameter": {"datasource": "sandbox_kafka", "topic": "clicks", "keyType": "STRING", "valueType": "String",
                   "beginDateTime": "${startTime}", "endDateTime": "${endTime}",
                   "kafkaConfig": {"group.id": "g1", "fetch.min.bytes": 1024, "enable.auto.commit": false},
                   "column": ["__key__", "__value__", "user.id"], "futureParam": {"x": 1}}},
    {"stepType": "odps", "category": "writer", "name": "Writer",
     "parameter": {"datasource": "local_wh", "table": "clicks", "partition": "ds=${partition}",
                   "column": ["k", "v", "user_id"], "truncate": "yes", "schema": "default"}}
  ],
  "setting": {"errorLimit": {"record": "0", "strategy": "stop"}, "speed": {"concurrent": "2", "throttle": "false", "dmu": 1}},
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "kmsync": {"reruns": 3, "rerunIntervalSeconds": 120, "future": "kept"}
})";

} // namespace

class TestTaskRoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editedTaskReloadsInTheEngine();
    void unchangedTaskIsByteStable();
    void yesIsNotABoolean();
    void newTaskLoadsInTheEngine();
    void offsetsKeepWhatWasTyped();
};

void TestTaskRoundTrip::editedTaskReloadsInTheEngine()
{
    auto loaded = taskFromJson(kOddTask);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    TaskForm task = loaded.value();
    QCOMPARE(task.source.groupId, QStringLiteral("g1"));
    QCOMPARE(task.settings.concurrent, 2);

    // Edit through the value types the pages read and write.
    task.source.topic = QStringLiteral("orders");
    task.source.beginMode = BeginMode::Earliest;
    task.source.beginDateTime.clear(); // a start time only goes with BeginMode::SpecificTime
    task.source.groupId = QStringLiteral("g2");
    task.destination.table = QStringLiteral("orders");
    task.mapping.sourceFields.push_back(QStringLiteral("__offset__"));
    task.mapping.targets.push_back({QStringLiteral("off"), QStringLiteral("BIGINT")});
    task.mapping.links.push_back({int(task.mapping.sourceFields.size() - 1), int(task.mapping.targets.size() - 1)});
    task.settings.concurrent = 4;

    const QByteArray saved = taskToJson(task);
    auto reloaded = TaskConfig::fromJsonBytes(saved);
    QVERIFY2(reloaded, qPrintable(reloaded ? QString() : reloaded.error().message));
    QCOMPARE(*reloaded, taskConfig(task)); // what the run gets is what the file holds

    // The edits, as the engine reads them.
    QCOMPARE(reloaded->reader.topic, QStringLiteral("orders"));
    QCOMPARE(reloaded->reader.effectiveGroupId(), QStringLiteral("g2"));
    QCOMPARE(reloaded->reader.extra.value(QLatin1String("beginType")).toString(), QStringLiteral("earliest"));
    QVERIFY(!reloaded->reader.beginDateTime);
    QCOMPARE(reloaded->writer.table, QStringLiteral("orders"));
    QCOMPARE(reloaded->reader.column.last(), QStringLiteral("__offset__"));
    QCOMPARE(reloaded->writer.column.last(), QStringLiteral("off"));
    QCOMPARE(reloaded->setting.concurrentValue(), 4);

    // Unknown keys survive at every level; values nobody edited keep their type and spelling.
    QCOMPARE(reloaded->extra.value(QLatin1String("extend")).toObject().value(QLatin1String("mode")).toString(),
             QStringLiteral("wizard"));
    QCOMPARE(reloaded->extra.value(QLatin1String("futureTopLevel")).toArray().size(), 2);
    QVERIFY(reloaded->reader.stepExtra.value(QLatin1String("futureStepKey")).toBool());
    QCOMPARE(reloaded->reader.extra.value(QLatin1String("futureParam")).toObject().value(QLatin1String("x")).toInt(),
             1);
    QCOMPARE(reloaded->writer.extra.value(QLatin1String("schema")).toString(), QStringLiteral("default"));
    QCOMPARE(reloaded->setting.errorLimitExtra->value(QLatin1String("strategy")).toString(), QStringLiteral("stop"));
    QCOMPARE(reloaded->setting.speedExtra->value(QLatin1String("dmu")).toInt(), 1);
    QCOMPARE(reloaded->kmsync->extra.value(QLatin1String("future")).toString(), QStringLiteral("kept"));
    QCOMPARE(reloaded->setting.errorLimitRecord, QJsonValue(QStringLiteral("0")));
    QCOMPARE(reloaded->setting.throttle, QJsonValue(QStringLiteral("false")));
    QCOMPARE(reloaded->reader.keyType, std::optional<QString>(QStringLiteral("STRING")));
    QCOMPARE(reloaded->reader.kafkaConfig->value(QLatin1String("fetch.min.bytes")), QJsonValue(1024));
    QCOMPARE(reloaded->reader.kafkaConfig->value(QLatin1String("enable.auto.commit")), QJsonValue(false));
    QCOMPARE(reloaded->writer.truncate, QJsonValue(QStringLiteral("yes")));

    // The pages see the reloaded task as they left it.
    const TaskForm again = taskFromJson(saved).value();
    QCOMPARE(again.source, task.source);
    QCOMPARE(again.destination, task.destination);
    QCOMPARE(again.mapping, task.mapping);
    QCOMPARE(again.schedule, task.schedule);
    QCOMPARE(again.settings, task.settings);
}

void TestTaskRoundTrip::unchangedTaskIsByteStable()
{
    const QByteArray first = taskToJson(taskFromJson(kOddTask).value());
    const QByteArray second = taskToJson(taskFromJson(first).value());
    QCOMPARE(second, first);
    QCOMPARE(TaskConfig::fromJsonBytes(second)->toJsonBytes(), second);
}

void TestTaskRoundTrip::yesIsNotABoolean()
{
    // "yes" is no boolean for the engine (looseBool gives no value, so truncate keeps its default, true);
    // the editor shows the same and the one validator reports the value next to the field.
    const TaskForm task = taskFromJson(kOddTask).value();
    QVERIFY(!looseBool(QJsonValue(QStringLiteral("yes"))).has_value());
    QCOMPARE(task.destination.truncate, task.config.writer.truncateValue());
    QVERIFY(task.destination.truncate);
    const auto issues = validateTask(task);
    QVERIFY(std::any_of(issues.begin(), issues.end(),
                        [](const FieldIssue &i) { return i.path == QLatin1String("destination.truncate"); }));
}

void TestTaskRoundTrip::newTaskLoadsInTheEngine()
{
    const TaskForm fresh = newTask();
    const QByteArray saved = taskToJson(fresh);
    auto reloaded = TaskConfig::fromJsonBytes(saved);
    QVERIFY2(reloaded, qPrintable(reloaded ? QString() : reloaded.error().message));
    QCOMPARE(reloaded->type, std::optional<QString>(QStringLiteral("job")));
    QCOMPARE(reloaded->version, std::optional<QString>(QStringLiteral("2.0")));
    QVERIFY(reloaded->order.has_value());
    const TaskForm again = taskFromJson(saved).value();
    QCOMPARE(again.source, fresh.source);
    QCOMPARE(again.mapping.sourceFields, fresh.mapping.sourceFields);
    QCOMPARE(again.settings, fresh.settings);
}

void TestTaskRoundTrip::offsetsKeepWhatWasTyped()
{
    // A whole number is saved as one; other text is saved as typed, so that the engine's validator reports it and
    // the page shows it again after a reload (it used to be saved as 0). A loose "100" keeps its spelling.
    QJsonObject doc = QJsonDocument::fromJson(kOddTask).object();
    QJsonArray steps = doc.value(QStringLiteral("steps")).toArray();
    QJsonObject reader = steps.at(0).toObject();
    QJsonObject parameter = reader.value(QStringLiteral("parameter")).toObject();
    parameter.remove(QStringLiteral("beginDateTime"));
    parameter.insert(QStringLiteral("beginOffset"), QStringLiteral("100"));
    reader.insert(QStringLiteral("parameter"), parameter);
    steps[0] = reader;
    doc.insert(QStringLiteral("steps"), steps);
    const QByteArray loose = QJsonDocument(doc).toJson();

    TaskForm task = taskFromJson(loose).value();
    QCOMPARE(task.source.beginMode, BeginMode::SpecificOffset);
    QCOMPARE(task.source.beginOffset, QStringLiteral("100"));
    QCOMPARE(taskConfig(task).reader.beginOffset, QJsonValue(QStringLiteral("100")));

    task.source.beginOffset = QStringLiteral("250");
    QCOMPARE(taskConfig(task).reader.beginOffset, QJsonValue(250));
    task.source.beginOffset = QStringLiteral("25O");
    QCOMPARE(taskConfig(task).reader.beginOffset, QJsonValue(QStringLiteral("25O")));
    const TaskForm again = taskFromJson(taskToJson(task)).value();
    QCOMPARE(again.source.beginMode, BeginMode::SpecificOffset);
    QCOMPARE(again.source.beginOffset, QStringLiteral("25O"));
    const auto issues = validateTask(again);
    QVERIFY(std::any_of(issues.begin(), issues.end(),
                        [](const FieldIssue &i) { return i.path == QLatin1String("source.beginOffset"); }));
}

QTEST_GUILESS_MAIN(TestTaskRoundTrip)
#include "tst_taskroundtrip.moc"
