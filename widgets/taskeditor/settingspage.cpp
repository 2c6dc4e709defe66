#include "widgets/taskeditor/settingspage.h"

#include <QEvent>

#include "ui_settingspage.h"
#include "widgets/taskeditor/fielderror.h"

namespace kmsync::ui {

SettingsPage::SettingsPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SettingsPage>())
{
    m_ui->setupUi(this);
    for (QSpinBox *spin :
         {m_ui->errorLimitSpin, m_ui->concurrentSpin, m_ui->mbpsSpin, m_ui->rerunTimesSpin, m_ui->rerunIntervalSpin})
        connect(spin, &QSpinBox::valueChanged, this, &SettingsPage::onEdited);
    for (QCheckBox *check : {m_ui->throttleCheck, m_ui->rerunCheck})
        connect(check, &QCheckBox::toggled, this, &SettingsPage::onEdited);
    setConfig(SettingsForm{});
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_ui->retranslateUi(this);
    QWidget::changeEvent(event);
}

void SettingsPage::updateEnabled()
{
    m_ui->mbpsSpin->setEnabled(m_ui->throttleCheck->isChecked());
    m_ui->rerunTimesSpin->setEnabled(m_ui->rerunCheck->isChecked());
    m_ui->rerunIntervalSpin->setEnabled(m_ui->rerunCheck->isChecked());
}

void SettingsPage::onEdited()
{
    updateEnabled();
    if (!m_loading)
        Q_EMIT changed();
}

void SettingsPage::setConfig(const SettingsForm &form)
{
    const bool wasLoading = std::exchange(m_loading, true);
    m_ui->errorLimitSpin->setValue(form.errorLimit);
    m_ui->concurrentSpin->setValue(form.concurrent);
    m_ui->throttleCheck->setChecked(form.throttle);
    m_ui->mbpsSpin->setValue(form.mbps);
    m_ui->rerunCheck->setChecked(form.rerun);
    m_ui->rerunTimesSpin->setValue(form.rerunTimes);
    m_ui->rerunIntervalSpin->setValue(form.rerunIntervalMinutes);
    updateEnabled();
    m_loading = wasLoading;
}

SettingsForm SettingsPage::config() const
{
    SettingsForm form;
    form.errorLimit = m_ui->errorLimitSpin->value();
    form.concurrent = m_ui->concurrentSpin->value();
    form.throttle = m_ui->throttleCheck->isChecked();
    form.mbps = m_ui->mbpsSpin->value();
    form.rerun = m_ui->rerunCheck->isChecked();
    form.rerunTimes = m_ui->rerunTimesSpin->value();
    form.rerunIntervalMinutes = m_ui->rerunIntervalSpin->value();
    return form;
}

QWidget *SettingsPage::fieldFor(const QString &path) const
{
    const QString field = path.section(QLatin1Char('.'), 1);
    if (field == QLatin1String("errorLimit"))
        return m_ui->errorLimitSpin;
    if (field == QLatin1String("concurrent"))
        return m_ui->concurrentSpin;
    if (field == QLatin1String("throttle"))
        return m_ui->throttleCheck;
    if (field == QLatin1String("mbps"))
        return m_ui->mbpsSpin;
    if (field.startsWith(QLatin1String("rerun")))
        return m_ui->rerunTimesSpin;
    return nullptr;
}

int SettingsPage::showIssues(const std::vector<FieldIssue> &issues)
{
    return applyFieldIssues(this, QStringLiteral("settings."), issues,
                            [this](const QString &path) { return fieldFor(path); });
}

} // namespace kmsync::ui
