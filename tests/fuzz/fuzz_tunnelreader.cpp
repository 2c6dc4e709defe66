// libFuzzer target: the strict Tunnel record-stream decoder (engine/maxcompute/tunnelrecordreader.h), which the
// MaxCompute test server runs on every block it receives.
// Input: byte 0 = column count (1..8, mod 8), the next `count` bytes pick each column's type, the rest is the
// block body. Rows that decode must be re-encodable by TunnelRecordWriter and decode back to the same rows.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <QString>

#include "engine/maxcompute/tunnelrecordreader.h"
#include "engine/maxcompute/tunnelrecordwriter.h"

using namespace kmsync::engine;

namespace {

ColumnType typeFor(uint8_t byte)
{
    static const TypeKind kinds[] = {TypeKind::BigInt,  TypeKind::Double,   TypeKind::Decimal, TypeKind::Boolean,
                                     TypeKind::String,  TypeKind::DateTime, TypeKind::Int,     TypeKind::SmallInt,
                                     TypeKind::TinyInt, TypeKind::Float,    TypeKind::Date,    TypeKind::Timestamp,
                                     TypeKind::Varchar, TypeKind::Char,     TypeKind::Binary};
    ColumnType type;
    type.kind = kinds[byte % (sizeof(kinds) / sizeof(kinds[0]))];
    if (type.kind == TypeKind::Varchar || type.kind == TypeKind::Char)
        type.length = 1 + (byte >> 4);
    if (type.kind == TypeKind::Decimal && (byte & 0x80)) {
        type.precision = 10;
        type.scale = 2;
    }
    return type;
}

// Row equality where NaN equals NaN (a decoded NaN is written back as a NaN, and NaN != NaN).
bool sameValue(const Value &a, const Value &b)
{
    if (std::holds_alternative<double>(a) && std::holds_alternative<double>(b)) {
        const double x = std::get<double>(a);
        const double y = std::get<double>(b);
        return (std::isnan(x) && std::isnan(y)) || x == y;
    }
    return a == b;
}

bool sameRows(const std::vector<Row> &a, const std::vector<Row> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t r = 0; r < a.size(); ++r) {
        if (a[r].size() != b[r].size())
            return false;
        for (size_t c = 0; c < a[r].size(); ++c) {
            if (!sameValue(a[r][c], b[r][c]))
                return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t count = 1 + (data[0] % 8);
    if (size < 1 + count)
        return 0;
    std::vector<ColumnDef> columns;
    for (size_t i = 0; i < count; ++i)
        columns.push_back(ColumnDef{QStringLiteral("c%1").arg(i), typeFor(data[1 + i]), QString()});

    const std::string_view block(reinterpret_cast<const char *>(data) + 1 + count, size - 1 - count);
    const maxcompute::TunnelRecordReader reader(columns);
    const auto rows = reader.decode(block);
    if (!rows.ok()) {
        if (rows.error().code != QLatin1String("tunnel.malformed_stream"))
            std::abort();
        return 0;
    }
    for (const Row &row : *rows) {
        if (row.size() != columns.size())
            std::abort();
    }

    // What the reader accepts, the writer must be able to write back (or reject with an Error, e.g. a value the
    // writer range-checks); whatever it writes must decode to the same rows.
    maxcompute::TunnelRecordWriter writer(columns);
    std::vector<Row> written;
    for (const Row &row : *rows) {
        if (writer.write(row).ok())
            written.push_back(row);
    }
    writer.finish();
    const auto again = reader.decode(writer.data());
    if (!again.ok() || !sameRows(*again, written)) {
        std::fprintf(stderr, "writer/reader round trip failed: %s\n",
                     again.ok() ? "rows differ" : again.error().message.toUtf8().constData());
        std::abort();
    }
    return 0;
}
