#include "widgets/backfill/backfillcontroller.h"

#include "widgets/datasources/secretstore.h"

namespace kmsync::ui {

BackfillWorker::BackfillWorker(std::shared_ptr<engine::StopToken> stop, QObject *parent)
    : QObject(parent)
    , m_stop(std::move(stop))
{
}

void BackfillWorker::run(const engine::BackfillRequest &request, const engine::BackfillOptions &options,
                         const std::shared_ptr<SecretPrompter> &prompter)
{
    engine::BackfillRequest withSecrets = request;
    // ${keychain:...} secrets: read (or asked for) on this thread; Cancel also withdraws an open prompt.
    withSecrets.load.secrets = secretLookup(prompter, m_stop);
    auto plan = engine::planBackfill(withSecrets);
    if (!plan) {
        Q_EMIT planFailed(plan.error().message);
        Q_EMIT finished(engine::BackfillSummary{});
        return;
    }
    if (plan->errors() > 0) {
        for (size_t i = 0; i < plan->items.size(); ++i) {
            if (!plan->items[i].errors.isEmpty())
                Q_EMIT instanceErrors(int(i), plan->items[i].errors);
        }
        Q_EMIT planFailed(tr("%n instance(s) cannot run; nothing was run.", nullptr, plan->errors()));
        Q_EMIT finished(engine::BackfillSummary{});
        return;
    }
    Q_EMIT planned(int(plan->items.size()));
    const engine::BackfillSummary summary = engine::runBackfill(*plan, options, *m_stop, *this);
    Q_EMIT finished(summary);
}

void BackfillWorker::onInstanceStarted(size_t index)
{
    Q_EMIT instanceStarted(int(index));
}

void BackfillWorker::onInstanceProgress(size_t index, const engine::JobProgress &progress)
{
    qint64 done = 0;
    qint64 total = 0;
    for (const auto &p : progress.partitions) {
        done += p.nextOffset - p.startOffset;
        total += p.endOffset - p.startOffset;
    }
    Q_EMIT instanceProgress(int(index), done, total, progress.written);
}

void BackfillWorker::onInstanceLog(size_t index, engine::LogLevel level, const QString &message)
{
    Q_EMIT instanceLogged(int(index), int(level), message);
}

void BackfillWorker::onInstanceFinished(const engine::BackfillOutcome &outcome)
{
    Q_EMIT instanceFinished(outcome);
}

BackfillController::BackfillController(QObject *parent)
    : QObject(parent)
    , m_worker(new BackfillWorker(m_stop))
{
    m_thread.setObjectName(QStringLiteral("kmsync-backfill"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &BackfillWorker::planFailed, this, &BackfillController::planFailed);
    connect(m_worker, &BackfillWorker::instanceErrors, this, &BackfillController::instanceErrors);
    connect(m_worker, &BackfillWorker::planned, this, &BackfillController::planned);
    connect(m_worker, &BackfillWorker::instanceStarted, this, &BackfillController::instanceStarted);
    connect(m_worker, &BackfillWorker::instanceProgress, this, &BackfillController::instanceProgress);
    connect(m_worker, &BackfillWorker::instanceLogged, this, &BackfillController::instanceLogged);
    connect(m_worker, &BackfillWorker::instanceFinished, this, &BackfillController::instanceFinished);
    connect(m_worker, &BackfillWorker::finished, this, [this](const engine::BackfillSummary &summary) {
        m_running = false;
        Q_EMIT finished(summary);
    });
    m_thread.start();
}

BackfillController::~BackfillController()
{
    m_stop->requestStop();
    m_thread.quit();
    m_thread.wait(); // shutdown only: the backfill has been told to stop and returns at its next check
}

bool BackfillController::start(const engine::BackfillRequest &request, const engine::BackfillOptions &options)
{
    if (m_running)
        return false;
    m_running = true;
    m_stop->reset();
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, request, options, prompter = m_prompter] { worker->run(request, options, prompter); },
        Qt::QueuedConnection);
    return true;
}

void BackfillController::cancel()
{
    if (m_running)
        m_stop->requestStop();
}

} // namespace kmsync::ui
