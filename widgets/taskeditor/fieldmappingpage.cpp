#include "widgets/taskeditor/fieldmappingpage.h"

#include <QEvent>
#include <QHeaderView>

#include "ui_fieldmappingpage.h"
#include "widgets/taskeditor/fielderror.h"
#include "widgets/taskeditor/fieldmappingmodel.h"
#include "widgets/taskeditor/mappedtodelegate.h"

namespace kmsync::ui {

FieldMappingPage::FieldMappingPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FieldMappingPage>())
    , m_model(new FieldMappingModel(this))
{
    m_ui->setupUi(this);
    m_ui->mappingView->setModel(m_model);
    m_ui->mappingView->setItemDelegateForColumn(FieldMappingModel::MappedTo, new MappedToDelegate(m_ui->mappingView));
    m_ui->mappingView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_ui->mappingView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->mappingView->setTabKeyNavigation(false);
    m_ui->mappingView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                       | QAbstractItemView::AnyKeyPressed);

    connect(m_ui->addSourceButton, &QPushButton::clicked, this, &FieldMappingPage::addField);
    connect(m_ui->editSourceButton, &QPushButton::clicked, this, &FieldMappingPage::editField);
    connect(m_ui->deleteSourceButton, &QPushButton::clicked, this, &FieldMappingPage::deleteField);
    connect(m_ui->mapByNameButton, &QPushButton::clicked, m_model, &FieldMappingModel::mapByName);
    connect(m_ui->mapByRowButton, &QPushButton::clicked, m_model, &FieldMappingModel::mapByRow);
    connect(m_ui->clearMappingButton, &QPushButton::clicked, m_model, &FieldMappingModel::clearLinks);
    connect(m_model, &FieldMappingModel::mappingRejected, this, &FieldMappingPage::showReason);
    connect(m_model, &FieldMappingModel::mappingChanged, this, &FieldMappingPage::onModelChanged);
    connect(m_model, &FieldMappingModel::modelReset, this, &FieldMappingPage::updateSummary);
    updateSummary();
}

FieldMappingPage::~FieldMappingPage() = default;

void FieldMappingPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, FieldMappingModel::ColumnCount - 1);
        updateSummary();
    }
    QWidget::changeEvent(event);
}

void FieldMappingPage::setConfig(const MappingForm &form)
{
    const bool wasLoading = std::exchange(m_loading, true);
    m_model->setMapping(form);
    showReason(QString());
    m_loading = wasLoading;
}

MappingForm FieldMappingPage::config() const
{
    return m_model->mapping();
}

void FieldMappingPage::setTargetSchema(const engine::TableSchema &schema)
{
    std::vector<DestinationColumn> targets;
    for (const engine::ColumnDef &column : schema.columns)
        targets.push_back({column.name, column.type.toString()});
    if (targets == m_model->mapping().targets)
        return;
    m_model->setTargets(targets);
}

void FieldMappingPage::onModelChanged()
{
    if (m_model->lastError().isEmpty())
        showReason(QString());
    updateSummary();
    if (!m_loading)
        Q_EMIT changed();
}

void FieldMappingPage::addField()
{
    // A fresh, unique placeholder the user renames in place (no modal dialog in the way).
    QString name;
    for (int n = 1;; ++n) {
        name = QStringLiteral("new_field_%1").arg(n);
        const auto &fields = m_model->mapping().sourceFields;
        if (std::find(fields.begin(), fields.end(), name) == fields.end())
            break;
    }
    const int row = m_model->addSourceField(name);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, FieldMappingModel::SourceField);
    m_ui->mappingView->setCurrentIndex(index);
    m_ui->mappingView->edit(index);
}

void FieldMappingPage::editField()
{
    const QModelIndex current = m_ui->mappingView->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex index = m_model->index(current.row(), FieldMappingModel::SourceField);
    if (index.flags() & Qt::ItemIsEditable)
        m_ui->mappingView->edit(index);
}

void FieldMappingPage::deleteField()
{
    const QModelIndex current = m_ui->mappingView->currentIndex();
    if (current.isValid())
        m_model->removeSourceField(current.row());
}

void FieldMappingPage::showReason(const QString &reason)
{
    m_ui->reasonLabel->setText(reason.isEmpty() ? QString() : QStringLiteral("✖ ") + reason);
    m_ui->reasonLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->reasonLabel->setVisible(!reason.isEmpty());
}

void FieldMappingPage::updateSummary()
{
    const MappingForm &m = m_model->mapping();
    const int targets = int(m.targets.size());
    const int mapped = int(m.links.size());
    m_ui->mappingSummaryLabel->setText(
        tr("%1 of %2 destination columns mapped; %3 receive NULL. %4 source field(s) are not synchronized.")
            .arg(mapped)
            .arg(targets)
            .arg(std::max(0, targets - mapped))
            .arg(std::max(0, int(m.sourceFields.size()) - mapped)));
}

int FieldMappingPage::showIssues(const std::vector<FieldIssue> &issues)
{
    return applyFieldIssues(this, QStringLiteral("mapping."), issues,
                            [this](const QString &) -> QWidget * { return m_ui->mappingView; });
}

} // namespace kmsync::ui
