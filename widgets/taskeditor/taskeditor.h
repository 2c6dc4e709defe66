#pragma once

#include <vector>

#include <QWidget>

#include "widgets/taskeditor/taskform.h"

class QTabWidget;

namespace kmsync::ui {

class DestinationPage;
class FieldMappingPage;
class SchedulingPage;
class SettingsPage;
class SourcePage;

// The task editor: one tab per step of the codeless UI (Source, Destination, Field mapping, Scheduling, Settings).
// It only composes the pages: each page reads and writes its own value type, and the editor joins them into a
// TaskForm, the pages' view of the engine's TaskConfig (engine/config/taskform.h). The TaskConfig as loaded is
// kept, so keys the pages do not show are carried along untouched.
class TaskEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskEditor)

public:
    enum Page { SourceTab, DestinationTab, MappingTab, SchedulingTab, SettingsTab, PageCount };

    explicit TaskEditor(QWidget *parent = nullptr);
    ~TaskEditor() override;

    void setTask(const TaskForm &task);
    TaskForm task() const;

    // Shows every issue next to its field and marks the tabs that have errors. Returns how many were shown.
    int showIssues(const std::vector<FieldIssue> &issues);

    QTabWidget *tabs() const { return m_tabs; }
    SourcePage *sourcePage() const { return m_source; }
    DestinationPage *destinationPage() const { return m_destination; }
    FieldMappingPage *mappingPage() const { return m_mapping; }
    SchedulingPage *schedulingPage() const { return m_scheduling; }
    SettingsPage *settingsPage() const { return m_settings; }

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QTabWidget *m_tabs = nullptr;
    SourcePage *m_source = nullptr;
    DestinationPage *m_destination = nullptr;
    FieldMappingPage *m_mapping = nullptr;
    SchedulingPage *m_scheduling = nullptr;
    SettingsPage *m_settings = nullptr;
    engine::config::TaskConfig m_config; // the task as loaded; the pages edit a view of it
    std::vector<int> m_issueCounts = std::vector<int>(PageCount, 0);
};

} // namespace kmsync::ui
