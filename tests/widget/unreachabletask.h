#pragma once

// A run that fails at once and waits to run again, for widget tests of the rerun wait (its countdown, "Rerun now",
// Cancel, its language).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include "engine/config/taskconfig.h"
#include "engine/warehouse/localwarehouse.h"
#include "widgets/run/runworker.h"

namespace kmsync::ui::test {

// A task in `dir` whose Kafka (127.0.0.1:1) refuses every connection, with one rerun 10 minutes later: only
// "Rerun now" or Cancel can end the wait within a test. It reads __offset__ of topic "events" into the local
// warehouse table events (o BIGINT) PARTITIONED BY (ds STRING), partition ds=x, in time zone Asia/Shanghai; `dir`
// gets its datasources.json (kafka, wh) and warehouse wh.db. On failure the request's taskPath is empty and
// *problem (when given) says what failed.
inline RunRequest unreachableTask(const QTemporaryDir &dir, QString *problem = nullptr)
{
    RunRequest request;
    auto fail = [&](const QString &what) {
        if (problem)
            *problem = what;
        return request;
    };
    const QJsonObject datasources{
        {QStringLiteral("datasources"),
         QJsonObject{{QStringLiteral("kafka"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("kafka")},
                                  {QStringLiteral("connection"),
                                   QJsonObject{{QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:1")}}}}},
                     {QStringLiteral("wh"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("local")},
                                  {QStringLiteral("connection"),
                                   QJsonObject{{QStringLiteral("path"), QStringLiteral("wh.db")}}}}}}}};
    QFile file(dir.filePath(QStringLiteral("datasources.json")));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(datasources).toJson()) <= 0)
        return fail(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.close();
    auto warehouse = engine::warehouse::LocalWarehouse::open(dir.filePath(QStringLiteral("wh.db")));
    if (!warehouse.ok())
        return fail(warehouse.error().message);
    if (auto created =
            (*warehouse)->executeSql(QStringLiteral("CREATE TABLE events (o BIGINT) PARTITIONED BY (ds STRING)"));
        !created.ok())
        return fail(created.error().message);
    warehouse->reset();
    auto step = [](const QString &type, const QString &category, const QJsonObject &parameter) {
        return QJsonObject{{QStringLiteral("stepType"), type},
                           {QStringLiteral("category"), category},
                           {QStringLiteral("name"), category},
                           {QStringLiteral("parameter"), parameter}};
    };
    const QJsonObject reader{{QStringLiteral("datasource"), QStringLiteral("kafka")},
                             {QStringLiteral("topic"), QStringLiteral("events")},
                             {QStringLiteral("timeZone"), QStringLiteral("Asia/Shanghai")},
                             {QStringLiteral("column"), QJsonArray{QStringLiteral("__offset__")}},
                             {QStringLiteral("beginOffset"), QStringLiteral("seekToBeginning")},
                             {QStringLiteral("endOffset"), QStringLiteral("seekToEnd")}};
    const QJsonObject writer{{QStringLiteral("datasource"), QStringLiteral("wh")},
                             {QStringLiteral("table"), QStringLiteral("events")},
                             {QStringLiteral("partition"), QStringLiteral("ds=x")},
                             {QStringLiteral("column"), QJsonArray{QStringLiteral("o")}}};
    const QJsonObject task{{QStringLiteral("type"), QStringLiteral("job")},
                           {QStringLiteral("version"), QStringLiteral("2.0")},
                           {QStringLiteral("steps"),
                            QJsonArray{step(QStringLiteral("kafka"), QStringLiteral("reader"), reader),
                                       step(QStringLiteral("odps"), QStringLiteral("writer"), writer)}},
                           {QStringLiteral("setting"), QJsonObject{}},
                           {QStringLiteral("kmsync"),
                            QJsonObject{{QStringLiteral("reruns"), 1}, {QStringLiteral("rerunIntervalSeconds"), 600}}}};
    auto config = engine::config::TaskConfig::fromJsonBytes(QJsonDocument(task).toJson());
    if (!config.ok())
        return fail(config.error().message);
    request.config = *config;
    request.taskPath = dir.filePath(QStringLiteral("task.json"));
    return request;
}

} // namespace kmsync::ui::test
