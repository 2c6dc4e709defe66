#include "widgets/taskeditor/destinationpage.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

#include "ui_destinationpage.h"
#include "widgets/common/comboutil.h"
#include "widgets/datasources/datasourcepicker.h"
#include "widgets/taskeditor/fielderror.h"

namespace kmsync::ui {

namespace {

// "ds=${partition},hh=10" (or the 2019 form with '/') -> ordered key/value pairs; malformed parts are skipped
// here (validation reports them).
std::vector<std::pair<QString, QString>> splitPartition(const QString &spec)
{
    std::vector<std::pair<QString, QString>> out;
    const QStringList parts =
        QString(spec).replace(QLatin1Char('/'), QLatin1Char(',')).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq > 0)
            out.emplace_back(part.left(eq).trimmed(), part.mid(eq + 1).trimmed());
    }
    return out;
}

} // namespace

DestinationPage::DestinationPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::DestinationPage>())
{
    m_ui->setupUi(this);
    m_ui->writeModeCombo->addItem(QString(), true);
    m_ui->writeModeCombo->addItem(QString(), false);
    m_ui->partitionKeysForm->setContentsMargins(0, 0, 0, 0);
    m_ui->destinationForm->setRowVisible(m_ui->tableStatusLabel, false); // shown once a listing says something
    retranslate();

    m_tableListing = std::make_unique<DatasourceListing<TableListing>>(DatasourcePicker{m_ui->refreshTablesButton,
                                                                                        m_ui->tableStatusLabel,
                                                                                        m_ui->destinationForm},
                                                                       this, [this](const TableListing &listing) {
                                                                           onTablesFetched(listing);
                                                                       });
    connect(m_ui->refreshTablesButton, &QToolButton::clicked, this, &DestinationPage::refreshTables);
    connect(m_ui->generateDdlButton, &QToolButton::clicked, this, &DestinationPage::ddlRequested);
    connect(m_ui->tableCombo, &QComboBox::currentTextChanged, this, &DestinationPage::onTableChanged);
    connect(m_ui->partitionEdit, &QLineEdit::textEdited, this, &DestinationPage::onPartitionTextEdited);
    connect(m_ui->destinationDatasourceCombo, &QComboBox::currentTextChanged, this, &DestinationPage::emitChanged);
    connect(m_ui->writeModeCombo, &QComboBox::currentIndexChanged, this, &DestinationPage::emitChanged);

    setConfig(DestinationForm{});
}

// A listing still running owns copies of everything it needs; only its result is dropped.
DestinationPage::~DestinationPage() = default;

void DestinationPage::retranslate()
{
    m_ui->writeModeCombo->setItemText(0, tr("Clear existing data before writing (insert overwrite)"));
    m_ui->writeModeCombo->setItemText(1, tr("Keep existing data (insert into)"));
    for (QLabel *label : m_keyLabels)
        label->setText(partitionKeyLabel(label->property("partitionKey").toString()));
}

QString DestinationPage::partitionKeyLabel(const QString &key)
{
    return tr("Partition key column %1 =").arg(key);
}

void DestinationPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const bool wasLoading = std::exchange(m_loading, true);
        m_ui->retranslateUi(this);
        retranslate();
        m_loading = wasLoading;
    }
    QWidget::changeEvent(event);
}

void DestinationPage::emitChanged()
{
    if (!m_loading)
        Q_EMIT changed();
}

void DestinationPage::setConfig(const DestinationForm &form)
{
    const bool wasLoading = std::exchange(m_loading, true);
    setComboText(m_ui->destinationDatasourceCombo, form.datasource);
    setComboText(m_ui->tableCombo, form.table);
    m_ui->partitionEdit->setText(form.partition);
    selectComboData(m_ui->writeModeCombo, form.truncate);
    onTableChanged();
    if (!currentSchema()) {
        QStringList keys;
        for (const auto &[key, value] : splitPartition(form.partition))
            keys.append(key);
        rebuildPartitionKeys(keys);
    }
    m_loading = wasLoading;
}

DestinationForm DestinationPage::config() const
{
    DestinationForm form;
    form.datasource = m_ui->destinationDatasourceCombo->currentText().trimmed();
    form.table = m_ui->tableCombo->currentText().trimmed();
    form.partition = m_ui->partitionEdit->text().trimmed();
    form.truncate = m_ui->writeModeCombo->currentData().toBool();
    return form;
}

void DestinationPage::setDatasources(const QStringList &names)
{
    const bool wasLoading = std::exchange(m_loading, true);
    replaceComboItems(m_ui->destinationDatasourceCombo, names);
    m_loading = wasLoading;
}

void DestinationPage::setTableLister(TableLister lister)
{
    m_tableListing->setLister(std::move(lister));
}

bool DestinationPage::isRefreshing() const
{
    return m_tableListing->isRunning();
}

void DestinationPage::refreshTables()
{
    const QString datasource = m_ui->destinationDatasourceCombo->currentText().trimmed();
    m_tableListing->start(datasource, tr("Listing the tables of \"%1\"…").arg(datasource));
}

