#include "widgets/run/runworker.h"

#include "engine/config/taskconfig.h"
#include "engine/config/taskloader.h"
#include "engine/job/taskrunner.h"
#include "widgets/datasources/secretstore.h"
#include "widgets/taskeditor/issuetext.h"

namespace kmsync::ui {

RunWorker::RunWorker(std::shared_ptr<engine::StopToken> stop, std::shared_ptr<engine::StopToken> rerunNow,
                     QObject *parent)
    : QObject(parent)
    , m_stop(std::move(stop))
    , m_rerunNow(std::move(rerunNow))
{
}

void RunWorker::run(const RunRequest &request, const std::shared_ptr<SecretPrompter> &prompter)
{
    engine::RunSummary failed;
    engine::config::TaskRunOptions options;
    options.env = request.env;
    options.params = request.parameters;
    options.cyctime = request.cyctime;
    // ${keychain:...} secrets: read (or asked for) on this worker thread; Cancel also withdraws an open prompt.
    options.secrets = secretLookup(prompter, m_stop);
    auto resolved = engine::config::resolveTask(request.config, request.taskPath, options);
    if (!resolved) {
        failed.errorCode = resolved.error().code;
        failed.errorMessage = resolved.error().message;
        Q_EMIT finished(failed);
        return;
    }
    // Problems the run would only hit later (unresolved ${x}, unknown datasources) are reported before it starts.
    const engine::config::ValidationIssues issues = engine::config::validateResolvedTask(*resolved);
    if (engine::config::hasErrors(issues)) {
        QStringList lines;
        for (const auto &issue : issues) {
            if (issue.severity == engine::config::ValidationIssue::Severity::Error)
                lines.append(issue.path + QStringLiteral(": ") + issueText(issue)); // the editor's translated text
        }
        failed.errorCode = QStringLiteral("config.invalid");
        failed.errorMessage = lines.join(QLatin1Char('\n'));
        Q_EMIT finished(failed);
        return;
    }
    // What this run resolved to: the parameters and the window (engine log lines, like the engine's own).
    QStringList assigned;
    for (auto it = resolved->paramValues.cbegin(); it != resolved->paramValues.cend(); ++it)
        assigned.append(it.key() + QLatin1Char('=') + it.value());
    if (!assigned.isEmpty())
        onLog(engine::LogLevel::Info, tr("parameters: %1").arg(assigned.join(QLatin1Char(' '))));
    // The window in the task's time zone, named ("2026-11-25 00:00:00 to 2026-11-26 00:00:00 Asia/Shanghai").
    onLog(engine::LogLevel::Info, tr("window: %1").arg(engine::config::readerWindowText(resolved->task)));
    engine::TaskRunOptions runOptions;
    runOptions.plan.log = [this](engine::LogLevel level, const QString &message) { onLog(level, message); };
    runOptions.rerunNow = m_rerunNow.get();
    const engine::RunSummary summary = engine::runTask(*resolved, runOptions, *m_stop, *this);
    Q_EMIT finished(summary);
}

void RunWorker::onProgress(const engine::JobProgress &progress)
{
    Q_EMIT progressed(progress);
}

void RunWorker::onLog(engine::LogLevel level, const QString &message)
{
    Q_EMIT logged(int(level), message);
}

void RunWorker::onAttemptStarted(int attempt, int maxAttempts)
{
    Q_EMIT attemptStarted(attempt, maxAttempts);
}

void RunWorker::onRerunScheduled(const engine::RerunSchedule &schedule)
{
    Q_EMIT rerunScheduled(schedule.failedAttempt, schedule.maxAttempts, schedule.nextAttempt, schedule.nextAttemptText,
                          schedule.errorMessage);
}

} // namespace kmsync::ui
