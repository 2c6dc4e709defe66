#include "widgets/taskeditor/taskeditor.h"

#include <QEvent>
#include <QIcon>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/taskeditor/schedulingpage.h"
#include "widgets/taskeditor/settingspage.h"
#include "widgets/taskeditor/sourcepage.h"

namespace kmsync::ui {

namespace {

QScrollArea *scrolled(QWidget *page, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

const char *const kIcons[] = {":/icons/source.svg", ":/icons/destination.svg", ":/icons/mapping.svg",
                              ":/icons/schedule.svg", ":/icons/settings.svg"};

} // namespace

TaskEditor::TaskEditor(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_source(new SourcePage)
    , m_destination(new DestinationPage)
    , m_mapping(new FieldMappingPage)
    , m_scheduling(new SchedulingPage)
    , m_settings(new SettingsPage)
{
    m_tabs->setObjectName(QStringLiteral("taskTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scrolled(m_source, m_tabs), QIcon(QLatin1String(kIcons[SourceTab])), QString());
    m_tabs->addTab(scrolled(m_destination, m_tabs), QIcon(QLatin1String(kIcons[DestinationTab])), QString());
    m_tabs->addTab(m_mapping, QIcon(QLatin1String(kIcons[MappingTab])), QString());
    m_tabs->addTab(scrolled(m_scheduling, m_tabs), QIcon(QLatin1String(kIcons[SchedulingTab])), QString());
    m_tabs->addTab(scrolled(m_settings, m_tabs), QIcon(QLatin1String(kIcons[SettingsTab])), QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    retranslate();

    connect(m_source, &SourcePage::changed, this, &TaskEditor::changed);
    connect(m_destination, &DestinationPage::changed, this, &TaskEditor::changed);
    connect(m_mapping, &FieldMappingPage::changed, this, &TaskEditor::changed);
    connect(m_scheduling, &SchedulingPage::changed, this, &TaskEditor::changed);
    connect(m_settings, &SettingsPage::changed, this, &TaskEditor::changed);
    // A preset brings DataWorks' recommended reruns (3 times, 2 minutes apart).
    connect(m_scheduling, &SchedulingPage::presetApplied, this, [this](int times, int intervalMinutes) {
        SettingsForm settings = m_settings->config();
        settings.rerun = true;
        settings.rerunTimes = times;
        settings.rerunIntervalMinutes = intervalMinutes;
        m_settings->setConfig(settings);
    });
    // A table with a known schema gives the mapping its destination columns.
    connect(m_destination, &DestinationPage::schemaSelected, m_mapping, &FieldMappingPage::setTargetSchema);
}

TaskEditor::~TaskEditor() = default;

void TaskEditor::retranslate()
{
    const QStringList titles = {tr("&Source"), tr("&Destination"), tr("Field &mapping"), tr("Sc&heduling"),
                                tr("Se&ttings")};
    for (int i = 0; i < PageCount; ++i) {
        const QString suffix = m_issueCounts[size_t(i)] > 0 ? QStringLiteral(" (%1)").arg(m_issueCounts[size_t(i)])
                                                            : QString();
        m_tabs->setTabText(i, titles.at(i) + suffix);
    }
}

void TaskEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TaskEditor::setTask(const TaskForm &task)
{
    const QSignalBlocker blocker(this); // loading is not an edit
    m_config = task.config;
    m_source->setConfig(task.source);
    m_destination->setConfig(task.destination);
    m_mapping->setConfig(task.mapping);
    m_scheduling->setConfig(task.schedule);
    m_settings->setConfig(task.settings);
    showIssues({});
}

TaskForm TaskEditor::task() const
{
    TaskForm task;
    task.config = m_config;
    task.source = m_source->config();
    task.destination = m_destination->config();
    task.mapping = m_mapping->config();
    task.schedule = m_scheduling->config();
    task.settings = m_settings->config();
    return task;
}

int TaskEditor::showIssues(const std::vector<FieldIssue> &issues)
{
    m_issueCounts = {m_source->showIssues(issues), m_destination->showIssues(issues), m_mapping->showIssues(issues),
                     m_scheduling->showIssues(issues), m_settings->showIssues(issues)};
    for (int i = 0; i < PageCount; ++i) {
        m_tabs->setTabIcon(i, QIcon(QLatin1String(m_issueCounts[size_t(i)] > 0 ? ":/icons/error.svg" : kIcons[i])));
    }
    retranslate();
    int total = 0;
    for (int n : m_issueCounts)
        total += n;
    return total;
}

} // namespace kmsync::ui
