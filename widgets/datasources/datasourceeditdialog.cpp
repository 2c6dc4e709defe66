#include "widgets/datasources/datasourceeditdialog.h"

#include <algorithm>
#include <optional>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "engine/config/secretref.h"
#include "ui_datasourceeditdialog.h"
#include "widgets/taskeditor/fielderror.h"
#include "widgets/common/propertytable.h"

namespace kmsync::ui {

using engine::config::DatasourceKind;

namespace {

const QStringList &kafkaKeys()
{
    static const QStringList keys{QStringLiteral("bootstrap.servers"), QStringLiteral("security.protocol"),
                                  QStringLiteral("sasl.mechanism"),    QStringLiteral("sasl.username"),
                                  QStringLiteral("sasl.password"),     QStringLiteral("ssl.ca.location")};
    return keys;
}

const QStringList &odpsKeys()
{
    static const QStringList keys{QStringLiteral("endpoint"),       QStringLiteral("project"),
                                  QStringLiteral("accessId"),       QStringLiteral("accessKey"),
                                  QStringLiteral("tunnelEndpoint"), QStringLiteral("securityToken")};
    return keys;
}

// The properties the form has a field for.
QStringList knownKeys(DatasourceKind kind)
{
    switch (kind) {
    case DatasourceKind::Kafka:
        return kafkaKeys();
    case DatasourceKind::MaxCompute:
        return odpsKeys();
    case DatasourceKind::Local:
        break;
    }
    return {QStringLiteral("path")};
}

} // namespace

// The connection properties of one environment (or of both), for the three datasource kinds: one page of the
// stack per kind, in the order of kAllDatasourceKinds.
class ConnectionForm final : public QWidget
{
    Q_OBJECT

public:
    ConnectionForm(const QString &workspaceDir, QWidget *parent)
        : QWidget(parent)
        , m_workspaceDir(workspaceDir)
    {
        auto *layout = new QVBoxLayout(this);
        m_stack = new QStackedWidget(this);
        layout->addWidget(m_stack);

        // Kafka
        auto *kafka = new QWidget(m_stack);
        auto *kafkaForm = new QFormLayout(kafka);
        m_sandbox = new QCheckBox(kafka);
        m_sandbox->setObjectName(QStringLiteral("sandbox"));
        kafkaForm->addRow(QString(), m_sandbox);
        for (const QString &key : kafkaKeys()) {
            QWidget *field = nullptr;
            if (key == QLatin1String("security.protocol") || key == QLatin1String("sasl.mechanism")) {
                auto *combo = new QComboBox(kafka);
                combo->setEditable(true);
                combo->addItems(key == QLatin1String("security.protocol")
                                    ? QStringList{QString(), QStringLiteral("PLAINTEXT"), QStringLiteral("SSL"),
                                                  QStringLiteral("SASL_PLAINTEXT"), QStringLiteral("SASL_SSL")}
                                    : QStringList{QString(), QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"),
                                                  QStringLiteral("SCRAM-SHA-512"), QStringLiteral("OAUTHBEARER")});
                m_combos.insert(key, combo);
                field = combo;
            } else {
                field = addEdit(kafka, key);
            }
            field->setObjectName(key);
            kafkaForm->addRow(key + QLatin1Char(':'), field);
        }
        m_extraLabel = new QLabel(kafka);
        kafkaForm->addRow(m_extraLabel);
        m_extra = new QTableWidget(0, 2, kafka);
        m_extra->setObjectName(QStringLiteral("extraProperties"));
        setupPropertyTable(m_extra);
        m_extra->setMinimumHeight(90);
        kafkaForm->addRow(m_extra);
        auto *rowButtons = new QHBoxLayout;
        m_addRow = new QPushButton(kafka);
        m_addRow->setObjectName(QStringLiteral("addPropertyButton"));
        m_removeRow = new QPushButton(kafka);
        m_removeRow->setObjectName(QStringLiteral("removePropertyButton"));
        rowButtons->addWidget(m_addRow);
        rowButtons->addWidget(m_removeRow);
        rowButtons->addStretch();
        kafkaForm->addRow(rowButtons);
        connect(m_addRow, &QPushButton::clicked, this, [this] { addAndEditProperty(m_extra); });
        connect(m_removeRow, &QPushButton::clicked, this, [this] {
            if (m_extra->currentRow() >= 0)
                m_extra->removeRow(m_extra->currentRow());
        });
        connect(m_sandbox, &QCheckBox::toggled, this, &ConnectionForm::updateSandbox);
        m_stack->addWidget(kafka);

        // MaxCompute
        auto *odps = new QWidget(m_stack);
        auto *odpsForm = new QFormLayout(odps);
        for (const QString &key : odpsKeys())
            odpsForm->addRow(key + QLatin1Char(':'), addEdit(odps, key));
        m_stack->addWidget(odps);

        // Local warehouse
        auto *local = new QWidget(m_stack);
        auto *localForm = new QFormLayout(local);
        auto *pathRow = new QHBoxLayout;
        QLineEdit *path = addEdit(local, QStringLiteral("path"));
        m_browse = new QPushButton(local);
        m_browse->setObjectName(QStringLiteral("browseButton"));
        pathRow->addWidget(path, 1);
        pathRow->addWidget(m_browse);
        localForm->addRow(QStringLiteral("path:"), pathRow);
        connect(m_browse, &QPushButton::clicked, this, [this, path] {
            const QString chosen = QFileDialog::getSaveFileName(this, tr("Local warehouse file"),
                                                                QDir(m_workspaceDir).absoluteFilePath(path->text()),
                                                                tr("SQLite databases (*.db *.sqlite);;All files (*)"),
                                                                nullptr, QFileDialog::DontConfirmOverwrite);
            if (!chosen.isEmpty())
                path->setText(m_workspaceDir.isEmpty() ? chosen : QDir(m_workspaceDir).relativeFilePath(chosen));
        });
        m_stack->addWidget(local);
        retranslate();
    }

