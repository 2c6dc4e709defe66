#include "widgets/taskeditor/taskadapter.h"

#include <algorithm>

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimeZone>

namespace kmsync::ui {

// The one place where findings become the text the pages show, through tr(). A finding only the engine's
// validator makes is shown as "<key>: <its message>" (the engine's messages are English; ValidationIssue has
// no code to translate yet).
class TaskFindings
{
    Q_DECLARE_TR_FUNCTIONS(kmsync::ui::TaskFindings)
};

namespace {

// Where the editor shows an engine validation finding: a JSON path into the task file -> "<page>.<field>".
QString uiPathFor(const QString &jsonPath, const QString &readerPath, const QString &writerPath)
{
    auto firstKey = [](const QString &rest) {
        QString key = rest.section(QLatin1Char('.'), 0, 0);
        const qsizetype bracket = key.indexOf(QLatin1Char('['));
        return bracket > 0 ? key.left(bracket) : key;
    };
    if (jsonPath.startsWith(readerPath + QLatin1Char('.'))) {
        const QString key = firstKey(jsonPath.mid(readerPath.size() + 1));
        if (key == QLatin1String("column"))
            return QStringLiteral("mapping.links");
        if (key == QLatin1String("server"))
            return QStringLiteral("source.datasource");
        if (key == QLatin1String("stopWhenPollEmpty") || key == QLatin1String("waitTime"))
            return QStringLiteral("source.exitStrategy");
        return QStringLiteral("source.") + key;
    }
    if (jsonPath.startsWith(writerPath + QLatin1Char('.'))) {
        const QString key = firstKey(jsonPath.mid(writerPath.size() + 1));
        if (key == QLatin1String("column"))
            return QStringLiteral("mapping.links");
        return QStringLiteral("destination.") + key;
    }
    if (jsonPath.startsWith(QLatin1String("setting.errorLimit")))
        return QStringLiteral("settings.errorLimit");
    if (jsonPath.startsWith(QLatin1String("setting.speed.")))
        return QStringLiteral("settings.") + jsonPath.section(QLatin1Char('.'), 2, 2);
    if (jsonPath.startsWith(QLatin1String("kmsync.rerun")))
        return QStringLiteral("settings.rerun");
    return QStringLiteral("task.") + jsonPath;
}

} // namespace

TaskForm newTask()
{
    return engine::config::newTaskForm();
}

engine::Result<TaskForm> taskFromJson(const QByteArray &json)
{
    auto config = engine::config::TaskConfig::fromJsonBytes(json);
    if (!config)
        return config.error();
    return engine::config::taskFormFrom(*config);
}

engine::config::TaskConfig taskConfig(const TaskForm &task)
{
    return engine::config::applyTaskForm(task);
}

QByteArray taskToJson(const TaskForm &task)
{
    return taskConfig(task).toJsonBytes();
}

std::vector<FieldIssue> validateTask(const TaskForm &task)
{
    std::vector<FieldIssue> issues;
    auto error = [&](const QString &path, const QString &message) {
        issues.push_back({path, FieldIssue::Severity::Error, message});
    };
    const SourceForm &s = task.source;
    if (s.topic.trimmed().isEmpty())
        error(QStringLiteral("source.topic"), TaskFindings::tr("Topic is required: choose the Kafka topic to read."));
    static const QRegularExpression timeRe(QStringLiteral("^(\\d{14}|.*\\$[\\{\\[].*)$"));
    if (s.beginMode == BeginMode::SpecificTime && !timeRe.match(s.beginDateTime).hasMatch()) {
        error(QStringLiteral("source.beginDateTime"),
              TaskFindings::tr(
                  "Start time \"%1\" must be 14 digits yyyymmddhhmmss or a parameter such as ${startTime}.")
                  .arg(s.beginDateTime));
    }
    if (s.endMode == EndMode::SpecificTime && !timeRe.match(s.endDateTime).hasMatch()) {
        error(QStringLiteral("source.endDateTime"),
              TaskFindings::tr("End time \"%1\" must be 14 digits yyyymmddhhmmss or a parameter such as ${endTime}.")
                  .arg(s.endDateTime));
    }
    bool ok = false;
    if (s.beginMode == BeginMode::SpecificOffset && (s.beginOffset.toLongLong(&ok), !ok))
        error(QStringLiteral("source.beginOffset"),
              TaskFindings::tr("Start offset \"%1\" must be a whole number.").arg(s.beginOffset));
    if (s.endMode == EndMode::SpecificOffset && (s.endOffset.toLongLong(&ok), !ok))
        error(QStringLiteral("source.endOffset"),
              TaskFindings::tr("End offset \"%1\" must be a whole number.").arg(s.endOffset));
    if (!s.timeZone.isEmpty() && !QTimeZone(s.timeZone.toUtf8()).isValid())
        error(QStringLiteral("source.timeZone"),
              TaskFindings::tr("Time zone \"%1\" is not a known IANA zone such as Asia/Shanghai.").arg(s.timeZone));
    for (const auto &[key, value] : s.kafkaConfig) {
        if (key.trimmed().isEmpty()) {
            error(QStringLiteral("source.kafkaConfig"),
                  TaskFindings::tr("Every advanced Kafka property needs a name."));
            break;
        }
    }

    const DestinationForm &d = task.destination;
    if (d.table.trimmed().isEmpty())
        error(QStringLiteral("destination.table"),
              TaskFindings::tr("Table is required: choose the destination table."));
    static const QRegularExpression partRe(
        QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*=[^,=/]+([,/][A-Za-z_][A-Za-z0-9_]*=[^,=/]+)*$"));
    if (!d.partition.isEmpty() && !partRe.match(d.partition).hasMatch()) {
        error(QStringLiteral("destination.partition"),
              TaskFindings::tr("Partition \"%1\" must be key=value pairs separated by commas, e.g. ds=${partition}.")
                  .arg(d.partition));
    }

    if (task.mapping.links.empty())
        error(QStringLiteral("mapping.links"),
              TaskFindings::tr("Map at least one source field to a destination column."));

    const SettingsForm &st = task.settings;
    if (st.concurrent < 1 || st.concurrent > 32)
        error(QStringLiteral("settings.concurrent"),
              TaskFindings::tr("Concurrency %1 is out of range: allowed are 1 to 32.").arg(st.concurrent));
    if (st.throttle && st.mbps < 1)
        error(QStringLiteral("settings.mbps"),
              TaskFindings::tr("With throttling on, the rate must be at least 1 MB/s."));
    // Everything else the engine checks (types, enums, column counts, JSON path syntax, ...), on the exact file
    // Save would write; a finding for a field the checks above already reported is not repeated.
    {
        const engine::config::TaskConfig config = taskConfig(task);
        const QString readerPath = config.readerPath();
        const QString writerPath = config.writerPath();
        for (const engine::config::ValidationIssue &issue : config.validate()) {
            const QString path = uiPathFor(issue.path, readerPath, writerPath);
            const bool known = std::any_of(issues.begin(), issues.end(),
                                           [&](const FieldIssue &i) { return i.path == path; });
            if (known)
                continue;
            issues.push_back({path,
                              issue.severity == engine::config::ValidationIssue::Severity::Error
                                  ? FieldIssue::Severity::Error
                                  : FieldIssue::Severity::Warning,
                              TaskFindings::tr("%1: %2").arg(issue.path.section(QLatin1Char('.'), -1), issue.message)});
        }
    }
    if (task.schedule.parameters.trimmed().isEmpty()
        && (s.beginDateTime.contains(QLatin1String("${")) || s.endDateTime.contains(QLatin1String("${")))) {
        issues.push_back({QStringLiteral("schedule.parameters"), FieldIssue::Severity::Warning,
                          TaskFindings::tr("The source uses ${...} parameters but the parameter line assigns none.")});
    }
    return issues;
}

} // namespace kmsync::ui
