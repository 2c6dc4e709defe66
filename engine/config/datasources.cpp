#include "engine/config/datasources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>

#include "engine/config/loosejson.h"

namespace kmsync::engine::config {

namespace {

// Expands every ${env:NAME} in `text`; the name of the first unset variable goes to `missing`.
QString expandEnv(const QString &text, QString &missing)
{
    static const QRegularExpression re(QStringLiteral(R"(\$\{env:([A-Za-z_][A-Za-z0-9_]*)\})"));
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += text.mid(last, match.capturedStart() - last);
        const QString var = match.captured(1);
        const QByteArray name = var.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData())) {
            if (missing.isEmpty())
                missing = var;
        } else {
            out += qEnvironmentVariable(name.constData());
        }
        last = match.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

// Expands ${env:X} in every string of `object`; `field` gets the key whose variable is missing.
QJsonObject expandObject(const QJsonObject &object, QString &missingVar, QString &field,
                         const QString &prefix = QString())
{
    QJsonObject out;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it->isString()) {
            QString missing;
            out.insert(it.key(), expandEnv(it->toString(), missing));
            if (!missing.isEmpty() && missingVar.isEmpty()) {
                missingVar = missing;
                field = key;
            }
        } else if (it->isObject()) {
            out.insert(it.key(), expandObject(it->toObject(), missingVar, field, key));
        } else {
            out.insert(it.key(), *it);
        }
    }
    return out;
}

} // namespace

Result<Datasources> Datasources::load(const QString &file, const QString &env)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("datasource.io"),
                         QStringLiteral("cannot read datasources file %1: %2").arg(file, f.errorString()));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        return makeError(QStringLiteral("datasource.json"),
                         QStringLiteral("%1 is not a JSON object: %2 at byte %3")
                             .arg(file, error.error != QJsonParseError::NoError ? error.errorString()
                                                                                : QStringLiteral("not an object"))
                             .arg(error.offset));
    }
    auto result = fromJson(doc.object(), env, QFileInfo(file).absolutePath());
    if (!result)
        return Error{result.error().code, QStringLiteral("%1: %2").arg(file, result.error().message)};
    result->m_file = QFileInfo(file).absoluteFilePath();
    return result;
}

Result<Datasources> Datasources::fromJson(const QJsonObject &object, const QString &env, const QString &workspaceDir)
{
    if (env != QLatin1String("dev") && env != QLatin1String("prod")) {
        return makeError(QStringLiteral("datasource.env"),
                         QStringLiteral("environment \"%1\" is not allowed; use dev or prod").arg(env));
    }
    Datasources out;
    out.m_env = env;
    out.m_workspaceDir = workspaceDir;
    out.m_extra = object;
    out.m_extra.remove(QStringLiteral("datasources"));
    const QJsonValue list = object.value(QStringLiteral("datasources"));
    if (!list.isObject()) {
        return makeError(
            QStringLiteral("datasource.structure"),
            list.isUndefined()
                ? QStringLiteral("missing \"datasources\": {\"NAME\": {\"type\": ..., \"connection\": {...}}}")
                : QStringLiteral("\"datasources\" must be an object of named entries, got %1").arg(jsonTypeName(list)));
    }
    const QJsonObject entries = list.toObject();
    for (auto it = entries.constBegin(); it != entries.constEnd(); ++it) {
        if (!it->isObject()) {
            return makeError(QStringLiteral("datasource.structure"),
                             QStringLiteral("datasource \"%1\" must be an object, got %2")
                                 .arg(it.key(), jsonTypeName(*it)));
        }
        const QJsonObject raw = it->toObject();
        const auto kind = datasourceKindOf(it.key(), raw.value(QStringLiteral("type")));
        if (!kind)
            return kind.error();
        for (const QString &key : {QStringLiteral("connection"), QStringLiteral("dev"), QStringLiteral("prod")}) {
            if (raw.contains(key) && !raw.value(key).isObject()) {
                return makeError(QStringLiteral("datasource.structure"),
                                 QStringLiteral("datasource \"%1\": \"%2\" must be an object of connection properties")
                                     .arg(it.key(), key));
            }
        }
        out.m_entries[it.key()] = out.resolveEntry(it.key(), *kind, raw);
    }
    return out;
}

