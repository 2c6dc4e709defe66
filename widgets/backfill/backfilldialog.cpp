#include "widgets/backfill/backfilldialog.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "engine/params/cyclepreset.h"
#include "widgets/backfill/backfillcontroller.h"
#include "widgets/common/advice.h"

namespace kmsync::ui {

namespace {

QString stamp(const QDateTime &dt)
{
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

BackfillDialog::BackfillDialog(engine::config::TaskConfig task, QString taskPath, QString env, QWidget *parent)
    : QDialog(parent)
    , m_task(std::move(task))
    , m_taskPath(std::move(taskPath))
    , m_env(std::move(env))
    , m_controller(std::make_unique<BackfillController>())
{
    setObjectName(QStringLiteral("BackfillDialog"));
    m_hasSchedule = engine::taskSchedule(m_task).has_value();

    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate().addDays(-1));
    }
    m_from->setObjectName(QStringLiteral("backfillFrom"));
    m_to->setObjectName(QStringLiteral("backfillTo"));
    m_cycle = new QComboBox(this);
    m_cycle->setObjectName(QStringLiteral("backfillCycle"));
    m_order = new QComboBox(this);
    m_order->setObjectName(QStringLiteral("backfillOrder"));
    m_parallel = new QSpinBox(this);
    m_parallel->setObjectName(QStringLiteral("backfillParallel"));
    m_parallel->setRange(1, 16);
    m_keepGoing = new QCheckBox(this);
    m_keepGoing->setObjectName(QStringLiteral("backfillKeepGoing"));

