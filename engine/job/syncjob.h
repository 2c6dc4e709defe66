#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QString>

#include "engine/core/messagesource.h"
#include "engine/core/recordsink.h"
#include "engine/core/stoptoken.h"
#include "engine/job/syncobserver.h"

namespace kmsync::engine {

// Maps one Kafka message to a full-width destination row (TableSchema::columns order).
// Returns false with a reason for a dirty record. One instance is used by one thread only.
using MapFn = std::function<bool(const KafkaMessage &message, Row &row, QString *dirtyReason)>;
// Builds the mapping once the destination schema is known; an Error here is a configuration error
// (e.g. a writer column the table does not have) and no data moves.
using MapperFactory = std::function<Result<MapFn>(const TableSchema &table)>;

struct SyncJobOptions
{
    SinkTarget target;
    int64_t errorLimit = 0;               // the run fails once more than this many records are dirty; < 0: no limit
    bool throttle = false;                // setting.speed.throttle
    double mbps = 0;                      // setting.speed.mbps, used when throttle is true
    std::optional<int64_t> windowBeginMs; // the task's [begin, end) window, for the audit
    std::optional<int64_t> windowEndMs;
    QString dirtyFile; // JSON lines, created on the first dirty record
    // Messages per poll/map/write batch. Up to four batches of rows are alive at once (two queued, one being mapped,
    // one being written): 1,024 rows of the nested bench shape are ~0.9 MB, and the writer finds them still in cache.
    // Against 4,096: 17 % less CPU and 18 % less wall time at 480k messages, 12 MB less peak RSS, and on the
    // MaxCompute path the reader held back by the uploads holds 14 MB less (bench/engine-bench.sh,
    // bench/maxcompute-bench.sh).
    int batchSize = 1024;
    int progressIntervalMs = 250;
};

// One run: source → mapping → sink, with the mapping overlapping the sink writes on a second thread.
// All or nothing: rows become visible only through RecordSink::commit() at the end; a failure or a
// cancel rolls the sink back. Kafka group offsets are committed only after the sink commit.
class SyncJob
{
public:
    SyncJob(SyncJobOptions options, std::unique_ptr<MessageSource> source, std::unique_ptr<RecordSink> sink,
            MapperFactory mapperFactory);
    ~SyncJob();
    SyncJob(const SyncJob &) = delete;
    SyncJob &operator=(const SyncJob &) = delete;

    RunSummary run(const StopToken &stop, SyncObserver &observer);

private:
    SyncJobOptions m_options;
    std::unique_ptr<MessageSource> m_source;
    std::unique_ptr<RecordSink> m_sink;
    MapperFactory m_mapperFactory;
};

} // namespace kmsync::engine
