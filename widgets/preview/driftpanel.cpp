#include "widgets/preview/driftpanel.h"

#include <algorithm>

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kmsync::ui {

namespace {

QString sampleText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("null");
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QTableWidget *makeTable(const QString &name, QAbstractItemView::SelectionMode mode)
{
    auto *table = new QTableWidget;
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(mode);
    table->verticalHeader()->hide();
    table->setTabKeyNavigation(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void fillRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c)
        table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
}

} // namespace

DriftPanel::DriftPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("driftPanel"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("driftSummaryLabel"));
    m_summary->setWordWrap(true);
    m_unmappedLabel = new QLabel;
    m_neverSeenLabel = new QLabel;
    m_conflictLabel = new QLabel;
    m_unmapped = makeTable(QStringLiteral("unmappedTable"), QAbstractItemView::ExtendedSelection);
    m_unmapped->setColumnCount(6);
    m_neverSeen = makeTable(QStringLiteral("neverSeenTable"), QAbstractItemView::NoSelection);
    m_neverSeen->setColumnCount(2);
    m_conflicts = makeTable(QStringLiteral("typeConflictTable"), QAbstractItemView::NoSelection);
    m_conflicts->setColumnCount(5);
    m_addButton = new QPushButton;
    m_addButton->setObjectName(QStringLiteral("addToMappingButton"));
    m_alterButton = new QPushButton;
    m_alterButton->setObjectName(QStringLiteral("alterTableButton"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("driftStatusLabel"));
    m_status->setWordWrap(true);
    m_status->hide();

    auto *unmappedPane = new QWidget;
    auto *unmappedLayout = new QVBoxLayout(unmappedPane);
    unmappedLayout->setContentsMargins(0, 0, 0, 0);
    unmappedLayout->addWidget(m_unmappedLabel);
    unmappedLayout->addWidget(m_unmapped);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_alterButton);
    buttons->addStretch();
    unmappedLayout->addLayout(buttons);
    unmappedLayout->addWidget(m_status);
    auto *lower = new QWidget;
    auto *lowerLayout = new QHBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto *neverSeenPane = new QVBoxLayout;
    neverSeenPane->addWidget(m_neverSeenLabel);
    neverSeenPane->addWidget(m_neverSeen);
    auto *conflictPane = new QVBoxLayout;
    conflictPane->addWidget(m_conflictLabel);
    conflictPane->addWidget(m_conflicts);
    lowerLayout->addLayout(neverSeenPane, 1);
    lowerLayout->addLayout(conflictPane, 2);
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(unmappedPane);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    connect(m_addButton, &QPushButton::clicked, this, &DriftPanel::addSelectedToMapping);
    connect(m_alterButton, &QPushButton::clicked, this, &DriftPanel::alterTable);
    connect(m_unmapped, &QTableWidget::itemSelectionChanged, this, &DriftPanel::updateButtons);
    retranslate();
    showReport();
}

DriftPanel::~DriftPanel() = default;

void DriftPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showReport();
    }
    QWidget::changeEvent(event);
}

void DriftPanel::retranslate()
{
    m_unmappedLabel->setText(tr("Fields the mapping does not read (select rows to add them):"));
    m_neverSeenLabel->setText(tr("Mapped fields no message contained:"));
    m_conflictLabel->setText(tr("Mapped values that do not convert to the column type:"));
    m_unmapped->setHorizontalHeaderLabels(
        {tr("Path"), tr("Messages"), tr("JSON types"), tr("Sample"), tr("New column"), tr("Type")});
    m_neverSeen->setHorizontalHeaderLabels({tr("Path"), tr("Column")});
    m_conflicts->setHorizontalHeaderLabels({tr("Path"), tr("Column"), tr("Values"), tr("Sample"), tr("Reason")});
    m_addButton->setText(tr("Add to &mapping"));
    m_addButton->setToolTip(tr("Adds the selected paths as source fields, each linked to its new column"));
    m_alterButton->setText(tr("Alter &table…"));
    m_alterButton->setToolTip(tr("Shows the ALTER TABLE ... ADD COLUMNS for the fields the mapping does not read"));
}

void DriftPanel::setReport(const engine::DriftReport &report)
{
    m_report = report;
    m_hasReport = true;
    m_error.clear();
    m_status->hide();
    showReport();
}

void DriftPanel::setError(const QString &error)
{
    m_report = {};
    m_hasReport = false;
    m_error = error;
    m_status->hide();
    showReport();
}

void DriftPanel::clear()
{
    setError(QString());
}

void DriftPanel::setMappingAdder(MappingAdder adder)
{
    m_adder = std::move(adder);
    updateButtons();
}

void DriftPanel::setAlterer(Alterer alterer)
{
    m_alterer = std::move(alterer);
    updateButtons();
}

