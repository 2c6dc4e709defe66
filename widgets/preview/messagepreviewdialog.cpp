#include "widgets/preview/messagepreviewdialog.h"

#include <QBrush>
#include <QColor>
#include <QEvent>
#include <QFont>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"
#include "engine/config/taskloader.h"
#include "engine/job/drift.h"
#include "engine/job/taskrunner.h"
#include "engine/mapping/flattenjson.h"
#include "engine/mapping/sourcefield.h"
#include "ui_messagepreviewdialog.h"
#include "widgets/common/advice.h"
#include "widgets/preview/driftpanel.h"
#include "widgets/preview/jsontreemodel.h"
#include "widgets/datasources/secretstore.h"

namespace kmsync::ui {

namespace {

constexpr int kKafkaTimeoutMs = 10000;

// Replaces the reader's range by [beginMs, endMs) so that neither the task's ${startTime} nor its offsets matter.
void setReaderTimeRange(engine::config::TaskConfig &task, qint64 beginMs, qint64 endMs)
{
    auto &reader = task.reader;
    reader.beginDateTime.reset();
    reader.endDateTime.reset();
    reader.beginOffset = QJsonValue(QJsonValue::Undefined);
    reader.endOffset = QJsonValue(QJsonValue::Undefined);
    reader.beginTimestampMillis = QJsonValue(beginMs);
    reader.endTimestampMillis = QJsonValue(endMs);
    reader.extra.remove(QStringLiteral("beginType"));
    reader.extra.remove(QStringLiteral("endType"));
}

QString cellText(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("NULL");
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// A flattened node as a JSON text, the form ddlSchema() takes its samples in.
QString jsonText(const engine::mapping::JsonNode &node)
{
    if (node.kind == engine::mapping::JsonKind::String)
        return QString::fromUtf8(QJsonDocument(QJsonArray{node.text}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return node.text;
}

// An engine error as the app shows it: the engine's message and the app's own advice for its code.
PreviewOutcome failed(const engine::Error &error)
{
    const QString advice = Advice::forCode(error.code);
    return {advice.isEmpty() ? error.message : error.message + QLatin1Char('\n') + advice, {}};
}

} // namespace

PreviewOutcome fetchPreview(const PreviewRequest &request, SecretPrompter *prompter, const engine::StopToken &stop)
{
    engine::config::TaskConfig raw = request.task.config;
    if (request.range == PreviewRequest::Range::TimeRange) {
        if (!request.begin.isValid() || !request.end.isValid() || request.end <= request.begin)
            return {QStringLiteral("The time range is empty: the end must be after the begin."), {}};
        setReaderTimeRange(raw, request.begin.toMSecsSinceEpoch(), request.end.toMSecsSinceEpoch());
    } else if (request.range == PreviewRequest::Range::Latest) {
        setReaderTimeRange(raw, 0, QDateTime::currentMSecsSinceEpoch()); // unused: only keeps the plan buildable
    }
    engine::config::TaskRunOptions options;
    options.env = request.task.env;
    options.params = request.task.parameters;
    options.cyctime = request.task.cyctime;
    auto resolved = engine::config::resolveTask(raw, request.task.taskPath, options);
    if (!resolved)
        return failed(resolved.error());
    // Only the reader's ${keychain:...} secrets: a preview never opens the destination.
    auto withKeychain = withSecrets(prompter, resolved->datasources,
                                    {resolved->task.reader.datasource.value_or(QString())}, stop);
    if (!withKeychain)
        return failed(withKeychain.error());
    resolved->datasources = std::move(withKeychain.value());
    auto result = request.range == PreviewRequest::Range::Latest
                    ? engine::previewLatest(*resolved, request.limit, stop, kKafkaTimeoutMs)
                    : engine::previewTask(*resolved, request.limit, stop, {});
    if (!result.ok())
        return failed(result.error());
    return {QString(), std::move(result.value())};
}

MessagePreviewDialog::MessagePreviewDialog(const RunRequest &task, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::MessagePreviewDialog>())
    , m_tree(new JsonTreeModel(this))
    , m_task(task)
    , m_fetcher([](const PreviewRequest &request, const engine::StopToken &stop) {
        return fetchPreview(request, nullptr, stop);
    })
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("messagePreviewDialog"));
    m_ui->jsonTree->setModel(m_tree);
    m_ui->jsonTree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->recordTable->verticalHeader()->hide();
    m_ui->recordTable->setTabKeyNavigation(false);
    m_ui->recordTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // The pickers show and take the task's wall-clock time (a naive UTC spec: no zone of the machine shifts it).
    m_ui->beginEdit->setTimeSpec(Qt::UTC);
    m_ui->endEdit->setTimeSpec(Qt::UTC);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    setTimeRange(now.addSecs(-3600), now);
    m_ui->fieldStatusLabel->hide();
    // Two tabs under the fetch row: the messages (grid and JSON tree) and their drift against the mapping.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("previewTabs"));
    m_drift = new DriftPanel(m_tabs);
    delete m_ui->dialogLayout->replaceWidget(m_ui->previewSplitter, m_tabs);
    m_tabs->addTab(m_ui->previewSplitter, tr("Messages"));
    m_tabs->addTab(m_drift, tr("Drift"));
    connect(m_ui->fetchButton, &QPushButton::clicked, this, &MessagePreviewDialog::fetch);
    connect(m_ui->rangeCombo, &QComboBox::currentIndexChanged, this, &MessagePreviewDialog::updateRangeEdits);
    connect(m_ui->recordTable, &QTableWidget::currentCellChanged, this, [this](int row) { selectRecord(row); });
    connect(m_ui->jsonTree, &QTreeView::clicked, this, &MessagePreviewDialog::addFieldFor);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<PreviewOutcome>::finished, this, &MessagePreviewDialog::onFetched);
    updateRangeEdits();
    resize(980, 680);
}

MessagePreviewDialog::~MessagePreviewDialog()
{
    // No wait: the fetcher owns copies of all it uses and stops at the token (Kafka calls within a quarter second).
    m_watcher.disconnect(this);
    m_stop->requestStop();
}

void MessagePreviewDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const int range = m_ui->rangeCombo->currentIndex();
        m_ui->retranslateUi(this);
        m_ui->rangeCombo->setCurrentIndex(range);
        m_tabs->setTabText(0, tr("Messages"));
        m_tabs->setTabText(1, tr("Drift"));
        if (m_hasOutcome)
            showOutcome();
    }
    QDialog::changeEvent(event);
}

