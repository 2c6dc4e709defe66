#include "engine/config/taskloader.h"

#include <algorithm>
#include <vector>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace kmsync::engine::config {

namespace {

QJsonValue substituteValue(const QJsonValue &value, const QMap<QString, QString> &values)
{
    if (value.isString())
        return params::substitute(value.toString(), values);
    if (value.isObject())
        return substituteJson(value.toObject(), values);
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(substituteValue(v, values));
        return out;
    }
    return value;
}

// Every string in the task with its JSON path, e.g. ("steps[0].parameter.beginDateTime", "${startTime}").
void collectStrings(const QJsonValue &value, const QString &path, std::vector<std::pair<QString, QString>> &out)
{
    if (value.isString()) {
        out.emplace_back(path, value.toString());
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            const QString child = plain.match(it.key()).hasMatch()
                                    ? (path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key())
                                    : path + QStringLiteral("[\"%1\"]").arg(it.key());
            collectStrings(*it, child, out);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            collectStrings(array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), out);
    }
}

// One end of the reader's range as the task gives it after substitution: a time (yyyyMMddHHmmss shown as
// "yyyy-MM-dd HH:mm:ss"), an offset keyword or number, or epoch milliseconds.
QString rangeEnd(const std::optional<QString> &dateTime, const QJsonValue &offset, const QJsonValue &millis)
{
    if (dateTime && !dateTime->isEmpty()) {
        const QDateTime t = QDateTime::fromString(*dateTime, QStringLiteral("yyyyMMddHHmmss"));
        return t.isValid() ? t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : *dateTime;
    }
    if (!millis.isUndefined() && !millis.isNull())
        return QStringLiteral("%1 ms").arg(millis.isString() ? millis.toString()
                                                             : QString::number(qint64(millis.toDouble())));
    if (!offset.isUndefined() && !offset.isNull())
        return offset.isString() ? offset.toString() : QStringLiteral("offset %1").arg(qint64(offset.toDouble()));
    return QStringLiteral("(none)");
}

} // namespace

