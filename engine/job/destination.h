#pragma once

#include <memory>

#include <QString>
#include <QStringList>

#include "engine/config/datasource.h"
#include "engine/core/log.h"
#include "engine/core/recordsink.h"
#include "engine/warehouse/queryresult.h"

namespace kmsync::engine {

// One front door to a writer datasource, whatever its type: `local` (the SQLite warehouse) or `odps`
// (MaxCompute REST + Tunnel). The CLI (run, sql, query, ddl --apply) and the GUI (table lists, the query
// panel, "Create table") use these, so both behave the same on both kinds of destination.

// The sink a run writes through.
Result<std::unique_ptr<RecordSink>> openSink(const config::Datasource &datasource, const LogFn &log = {});

// Runs MaxCompute DDL (CREATE TABLE, DROP TABLE, ALTER TABLE ... ADD|DROP PARTITION); one line per statement
// saying what it did.
Result<QStringList> runDestinationSql(const config::Datasource &datasource, const QString &sql, const LogFn &log = {});

// A read-only query (the result check); at most maxRows rows (<= 0: all).
Result<warehouse::QueryResult> queryDestination(const config::Datasource &datasource, const QString &sql, int maxRows,
                                                const LogFn &log = {});

Result<QStringList> listDestinationTables(const config::Datasource &datasource, const LogFn &log = {});
Result<TableSchema> describeDestinationTable(const config::Datasource &datasource, const QString &table,
                                             const LogFn &log = {});

} // namespace kmsync::engine
