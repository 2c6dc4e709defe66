#pragma once

#include <memory>

#include <QObject>
#include <QThread>

#include "engine/core/stoptoken.h"
#include "engine/job/syncobserver.h"
#include "widgets/run/runworker.h"

namespace kmsync::ui {

// Owns the run thread and its RunWorker (the Qt worker-object pattern): start() queues a run on the worker
// thread, cancel() sets the stop token (never terminates the thread), and the worker's signals arrive here
// on the GUI thread. The destructor cancels a running job and waits for the thread to finish.
class RunController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunController)

public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // Answers the runs' ${keychain:...} secrets (none by default).
    void setSecretPrompter(std::shared_ptr<SecretPrompter> prompter) { m_prompter = std::move(prompter); }
    // False (and nothing happens) while a run is in progress.
    bool start(const RunRequest &request);
    void cancel();
    // While the run waits to rerun a failed attempt: start the next attempt now.
    void rerunNow();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started();
    void progressed(const kmsync::engine::JobProgress &progress);
    void logged(int level, const QString &message);
    void attemptStarted(int attempt, int maxAttempts);
    void rerunScheduled(int failedAttempt, int maxAttempts, const QDateTime &nextAttempt,
                        const QString &nextAttemptText, const QString &reason);
    void finished(const kmsync::engine::RunSummary &summary);

private:
    void onFinished(const engine::RunSummary &summary);

    QThread m_thread;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>();
    std::shared_ptr<engine::StopToken> m_rerunNow = std::make_shared<engine::StopToken>();
    RunWorker *m_worker = nullptr; // lives on m_thread; deleted there when the thread finishes
    std::shared_ptr<SecretPrompter> m_prompter;
    bool m_running = false;
};

} // namespace kmsync::ui
