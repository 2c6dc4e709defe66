#pragma once

#include <functional>
#include <memory>

#include <QDateTime>
#include <QWidget>

#include "engine/job/syncobserver.h"

class QLineSeries;
class QTimer;
class QPushButton;
class QValueAxis;

namespace Ui {
class RunPanel;
}

namespace kmsync::ui {

// "Run with parameters": the scheduled time and parameter line for one run, Run/Cancel, per-partition progress,
// the log and the run's summary. A view only: it asks for runs through signals and shows what it is told.
class RunPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunPanel)

public:
    enum PartitionColumn { PartitionCol, StartCol, EndCol, NextCol, RecordsCol, DoneCol, PartitionColumnCount };

    explicit RunPanel(QWidget *parent = nullptr);
    ~RunPanel() override;

    void setParameters(const QString &line);
    QString parameters() const;
    // The scheduled time as wall-clock time in `zone` (the task's time zone, shown next to it).
    void setCyctime(const QDateTime &cyctime, const QString &zone = QString());
    QString cyctimeZone() const;
    QDateTime cyctime() const;
    QString statusText() const;

    void showStarted();
    void showProgress(const engine::JobProgress &progress);
    void appendLog(int level, const QString &message);
    // The window audit and the offset-ledger check of a finished run, as sentences for the log.
    static QStringList auditAndLedgerLines(const engine::RunSummary &summary);
    void showFinished(const engine::RunSummary &summary);
    void showError(const QString &message);
    // Attempt `attempt` of at most `maxAttempts` began: ends a rerun countdown.
    void showAttemptStarted(int attempt, int maxAttempts);
    // A failed attempt runs again at `nextAttempt` (UTC; `nextAttemptText` is the same time in the task's zone,
    // named): shows a countdown with "Rerun now" and Cancel until the next attempt starts or the run ends.
    void showRerunScheduled(int failedAttempt, int maxAttempts, const QDateTime &nextAttempt,
                            const QString &nextAttemptText, const QString &reason);
    bool isWaitingToRerun() const;
    QString rerunCountdownText() const;

Q_SIGNALS:
    void runRequested();
    void cancelRequested();
    void rerunNowRequested();
    // The run failed for want of its destination table: the app's own way to create it (Generate table schema).
    void createTableRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void setRunning(bool running);
    // Adds one records/s point at `seconds` into the run and widens the axes to show every point.
    void addRatePoint(double seconds, double recordsPerSecond);
    void setStatus(std::function<QString()> text);
    static QString finishedText(const engine::RunSummary &summary);
    void updateRerunCountdown();
    void hideRerunCountdown();

    QLineSeries *m_rateSeries = nullptr; // owned by the chart
    QValueAxis *m_timeAxis = nullptr;
    QValueAxis *m_rateAxis = nullptr;
    double m_maxRate = 0;
    QPushButton *m_createTableButton = nullptr; // shown when the destination table is missing
    // The status line, kept as a function so that a language switch can render it again.
    std::function<QString()> m_statusText;
    // The rerun countdown: what failed and when the next attempt starts; m_rerunTimer ticks it every second.
    QTimer *m_rerunTimer = nullptr;
    int m_failedAttempt = 0;
    int m_maxAttempts = 0;
    QDateTime m_nextAttempt;
    QString m_nextAttemptText;
    QString m_rerunReason;

    std::unique_ptr<Ui::RunPanel> m_ui;
};

} // namespace kmsync::ui