QString zonedTimeText(qint64 epochMs, const QTimeZone &zone, bool millis)
{
    const QTimeZone in = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    return QDateTime::fromMSecsSinceEpoch(epochMs, in)
               .toString(millis ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz") : QStringLiteral("yyyy-MM-dd HH:mm:ss"))
         + QLatin1Char(' ') + QString::fromUtf8(in.id());
}

QString readerWindowText(const TaskConfig &task)
{
    const auto &reader = task.reader;
    return QCoreApplication::translate("TaskLoader", "%1 to %2 %3")
        .arg(rangeEnd(reader.beginDateTime, reader.beginOffset, reader.beginTimestampMillis),
             rangeEnd(reader.endDateTime, reader.endOffset, reader.endTimestampMillis),
             QString::fromUtf8(taskTimeZone(task).id()));
}

QJsonObject substituteJson(const QJsonObject &object, const QMap<QString, QString> &values)
{
    QJsonObject out;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        out.insert(it.key(), substituteValue(*it, values));
    return out;
}

QTimeZone taskTimeZone(const TaskConfig &task)
{
    const QString zone = task.reader.timeZone.value_or(QString()).trimmed();
    if (!zone.isEmpty() && !zone.contains(QLatin1Char('$'))) {
        const QTimeZone named(zone.toUtf8());
        if (named.isValid())
            return named;
    }
    return QTimeZone::systemTimeZone();
}

QDateTime defaultCyctime(const TaskConfig &task, const QDateTime &now)
{
    // A naive wall-clock time (UTC spec), as `params` evaluates --cyctime: no DST gap of any zone can shift it.
    const QDateTime zoned = (now.isValid() ? now : QDateTime::currentDateTime()).toTimeZone(taskTimeZone(task));
    return QDateTime(zoned.date(), zoned.time(), QTimeZone::utc());
}

Result<ResolvedTask> resolveTask(const TaskConfig &raw, const QString &taskPath, const TaskRunOptions &options)
{
    ResolvedTask resolved;
    resolved.raw = raw;
    resolved.taskPath = taskPath.isEmpty() ? QString() : QFileInfo(taskPath).absoluteFilePath();
    resolved.cyctime = options.cyctime.isValid() ? options.cyctime : defaultCyctime(raw, options.now);

    // datasources
    const QString taskDir = taskPath.isEmpty() ? QDir::currentPath() : QFileInfo(taskPath).absolutePath();
    QString dsFile = options.datasourcesFile;
    if (dsFile.isEmpty()) {
        const QString nextToTask = QDir(taskDir).filePath(QStringLiteral("datasources.json"));
        if (QFileInfo::exists(nextToTask))
            dsFile = nextToTask;
    }
    if (!dsFile.isEmpty()) {
        auto ds = Datasources::load(dsFile, options.env);
        if (!ds)
            return ds.error();
        resolved.datasources = std::move(ds.value());
    } else {
        auto ds = Datasources::fromJson(QJsonObject{{QStringLiteral("datasources"), QJsonObject()}}, options.env,
                                        taskDir);
        if (!ds)
            return ds.error();
        resolved.datasources = std::move(ds.value());
    }

    // parameters
    auto values = params::evaluateAssignments(options.params, resolved.cyctime);
    if (!values)
        return values.error();
    resolved.paramValues = values.value();

    // ${...} that no -p names but that is a scheduling expression by itself (${bdp.system.bizdate},
    // ${yyyymmdd-1}) is evaluated against cyctime too, so what validate accepts is what runs.
    const QJsonObject rawJson = raw.toJson();
    std::vector<std::pair<QString, QString>> strings;
    collectStrings(rawJson, QString(), strings);
    QMap<QString, QString> all = resolved.paramValues;
    for (const auto &[path, text] : strings) {
        for (const QString &name : params::placeholderNames(text)) {
            if (all.contains(name))
                continue;
            const auto value = params::evaluate(QStringLiteral("${%1}").arg(name), resolved.cyctime);
            if (value)
                all.insert(name, value.value());
        }
    }

    auto task = TaskConfig::fromJson(substituteJson(rawJson, all));
    if (!task)
        return task.error();
    resolved.task = std::move(task.value());
    if (options.secrets) {
        QStringList names{resolved.task.writer.datasource};
        if (resolved.task.reader.datasource)
            names.prepend(*resolved.task.reader.datasource);
        auto withSecrets = resolved.datasources.withSecrets(*options.secrets, names);
        if (!withSecrets)
            return withSecrets.error();
        resolved.datasources = std::move(withSecrets.value());
    }
    return resolved;
}

Result<ResolvedTask> loadTask(const QString &taskPath, const TaskRunOptions &options)
{
    auto raw = TaskConfig::loadFile(taskPath);
    if (!raw)
        return raw.error();
    return resolveTask(raw.value(), taskPath, options);
}

ValidationIssues validateResolvedTask(const ResolvedTask &resolved)
{
    const TaskConfig &task = resolved.task;
    ValidationIssues issues = task.validate();

    // ${x} that no -p assigned
    std::vector<std::pair<QString, QString>> strings;
    collectStrings(task.toJson(), QString(), strings);
    for (const auto &[path, text] : strings) {
        const QStringList unassigned = params::referencedParameters(text);
        for (const QString &name : unassigned) {
            issues.push_back({path, ValidationIssue::Severity::Error,
                              QStringLiteral("${%1} has no value; pass -p %1=...").arg(name),
                              IssueCode::ParameterUnassigned, lastKeyOf(path), name, QString(), QString()});
        }
        for (const QString &name : params::placeholderNames(text)) {
            if (!unassigned.contains(name))
                issues.push_back({path, ValidationIssue::Severity::Error,
                                  QStringLiteral("${%1} is neither a parameter name (letters, digits, _ and .) nor a "
                                                 "scheduling expression")
                                      .arg(name),
                                  IssueCode::PlaceholderName, lastKeyOf(path), name, QString(), QString()});
        }
    }

    // datasources
    const auto checkDatasource = [&](const QString &path, const QString &name, const std::vector<DatasourceKind> &kinds,
                                     const QString &role) {
        if (name.trimmed().isEmpty() || name.contains(QLatin1String("${")))
            return;
        const auto ds = resolved.datasources.resolve(name);
        if (!ds && ds.error().code == QLatin1String("datasource.no_file")) {
            // The English text is kmsync-cli's (validate and the commands that validate print it); the app words
            // the code itself.
            issues.push_back(
                {path, ValidationIssue::Severity::Error,
                 QCoreApplication::translate("TaskLoader", "%1 (pass --datasources FILE or put datasources.json next "
                                                           "to the task)")
                     .arg(ds.error().message),
                 IssueCode::DatasourcesFileMissing, lastKeyOf(path), name, QString(), QString()});
            return;
        }
        if (!ds) {
            issues.push_back({path, ValidationIssue::Severity::Error, ds.error().message, IssueCode::DatasourceUnknown,
                              lastKeyOf(path), name, QString(), ds.error().message});
            return;
        }
        if (std::find(kinds.begin(), kinds.end(), ds->kind) == kinds.end()) {
            QStringList allowed;
            for (const DatasourceKind kind : kinds)
                allowed << datasourceKindName(kind);
            issues.push_back({path, ValidationIssue::Severity::Error,
                              QStringLiteral("datasource \"%1\" is of type %2; the %3 needs %4")
                                  .arg(name, datasourceKindName(ds->kind), role, allowed.join(QStringLiteral(" or "))),
                              IssueCode::DatasourceKindMismatch, lastKeyOf(path), name,
                              allowed.join(QStringLiteral(" or ")), datasourceKindName(ds->kind)});
            return;
        }
        for (const QString &problem : Datasources::connectionProblems(*ds))
            issues.push_back({path, ValidationIssue::Severity::Error, problem, IssueCode::DatasourceIncomplete,
                              lastKeyOf(path), name, QString(), problem});
    };
    if (task.reader.datasource)
        checkDatasource(task.readerPath() + QStringLiteral(".datasource"), *task.reader.datasource,
                        {DatasourceKind::Kafka}, QStringLiteral("Kafka reader"));
    checkDatasource(task.writerPath() + QStringLiteral(".datasource"), task.writer.datasource,
                    {DatasourceKind::MaxCompute, DatasourceKind::Local}, QStringLiteral("writer"));
    return issues;
}

} // namespace kmsync::engine::config
