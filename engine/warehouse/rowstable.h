#pragma once

#include <QString>

#include "engine/core/tableschema.h"
#include "engine/warehouse/segmentfile.h"

struct sqlite3;

// The SQLite virtual table module "kmsync_rows": a local-warehouse table as SQLite sees it, reading the rows
// of its segment files (segmentfile.h) that _kmsync_segments lists, in the connection's transaction snapshot.
// Declared by the warehouse as
//   CREATE VIRTUAL TABLE "t" USING kmsync_rows(keys=N, "a" INTEGER, "b" TEXT, ..., "ds" TEXT)
// with the data columns first and the N partition key columns last, as the old tables had them, so that
// SELECT *, column affinities and column metadata (sqlite3_column_table_name) are what they were. Read-only.
namespace kmsync::engine::warehouse {

// Registers the module on a connection; every connection that reads warehouse tables needs it.
int registerRowsModule(sqlite3 *db);

// The SQLite column type (and so the affinity) a MaxCompute type is stored as: BIGINT/INT/SMALLINT/TINYINT/BOOLEAN
// INTEGER, DOUBLE/FLOAT REAL, BINARY BLOB, the rest TEXT.
QString sqliteType(const ColumnType &type);
Affinity affinityOf(const ColumnType &type);

// "CREATE VIRTUAL TABLE "name" USING kmsync_rows(...)" for a table of this schema.
QString rowsTableDdl(const QString &name, const TableSchema &schema);

// The folder holding the segment files of the warehouse `databasePath`: "<databasePath>.segments".
QString segmentFolder(const QString &databasePath);

// A lock on a segment folder (flock on its file "lock"), across processes: every query holds it shared while it
// reads; deleting segment files that no committed table lists any more needs it exclusively, so that no query
// still reading an older snapshot loses a file under it.
class SegmentFolderLock
{
public:
    enum class Mode { Shared, ExclusiveIfFree };
    SegmentFolderLock(const QString &folder, Mode mode);
    ~SegmentFolderLock();
    SegmentFolderLock(const SegmentFolderLock &) = delete;
    SegmentFolderLock &operator=(const SegmentFolderLock &) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

} // namespace kmsync::engine::warehouse
