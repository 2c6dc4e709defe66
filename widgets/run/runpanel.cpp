#include "widgets/run/runpanel.h"

#include <algorithm>

#include <QChart>
#include <QEvent>
#include <QHeaderView>
#include <QLegend>
#include <QLineSeries>
#include <QPushButton>
#include <QTimer>
#include <QValueAxis>

#include "ui_runpanel.h"
#include "widgets/common/advice.h"

namespace kmsync::ui {

RunPanel::RunPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RunPanel>())
{
    m_ui->setupUi(this);
    m_rerunTimer = new QTimer(this);
    m_rerunTimer->setInterval(1000);
    connect(m_rerunTimer, &QTimer::timeout, this, &RunPanel::updateRerunCountdown);
    m_ui->partitionTable->setColumnCount(PartitionColumnCount);
    m_ui->partitionTable->verticalHeader()->hide();
    m_ui->partitionTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->partitionTable->setTabKeyNavigation(false);
    m_ui->runParametersEdit->setMinimumWidth(360);
    m_ui->cyctimeEdit->setDateTime(QDateTime::currentDateTime());

    // records/s over the run's elapsed seconds, fed by showProgress() and cleared by showStarted().
    QChart *chart = m_ui->rateChart->chart(); // the view's own chart
    chart->legend()->hide();
    m_rateSeries = new QLineSeries(chart);
    m_rateSeries->setObjectName(QStringLiteral("rateSeries"));
    chart->addSeries(m_rateSeries);
    m_timeAxis = new QValueAxis(chart);
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_rateAxis = new QValueAxis(chart);
    m_rateAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_rateAxis, Qt::AlignLeft);
    m_rateSeries->attachAxis(m_timeAxis);
    m_rateSeries->attachAxis(m_rateAxis);
    m_timeAxis->setRange(0, 10);
    m_rateAxis->setRange(0, 100);
    m_timeAxis->applyNiceNumbers();
    m_rateAxis->applyNiceNumbers();
    chart->setMargins(QMargins(2, 2, 2, 2));
    m_ui->rateChart->setRenderHint(QPainter::Antialiasing);
    // Under the status line when the run failed for a missing table: the app's action, not a CLI command.
    m_createTableButton = new QPushButton(this);
    m_createTableButton->setObjectName(QStringLiteral("createTableButton"));
    m_createTableButton->hide();
    if (auto *box = qobject_cast<QBoxLayout *>(layout()))
        box->insertWidget(box->indexOf(m_ui->runStatusLabel) + 1, m_createTableButton, 0, Qt::AlignLeft);
    connect(m_createTableButton, &QPushButton::clicked, this, &RunPanel::createTableRequested);
    retranslate();
    connect(m_ui->runButton, &QPushButton::clicked, this, &RunPanel::runRequested);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &RunPanel::cancelRequested);
    connect(m_ui->rerunNowButton, &QPushButton::clicked, this, [this] {
        m_ui->rerunNowButton->setEnabled(false); // once: the next attempt starts at once
        Q_EMIT rerunNowRequested();
    });
    connect(m_ui->rerunCancelButton, &QPushButton::clicked, this, &RunPanel::cancelRequested);
    setRunning(false);
}

RunPanel::~RunPanel() = default;

void RunPanel::retranslate()
{
    m_ui->partitionTable->setHorizontalHeaderLabels(
        {tr("Partition"), tr("Start offset"), tr("End offset"), tr("Next offset"), tr("Records"), tr("Done")});
    m_ui->rateChart->chart()->setTitle(tr("Records/s"));
    m_timeAxis->setTitleText(tr("Elapsed (s)"));
    m_createTableButton->setText(tr("Generate table schema…"));
    if (m_statusText)
        m_ui->runStatusLabel->setText(m_statusText());
    if (isWaitingToRerun())
        updateRerunCountdown();
}

void RunPanel::addRatePoint(double seconds, double recordsPerSecond)
{
    m_rateSeries->append(seconds, recordsPerSecond);
    m_maxRate = std::max(m_maxRate, recordsPerSecond);
    m_timeAxis->setRange(0, std::max(10.0, seconds));
    m_rateAxis->setRange(0, std::max(100.0, m_maxRate * 1.1));
    m_timeAxis->applyNiceNumbers(); // whole-number ticks
    m_rateAxis->applyNiceNumbers();
}

void RunPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void RunPanel::setParameters(const QString &line)
{
    m_ui->runParametersEdit->setText(line);
}

QString RunPanel::parameters() const
{
    return m_ui->runParametersEdit->text().trimmed();
}