std::optional<QJsonObject> Datasources::connectionFor(const QJsonObject &raw) const
{
    if (raw.value(m_env).isObject())
        return raw.value(m_env).toObject();
    if (raw.value(QStringLiteral("connection")).isObject())
        return raw.value(QStringLiteral("connection")).toObject();
    return std::nullopt;
}

Datasources::Entry Datasources::resolveEntry(const QString &name, DatasourceKind kind, const QJsonObject &raw) const
{
    Entry entry;
    entry.kind = kind;
    entry.raw = raw;
    const std::optional<QJsonObject> fileConnection = connectionFor(raw);
    if (!fileConnection) {
        entry.problem = QStringLiteral("datasource \"%1\" has no \"%2\" connection (and no shared \"connection\")")
                            .arg(name, m_env);
        return entry;
    }
    QJsonObject connection = *fileConnection;
    QString missingVar;
    QString field;
    connection = expandObject(connection, missingVar, field);
    if (!missingVar.isEmpty()) {
        entry.problem = QStringLiteral("datasource \"%1\" field \"%2\": environment variable %3 is not set")
                            .arg(name, field, missingVar);
        return entry;
    }
    QJsonObject references;
    for (auto it = connection.begin(); it != connection.end(); ++it) {
        const auto key = it->isString() ? keychainReferenceKey(it->toString()) : std::nullopt;
        if (!key)
            continue;
        const auto secret = m_secrets.constFind(*key);
        if (secret == m_secrets.constEnd()) {
            entry.problem = QStringLiteral(
                                "datasource \"%1\" property \"%2\" is kept in the desktop keychain (%3), which "
                                "this program does not read; put it in the datasources file as ${env:NAME} "
                                "and set the environment variable NAME, or run the task from the kmsync "
                                "desktop app")
                                .arg(name, it.key(), it->toString());
            return entry;
        }
        references.insert(it.key(), it->toString());
        *it = *secret;
    }
    if (kind == DatasourceKind::Local) {
        const QString path = connection.value(QStringLiteral("path")).toString();
        if (!path.isEmpty())
            connection.insert(QStringLiteral("path"), QDir::cleanPath(QDir(m_workspaceDir).absoluteFilePath(path)));
    }
    entry.resolved = Datasource{name, kind, connection, raw, references};
    return entry;
}

std::optional<Datasource> Datasources::find(const QString &name) const
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end())
        return std::nullopt;
    return it->second.resolved;
}

Result<Datasource> Datasources::resolve(const QString &name) const
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end()) {
        const QStringList known = names();
        QString where = m_file.isEmpty()
                          ? QCoreApplication::translate("Datasources", "no datasources file was found")
                          : QCoreApplication::translate("Datasources", "%1 has %2")
                                .arg(m_file, known.isEmpty() ? QCoreApplication::translate("Datasources", "none")
                                                             : known.join(QStringLiteral(", ")));
        if (m_file.isEmpty() && !known.isEmpty())
            where = QCoreApplication::translate("Datasources", "known: %1").arg(known.join(QStringLiteral(", ")));
        // Without a file, how to give one depends on the front end (kmsync-cli: --datasources; the app: its
        // Datasources dialog): each adds its own advice for datasource.no_file.
        return makeError(m_file.isEmpty() && known.isEmpty() ? QStringLiteral("datasource.no_file")
                                                             : QStringLiteral("datasource.unknown"),
                         QCoreApplication::translate("Datasources", "unknown datasource \"%1\"; %2").arg(name, where));
    }
    if (!it->second.resolved)
        return makeError(QStringLiteral("datasource.unresolved"), it->second.problem);
    return *it->second.resolved;
}