    void retranslate()
    {
        m_sandbox->setText(tr("Sandbox (the built-in test broker; the properties below are not used)"));
        m_extraLabel->setText(tr("Other librdkafka properties:"));
        m_extra->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
        m_addRow->setText(tr("Add property"));
        m_removeRow->setText(tr("Remove property"));
        m_browse->setText(tr("Browse…"));
        for (auto it = m_edits.constBegin(); it != m_edits.constEnd(); ++it) {
            if (!engine::config::isSecretKey(it.key()))
                continue;
            const QString original = m_original.value(it.key()).toString();
            it.value()->setPlaceholderText(!original.isEmpty() && !engine::config::isSecretReference(original)
                                               ? tr("unchanged (hidden); type to replace")
                                               : tr("a value or ${env:NAME}"));
        }
        m_edits.value(QStringLiteral("tunnelEndpoint"))->setPlaceholderText(tr("optional"));
        m_edits.value(QStringLiteral("securityToken"))->setPlaceholderText(tr("optional"));
    }

    void setKind(DatasourceKind kind)
    {
        m_kind = kind;
        const auto &kinds = engine::config::kAllDatasourceKinds;
        m_stack->setCurrentIndex(int(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin()));
    }

    void load(DatasourceKind kind, const QJsonObject &section)
    {
        setKind(kind);
        m_original = section;
        m_originalKind = kind;
        m_tableKeys.clear();
        m_extra->setRowCount(0);
        const QStringList known = knownKeys(kind);
        for (const QString &key : known) {
            const QString value = section.value(key).toString();
            if (QComboBox *combo = m_combos.value(key)) {
                combo->setCurrentText(value);
                continue;
            }
            QLineEdit *edit = m_edits.value(key);
            if (engine::config::isSecretKey(key)) {
                // A secret's value is never shown; a reference to one is.
                const bool reference = engine::config::isSecretReference(value);
                edit->setText(reference ? value : QString());
                edit->setEchoMode(reference ? QLineEdit::Normal : QLineEdit::Password);
            } else {
                edit->setText(value);
            }
        }
        if (kind == DatasourceKind::Kafka) {
            m_sandbox->setChecked(section.value(QStringLiteral("sandbox")).toBool());
            for (auto it = section.constBegin(); it != section.constEnd(); ++it) {
                if (known.contains(it.key()) || it.key() == QLatin1String("sandbox") || !it->isString()
                    || (engine::config::isSecretKey(it.key()) && !engine::config::isSecretReference(it->toString())))
                    continue; // kept as the file has it
                appendProperty(m_extra, it.key(), it->toString());
                m_tableKeys << it.key();
            }
        }
        retranslate();
        updateSandbox();
    }

