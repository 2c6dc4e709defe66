#include "widgets/datasources/datasourcedialog.h"

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/config/secretref.h"
#include "ui_datasourcedialog.h"
#include "widgets/datasources/datasourceeditdialog.h"
#include "widgets/datasources/secretstore.h"
#include "widgets/common/wrappedlabels.h"

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
    connect(m_ui->saveSecretsButton, &QPushButton::clicked, this, &DatasourceDialog::saveSecrets);
    connect(m_ui->addButton, &QPushButton::clicked, this, &DatasourceDialog::addDatasource);
    connect(m_ui->editButton, &QPushButton::clicked, this, &DatasourceDialog::editSelected);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &DatasourceDialog::removeSelected);
    connect(m_ui->datasourceTable, &QTableWidget::cellDoubleClicked, this, &DatasourceDialog::editSelected);
    connect(&m_saveWatcher, &QFutureWatcher<SaveOutcome>::finished, this, &DatasourceDialog::onWritten);
    connect(m_ui->datasourceTable, &QTableWidget::itemSelectionChanged, this, [this] {
        if (selectedName() != m_secretsFor)
            fillSecrets();
        updateButtons();
    });
    connect(&m_watcher, &QFutureWatcher<ConnectionCheck>::finished, this, &DatasourceDialog::onTested);
    fill();
    keepWrappedLabelsWhole(this);
    resize(760, 420);
}

