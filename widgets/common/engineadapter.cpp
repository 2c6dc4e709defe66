#include "widgets/common/engineadapter.h"

#include <QDir>
#include <QFileInfo>

#include "engine/config/ddlgenerator.h"
#include "engine/job/connector.h"
#include "engine/job/destination.h"
#include "widgets/datasources/secretstore.h"

namespace kmsync::ui {

engine::config::Datasources datasourcesForTask(const QString &taskPath)
{
    if (taskPath.isEmpty())
        return {};
    const QString file = QFileInfo(taskPath).absoluteDir().filePath(QStringLiteral("datasources.json"));
    if (!QFileInfo::exists(file))
        return {};
    auto loaded = engine::config::Datasources::load(file, QStringLiteral("dev"));
    return loaded ? std::move(loaded).value() : engine::config::Datasources{};
}

QStringList datasourceNames(const engine::config::Datasources &datasources,
                            const std::function<bool(engine::config::DatasourceKind)> &wanted)
{
    QStringList names;
    for (const QString &name : datasources.names()) {
        const auto ds = datasources.find(name);
        if (ds && wanted(ds->kind))
            names.append(name);
    }
    return names;
}

namespace {

// The datasource, its ${keychain:...} secrets read (or asked for) for this one action.
engine::Result<engine::config::Datasource> resolveWithSecrets(const engine::config::Datasources &datasources,
                                                              const QString &datasource, SecretPrompter *prompter,
                                                              const engine::StopToken &stop)
{
    const auto resolved = withSecrets(prompter, datasources, {datasource}, stop);
    if (!resolved)
        return resolved.error();
    return resolved->resolve(datasource);
}

} // namespace

TopicListing listTopics(const engine::config::Datasources &datasources, const QString &datasource,
                        SecretPrompter *prompter, const engine::StopToken &stop)
{
    const auto ds = resolveWithSecrets(datasources, datasource, prompter, stop);
    if (!ds)
        return {{}, ds.error().message};
    auto topics = engine::connectorFor(ds->kind).listTopics(*ds, engine::kConnectTimeoutMs, stop);
    if (!topics)
        return {{}, topics.error().message};
    return {*topics, {}};
}

TableListing listTables(const engine::config::Datasources &datasources, const QString &datasource,
                        SecretPrompter *prompter, const engine::StopToken &stop)
{
    const auto ds = resolveWithSecrets(datasources, datasource, prompter, stop);
    if (!ds)
        return {{}, ds.error().message};
    auto tables = engine::destinationTableSchemas(*ds, stop);
    if (!tables)
        return {{}, tables.error().message};
    return {*tables, {}};
}

QString generateDdl(const QByteArray &taskJson, const QMap<QString, QStringList> &samples)
{
    auto task = engine::config::TaskConfig::fromJsonBytes(taskJson);
    if (!task)
        return QStringLiteral("-- cannot generate DDL: ") + task.error().message + QLatin1Char('\n');
    return engine::config::generateDdl(*task, samples);
}

QString generateDdl(const QByteArray &taskJson, const engine::mapping::FieldProfile &profile)
{
    auto task = engine::config::TaskConfig::fromJsonBytes(taskJson);
    if (!task)
        return QStringLiteral("-- cannot generate DDL: ") + task.error().message + QLatin1Char('\n');
    const auto schema = engine::config::ddlSchema(*task, profile);
    if (!schema)
        return QStringLiteral("-- cannot generate DDL: %1\n").arg(schema.error().message);
    return engine::config::renderDdl(schema.value());
}

DdlResult runDdl(const engine::config::Datasources &datasources, const QString &datasource, const QString &ddl,
                 SecretPrompter *prompter, const engine::StopToken &stop)
{
    const auto ds = resolveWithSecrets(datasources, datasource, prompter, stop);
    if (!ds)
        return {false, ds.error().message};
    auto done = engine::runDestinationSql(*ds, ddl, stop);
    if (!done)
        return {false, done.error().message};
    return {true, done->join(QLatin1Char('\n'))};
}

ConnectionCheck testConnection(const engine::config::Datasource &datasource, const engine::StopToken &stop)
{
    auto summary = engine::connectorFor(datasource.kind).testConnection(datasource, stop);
    return summary ? ConnectionCheck{true, *summary} : ConnectionCheck{false, summary.error().message};
}

} // namespace kmsync::ui
