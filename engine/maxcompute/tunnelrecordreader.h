#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/core/value.h"

namespace kmsync::engine::maxcompute {

// Decodes one Tunnel block body (uncompressed record stream) against a schema, strictly: unknown or
// out-of-order field numbers, wrong wire types, truncated values, record CRC, record count and the final
// checksum are all checked. Used by the test server and for fuzzing the writer.
class TunnelRecordReader
{
public:
    explicit TunnelRecordReader(std::vector<ColumnDef> columns);

    // Every record of the block, each full-width (NULL cells are std::monostate). Error code
    // "tunnel.malformed_stream" with the byte offset and what was wrong.
    Result<std::vector<Row>> decode(std::string_view block) const;

private:
    std::vector<ColumnDef> m_columns;
};

} // namespace kmsync::engine::maxcompute
