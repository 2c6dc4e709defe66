#pragma once

#include <vector>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QTimeZone>

#include "engine/config/taskloader.h"
#include "engine/core/columntype.h"
#include "engine/core/log.h"
#include "engine/core/stoptoken.h"
#include "engine/core/tableschema.h"
#include "engine/core/value.h"
#include "engine/job/taskrunner.h"

namespace kmsync::engine {

// One message of a preview, mapped exactly as a run would write it (or dirty, with the reason).
struct PreviewRecord
{
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestampMs = -1;
    bool dirty = false;
    QString reason;                   // why the record is dirty
    QJsonObject columns;              // destination column -> value (see valueToJson), in table order
    std::optional<std::string> value; // the raw message value (for the JSON tree)
};

struct PreviewResult
{
    TableSchema table; // the destination table, or the generated DDL's schema when it does not exist yet
    bool tableExists = true;
    QTimeZone timeZone; // the task's (config::taskTimeZone()): the zone DATETIME/TIMESTAMP values are shown in
    std::vector<PreviewRecord> records;
};

// A preview's plan, its destination table (or the one "Generate destination table schema" would create when
// the table does not exist yet; result.table and result.tableExists say which) and the task's mapper for it.
struct PreviewSetup
{
    JobPlan plan;
    MapFn map;
};
Result<PreviewSetup> preparePreview(const config::ResolvedTask &task, const PlanOptions &options,
                                    PreviewResult &result);

// Reads up to `limit` messages of the task's range (the same resolution as a run) and maps them
// without writing anything.
Result<PreviewResult> previewTask(const config::ResolvedTask &task, int limit, const StopToken &stop, const LogFn &log);

// The newest `limit` messages of the reader's topic (newest first, Connector::latestMessages()), whatever range
// the task names, mapped exactly as previewTask() maps them.
Result<PreviewResult> previewLatest(const config::ResolvedTask &task, int limit, const StopToken &stop,
                                    int kafkaTimeoutMs = 10000);

// A destination value as JSON: NULL -> null, integers -> numbers (strings beyond ±2^53), DOUBLE -> number
// (NaN/Infinity as strings), DECIMAL -> string, DATETIME -> "yyyy-MM-dd HH:mm:ss.zzz ZONE", DATE -> "yyyy-MM-dd",
// TIMESTAMP -> "yyyy-MM-dd HH:mm:ss.nnnnnnnnn ZONE", BINARY -> base64 string, text -> string. DATETIME and TIMESTAMP
// are instants, shown as wall-clock time in `zone` (the task's), which ZONE names (e.g. Asia/Shanghai).
QJsonValue valueToJson(const Value &value, const ColumnType &type, const QTimeZone &zone);

} // namespace kmsync::engine
