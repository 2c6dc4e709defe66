#include "engine/maxcompute/tunnelrecordwriter.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace kmsync::engine::maxcompute {

namespace {

constexpr int64_t kMinDateTimeMs = -62167305600000LL; // 0000-01-01 (Java OdpsTypeTransformer limits)
constexpr int64_t kMaxDateTimeMs = 253402387200000LL; // 10000-01-02

inline char *putVarint(char *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = static_cast<char>(static_cast<uint8_t>(v) | 0x80);
        v >>= 7;
    }
    *p++ = static_cast<char>(v);
    return p;
}

inline uint64_t zigzag64(int64_t v)
{
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

inline uint32_t zigzag32(int32_t v)
{
    return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}

inline char *putTag(char *p, uint32_t field, int wire)
{
    return putVarint(p, (uint64_t(field) << 3) | uint64_t(wire));
}

const char *alternativeName(const Value &v)
{
    switch (v.index()) {
    case 1:
        return "boolean";
    case 2:
        return "integer";
    case 3:
        return "double";
    case 4:
        return "string";
    case 5:
        return "decimal";
    case 6:
        return "datetime";
    case 7:
        return "date";
    case 8:
        return "timestamp";
    default:
        return "null";
    }
}

} // namespace

TunnelRecordWriter::TunnelRecordWriter(std::vector<ColumnDef> columns, size_t maxFieldSize)
    : m_columns(std::move(columns))
    , m_maxFieldSize(maxFieldSize)
{
    m_kinds.reserve(m_columns.size());
    for (const auto &c : m_columns)
        m_kinds.push_back(c.type.kind);
    m_buf.resize(4096);
}

int TunnelRecordWriter::wireType(TypeKind kind)
{
    switch (kind) {
    case TypeKind::Double:
        return 1;
    case TypeKind::Float:
        return 5;
    case TypeKind::String:
    case TypeKind::Varchar:
    case TypeKind::Char:
    case TypeKind::Binary:
    case TypeKind::Decimal:
    case TypeKind::Timestamp:
        return 2;
    default:
        return 0;
    }
}

char *TunnelRecordWriter::reserve(size_t bytes)
{
    if (m_size + bytes > m_buf.size()) {
        size_t cap = m_buf.size() * 2;
        while (cap < m_size + bytes)
            cap *= 2;
        m_buf.resize(cap);
    }
    return m_buf.data() + m_size;
}

Error TunnelRecordWriter::typeError(size_t column, const Value &value) const
{
    const auto &c = m_columns[column];
    return makeError(QStringLiteral("tunnel.value_type"),
                     QStringLiteral(
                         "Column \"%1\" (%2) cannot take a %3 value; the mapping must convert it to %2 first.")
                         .arg(c.name, c.type.toString(), QLatin1String(alternativeName(value))));
}

