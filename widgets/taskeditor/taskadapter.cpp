#include "widgets/taskeditor/taskadapter.h"

#include <algorithm>

#include "engine/config/taskform.h"
#include "widgets/taskeditor/issuetext.h"

namespace kmsync::ui {

namespace {

// Where the editor shows an engine validation finding: a JSON path into the task file -> "<page>.<field>".
QString uiPathFor(const QString &jsonPath, const QString &readerPath, const QString &writerPath)
{
    if (jsonPath.startsWith(readerPath + QLatin1Char('.'))) {
        const QString key = engine::config::lastKeyOf(jsonPath);
        if (key == QLatin1String("column"))
            return QStringLiteral("mapping.links");
        if (key == QLatin1String("server"))
            return QStringLiteral("source.datasource");
        if (key == QLatin1String("stopWhenPollEmpty") || key == QLatin1String("waitTime"))
            return QStringLiteral("source.exitStrategy");
        return QStringLiteral("source.") + key;
    }
    if (jsonPath.startsWith(writerPath + QLatin1Char('.'))) {
        const QString key = engine::config::lastKeyOf(jsonPath);
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
    if (jsonPath == engine::config::kEditorParameterLinePath)
        return QStringLiteral("schedule.parameters");
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
    // The engine's validator on the exact task Save would write; its codes become the pages' text (issuetext.h).
    const engine::config::TaskConfig config = taskConfig(task);
    const QString readerPath = config.readerPath();
    const QString writerPath = config.writerPath();
    std::vector<FieldIssue> issues;
    for (const engine::config::ValidationIssue &issue : config.validate()) {
        FieldIssue shown{uiPathFor(issue.path, readerPath, writerPath),
                         issue.severity == engine::config::ValidationIssue::Severity::Error
                             ? FieldIssue::Severity::Error
                             : FieldIssue::Severity::Warning,
                         issueText(issue)};
        // A field shows one finding: its first error, else its first warning.
        const auto same = std::find_if(issues.begin(), issues.end(),
                                       [&](const FieldIssue &i) { return i.path == shown.path; });
        if (same == issues.end())
            issues.push_back(std::move(shown));
        else if (same->severity == FieldIssue::Severity::Warning && shown.severity == FieldIssue::Severity::Error)
            *same = std::move(shown);
    }
    return issues;
}

} // namespace kmsync::ui
