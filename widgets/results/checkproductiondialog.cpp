#include "widgets/results/checkproductiondialog.h"

#include <QBrush>
#include <QColor>
#include <QEvent>
#include <QHeaderView>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/config/datasources.h"
#include "ui_checkproductiondialog.h"
#include "widgets/datasources/secretstore.h"
#include "widgets/common/wrappedlabels.h"

namespace kmsync::ui {

engine::ProdCheckReport checkTaskInProduction(const engine::config::TaskConfig &task, const QString &datasourcesFile,
                                              SecretPrompter *prompter, const engine::StopToken &stop,
                                              int kafkaTimeoutMs)
{
    engine::ProdCheckReport report;
    const auto failed = [&report](const QString &message) {
        report.findings.push_back({QStringLiteral("prod.check_failed"), message});
        return report;
    };
    report.topic = task.reader.topic;
    report.table = task.writer.table;
    if (datasourcesFile.isEmpty())
        return failed(
            QStringLiteral("there is no datasources.json next to the task, so there is no prod environment to check"));
    auto dev = engine::config::Datasources::load(datasourcesFile, QStringLiteral("dev"));
    if (!dev)
        return failed(dev.error().message);
    auto prod = engine::config::Datasources::load(datasourcesFile, QStringLiteral("prod"));
    if (!prod)
        return failed(prod.error().message);
    // The task's datasources in both environments, ${keychain:...} secrets read (or asked for) on this worker.
    QStringList names{task.writer.datasource};
    if (task.reader.datasource)
        names.prepend(*task.reader.datasource);
    for (auto *datasources : {&dev, &prod}) {
        auto withKeychain = withSecrets(prompter, datasources->value(), names, stop);
        if (!withKeychain)
            return failed(withKeychain.error().message);
        datasources->value() = std::move(withKeychain.value());
    }
    return engine::checkProduction(task, *dev, *prod, stop, kafkaTimeoutMs);
}

CheckProductionDialog::CheckProductionDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CheckProductionDialog>())
{
    m_ui->setupUi(this);
    keepWrappedLabelsWhole(this);
    setObjectName(QStringLiteral("checkProductionDialog"));
    m_ui->findingsTable->setColumnCount(FindingColumnCount);
    m_ui->findingsTable->verticalHeader()->hide();
    m_ui->findingsTable->setTabKeyNavigation(false);
    m_ui->findingsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->findingsTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->recheckButton->setEnabled(false);
    connect(m_ui->recheckButton, &QPushButton::clicked, this, &CheckProductionDialog::check);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<engine::ProdCheckReport>::finished, this, &CheckProductionDialog::onChecked);
    showReport();
    resize(820, 420);
}

CheckProductionDialog::~CheckProductionDialog()
{
    // No wait: the checker owns copies of all it uses, and the stop ends its network calls within a second.
    m_watcher.disconnect(this);
    m_stop->requestStop();
}

void CheckProductionDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        showReport();
    }
    QDialog::changeEvent(event);
}

void CheckProductionDialog::setChecker(Checker checker)
{
    m_checker = std::move(checker);
    m_ui->recheckButton->setEnabled(m_checker && !m_watcher.isRunning());
}

bool CheckProductionDialog::isChecking() const
{
    return m_watcher.isRunning();
}

void CheckProductionDialog::check()
{
    if (!m_checker || m_watcher.isRunning())
        return;
    m_ui->recheckButton->setEnabled(false);
    m_ui->checkStatusLabel->setStyleSheet(QString());
    m_ui->checkStatusLabel->setText(tr("Checking the production environment…"));
    m_stop = std::make_shared<engine::StopToken>();
    m_watcher.setFuture(QtConcurrent::run([checker = m_checker, stop = m_stop] { return checker(*stop); }));
}

void CheckProductionDialog::onChecked()
{
    m_report = m_watcher.result();
    m_hasReport = true;
    m_ui->recheckButton->setEnabled(bool(m_checker));
    showReport();
    Q_EMIT checked();
}

QString CheckProductionDialog::checkName(const QString &code) const
{
    if (code == QLatin1String("prod.topic_missing"))
        return tr("Topic");
    if (code == QLatin1String("prod.table_missing"))
        return tr("Table");
    if (code == QLatin1String("prod.column_missing") || code == QLatin1String("prod.column_extra"))
        return tr("Columns");
    if (code == QLatin1String("prod.column_type"))
        return tr("Column type");
    if (code == QLatin1String("prod.column_order"))
        return tr("Column order");
    if (code == QLatin1String("prod.partition_keys"))
        return tr("Partition keys");
    return tr("Not checked");
}

void CheckProductionDialog::showReport()
{
    m_ui->findingsTable->setHorizontalHeaderLabels({tr("Result"), tr("Check"), tr("Detail")});
    if (!m_hasReport) {
        m_ui->summaryLabel->setText(tr("Verifies that production can run this task: the prod Kafka has the topic, and "
                                       "the prod destination has the table with the same schema as in dev."));
        m_ui->findingsTable->setRowCount(0);
        return;
    }
    m_ui->summaryLabel->setText(tr("Topic %1 on the prod Kafka; table %2 in the prod destination, compared with dev "
                                   "(column names, types, order, partition keys).")
                                    .arg(m_report.topic, m_report.table));
    const int rows = int(m_report.findings.size() + size_t(m_report.passed.size()));
    m_ui->findingsTable->setRowCount(rows);
    int row = 0;
    const QBrush bad(QColor(0xc6, 0x28, 0x28));
    const QBrush good(QColor(0x2e, 0x7d, 0x32));
    for (const engine::ProdFinding &finding : m_report.findings) {
        const QStringList cells{QStringLiteral("✖"), checkName(finding.code), finding.message};
        for (int column = 0; column < FindingColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, finding.code);
            if (column == ResultColumn)
                item->setForeground(bad);
            m_ui->findingsTable->setItem(row, column, item);
        }
        ++row;
    }
    for (const QString &passed : m_report.passed) {
        const QStringList cells{QStringLiteral("✔"), tr("OK"), passed};
        for (int column = 0; column < FindingColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == ResultColumn)
                item->setForeground(good);
            m_ui->findingsTable->setItem(row, column, item);
        }
        ++row;
    }
    m_ui->findingsTable->resizeRowsToContents();
    const int differences = int(m_report.findings.size());
    m_ui->checkStatusLabel->setStyleSheet(differences ? QStringLiteral("color: #c62828;")
                                                      : QStringLiteral("color: #2e7d32;"));
    m_ui->checkStatusLabel->setText(differences
                                        ? tr("✖ %n difference(s) between dev and prod.", nullptr, differences)
                                        : tr("✔ Production has the topic and the table, with the same schema."));
}

} // namespace kmsync::ui