    m_fromLabel = new QLabel(this);
    m_toLabel = new QLabel(this);
    m_cycleLabel = new QLabel(this);
    m_orderLabel = new QLabel(this);
    m_parallelLabel = new QLabel(this);
    auto *form = new QFormLayout;
    auto *range = new QHBoxLayout;
    range->addWidget(m_from);
    range->addWidget(m_toLabel);
    range->addWidget(m_to);
    range->addStretch();
    form->addRow(m_fromLabel, range);
    form->addRow(m_cycleLabel, m_cycle);
    auto *run = new QHBoxLayout;
    run->addWidget(m_order);
    run->addWidget(m_parallelLabel);
    run->addWidget(m_parallel);
    run->addWidget(m_keepGoing);
    run->addStretch();
    form->addRow(m_orderLabel, run);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("backfillInstances"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("backfillSummary"));
    m_summary->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_start->setObjectName(QStringLiteral("backfillStart"));
    m_resume = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_resume->setObjectName(QStringLiteral("backfillResume"));
    m_cancel = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("backfillCancel"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("backfillClose"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(900, 560);

    retranslate();
    m_cycle->setCurrentIndex(0);

    connect(m_start, &QPushButton::clicked, this, &BackfillDialog::start);
    connect(m_resume, &QPushButton::clicked, this, &BackfillDialog::resume);
    connect(m_cancel, &QPushButton::clicked, this, &BackfillDialog::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_from, &QDateEdit::dateChanged, this, &BackfillDialog::refreshPreview);
    connect(m_to, &QDateEdit::dateChanged, this, &BackfillDialog::refreshPreview);
    connect(m_cycle, &QComboBox::currentIndexChanged, this, &BackfillDialog::refreshPreview);
    connect(m_order, &QComboBox::currentIndexChanged, this, &BackfillDialog::refreshPreview);

    connect(m_controller.get(), &BackfillController::planFailed, this,
            [this](const QString &message) { m_summary->setText(tr("Nothing was run: %1").arg(message)); });
    connect(m_controller.get(), &BackfillController::instanceErrors, this, [this](int row, const QStringList &errors) {
        setStatus(row, tr("Cannot run: %1").arg(errors.first()), errors.join(QLatin1Char('\n')));
    });
    connect(m_controller.get(), &BackfillController::planned, this, [this](int instances) {
        for (int row = 0; row < m_table->rowCount(); ++row)
            setStatus(row, tr("Queued"));
        m_summary->setText(tr("Running %n instance(s)…", nullptr, instances));
    });
    connect(m_controller.get(), &BackfillController::instanceStarted, this,
            [this](int row) { setStatus(row, tr("Running")); });
    connect(m_controller.get(), &BackfillController::instanceProgress, this,
            [this](int row, qint64 done, qint64 total, qint64 written) {
                setStatus(row, tr("Running: %1 of %2 offsets read, %3 written").arg(done).arg(total).arg(written));
            });
    connect(m_controller.get(), &BackfillController::instanceFinished, this, &BackfillDialog::onInstanceFinished);
    connect(m_controller.get(), &BackfillController::finished, this, &BackfillDialog::onFinished);

    refreshPreview();
}

BackfillDialog::~BackfillDialog() = default;

void BackfillDialog::setSecretPrompter(std::shared_ptr<SecretPrompter> prompter)
{
    m_controller->setSecretPrompter(std::move(prompter));
}

void BackfillDialog::setRange(QDate from, QDate to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

void BackfillDialog::setCycle(const QString &id)
{
    const int index = m_cycle->findData(id);
    if (index >= 0)
        m_cycle->setCurrentIndex(index);
}

void BackfillDialog::setParallel(int parallel)
{
    m_parallel->setValue(parallel);
}

void BackfillDialog::setDescending(bool descending)
{
    m_order->setCurrentIndex(descending ? 1 : 0);
}

int BackfillDialog::instanceCount() const
{
    return m_table->rowCount();
}

QString BackfillDialog::cellText(int row, int column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

QString BackfillDialog::statusText(int row) const
{
    return cellText(row, StatusColumn);
}

QString BackfillDialog::summaryText() const
{
    return m_summary->text();
}

bool BackfillDialog::isRunning() const
{
    return m_controller->isRunning();
}

void BackfillDialog::retranslate()
{
    setWindowTitle(tr("Backfill"));
    m_fromLabel->setText(tr("Business dates:"));
    m_toLabel->setText(tr("to"));
    m_cycleLabel->setText(tr("Cycle:"));
    m_orderLabel->setText(tr("Order:"));
    m_parallelLabel->setText(tr("Parallel instances:"));
    m_keepGoing->setText(tr("Keep going after a failure"));
    m_keepGoing->setMinimumHeight(m_keepGoing->sizeHint().height()); // never squeezed by the row at minimum size
    const QSignalBlocker cycleBlocker(m_cycle);
    const QString cycle = m_cycle->currentData().toString();
    m_cycle->clear();
    if (m_hasSchedule)
        m_cycle->addItem(tr("The task's schedule (%1)").arg(engine::taskSchedule(m_task)->describe()),
                         QStringLiteral("task"));
    m_cycle->addItem(tr("Every day"), QStringLiteral("day"));
    m_cycle->addItem(tr("Every hour"), QStringLiteral("hour"));
    m_cycle->addItem(tr("Every 5 minutes"), QStringLiteral("5min"));
    m_cycle->addItem(tr("Every week"), QStringLiteral("week"));
    m_cycle->addItem(tr("Every month"), QStringLiteral("month"));
    m_cycle->setCurrentIndex(std::max(0, m_cycle->findData(cycle)));
    const QSignalBlocker orderBlocker(m_order);
    const int order = m_order->currentIndex();
    m_order->clear();
    m_order->addItems({tr("Oldest first"), tr("Newest first")});
    m_order->setCurrentIndex(std::max(0, order));
    m_table->setHorizontalHeaderLabels(
        {tr("Scheduled time"), tr("Business date"), tr("Partition"), tr("Window"), tr("Status")});
    m_start->setText(tr("&Start"));
    m_resume->setText(tr("&Resume"));
    m_resume->setToolTip(tr("Run the backfill again, skipping the partitions already committed with the same window"));
    m_cancel->setText(tr("&Cancel"));
    updateButtons();
}

engine::BackfillRequest BackfillDialog::request() const
{
    engine::BackfillRequest r;
    r.raw = m_task;
    r.taskPath = m_taskPath;
    r.load.env = m_env;
    const QString cycle = m_cycle->currentData().toString();
    if (cycle != QLatin1String("task")) {
        if (const auto preset = engine::params::cyclePreset(cycle))
            r.cycle = preset->cycle;
    }
    r.from = m_from->date();
    r.to = m_to->date();
    r.order = m_order->currentIndex() == 1 ? engine::params::BackfillOrder::Descending
                                           : engine::params::BackfillOrder::Ascending;
    return r;
}

void BackfillDialog::refreshPreview()
{
    if (m_controller->isRunning())
        return;
    m_last.reset();
    m_table->setRowCount(0);
    auto plan = engine::backfillSchedule(request());
    if (!plan) {
        const QString advice = Advice::forCode(plan.error().code); // the app's own way out, not kmsync-cli's
        m_summary->setText(advice.isEmpty() ? plan.error().message : plan.error().message + QLatin1Char('\n') + advice);
        updateButtons();
        return;
    }
    const QString partition = m_task.writer.partition.value_or(QString());
    m_table->setRowCount(int(plan->items.size()));
    for (int row = 0; row < int(plan->items.size()); ++row) {
        const engine::params::BackfillInstance &inst = plan->items[size_t(row)].instance;
        QMap<QString, QString> values;
        for (const auto &[name, value] : inst.parameters)
            values.insert(name, value);
        const QString window = inst.start && inst.end
                                 ? QStringLiteral("[%1, %2)").arg(stamp(*inst.start), stamp(*inst.end))
                                 : QStringLiteral("?");
        const QStringList cells{inst.cyctimeText(), inst.bizdateText(), engine::params::substitute(partition, values),
                                window};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
        if (inst.errors.isEmpty())
            setStatus(row, QString());
        else
            setStatus(row, tr("Cannot run: %1").arg(inst.errors.first()), inst.errors.join(QLatin1Char('\n')));
    }
    m_table->resizeColumnsToContents();
    // The parameter line in use (-p's default: the task's own line, else the cycle preset's), so a line that does
    // not suit the chosen cycle shows here and in the windows above.
    QStringList line;
    for (const engine::params::Assignment &a : plan->assignments)
        line << a.name + QLatin1Char('=') + a.expression;
    m_summary->setText(tr("%n instance(s), %1", nullptr, int(plan->items.size())).arg(plan->cycle.describe())
                       + QLatin1Char('\n') + tr("Parameters: %1").arg(line.join(QLatin1Char(' '))));
    updateButtons();
}

void BackfillDialog::setStatus(int row, const QString &text, const QString &tooltip)
{
    if (row < 0 || row >= m_table->rowCount())
        return;
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(tooltip.isEmpty() ? text : tooltip);
    m_table->setItem(row, StatusColumn, item);
}

void BackfillDialog::start()
{
    launch(false);
}

void BackfillDialog::resume()
{
    launch(true);
}

void BackfillDialog::cancel()
{
    m_controller->cancel();
    if (m_controller->isRunning())
        m_summary->setText(tr("Cancelling: the running instances roll back…"));
}

void BackfillDialog::launch(bool resume)
{
    if (m_controller->isRunning() || m_table->rowCount() == 0)
        return;
    engine::BackfillOptions options;
    options.parallel = m_parallel->value();
    options.keepGoing = m_keepGoing->isChecked();
    options.resume = resume;
    for (int row = 0; row < m_table->rowCount(); ++row)
        setStatus(row, tr("Queued"));
    m_last.reset();
    m_summary->setText(tr("Checking the instances…"));
    m_controller->start(request(), options);
    updateButtons();
}

void BackfillDialog::onInstanceFinished(const engine::BackfillOutcome &outcome)
{
    const int row = int(outcome.index);
    const engine::RunSummary &s = outcome.summary;
    switch (outcome.state) {
    case engine::BackfillState::Succeeded:
        setStatus(row, tr("Done: %1 read, %2 written, %3 dirty").arg(s.read).arg(s.written).arg(s.dirty));
        break;
    case engine::BackfillState::Failed:
        setStatus(row, tr("Failed: %1").arg(s.errorMessage));
        break;
    case engine::BackfillState::Cancelled:
        setStatus(row, tr("Cancelled: rolled back"));
        break;
    case engine::BackfillState::Skipped:
        setStatus(row, tr("Skipped: already committed (%1)").arg(outcome.skippedRunAt));
        break;
    case engine::BackfillState::NotRun:
        setStatus(row, tr("Not run"));
        break;
    case engine::BackfillState::Queued:
    case engine::BackfillState::Running:
        break;
    }
}

void BackfillDialog::onFinished(const engine::BackfillSummary &summary)
{
    if (summary.instances > 0) {
        m_last = summary;
        m_summary->setText(tr("%1 instances: %2 succeeded, %3 failed, %4 skipped, %5 cancelled, %6 not run")
                               .arg(summary.instances)
                               .arg(summary.succeeded)
                               .arg(summary.failed)
                               .arg(summary.skipped)
                               .arg(summary.cancelled)
                               .arg(summary.notRun));
    }
    updateButtons();
    Q_EMIT backfillFinished();
}

void BackfillDialog::updateButtons()
{
    const bool running = m_controller->isRunning();
    for (QWidget *w : std::initializer_list<QWidget *>{m_from, m_to, m_cycle, m_order, m_parallel, m_keepGoing})
        w->setEnabled(!running);
    m_start->setEnabled(!running && m_table->rowCount() > 0);
    m_cancel->setEnabled(running);
    m_resume->setEnabled(!running && m_last && !m_last->ok());
    m_close->setEnabled(!running);
}

void BackfillDialog::closeEvent(QCloseEvent *event)
{
    if (m_controller->isRunning()) {
        event->ignore(); // Cancel first: closing must not leave a backfill running unseen
        return;
    }
    QDialog::closeEvent(event);
}

void BackfillDialog::reject()
{
    if (!m_controller->isRunning())
        QDialog::reject();
}

void BackfillDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace kmsync::ui
