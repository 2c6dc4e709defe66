#pragma once

#include <memory>
#include <vector>

#include <QDateTime>
#include <QObject>

#include "engine/config/taskconfig.h"
#include "engine/core/stoptoken.h"
#include "engine/job/syncobserver.h"
#include "engine/params/schedulingparams.h"

namespace kmsync::ui {

class SecretPrompter;

// One "run with parameters" (带参运行): the task as Save would write it (the editor's one model, not its bytes),
// where it lives (for datasources.json), the parameter assignments and the scheduled time they are evaluated against.
struct RunRequest
{
    engine::config::TaskConfig config;
    QString taskPath;
    std::vector<engine::params::Assignment> parameters;
    QDateTime cyctime;
    QString env = QStringLiteral("dev");
};

// Runs tasks on the thread it lives on (RunController moves it to its own thread) and reports through queued
// signals carrying value types. Never touches widgets; cancellation goes through the shared StopToken.
class RunWorker final : public QObject, public engine::SyncObserver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunWorker)

public:
    // `rerunNow` (may be null) ends a wait before a rerun at once.
    explicit RunWorker(std::shared_ptr<engine::StopToken> stop, std::shared_ptr<engine::StopToken> rerunNow = {},
                       QObject *parent = nullptr);

    // Blocking: resolves the task, runs it (with the task's reruns) and emits finished(). Call it on the worker thread.
    // `prompter` (may be null) answers the task's ${keychain:...} secrets.
    void run(const kmsync::ui::RunRequest &request, const std::shared_ptr<kmsync::ui::SecretPrompter> &prompter = {});

    // engine::SyncObserver (called on the worker thread)
    void onProgress(const engine::JobProgress &progress) override;
    void onLog(engine::LogLevel level, const QString &message) override;
    void onAttemptStarted(int attempt, int maxAttempts) override;
    void onRerunScheduled(const engine::RerunSchedule &schedule) override;

Q_SIGNALS:
    void progressed(const kmsync::engine::JobProgress &progress);
    void logged(int level, const QString &message); // level: engine::LogLevel
    void attemptStarted(int attempt, int maxAttempts);
    // A failed attempt runs again at nextAttempt (UTC); nextAttemptText names the task's time zone.
    void rerunScheduled(int failedAttempt, int maxAttempts, const QDateTime &nextAttempt,
                        const QString &nextAttemptText, const QString &reason);
    void finished(const kmsync::engine::RunSummary &summary);

private:
    std::shared_ptr<engine::StopToken> m_stop;
    std::shared_ptr<engine::StopToken> m_rerunNow;
};

} // namespace kmsync::ui
