#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QDialog>

#include "engine/config/taskconfig.h"
#include "engine/job/backfill.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace kmsync::ui {

class BackfillController;
class SecretPrompter;

// Tools > Backfill (补数据): a business-date range, the cycle (the task's own schedule or a preset), the order and
// the parallelism; the instances with their parameters and windows listed before anything starts, then each one's
// live status (queued, running with its progress, done with its counts, failed with the reason), Cancel, and Resume
// (the same backfill again, skipping the partitions already committed). The work runs on BackfillController's thread.
class BackfillDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackfillDialog)

public:
    // Columns of the instance table.
    enum Column { ScheduledColumn, BizdateColumn, PartitionColumn, WindowColumn, StatusColumn, ColumnCount };

    BackfillDialog(engine::config::TaskConfig task, QString taskPath, QString env, QWidget *parent = nullptr);
    ~BackfillDialog() override;

    void setSecretPrompter(std::shared_ptr<SecretPrompter> prompter);
    void setRange(QDate from, QDate to);
    // "task" (the task's own schedule, when it has one), "day", "hour", "5min", "week", "month".
    void setCycle(const QString &id);
    void setParallel(int parallel);
    void setDescending(bool descending);

    // The instances listed (the preview, or the running backfill's).
    int instanceCount() const;
    QString statusText(int row) const;
    QString cellText(int row, int column) const;
    QString summaryText() const;
    bool isRunning() const;

public Q_SLOTS:
    void start();
    void resume();
    void cancel();

Q_SIGNALS:
    void backfillFinished(); // after the last instance ended, or planning failed

protected:
    void closeEvent(QCloseEvent *event) override;
    void reject() override; // Escape: not while a backfill runs
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refreshPreview();
    void launch(bool resume);
    void setStatus(int row, const QString &text, const QString &tooltip = QString());
    void onInstanceFinished(const engine::BackfillOutcome &outcome);
    void onFinished(const engine::BackfillSummary &summary);
    void updateButtons();
    engine::BackfillRequest request() const;

    engine::config::TaskConfig m_task;
    QString m_taskPath;
    QString m_env;
    std::unique_ptr<BackfillController> m_controller;
    std::optional<engine::BackfillSummary> m_last; // the last finished backfill
    bool m_hasSchedule = false;

    QLabel *m_fromLabel = nullptr;
    QLabel *m_toLabel = nullptr;
    QLabel *m_cycleLabel = nullptr;
    QLabel *m_orderLabel = nullptr;
    QLabel *m_parallelLabel = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_cycle = nullptr;
    QComboBox *m_order = nullptr;
    QSpinBox *m_parallel = nullptr;
    QCheckBox *m_keepGoing = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace kmsync::ui
