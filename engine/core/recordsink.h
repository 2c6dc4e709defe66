#pragma once

#include <span>
#include <vector>

#include <QString>

#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/core/value.h"

namespace kmsync::engine {

// Where one run writes: a table, the partition spec resolved from the writer's `partition`
// ("ds=20221122" or "ds=20221122,hh=10"; empty for a non-partitioned table), and the write mode.
struct SinkTarget
{
    QString table;
    QString partitionSpec;
    bool truncate = false;
};

// How a run writes, from the task's setting.speed. The local warehouse has one writer and ignores both; MaxCompute
// uploads `concurrent` blocks at once and caps the bytes it sends at `mbps`.
struct SinkOptions
{
    int concurrent = 1; // setting.speed.concurrent, 1..32
    double mbps = 0;    // setting.speed.mbps (MB/s, 2^20 bytes) when setting.speed.throttle is true; 0: no cap
};

// A destination (local warehouse, MaxCompute). One run is: tableSchema() → begin() → write()* → commit(),
// or rollback() at any point. Nothing a run writes is visible before commit() returns success, and a run
// that never commits leaves the destination exactly as it was.
class RecordSink
{
public:
    virtual ~RecordSink();

    // The destination table's schema, or an Error (code "sink.no_such_table", ...).
    virtual Result<TableSchema> tableSchema(const QString &table) = 0;
    // A run is about to write into `target` (called before tableSchema() and begin()): a sink may open connections
    // or look things up ahead, never change the destination. Optional.
    virtual void warmUp(const SinkTarget &target) { (void)target; }
    // Starts the staged write into one partition (creating the partition at commit when it is missing).
    virtual Result<void> begin(const SinkTarget &target) = 0;
    // Rows are full-width, in TableSchema::columns order, each cell already of the column's type.
    virtual Result<void> write(std::span<const Row> rows) = 0;
    // Makes everything written since begin() visible at once (truncate: replaces the partition).
    virtual Result<void> commit() = 0;
    // Discards everything written since begin(). Safe to call at any time, also after a failure.
    virtual void rollback() = 0;
};

} // namespace kmsync::engine
