#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QDialog>
#include <QFutureWatcher>

#include "engine/config/datasources.h"
#include "engine/core/stoptoken.h"
#include "widgets/datasources/secretstore.h"

class QCheckBox;
class QLineEdit;

namespace Ui {
class DatasourceDialog;
}

namespace kmsync::ui {

// What testing one datasource's connection found: a one-line summary, or why it failed.
struct ConnectionCheck
{
    bool ok = false;
    QString message;
};

// The workspace's datasources (datasources.json next to the task): name, type and connection with secrets masked,
// and "Test connection" for the selected one, run off the GUI thread. Below, the selected datasource's secret
// properties (isSecretKey()) per section (connection, dev, prod): a masked field for a new value and "Keep in the
// desktop keychain". Saving puts a kept secret into the SecretAccess store and writes ${keychain:KEY} into the file,
// or writes a typed value into the file; ${keychain:KEY} secrets are read (or asked for) only when testing. Closing
// the dialog stops a running test and does not wait for it.
class DatasourceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasourceDialog)

public:
    // Tests one datasource. Runs on a worker thread: it must not touch widgets; returns soon after `stop` is set.
    using ConnectionTester =
        std::function<ConnectionCheck(const engine::config::Datasource &datasource, const engine::StopToken &stop)>;

    explicit DatasourceDialog(const engine::config::Datasources &datasources, QWidget *parent = nullptr);
    ~DatasourceDialog() override;

    void setConnectionTester(ConnectionTester tester);
    // The keychain secrets are kept in and the prompter tests ask (none by default: no keychain).
    void setSecretAccess(SecretAccess secrets);
    // Selects a datasource by name; false when there is none of that name.
    bool selectDatasource(const QString &name);
    // Tests the selected datasource; connectionTested() reports the result.
    void testSelected();
    bool isTesting() const;
    // Stores the secrets typed or re-homed in the secrets box (asynchronously when the keychain is involved);
    // secretsSaved() or secretsFailed() reports the outcome.
    void saveSecrets();
    // Add…, Edit… and Remove: open the datasource form (or the confirmation) and save what it gives.
    void addDatasource();
    void editSelected();
    void removeSelected();
    // Writes datasources.json with `name` as `raw` (replacing `oldName` when renamed; `oldName` empty: a new
    // entry), or without `name`, on a worker thread; datasourcesSaved() or saveFailed() reports the outcome.
    // False (nothing started) while another save runs or when there is no datasources.json.
    bool saveDatasource(const QString &oldName, const QString &name, const QJsonObject &raw);
    bool removeDatasource(const QString &name);
    bool isSaving() const;

Q_SIGNALS:
    void connectionTested(const kmsync::ui::ConnectionCheck &check);
    void secretsSaved(const kmsync::engine::config::Datasources &datasources); // datasources.json as rewritten
    void secretsFailed(const QString &message);
    // After any change was written (secrets, added, edited or removed datasources): datasources.json as rewritten.
    void datasourcesSaved(const kmsync::engine::config::Datasources &datasources);
    void saveFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct SecretRow
    {
        QString section;  // "connection", "dev" or "prod"
        QString property; // e.g. "accessKey"
        QLineEdit *edit = nullptr;
        QCheckBox *keep = nullptr;
    };

    void fill();
    void fillSecrets();
    void onTested();
    void updateButtons();
    QString selectedName() const;
    void finishSecrets(const QString &name, const QJsonObject &raw, const QStringList &staleKeys);
    void failSecrets(const QString &message);
    struct SaveOutcome
    {
        engine::config::Datasources datasources;
        QString error;
    };
    enum class SaveOrigin { Secrets, List };
    // Writes `updated` to its file on a worker thread, then adopts it and selects `select`.
    void writeAsync(const engine::config::Datasources &updated, const QString &select, SaveOrigin origin,
                    const QStringList &staleKeys);
    void onWritten();
    void failList(const QString &message);

    std::unique_ptr<Ui::DatasourceDialog> m_ui;
    engine::config::Datasources m_datasources;
    ConnectionTester m_tester;
    SecretAccess m_secrets;
    QFutureWatcher<ConnectionCheck> m_watcher;
    std::shared_ptr<engine::StopToken> m_stop = std::make_shared<engine::StopToken>(); // the running test's
    std::vector<SecretRow> m_secretRows;
    QString m_secretsFor; // the datasource the secret rows belong to
    bool m_savingSecrets = false;
    QFutureWatcher<SaveOutcome> m_saveWatcher;
    QString m_saveSelect;
    SaveOrigin m_saveOrigin = SaveOrigin::List;
    QStringList m_saveStale;
};

} // namespace kmsync::ui