void DriftPanel::showReport()
{
    m_unmapped->setRowCount(0);
    m_neverSeen->setRowCount(0);
    m_conflicts->setRowCount(0);
    if (!m_hasReport) {
        m_summary->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #c62828;"));
        m_summary->setText(m_error.isEmpty() ? tr("Fetch messages to see what they hold that the mapping does not.")
                                             : QStringLiteral("✖ ") + m_error);
        updateButtons();
        return;
    }
    const auto &profile = m_report.profile;
    m_unmapped->setRowCount(int(m_report.unmapped.size()));
    for (int row = 0; row < int(m_report.unmapped.size()); ++row) {
        const auto &p = profile.paths[m_report.unmapped[std::size_t(row)]];
        QStringList types;
        for (int k = 0; k < engine::mapping::kProfileKinds; ++k) {
            if (p.types[std::size_t(k)] > 0) {
                types << QStringLiteral("%1 %2")
                             .arg(engine::mapping::profileKindName(engine::mapping::ProfileKind(k)))
                             .arg(p.types[std::size_t(k)]);
            }
        }
        const engine::ColumnDef &column = m_report.newColumns[std::size_t(row)];
        fillRow(m_unmapped, row,
                {p.path, QString::number(p.count), types.join(QStringLiteral(", ")), sampleText(p.sample), column.name,
                 column.type.toString()});
    }
    int neverSeen = 0;
    int conflicts = 0;
    for (const auto &m : profile.mappings) {
        if (m.count == 0) {
            m_neverSeen->setRowCount(neverSeen + 1);
            fillRow(m_neverSeen, neverSeen++, {m.sourceField, m.column});
        }
        if (m.conflicts > 0) {
            m_conflicts->setRowCount(conflicts + 1);
            fillRow(m_conflicts, conflicts++,
                    {m.sourceField, QStringLiteral("%1 %2").arg(m.column, m.type ? m.type->toString() : QString()),
                     QString::number(m.conflicts), sampleText(m.conflictSample), m.conflictReason});
        }
    }
    for (QTableWidget *table : {m_unmapped, m_neverSeen, m_conflicts})
        table->resizeColumnsToContents();
    QString summary = tr("%n message(s), %1 not JSON.", nullptr, int(profile.messages)).arg(profile.invalid);
    summary += QLatin1Char(' ') + tr("%n field(s) not mapped", nullptr, int(m_report.unmapped.size()))
             + QStringLiteral(", ") + tr("%n mapped field(s) never seen", nullptr, neverSeen) + QStringLiteral(", ")
             + tr("%n type conflict(s).", nullptr, conflicts);
    if (profile.truncated)
        summary += QLatin1Char(' ') + tr("Only the first %1 distinct paths were tracked.").arg(10000);
    const bool drift = !m_report.unmapped.empty() || neverSeen > 0 || conflicts > 0;
    m_summary->setStyleSheet(drift ? QStringLiteral("color: #b26a00;") : QString());
    m_summary->setText(summary);
    updateButtons();
}

void DriftPanel::updateButtons()
{
    m_addButton->setEnabled(m_adder && m_hasReport && !m_unmapped->selectionModel()->selectedRows().isEmpty());
    m_alterButton->setEnabled(m_alterer && m_hasReport && !m_report.alter.isEmpty());
}

void DriftPanel::showStatus(bool ok, const QString &text)
{
    m_status->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
    m_status->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + text);
    m_status->show();
}

void DriftPanel::addSelectedToMapping()
{
    if (!m_adder || !m_hasReport)
        return;
    QList<int> rows;
    for (const QModelIndex &index : m_unmapped->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    QStringList added;
    QStringList problems;
    for (const int row : rows) {
        const auto &p = m_report.profile.paths[m_report.unmapped[std::size_t(row)]];
        const engine::ColumnDef &column = m_report.newColumns[std::size_t(row)];
        const QString problem = m_adder(p.path, column.name, column.type.toString());
        if (problem.isEmpty())
            added << p.path;
        else
            problems << tr("%1: %2").arg(p.path, problem);
    }
    if (!problems.isEmpty())
        showStatus(false, tr("Not added: %1").arg(problems.join(QStringLiteral("; "))));
    else
        showStatus(true, tr("Added %1 to the mapping.").arg(added.join(QStringLiteral(", "))));
    if (!added.isEmpty())
        Q_EMIT mappingAdded(added);
}

void DriftPanel::alterTable()
{
    if (!m_alterer || m_report.alter.isEmpty())
        return;
    if (m_alterer(m_report.alter)) {
        showStatus(true, tr("Table %1 altered; the mapping grid shows its new columns.").arg(m_report.table.name));
        Q_EMIT tableAltered();
    }
}

} // namespace kmsync::ui
