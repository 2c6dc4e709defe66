#include "engine/job/destination.h"

#include "engine/job/connector.h"
#include "engine/odpssql/mcsql.h"

namespace kmsync::engine {

Result<std::unique_ptr<RecordSink>> openSink(const config::Datasource &datasource, const StopToken &stop,
                                             const LogFn &log, const SinkOptions &options)
{
    return connectorFor(datasource.kind).openSink(datasource, stop, log, options);
}

Result<void> checkDestinationSql(const QString &sql)
{
    if (auto statements = odpssql::parseScript(sql); !statements.ok())
        return statements.error();
    return {};
}

Result<QStringList> runDestinationSql(const config::Datasource &datasource, const QString &sql, const StopToken &stop,
                                      const LogFn &log)
{
    return connectorFor(datasource.kind).runSql(datasource, sql, stop, log);
}

Result<QueryResult> queryDestination(const config::Datasource &datasource, const QString &sql, int maxRows,
                                     const StopToken &stop, const LogFn &log)
{
    return connectorFor(datasource.kind).query(datasource, sql, maxRows, stop, log);
}

Result<QStringList> listDestinationTables(const config::Datasource &datasource, const StopToken &stop, const LogFn &log)
{
    return connectorFor(datasource.kind).listTables(datasource, stop, log);
}

Result<std::vector<TableSchema>> destinationTableSchemas(const config::Datasource &datasource, const StopToken &stop)
{
    return connectorFor(datasource.kind).tableSchemas(datasource, stop);
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