Result<void> TunnelRecordWriter::write(const Row &row)
{
    if (row.size() > m_columns.size()) {
        return makeError(
            QStringLiteral("tunnel.row_width"),
            QStringLiteral("A row has %1 values but the table has %2 columns.").arg(row.size()).arg(m_columns.size()));
    }
    if (m_finished)
        reset();
    // Upper bound of the fixed-size part: per cell tag (<= 5) + value (<= 15) + string length varint (<= 10).
    size_t bound = 5 + 5;
    for (const auto &v : row) {
        bound += 30;
        if (const auto *s = std::get_if<std::string>(&v))
            bound += s->size();
        else if (const auto *d = std::get_if<Decimal>(&v))
            bound += d->text.size();
    }
    const size_t start = m_size;
    char *const begin = reserve(bound);
    char *p = begin;
    m_crc.reset();
    for (size_t i = 0; i < row.size(); ++i) {
        const Value &v = row[i];
        if (v.index() == 0)
            continue; // NULL: no tag, nothing in the CRC
        const auto field = static_cast<uint32_t>(i + 1);
        const TypeKind kind = m_kinds[i];
        m_crc.updateU32(field);
        switch (kind) {
        case TypeKind::BigInt:
        case TypeKind::Int:
        case TypeKind::SmallInt:
        case TypeKind::TinyInt: {
            const auto *x = std::get_if<int64_t>(&v);
            if (!x)
                return typeError(i, v);
            int64_t lo = std::numeric_limits<int64_t>::min() + 1;
            int64_t hi = std::numeric_limits<int64_t>::max();
            if (kind == TypeKind::Int) {
                lo = std::numeric_limits<int32_t>::min();
                hi = std::numeric_limits<int32_t>::max();
            } else if (kind == TypeKind::SmallInt) {
                lo = -32768;
                hi = 32767;
            } else if (kind == TypeKind::TinyInt) {
                lo = -128;
                hi = 127;
            }
            if (*x < lo || *x > hi) {
                return makeError(QStringLiteral("tunnel.value_range"),
                                 QStringLiteral("Column \"%1\" (%2): %3 is out of range; allowed %4 .. %5.")
                                     .arg(m_columns[i].name, m_columns[i].type.toString())
                                     .arg(*x)
                                     .arg(lo)
                                     .arg(hi));
            }
            p = putTag(p, field, 0);
            p = putVarint(p, zigzag64(*x));
            m_crc.updateU64(static_cast<uint64_t>(*x));
            break;
        }
        case TypeKind::Boolean: {
            const auto *x = std::get_if<bool>(&v);
            if (!x)
                return typeError(i, v);
            p = putTag(p, field, 0);
            *p++ = *x ? 1 : 0;
            m_crc.updateU8(*x ? 1 : 0);
            break;
        }
        case TypeKind::Double: {
            const auto *x = std::get_if<double>(&v);
            if (!x)
                return typeError(i, v);
            p = putTag(p, field, 1);
            uint64_t bits;
            std::memcpy(&bits, x, 8);
            for (int b = 0; b < 8; ++b)
                *p++ = static_cast<char>(bits >> (8 * b));
            m_crc.updateU64(bits);
            break;
        }
        case TypeKind::Float: {
            const auto *x = std::get_if<double>(&v);
            if (!x)
                return typeError(i, v);
            p = putTag(p, field, 5);
            const auto f = static_cast<float>(*x);
            uint32_t bits;
            std::memcpy(&bits, &f, 4);
            for (int b = 0; b < 4; ++b)
                *p++ = static_cast<char>(bits >> (8 * b));
            m_crc.updateU32(bits);
            break;
        }
        case TypeKind::DateTime: {
            const auto *x = std::get_if<DateTime>(&v);
            if (!x)
                return typeError(i, v);
            if (x->epochMs < kMinDateTimeMs || x->epochMs > kMaxDateTimeMs) {
                return makeError(QStringLiteral("tunnel.value_range"),
                                 QStringLiteral("Column \"%1\" (DATETIME): %2 ms since the epoch is outside the years "
                                                "0001..9999 that MaxCompute accepts.")
                                     .arg(m_columns[i].name)
                                     .arg(x->epochMs));
            }
            p = putTag(p, field, 0);
            p = putVarint(p, zigzag64(x->epochMs));
            m_crc.updateU64(static_cast<uint64_t>(x->epochMs));
            break;
        }
        case TypeKind::Date: {
            const auto *x = std::get_if<Date>(&v);
            if (!x)
                return typeError(i, v);
            p = putTag(p, field, 0);
            p = putVarint(p, zigzag64(x->epochDays));
            m_crc.updateU64(static_cast<uint64_t>(x->epochDays));
            break;
        }
        case TypeKind::Timestamp: {
            const auto *x = std::get_if<Timestamp>(&v);
            if (!x)
                return typeError(i, v);
            if (x->nanos < 0 || x->nanos > 999999999) {
                return makeError(QStringLiteral("tunnel.value_range"),
                                 QStringLiteral("Column \"%1\" (TIMESTAMP): nanos %2 is outside 0..999999999.")
                                     .arg(m_columns[i].name)
                                     .arg(x->nanos));
            }
            p = putTag(p, field, 2);
            p = putVarint(p, zigzag64(x->epochSeconds));
            p = putVarint(p, zigzag32(x->nanos));
            m_crc.updateU64(static_cast<uint64_t>(x->epochSeconds));
            m_crc.updateU32(static_cast<uint32_t>(x->nanos));
            break;
        }
        case TypeKind::Decimal:
        case TypeKind::String:
        case TypeKind::Varchar:
        case TypeKind::Char:
        case TypeKind::Binary: {
            const std::string *s = nullptr;
            if (kind == TypeKind::Decimal) {
                const auto *d = std::get_if<Decimal>(&v);
                if (!d)
                    return typeError(i, v);
                s = &d->text;
            } else {
                s = std::get_if<std::string>(&v);
                if (!s)
                    return typeError(i, v);
            }
            if (s->size() > m_maxFieldSize) {
                return makeError(QStringLiteral("tunnel.value_size"),
                                 QStringLiteral(
                                     "Column \"%1\" (%2): a value of %3 bytes exceeds the %4-byte cell limit.")
                                     .arg(m_columns[i].name, m_columns[i].type.toString())
                                     .arg(s->size())
                                     .arg(m_maxFieldSize));
            }
            p = putTag(p, field, 2);
            p = putVarint(p, s->size());
            std::memcpy(p, s->data(), s->size());
            p += s->size();
            m_crc.update(s->data(), s->size());
            break;
        }
        }
    }
    const uint32_t recordCrc = m_crc.value();
    p = putTag(p, kTunnelEndRecord, 0);
    p = putVarint(p, recordCrc);
    m_crcOfCrcs.updateU32(recordCrc);
    m_size = start + size_t(p - begin);
    ++m_count;
    return {};
}

void TunnelRecordWriter::finish()
{
    if (m_finished)
        return;
    char *const begin = reserve(32);
    char *p = begin;
    p = putTag(p, kTunnelMetaCount, 0);
    p = putVarint(p, zigzag64(m_count));
    p = putTag(p, kTunnelMetaChecksum, 0);
    p = putVarint(p, m_crcOfCrcs.value());
    m_size += size_t(p - begin);
    m_finished = true;
}

void TunnelRecordWriter::reserveBuffer(size_t bytes)
{
    m_reserved = std::max<size_t>(bytes, 4096);
    if (m_buf.size() < m_reserved)
        m_buf.resize(m_reserved);
}

std::string TunnelRecordWriter::takeBlock(std::string next)
{
    std::string block = std::move(m_buf);
    block.resize(m_size);
    m_buf = std::move(next);
    m_buf.resize(std::max(m_buf.capacity(), m_reserved));
    reset();
    return block;
}

void TunnelRecordWriter::reset()
{
    m_size = 0;
    m_count = 0;
    m_crcOfCrcs.reset();
    m_finished = false;
}

} // namespace kmsync::engine::maxcompute
