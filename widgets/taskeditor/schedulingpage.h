#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "widgets/taskeditor/taskform.h"

namespace Ui {
class SchedulingPage;
}

namespace kmsync::ui {

// The "Scheduling" step: cycle presets, the cycle, the parameter line with inline lint messages, and a preview of
// every instance's [startTime, endTime) window with gaps and overlaps marked.
class SchedulingPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulingPage)

public:
    enum PreviewColumn {
        ScheduledColumn,
        StartColumn,
        EndColumn,
        OtherParametersColumn,
        JunctionColumn,
        PreviewColumnCount
    };

    explicit SchedulingPage(QWidget *parent = nullptr);
    ~SchedulingPage() override;

    void setConfig(const ScheduleForm &form);
    ScheduleForm config() const;

    // The lint messages currently shown under the parameter line (empty when it is clean).
    QStringList lintMessages() const { return m_lint; }
    int showIssues(const std::vector<FieldIssue> &issues);

Q_SIGNALS:
    void changed();
    // A preset was chosen; its recommended reruns go to the Settings page.
    void presetApplied(int rerunTimes, int rerunIntervalMinutes);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyPreset();
    void updateCycleRows();
    void updatePreview();
    void onEdited();

    std::unique_ptr<Ui::SchedulingPage> m_ui;
    QStringList m_lint;
    bool m_loading = false;
};

} // namespace kmsync::ui
