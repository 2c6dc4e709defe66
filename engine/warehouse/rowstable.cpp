#include "engine/warehouse/rowstable.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

#include <QFile>
#include <QStringList>

#include "engine/warehouse/segmentfile.h"
#include "engine/warehouse/sqliteutil.h"

namespace kmsync::engine::warehouse {

using namespace detail;

namespace {

struct RowsVtab
{
    sqlite3_vtab base{};
    sqlite3 *db = nullptr;
    std::string schema; // the database the table is in ("main")
    std::string table;
    int dataColumns = 0;
    int keyColumns = 0;
    QString folder;
};

struct SegmentEntry
{
    QString file;
    int64_t bytes = 0;
    int columns = 0;
    std::vector<std::string> keys; // the partition key values, in key order
};

struct RowsCursor
{
    sqlite3_vtab_cursor base{};
    std::vector<SegmentEntry> segments;
    size_t next = 0; // the next segment to open
    std::unique_ptr<SegmentView> view;
    const SegmentEntry *current = nullptr;
    const unsigned char *row = nullptr; // the current row; nullptr at the end
    const unsigned char *rowEnd = nullptr;
    const unsigned char *end = nullptr;
    std::vector<const unsigned char *> offsets; // where each decoded column's value starts
    sqlite3_int64 rowid = 0;
    const unsigned char *released = nullptr; // the mapping before this is given back (see advance())
};

// A scan reads a segment once, front to back: give the pages behind it back to the kernel as it goes, so that a
// query's resident memory does not grow with the segment (a 480k-row run's is ~144 MB). They stay in the page
// cache; only this mapping drops them.
constexpr size_t kReleaseBytes = size_t(8) << 20;

void releaseBehind(RowsCursor *c)
{
    if (size_t(c->row - c->released) < kReleaseBytes)
        return;
    const auto page = uintptr_t(sysconf(_SC_PAGESIZE));
    const unsigned char *upTo = c->row - (reinterpret_cast<uintptr_t>(c->row) & (page - 1)); // page-aligned
    ::madvise(const_cast<unsigned char *>(c->released), size_t(upTo - c->released), MADV_DONTNEED);
    c->released = upTo;
}

RowsVtab *vtabOf(sqlite3_vtab_cursor *cur)
{
    return reinterpret_cast<RowsVtab *>(cur->pVtab);
}

int fail(sqlite3_vtab *vtab, int rc, const QString &message)
{
    sqlite3_free(vtab->zErrMsg);
    vtab->zErrMsg = sqlite3_mprintf("%s", message.toUtf8().constData());
    return rc;
}

int rowsConnect(sqlite3 *db, void *, int argc, const char *const *argv, sqlite3_vtab **out, char **err)
{
    if (argc < 4 || std::strncmp(argv[3], "keys=", 5) != 0) {
        *err = sqlite3_mprintf("kmsync_rows: expected (keys=N, column definitions...)");
        return SQLITE_ERROR;
    }
    auto vtab = std::make_unique<RowsVtab>();
    vtab->db = db;
    vtab->schema = argv[1];
    vtab->table = argv[2];
    vtab->keyColumns = std::atoi(argv[3] + 5);
    vtab->dataColumns = argc - 4 - vtab->keyColumns;
    if (vtab->keyColumns < 0 || vtab->dataColumns < 0) {
        *err = sqlite3_mprintf("kmsync_rows: keys=%d but only %d columns", vtab->keyColumns, argc - 4);
        return SQLITE_ERROR;
    }
    std::string ddl = "CREATE TABLE x(";
    for (int i = 4; i < argc; ++i) {
        if (i > 4)
            ddl += ", ";
        ddl += argv[i];
    }
    ddl += ")";
    if (const int rc = sqlite3_declare_vtab(db, ddl.c_str()); rc != SQLITE_OK) {
        *err = sqlite3_mprintf("kmsync_rows: %s", sqlite3_errmsg(db));
        return rc;
    }
    const char *file = sqlite3_db_filename(db, argv[1]);
    vtab->folder = file && *file ? segmentFolder(QString::fromUtf8(file)) : QString();
    *out = &vtab.release()->base;
    return SQLITE_OK;
}

int rowsDisconnect(sqlite3_vtab *vtab)
{
    delete reinterpret_cast<RowsVtab *>(vtab);
    return SQLITE_OK;
}

int rowsBestIndex(sqlite3_vtab *, sqlite3_index_info *info)
{
    // A scan of every segment; SQLite checks the WHERE clause itself.
    info->estimatedCost = 1e6;
    info->estimatedRows = 1000000;
    return SQLITE_OK;
}

int rowsOpen(sqlite3_vtab *, sqlite3_vtab_cursor **out)
{
    *out = &(new RowsCursor)->base;
    return SQLITE_OK;
}

int rowsClose(sqlite3_vtab_cursor *cur)
{
    delete reinterpret_cast<RowsCursor *>(cur);
    return SQLITE_OK;
}

// The error for a row or value that runs past its segment's end or has an unknown tag.
int damaged(RowsCursor *c)
{
    RowsVtab *vtab = vtabOf(&c->base);
    return fail(&vtab->base, SQLITE_CORRUPT,
                QStringLiteral("table \"%1\": segment %2 is damaged")
                    .arg(QString::fromStdString(vtab->table), c->current->file));
}

// Moves to the next row, opening the next segment when one ends.
int advance(RowsCursor *c)
{
    RowsVtab *vtab = vtabOf(&c->base);
    c->offsets.clear();
    if (c->row)
        c->row = c->rowEnd;
    while (!c->row || c->row == c->end) {
        c->row = nullptr;
        c->view.reset();
        if (c->next >= c->segments.size())
            return SQLITE_OK; // the end
        c->current = &c->segments[c->next++];
        const QString path = vtab->folder + u'/' + c->current->file;
        auto view = SegmentView::open(path, c->current->bytes);
        if (!view.ok()) {
            return fail(&vtab->base, SQLITE_IOERR,
                        QStringLiteral("table \"%1\": %2")
                            .arg(QString::fromStdString(vtab->table), view.error().message));
        }
        c->view = std::move(view.value());
        c->released = c->view->begin() - sizeof kSegmentMagic; // the mapping's start, page-aligned
        c->row = c->view->begin();
        c->end = c->view->end();
    }
    c->rowEnd = SegmentView::rowEnd(c->row, c->end);
    if (!c->rowEnd) {
        return damaged(c);
    }
    ++c->rowid;
    releaseBehind(c);
    return SQLITE_OK;
}

int rowsFilter(sqlite3_vtab_cursor *cur, int, const char *, int, sqlite3_value **)
{
    auto *c = reinterpret_cast<RowsCursor *>(cur);
    RowsVtab *vtab = vtabOf(cur);
    c->segments.clear();
    c->next = 0;
    c->row = nullptr;
    c->view.reset();
    c->rowid = 0;
    StmtPtr stmt;
    const std::string sql = "SELECT file, bytes, columns, spec FROM \"" + vtab->schema
                          + "\"._kmsync_segments WHERE table_name = ?1 ORDER BY id";
    if (prepareInto(vtab->db, QByteArray::fromStdString(sql), stmt) != SQLITE_OK)
        return fail(&vtab->base, SQLITE_ERROR, QString::fromUtf8(sqlite3_errmsg(vtab->db)));
    sqlite3_bind_text(stmt.get(), 1, vtab->table.c_str(), int(vtab->table.size()), SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        SegmentEntry e;
        e.file = columnText(stmt.get(), 0);
        e.bytes = sqlite3_column_int64(stmt.get(), 1);
        e.columns = sqlite3_column_int(stmt.get(), 2);
        const QString spec = columnText(stmt.get(), 3);
        if (!spec.isEmpty()) {
            for (const QString &level : spec.split(u','))
                e.keys.push_back(level.section(u'=', 1).toStdString());
        }
        c->segments.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE)
        return fail(&vtab->base, rc, QString::fromUtf8(sqlite3_errmsg(vtab->db)));
    return advance(c);
}

int rowsNext(sqlite3_vtab_cursor *cur)
{
    return advance(reinterpret_cast<RowsCursor *>(cur));
}

int rowsEof(sqlite3_vtab_cursor *cur)
{
    return reinterpret_cast<RowsCursor *>(cur)->row == nullptr;
}

int rowsColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    auto *c = reinterpret_cast<RowsCursor *>(cur);
    RowsVtab *vtab = vtabOf(cur);
    if (col >= vtab->dataColumns) {
        const size_t k = size_t(col - vtab->dataColumns);
        if (k < c->current->keys.size())
            sqlite3_result_text(ctx, c->current->keys[k].data(), int(c->current->keys[k].size()), SQLITE_TRANSIENT);
        else
            sqlite3_result_null(ctx);
        return SQLITE_OK;
    }
    if (col >= c->current->columns) { // a column added after this segment was written
        sqlite3_result_null(ctx);
        return SQLITE_OK;
    }
    if (c->offsets.empty())
        c->offsets.push_back(SegmentView::payload(c->row));
    while (int(c->offsets.size()) <= col) {
        const unsigned char *p = SegmentView::skipValue(c->offsets.back(), c->rowEnd);
        if (!p) {
            return damaged(c);
        }
        c->offsets.push_back(p);
    }
    const unsigned char *p = c->offsets[size_t(col)];
    if (!SegmentView::skipValue(p, c->rowEnd)) {
        return damaged(c);
    }
    switch (*p) {
    case segtag::Integer: {
        sqlite3_int64 v;
        std::memcpy(&v, p + 1, 8);
        sqlite3_result_int64(ctx, v);
        break;
    }
    case segtag::Real: {
        double v;
        std::memcpy(&v, p + 1, 8);
        sqlite3_result_double(ctx, v);
        break;
    }
    case segtag::Text:
    case segtag::Blob: {
        uint32_t len;
        std::memcpy(&len, p + 1, 4);
        if (*p == segtag::Text)
            sqlite3_result_text(ctx, reinterpret_cast<const char *>(p + 5), int(len), SQLITE_TRANSIENT);
        else
            sqlite3_result_blob(ctx, p + 5, int(len), SQLITE_TRANSIENT);
        break;
    }
    default:
        sqlite3_result_null(ctx);
    }
    return SQLITE_OK;
}

int rowsRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = reinterpret_cast<RowsCursor *>(cur)->rowid;
    return SQLITE_OK;
}

