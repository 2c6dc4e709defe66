#include "engine/warehouse/segmentfile.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <algorithm>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "engine/warehouse/sqliteutil.h"

namespace kmsync::engine::warehouse {

using namespace detail;

namespace {

constexpr size_t kFlushBytes = size_t(1) << 20;

uint32_t getU32(const unsigned char *p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

} // namespace

// ---- writer -----------------------------------------------------------------------------------------

SegmentWriter::SegmentWriter(QString path, int fd, std::vector<Affinity> affinities, int64_t maxBytes,
                             QString warehouse)
    : m_path(std::move(path))
    , m_fd(fd)
    , m_affinities(std::move(affinities))
    , m_maxBytes(maxBytes)
    , m_warehouse(std::move(warehouse))
{
    grow(kFlushBytes + 64 * 1024);
    putBytes(kSegmentMagic, sizeof kSegmentMagic);
    // The file grows by the run's size: have the disk write it while the run reads, so that finish()'s sync
    // finds little left to write.
    m_writeBehind = std::make_unique<WriteBehind>(m_path);
}

SegmentWriter::~SegmentWriter()
{
    m_writeBehind.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<std::unique_ptr<SegmentWriter>> SegmentWriter::create(const QString &path, std::vector<Affinity> affinities,
                                                             int64_t maxBytes, const QString &warehouse)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: cannot create %2: %3")
                                                        .arg(warehouse, path, QString::fromLocal8Bit(strerror(errno))));
    }
    return std::unique_ptr<SegmentWriter>(new SegmentWriter(path, fd, std::move(affinities), maxBytes, warehouse));
}

Error SegmentWriter::ioError(const QString &what) const
{
    return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: %2").arg(m_warehouse, what));
}

void SegmentWriter::grow(size_t n)
{
    const size_t capacity = std::max(m_capacity * 2, m_size + n);
    auto data = std::make_unique<char[]>(capacity);
    if (m_size > 0)
        std::memcpy(data.get(), m_data.get(), m_size);
    m_data = std::move(data);
    m_capacity = capacity;
}

void SegmentWriter::putReal(double v)
{
    if (std::isnan(v)) { // SQLite stores a NaN as NULL
        putByte(segtag::Null);
        return;
    }
    putByte(segtag::Real);
    putBytes(&v, 8);
}

Result<void> SegmentWriter::append(std::span<const Row> rows)
{
    char text[64];
    for (const Row &row : rows) {
        // Room for the row at its largest: a tag and 8 bytes for a number, a tag, a length and the bytes for a
        // text (at most 40 for the time types); the rare conversions make their own room.
        size_t most = 4;
        for (const Value &v : row) {
            if (v.index() == 4)
                most += 5 + std::get<std::string>(v).size();
            else if (v.index() == 5)
                most += 5 + std::get<Decimal>(v).text.size();
            else
                most += 45;
        }
        ensure(most);
        const size_t start = m_size;
        m_size += 4; // the payload's length, filled in below
        for (size_t i = 0; i < row.size(); ++i) {
            const Affinity aff = m_affinities[i];
            const Value &v = row[i];
            // What the old INSERT bound for each value (bool as 0/1, STRING as TEXT or, in a BINARY column, as
            // BLOB, DECIMAL and the time types as their text), then the column's affinity as SQLite applies it.
            switch (v.index()) {
            case 1:
            case 2: {
                const int64_t n = v.index() == 1 ? int64_t(std::get<bool>(v)) : std::get<int64_t>(v);
                if (aff == Affinity::Integer || aff == Affinity::Blob) {
                    putInteger(n);
                } else if (aff == Affinity::Real) {
                    putReal(double(n));
                } else {
                    const auto res = std::to_chars(text, text + sizeof text, n);
                    putTagged(segtag::Text, text, size_t(res.ptr - text));
                }
                break;
            }
            case 3: {
                const double d = std::get<double>(v);
                if (aff == Affinity::Real || aff == Affinity::Blob || std::isnan(d))
                    putReal(d);
                else if (auto r = encodeByAffinity(v, aff); !r.ok())
                    return r;
                break;
            }
            case 4:
            case 5:
            case 6:
            case 7:
            case 8: {
                const bool binary = v.index() == 4 && aff == Affinity::Blob;
                const char *data = text;
                size_t size = 0;
                if (v.index() == 4) {
                    const auto &s = std::get<std::string>(v);
                    data = s.data();
                    size = s.size();
                } else if (v.index() == 5) {
                    const auto &s = std::get<Decimal>(v).text;
                    data = s.data();
                    size = s.size();
                } else if (v.index() == 6) {
                    size = size_t(formatDateTimeMs(text, std::get<DateTime>(v).epochMs));
                } else if (v.index() == 7) {
                    size = size_t(formatDate(text, std::get<Date>(v).epochDays));
                } else {
                    size = size_t(formatTimestamp(text, std::get<Timestamp>(v)));
                }
                if (binary)
                    putTagged(segtag::Blob, data, size);
                else if (aff == Affinity::Text || aff == Affinity::Blob)
                    putTagged(segtag::Text, data, size);
                else if (auto r = encodeByAffinity(v, aff); !r.ok())
                    return r;
                break;
            }
            default:
                putByte(segtag::Null);
            }
        }
        putU32At(start, uint32_t(m_size - start - 4));
        ++m_rows;
        if (m_size >= kFlushBytes) {
            if (auto r = flush(); !r.ok())
                return r;
        }
    }
    return {};
}

