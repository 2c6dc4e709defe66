#include "engine/maxcompute/tunnelrecordreader.h"

#include <cstring>

#include "engine/maxcompute/crc32c.h"
#include "engine/maxcompute/tunnelrecordwriter.h"

namespace kmsync::engine::maxcompute {

namespace {

class Cursor
{
public:
    explicit Cursor(std::string_view data)
        : m_data(data)
    {
    }
    size_t offset() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_data.size(); }

    bool varint(uint64_t &out)
    {
        out = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_data.size())
                return false;
            const auto b = static_cast<uint8_t>(m_data[m_pos++]);
            out |= uint64_t(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return true;
        }
        return false;
    }
    bool bytes(size_t n, std::string_view &out)
    {
        if (m_data.size() - m_pos < n)
            return false;
        out = m_data.substr(m_pos, n);
        m_pos += n;
        return true;
    }

private:
    std::string_view m_data;
    size_t m_pos = 0;
};

int64_t unzigzag(uint64_t v)
{
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

Error malformed(size_t offset, const QString &what)
{
    return makeError(QStringLiteral("tunnel.malformed_stream"),
                     QStringLiteral("Malformed record stream at byte %1: %2").arg(offset).arg(what));
}

} // namespace

TunnelRecordReader::TunnelRecordReader(std::vector<ColumnDef> columns)
    : m_columns(std::move(columns))
{
}

