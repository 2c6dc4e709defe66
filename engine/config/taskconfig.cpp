#include "engine/config/taskconfig.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

#include "engine/config/loosejson.h"
#include "engine/config/taskvalidator.h"

namespace kmsync::engine::config {

namespace {

Error structureError(const QString &message)
{
    return makeError(QStringLiteral("config.structure"), message);
}

// 1-based line and column of a byte offset, for JSON syntax errors.
QString lineColumn(const QByteArray &json, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QCoreApplication::translate("TaskConfig", "line %1, column %2").arg(line).arg(column);
}

} // namespace

Result<TaskConfig> TaskConfig::fromJson(const QJsonObject &object)
{
    if (object.contains(QStringLiteral("job")) && !object.contains(QStringLiteral("steps"))) {
        return structureError(QStringLiteral(
            "this is the DataX 1.0 form {\"job\":{\"content\":[...]}}; kmsync reads DataWorks script mode "
            "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[...]} (DataWorks' current API rejects the 1.0 form too)"));
    }
    const QJsonValue stepsValue = object.value(QStringLiteral("steps"));
    if (!stepsValue.isArray()) {
        return structureError(
            stepsValue.isUndefined()
                ? QCoreApplication::translate("TaskConfig",
                                              "steps: missing; a task needs \"steps\": [kafka reader, odps writer]")
                : QCoreApplication::translate("TaskConfig", "steps: expected an array, got %1")
                      .arg(jsonTypeName(stepsValue)));
    }
    const QJsonArray steps = stepsValue.toArray();
    if (steps.size() != 2) {
        return structureError(
            QCoreApplication::translate("TaskConfig",
                                        "steps: expected exactly 2 steps (a kafka reader and an odps writer), got %1")
                .arg(steps.size()));
    }
    TaskConfig task;
    int readerIndex = -1;
    int writerIndex = -1;
    for (int i = 0; i < 2; ++i) {
        const QJsonValue stepValue = steps.at(i);
        if (!stepValue.isObject())
            return structureError(QCoreApplication::translate("TaskConfig", "steps[%1]: expected an object, got %2")
                                      .arg(i)
                                      .arg(jsonTypeName(stepValue)));
        const QJsonObject step = stepValue.toObject();
        const QString stepType = step.value(QStringLiteral("stepType")).toString();
        const QString category = step.value(QStringLiteral("category")).toString();
        const bool isReader = category.compare(QLatin1String("reader"), Qt::CaseInsensitive) == 0
                           || (category.isEmpty()
                               && stepType.compare(QLatin1String("kafka"), Qt::CaseInsensitive) == 0);
        const bool isWriter = category.compare(QLatin1String("writer"), Qt::CaseInsensitive) == 0
                           || (category.isEmpty() && stepType.compare(QLatin1String("odps"), Qt::CaseInsensitive) == 0);
        if (isReader) {
            if (stepType.compare(QLatin1String("kafka"), Qt::CaseInsensitive) != 0) {
                return structureError(
                    QCoreApplication::translate("TaskConfig",
                                                "steps[%1].stepType: \"%2\" is not supported; kmsync reads from "
                                                "Kafka (\"stepType\": \"kafka\")")
                        .arg(i)
                        .arg(stepType));
            }
            if (readerIndex >= 0)
                return structureError(
                    QCoreApplication::translate("TaskConfig",
                                                "steps[%1]: a second reader step; a task has one kafka reader")
                        .arg(i));
            readerIndex = i;
            task.reader = KafkaReaderConfig::fromStep(step);
        } else if (isWriter) {
            if (stepType.compare(QLatin1String("odps"), Qt::CaseInsensitive) != 0) {
                return structureError(
                    QCoreApplication::translate("TaskConfig",
                                                "steps[%1].stepType: \"%2\" is not supported; kmsync writes to "
                                                "MaxCompute (\"stepType\": \"odps\")")
                        .arg(i)
                        .arg(stepType));
            }
            if (writerIndex >= 0)
                return structureError(
                    QCoreApplication::translate("TaskConfig",
                                                "steps[%1]: a second writer step; a task has one odps writer")
                        .arg(i));
            writerIndex = i;
            task.writer = OdpsWriterConfig::fromStep(step);
        } else {
            return structureError(
                QCoreApplication::translate("TaskConfig",
                                            "steps[%1].category: \"%2\" is neither \"reader\" nor \"writer\"")
                    .arg(i)
                    .arg(category));
        }
    }
    if (readerIndex < 0 || writerIndex < 0)
        return structureError(
            QCoreApplication::translate("TaskConfig", "steps: a task needs one kafka reader and one odps writer step"));
    task.writerFirst = writerIndex < readerIndex;

    JsonObjectReader top(object);
    QJsonValue ignoredSteps;
    top.take(QStringLiteral("steps"), ignoredSteps);
    top.take(QStringLiteral("type"), task.type);
    top.take(QStringLiteral("version"), task.version);
    std::optional<QJsonObject> setting;
    top.take(QStringLiteral("setting"), setting);
    if (setting)
        task.setting = JobSettings::fromJson(*setting);
    top.take(QStringLiteral("order"), task.order);
    std::optional<QJsonObject> kmsync;
    top.take(QStringLiteral("kmsync"), kmsync);
    if (kmsync)
        task.kmsync = KmsyncOptions::fromJson(*kmsync);
    task.extra = top.rest();
    return task;
}

Result<TaskConfig> TaskConfig::fromJsonBytes(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return makeError(QStringLiteral("config.json"),
                         QCoreApplication::translate("TaskConfig", "not valid JSON at %1: %2")
                             .arg(lineColumn(json, error.offset), error.errorString()));
    }
    if (!doc.isObject())
        return makeError(QStringLiteral("config.json"),
                         QCoreApplication::translate("TaskConfig", "the task file must hold a JSON object"));
    return fromJson(doc.object());
}

