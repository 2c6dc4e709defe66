#include "engine/warehouse/localwarehouse.h"

#include <charconv>
#include <cstring>
#include <map>

#include <sqlite3.h>

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include "engine/warehouse/rowstable.h"
#include "engine/warehouse/sqliteutil.h"

// LocalWarehouse's read-only queries: one SELECT on a separate read-only connection, its cells in
// printable form (QueryResult).
namespace kmsync::engine::warehouse {

using namespace detail;

namespace {

QString formatDouble(double d)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d);
    return QString::fromLatin1(buf, int(res.ptr - buf));
}

std::optional<QString> formatCell(sqlite3_stmt *stmt, int col, const std::optional<ColumnType> &type)
{
    const int storage = sqlite3_column_type(stmt, col);
    if (storage == SQLITE_NULL)
        return std::nullopt;
    if (type) {
        switch (type->kind) {
        case TypeKind::Boolean:
            if (storage == SQLITE_INTEGER || storage == SQLITE_FLOAT)
                return sqlite3_column_int64(stmt, col) != 0 ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case TypeKind::DateTime:
            if (storage == SQLITE_TEXT)
                return columnText(stmt, col).left(19); // MaxCompute prints DATETIME to the second
            break;
        case TypeKind::Double:
        case TypeKind::Float:
            if (storage == SQLITE_INTEGER || storage == SQLITE_FLOAT)
                return formatDouble(sqlite3_column_double(stmt, col));
            break;
        default:
            break;
        }
    }
    switch (storage) {
    case SQLITE_INTEGER:
        return QString::number(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT:
        return formatDouble(sqlite3_column_double(stmt, col));
    case SQLITE_BLOB: {
        const auto *data = static_cast<const char *>(sqlite3_column_blob(stmt, col));
        return QString::fromUtf8(data, sqlite3_column_bytes(stmt, col));
    }
    default:
        return columnText(stmt, col);
    }
}

// Table name -> (column name -> type) for every catalogued table; empty when the file has no catalogue.
std::map<QString, std::map<QString, ColumnType>> catalogueTypes(sqlite3 *db)
{
    std::map<QString, std::map<QString, ColumnType>> out;
    StmtPtr stmt;
    if (prepareInto(db, QByteArrayLiteral("SELECT name, columns, partition_keys FROM _kmsync_tables"), stmt)
        != SQLITE_OK)
        return out;
    sqlite3_stmt *raw = stmt.get();
    while (sqlite3_step(raw) == SQLITE_ROW) {
        auto &types = out[columnText(raw, 0).toLower()];
        for (int c = 1; c <= 2; ++c) {
            if (const auto cols = columnsFromJson(columnText(raw, c))) {
                for (const auto &def : *cols)
                    types.emplace(def.name.toLower(), def.type);
            }
        }
    }
    return out;
}

// Skips whitespace, the character `extra` and SQL comments ("-- ..." to the end of the line, "/* ... */").
// Returns where the first other character (or the end) is; nullptr when a "/*" comment is never closed.
const char *skipSqlNoise(const char *p, char extra)
{
    while (p && *p) {
        if (*p == extra || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            ++p;
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                ++p;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = std::strstr(p + 2, "*/");
            if (!end)
                return nullptr;
            p = end + 2;
        } else {
            break;
        }
    }
    return p;
}

// True when the rest of a statement text is only whitespace, ';' and comments.
bool onlyTrailingNoise(const char *tail)
{
    const char *p = skipSqlNoise(tail, ';');
    return !p || !*p;
}

// The first keyword of a statement, upper-case, after leading whitespace, '(' and comments.
QString firstKeyword(const char *sql)
{
    const char *p = skipSqlNoise(sql, '(');
    if (!p)
        return QString();
    QString word;
    while (p && *p && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        word += QLatin1Char(*p++);
    return word.toUpper();
}

} // namespace

Result<QueryResult> LocalWarehouse::query(const QString &sql, int maxRows)
{
    return queryFile(m_path, sql, maxRows);
}

Result<QueryResult> LocalWarehouse::queryFile(const QString &path, const QString &sql, int maxRows)
{
    if (!QFileInfo(path).isFile()) {
        return makeError(QStringLiteral("warehouse.not_found"),
                         QStringLiteral("warehouse %1 does not exist; check the datasource's connection.path")
                             .arg(path));
    }
    // A WAL database needs its -shm file even to read. When neither it exists nor the folder is writable
    // (a read-only copy, another user's file) and no writer is active, read the file as immutable.
    auto openReadOnly = [&path](bool immutable) -> Result<DbPtr> {
        QByteArray name = QFile::encodeName(path);
        int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
        if (immutable) {
            name = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + "?immutable=1";
            flags |= SQLITE_OPEN_URI;
        }
        DbPtr opened;
        const int rc = openInto(name, flags, opened);
        sqlite3 *handle = opened.get();
        if (rc == SQLITE_OK)
            registerRowsModule(handle);
        if (rc == SQLITE_OK) {
            sqlite3_busy_timeout(handle, 10000);
            char *msg = nullptr;
            const int probe = sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, &msg);
            sqlite3_free(msg);
            if (probe == SQLITE_OK)
                return opened;
        }
        return makeError(QStringLiteral("query.io"),
                         QStringLiteral("cannot read warehouse %1: %2")
                             .arg(path, QString::fromUtf8(handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc))));
    };
    auto opened = openReadOnly(false);
    if (!opened.ok() && !QFileInfo::exists(path + QStringLiteral("-wal")))
        opened = openReadOnly(true);
    if (!opened.ok())
        return opened.error();
    DbPtr db = std::move(opened.value());
    sqlite3 *raw = db.get();
    // Held until the query has ended (declared before its statement): no writer deletes a segment file this
    // query's snapshot may still list. Taken before the query's read transaction begins, at its first step. The
    // folder is named after the file SQLite opened (symbolic links resolved), as the rows tables find it.
    const SegmentFolderLock segmentsLock(segmentFolder(QString::fromUtf8(sqlite3_db_filename(raw, "main"))),
                                         SegmentFolderLock::Mode::Shared);
    sqlite3_exec(raw, "PRAGMA query_only=1", nullptr, nullptr, nullptr);

    // MaxCompute names tables "project.table"; the local warehouse is one project.
    static const QRegularExpression projectPrefix(
        QStringLiteral(
            R"((\b(?:from|join|update|into|table)\s+)(?:`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)\s*\.\s*(?=`|[A-Za-z_]))"),
        QRegularExpression::CaseInsensitiveOption);
    QString text = sql;
    text.replace(projectPrefix, QStringLiteral("\\1"));
    const QByteArray utf8 = text.toUtf8();

    const auto types = catalogueTypes(raw);

    StmtPtr stmt;
    const char *tail = nullptr;
    if (prepareInto(raw, utf8, stmt, 0, &tail) != SQLITE_OK) {
        const QString msg = QString::fromUtf8(sqlite3_errmsg(raw));
        const int code = sqlite3_errcode(raw);
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT || code == SQLITE_CANTOPEN || code == SQLITE_IOERR)
            return makeError(QStringLiteral("query.io"), QStringLiteral("cannot read warehouse %1: %2").arg(path, msg));
        return makeError(QStringLiteral("query.sql"), QStringLiteral("cannot run the query: %1").arg(msg));
    }
    sqlite3_stmt *stmtRaw = stmt.get();
    if (!stmtRaw)
        return makeError(QStringLiteral("query.empty"),
                         QStringLiteral("the query is empty; give one SELECT statement"));
    if (!onlyTrailingNoise(tail)) {
        return makeError(QStringLiteral("query.multiple_statements"),
                         QStringLiteral("give exactly one SELECT statement; found more after \"%1\"")
                             .arg(QString::fromUtf8(sqlite3_sql(stmtRaw)).trimmed()));
    }
    // sqlite3_stmt_readonly() is true for ATTACH, PRAGMA and VACUUM INTO too; a query is a SELECT.
    static const QStringList readKeywords{QStringLiteral("SELECT"), QStringLiteral("WITH"), QStringLiteral("VALUES"),
                                          QStringLiteral("EXPLAIN")};
    if (!sqlite3_stmt_readonly(stmtRaw) || !readKeywords.contains(firstKeyword(sqlite3_sql(stmtRaw)))) {
        return makeError(QStringLiteral("query.not_read_only"),
                         QStringLiteral("only read-only statements (SELECT) can run as a query; \"%1\" would change "
                                        "the warehouse")
                             .arg(sql.trimmed().left(80)));
    }

    QueryResult result;
    const int columns = sqlite3_column_count(stmtRaw);
    for (int c = 0; c < columns; ++c) {
        result.columns << QString::fromUtf8(sqlite3_column_name(stmtRaw, c));
        std::optional<ColumnType> type;
        const char *table = sqlite3_column_table_name(stmtRaw, c);
        const char *origin = sqlite3_column_origin_name(stmtRaw, c);
        if (table && origin) {
            const auto t = types.find(QString::fromUtf8(table).toLower());
            if (t != types.end()) {
                const auto col = t->second.find(QString::fromUtf8(origin).toLower());
                if (col != t->second.end())
                    type = col->second;
            }
        }
        result.columnTypes.push_back(type);
    }
    while (true) {
        const int step = sqlite3_step(stmtRaw);
        if (step == SQLITE_DONE)
            break;
        if (step != SQLITE_ROW)
            return makeError(QStringLiteral("query.sql"),
                             QStringLiteral("the query failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(raw))));
        if (maxRows > 0 && int(result.rows.size()) >= maxRows) {
            result.truncated = true;
            break;
        }
        std::vector<std::optional<QString>> row;
        row.reserve(size_t(columns));
        for (int c = 0; c < columns; ++c)
            row.push_back(formatCell(stmtRaw, c, result.columnTypes[size_t(c)]));
        result.rows.push_back(std::move(row));
    }
    return result;
}

} // namespace kmsync::engine::warehouse
