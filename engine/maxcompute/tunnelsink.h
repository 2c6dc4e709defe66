#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/core/log.h"
#include "engine/core/recordsink.h"
#include "engine/maxcompute/odpsclient.h"
#include "engine/maxcompute/tunnelrecordwriter.h"

namespace kmsync::engine::maxcompute {

struct TunnelSinkOptions
{
    size_t blockSizeBytes = 64u * 1024u * 1024u; // raw (uncompressed) bytes per block; a block is sent when full
    bool compress = true;                        // Content-Encoding: deflate (zlib stream)
    int compressionLevel = 1;
    bool createPartition = true; // ALTER TABLE ADD IF NOT EXISTS PARTITION when missing (dropped again on rollback)
    // The columns the mapping writes (name + type). When set, tableSchema() fails before any data moves if a
    // column is missing in the table or has another type.
    std::vector<ColumnDef> expectedColumns;
    LogFn log; // never receives secrets
};

// Writes a run into MaxCompute through one Tunnel batch-upload session per destination partition (an overwrite
// session for truncate). Rows are encoded into blocks of blockSizeBytes, each PUT once (re-sent under the same
// block id after 5xx / 429 / timeouts); commit() checks the server's block list against the blocks sent and only
// then commits, so nothing is visible before commit() succeeds and an uncommitted session changes nothing.
class TunnelSink final : public RecordSink
{
public:
    explicit TunnelSink(OdpsClient client, TunnelSinkOptions options = {});
    ~TunnelSink() override;

    Result<TableSchema> tableSchema(const QString &table) override;
    Result<void> begin(const SinkTarget &target) override;
    Result<void> write(std::span<const Row> rows) override;
    Result<void> commit() override;
    void rollback() override;

    // After begin(): the Tunnel session id; counters of the current run.
    const QString &uploadId() const { return m_uploadId; }
    int64_t recordsWritten() const { return m_records; }
    int blocksSent() const { return int(m_blocks.size()); }
    OdpsClient &client() { return m_client; }

private:
    Result<void> flushBlock();
    Result<void> compressBlock();
    QueryList sessionQuery() const;
    QString tablePath() const;
    void log(LogLevel level, const QString &message) const;
    void resetRun();

    OdpsClient m_client;
    TunnelSinkOptions m_options;
    std::optional<TableSchema> m_schema;
    SinkTarget m_target;
    PartitionSpec m_spec;
    QString m_uploadId;
    std::optional<TunnelRecordWriter> m_writer;
    QByteArray m_compressed;
    std::vector<int64_t> m_blocks;
    int64_t m_records = 0;
    bool m_active = false;
    bool m_createdPartition = false;
};

} // namespace kmsync::engine::maxcompute