Result<TaskConfig> TaskConfig::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("config.io"),
                         QCoreApplication::translate("TaskConfig", "cannot read task file %1: %2")
                             .arg(path, file.errorString()));
    }
    auto task = fromJsonBytes(file.readAll());
    if (!task)
        return Error{task.error().code, QStringLiteral("%1: %2").arg(path, task.error().message)};
    return task;
}

QJsonObject TaskConfig::toJson() const
{
    QJsonObject out = extra;
    putOptional(out, QStringLiteral("type"), type);
    putOptional(out, QStringLiteral("version"), version);
    QJsonArray steps;
    if (writerFirst)
        steps << writer.toStep() << reader.toStep();
    else
        steps << reader.toStep() << writer.toStep();
    out.insert(QStringLiteral("steps"), steps);
    if (const auto s = setting.toJson())
        out.insert(QStringLiteral("setting"), *s);
    if (order)
        out.insert(QStringLiteral("order"), *order);
    if (kmsync)
        out.insert(QStringLiteral("kmsync"), kmsync->toJson());
    return out;
}

QByteArray TaskConfig::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

Result<void> TaskConfig::saveFile(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("config.io"), QCoreApplication::translate("TaskConfig", "cannot write %1: %2")
                                                          .arg(path, file.errorString()));
    file.write(toJsonBytes());
    if (!file.commit())
        return makeError(QStringLiteral("config.io"), QCoreApplication::translate("TaskConfig", "cannot write %1: %2")
                                                          .arg(path, file.errorString()));
    return {};
}

QString TaskConfig::readerPath() const
{
    return QStringLiteral("steps[%1].parameter").arg(writerFirst ? 1 : 0);
}

QString TaskConfig::writerPath() const
{
    return QStringLiteral("steps[%1].parameter").arg(writerFirst ? 0 : 1);
}

ValidationIssues TaskConfig::validate() const
{
    return validateTask(*this);
}

} // namespace kmsync::engine::config