// Present so that an INSERT, UPDATE or DELETE prepares (and a query is then rejected as one that would write,
// by sqlite3_stmt_readonly); rows are only ever written by a run's commit.
int rowsUpdate(sqlite3_vtab *vtab, int, sqlite3_value **, sqlite3_int64 *)
{
    return fail(vtab, SQLITE_READONLY,
                QStringLiteral("table \"%1\" is written only by runs and DDL")
                    .arg(QString::fromStdString(reinterpret_cast<RowsVtab *>(vtab)->table)));
}

const sqlite3_module kRowsModule = {
    /* iVersion */ 0,
    /* xCreate */ rowsConnect,
    /* xConnect */ rowsConnect,
    /* xBestIndex */ rowsBestIndex,
    /* xDisconnect */ rowsDisconnect,
    /* xDestroy */ rowsDisconnect, // the rows' segments are the catalogue's to drop, in the same transaction
    /* xOpen */ rowsOpen,
    /* xClose */ rowsClose,
    /* xFilter */ rowsFilter,
    /* xNext */ rowsNext,
    /* xEof */ rowsEof,
    /* xColumn */ rowsColumn,
    /* xRowid */ rowsRowid,
    /* xUpdate */ rowsUpdate,
    /* xBegin */ nullptr,
    /* xSync */ nullptr,
    /* xCommit */ nullptr,
    /* xRollback */ nullptr,
    /* xFindFunction */ nullptr,
    /* xRename */ nullptr,
    /* xSavepoint */ nullptr,
    /* xRelease */ nullptr,
    /* xRollbackTo */ nullptr,
    /* xShadowName */ nullptr,
};

} // namespace

