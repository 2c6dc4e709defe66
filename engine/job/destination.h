#pragma once

#include <memory>

#include <QString>
#include <QStringList>

#include "engine/config/datasource.h"
#include "engine/core/log.h"
#include "engine/core/recordsink.h"
#include "engine/core/stoptoken.h"
#include "engine/odpssql/queryresult.h"

namespace kmsync::engine {

// One front door to a writer datasource, whatever its type: `local` (the SQLite warehouse) or `odps`
// (MaxCompute REST + Tunnel). The CLI (run, sql, query, ddl --apply) and the GUI (table lists, the query
// panel, "Create table") use these, so both behave the same on both kinds of destination. `stop` cuts the network
// calls short (a MaxCompute request in flight, a retry's wait, an SQL instance's polling) within a fraction of a
// second, with the Error kCancelledCode; it must outlive what is returned (the sink keeps it).

// The sink a run writes through.
Result<std::unique_ptr<RecordSink>> openSink(const config::Datasource &datasource, const StopToken &stop,
                                             const LogFn &log = {});

// Runs MaxCompute DDL (CREATE TABLE, DROP TABLE, ALTER TABLE ... ADD|DROP PARTITION); one line per statement
// saying what it did.
Result<QStringList> runDestinationSql(const config::Datasource &datasource, const QString &sql, const StopToken &stop,
                                      const LogFn &log = {});

// A read-only query (the result check); at most maxRows rows (<= 0: all).
Result<QueryResult> queryDestination(const config::Datasource &datasource, const QString &sql, int maxRows,
                                                const StopToken &stop, const LogFn &log = {});

Result<QStringList> listDestinationTables(const config::Datasource &datasource, const StopToken &stop,
                                          const LogFn &log = {});
Result<TableSchema> describeDestinationTable(const config::Datasource &datasource, const QString &table,
                                             const StopToken &stop, const LogFn &log = {});

} // namespace kmsync::engine
