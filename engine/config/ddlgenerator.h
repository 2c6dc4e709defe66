#pragma once

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include "engine/config/taskconfig.h"
#include "engine/core/columntype.h"
#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/mapping/fieldprofile.h"

namespace kmsync::engine::config {

// "Generate destination table schema", as DataWorks' button does it: a table named after the topic with
// the six Kafka fields (__key__ __value__ __partition__ __headers__ __offset__ __timestamp__; partition,
// offset and timestamp BIGINT, the rest STRING; DataWorks' descriptions as comments), then one column
// per JSON path the reader maps (user.id -> user_id), partitioned by the writer's partition keys
// (STRING), LIFECYCLE 36500 (100 years).
//
// `samples` maps a reader column entry (e.g. "user.id") to sample values as JSON texts ("42", "\"a\"",
// "true"); a path column's type is inferred from them (inferColumnType), else STRING.

constexpr int kDefaultLifecycleDays = 36500;

// Errors: no topic (code "ddl.no_topic"), a reader column that does not parse (its message).
Result<TableSchema> ddlSchema(const TaskConfig &task, const QMap<QString, QStringList> &samples = {});
// ddlSchema with column types from a field profile of the task's window (the same profile `kmsync-cli drift`
// reports): a mapped path's column takes the profile's inferred type for that path (BIGINT, DOUBLE, BOOLEAN,
// DATETIME for strings that read as the task's date-times, else STRING); a path the profile did not see as a
// leaf (not in the window, or an object or array) is STRING.
Result<TableSchema> ddlSchema(const TaskConfig &task, const mapping::FieldProfile &profile);
// The column ddlSchema adds for the reader entry `entry` (a JSON path): named ddlColumnName(path) cut to 120
// bytes, with "_2", "_3"... appended while `used` (lower-case names) has the name, which is then added to
// `used`; of type `type`; commented "JSON path <entry> of the message value".
ColumnDef ddlPathColumn(const QString &entry, const mapping::JsonPath &path, const ColumnType &type,
                        QSet<QString> &used);
// ALTER TABLE `table` ADD COLUMNS (\n  `c` TYPE COMMENT '...',\n  ...\n); with the identifiers quoted as
// renderDdl quotes them. Ends with ";\n".
QString renderAddColumns(const QString &table, const std::vector<ColumnDef> &columns);
// CREATE TABLE IF NOT EXISTS `name` (...) [PARTITIONED BY (...)] LIFECYCLE n; with every identifier
// backtick-quoted and comments single-quoted and escaped. Ends with ";\n".
QString renderDdl(const TableSchema &schema, int lifecycleDays = kDefaultLifecycleDays);
// ddlSchema + renderDdl; on error returns an SQL comment line "-- cannot generate DDL: <message>".
QString generateDdl(const TaskConfig &task, const QMap<QString, QStringList> &samples = {});
// The same, with the JSON columns typed from a field profile (a preview's), DATETIME included.
QString generateDdl(const TaskConfig &task, const mapping::FieldProfile &profile);

// A valid MaxCompute table name from a topic: characters other than [A-Za-z0-9_] become `_`, a leading
// non-letter gets a "t_" prefix, at most 128 bytes, lower case: "Web-Clicks.v2" -> "web_clicks_v2".
QString sanitizeTableName(const QString &topic);
// BIGINT when every non-null sample is an integer, DOUBLE when every one is a number, BOOLEAN when every
// one is true/false, STRING otherwise (and when there are no non-null samples).
ColumnType inferColumnType(const QStringList &sampleJsonTexts);
// `name` with backticks doubled, in backticks.
QString quoteIdentifier(const QString &name);
// 'text' with \ ' " and control characters backslash-escaped (pyodps escape_odps_string).
QString quoteComment(const QString &text);

} // namespace kmsync::engine::config
