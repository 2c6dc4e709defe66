#include "widgets/engineadapter.h"

#include <QDir>
#include <QFileInfo>

#include "engine/config/ddlgenerator.h"
#include "engine/job/destination.h"
#include "engine/kafka/kafkaadmin.h"
#include "engine/warehouse/localwarehouse.h"
#include "widgets/secretstore.h"

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

QStringList datasourceNames(const engine::config::Datasources &datasources, const QString &types)
{
    const QStringList wanted = types.split(QLatin1Char('|'));
    QStringList names;
    for (const QString &name : datasources.names()) {
        const auto ds = datasources.find(name);
        if (ds && wanted.contains(ds->type))
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
    if (ds->type != QLatin1String("kafka"))
        return {{}, QStringLiteral("Datasource \"%1\" is of type %2, not kafka.").arg(datasource, ds->type)};
    auto topics = engine::kafka::listTopics(ds->connection, 10000, &stop);
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
    if (ds->type == QLatin1String("odps")) {
        auto names = engine::listDestinationTables(*ds, stop);
        if (!names)
            return {{}, names.error().message};
        TableListing listing;
        for (const QString &name : *names) {
            if (auto schema = engine::describeDestinationTable(*ds, name, stop))
                listing.tables.push_back(*schema);
            else if (schema.error().code == QLatin1String(engine::kCancelledCode))
                return {{}, schema.error().message};
        }
        return listing;
    }
    if (ds->type != QLatin1String("local"))
        return {{}, QStringLiteral("Datasource \"%1\" is of type %2; tables live in local or odps datasources.").arg(datasource, ds->type)};
    engine::warehouse::WarehouseOptions options;
    options.create = false;
    auto warehouse = engine::warehouse::LocalWarehouse::open(ds->connection.value(QLatin1String("path")).toString(), options);
    if (!warehouse)
        return {{}, warehouse.error().message};
    auto names = (*warehouse)->tables();
    if (!names)
        return {{}, names.error().message};
    TableListing listing;
    for (const QString &name : *names) {
        auto schema = (*warehouse)->tableSchema(name);
        if (schema)
            listing.tables.push_back(*schema);
    }
    return listing;
}

QString generateDdl(const QByteArray &taskJson, const QMap<QString, QStringList> &samples)
{
    auto task = engine::config::TaskConfig::fromJsonBytes(taskJson);
    if (!task)
        return QStringLiteral("-- cannot generate DDL: ") + task.error().message + QLatin1Char('\n');
    return engine::config::generateDdl(*task, samples);
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
    if (datasource.type == QLatin1String("kafka")) {
        auto summary = engine::kafka::testConnection(datasource.connection, 10000, &stop);
        return summary ? ConnectionCheck{true, *summary} : ConnectionCheck{false, summary.error().message};
    }
    if (datasource.type == QLatin1String("local")) {
        engine::warehouse::WarehouseOptions options;
        options.create = false;
        const QString path = datasource.connection.value(QLatin1String("path")).toString();
        auto warehouse = engine::warehouse::LocalWarehouse::open(path, options);
        if (!warehouse)
            return {false, warehouse.error().message};
        auto tables = (*warehouse)->tables();
        if (!tables)
            return {false, tables.error().message};
        return {true, QStringLiteral("Opened %1: %2 table(s).").arg(QDir::toNativeSeparators(path)).arg(tables->size())};
    }
    if (datasource.type == QLatin1String("odps")) {
        auto tables = engine::listDestinationTables(datasource, stop);
        if (!tables)
            return {false, tables.error().message};
        return {true, QStringLiteral("Connected to MaxCompute project %1: %2 table(s).")
                          .arg(datasource.connection.value(QLatin1String("project")).toString())
                          .arg(tables->size())};
    }
    return {false, QStringLiteral("Datasource type \"%1\" is not one of kafka, local, odps.").arg(datasource.type)};
}

} // namespace kmsync::ui
