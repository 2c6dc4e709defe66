#pragma once

#include <memory>
#include <vector>

#include <QString>
#include <QStringList>

#include "engine/config/datasource.h"
#include "engine/core/log.h"
#include "engine/core/recordsink.h"
#include "engine/core/stoptoken.h"
#include "engine/core/tableschema.h"
#include "engine/odpssql/queryresult.h"

namespace kmsync::engine {

// One front door to a writer datasource, whatever its kind: `local` (the SQLite warehouse) or `odps`
// (MaxCompute REST + Tunnel). The CLI (run, sql, query, ddl --apply) and the GUI (table lists, the query
// panel, "Create table") use these, so both behave the same on both kinds of destination. Each call goes to the
// datasource kind's Connector (connector.h), where what a kind does is written. `stop` cuts the network
// calls short (a MaxCompute request in flight, a retry's wait, an SQL instance's polling) within a fraction of a
// second, with the Error kCancelledCode; it must outlive what is returned (the sink keeps it).

// The sink a run writes through; `options` are the task's setting.speed.
Result<std::unique_ptr<RecordSink>> openSink(const config::Datasource &datasource, const StopToken &stop,
                                             const LogFn &log = {}, const SinkOptions &options = {});

// Parses MaxCompute DDL (CREATE TABLE, DROP TABLE, ALTER TABLE ... ADD|DROP PARTITION) without running it, so
// that a typo is reported, with its position, before any datasource is opened.
Result<void> checkDestinationSql(const QString &sql);

// Runs MaxCompute DDL; one line per statement saying what it did.
Result<QStringList> runDestinationSql(const config::Datasource &datasource, const QString &sql, const StopToken &stop,
                                      const LogFn &log = {});

// A read-only query (the result check); at most maxRows rows (<= 0: all).
Result<QueryResult> queryDestination(const config::Datasource &datasource, const QString &sql, int maxRows,
                                     const StopToken &stop, const LogFn &log = {});

Result<QStringList> listDestinationTables(const config::Datasource &datasource, const StopToken &stop,
                                          const LogFn &log = {});
// Every table with its schema (a table picker); tables whose schema cannot be read are left out.
Result<std::vector<TableSchema>> destinationTableSchemas(const config::Datasource &datasource, const StopToken &stop);
Result<TableSchema> describeDestinationTable(const config::Datasource &datasource, const QString &table,
                                             const StopToken &stop, const LogFn &log = {});

} // namespace kmsync::engine
