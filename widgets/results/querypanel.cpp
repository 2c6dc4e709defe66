#include "widgets/results/querypanel.h"

#include <QBrush>
#include <QCoreApplication>
#include <QColor>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QPushButton>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/config/taskconfig.h"
#include "engine/config/taskloader.h"
#include "engine/job/destination.h"
#include "engine/warehouse/csvwriter.h"
#include "ui_querypanel.h"
#include "widgets/common/advice.h"
#include "widgets/datasources/secretstore.h"

namespace kmsync::ui {

QueryTarget resolveQueryTarget(const RunRequest &task)
{
    QueryTarget target;
    engine::config::TaskRunOptions options;
    options.env = task.env;
    options.params = task.parameters;
    options.cyctime = task.cyctime;
    // No task path: only the parameters are evaluated, datasources.json is not read.
    auto resolved = engine::config::resolveTask(task.config, QString(), options);
    if (!resolved) {
        target.error = resolved.error().message;
        return target;
    }
    if (resolved->task.writer.table.trimmed().isEmpty()) {
        target.error = QueryPanel::tr("The task names no destination table.");
        return target;
    }
    target.datasource = resolved->task.writer.datasource;
    target.table = resolved->task.writer.table;
    target.partitionSpec = resolved->task.writer.partitionSpec();
    return target;
}

QueryOutcome queryDatasource(const engine::config::Datasources &datasources, const QString &datasource,
                             const QString &sql, int maxRows, SecretPrompter *prompter, const engine::StopToken &stop)
{
    // On the worker: may ask for a secret.
    const auto withKeychain = withSecrets(prompter, datasources, {datasource}, stop);
    if (!withKeychain)
        return {withKeychain.error().message, {}};
    auto ds = withKeychain->resolve(datasource);
    if (!ds)
        return {ds.error().message, {}};
    auto result = engine::queryDestination(*ds, sql, maxRows, stop);
    if (!result) {
        const QString advice = Advice::forCode(result.error().code);
        return {advice.isEmpty() ? result.error().message : result.error().message + QStringLiteral(". ") + advice, {}};
    }
    return {QString(), std::move(result.value())};
}

QueryPanel::QueryPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::QueryPanel>())
{
    m_ui->setupUi(this);
    m_ui->sqlEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->resultTable->setTabKeyNavigation(false);
    m_ui->resultTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    connect(m_ui->checkCombo, &QComboBox::activated, this,
            [this](int index) { setSql(m_ui->checkCombo->itemText(index)); });
    connect(m_ui->runQueryButton, &QPushButton::clicked, this, [this] {
        if (m_watcher.isRunning())
            cancelQuery(); // the button says "Stop query" while one runs
        else
            runQuery();
    });
    connect(m_ui->exportCsvButton, &QPushButton::clicked, this, &QueryPanel::chooseExportFile);
    connect(m_ui->sqlEdit, &QPlainTextEdit::textChanged, this, &QueryPanel::updateButtons);
    connect(&m_watcher, &QFutureWatcher<QueryOutcome>::finished, this, &QueryPanel::onFinished);
    connect(&m_exportWatcher, &QFutureWatcher<QString>::finished, this, &QueryPanel::onExported);
    m_ui->queryStatusLabel->hide();
    updateButtons();
}

QueryPanel::~QueryPanel()
{
    // No wait for the query: it is read-only, the runner owns copies of everything it uses, and the stop ends it.
    m_watcher.disconnect(this);
    m_stop->requestStop();
    m_exportWatcher.disconnect(this);
    m_exportWatcher.waitForFinished(); // an export being written lands
}

void QueryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const QString text = m_ui->sqlEdit->toPlainText();
        m_ui->retranslateUi(this);
        m_ui->sqlEdit->setPlainText(text);
        if (m_hasResult)
            showOutcome();
        updateButtons();
    }
    QWidget::changeEvent(event);
}

QStringList QueryPanel::checkQueries(const QString &table, const QString &partitionSpec)
{
    QStringList conditions;
    for (const QString &part : partitionSpec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString key = part.left(eq).trimmed();
        QString value = eq < 0 ? QString() : part.mid(eq + 1).trimmed();
        bool digits = !value.isEmpty();
        for (const QChar c : value)
            digits = digits && c.isDigit();
        if (!digits)
            value = QLatin1Char('\'') + QString(value).replace(QLatin1Char('\''), QStringLiteral("\\'"))
                  + QLatin1Char('\'');
        conditions.append(key + QLatin1Char('=') + value);
    }
    const QString where = conditions.isEmpty() ? QString()
                                               : QStringLiteral(" where ") + conditions.join(QStringLiteral(" and "));
    return {QStringLiteral("select * from %1%2 limit 10").arg(table, where),
            QStringLiteral("select count(*) from %1%2").arg(table, where)};
}

void QueryPanel::setTarget(const QString &table, const QString &partitionSpec)
{
    const QStringList queries = checkQueries(table, partitionSpec);
    m_ui->checkCombo->clear();
    m_ui->checkCombo->addItems(queries);
    setSql(queries.first());
}