void RunPanel::setCyctime(const QDateTime &cyctime, const QString &zone)
{
    m_ui->cyctimeEdit->setDateTime(cyctime);
    m_ui->cyctimeZoneLabel->setText(zone);
}

QString RunPanel::cyctimeZone() const
{
    return m_ui->cyctimeZoneLabel->text();
}

QDateTime RunPanel::cyctime() const
{
    return m_ui->cyctimeEdit->dateTime();
}

QString RunPanel::statusText() const
{
    return m_ui->runStatusLabel->text();
}

void RunPanel::setRunning(bool running)
{
    m_ui->runButton->setEnabled(!running);
    m_ui->cancelButton->setEnabled(running);
    m_ui->cyctimeEdit->setEnabled(!running);
    m_ui->runParametersEdit->setEnabled(!running);
}

void RunPanel::showStarted()
{
    hideRerunCountdown();
    setRunning(true);
    m_createTableButton->hide();
    m_ui->partitionTable->setRowCount(0);
    m_ui->logView->clear();
    m_rateSeries->clear();
    m_maxRate = 0;
    m_timeAxis->setRange(0, 10);
    m_rateAxis->setRange(0, 100);
    m_timeAxis->applyNiceNumbers();
    m_rateAxis->applyNiceNumbers();
    m_ui->runStatusLabel->setStyleSheet(QString());
    setStatus([] { return tr("Running…"); });
}

void RunPanel::setStatus(std::function<QString()> text)
{
    m_statusText = std::move(text);
    m_ui->runStatusLabel->setText(m_statusText ? m_statusText() : QString());
}

