#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <QFile>
#include <QString>

#include "engine/core/result.h"
#include "engine/core/value.h"
#include "engine/warehouse/sqlitehandles.h"
#include "engine/warehouse/writebehind.h"

// A table's rows in the local warehouse live in segment files: one per committed run (or per partition of a
// table migrated from the old layout), written once, made durable before the commit that registers them in
// _kmsync_segments, and never changed afterwards. A table is a virtual table over its segments (rowstable.h),
// so queries see them through SQLite as before, in the same transaction snapshot as the catalogue.
//
// Why: a run inserted every row through SQLite, which wrote each page twice (the WAL, then the checkpoint in
// the commit) and cost ~45 % of a run's CPU (README "Benchmarks"). A segment is written once, in the values'
// own encoding, and its commit syncs one file that was written out while the run read.
//
// Format: the 8-byte magic "KMSEG001", then the rows. A row is the length of its payload (u32 LE) and, per data
// column, a tag byte and the value: 0 NULL; 1 INTEGER (int64 LE); 2 REAL (IEEE double LE); 3 TEXT, 4 BLOB
// (u32 LE length, then the bytes). Partition key values are not stored: the segment's partition spec in the
// catalogue gives them. A segment written before an ADD COLUMNS has fewer columns; the missing ones read NULL.
// Values are stored as SQLite would have stored them in a column of the table's type (its affinity).
namespace kmsync::engine::warehouse {

enum class Affinity : uint8_t { Integer, Real, Text, Blob };

inline constexpr char kSegmentMagic[8] = {'K', 'M', 'S', 'E', 'G', '0', '0', '1'};

namespace segtag {
inline constexpr uint8_t Null = 0;
inline constexpr uint8_t Integer = 1;
inline constexpr uint8_t Real = 2;
inline constexpr uint8_t Text = 3;
inline constexpr uint8_t Blob = 4;
} // namespace segtag

// Writes one segment. Not thread-safe. Errors are "sink.io" and name the warehouse.
class SegmentWriter
{
public:
    // Creates `path` (it must not exist). maxBytes > 0 caps the file: writing past it fails like a full disk.
    static Result<std::unique_ptr<SegmentWriter>> create(const QString &path, std::vector<Affinity> affinities,
                                                         int64_t maxBytes, const QString &warehouse);
    ~SegmentWriter(); // closes the file; it stays on disk unless discard() was called
    SegmentWriter(const SegmentWriter &) = delete;
    SegmentWriter &operator=(const SegmentWriter &) = delete;

    // Appends rows (each exactly as wide as the affinities). Types are converted by the column's affinity.
    Result<void> append(std::span<const Row> rows);
    // Appends one row as SQLite holds it: the values of columns first ... first+count-1 of stmt's current row,
    // with their storage classes kept (for moving rows out of an old-layout table).
    Result<void> appendStored(sqlite3_stmt *stmt, int first, int count);
    // Writes what is buffered and syncs the file's data (fdatasync): after it, the segment survives a crash.
    Result<void> finish();
    // Closes and deletes the file.
    void discard();

    QString path() const { return m_path; }
    int64_t rows() const { return m_rows; }
    int64_t bytes() const { return m_written + int64_t(m_size); }

private:
    SegmentWriter(QString path, int fd, std::vector<Affinity> affinities, int64_t maxBytes, QString warehouse);
    Result<void> flush();
    Error ioError(const QString &what) const;
    // Encodes a value SQLite would store differently in this column (e.g. a number in a TEXT column) by letting
    // SQLite apply the column's affinity (RETURNING on an in-memory table): the rare path.
    Result<void> encodeByAffinity(const Value &value, Affinity affinity);
    // The buffer: append() makes room for a whole row first (ensure()), then puts its values without checks.
    void ensure(size_t n)
    {
        if (m_capacity - m_size < n)
            grow(n);
    }
    void grow(size_t n);
    void putByte(uint8_t b) { m_data[m_size++] = char(b); }
    void putBytes(const void *p, size_t n)
    {
        std::memcpy(m_data.get() + m_size, p, n);
        m_size += n;
    }
    void putU32At(size_t at, uint32_t v)
    {
        const char b[4] = {char(v & 0xff), char((v >> 8) & 0xff), char((v >> 16) & 0xff), char((v >> 24) & 0xff)};
        std::memcpy(m_data.get() + at, b, 4);
    }
    void putTagged(uint8_t tag, const char *data, size_t size)
    {
        putByte(tag);
        putU32At(m_size, uint32_t(size));
        m_size += 4;
        putBytes(data, size);
    }
    void putInteger(int64_t v)
    {
        putByte(segtag::Integer);
        putBytes(&v, 8); // little-endian hosts only (x86-64, arm64)
    }
    void putReal(double v);
    // Puts column `col` of stmt's current row with its storage class (an INTEGER as REAL when integerAsReal).
    void putStored(sqlite3_stmt *stmt, int col, bool integerAsReal);

    QString m_path;
    int m_fd = -1;
    std::vector<Affinity> m_affinities;
    int64_t m_maxBytes = 0;
    QString m_warehouse;
    std::unique_ptr<char[]> m_data;
    size_t m_size = 0;
    size_t m_capacity = 0;
    int64_t m_written = 0;
    int64_t m_rows = 0;
    std::unique_ptr<WriteBehind> m_writeBehind;
    DbPtr m_affinityDb; // the rare path's in-memory connection, opened when first needed
    StmtPtr m_affinityInsert;
};

// One segment mapped for reading.
class SegmentView
{
public:
    // Maps `path` and checks its magic and that it holds exactly `bytes` bytes (the size its commit recorded).
    // The error message says what is wrong; the caller names the table.
    static Result<std::unique_ptr<SegmentView>> open(const QString &path, int64_t bytes);

    const unsigned char *begin() const { return m_data + sizeof kSegmentMagic; }
    const unsigned char *end() const { return m_data + m_size; }

    // Where the row at `row` ends (its next row starts), or nullptr when the row runs past the end.
    static const unsigned char *rowEnd(const unsigned char *row, const unsigned char *end);
    // The payload of the row at `row` (after its length).
    static const unsigned char *payload(const unsigned char *row) { return row + 4; }
    // Skips one tagged value; nullptr when it runs past `end`.
    static const unsigned char *skipValue(const unsigned char *p, const unsigned char *end);

private:
    SegmentView() = default;
    QFile m_file;
    const unsigned char *m_data = nullptr;
    int64_t m_size = 0;
};

} // namespace kmsync::engine::warehouse