void QueryPanel::selectCheck(int index)
{
    if (index < 0 || index >= m_ui->checkCombo->count())
        return;
    m_ui->checkCombo->setCurrentIndex(index);
    setSql(m_ui->checkCombo->itemText(index));
}

QStringList QueryPanel::checks() const
{
    QStringList items;
    for (int i = 0; i < m_ui->checkCombo->count(); ++i)
        items.append(m_ui->checkCombo->itemText(i));
    return items;
}

void QueryPanel::setQueryRunner(QueryRunner runner)
{
    cancelQuery(); // it ran against the previous target
    m_runner = std::move(runner);
    updateButtons();
}

void QueryPanel::setSql(const QString &sql)
{
    m_ui->sqlEdit->setPlainText(sql);
}

QString QueryPanel::sql() const
{
    return m_ui->sqlEdit->toPlainText().trimmed();
}

bool QueryPanel::isRunning() const
{
    return m_watcher.isRunning();
}

QString QueryPanel::statusText() const
{
    return m_ui->queryStatusLabel->isVisibleTo(this) ? m_ui->queryStatusLabel->text() : QString();
}

void QueryPanel::updateButtons()
{
    const bool running = m_watcher.isRunning();
    m_ui->runQueryButton->setEnabled(running ? !m_stop->stopRequested() : m_runner && !sql().isEmpty());
    m_ui->runQueryButton->setText(running ? tr("&Stop query")
                                          : QCoreApplication::translate("QueryPanel", "Run &query"));
    m_ui->exportCsvButton->setEnabled(m_hasResult && m_outcome.error.isEmpty() && !m_watcher.isRunning()
                                      && !m_exportWatcher.isRunning());
}

void QueryPanel::setStatus(bool ok, const QString &text)
{
    m_ui->queryStatusLabel->setStyleSheet(ok ? QString() : QStringLiteral("color: #c62828;"));
    m_ui->queryStatusLabel->setText(text);
    m_ui->queryStatusLabel->setVisible(!text.isEmpty());
}

void QueryPanel::runQuery()
{
    const QString text = sql();
    if (!m_runner || m_watcher.isRunning() || text.isEmpty())
        return;
    setStatus(true, tr("Running the query…"));
    m_stop = std::make_shared<engine::StopToken>();
    m_watcher.setFuture(QtConcurrent::run([runner = m_runner, text, stop = m_stop] { return runner(text, *stop); }));
    updateButtons();
}

void QueryPanel::cancelQuery()
{
    m_stop->requestStop();
    updateButtons();
}

void QueryPanel::onFinished()
{
    m_outcome = m_watcher.result();
    m_hasResult = true;
    showOutcome();
    updateButtons();
    Q_EMIT queryFinished();
}

void QueryPanel::showOutcome()
{
    QTableWidget *grid = m_ui->resultTable;
    grid->clear();
    grid->setRowCount(0);
    if (!m_outcome.error.isEmpty()) {
        grid->setColumnCount(0);
        setStatus(false, QStringLiteral("✖ ") + m_outcome.error);
        return;
    }
    const auto &result = m_outcome.result;
    grid->setColumnCount(int(result.columns.size()));
    grid->setHorizontalHeaderLabels(result.columns);
    grid->setRowCount(int(result.rows.size()));
    for (int row = 0; row < int(result.rows.size()); ++row) {
        const auto &cells = result.rows[size_t(row)];
        for (int column = 0; column < int(cells.size()); ++column) {
            const auto &cell = cells[size_t(column)];
            auto *item = new QTableWidgetItem(cell.value_or(QStringLiteral("NULL")));
            if (!cell)
                item->setForeground(QBrush(QColor(0x75, 0x75, 0x75)));
            grid->setItem(row, column, item);
        }
    }
    grid->resizeColumnsToContents();
    QString status = tr("%n row(s).", nullptr, int(result.rows.size()));
    if (result.truncated)
        status += QLatin1Char(' ') + tr("Only the first %1 rows are shown.").arg(kMaxRows);
    setStatus(true, status);
}

bool QueryPanel::exportCsv(const QString &path)
{
    if (!m_hasResult || !m_outcome.error.isEmpty()) {
        setStatus(false, tr("Run a query first: there is no result to export."));
        return false;
    }
    if (m_exportWatcher.isRunning()) {
        setStatus(false, tr("An export is still being written to %1.").arg(QDir::toNativeSeparators(m_exportPath)));
        return false;
    }
    m_exportPath = path;
    m_exportRows = int(m_outcome.result.rows.size());
    m_exportWatcher.setFuture(QtConcurrent::run([result = m_outcome.result, path]() -> QString {
        const QByteArray csv = engine::warehouse::toCsv(result, engine::warehouse::CsvLineEnd::CrLf);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
            return tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }));
    updateButtons();
    return true;
}

void QueryPanel::onExported()
{
    const QString error = m_exportWatcher.result();
    if (error.isEmpty())
        setStatus(true,
                  tr("Exported %n row(s) to %1.", nullptr, m_exportRows).arg(QDir::toNativeSeparators(m_exportPath)));
    else
        setStatus(false, error);
    updateButtons();
    Q_EMIT csvExported(error.isEmpty());
}

void QueryPanel::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QString(), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

} // namespace kmsync::ui
