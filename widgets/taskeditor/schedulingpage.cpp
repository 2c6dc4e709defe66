#include "widgets/taskeditor/schedulingpage.h"

#include <QDate>
#include <QEvent>
#include <QHeaderView>
#include <QLocale>

#include "engine/params/cyclepreset.h"
#include "engine/params/lint.h"
#include "engine/params/windowpreview.h"
#include "ui_schedulingpage.h"
#include "widgets/common/comboutil.h"
#include "widgets/taskeditor/fielderror.h"

namespace kmsync::ui {

namespace params = engine::params;

namespace {

QString presetTitle(const QString &id)
{
    if (id == QLatin1String("5min"))
        return SchedulingPage::tr("Every 5 minutes");
    if (id == QLatin1String("hour"))
        return SchedulingPage::tr("Every hour");
    if (id == QLatin1String("day"))
        return SchedulingPage::tr("Every day");
    if (id == QLatin1String("week"))
        return SchedulingPage::tr("Every week");
    if (id == QLatin1String("month"))
        return SchedulingPage::tr("Every month");
    return id;
}

QString wallClock(const QDateTime &t)
{
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

SchedulingPage::SchedulingPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SchedulingPage>())
{
    m_ui->setupUi(this);
    m_ui->presetCombo->addItem(QString(), QString()); // "custom"
    for (const params::CyclePreset &preset : params::cyclePresets())
        m_ui->presetCombo->addItem(QString(), preset.id);
    for (int unit = 0; unit < 5; ++unit)
        m_ui->cycleCombo->addItem(QString(), unit);
    for (int day = 1; day <= 7; ++day)
        m_ui->weekdayCombo->addItem(QString(), day);
    m_ui->previewTable->setColumnCount(PreviewColumnCount);
    m_ui->previewTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->previewTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->previewTable->verticalHeader()->hide();
    m_ui->previewTable->setTabKeyNavigation(false);
    m_ui->previewFromEdit->setDate(QDate::currentDate());
    retranslate();

    connect(m_ui->presetCombo, &QComboBox::activated, this, &SchedulingPage::applyPreset);
    connect(m_ui->cycleCombo, &QComboBox::currentIndexChanged, this, &SchedulingPage::onEdited);
    connect(m_ui->intervalSpin, &QSpinBox::valueChanged, this, &SchedulingPage::onEdited);
    connect(m_ui->startAtEdit, &QTimeEdit::timeChanged, this, &SchedulingPage::onEdited);
    connect(m_ui->endAtEdit, &QTimeEdit::timeChanged, this, &SchedulingPage::onEdited);
    connect(m_ui->weekdayCombo, &QComboBox::currentIndexChanged, this, &SchedulingPage::onEdited);
    connect(m_ui->dayOfMonthSpin, &QSpinBox::valueChanged, this, &SchedulingPage::onEdited);
    connect(m_ui->parametersEdit, &QLineEdit::textEdited, this, &SchedulingPage::onEdited);
    connect(m_ui->previewFromEdit, &QDateEdit::dateChanged, this, &SchedulingPage::updatePreview);
    connect(m_ui->previewDaysSpin, &QSpinBox::valueChanged, this, &SchedulingPage::updatePreview);

    setConfig(ScheduleForm{});
}

SchedulingPage::~SchedulingPage() = default;

void SchedulingPage::retranslate()
{
    m_ui->presetCombo->setItemText(0, tr("Custom"));
    for (int i = 1; i < m_ui->presetCombo->count(); ++i)
        m_ui->presetCombo->setItemText(i, presetTitle(m_ui->presetCombo->itemData(i).toString()));
    const QStringList units = {tr("Minute"), tr("Hour"), tr("Day"), tr("Week"), tr("Month")};
    for (int i = 0; i < units.size(); ++i)
        m_ui->cycleCombo->setItemText(i, units.at(i));
    for (int day = 1; day <= 7; ++day)
        m_ui->weekdayCombo->setItemText(day - 1, QLocale().dayName(day));
    m_ui->previewTable->setHorizontalHeaderLabels(
        {tr("Scheduled time"), tr("startTime"), tr("endTime"), tr("Other parameters"), tr("Window")});
}

void SchedulingPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const bool wasLoading = std::exchange(m_loading, true);
        m_ui->retranslateUi(this);
        retranslate();
        updateCycleRows();
        updatePreview();
        m_loading = wasLoading;
    }
    QWidget::changeEvent(event);
}