void DestinationPage::onTablesFetched(const TableListing &listing)
{
    if (!listing.error.isEmpty()) {
        m_ui->tableStatusLabel->setText(tr("Could not list tables: %1").arg(listing.error));
    } else {
        m_tables = listing.tables;
        QStringList names;
        for (const engine::TableSchema &table : m_tables)
            names.append(table.name);
        const bool wasLoading = std::exchange(m_loading, true);
        replaceComboItems(m_ui->tableCombo, names);
        m_loading = wasLoading;
        m_ui->tableStatusLabel->setText(tr("%n table(s) found.", nullptr, int(m_tables.size())));
        onTableChanged();
    }
    Q_EMIT tablesLoaded(listing);
}

std::optional<engine::TableSchema> DestinationPage::currentSchema() const
{
    const QString name = m_ui->tableCombo->currentText().trimmed();
    for (const engine::TableSchema &table : m_tables) {
        if (table.name.compare(name, Qt::CaseInsensitive) == 0)
            return table;
    }
    return std::nullopt;
}

void DestinationPage::onTableChanged()
{
    if (const std::optional<engine::TableSchema> schema = currentSchema()) {
        QStringList keys;
        for (const engine::ColumnDef &key : schema->partitionKeys)
            keys.append(key.name);
        rebuildPartitionKeys(keys);
        if (!m_loading)
            onPartitionKeyEdited(); // the partition text follows the table's keys
        Q_EMIT schemaSelected(*schema);
    }
    emitChanged();
}

QStringList DestinationPage::partitionKeys() const
{
    QStringList keys;
    for (const QLineEdit *edit : m_keyEdits)
        keys.append(edit->property("partitionKey").toString());
    return keys;
}

void DestinationPage::rebuildPartitionKeys(const QStringList &keys)
{
    if (keys == partitionKeys())
        return;
    while (m_ui->partitionKeysForm->rowCount() > 0)
        m_ui->partitionKeysForm->removeRow(0);
    m_keyEdits.clear();
    m_keyLabels.clear();
    const auto values = splitPartition(m_ui->partitionEdit->text());
    QWidget *previous = m_ui->partitionEdit;
    for (const QString &key : keys) {
        auto *edit = new QLineEdit(m_ui->partitionKeysBox);
        edit->setObjectName(QStringLiteral("partitionKey_") + key);
        edit->setProperty("partitionKey", key);
        edit->setPlaceholderText(QStringLiteral("${partition}"));
        for (const auto &[k, v] : values) {
            if (k.compare(key, Qt::CaseInsensitive) == 0)
                edit->setText(v);
        }
        connect(edit, &QLineEdit::textEdited, this, &DestinationPage::onPartitionKeyEdited);
        auto *label = new QLabel(partitionKeyLabel(key), m_ui->partitionKeysBox);
        label->setObjectName(QStringLiteral("partitionKeyLabel_") + key);
        label->setProperty("partitionKey", key);
        label->setBuddy(edit);
        m_keyLabels.push_back(label);
        m_ui->partitionKeysForm->addRow(label, edit);
        setTabOrder(previous, edit);
        previous = edit;
        m_keyEdits.push_back(edit);
    }
    setTabOrder(previous, m_ui->writeModeCombo);
    m_ui->partitionKeysBox->setVisible(!keys.isEmpty());
}

void DestinationPage::onPartitionKeyEdited()
{
    QStringList parts;
    for (const QLineEdit *edit : m_keyEdits)
        parts.append(edit->property("partitionKey").toString() + QLatin1Char('=') + edit->text().trimmed());
    m_ui->partitionEdit->setText(parts.join(QLatin1Char(',')));
    emitChanged();
}

void DestinationPage::onPartitionTextEdited()
{
    const auto values = splitPartition(m_ui->partitionEdit->text());
    if (!currentSchema()) {
        QStringList keys;
        for (const auto &[key, value] : values)
            keys.append(key);
        rebuildPartitionKeys(keys);
    }
    for (QLineEdit *edit : m_keyEdits) {
        const QString key = edit->property("partitionKey").toString();
        QString value;
        for (const auto &[k, v] : values) {
            if (k.compare(key, Qt::CaseInsensitive) == 0)
                value = v;
        }
        edit->setText(value);
    }
    emitChanged();
}

QWidget *DestinationPage::fieldFor(const QString &path) const
{
    const QString field = path.section(QLatin1Char('.'), 1);
    if (field == QLatin1String("datasource"))
        return m_ui->destinationDatasourceCombo;
    if (field == QLatin1String("table"))
        return m_ui->tableCombo;
    if (field.startsWith(QLatin1String("partition")))
        return m_ui->partitionEdit;
    if (field == QLatin1String("truncate"))
        return m_ui->writeModeCombo;
    return nullptr;
}

int DestinationPage::showIssues(const std::vector<FieldIssue> &issues)
{
    return applyFieldIssues(this, QStringLiteral("destination."), issues,
                            [this](const QString &path) { return fieldFor(path); });
}

} // namespace kmsync::ui