QStringList Datasources::names() const
{
    QStringList out;
    for (const auto &[name, entry] : m_entries)
        out << name;
    return out;
}

std::optional<DatasourceKind> Datasources::kind(const QString &name) const
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end())
        return std::nullopt;
    return it->second.kind;
}

std::optional<QJsonObject> Datasources::rawEntry(const QString &name) const
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end())
        return std::nullopt;
    return it->second.raw;
}

QJsonObject Datasources::toJson() const
{
    QJsonObject list;
    for (const auto &[name, entry] : m_entries)
        list.insert(name, entry.raw);
    QJsonObject out = m_extra;
    out.insert(QStringLiteral("datasources"), list);
    return out;
}

Result<void> Datasources::saveFile(const QString &file)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("datasource.io"),
                         QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    out.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!out.commit())
        return makeError(QStringLiteral("datasource.io"),
                         QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    m_file = QFileInfo(file).absoluteFilePath();
    return {};
}

Result<void> Datasources::insert(const QString &name, const QJsonObject &raw)
{
    if (name.trimmed().isEmpty())
        return makeError(QStringLiteral("datasource.name"), QStringLiteral("a datasource needs a name"));
    const auto kind = datasourceKindOf(name, raw.value(QStringLiteral("type")));
    if (!kind)
        return kind.error();
    m_entries[name] = resolveEntry(name, *kind, raw);
    return {};
}

std::vector<SecretRequest> Datasources::secretRequests(const QStringList &names) const
{
    std::vector<SecretRequest> out;
    QStringList seen;
    for (const QString &name : names) {
        const auto it = m_entries.find(name);
        if (it == m_entries.end())
            continue;
        const QJsonObject connection = connectionFor(it->second.raw).value_or(QJsonObject());
        for (auto value = connection.constBegin(); value != connection.constEnd(); ++value) {
            const auto key = value->isString() ? keychainReferenceKey(value->toString()) : std::nullopt;
            if (!key || seen.contains(*key))
                continue;
            seen.append(*key);
            out.push_back({*key, name, value.key()});
        }
    }
    return out;
}

Result<Datasources> Datasources::withSecrets(SecretLookup &lookup, const QStringList &names) const
{
    Datasources out = *this;
    const std::vector<SecretRequest> requests = secretRequests(names);
    if (requests.empty())
        return out;
    for (const SecretRequest &request : requests) {
        auto secret = lookup.secret(request);
        if (!secret) {
            return makeError(QStringLiteral("datasource.secret"),
                             QStringLiteral("datasource \"%1\" property \"%2\" (kept in the desktop keychain): %3")
                                 .arg(request.datasource, request.property, secret.error().message));
        }
        out.m_secrets.insert(request.key, *secret);
    }
    for (const QString &name : names) {
        auto it = out.m_entries.find(name);
        if (it != out.m_entries.end())
            it->second = out.resolveEntry(name, it->second.kind, it->second.raw);
    }
    return out;
}

QStringList Datasources::connectionProblems(const Datasource &ds)
{
    QStringList problems;
    const QJsonObject &c = ds.connection;
    const auto need = [&](const char *key) {
        const QString k = QString::fromLatin1(key);
        if (c.value(k).toString().trimmed().isEmpty())
            problems
                << QStringLiteral("datasource \"%1\" (%2) has no \"%3\"").arg(ds.name, datasourceKindName(ds.kind), k);
    };
    switch (ds.kind) {
    case DatasourceKind::Kafka:
        if (!ds.isSandbox())
            need("bootstrap.servers");
        break;
    case DatasourceKind::Local:
        need("path");
        break;
    case DatasourceKind::MaxCompute:
        need("endpoint");
        need("project");
        need("accessId");
        need("accessKey");
        break;
    }
    return problems;
}

} // namespace kmsync::engine::config
