#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/core/log.h"
#include "engine/core/recordsink.h"
#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelrecordwriter.h"
#include "engine/maxcompute/uploadpipeline.h"

class QThread;

namespace kmsync::engine::maxcompute {

struct TunnelSinkOptions
{
    // Raw (uncompressed) bytes per block; a block is sent when full. 0: sized from `concurrent` so that all blocks
    // held at once (encoding, compressing, waiting, in flight) stay within about 48 MiB: 8 MiB at concurrent 1,
    // 5 MiB at 4, 1 MiB at 32. Past every 4,000 blocks of a session the size doubles (up to 64 MiB), so that the
    // Tunnel's 20,000 blocks per session carry 124 GB or more.
    size_t blockSizeBytes = 0;
    int concurrent = 1;           // blocks uploaded at once, each under its own block id (setting.speed.concurrent)
    double maxBytesPerSecond = 0; // all uploads' request bodies together (setting.speed.mbps when throttle); 0: no cap
    bool compress = true;         // Content-Encoding: deflate (zlib stream)
    int compressionLevel = 1;
    // A missing partition is created for the run (and dropped again on rollback): the upload session is asked to
    // create it (create_partition=true, as pyodps' create_upload_session sends it), which saves the SQL instance and
    // its polls; a service that answers NoSuchPartition all the same gets ALTER TABLE ADD IF NOT EXISTS PARTITION (as
    // the Java SDK and DataWorks' writer send it) and the session is asked for again.
    bool createPartition = true;
    // The columns the mapping writes (name + type). When set, tableSchema() fails before any data moves if a
    // column is missing in the table or has another type.
    std::vector<ColumnDef> expectedColumns;
    // begin() returns once the table's schema is known; the partition and the upload session are made on helper
    // threads while the caller writes (started by warmUp() when the caller calls it first). Rows are encoded and
    // compressed meanwhile (within the pipeline's memory bound) and go out once the session exists, so the round trips
    // (and the SQL instance that adds a partition where the session does not create it) overlap reading. A failure
    // there comes back from the next write() or commit() instead of begin(), with the same error; the partition this
    // run created is dropped by rollback() as before. kmsync's runs set it.
    bool overlapSetup = false;
    LogFn log; // never receives secrets
};

// Writes a run into MaxCompute through one Tunnel batch-upload session per destination partition (an overwrite
// session for truncate). Rows are encoded into blocks of blockSizeBytes on the calling thread; an UploadPipeline
// deflates them on worker threads and PUTs up to `concurrent` of them at once, each once under its own block id
// (re-sent under the same id after 5xx / 429 / timeouts). A block that fails for good fails the run: the rest are
// aborted and nothing is committed. commit() waits for every block, checks the server's block list against the
// blocks stored and only then commits, so nothing is visible before commit() succeeds and an uncommitted session
// changes nothing.
class TunnelSink final : public RecordSink
{
public:
    explicit TunnelSink(OdpsClient client, TunnelSinkOptions options = {});
    ~TunnelSink() override;

    Result<TableSchema> tableSchema(const QString &table) override;
    // overlapSetup: starts the setup's helper threads, which open their connections (and look up the Tunnel
    // endpoint and whether the partition exists) while the caller reads the table's schema; begin() for the same target
    // puts them to work. Changes nothing in the destination.
    void warmUp(const SinkTarget &target) override;
    Result<void> begin(const SinkTarget &target) override;
    Result<void> write(std::span<const Row> rows) override;
    Result<void> commit() override;
    void rollback() override;