    QJsonObject toJson() const
    {
        QJsonObject out = m_kind == m_originalKind ? m_original : QJsonObject();
        if (m_kind == DatasourceKind::Kafka) {
            for (const QString &key : m_tableKeys)
                out.remove(key);
            if (m_sandbox->isChecked()) {
                for (const QString &key : kafkaKeys())
                    out.remove(key);
                out.insert(QStringLiteral("sandbox"), true);
                return out;
            }
            out.remove(QStringLiteral("sandbox"));
            for (const auto &[key, value] : propertyRows(m_extra)) {
                if (!key.isEmpty())
                    out.insert(key, value.trimmed());
            }
        }
        for (const QString &key : knownKeys(m_kind)) {
            const QString text = m_combos.contains(key) ? m_combos.value(key)->currentText().trimmed()
                                                        : m_edits.value(key)->text().trimmed();
            if (!text.isEmpty()) {
                out.insert(key, text);
            } else if (engine::config::isSecretKey(key) && m_kind == m_originalKind) {
                const QString original = m_original.value(key).toString();
                if (original.isEmpty() || engine::config::isSecretReference(original))
                    out.remove(key); // a shown reference that was cleared
                // otherwise: an empty field keeps the hidden value
            } else {
                out.remove(key);
            }
        }
        return out;
    }

    // The fields in reading order, for the dialog's tab order.
    QList<QWidget *> tabStops() const
    {
        QList<QWidget *> stops;
        for (int page = 0; page < m_stack->count(); ++page) {
            for (QObject *child : m_stack->widget(page)->children()) {
                auto *widget = qobject_cast<QWidget *>(child);
                if (widget && (widget->focusPolicy() & Qt::TabFocus))
                    stops << widget;
            }
        }
        return stops;
    }

    QWidget *field(const QString &key) const
    {
        if (QComboBox *combo = m_combos.value(key))
            return combo;
        return m_edits.value(key);
    }

private:
    QLineEdit *addEdit(QWidget *parent, const QString &key)
    {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(key);
        if (engine::config::isSecretKey(key)) {
            edit->setEchoMode(QLineEdit::Password);
            // Typing a reference shows it; typing a secret hides it.
            connect(edit, &QLineEdit::textEdited, edit, [edit](const QString &text) {
                edit->setEchoMode(text.startsWith(QLatin1String("${")) ? QLineEdit::Normal : QLineEdit::Password);
            });
        }
        m_edits.insert(key, edit);
        return edit;
    }

    void updateSandbox()
    {
        const bool sandbox = m_sandbox->isChecked();
        for (const QString &key : kafkaKeys())
            field(key)->setEnabled(!sandbox);
        m_extra->setEnabled(!sandbox);
        m_addRow->setEnabled(!sandbox);
        m_removeRow->setEnabled(!sandbox);
    }

