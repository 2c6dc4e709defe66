#pragma once

#include <map>
#include <optional>
#include <vector>

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include "engine/config/datasource.h"
#include "engine/config/secretref.h"
#include "engine/core/result.h"

namespace kmsync::engine::config {

// The workspace's datasources file (datasources.json):
//   {"datasources": {"NAME": {"type": "kafka"|"odps"|"local", "dev": {...}, "prod": {...}}}}
// "type" is parsed into a DatasourceKind at load (datasourcekind.h); an unknown one fails the load, naming the entry.
// or a single "connection": {...} used for both environments. Kafka connections are librdkafka
// properties (bootstrap.servers, security.protocol, sasl.*, ssl.*) or {"sandbox": true}; local has
// "path" (a SQLite file, relative to the workspace); odps has endpoint, tunnelEndpoint (optional),
// project, accessId, accessKey (optional securityToken). Any string value may contain ${env:NAME},
// expanded at load. A top-level connection value may be "${keychain:KEY}" (a secret in the desktop keychain, see
// secretref.h): such a datasource resolves only in a copy made by withSecrets(); without one, resolve() says which
// property is in the keychain and how to supply it instead. Saving writes the entries as the file had them
// (${env:NAME} and ${keychain:KEY} stay).
class Datasources
{
public:
    Datasources() = default;

    // Reads the file; the workspace is the file's folder. Errors (code "datasource.*") name the file,
    // the datasource and the field.
    static Result<Datasources> load(const QString &file, const QString &env);
    // `workspaceDir` resolves relative local paths.
    static Result<Datasources> fromJson(const QJsonObject &object, const QString &env, const QString &workspaceDir);

    // nullopt for an unknown name, and for a datasource that has no connection for the environment or
    // whose ${env:X} is not set (resolve() says which).
    std::optional<Datasource> find(const QString &name) const;
    // Like find(), with an Error that says why (unknown name: lists the known ones).
    Result<Datasource> resolve(const QString &name) const;
    QStringList names() const;
    // The entry's kind (also when it does not resolve); nullopt for an unknown name.
    std::optional<DatasourceKind> kind(const QString &name) const;
    // The entry as the file has it (also when it does not resolve); nullopt for an unknown name.
    std::optional<QJsonObject> rawEntry(const QString &name) const;
    QString workspaceDir() const { return m_workspaceDir; }
    QString env() const { return m_env; }
    QString file() const { return m_file; }

    // The file content to save: the raw entries (secrets as the file had them).
    QJsonObject toJson() const;
    // Writes toJson() (indented, keys sorted) atomically; the file then becomes file().
    Result<void> saveFile(const QString &file);
    // Adds or replaces an entry (raw form, as in the file), resolving it for the current environment.
    Result<void> insert(const QString &name, const QJsonObject &raw);
    // Removes an entry; false when there was none.
    bool remove(const QString &name) { return m_entries.erase(name) > 0; }
    // The ${keychain:KEY} secrets that the named datasources' connections (for the current environment) refer to,
    // each key once.
    std::vector<SecretRequest> secretRequests(const QStringList &names) const;
    // A copy in which the named datasources' ${keychain:KEY} references are resolved through `lookup` (asked once
    // per key). The first lookup error is returned (code "datasource.secret", naming datasource and property).
    Result<Datasources> withSecrets(SecretLookup &lookup, const QStringList &names) const;
    // Checks the resolved connection's required fields for its kind; empty when complete.
    static QStringList connectionProblems(const Datasource &datasource);

private:
    struct Entry
    {
        DatasourceKind kind = DatasourceKind::Kafka;
        QJsonObject raw;
        std::optional<Datasource> resolved;
        QString problem; // why `resolved` is empty
    };
    // The current environment's connection as the file has it: its dev/prod object, else the shared "connection".
    std::optional<QJsonObject> connectionFor(const QJsonObject &raw) const;
    Entry resolveEntry(const QString &name, DatasourceKind kind, const QJsonObject &raw) const;

    std::map<QString, Entry> m_entries;
    QJsonObject m_extra; // top-level keys other than "datasources"
    QString m_env = QStringLiteral("dev");
    QString m_workspaceDir;
    QString m_file;
    QMap<QString, QString> m_secrets; // keychain key -> value, only in copies made by withSecrets()
};

} // namespace kmsync::engine::config