void MessagePreviewDialog::setFetcher(Fetcher fetcher)
{
    m_fetcher = std::move(fetcher);
}

void MessagePreviewDialog::setFieldAdder(FieldAdder adder)
{
    m_adder = std::move(adder);
}

void MessagePreviewDialog::setTask(const RunRequest &task)
{
    // The same instants, shown in the new task's zone.
    const QDateTime begin = rangeBegin();
    const QDateTime end = rangeEnd();
    m_task = task;
    setTimeRange(begin, end);
}

void MessagePreviewDialog::setRange(PreviewRequest::Range range)
{
    m_ui->rangeCombo->setCurrentIndex(int(range));
}

void MessagePreviewDialog::setTimeRange(const QDateTime &begin, const QDateTime &end)
{
    const QTimeZone zone = timeZone();
    auto show = [&zone](QDateTimeEdit *edit, const QDateTime &instant) {
        const QDateTime wall = instant.toTimeZone(zone);
        edit->setDateTime(QDateTime(wall.date(), wall.time(), Qt::UTC));
    };
    show(m_ui->beginEdit, begin);
    show(m_ui->endEdit, end);
    m_ui->rangeZoneLabel->setText(QString::fromUtf8(zone.id()));
}

QTimeZone MessagePreviewDialog::timeZone() const
{
    return engine::config::taskTimeZone(m_task.config);
}

QDateTime MessagePreviewDialog::rangeBegin() const
{
    const QDateTime wall = m_ui->beginEdit->dateTime();
    return QDateTime(wall.date(), wall.time(), timeZone());
}

