#pragma once

#include <memory>

#include <QDialog>
#include <QJsonObject>

#include "engine/config/datasources.h"

namespace Ui {
class DatasourceEditDialog;
}

namespace kmsync::ui {

class ConnectionForm;

// Adds or edits one datasource of datasources.json: its name ([A-Za-z0-9_]+, unique), type (kafka, odps, local) and
// either one "connection" for both environments or separate "dev" and "prod" connections, each with the type's
// properties (Kafka: bootstrap.servers, sandbox, security/SASL/SSL properties and a table of any other librdkafka
// property; MaxCompute: endpoint, project, accessId, accessKey, tunnelEndpoint, securityToken; Local: path).
// Secret values already in the file are never shown: an empty masked field keeps them, a ${env:…} or
// ${keychain:…} reference is shown as is. Properties and entry keys the form does not know are kept.
class DatasourceEditDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasourceEditDialog)

public:
    // `existing` gives the other names (for uniqueness), the workspace folder and, when `name` is not empty, the
    // entry to edit.
    explicit DatasourceEditDialog(const engine::config::Datasources &existing, const QString &name = QString(),
                                  QWidget *parent = nullptr);
    ~DatasourceEditDialog() override;

    // The name and entry (raw form, as the file has it) the form describes now.
    QString name() const;
    QJsonObject entry() const;
    // Checks the form and shows each problem next to its field; true when it can be saved.
    bool validate();

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    bool separateEnvironments() const;
    engine::config::DatasourceKind kind() const;
    static QString kindLabel(engine::config::DatasourceKind kind);
    void updateTabs();
    void updateRenameWarning();
    void retranslate();

    std::unique_ptr<Ui::DatasourceEditDialog> m_ui;
    engine::config::Datasources m_existing;
    QString m_originalName;
    QJsonObject m_original;
    ConnectionForm *m_first = nullptr;  // "connection", or "dev" when the environments are separate
    ConnectionForm *m_second = nullptr; // "prod"
};

} // namespace kmsync::ui
