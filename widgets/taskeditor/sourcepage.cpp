#include "widgets/taskeditor/sourcepage.h"

#include <QEvent>
#include <QTimeZone>

#include "ui_sourcepage.h"
#include "widgets/common/comboutil.h"
#include "widgets/datasources/datasourcepicker.h"
#include "widgets/common/propertytable.h"
#include "widgets/taskeditor/fielderror.h"

namespace kmsync::ui {

namespace {

const QStringList kDataTypes = {QStringLiteral("string"), QStringLiteral("bytearray"), QStringLiteral("long"),
                                QStringLiteral("double"), QStringLiteral("integer"),   QStringLiteral("float"),
                                QStringLiteral("short")};

} // namespace

SourcePage::SourcePage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SourcePage>())
{
    m_ui->setupUi(this);

    for (int i = 0; i < 4; ++i)
        m_ui->beginTypeCombo->addItem(QString(), i);
    for (int i = 0; i < 3; ++i)
        m_ui->endTypeCombo->addItem(QString(), i);
    for (int i = 0; i < 2; ++i)
        m_ui->exitStrategyCombo->addItem(QString(), i);
    for (const QString &type : kDataTypes) {
        m_ui->keyTypeCombo->addItem(type, type);
        m_ui->valueTypeCombo->addItem(type, type);
    }
    m_ui->encodingCombo->addItems({QStringLiteral("UTF-8"), QStringLiteral("GBK"), QStringLiteral("GB18030"),
                                   QStringLiteral("ISO-8859-1"), QStringLiteral("UTF-16")});
    m_ui->timeZoneCombo->addItem(QString());
    m_ui->timeZoneCombo->addItems({QStringLiteral("Asia/Shanghai"), QStringLiteral("UTC"),
                                   QStringLiteral("Asia/Singapore"), QStringLiteral("Asia/Tokyo"),
                                   QStringLiteral("Europe/Berlin"), QStringLiteral("America/Los_Angeles")});
    setupPropertyTable(m_ui->kafkaConfigTable);
    m_ui->connectionForm->setRowVisible(m_ui->topicStatusLabel, false); // shown once a listing says something
    retranslate();

    m_topicListing = std::make_unique<DatasourceListing<TopicListing>>(DatasourcePicker{m_ui->refreshTopicsButton,
                                                                                        m_ui->topicStatusLabel,
                                                                                        m_ui->connectionForm},
                                                                       this, [this](const TopicListing &listing) {
                                                                           onTopicsFetched(listing);
                                                                       });
    connect(m_ui->refreshTopicsButton, &QToolButton::clicked, this, &SourcePage::refreshTopics);
    connect(m_ui->addPropertyButton, &QPushButton::clicked, this, &SourcePage::addProperty);
    connect(m_ui->removePropertyButton, &QPushButton::clicked, this, &SourcePage::removeProperty);
    connect(m_ui->beginTypeCombo, &QComboBox::currentIndexChanged, this, &SourcePage::updateModeRows);
    connect(m_ui->endTypeCombo, &QComboBox::currentIndexChanged, this, &SourcePage::updateModeRows);

    for (QComboBox *combo : {m_ui->sourceDatasourceCombo, m_ui->topicCombo, m_ui->timeZoneCombo, m_ui->encodingCombo})
        connect(combo, &QComboBox::currentTextChanged, this, &SourcePage::emitChanged);
    for (QComboBox *combo :
         {m_ui->beginTypeCombo, m_ui->endTypeCombo, m_ui->exitStrategyCombo, m_ui->keyTypeCombo, m_ui->valueTypeCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &SourcePage::emitChanged);
    for (QLineEdit *edit :
         {m_ui->groupIdEdit, m_ui->beginTimeEdit, m_ui->beginOffsetEdit, m_ui->endTimeEdit, m_ui->endOffsetEdit})
        connect(edit, &QLineEdit::textEdited, this, &SourcePage::emitChanged);
    connect(m_ui->kafkaConfigTable, &QTableWidget::itemChanged, this, &SourcePage::emitChanged);

    setConfig(SourceForm{});
}

// A listing still running owns copies of everything it needs; only its result is dropped.
SourcePage::~SourcePage() = default;

void SourcePage::retranslate()
{
    m_ui->beginTypeCombo->setItemText(0, tr("Specific time"));
    m_ui->beginTypeCombo->setItemText(1, tr("Partition start offset (earliest)"));
    m_ui->beginTypeCombo->setItemText(2, tr("Group current offset"));
    m_ui->beginTypeCombo->setItemText(3, tr("Specific offset"));
    m_ui->endTypeCombo->setItemText(0, tr("Specific time"));
    m_ui->endTypeCombo->setItemText(1, tr("Partition latest offset"));
    m_ui->endTypeCombo->setItemText(2, tr("Specific offset"));
    m_ui->exitStrategyCombo->setItemText(0, tr("Exit when the configured end offset or time is reached"));
    m_ui->exitStrategyCombo->setItemText(1, tr("Exit when a poll returns nothing for 1 minute"));
    m_ui->timeZoneCombo->setItemText(0, QString());
    m_ui->timeZoneCombo->lineEdit()->setPlaceholderText(
        tr("server time zone (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    m_ui->kafkaConfigTable->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
}

void SourcePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const bool wasLoading = std::exchange(m_loading, true);
        m_ui->retranslateUi(this);
        retranslate();
        m_loading = wasLoading;
    }
    QWidget::changeEvent(event);
}

void SourcePage::emitChanged()
{
    if (!m_loading)
        Q_EMIT changed();
}

void SourcePage::updateModeRows()
{
    const auto begin = BeginMode(m_ui->beginTypeCombo->currentData().toInt());
    const auto end = EndMode(m_ui->endTypeCombo->currentData().toInt());
    m_ui->rangeForm->setRowVisible(m_ui->beginTimeEdit, begin == BeginMode::SpecificTime);
    m_ui->rangeForm->setRowVisible(m_ui->beginOffsetEdit, begin == BeginMode::SpecificOffset);
    m_ui->rangeForm->setRowVisible(m_ui->endTimeEdit, end == EndMode::SpecificTime);
    m_ui->rangeForm->setRowVisible(m_ui->endOffsetEdit, end == EndMode::SpecificOffset);
}

void SourcePage::setConfig(const SourceForm &form)
{
    const bool wasLoading = std::exchange(m_loading, true);
    setComboText(m_ui->sourceDatasourceCombo, form.datasource);
    setComboText(m_ui->topicCombo, form.topic);
    m_ui->groupIdEdit->setText(form.groupId);
    selectComboData(m_ui->beginTypeCombo, int(form.beginMode));
    m_ui->beginTimeEdit->setText(form.beginDateTime);
    m_ui->beginOffsetEdit->setText(form.beginOffset);
    selectComboData(m_ui->endTypeCombo, int(form.endMode));
    m_ui->endTimeEdit->setText(form.endDateTime);
    m_ui->endOffsetEdit->setText(form.endOffset);
    setComboText(m_ui->timeZoneCombo, form.timeZone);
    if (!selectComboData(m_ui->keyTypeCombo, form.keyType.toLower())) {
        m_ui->keyTypeCombo->addItem(form.keyType,
                                    form.keyType.toLower()); // keep an unknown type visible; validation reports it
        selectComboData(m_ui->keyTypeCombo, form.keyType.toLower());
    }
    if (!selectComboData(m_ui->valueTypeCombo, form.valueType.toLower())) {
        m_ui->valueTypeCombo->addItem(form.valueType, form.valueType.toLower());
        selectComboData(m_ui->valueTypeCombo, form.valueType.toLower());
    }
    setComboText(m_ui->encodingCombo, form.encoding);
    selectComboData(m_ui->exitStrategyCombo, int(form.exitStrategy));
    m_ui->kafkaConfigTable->setRowCount(0);
    for (const auto &[key, value] : form.kafkaConfig)
        appendProperty(m_ui->kafkaConfigTable, key, value);
    updateModeRows();
    m_loading = wasLoading;
}

SourceForm SourcePage::config() const
{
    SourceForm form;
    form.datasource = m_ui->sourceDatasourceCombo->currentText().trimmed();
    form.topic = m_ui->topicCombo->currentText().trimmed();
    form.groupId = m_ui->groupIdEdit->text().trimmed();
    form.beginMode = BeginMode(m_ui->beginTypeCombo->currentData().toInt());
    form.beginDateTime = m_ui->beginTimeEdit->text().trimmed();
    form.beginOffset = m_ui->beginOffsetEdit->text().trimmed();
    form.endMode = EndMode(m_ui->endTypeCombo->currentData().toInt());
    form.endDateTime = m_ui->endTimeEdit->text().trimmed();
    form.endOffset = m_ui->endOffsetEdit->text().trimmed();
    form.timeZone = m_ui->timeZoneCombo->currentText().trimmed();
    form.keyType = m_ui->keyTypeCombo->currentData().toString();
    form.valueType = m_ui->valueTypeCombo->currentData().toString();
    form.encoding = m_ui->encodingCombo->currentText().trimmed();
    form.exitStrategy = ExitStrategy(m_ui->exitStrategyCombo->currentData().toInt());
    for (auto &[key, value] : propertyRows(m_ui->kafkaConfigTable))
        form.kafkaConfig.emplace_back(std::move(key), std::move(value));
    return form;
}

void SourcePage::setDatasources(const QStringList &names)
{
    const bool wasLoading = std::exchange(m_loading, true);
    replaceComboItems(m_ui->sourceDatasourceCombo, names);
    m_loading = wasLoading;
}

void SourcePage::setTopicLister(TopicLister lister)
{
    m_topicListing->setLister(std::move(lister));
}

bool SourcePage::isRefreshing() const
{
    return m_topicListing->isRunning();
}

void SourcePage::refreshTopics()
{
    const QString datasource = m_ui->sourceDatasourceCombo->currentText().trimmed();
    m_topicListing->start(datasource, tr("Listing the topics of \"%1\"…").arg(datasource));
}

void SourcePage::onTopicsFetched(const TopicListing &listing)
{
    if (!listing.error.isEmpty()) {
        m_ui->topicStatusLabel->setText(tr("Could not list topics: %1").arg(listing.error));
    } else {
        const bool wasLoading = std::exchange(m_loading, true);
        replaceComboItems(m_ui->topicCombo, listing.topics);
        m_loading = wasLoading;
        m_ui->topicStatusLabel->setText(tr("%n topic(s) found.", nullptr, int(listing.topics.size())));
    }
    Q_EMIT topicsLoaded(listing);
}

void SourcePage::addProperty()
{
    addAndEditProperty(m_ui->kafkaConfigTable);
    emitChanged();
}

void SourcePage::removeProperty()
{
    const int row = m_ui->kafkaConfigTable->currentRow();
    if (row < 0)
        return;
    m_ui->kafkaConfigTable->removeRow(row);
    emitChanged();
}

QWidget *SourcePage::fieldFor(const QString &path) const
{
    const QString field = path.section(QLatin1Char('.'), 1);
    if (field == QLatin1String("datasource"))
        return m_ui->sourceDatasourceCombo;
    if (field == QLatin1String("topic"))
        return m_ui->topicCombo;
    if (field == QLatin1String("groupId"))
        return m_ui->groupIdEdit;
    if (field == QLatin1String("beginDateTime"))
        return m_ui->beginTimeEdit;
    if (field == QLatin1String("beginType"))
        return m_ui->beginTypeCombo;
    if (field == QLatin1String("beginOffset"))
        return m_ui->beginOffsetEdit;
    if (field == QLatin1String("endDateTime"))
        return m_ui->endTimeEdit;
    if (field == QLatin1String("endType"))
        return m_ui->endTypeCombo;
    if (field == QLatin1String("endOffset"))
        return m_ui->endOffsetEdit;
    if (field == QLatin1String("timeZone"))
        return m_ui->timeZoneCombo;
    if (field == QLatin1String("keyType"))
        return m_ui->keyTypeCombo;
    if (field == QLatin1String("valueType"))
        return m_ui->valueTypeCombo;
    if (field == QLatin1String("encoding"))
        return m_ui->encodingCombo;
    if (field == QLatin1String("exitStrategy") || field == QLatin1String("stopWhenPollEmpty"))
        return m_ui->exitStrategyCombo;
    if (field.startsWith(QLatin1String("kafkaConfig")))
        return m_ui->kafkaConfigTable;
    return nullptr;
}

int SourcePage::showIssues(const std::vector<FieldIssue> &issues)
{
    return applyFieldIssues(this, QStringLiteral("source."), issues,
                            [this](const QString &path) { return fieldFor(path); });
}

} // namespace kmsync::ui
