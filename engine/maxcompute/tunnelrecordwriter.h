#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/columntype.h"
#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/core/value.h"
#include "engine/maxcompute/crc32c.h"

namespace kmsync::engine::maxcompute {

// Wire constants of the Tunnel record stream (Java ProtoWireConstant).
inline constexpr uint32_t kTunnelEndRecord = 33553408;    // 2^25 - 1024
inline constexpr uint32_t kTunnelMetaCount = 33554430;    // 2^25 - 2
inline constexpr uint32_t kTunnelMetaChecksum = 33554431; // 2^25 - 1
inline constexpr size_t kDefaultMaxFieldSize = 8u * 1024u * 1024u;

// Encodes rows into one Tunnel block body (the "protobuf" record stream, before compression): per record the
// non-NULL cells as (tag, value) pairs, the record's CRC-32C, and after the last record the count and the
// CRC-32C of all record CRCs. Pure encoder: no I/O, reuses its buffer across blocks.
class TunnelRecordWriter
{
public:
    explicit TunnelRecordWriter(std::vector<ColumnDef> columns, size_t maxFieldSize = kDefaultMaxFieldSize);

    // Appends one record. A row may be shorter than the schema (the missing trailing cells are NULL), never longer.
    // Each cell must hold the alternative engine/core/value.h names for its column's type; an out-of-range
    // value (BIGINT -2^63, DATETIME outside year 1..9999, INT beyond 32 bits, ...) is an Error and nothing is written.
    Result<void> write(const Row &row);
    // Appends the trailer (record count and checksum). After this data() is a complete block body.
    void finish();
    // Clears the buffer and the counters for the next block (keeps the allocated capacity).
    void reset();
    // Sizes the buffer for blocks of about `bytes` up front, so that filling a block does not double it past that.
    void reserveBuffer(size_t bytes);
    // After finish(): hands the block over (a string of exactly size() bytes, no copy) and goes on with `next` as the
    // buffer (a recycled block's allocation; grown to the reserved size when smaller), reset for the next block.
    std::string takeBlock(std::string next = {});

    std::string_view data() const { return {m_buf.data(), m_size}; }
    size_t size() const { return m_size; }
    int64_t recordCount() const { return m_count; }
    bool finished() const { return m_finished; }
    const std::vector<ColumnDef> &columns() const { return m_columns; }

    // The wire type a column's values are written with (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).
    static int wireType(TypeKind kind);

private:
    char *reserve(size_t bytes);
    Error typeError(size_t column, const Value &value) const;

    std::vector<ColumnDef> m_columns;
    std::vector<TypeKind> m_kinds;
    size_t m_maxFieldSize;
    std::string m_buf;
    size_t m_size = 0;
    size_t m_reserved = 4096;
    int64_t m_count = 0;
    Crc32c m_crc;
    Crc32c m_crcOfCrcs;
    bool m_finished = false;
};

} // namespace kmsync::engine::maxcompute