void SegmentWriter::putStored(sqlite3_stmt *stmt, int col, bool integerAsReal)
{
    const int type = sqlite3_column_type(stmt, col); // before sqlite3_column_bytes, which may convert it
    ensure(type == SQLITE_TEXT || type == SQLITE_BLOB ? size_t(5) + size_t(sqlite3_column_bytes(stmt, col)) : 9);
    switch (type) {
    case SQLITE_INTEGER:
        if (integerAsReal)
            putReal(sqlite3_column_double(stmt, col));
        else
            putInteger(sqlite3_column_int64(stmt, col));
        break;
    case SQLITE_FLOAT:
        putReal(sqlite3_column_double(stmt, col));
        break;
    case SQLITE_TEXT:
        putTagged(segtag::Text, reinterpret_cast<const char *>(sqlite3_column_text(stmt, col)),
                  size_t(sqlite3_column_bytes(stmt, col)));
        break;
    case SQLITE_BLOB:
        putTagged(segtag::Blob, static_cast<const char *>(sqlite3_column_blob(stmt, col)),
                  size_t(sqlite3_column_bytes(stmt, col)));
        break;
    default:
        putByte(segtag::Null);
    }
}

Result<void> SegmentWriter::appendStored(sqlite3_stmt *stmt, int first, int count)
{
    const size_t start = m_size;
    ensure(4);
    m_size += 4;
    for (int c = first; c < first + count; ++c)
        putStored(stmt, c, false);
    putU32At(start, uint32_t(m_size - start - 4));
    ++m_rows;
    if (m_size >= kFlushBytes)
        return flush();
    return {};
}