QDateTime MessagePreviewDialog::rangeEnd() const
{
    const QDateTime wall = m_ui->endEdit->dateTime();
    return QDateTime(wall.date(), wall.time(), timeZone());
}

void MessagePreviewDialog::setLimit(int limit)
{
    m_ui->limitSpin->setValue(limit);
}

PreviewRequest MessagePreviewDialog::request() const
{
    PreviewRequest request;
    request.task = m_task;
    request.range = PreviewRequest::Range(m_ui->rangeCombo->currentIndex());
    request.begin = rangeBegin();
    request.end = rangeEnd();
    request.limit = m_ui->limitSpin->value();
    return request;
}

void MessagePreviewDialog::updateRangeEdits()
{
    const bool timeRange = m_ui->rangeCombo->currentIndex() == int(PreviewRequest::Range::TimeRange);
    m_ui->beginEdit->setEnabled(timeRange);
    m_ui->endEdit->setEnabled(timeRange);
}

bool MessagePreviewDialog::isFetching() const
{
    return m_watcher.isRunning();
}

void MessagePreviewDialog::fetch()
{
    if (!m_fetcher || m_watcher.isRunning())
        return;
    m_ui->fetchButton->setEnabled(false);
    m_ui->previewStatusLabel->setStyleSheet(QString());
    m_ui->previewStatusLabel->setText(tr("Reading up to %n message(s)…", nullptr, m_ui->limitSpin->value()));
    m_stop = std::make_shared<engine::StopToken>();
    m_watcher.setFuture(QtConcurrent::run(
        [fetcher = m_fetcher, request = request(), stop = m_stop] { return fetcher(request, *stop); }));
}

void MessagePreviewDialog::onFetched()
{
    m_outcome = m_watcher.result();
    m_hasOutcome = true;
    m_ui->fetchButton->setEnabled(true);
    showOutcome();
    Q_EMIT fetched();
}

void MessagePreviewDialog::showOutcome()
{
    QTableWidget *grid = m_ui->recordTable;
    grid->clear();
    grid->setRowCount(0);
    m_tree->clear();
    if (!m_outcome.error.isEmpty()) {
        grid->setColumnCount(0);
        m_ui->previewStatusLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_ui->previewStatusLabel->setText(QStringLiteral("✖ ") + m_outcome.error);
        m_drift->setError(m_outcome.error);
        return;
    }
    const engine::PreviewResult &result = m_outcome.result;
    // The messages are in memory already: the profile is computed here, without I/O.
    if (auto drift = engine::driftOfPreview(m_task.config, result))
        m_drift->setReport(drift.value());
    else
        m_drift->setError(drift.error().message);
    const QTimeZone zone = result.timeZone.isValid() ? result.timeZone : engine::config::taskTimeZone(m_task.config);
    QStringList headers{tr("Partition"), tr("Offset"), tr("Timestamp"), tr("Status")};
    for (const engine::ColumnDef &column : result.table.columns)
        headers.append(column.name);
    grid->setColumnCount(int(headers.size()));
    grid->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < int(result.table.columns.size()); ++i)
        grid->horizontalHeaderItem(FirstDataColumn + i)->setToolTip(result.table.columns[size_t(i)].type.toString());
    grid->setRowCount(int(result.records.size()));
    int dirty = 0;
    const QBrush dirtyBrush(QColor(0xff, 0xeb, 0xee));
    for (int row = 0; row < int(result.records.size()); ++row) {
        const engine::PreviewRecord &record = result.records[size_t(row)];
        // In the task's time zone, named, as the task's window is given: no arithmetic to compare them.
        const QString time = record.timestampMs < 0 ? QString()
                                                    : engine::config::zonedTimeText(record.timestampMs, zone);
        QStringList cells{QString::number(record.partition), QString::number(record.offset), time,
                          record.dirty ? tr("Dirty: %1").arg(record.reason) : tr("OK")};
        for (const engine::ColumnDef &column : result.table.columns)
            cells.append(record.dirty ? QString() : cellText(record.columns.value(column.name)));
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (record.dirty) {
                item->setBackground(dirtyBrush);
                item->setToolTip(record.reason);
            } else if (column >= FirstDataColumn && record.columns.value(headers.at(column)).isNull()) {
                item->setForeground(QBrush(QColor(0x75, 0x75, 0x75)));
            }
            grid->setItem(row, column, item);
        }
        dirty += record.dirty ? 1 : 0;
    }
    grid->resizeColumnsToContents();
    QString status = tr("%n message(s) read, %1 dirty.", nullptr, int(result.records.size())).arg(dirty);
    if (!result.tableExists)
        status += QLatin1Char(' ')
                + tr("Table %1 does not exist yet: the columns are those of the generated DDL.").arg(result.table.name);
    m_ui->previewStatusLabel->setStyleSheet(dirty > 0 ? QStringLiteral("color: #c62828;") : QString());
    m_ui->previewStatusLabel->setText(status);
    if (!result.records.empty())
        grid->setCurrentCell(0, 0);
}

