#include "widgets/datasourcedialog.h"

#include <QDir>
#include <QEvent>
#include <QHeaderView>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

#include "ui_datasourcedialog.h"

namespace kmsync::ui {

DatasourceDialog::DatasourceDialog(const engine::config::Datasources &datasources, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DatasourceDialog>())
    , m_datasources(datasources)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("datasourceDialog"));
    m_ui->datasourceTable->setColumnCount(3);
    m_ui->datasourceTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->datasourceTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->datasourceTable->verticalHeader()->hide();
    m_ui->datasourceTable->setTabKeyNavigation(false);
    connect(m_ui->testButton, &QPushButton::clicked, this, &DatasourceDialog::testSelected);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->datasourceTable, &QTableWidget::itemSelectionChanged, this, &DatasourceDialog::updateButtons);
    connect(&m_watcher, &QFutureWatcher<ConnectionCheck>::finished, this, &DatasourceDialog::onTested);
    fill();
    resize(760, 420);
}

DatasourceDialog::~DatasourceDialog()
{
    m_watcher.disconnect(this);
}

void DatasourceDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        fill();
    }
    QDialog::changeEvent(event);
}

void DatasourceDialog::fill()
{
    m_ui->fileLabel->setText(m_datasources.file().isEmpty()
                                 ? tr("No datasources.json next to the task: the pickers accept any name.")
                                 : tr("Datasources from %1 (environment %2). Secrets are masked.")
                                       .arg(QDir::toNativeSeparators(m_datasources.file()), m_datasources.env()));
    m_ui->datasourceTable->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Connection")});
    const QStringList names = m_datasources.names();
    m_ui->datasourceTable->setRowCount(int(names.size()));
    for (int row = 0; row < names.size(); ++row) {
        const QString &name = names.at(row);
        const auto datasource = m_datasources.resolve(name);
        const QStringList cells = datasource
            ? QStringList{name, datasource->type, datasource->toDisplayString()}
            : QStringList{name, QString(), datasource.error().message};
        for (int column = 0; column < cells.size(); ++column)
            m_ui->datasourceTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    if (!names.isEmpty() && m_ui->datasourceTable->currentRow() < 0)
        m_ui->datasourceTable->selectRow(0);
    updateButtons();
}

void DatasourceDialog::setConnectionTester(ConnectionTester tester)
{
    m_tester = std::move(tester);
    updateButtons();
}

bool DatasourceDialog::selectDatasource(const QString &name)
{
    for (int row = 0; row < m_ui->datasourceTable->rowCount(); ++row) {
        if (m_ui->datasourceTable->item(row, 0)->text() == name) {
            m_ui->datasourceTable->selectRow(row);
            return true;
        }
    }
    return false;
}

bool DatasourceDialog::isTesting() const
{
    return m_watcher.isRunning();
}

void DatasourceDialog::updateButtons()
{
    m_ui->testButton->setEnabled(m_tester && m_ui->datasourceTable->currentRow() >= 0 && !m_watcher.isRunning());
}

void DatasourceDialog::testSelected()
{
    const int row = m_ui->datasourceTable->currentRow();
    if (!m_tester || row < 0 || m_watcher.isRunning())
        return;
    const QString name = m_ui->datasourceTable->item(row, 0)->text();
    const auto datasource = m_datasources.resolve(name);
    if (!datasource) {
        m_ui->testStatusLabel->setText(QStringLiteral("✖ ") + datasource.error().message);
        Q_EMIT connectionTested({false, datasource.error().message});
        return;
    }
    m_ui->testStatusLabel->setText(tr("Testing \"%1\"…").arg(name));
    m_watcher.setFuture(QtConcurrent::run(m_tester, *datasource));
    updateButtons();
}

void DatasourceDialog::onTested()
{
    const ConnectionCheck check = m_watcher.result();
    m_ui->testStatusLabel->setText((check.ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + check.message);
    m_ui->testStatusLabel->setStyleSheet(check.ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
    updateButtons();
    Q_EMIT connectionTested(check);
}

} // namespace kmsync::ui
