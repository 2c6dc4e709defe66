#pragma once

#include <QJsonObject>
#include <QString>

#include "engine/config/datasourcekind.h"

namespace kmsync::engine::config {

// One named datasource of a workspace, resolved for one environment.
struct Datasource
{
    QString name;
    DatasourceKind kind = DatasourceKind::Kafka; // parsed from the entry's "type" when the file is loaded
    QJsonObject connection; // for the selected environment, ${env:X} expanded, local path made absolute
    QJsonObject raw;        // the entry as the file has it (${env:X} kept)
    QJsonObject references; // connection properties whose value came from ${keychain:KEY} -> that reference

    bool isSandbox() const
    {
        return kind == DatasourceKind::Kafka && connection.value(QStringLiteral("sandbox")).toBool();
    }
    // The connection as text for logs and the UI, secrets masked: {"accessId":"LTAI...","accessKey":"******"};
    // a value from the keychain is shown as its ${keychain:KEY} reference.
    QString toDisplayString() const;

    friend bool operator==(const Datasource &, const Datasource &) = default;
};

// accessKey, securityToken, sasl.password, ssl.key.password, ssl.keystore.password, and any key that
// contains "password" or "secret" (case-insensitive).
bool isSecretKey(const QString &key);
// True when `value` is exactly "${env:NAME}" or "${keychain:KEY}": it names where a secret is, and is no secret.
bool isSecretReference(const QString &value);
// A copy with every secret value replaced by "******" (recursively). A value that is only a
// ${env:NAME} or ${keychain:KEY} reference is not a secret and is shown as is.
QJsonObject maskSecrets(const QJsonObject &object);

} // namespace kmsync::engine::config