Result<std::vector<Row>> TunnelRecordReader::decode(std::string_view block) const
{
    std::vector<Row> rows;
    Cursor in(block);
    Crc32c crc;
    Crc32c crcOfCrcs;
    Row row(m_columns.size());
    uint32_t lastField = 0;
    bool sawCount = false;
    int64_t count = 0;
    while (true) {
        const size_t at = in.offset();
        if (in.atEnd())
            return malformed(at, QStringLiteral("the stream ends without the record count and checksum trailer"));
        uint64_t tag;
        if (!in.varint(tag) || tag > 0xFFFFFFFFu)
            return malformed(at, QStringLiteral("truncated or oversized tag"));
        const auto field = static_cast<uint32_t>(tag >> 3);
        const int wire = int(tag & 7);
        if (field == kTunnelEndRecord) {
            uint64_t v;
            if (wire != 0 || !in.varint(v))
                return malformed(at, QStringLiteral("bad end-of-record marker"));
            // uint32 on the wire; pyodps' Cython encoder sign-extends values >= 2^31 to 10 bytes (protobuf readers
            // keep the low 32 bits, and so do we).
            if (uint32_t(v) != crc.value()) {
                return malformed(at, QStringLiteral("record %1 has checksum 0x%2 but its cells give 0x%3")
                                         .arg(rows.size() + 1)
                                         .arg(uint32_t(v), 8, 16, QLatin1Char('0'))
                                         .arg(crc.value(), 8, 16, QLatin1Char('0')));
            }
            crcOfCrcs.updateU32(crc.value());
            rows.push_back(std::move(row));
            row.assign(m_columns.size(), Value{});
            crc.reset();
            lastField = 0;
            continue;
        }
        if (field == kTunnelMetaCount) {
            uint64_t v;
            if (wire != 0 || !in.varint(v) || lastField != 0)
                return malformed(at, QStringLiteral("bad record-count trailer (or it cuts a record short)"));
            count = unzigzag(v);
            if (count != int64_t(rows.size())) {
                return malformed(at, QStringLiteral("the trailer says %1 records but the block holds %2")
                                         .arg(count)
                                         .arg(rows.size()));
            }
            sawCount = true;
            continue;
        }
        if (field == kTunnelMetaChecksum) {
            uint64_t v;
            if (!sawCount || wire != 0 || !in.varint(v))
                return malformed(at, QStringLiteral("bad checksum trailer"));
            if (uint32_t(v) != crcOfCrcs.value()) {
                return malformed(at, QStringLiteral("block checksum 0x%1 does not match the records (0x%2)")
                                         .arg(uint32_t(v), 8, 16, QLatin1Char('0'))
                                         .arg(crcOfCrcs.value(), 8, 16, QLatin1Char('0')));
            }
            if (!in.atEnd())
                return malformed(in.offset(), QStringLiteral("data after the checksum trailer"));
            return rows;
        }
        if (sawCount)
            return malformed(at, QStringLiteral("a cell after the record-count trailer"));
        if (field == 0 || field > m_columns.size()) {
            return malformed(at, QStringLiteral("field number %1 is not a column (the table has %2)")
                                     .arg(field)
                                     .arg(m_columns.size()));
        }
        if (field <= lastField)
            return malformed(at, QStringLiteral("field %1 repeated or out of order").arg(field));
        lastField = field;
        const ColumnDef &col = m_columns[field - 1];
        const TypeKind kind = col.type.kind;
        if (wire != TunnelRecordWriter::wireType(kind)) {
            return malformed(at, QStringLiteral("column \"%1\" (%2) has wire type %3, expected %4")
                                     .arg(col.name, col.type.toString())
                                     .arg(wire)
                                     .arg(TunnelRecordWriter::wireType(kind)));
        }
        crc.updateU32(field);
        Value &cell = row[field - 1];
        const auto truncated = [&] {
            return malformed(at, QStringLiteral("truncated value of column \"%1\"").arg(col.name));
        };
        switch (kind) {
        case TypeKind::BigInt:
        case TypeKind::Int:
        case TypeKind::SmallInt:
        case TypeKind::TinyInt:
        case TypeKind::DateTime:
        case TypeKind::Date: {
            uint64_t v;
            if (!in.varint(v))
                return truncated();
            const int64_t x = unzigzag(v);
            crc.updateU64(static_cast<uint64_t>(x));
            if (kind == TypeKind::DateTime)
                cell = DateTime{x};
            else if (kind == TypeKind::Date)
                cell = Date{x};
            else
                cell = x;
            break;
        }
        case TypeKind::Boolean: {
            uint64_t v;
            if (!in.varint(v) || v > 1)
                return malformed(at, QStringLiteral("column \"%1\" BOOLEAN is not 0 or 1").arg(col.name));
            crc.updateU8(uint8_t(v));
            cell = v == 1;
            break;
        }
        case TypeKind::Double: {
            std::string_view b;
            if (!in.bytes(8, b))
                return truncated();
            crc.update(b.data(), 8);
            double d;
            std::memcpy(&d, b.data(), 8);
            cell = d;
            break;
        }
        case TypeKind::Float: {
            std::string_view b;
            if (!in.bytes(4, b))
                return truncated();
            crc.update(b.data(), 4);
            float f;
            std::memcpy(&f, b.data(), 4);
            cell = double(f);
            break;
        }
        case TypeKind::Timestamp: {
            uint64_t s;
            uint64_t n;
            if (!in.varint(s) || !in.varint(n))
                return truncated();
            const int64_t seconds = unzigzag(s);
            const int64_t nanos64 = unzigzag(n);
            if (nanos64 < 0 || nanos64 > 999999999)
                return malformed(at, QStringLiteral("column \"%1\" TIMESTAMP nanos %2 is outside 0..999999999")
                                         .arg(col.name)
                                         .arg(nanos64));
            const auto nanos = static_cast<int32_t>(nanos64);
            crc.updateU64(static_cast<uint64_t>(seconds));
            crc.updateU32(static_cast<uint32_t>(nanos));
            cell = Timestamp{seconds, nanos};
            break;
        }
        case TypeKind::Decimal:
        case TypeKind::String:
        case TypeKind::Varchar:
        case TypeKind::Char:
        case TypeKind::Binary: {
            uint64_t len;
            std::string_view b;
            if (!in.varint(len) || len > block.size() || !in.bytes(size_t(len), b))
                return truncated();
            crc.update(b.data(), b.size());
            if (kind == TypeKind::Decimal)
                cell = Decimal{std::string(b)};
            else
                cell = std::string(b);
            break;
        }
        }
    }
}

} // namespace kmsync::engine::maxcompute