    // After begin() (with overlapSetup, after commit()): the Tunnel session id; counters of the current run.
    const QString &uploadId() const { return m_uploadId; }
    int64_t recordsWritten() const { return m_records; }
    int blocksSent() const { return m_stats.blocks; }
    // The current (or, after commit(), the last) run's uploads: bytes raw and sent, time on the network.
    const UploadStats &uploadStats() const { return m_stats; }
    // The raw block size a session's block number `index` is cut at.
    size_t blockSizeFor(int64_t index) const;
    OdpsClient &client() { return m_client; }

private:
    Result<void> flushBlock();
    Result<void> uploadBlock(int64_t blockId, const QByteArray &body, const StopToken &abort);
    void flushLogs();
    QueryList sessionQuery() const;
    QString tablePath() const;
    void log(LogLevel level, const QString &message) const;
    // Ends what a run left (its pipeline, its setup threads unless `keepSetup`) and clears its state.
    void resetRun(bool keepSetup = false);
    // Whether a run into `spec` adds the partition when it is missing (a partitioned target, createPartition).
    bool wantsPartition(const PartitionSpec &spec) const;
    // "Upload session ID for TABLE/SPEC (overwrite|append)", logged once the session exists.
    QString sessionLine() const;
    // Who makes the run's partition: it was there, the upload session creates it (when the session is made or at
    // its commit: the service's documents do not say), or an SQL instance added it.
    enum class PartitionOrigin { Existing, Session, Sql };
    // Creates the upload session through `client` and checks its schema; returns the session id. With
    // `createPartition` (the target partition was missing) the session is asked to create it, and an SQL instance
    // adds it when the service answers NoSuchPartition all the same; `origin` says which. `say` logs (from whichever
    // thread runs this).
    Result<QString> openSession(OdpsClient &client, bool createPartition, PartitionOrigin &origin, const LogFn &say);
    // The session request itself (create_partition=true when `createPartition`).
    Result<QString> requestSession(OdpsClient &client, bool createPartition);
    // Drops the partition the run made (or asked its session to make) when it is there; says so when stopped.
    void dropCreatedPartition();
    void startPipeline(bool held);
    // overlapSetup: starts the setup thread (and the partition thread for `spec` of `table` when `withPartition`);
    // they open their connections and read what they need, then wait for begin() (m_setupGo) before they change
    // anything.
    void startSetup(const QString &table, const PartitionSpec &spec, bool withPartition);
    // In a setup thread: waits for begin(); false when the setup was called off instead.
    bool waitForGo();
    static QString setupKey(const SinkTarget &target);
    // Waits for the setup threads (aborting their requests first when `abort`, or when begin() never came), then
    // takes over what they made.
    void joinSetup(bool abort);
    // Logs from another thread: queued, then logged from the caller's thread (flushLogs()).
    void logPending(LogLevel level, const QString &line);
    LogFn pendingLog();

    OdpsClient m_client;
    TunnelSinkOptions m_options;
    std::optional<TableSchema> m_schema;
    SinkTarget m_target;
    PartitionSpec m_spec;
    QString m_uploadId;
    std::optional<TunnelRecordWriter> m_writer;
    std::unique_ptr<UploadPipeline> m_pipeline;
    OdpsTransport m_uploadTransport; // m_client's, with the Tunnel endpoint known; copied for each block
    int64_t m_nextBlock = 0;
    size_t m_blockSize = 0;
    UploadStats m_stats;
    std::mutex m_logMutex;
    std::vector<std::pair<LogLevel, QString>> m_pendingLogs; // from the upload threads, logged on the caller's
    int64_t m_records = 0;
    bool m_active = false;
    PartitionOrigin m_partitionOrigin = PartitionOrigin::Existing;
    // overlapSetup: the thread creating the session, the one asking whether the partition exists, their abort, and what
    // they made (written by them, read here after joining them; m_partitionResult is read by the setup thread after
    // joining the partition thread). m_setupGo, under m_setupMutex, is begin()'s go-ahead; m_preparedFor the target
    // warmUp() started them for.
    std::unique_ptr<QThread> m_setupThread;
    std::unique_ptr<QThread> m_partitionThread;
    std::unique_ptr<StopToken> m_setupAbort;
    std::mutex m_setupMutex;
    std::condition_variable m_setupCv;
    bool m_setupGo = false;
    QString m_preparedFor;
    std::optional<Result<bool>> m_partitionResult; // whether the partition is missing
    PartitionOrigin m_setupPartitionOrigin = PartitionOrigin::Existing;
};

} // namespace kmsync::engine::maxcompute