Result<void> SegmentWriter::encodeByAffinity(const Value &value, Affinity affinity)
{
    if (!m_affinityDb) {
        if (openInto(QByteArrayLiteral(":memory:"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, m_affinityDb)
                != SQLITE_OK
            || sqlite3_exec(m_affinityDb.get(), "CREATE TABLE a (i INTEGER, r REAL, t TEXT)", nullptr, nullptr, nullptr)
                   != SQLITE_OK
            || prepareInto(m_affinityDb.get(),
                           QByteArrayLiteral("INSERT OR REPLACE INTO a (rowid, i, r, t) VALUES (1, ?1, ?1, ?1) "
                                             "RETURNING i, r, t"),
                           m_affinityInsert, SQLITE_PREPARE_PERSISTENT)
                   != SQLITE_OK) {
            return ioError(QStringLiteral("cannot convert a value to its column's type: %1")
                               .arg(QString::fromUtf8(sqlite3_errmsg(m_affinityDb.get()))));
        }
    }
    sqlite3_stmt *stmt = m_affinityInsert.get();
    char text[64];
    switch (value.index()) {
    case 3:
        sqlite3_bind_double(stmt, 1, std::get<double>(value));
        break;
    case 4: { // only ever text here: a BINARY column takes a string as it is
        const auto &s = std::get<std::string>(value);
        sqlite3_bind_text64(stmt, 1, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
        break;
    }
    case 5: {
        const auto &s = std::get<Decimal>(value).text;
        sqlite3_bind_text64(stmt, 1, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
        break;
    }
    case 6:
        sqlite3_bind_text(stmt, 1, text, formatDateTimeMs(text, std::get<DateTime>(value).epochMs), SQLITE_TRANSIENT);
        break;
    case 7:
        sqlite3_bind_text(stmt, 1, text, formatDate(text, std::get<Date>(value).epochDays), SQLITE_TRANSIENT);
        break;
    case 8:
        sqlite3_bind_text(stmt, 1, text, formatTimestamp(text, std::get<Timestamp>(value)), SQLITE_TRANSIENT);
        break;
    default:
        sqlite3_bind_null(stmt, 1);
    }
    const int col = affinity == Affinity::Integer ? 0 : affinity == Affinity::Real ? 1 : 2;
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        const Error e = ioError(QStringLiteral("cannot convert a value to its column's type: %1")
                                    .arg(QString::fromUtf8(sqlite3_errmsg(m_affinityDb.get()))));
        sqlite3_reset(stmt);
        return e;
    }
    // A REAL column keeps a whole number as an integer on disk but reads it as REAL: so does a segment.
    putStored(stmt, col, affinity == Affinity::Real);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return {};
}

Result<void> SegmentWriter::flush()
{
    if (m_size == 0)
        return {};
    if (m_maxBytes > 0 && m_written + int64_t(m_size) > m_maxBytes) {
        return ioError(
            QStringLiteral("database or disk is full (the warehouse may grow by at most %1 bytes)").arg(m_maxBytes));
    }
    const char *p = m_data.get();
    size_t left = m_size;
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(QStringLiteral("cannot write %1: %2").arg(m_path, QString::fromLocal8Bit(strerror(errno))));
        }
        p += n;
        left -= size_t(n);
    }
    m_written += int64_t(m_size);
    m_size = 0;
    return {};
}

Result<void> SegmentWriter::finish()
{
    if (auto r = flush(); !r.ok())
        return r;
    m_writeBehind.reset();
    if (::fdatasync(m_fd) != 0)
        return ioError(QStringLiteral("cannot sync %1: %2").arg(m_path, QString::fromLocal8Bit(strerror(errno))));
    return {};
}

void SegmentWriter::discard()
{
    m_writeBehind.reset();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    QFile::remove(m_path);
}

// ---- reader -----------------------------------------------------------------------------------------

Result<std::unique_ptr<SegmentView>> SegmentView::open(const QString &path, int64_t bytes)
{
    std::unique_ptr<SegmentView> view(new SegmentView);
    view->m_file.setFileName(path);
    if (!view->m_file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("query.io"),
                         QStringLiteral("cannot read %1: %2").arg(path, view->m_file.errorString()));
    const int64_t size = view->m_file.size();
    if (size != bytes || size < int64_t(sizeof kSegmentMagic)) {
        return makeError(QStringLiteral("query.io"),
                         QStringLiteral("%1 holds %2 bytes, but its commit recorded %3: the file was changed or cut")
                             .arg(path)
                             .arg(size)
                             .arg(bytes));
    }
    view->m_data = view->m_file.map(0, size);
    if (!view->m_data)
        return makeError(QStringLiteral("query.io"),
                         QStringLiteral("cannot map %1: %2").arg(path, view->m_file.errorString()));
    if (std::memcmp(view->m_data, kSegmentMagic, sizeof kSegmentMagic) != 0)
        return makeError(QStringLiteral("query.io"), QStringLiteral("%1 is not a kmsync segment file").arg(path));
    view->m_size = size;
    return view;
}

const unsigned char *SegmentView::rowEnd(const unsigned char *row, const unsigned char *end)
{
    if (end - row < 4)
        return nullptr;
    const uint32_t len = getU32(row);
    if (size_t(end - row - 4) < len)
        return nullptr;
    return row + 4 + len;
}

const unsigned char *SegmentView::skipValue(const unsigned char *p, const unsigned char *end)
{
    if (p >= end)
        return nullptr;
    switch (*p) {
    case segtag::Null:
        return p + 1;
    case segtag::Integer:
    case segtag::Real:
        return end - p >= 9 ? p + 9 : nullptr;
    case segtag::Text:
    case segtag::Blob: {
        if (end - p < 5)
            return nullptr;
        const uint32_t len = getU32(p + 1);
        return size_t(end - p - 5) >= len ? p + 5 + len : nullptr;
    }
    default:
        return nullptr;
    }
}

} // namespace kmsync::engine::warehouse