void SchedulingPage::setConfig(const ScheduleForm &form)
{
    const bool wasLoading = std::exchange(m_loading, true);
    selectComboData(m_ui->cycleCombo, int(form.cycle.unit));
    m_ui->intervalSpin->setValue(form.cycle.interval);
    m_ui->startAtEdit->setTime(form.cycle.startAt);
    m_ui->endAtEdit->setTime(form.cycle.endAt);
    selectComboData(m_ui->weekdayCombo, form.cycle.weekday);
    m_ui->dayOfMonthSpin->setValue(form.cycle.dayOfMonth);
    m_ui->parametersEdit->setText(form.parameters);
    // Show the preset this configuration is, if any.
    int presetIndex = 0;
    for (int i = 1; i < m_ui->presetCombo->count(); ++i) {
        const auto preset = params::cyclePreset(m_ui->presetCombo->itemData(i).toString());
        if (preset && preset->cycle == form.cycle && preset->parameterLine == form.parameters)
            presetIndex = i;
    }
    m_ui->presetCombo->setCurrentIndex(presetIndex);
    updateCycleRows();
    updatePreview();
    m_loading = wasLoading;
}

ScheduleForm SchedulingPage::config() const
{
    ScheduleForm form;
    form.cycle.unit = params::CycleUnit(m_ui->cycleCombo->currentData().toInt());
    form.cycle.interval = m_ui->intervalSpin->value();
    form.cycle.startAt = m_ui->startAtEdit->time();
    form.cycle.endAt = m_ui->endAtEdit->time();
    form.cycle.weekday = m_ui->weekdayCombo->currentData().toInt();
    form.cycle.dayOfMonth = m_ui->dayOfMonthSpin->value();
    form.parameters = m_ui->parametersEdit->text().trimmed();
    return form;
}

void SchedulingPage::applyPreset()
{
    const auto preset = params::cyclePreset(m_ui->presetCombo->currentData().toString());
    if (!preset)
        return;
    ScheduleForm form;
    form.cycle = preset->cycle;
    form.parameters = preset->parameterLine;
    setConfig(form);
    Q_EMIT presetApplied(preset->rerunTimes, preset->rerunIntervalMinutes);
    Q_EMIT changed();
}

void SchedulingPage::onEdited()
{
    if (m_loading)
        return;
    m_ui->presetCombo->setCurrentIndex(0); // edited by hand: no longer a preset
    updateCycleRows();
    updatePreview();
    Q_EMIT changed();
}

void SchedulingPage::updateCycleRows()
{
    const auto unit = params::CycleUnit(m_ui->cycleCombo->currentData().toInt());
    const bool intraday = unit == params::CycleUnit::Minute || unit == params::CycleUnit::Hour;
    m_ui->cycleForm->setRowVisible(m_ui->intervalSpin, intraday);
    m_ui->cycleForm->setRowVisible(m_ui->endAtEdit, intraday);
    m_ui->cycleForm->setRowVisible(m_ui->weekdayCombo, unit == params::CycleUnit::Week);
    m_ui->cycleForm->setRowVisible(m_ui->dayOfMonthSpin, unit == params::CycleUnit::Month);
    m_ui->startAtLabel->setText(intraday ? tr("&Start from:") : tr("Run &at:"));
    m_ui->intervalSpin->setSuffix(unit == params::CycleUnit::Minute ? tr(" min") : tr(" h"));
    m_ui->cycleDescriptionLabel->setText(config().cycle.describe());
}

