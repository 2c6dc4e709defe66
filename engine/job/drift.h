#pragma once

#include <vector>

#include <QJsonObject>
#include <QString>

#include "engine/config/taskloader.h"
#include "engine/core/log.h"
#include "engine/core/stoptoken.h"
#include "engine/core/tableschema.h"
#include "engine/mapping/fieldprofile.h"

namespace kmsync::engine {

// Schema drift of a task's window: what the message values hold that the mapping does not, what the mapping
// reads that no message holds, and the DDL to follow (`kmsync-cli drift`, the preview dialog's Drift tab).
struct DriftReport
{
    mapping::FieldProfile profile; // with the task's mapped JSON paths and their column types
    TableSchema table;             // the destination table, or the generated DDL's schema when it does not exist
    bool tableExists = true;
    // The unmapped leaf paths (profile.paths that are not mapped, in first-seen order) and, for each, the column
    // "Generate destination table schema" would add for it (name unique in `table`, type inferred from the
    // profile).
    std::vector<std::size_t> unmapped; // indices into profile.paths
    std::vector<ColumnDef> newColumns;
    // ALTER TABLE <writer table> ADD COLUMNS (...) for newColumns; empty when nothing is unmapped.
    QString alter;
};

// Reads the task's range as a run does (the same resolution as previewTask; at most `limit` messages when
// limit > 0) and profiles the message values against the task's mapping and destination table.
// Errors: bad input (codes as planJob's, or "drift.value_type" for a numeric valueType, whose values are not
// JSON) or the source/destination could not be read.
Result<DriftReport> driftTask(const config::ResolvedTask &task, int limit, const StopToken &stop, const LogFn &log);

struct PreviewResult;
// The report over the messages a preview read (their raw values), against the preview's table: what the
// preview dialog's Drift tab shows. Errors: "drift.value_type", or a reader column that does not parse.
Result<DriftReport> driftOfPreview(const config::TaskConfig &task, const PreviewResult &preview);

// Builds the report from a profile (driftTask's last step; the GUI tests build reports this way).
DriftReport makeDriftReport(mapping::FieldProfile profile, const TableSchema &table, bool tableExists,
                            const QString &writerTable);

// The report as `kmsync-cli drift` prints it:
//   messages, invalid,
//   unmapped: [{path, count, types: {string: n, ...}, sample, column, type}],
//   neverSeen: [{path, column}], typeConflicts: [{path, column, type, count, sample, reason}],
//   alter: "ALTER TABLE ..." or null, table, tableExists, truncated (more distinct paths than tracked)
QJsonObject driftJson(const DriftReport &report);

} // namespace kmsync::engine
