#pragma once

#include <memory>

#include <QObject>
#include <QThread>

#include "engine/core/stoptoken.h"
#include "engine/job/backfill.h"

namespace kmsync::ui {

class SecretPrompter;

// Runs backfills on the thread it lives on (BackfillController moves it to its own) and reports through queued
// signals carrying value types; it never touches widgets. The engine calls the BackfillObserver methods from its
// worker threads; they only emit signals.
class BackfillWorker final : public QObject, public engine::BackfillObserver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackfillWorker)

public:
    explicit BackfillWorker(std::shared_ptr<engine::StopToken> stop, QObject *parent = nullptr);

    // Blocking: plans (resolving the task for every instance), then runs; emits planned() or planFailed(), and
    // finished() at the end of a run. Call it on the worker thread.
    void run(const engine::BackfillRequest &request, const engine::BackfillOptions &options,
             const std::shared_ptr<SecretPrompter> &prompter);

    void onInstanceStarted(size_t index) override;
    void onInstanceProgress(size_t index, const engine::JobProgress &progress) override;
    void onInstanceLog(size_t index, engine::LogLevel level, const QString &message) override;
    void onInstanceFinished(const engine::BackfillOutcome &outcome) override;

Q_SIGNALS:
    void planFailed(const QString &message);                   // bad input: nothing ran
    void instanceErrors(int index, const QStringList &errors); // an instance that cannot run (then planFailed)
    void planned(int instances);
    void instanceStarted(int index);
    void instanceProgress(int index, qint64 done, qint64 total, qint64 written);
    void instanceLogged(int index, int level, const QString &message);
    void instanceFinished(const kmsync::engine::BackfillOutcome &outcome);
    void finished(const kmsync::engine::BackfillSummary &summary);

private:
    std::shared_ptr<engine::StopToken> m_stop;
};

// Owns the backfill thread and its worker (the run panel's worker-object pattern): start() queues a backfill,
// cancel() sets the stop token (running instances roll back, no other starts), and the signals arrive on the GUI
// thread. The destructor cancels a running backfill and waits for the thread.
class BackfillController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackfillController)

public:
    explicit BackfillController(QObject *parent = nullptr);
    ~BackfillController() override;

    void setSecretPrompter(std::shared_ptr<SecretPrompter> prompter) { m_prompter = std::move(prompter); }
    // False (and nothing happens) while a backfill is in progress.
    bool start(const engine::BackfillRequest &request, const engine::BackfillOptions &options);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void planFailed(const QString &message);
    void instanceErrors(int index, const QStringList &errors);
    void planned(int instances);
    void instanceStarted(int index);
    void instanceProgress(int index, qint64 done, qint64 total, qint64 written);
    void instanceLogged(int index, int level, const QString &message);
    void instanceFinished(const kmsync::engine::BackfillOutcome &outcome);
    void finished(const kmsync::engine::BackfillSummary &summary); // also after planFailed (an empty summary)

private:
    QThread m_thread;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>();
    BackfillWorker *m_worker = nullptr; // lives on m_thread
    std::shared_ptr<SecretPrompter> m_prompter;
    bool m_running = false;
};

} // namespace kmsync::ui
