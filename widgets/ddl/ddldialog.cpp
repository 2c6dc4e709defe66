#include "widgets/ddl/ddldialog.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

#include "ui_ddldialog.h"
#include "widgets/common/wrappedlabels.h"

namespace kmsync::ui {

DdlDialog::DdlDialog(const QString &ddl, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DdlDialog>())
{
    m_ui->setupUi(this);
    keepWrappedLabelsWhole(this);
    setObjectName(QStringLiteral("ddlDialog"));
    m_ui->ddlEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->ddlEdit->setPlainText(ddl);
    m_ui->createTableButton->setEnabled(false);
    connect(m_ui->createTableButton, &QPushButton::clicked, this, &DdlDialog::createTable);
    connect(m_ui->copyDdlButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_ui->ddlEdit->toPlainText()); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<DdlResult>::finished, this, &DdlDialog::onCreated);
    resize(760, 560);
}

DdlDialog::~DdlDialog()
{
    // No wait: the creator owns copies of all it uses. Stopped, a MaxCompute DDL asks the service to terminate its
    // SQL instance; a local one is a single short transaction that finishes on its own.
    m_watcher.disconnect(this);
    m_stop->requestStop();
}

void DdlDialog::setTableCreator(TableCreator creator)
{
    m_creator = std::move(creator);
    m_ui->createTableButton->setEnabled(bool(m_creator));
}

void DdlDialog::setAlterMode()
{
    m_alter = true;
    setWindowTitle(tr("Alter destination table"));
    m_ui->hintLabel->setText(tr("The columns to add for the message fields the mapping does not read yet. Edit the "
                                "statement if needed, then alter the table; rows already written read NULL in the new "
                                "columns."));
    m_ui->createTableButton->setText(tr("&Alter table"));
}

QString DdlDialog::ddl() const
{
    return m_ui->ddlEdit->toPlainText();
}

void DdlDialog::createTable()
{
    if (!m_creator || m_watcher.isRunning())
        return;
    m_ui->createTableButton->setEnabled(false);
    m_ui->ddlStatusLabel->setStyleSheet(QString());
    m_ui->ddlStatusLabel->setText(m_alter ? tr("Altering…") : tr("Creating…"));
    m_stop = std::make_shared<engine::StopToken>();
    m_watcher.setFuture(
        QtConcurrent::run([creator = m_creator, text = ddl(), stop = m_stop] { return creator(text, *stop); }));
}

void DdlDialog::onCreated()
{
    const DdlResult result = m_watcher.result();
    m_ui->createTableButton->setEnabled(true);
    m_ui->ddlStatusLabel->setStyleSheet(result.ok ? QStringLiteral("color: #2e7d32;")
                                                  : QStringLiteral("color: #c62828;"));
    m_ui->ddlStatusLabel->setText((result.ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + result.message);
    Q_EMIT tableCreated(result);
}

} // namespace kmsync::ui