    QString m_workspaceDir;
    DatasourceKind m_kind = DatasourceKind::Kafka;
    std::optional<DatasourceKind> m_originalKind;
    QJsonObject m_original;
    QStringList m_tableKeys; // properties of m_original shown in the table
    QStackedWidget *m_stack = nullptr;
    QCheckBox *m_sandbox = nullptr;
    QLabel *m_extraLabel = nullptr;
    QTableWidget *m_extra = nullptr;
    QPushButton *m_addRow = nullptr;
    QPushButton *m_removeRow = nullptr;
    QPushButton *m_browse = nullptr;
    QMap<QString, QLineEdit *> m_edits;
    QMap<QString, QComboBox *> m_combos;
};

DatasourceEditDialog::DatasourceEditDialog(const engine::config::Datasources &existing, const QString &name,
                                           QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DatasourceEditDialog>())
    , m_existing(existing)
    , m_originalName(name)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("datasourceEditDialog"));
    m_first = new ConnectionForm(existing.workspaceDir(), this);
    m_first->setObjectName(QStringLiteral("firstConnection"));
    m_second = new ConnectionForm(existing.workspaceDir(), this);
    m_second->setObjectName(QStringLiteral("secondConnection"));
    for (const DatasourceKind kind : engine::config::kAllDatasourceKinds)
        m_ui->typeCombo->addItem(QString(), engine::config::datasourceKindName(kind)); // the file's text form
    m_ui->layoutCombo->addItem(QString());
    m_ui->layoutCombo->addItem(QString());
    retranslate();

    const auto raw = name.isEmpty() ? std::nullopt : existing.rawEntry(name);
    DatasourceKind initialKind = DatasourceKind::Kafka;
    if (raw) {
        m_original = *raw;
        initialKind = existing.kind(name).value_or(initialKind);
        m_ui->nameEdit->setText(name);
        const QJsonObject shared = raw->value(QStringLiteral("connection")).toObject();
        const bool separate = raw->contains(QStringLiteral("dev")) || raw->contains(QStringLiteral("prod"));
        m_ui->layoutCombo->setCurrentIndex(separate ? 1 : 0);
        m_first->load(initialKind, separate && raw->value(QStringLiteral("dev")).isObject()
                                       ? raw->value(QStringLiteral("dev")).toObject()
                                       : shared);
        m_second->load(initialKind, separate && raw->value(QStringLiteral("prod")).isObject()
                                        ? raw->value(QStringLiteral("prod")).toObject()
                                        : shared);
        setWindowTitle(tr("Edit datasource \"%1\"").arg(name));
    } else {
        m_first->load(initialKind, {});
        m_second->load(initialKind, {});
        setWindowTitle(tr("Add datasource"));
    }
    m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(engine::config::datasourceKindName(initialKind)));
    updateTabs();
    updateRenameWarning();

    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_first->setKind(kind());
        m_second->setKind(kind());
    });
    connect(m_ui->layoutCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (separateEnvironments() && !m_original.contains(QStringLiteral("prod")))
            m_second->load(kind(), m_first->toJson()); // Production starts as a copy of the shared connection
        updateTabs();
    });
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &DatasourceEditDialog::updateRenameWarning);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &DatasourceEditDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Tab order: name, type, environments, the tabs, each connection's fields, the buttons.
    QWidget *previous = m_ui->environmentTabs;
    QWidget::setTabOrder(m_ui->layoutCombo, previous);
    for (ConnectionForm *form : {m_first, m_second}) {
        for (QWidget *stop : form->tabStops()) {
            QWidget::setTabOrder(previous, stop);
            previous = stop;
        }
    }
    QWidget::setTabOrder(previous, m_ui->buttonBox);
}

DatasourceEditDialog::~DatasourceEditDialog() = default;

void DatasourceEditDialog::retranslate()
{
    for (int i = 0; i < m_ui->typeCombo->count(); ++i)
        m_ui->typeCombo->setItemText(i, kindLabel(engine::config::kAllDatasourceKinds.at(size_t(i))));
    m_ui->layoutCombo->setItemText(0, tr("One connection for both environments"));
    m_ui->layoutCombo->setItemText(1, tr("Separate Development and Production"));
    m_first->retranslate();
    m_second->retranslate();
}

void DatasourceEditDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        updateTabs();
        updateRenameWarning();
    }
    QDialog::changeEvent(event);
}

bool DatasourceEditDialog::separateEnvironments() const
{
    return m_ui->layoutCombo->currentIndex() == 1;
}

QString DatasourceEditDialog::kindLabel(DatasourceKind kind)
{
    switch (kind) {
    case DatasourceKind::Kafka:
        return tr("Kafka");
    case DatasourceKind::MaxCompute:
        return tr("MaxCompute");
    case DatasourceKind::Local:
        break;
    }
    return tr("Local warehouse");
}

DatasourceKind DatasourceEditDialog::kind() const
{
    return engine::config::kAllDatasourceKinds.at(size_t(qMax(0, m_ui->typeCombo->currentIndex())));
}