int registerRowsModule(sqlite3 *db)
{
    return sqlite3_create_module_v2(db, "kmsync_rows", &kRowsModule, nullptr, nullptr);
}

QString segmentFolder(const QString &databasePath)
{
    return databasePath + QStringLiteral(".segments");
}

QString sqliteType(const ColumnType &type)
{
    switch (affinityOf(type)) {
    case Affinity::Integer:
        return QStringLiteral("INTEGER");
    case Affinity::Real:
        return QStringLiteral("REAL");
    case Affinity::Blob:
        return QStringLiteral("BLOB");
    default:
        return QStringLiteral("TEXT");
    }
}

Affinity affinityOf(const ColumnType &type)
{
    switch (type.kind) {
    case TypeKind::BigInt:
    case TypeKind::Int:
    case TypeKind::SmallInt:
    case TypeKind::TinyInt:
    case TypeKind::Boolean:
        return Affinity::Integer;
    case TypeKind::Double:
    case TypeKind::Float:
        return Affinity::Real;
    case TypeKind::Binary:
        return Affinity::Blob;
    default: // STRING, VARCHAR, CHAR, DECIMAL (exact text), DATETIME, DATE, TIMESTAMP (text)
        return Affinity::Text;
    }
}

QString rowsTableDdl(const QString &name, const TableSchema &schema)
{
    QStringList args{QStringLiteral("keys=%1").arg(schema.partitionKeys.size())};
    for (const auto &c : schema.columns)
        args << quoteIdent(c.name) + u' ' + sqliteType(c.type);
    for (const auto &k : schema.partitionKeys)
        args << quoteIdent(k.name) + QStringLiteral(" TEXT");
    return QStringLiteral("CREATE VIRTUAL TABLE %1 USING kmsync_rows(%2)")
        .arg(quoteIdent(name), args.join(QStringLiteral(", ")));
}

SegmentFolderLock::SegmentFolderLock(const QString &folder, Mode mode)
{
    const QByteArray path = QFile::encodeName(folder + QStringLiteral("/lock"));
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    int rc;
    do {
        rc = ::flock(fd, mode == Mode::Shared ? LOCK_SH : LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        ::close(fd);
        return;
    }
    m_fd = fd;
}

SegmentFolderLock::~SegmentFolderLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

} // namespace kmsync::engine::warehouse