void MessagePreviewDialog::selectRecord(int row)
{
    const auto &records = m_outcome.result.records;
    if (row < 0 || row >= int(records.size())) {
        m_tree->clear();
        return;
    }
    if (m_ui->recordTable->currentRow() != row) {
        m_ui->recordTable->setCurrentCell(row, 0); // currentCellChanged comes back here
        return;
    }
    const auto &value = records[size_t(row)].value;
    if (!value) {
        m_tree->clear();
        showFieldStatus(false, tr("This message has no value (a tombstone)."));
        return;
    }
    if (!m_tree->setJson(QByteArray::fromStdString(*value))) {
        showFieldStatus(false, tr("The value is not JSON: %1").arg(m_tree->errorString()));
        return;
    }
    m_ui->fieldStatusLabel->hide();
    m_ui->jsonTree->expandToDepth(1);
}

void MessagePreviewDialog::addFieldFor(const QModelIndex &treeIndex)
{
    const QString field = treeIndex.data(JsonTreeModel::SourceFieldRole).toString();
    if (field.isEmpty())
        return;
    if (!m_adder) {
        showFieldStatus(false, tr("Source fields cannot be added here."));
        return;
    }
    const QString problem = m_adder(field);
    if (!problem.isEmpty()) {
        showFieldStatus(false, tr("%1 was not added: %2").arg(field, problem));
        return;
    }
    showFieldStatus(true, tr("Added %1 to the source fields.").arg(field));
    Q_EMIT sourceFieldAdded(field);
}

void MessagePreviewDialog::showFieldStatus(bool ok, const QString &text)
{
    m_ui->fieldStatusLabel->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
    m_ui->fieldStatusLabel->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + text);
    m_ui->fieldStatusLabel->show();
}

std::optional<engine::mapping::FieldProfile> MessagePreviewDialog::profile() const
{
    if (!m_hasOutcome || !m_outcome.error.isEmpty())
        return std::nullopt;
    auto drift = engine::driftOfPreview(m_task.config, m_outcome.result);
    if (!drift)
        return std::nullopt;
    return std::move(drift->profile);
}

QMap<QString, QStringList> MessagePreviewDialog::samples() const
{
    QMap<QString, QStringList> samples;
    if (!m_hasOutcome)
        return samples;
    const engine::config::TaskConfig *task = &m_task.config;
    QMap<QString, QString> columnForPath; // canonical path -> reader column as written
    for (const QString &column : task->reader.column) {
        auto field = engine::mapping::SourceField::parse(column);
        if (field && field->kind() == engine::mapping::SourceField::Kind::Path)
            columnForPath.insert(field->path().toString(), column);
    }
    for (const engine::PreviewRecord &record : m_outcome.result.records) {
        if (!record.value)
            continue;
        auto nodes = engine::mapping::flattenJson(*record.value);
        if (!nodes)
            continue;
        for (const engine::mapping::JsonNode &node : *nodes) {
            const auto it = columnForPath.constFind(node.path);
            if (it != columnForPath.constEnd())
                samples[it.value()].append(jsonText(node));
        }
    }
    return samples;
}

} // namespace kmsync::ui