DatasourceDialog::~DatasourceDialog()
{
    // No wait for a test: it owns copies of all it uses and the stop ends it. (A save is a small local file write.)
    m_watcher.disconnect(this);
    m_stop->requestStop();
    m_saveWatcher.disconnect(this);
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
    if (m_datasources.file().isEmpty())
        m_ui->listStatusLabel->setText(tr("Add, Edit and Remove need a datasources.json next to the task; create one "
                                          "there (see README) to manage datasources here."));
    const QStringList names = m_datasources.names();
    m_ui->datasourceTable->setRowCount(int(names.size()));
    for (int row = 0; row < names.size(); ++row) {
        const QString &name = names.at(row);
        const auto datasource = m_datasources.resolve(name);
        // A datasource that does not resolve (an unset ${env:NAME}, a missing property) still has the type its
        // entry names; the Connection column then shows the problem.
        const auto fileKind = engine::config::parseDatasourceKind(
            m_datasources.rawEntry(name).value_or(QJsonObject()).value(QStringLiteral("type")).toString());
        QStringList cells = datasource
                              ? QStringList{name, engine::config::datasourceKindName(datasource->kind),
                                            datasource->toDisplayString()}
                              : QStringList{name, fileKind ? engine::config::datasourceKindName(*fileKind) : QString(),
                                            datasource.error().message};
        if (!datasource && !m_datasources.secretRequests({name}).empty()) {
            // Its secrets are in the keychain, read only when an action needs them: show the file's form, masked.
            const QJsonObject raw = m_datasources.rawEntry(name).value_or(QJsonObject());
            const QJsonObject connection = raw.value(m_datasources.env()).isObject()
                                             ? raw.value(m_datasources.env()).toObject()
                                             : raw.value(QStringLiteral("connection")).toObject();
            const QString type = raw.value(QStringLiteral("type")).toString();
            cells = QStringList{name, type,
                                QStringLiteral("%1 (%2) %3")
                                    .arg(name, type,
                                         QString::fromUtf8(QJsonDocument(engine::config::maskSecrets(connection))
                                                               .toJson(QJsonDocument::Compact)))};
        }
        for (int column = 0; column < cells.size(); ++column)
            m_ui->datasourceTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    if (!names.isEmpty() && m_ui->datasourceTable->currentRow() < 0)
        m_ui->datasourceTable->selectRow(0);
    fillSecrets();
    updateButtons();
}

QString DatasourceDialog::selectedName() const
{
    const int row = m_ui->datasourceTable->currentRow();
    const QTableWidgetItem *item = row >= 0 ? m_ui->datasourceTable->item(row, 0) : nullptr;
    return item ? item->text() : QString();
}

void DatasourceDialog::fillSecrets()
{
    QGridLayout *grid = m_ui->secretsGrid;
    while (QLayoutItem *item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_secretRows.clear();
    m_secretsFor = selectedName();
    const auto raw = m_datasources.rawEntry(m_secretsFor);
    if (raw) {
        for (const QString &section : {QStringLiteral("connection"), QStringLiteral("dev"), QStringLiteral("prod")}) {
            const QJsonObject connection = raw->value(section).toObject();
            for (auto it = connection.constBegin(); it != connection.constEnd(); ++it) {
                if (!engine::config::isSecretKey(it.key()) || !it->isString())
                    continue;
                const QString current = it->toString();
                SecretRow row{section, it.key(), new QLineEdit(m_ui->secretsGroup), new QCheckBox(m_ui->secretsGroup)};
                const bool inKeychain = engine::config::keychainReferenceKey(current).has_value();
                row.edit->setObjectName(QStringLiteral("secret_%1_%2").arg(section, it.key()));
                row.edit->setEchoMode(QLineEdit::Password);
                row.edit->setPlaceholderText(inKeychain ? tr("in the desktop keychain; type to replace")
                                             : engine::config::isSecretReference(current)
                                                 ? tr("from %1; type to replace").arg(current)
                                             : current.isEmpty() ? tr("empty; type a value")
                                                                 : tr("in datasources.json (hidden); type to replace"));
                row.keep->setObjectName(QStringLiteral("keep_%1_%2").arg(section, it.key()));
                row.keep->setText(tr("Keep in the desktop keychain"));
                row.keep->setToolTip(tr("Store this secret in the desktop keychain; datasources.json then holds only a "
                                        "${keychain:…} reference"));
                row.keep->setChecked(inKeychain);
                auto *label = new QLabel(QStringLiteral("%1 / %2").arg(section, it.key()), m_ui->secretsGroup);
                label->setBuddy(row.edit);
                const int r = grid->rowCount();
                grid->addWidget(label, r, 0);
                grid->addWidget(row.edit, r, 1);
                grid->addWidget(row.keep, r, 2);
                m_secretRows.push_back(row);
            }
        }
    }
    if (m_secretRows.empty()) {
        grid->addWidget(new QLabel(m_secretsFor.isEmpty() ? tr("Select a datasource to see its secrets.")
                                                          : tr("\"%1\" has no secret properties.").arg(m_secretsFor),
                                   m_ui->secretsGroup),
                        0, 0);
    }
    // Tab order: the table, Test connection, each secret's field and checkbox, Save secrets.
    QWidget *previous = m_ui->testButton;
    for (const SecretRow &row : m_secretRows) {
        QWidget::setTabOrder(previous, row.edit);
        QWidget::setTabOrder(row.edit, row.keep);
        previous = row.keep;
    }
    QWidget::setTabOrder(previous, m_ui->saveSecretsButton);
}

void DatasourceDialog::saveSecrets()
{
    const QString name = m_secretsFor;
    const auto entry = m_datasources.rawEntry(name);
    if (isSaving() || !entry || m_secretRows.empty())
        return;
    if (m_datasources.file().isEmpty()) {
        failSecrets(tr("There is no datasources.json to save the secrets to."));
        return;
    }
    const std::shared_ptr<SecretStore> store = m_secrets.store;
    QJsonObject raw = *entry;
    struct Write
    {
        QString key;
        QString value;
    };
    std::vector<Write> writes;
    QStringList stale; // keychain entries no longer referenced
    QStringList problems;
    for (const SecretRow &row : m_secretRows) {
        QJsonObject section = raw.value(row.section).toObject();
        const QString current = section.value(row.property).toString();
        const auto currentKey = engine::config::keychainReferenceKey(current);
        const QString typed = row.edit->text();
        const QString field = QStringLiteral("%1 / %2").arg(row.section, row.property);
        if (row.keep->isChecked()) {
            QString value = typed;
            if (value.isEmpty() && !currentKey && !current.startsWith(QLatin1String("${env:")))
                value = current; // move the file's clear-text value into the keychain
            if (value.isEmpty()) {
                if (!currentKey)
                    problems << tr("%1: type the secret to keep it in the desktop keychain.").arg(field);
                continue;
            }
            if (!store) {
                problems << tr("%1: no desktop keychain is available to kmsync.").arg(field);
                continue;
            }
            const QString key = engine::config::keychainEntryKey(m_datasources.file(), name, row.section, row.property);
            writes.push_back({key, value});
            section.insert(row.property, engine::config::keychainReference(key));
        } else {
            if (typed.isEmpty()) {
                if (currentKey)
                    problems
                        << tr("%1: type the secret to store it in datasources.json instead of the desktop keychain.")
                               .arg(field);
                continue;
            }
            section.insert(row.property, typed);
            if (currentKey)
                stale << *currentKey;
        }
        raw.insert(row.section, section);
    }
    if (!problems.isEmpty()) {
        failSecrets(tr("Nothing was saved. %1").arg(problems.join(QLatin1Char(' '))));
        return;
    }
    if (writes.empty()) {
        finishSecrets(name, raw, stale);
        return;
    }
    m_savingSecrets = true;
    m_ui->secretsStatusLabel->setStyleSheet(QString());
    m_ui->secretsStatusLabel->setText(tr("Storing %n secret(s) in the desktop keychain…", nullptr, int(writes.size())));
    updateButtons();
    struct Pending
    {
        int left = 0;
        QStringList failures;
    };
    auto pending = std::make_shared<Pending>();
    pending->left = int(writes.size());
    const QPointer<DatasourceDialog> self(this);
    for (const Write &write : writes) {
        store->write(write.key, write.value, [self, pending, name, raw, stale](const engine::Result<void> &done) {
            if (!done)
                pending->failures << done.error().message;
            if (--pending->left > 0 || !self)
                return;
            self->m_savingSecrets = false;
            if (!pending->failures.isEmpty()) {
                self->failSecrets(tr("Nothing was saved: %1").arg(pending->failures.join(QLatin1Char(' '))));
                return;
            }
            self->finishSecrets(name, raw, stale);
        });
    }
}

void DatasourceDialog::finishSecrets(const QString &name, const QJsonObject &raw, const QStringList &staleKeys)
{
    engine::config::Datasources updated = m_datasources;
    const engine::Result<void> inserted = updated.insert(name, raw);
    if (!inserted) {
        failSecrets(inserted.error().message);
        return;
    }
    writeAsync(updated, name, SaveOrigin::Secrets, staleKeys);
}

void DatasourceDialog::writeAsync(const engine::config::Datasources &updated, const QString &select, SaveOrigin origin,
                                  const QStringList &staleKeys)
{
    m_saveSelect = select;
    m_saveOrigin = origin;
    m_saveStale = staleKeys;
    QLabel *status = origin == SaveOrigin::Secrets ? m_ui->secretsStatusLabel : m_ui->listStatusLabel;
    status->setStyleSheet(QString());
    status->setText(tr("Writing %1…").arg(QDir::toNativeSeparators(updated.file())));
    // On the worker: the file is written from a copy; the dialog adopts it when the write succeeded.
    m_saveWatcher.setFuture(QtConcurrent::run([copy = engine::config::Datasources(updated)]() mutable -> SaveOutcome {
        const engine::Result<void> saved = copy.saveFile(copy.file());
        return {copy, saved ? QString() : saved.error().message};
    }));
    updateButtons();
}

void DatasourceDialog::onWritten()
{
    const SaveOutcome outcome = m_saveWatcher.result();
    const SaveOrigin origin = m_saveOrigin;
    if (!outcome.error.isEmpty()) {
        updateButtons();
        if (origin == SaveOrigin::Secrets)
            failSecrets(outcome.error);
        else
            failList(outcome.error);
        return;
    }
    m_datasources = outcome.datasources;
    if (const std::shared_ptr<SecretStore> store = m_secrets.store) {
        for (const QString &key : std::as_const(m_saveStale))
            store->remove(key, [](const engine::Result<void> &) {}); // best effort: the file no longer refers to it
    }
    fill();
    selectDatasource(m_saveSelect);
    QLabel *status = origin == SaveOrigin::Secrets ? m_ui->secretsStatusLabel : m_ui->listStatusLabel;
    status->setStyleSheet(QStringLiteral("color: #2e7d32;"));
    status->setText(tr("✔ Saved to %1.").arg(QDir::toNativeSeparators(m_datasources.file())));
    updateButtons();
    if (origin == SaveOrigin::Secrets)
        Q_EMIT secretsSaved(m_datasources);
    Q_EMIT datasourcesSaved(m_datasources);
}

void DatasourceDialog::failList(const QString &message)
{
    m_ui->listStatusLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->listStatusLabel->setText(QStringLiteral("✖ ") + message);
    updateButtons();
    Q_EMIT saveFailed(message);
}

bool DatasourceDialog::isSaving() const
{
    return m_savingSecrets || m_saveWatcher.isRunning();
}

void DatasourceDialog::addDatasource()
{
    if (isSaving() || m_datasources.file().isEmpty())
        return;
    DatasourceEditDialog form(m_datasources, QString(), this);
    if (form.exec() == QDialog::Accepted)
        saveDatasource(QString(), form.name(), form.entry());
}

void DatasourceDialog::editSelected()
{
    const QString name = selectedName();
    if (isSaving() || name.isEmpty() || m_datasources.file().isEmpty())
        return;
    DatasourceEditDialog form(m_datasources, name, this);
    if (form.exec() == QDialog::Accepted)
        saveDatasource(name, form.name(), form.entry());
}

void DatasourceDialog::removeSelected()
{
    const QString name = selectedName();
    if (isSaving() || name.isEmpty() || m_datasources.file().isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Remove datasource"),
        tr("Remove \"%1\" from %2? Tasks that use \"%1\" will no longer run until they name another datasource.")
            .arg(name, QDir::toNativeSeparators(m_datasources.file())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        removeDatasource(name);
}

bool DatasourceDialog::saveDatasource(const QString &oldName, const QString &name, const QJsonObject &raw)
{
    if (isSaving() || m_datasources.file().isEmpty())
        return false;
    engine::config::Datasources updated = m_datasources;
    if (!oldName.isEmpty() && oldName != name)
        updated.remove(oldName); // a rename
    const engine::Result<void> inserted = updated.insert(name, raw);
    if (!inserted) {
        failList(inserted.error().message);
        return false;
    }
    writeAsync(updated, name, SaveOrigin::List, {});
    return true;
}

bool DatasourceDialog::removeDatasource(const QString &name)
{
    if (isSaving() || m_datasources.file().isEmpty())
        return false;
    engine::config::Datasources updated = m_datasources;
    const QJsonObject raw = updated.rawEntry(name).value_or(QJsonObject());
    if (!updated.remove(name))
        return false;
    // The keychain entries this dialog made for the removed datasource are no longer referred to.
    QStringList stale;
    for (const QString &section : {QStringLiteral("connection"), QStringLiteral("dev"), QStringLiteral("prod")}) {
        const QJsonObject connection = raw.value(section).toObject();
        for (auto it = connection.constBegin(); it != connection.constEnd(); ++it) {
            const auto key = it->isString() ? engine::config::keychainReferenceKey(it->toString()) : std::nullopt;
            if (key && *key == engine::config::keychainEntryKey(m_datasources.file(), name, section, it.key()))
                stale << *key;
        }
    }
    const QStringList names = updated.names();
    writeAsync(updated, names.isEmpty() ? QString() : names.first(), SaveOrigin::List, stale);
    return true;
}

void DatasourceDialog::failSecrets(const QString &message)
{
    m_ui->secretsStatusLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_ui->secretsStatusLabel->setText(QStringLiteral("✖ ") + message);
    updateButtons();
    Q_EMIT secretsFailed(message);
}

void DatasourceDialog::setSecretAccess(SecretAccess secrets)
{
    m_secrets = std::move(secrets);
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
    const bool writable = !m_datasources.file().isEmpty() && !isSaving();
    const bool selected = m_ui->datasourceTable->currentRow() >= 0;
    m_ui->saveSecretsButton->setEnabled(!m_secretRows.empty() && writable);
    m_ui->addButton->setEnabled(writable);
    m_ui->editButton->setEnabled(writable && selected);
    m_ui->removeButton->setEnabled(writable && selected);
}

void DatasourceDialog::testSelected()
{
    const int row = m_ui->datasourceTable->currentRow();
    if (!m_tester || row < 0 || m_watcher.isRunning())
        return;
    const QString name = m_ui->datasourceTable->item(row, 0)->text();
    m_ui->testStatusLabel->setStyleSheet(QString());
    m_ui->testStatusLabel->setText(tr("Testing \"%1\"…").arg(name));
    // On the worker: ${keychain:...} secrets are read (or asked for) now, for this test only.
    m_stop = std::make_shared<engine::StopToken>();
    m_watcher.setFuture(QtConcurrent::run([tester = m_tester, prompter = m_secrets.prompter,
                                           datasources = m_datasources, name, stop = m_stop]() -> ConnectionCheck {
        const auto resolved = withSecrets(prompter.get(), datasources, {name}, *stop);
        if (!resolved)
            return {false, resolved.error().message};
        const auto datasource = resolved->resolve(name);
        if (!datasource)
            return {false, datasource.error().message};
        return tester(*datasource, *stop);
    }));
    updateButtons();
}

void DatasourceDialog::onTested()
{
    const ConnectionCheck check = m_watcher.result();
    m_ui->testStatusLabel->setText((check.ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + check.message);
    m_ui->testStatusLabel->setStyleSheet(check.ok ? QStringLiteral("color: #2e7d32;")
                                                  : QStringLiteral("color: #c62828;"));
    updateButtons();
    Q_EMIT connectionTested(check);
}

} // namespace kmsync::ui
