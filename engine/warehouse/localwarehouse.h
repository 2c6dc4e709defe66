#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <QDateTime>
#include <QString>
#include <QStringList>

#include "engine/core/recordsink.h"
#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/odpssql/mcsql.h"
#include "engine/odpssql/queryresult.h"
#include "engine/warehouse/segmentfile.h"
#include "engine/warehouse/sqlitehandles.h"

namespace kmsync::engine::warehouse {

using odpssql::AddColumns;
using odpssql::AddPartitions;
using odpssql::CreateTable;
using odpssql::DropPartitions;
using odpssql::DropTable;
using odpssql::McStatement;
using odpssql::PartitionSpec;

// A table as the catalogue describes it.
struct TableInfo
{
    TableSchema schema;
    QStringList notNullColumns;
    QString comment;
    std::optional<int> lifecycle; // days
    QDateTime created;            // UTC
    QDateTime lastModified;       // UTC
};

// One partition of a partitioned table; spec is "ds=20221122,hh=10" in partition key order.
struct PartitionInfo
{
    QString spec;
    QDateTime created; // UTC
    int64_t rowCount = 0;
    QDateTime lastModified; // UTC
};

struct WarehouseOptions
{
    bool create = true;        // create the file when it does not exist (else: error "warehouse.not_found")
    int64_t maxPageCount = 0;  // > 0: cap the file, and each run's segment, at this many pages; writing past it
                               // fails like a full disk
    int cacheKiB = 8192;       // SQLite's page cache (the catalogue; rows are in segment files)
    int busyTimeoutMs = 10000; // how long a writer waits for another writer (another run, DDL) to finish
};

// The `local` datasource: a SQLite file (WAL mode) holding MaxCompute-like tables, with a catalogue of
// tables (MaxCompute column types, comments, partition keys, lifecycle) and partitions (spec, created,
// row count, last modified), and beside it the folder "<file>.segments" holding the tables' rows.
//
// Rows: each committed run (and each partition of a table migrated from the first layout) is one segment file
// (segmentfile.h), registered in the catalogue table _kmsync_segments by the run's commit. A table is a
// virtual table over its segments (rowstable.h), declared with the data columns, then the partition key
// columns as TEXT, so `where ds=2022112200` and `where ds='2022112200'` both match, as they did when rows
// were stored in plain tables (catalogue version 1, migrated when such a file is opened for writing).
//
// Storage (SQLite column types): BIGINT/INT/SMALLINT/TINYINT INTEGER, BOOLEAN INTEGER 0/1, DOUBLE/FLOAT
// REAL, STRING/VARCHAR/CHAR TEXT, BINARY BLOB, DECIMAL TEXT (exact), DATETIME TEXT "yyyy-MM-dd HH:mm:ss"
// UTC (".zzz" appended when there are milliseconds), DATE TEXT "yyyy-MM-dd", TIMESTAMP TEXT
// "yyyy-MM-dd HH:mm:ss" UTC (".nnnnnnnnn" when there are nanoseconds). Catalogue tables: _kmsync_tables,
// _kmsync_partitions (spec "ds=20221122,hh=10"), _kmsync_segments.
//
// As a RecordSink, one run (begin → write* → commit) holds SQLite's write lock from begin() to commit(), writes
// its segment, syncs it, and registers it in one SQLite transaction with the partition's catalogue entry: a
// failed, cancelled or killed run leaves the partition exactly as it was (an unregistered segment file is
// deleted by the next writer). Not thread-safe: use one object per thread.
//
// Implemented in localwarehouse.cpp (the file, catalogue and sink), warehouseddl.cpp (executeSql/execute)
// and warehousequery.cpp (query/queryFile), on the helpers of sqliteutil.h, segmentfile.h and rowstable.h.
class LocalWarehouse final : public RecordSink
{
public:
    static Result<std::unique_ptr<LocalWarehouse>> open(const QString &path, const WarehouseOptions &options = {});
    // A read-only query straight on a file, without opening it for writing (see query()).
    static Result<QueryResult> queryFile(const QString &path, const QString &sql, int maxRows);

