#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QDialog>
#include <QFutureWatcher>

#include "engine/config/datasources.h"

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
// desktop keychain". Saving puts a kept secret into secretStore() and writes ${keychain:KEY} into the file, or
// writes a typed value into the file; ${keychain:KEY} secrets are read (or asked for) only when testing.
class DatasourceDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasourceDialog)

public:
    // Tests one datasource. Runs on a worker thread: it must not touch widgets.
    using ConnectionTester = std::function<ConnectionCheck(const engine::config::Datasource &datasource)>;

    explicit DatasourceDialog(const engine::config::Datasources &datasources, QWidget *parent = nullptr);
    ~DatasourceDialog() override;

    void setConnectionTester(ConnectionTester tester);
    // Selects a datasource by name; false when there is none of that name.
    bool selectDatasource(const QString &name);
    // Tests the selected datasource; connectionTested() reports the result.
    void testSelected();
    bool isTesting() const;
    // Stores the secrets typed or re-homed in the secrets box (asynchronously when the keychain is involved);
    // secretsSaved() or secretsFailed() reports the outcome.
    void saveSecrets();

Q_SIGNALS:
    void connectionTested(const kmsync::ui::ConnectionCheck &check);
    void secretsSaved(const kmsync::engine::config::Datasources &datasources); // datasources.json as rewritten
    void secretsFailed(const QString &message);

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
    void finishSecrets(const QString &name, QJsonObject raw, const QStringList &staleKeys);
    void failSecrets(const QString &message);

    std::unique_ptr<Ui::DatasourceDialog> m_ui;
    engine::config::Datasources m_datasources;
    ConnectionTester m_tester;
    QFutureWatcher<ConnectionCheck> m_watcher;
    std::vector<SecretRow> m_secretRows;
    QString m_secretsFor; // the datasource the secret rows belong to
    bool m_savingSecrets = false;
};

} // namespace kmsync::ui