void RunPanel::showProgress(const engine::JobProgress &progress)
{
    m_ui->partitionTable->setRowCount(int(progress.partitions.size()));
    for (int row = 0; row < int(progress.partitions.size()); ++row) {
        const engine::PartitionProgress &p = progress.partitions[size_t(row)];
        const qint64 total = p.endOffset - p.startOffset;
        const qint64 done = p.nextOffset - p.startOffset;
        const QStringList cells = {QString::number(p.partition),
                                   QString::number(p.startOffset),
                                   QString::number(p.endOffset),
                                   QString::number(p.nextOffset),
                                   QString::number(p.records),
                                   total > 0 ? QStringLiteral("%1%").arg(100 * done / total) : QStringLiteral("100%")};
        for (int column = 0; column < cells.size(); ++column)
            m_ui->partitionTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    addRatePoint(progress.seconds, progress.recordsPerSecond);
    setStatus(
        [read = progress.read, written = progress.written, dirty = progress.dirty, rate = progress.recordsPerSecond] {
            return tr("Running: %1 read, %2 written, %3 dirty, %4 records/s")
                .arg(read)
                .arg(written)
                .arg(dirty)
                .arg(rate, 0, 'f', 0);
        });
}

void RunPanel::appendLog(int level, const QString &message)
{
    static const char *const kLevels[] = {"DEBUG", "INFO", "WARN", "ERROR"};
    const char *name = level >= 0 && level < 4 ? kLevels[level] : "INFO";
    m_ui->logView->appendPlainText(QStringLiteral("%1 %2").arg(QLatin1String(name), message));
}

QStringList RunPanel::auditAndLedgerLines(const engine::RunSummary &summary)
{
    QStringList lines;
    if (!summary.audit.empty()) {
        qint64 before = 0;
        qint64 after = 0;
        QStringList parts;
        for (const engine::WindowAudit &a : summary.audit) {
            before += a.before;
            after += a.after;
            if (a.before > 0 || a.after > 0)
                parts.append(tr("partition %1: %2 before, %3 after").arg(a.partition).arg(a.before).arg(a.after));
        }
        lines.append(
            before + after == 0
                ? tr("Window audit: every record read has a timestamp inside the window.")
                : tr("Window audit: %1 record(s) read have a timestamp before the window and %2 after it (%3).")
                      .arg(before)
                      .arg(after)
                      .arg(parts.join(QStringLiteral("; "))));
    }
    const engine::LedgerCheck &ledger = summary.ledger;
    if (!ledger.hasPrevious) {
        lines.append(tr("Offset ledger: no earlier run of this task to compare with."));
    } else if (ledger.contiguous()) {
        lines.append(tr("Offset ledger: this run starts exactly where the run into %1 ended.")
                         .arg(ledger.previousPartitionSpec));
    } else {
        QStringList parts;
        for (const auto &p : ledger.partitions) {
            if (p.gap() > 0)
                parts.append(tr("partition %1: %2 offset(s) never read").arg(p.partition).arg(p.gap()));
            else if (p.gap() < 0)
                parts.append(tr("partition %1: %2 offset(s) read again").arg(p.partition).arg(-p.gap()));
        }
        lines.append(tr("Offset ledger: this run does not join the run into %1: %2.")
                         .arg(ledger.previousPartitionSpec, parts.join(QStringLiteral("; "))));
    }
    return lines;
}

void RunPanel::showFinished(const engine::RunSummary &summary)
{
    hideRerunCountdown();
    setRunning(false);
    if (summary.ok) {
        m_ui->runStatusLabel->setStyleSheet(QStringLiteral("color: #2e7d32;"));
        for (const QString &line : auditAndLedgerLines(summary))
            m_ui->logView->appendPlainText(line);
    } else if (summary.cancelled) {
        m_ui->runStatusLabel->setStyleSheet(QStringLiteral("color: #b26a00;"));
    } else {
        m_ui->runStatusLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
        // The engine says what is wrong; what to do is the app's own action (never a kmsync-cli command).
        const QString advice = Advice::forCode(summary.errorCode);
        if (!advice.isEmpty())
            m_ui->logView->appendPlainText(advice);
        m_createTableButton->setVisible(summary.errorCode == QLatin1String("sink.no_such_table"));
    }
    setStatus([summary] { return finishedText(summary); });
}

QString RunPanel::finishedText(const engine::RunSummary &summary)
{
    if (summary.ok) {
        return tr("✔ Done: %1 read, %2 written, %3 dirty in %4 s into partition %5.")
            .arg(summary.read)
            .arg(summary.written)
            .arg(summary.dirty)
            .arg(summary.seconds, 0, 'f', 1)
            .arg(summary.partitionSpec.isEmpty() ? tr("(none)") : summary.partitionSpec);
    }
    if (summary.cancelled)
        return tr("Cancelled: nothing was committed.");
    const QString advice = Advice::forCode(summary.errorCode);
    const QString failed = summary.attempts > 1 ? tr("✖ Failed after %1 attempts in %2 s (%3): %4")
                                                      .arg(summary.attempts)
                                                      .arg(summary.seconds, 0, 'f', 1)
                                                      .arg(summary.errorCode, summary.errorMessage)
                                                : tr("✖ Failed (%1): %2").arg(summary.errorCode, summary.errorMessage);
    return advice.isEmpty() ? failed : failed + QLatin1Char(' ') + advice;
}

void RunPanel::showAttemptStarted(int attempt, int maxAttempts)
{
    hideRerunCountdown();
    if (attempt > 1) {
        m_ui->runStatusLabel->setStyleSheet(QString());
        setStatus([attempt, maxAttempts] { return tr("Running attempt %1 of %2…").arg(attempt).arg(maxAttempts); });
    }
}

void RunPanel::showRerunScheduled(int failedAttempt, int maxAttempts, const QDateTime &nextAttempt,
                                  const QString &nextAttemptText, const QString &reason)
{
    m_failedAttempt = failedAttempt;
    m_maxAttempts = maxAttempts;
    m_nextAttempt = nextAttempt;
    m_nextAttemptText = nextAttemptText;
    m_rerunReason = reason;
    m_ui->rerunNowButton->setEnabled(true);
    m_ui->rerunBox->show();
    m_ui->runStatusLabel->setStyleSheet(QStringLiteral("color: #b26a00;"));
    setStatus([failedAttempt, maxAttempts] {
        return tr("Attempt %1 of %2 failed; waiting to rerun.").arg(failedAttempt).arg(maxAttempts);
    });
    updateRerunCountdown();
    m_rerunTimer->start();
}

bool RunPanel::isWaitingToRerun() const
{
    return m_rerunTimer->isActive();
}

QString RunPanel::rerunCountdownText() const
{
    return m_ui->rerunCountdownLabel->text();
}

void RunPanel::updateRerunCountdown()
{
    const qint64 left = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_nextAttempt));
    const QString clock = QStringLiteral("%1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'));
    m_ui->rerunCountdownLabel->setText(tr("Attempt %1 of %2 failed: %3\nAttempt %4 starts in %5 (at %6).")
                                           .arg(m_failedAttempt)
                                           .arg(m_maxAttempts)
                                           .arg(m_rerunReason)
                                           .arg(m_failedAttempt + 1)
                                           .arg(clock, m_nextAttemptText));
}

void RunPanel::hideRerunCountdown()
{
    m_rerunTimer->stop();
    m_ui->rerunBox->hide();
}

void RunPanel::showError(const QString &message)
{
    hideRerunCountdown();
    setRunning(false);
    m_ui->runStatusLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    setStatus([message] { return QStringLiteral("✖ ") + message; }); // translated by whoever reports it
}

} // namespace kmsync::ui