    ~LocalWarehouse() override;
    LocalWarehouse(const LocalWarehouse &) = delete;
    LocalWarehouse &operator=(const LocalWarehouse &) = delete;

    QString path() const { return m_path; }

    // RecordSink
    Result<TableSchema> tableSchema(const QString &table) override;
    Result<void> begin(const SinkTarget &target) override;
    Result<void> write(std::span<const Row> rows) override;
    Result<void> commit() override;
    void rollback() override;

    // Catalogue (for the GUI and the CLI).
    Result<QStringList> tables();
    Result<TableInfo> tableInfo(const QString &table);
    Result<std::vector<PartitionInfo>> partitions(const QString &table);

    // Runs MaxCompute DDL (see engine/odpssql/mcsql.h) on the warehouse, all statements in one transaction. Returns one
    // line per statement saying what it did ("created table t (...)", "dropped partition ds=1 of t (5 rows)").
    Result<QStringList> executeSql(const QString &sql);
    Result<QStringList> execute(const std::vector<McStatement> &statements);

    // Runs one read-only SELECT on a separate read-only connection and returns at most maxRows rows
    // (maxRows <= 0: all). A "project." prefix on table names and a trailing ';' are accepted. Any
    // statement that could write is rejected with "query.not_read_only".
    Result<QueryResult> query(const QString &sql, int maxRows);

private:
    LocalWarehouse(QString path, DbPtr db);

    Result<void> exec(const char *sql);
    Error ioError(const QString &what = QString()) const;
    Result<std::optional<TableInfo>> findTable(const QString &table);
    Result<PartitionSpec> checkSpec(const TableInfo &info, const PartitionSpec &spec, const QString &original,
                                    const QString &code) const;
    Result<QString> applyStatement(const McStatement &statement);
    Result<QString> createTable(const CreateTable &create);
    Result<QString> dropTable(const DropTable &drop);
    Result<QString> addPartitions(const AddPartitions &add);
    Result<QString> dropPartitions(const DropPartitions &drop);
    Result<QString> addColumns(const AddColumns &add);
    // Adds a partition's catalogue entry (0 rows) unless it exists; true when it was added.
    Result<bool> addPartitionEntry(const QString &table, const QString &spec, const QString &now);
    // Unregisters the segments of one partition (of a whole table: spec empty) in the open transaction and
    // returns their rows; the files go when removeUnlistedSegments() next runs.
    Result<int64_t> deletePartitionRows(const TableInfo &info, const PartitionSpec &spec);
    Result<int64_t> deleteTableRows(const QString &table);
    Result<int64_t> unlistSegments(const QString &table, const QString *spec); // spec null: the whole table
    // Deletes the segment files no committed table lists (left by a killed run, or unregistered by a drop or a
    // truncate), unless a query holds the folder's lock. inTransaction: the caller holds SQLite's write lock;
    // otherwise it is taken here, without waiting, and the clean-up is skipped when another writer has it.
    void removeUnlistedSegments(bool inTransaction);
    Result<void> migrateOldTables();
    Result<void> syncFolder();
    QString newSegmentPath() const;
    // Lists a finished segment in _kmsync_segments (in the open transaction).
    Result<void> listSegment(const QString &table, const QString &spec, const SegmentWriter &segment, int columns,
                             const QString &now);
    void finishRun();

    QString m_path;
    DbPtr m_db;

    // The run in progress (between begin() and commit()/rollback()).
    bool m_inRun = false;
    TableInfo m_runTable;
    PartitionSpec m_runSpec;
    bool m_runTruncate = false;
    bool m_runFailed = false; // a write failed: the run can only be rolled back
    int64_t m_runRows = 0;
    std::vector<size_t> m_runNotNull; // the data columns declared NOT NULL
    std::unique_ptr<SegmentWriter> m_segment;
    bool m_segmentsUnlisted = false; // this transaction unregistered segments: clean up after its commit

    QString m_segmentFolder;
    int64_t m_maxSegmentBytes = 0;
    int m_busyTimeoutMs = 10000;
};

} // namespace kmsync::engine::warehouse