void DatasourceEditDialog::updateTabs()
{
    QTabWidget *tabs = m_ui->environmentTabs;
    const int current = tabs->currentIndex();
    tabs->clear();
    if (separateEnvironments()) {
        tabs->addTab(m_first, tr("Development (dev)"));
        tabs->addTab(m_second, tr("Production (prod)"));
        tabs->setCurrentIndex(qMax(0, current));
    } else {
        tabs->addTab(m_first, tr("Both environments"));
        m_second->hide();
    }
}

void DatasourceEditDialog::updateRenameWarning()
{
    const bool renamed = !m_originalName.isEmpty() && name() != m_originalName;
    m_ui->renameLabel->setVisible(renamed);
    m_ui->renameLabel->setText(renamed ? tr("Tasks refer to datasources by name: tasks that use \"%1\" must be changed "
                                            "to \"%2\" to keep working.")
                                             .arg(m_originalName, name())
                                       : QString());
}

QString DatasourceEditDialog::name() const
{
    return m_ui->nameEdit->text().trimmed();
}

QJsonObject DatasourceEditDialog::entry() const
{
    QJsonObject raw = m_original;
    raw.insert(QStringLiteral("type"), engine::config::datasourceKindName(kind()));
    if (separateEnvironments()) {
        raw.remove(QStringLiteral("connection"));
        raw.insert(QStringLiteral("dev"), m_first->toJson());
        raw.insert(QStringLiteral("prod"), m_second->toJson());
    } else {
        raw.remove(QStringLiteral("dev"));
        raw.remove(QStringLiteral("prod"));
        raw.insert(QStringLiteral("connection"), m_first->toJson());
    }
    return raw;
}

bool DatasourceEditDialog::validate()
{
    clearFieldErrors(this);
    bool ok = true;
    QWidget *firstProblem = nullptr;
    const auto report = [&](QWidget *field, const QString &message) {
        showFieldError(field, message);
        if (!firstProblem)
            firstProblem = field;
        ok = false;
    };
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_]+$"));
    const QString candidate = name();
    if (candidate.isEmpty()) {
        report(m_ui->nameEdit, tr("Name is empty; type a name of letters A–Z, a–z, digits 0–9 and _."));
    } else if (!namePattern.match(candidate).hasMatch()) {
        report(m_ui->nameEdit,
               tr("Name \"%1\" is not allowed: use only letters A–Z, a–z, digits 0–9 and _.").arg(candidate));
    } else if (candidate != m_originalName && m_existing.names().contains(candidate)) {
        report(m_ui->nameEdit,
               tr("Name \"%1\" is already used by another datasource; choose another name.").arg(candidate));
    }
    const QJsonObject raw = entry();
    const auto check = [&](ConnectionForm *form, const QString &section, const QString &environment) {
        const engine::config::Datasource datasource{candidate, kind(), raw.value(section).toObject(), raw, {}};
        const QStringList problems = engine::config::Datasources::connectionProblems(datasource);
        for (const QString &problem : problems) {
            // connectionProblems() names the missing property in quotes.
            const QRegularExpression quoted(QStringLiteral("\"([^\"]+)\"$"));
            const QString key = quoted.match(problem).captured(1);
            QWidget *field = form->field(key);
            report(field ? field : static_cast<QWidget *>(m_ui->environmentTabs),
                   tr("%1: %2 is required for a %3 datasource; type a value or ${env:NAME}.")
                       .arg(environment, key, m_ui->typeCombo->currentText()));
        }
    };
    if (separateEnvironments()) {
        check(m_first, QStringLiteral("dev"), tr("Development"));
        check(m_second, QStringLiteral("prod"), tr("Production"));
    } else {
        check(m_first, QStringLiteral("connection"), tr("Both environments"));
    }
    if (firstProblem) {
        if (m_second->isAncestorOf(firstProblem))
            m_ui->environmentTabs->setCurrentWidget(m_second);
        else if (m_first->isAncestorOf(firstProblem))
            m_ui->environmentTabs->setCurrentWidget(m_first);
        firstProblem->setFocus();
    }
    return ok;
}

void DatasourceEditDialog::accept()
{
    if (validate())
        QDialog::accept();
}

} // namespace kmsync::ui

#include "datasourceeditdialog.moc"