void SchedulingPage::updatePreview()
{
    const ScheduleForm form = config();
    m_lint.clear();
    m_ui->previewTable->setRowCount(0);

    const auto assignments = params::parseAssignments(form.parameters);
    if (!assignments) {
        m_lint.append(assignments.error().message);
    } else {
        bool hasStart = false;
        bool hasEnd = false;
        for (const params::Assignment &a : *assignments) {
            hasStart = hasStart || a.name == QLatin1String("startTime");
            hasEnd = hasEnd || a.name == QLatin1String("endTime");
        }
        if (!hasStart || !hasEnd)
            m_lint.append(tr("Assign both startTime and endTime: they give the [start, end) window the task reads."));

        const QDate from = m_ui->previewFromEdit->date();
        const QDate to = from.addDays(m_ui->previewDaysSpin->value() - 1);
        const std::vector<params::WindowInstance> instances = params::previewWindows(form.cycle, from, to,
                                                                                     *assignments);
        m_ui->previewTable->setRowCount(int(instances.size()));
        for (int row = 0; row < int(instances.size()); ++row) {
            const params::WindowInstance &w = instances[size_t(row)];
            QString start;
            QString end;
            QStringList others;
            for (const auto &[name, value] : w.parameters) {
                if (name == QLatin1String("startTime"))
                    start = value;
                else if (name == QLatin1String("endTime"))
                    end = value;
                else
                    others.append(name + QLatin1Char('=') + value);
            }
            QString junction;
            QColor colour;
            switch (w.junction) {
            case params::Junction::First:
                junction = tr("first");
                break;
            case params::Junction::Contiguous:
                junction = tr("contiguous");
                break;
            case params::Junction::Gap:
                junction =
                    tr("GAP of %1: data in between is never read").arg(params::formatDuration(w.junctionSeconds));
                colour = QColor(0xc6, 0x28, 0x28);
                break;
            case params::Junction::Overlap:
                junction =
                    tr("OVERLAP of %1: data in between is read twice").arg(params::formatDuration(w.junctionSeconds));
                colour = QColor(0xb2, 0x6a, 0x00);
                break;
            }
            if (!w.errors.isEmpty()) {
                junction = w.errors.join(QStringLiteral("; "));
                colour = QColor(0xc6, 0x28, 0x28);
            }
            const QStringList cells = {wallClock(w.scheduled), start, end, others.join(QLatin1Char(' ')), junction};
            for (int column = 0; column < cells.size(); ++column) {
                auto *item = new QTableWidgetItem(cells.at(column));
                if (colour.isValid() && column == JunctionColumn)
                    item->setForeground(colour);
                m_ui->previewTable->setItem(row, column, item);
            }
            m_ui->previewTable->item(row, JunctionColumn)->setData(Qt::UserRole, int(w.junction));
        }
        const params::WindowSummary summary = params::summarize(instances);
        // Plural forms through %n (English ones from kmsync_en.ts): "1 instance", "2 gaps".
        m_ui->previewSummaryLabel->setText(tr("%1: %2, %3, %4 with errors.")
                                               .arg(tr("%n instance(s)", nullptr, summary.instances),
                                                    tr("%n gap(s)", nullptr, summary.gaps),
                                                    tr("%n overlap(s)", nullptr, summary.overlaps))
                                               .arg(summary.errors));
        if (summary.errors > 0 && !instances.empty()) {
            for (const params::WindowInstance &w : instances) {
                if (!w.errors.isEmpty()) {
                    m_lint.append(tr("At %1: %2").arg(wallClock(w.scheduled), w.errors.join(QStringLiteral("; "))));
                    break;
                }
            }
        }
        if (summary.gaps > 0)
            m_lint.append(
                tr("%n gap(s) between consecutive windows: some data would never be read.", nullptr, summary.gaps));
        if (summary.overlaps > 0)
            m_lint.append(tr("%n overlap(s) between consecutive windows: some data would be read twice.", nullptr,
                             summary.overlaps));
    }
    m_ui->lintLabel->setText(m_lint.isEmpty() ? tr("✔ The parameters resolve to contiguous windows.")
                                              : QStringLiteral("⚠ ") + m_lint.join(QStringLiteral("\n⚠ ")));
    m_ui->lintLabel->setStyleSheet(m_lint.isEmpty() ? QStringLiteral("color: #2e7d32;")
                                                    : QStringLiteral("color: #b26a00;"));
}

int SchedulingPage::showIssues(const std::vector<FieldIssue> &issues)
{
    return applyFieldIssues(this, QStringLiteral("schedule."), issues,
                            [this](const QString &) -> QWidget * { return m_ui->parametersEdit; });
}

} // namespace kmsync::ui
