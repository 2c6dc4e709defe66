#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QString>

#include "engine/core/result.h"
#include "engine/core/tableschema.h"
#include "engine/core/value.h"
#include "engine/warehouse/sqlitehandles.h"

// The pieces the local warehouse's files share (localwarehouse.cpp: open, catalogue and sink;
// warehouseddl.cpp: DDL; warehousequery.cpp: read-only queries): SQLite calls that hand their handle to
// an owner, and the text forms the warehouse stores (catalogue JSON, timestamps, DATE/DATETIME/TIMESTAMP
// values). Internal to the warehouse module.
namespace kmsync::engine::warehouse::detail {

// ---- SQLite ----

// Opens a connection into `out`, which then owns the handle even when opening failed (SQLite hands
// back a handle for the error message in most failures). Returns the SQLite result code.
int openInto(const QByteArray &name, int flags, DbPtr &out);

// Prepares the first statement of `sql` into `out` (null for a text without a statement); `tail`, when
// given, gets where that statement ends. Returns the SQLite result code.
int prepareInto(sqlite3 *db, const QByteArray &sql, StmtPtr &out, unsigned flags = 0, const char **tail = nullptr);

// Prepares one statement; the error ("sink.io") names the warehouse file `path`.
Result<StmtPtr> prepare(sqlite3 *db, const QString &sql, const QString &path);

// "name" as a quoted SQLite identifier.
QString quoteIdent(const QString &name);

QString columnText(sqlite3_stmt *stmt, int col);
void bindText(sqlite3_stmt *stmt, int idx, const QString &text);

// ---- what the warehouse stores ----

// 1: rows in plain SQLite tables; 2: rows in segment files, tables are rows tables (rowstable.h).
inline constexpr int kCatalogueVersion = 2;

// Catalogue times: "yyyy-MM-dd HH:mm:ss" UTC.
QString nowText();
QDateTime parseUtc(const QString &text);

// Catalogue column lists: [{"name", "type", "comment"}, ...]; std::nullopt when the text is damaged.
QJsonArray columnsToJson(const std::vector<ColumnDef> &columns);
std::optional<std::vector<ColumnDef>> columnsFromJson(const QString &text);

// Strips backticks and a "project." prefix: "p.`T`" -> "t".
QString plainTableName(const QString &table);

// Stored values, written into `out` (at least 32 bytes); each returns the length written.
int formatDate(char *out, int64_t epochDays);       // DATE: "yyyy-MM-dd"
int formatDateTimeMs(char *out, int64_t epochMs);   // DATETIME: "yyyy-MM-dd HH:mm:ss" UTC, ".zzz" when there are ms
int formatTimestamp(char *out, const Timestamp &t); // TIMESTAMP: "yyyy-MM-dd HH:mm:ss" UTC, ".nnnnnnnnn" when nanos

} // namespace kmsync::engine::warehouse::detail
