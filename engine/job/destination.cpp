#include "engine/job/destination.h"

#include <QRegularExpression>

#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelsink.h"
#include "engine/warehouse/localwarehouse.h"
#include "engine/odpssql/mcsql.h"

namespace kmsync::engine {

namespace {

bool isLocal(const config::Datasource &datasource)
{
    return datasource.type == QLatin1String("local");
}

bool isOdps(const config::Datasource &datasource)
{
    return datasource.type == QLatin1String("odps");
}

Error notADestination(const config::Datasource &datasource)
{
    return makeError(QStringLiteral("config.datasource_type"),
                     QStringLiteral("datasource \"%1\" has type \"%2\"; a destination is a local or an odps datasource")
                         .arg(datasource.name, datasource.type));
}

QString localPath(const config::Datasource &datasource)
{
    return datasource.connection.value(QStringLiteral("path")).toString();
}

Result<maxcompute::OdpsClient> odpsClient(const config::Datasource &datasource, const StopToken &stop, const LogFn &log)
{
    maxcompute::OdpsClientOptions options;
    options.log = log;
    options.stop = &stop;
    return maxcompute::OdpsClient::create(datasource.connection, options);
}

} // namespace

Result<std::unique_ptr<RecordSink>> openSink(const config::Datasource &datasource, const StopToken &stop, const LogFn &log)
{
    if (isLocal(datasource)) {
        auto warehouse = warehouse::LocalWarehouse::open(localPath(datasource));
        if (!warehouse.ok())
            return warehouse.error();
        return std::unique_ptr<RecordSink>(std::move(warehouse.value()));
    }
    if (isOdps(datasource)) {
        auto client = odpsClient(datasource, stop, log);
        if (!client.ok())
            return client.error();
        maxcompute::TunnelSinkOptions options;
        options.log = log;
        return std::unique_ptr<RecordSink>(std::make_unique<maxcompute::TunnelSink>(std::move(client.value()), options));
    }
    return notADestination(datasource);
}

Result<QStringList> runDestinationSql(const config::Datasource &datasource, const QString &sql, const StopToken &stop,
                                      const LogFn &log)
{
    if (isLocal(datasource)) {
        auto warehouse = warehouse::LocalWarehouse::open(localPath(datasource));
        if (!warehouse.ok())
            return warehouse.error();
        return warehouse.value()->executeSql(sql);
    }
    if (!isOdps(datasource))
        return notADestination(datasource);
    // Parse first so that a typo fails here, with its position, before anything reaches the service.
    auto statements = odpssql::parseScript(sql);
    if (!statements.ok())
        return statements.error();
    auto client = odpsClient(datasource, stop, log);
    if (!client.ok())
        return client.error();
    if (auto ran = client->runSql(sql); !ran.ok())
        return ran.error();
    return QStringList{QStringLiteral("ran %1 statement(s) on MaxCompute project %2")
                           .arg(statements->size())
                           .arg(client->project())};
}

Result<QueryResult> queryDestination(const config::Datasource &datasource, const QString &sql, int maxRows,
                                                const StopToken &stop, const LogFn &log)
{
    if (isLocal(datasource))
        return warehouse::LocalWarehouse::queryFile(localPath(datasource), sql, maxRows);
    if (!isOdps(datasource))
        return notADestination(datasource);
    // Refuse anything but a query before it reaches the service (the local warehouse checks the same way).
    static const QRegularExpression readOnly(QStringLiteral(R"(^\s*(--[^\n]*\n\s*)*(select|with)\b)"),
                                             QRegularExpression::CaseInsensitiveOption);
    if (!readOnly.match(sql).hasMatch() || sql.trimmed().chopped(sql.trimmed().endsWith(QLatin1Char(';')) ? 1 : 0).contains(QLatin1Char(';'))) {
        return makeError(QStringLiteral("query.not_read_only"),
                         QStringLiteral("only one read-only SELECT (or WITH ... SELECT) can run as a query; use kmsync-cli "
                                        "sql for DDL"));
    }
    auto client = odpsClient(datasource, stop, log);
    if (!client.ok())
        return client.error();
    return client->query(sql, {}, maxRows);
}

Result<QStringList> listDestinationTables(const config::Datasource &datasource, const StopToken &stop, const LogFn &log)
{
    if (isLocal(datasource)) {
        auto warehouse = warehouse::LocalWarehouse::open(localPath(datasource));
        if (!warehouse.ok())
            return warehouse.error();
        return warehouse.value()->tables();
    }
    if (!isOdps(datasource))
        return notADestination(datasource);
    auto client = odpsClient(datasource, stop, log);
    if (!client.ok())
        return client.error();
    return client->listTables();
}

Result<TableSchema> describeDestinationTable(const config::Datasource &datasource, const QString &table,
                                             const StopToken &stop, const LogFn &log)
{
    auto sink = openSink(datasource, stop, log);
    if (!sink.ok())
        return sink.error();
    return sink.value()->tableSchema(table);
}

} // namespace kmsync::engine
