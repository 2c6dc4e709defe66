#include "widgets/run/runcontroller.h"

namespace kmsync::ui {

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_worker(new RunWorker(m_stop, m_rerunNow))
{
    m_thread.setObjectName(QStringLiteral("kmsync-run"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RunWorker::progressed, this, &RunController::progressed);
    connect(m_worker, &RunWorker::logged, this, &RunController::logged);
    connect(m_worker, &RunWorker::attemptStarted, this, &RunController::attemptStarted);
    connect(m_worker, &RunWorker::rerunScheduled, this, &RunController::rerunScheduled);
    connect(m_worker, &RunWorker::finished, this, &RunController::onFinished);
    m_thread.start();
}

RunController::~RunController()
{
    m_stop->requestStop();
    m_thread.quit();
    m_thread.wait(); // shutdown only: the run has been told to stop and returns at its next check
}

bool RunController::start(const RunRequest &request)
{
    if (m_running)
        return false;
    m_running = true;
    m_stop->reset();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request, prompter = m_prompter] { worker->run(request, prompter); },
        Qt::QueuedConnection);
    Q_EMIT started();
    return true;
}

void RunController::cancel()
{
    if (m_running)
        m_stop->requestStop();
}

void RunController::rerunNow()
{
    if (m_running)
        m_rerunNow->requestStop();
}

void RunController::onFinished(const engine::RunSummary &summary)
{
    m_running = false;
    Q_EMIT finished(summary);
}

} // namespace kmsync::ui
