#include "engine/warehouse/sqliteutil.h"

#include <cstdio>

#include <sqlite3.h>

#include <QJsonDocument>
#include <QJsonObject>

#include "engine/core/calendar.h"

namespace kmsync::engine::warehouse {

void SqliteDeleter::operator()(sqlite3 *db) const noexcept
{
    sqlite3_close_v2(db);
}

void SqliteDeleter::operator()(sqlite3_stmt *stmt) const noexcept
{
    sqlite3_finalize(stmt);
}

namespace detail {

namespace {

// Writes "yyyy-MM-dd HH:mm:ss" for epoch seconds and returns the length.
int formatDateTimeSeconds(char *out, int64_t epochSeconds)
{
    const int64_t days = floorDiv(epochSeconds, 86400);
    const int secs = int(epochSeconds - days * 86400);
    int n = formatDate(out, days);
    const int h = secs / 3600;
    const int mi = secs / 60 % 60;
    const int s = secs % 60;
    out[n++] = ' ';
    out[n++] = char('0' + h / 10);
    out[n++] = char('0' + h % 10);
    out[n++] = ':';
    out[n++] = char('0' + mi / 10);
    out[n++] = char('0' + mi % 10);
    out[n++] = ':';
    out[n++] = char('0' + s / 10);
    out[n++] = char('0' + s % 10);
    return n;
}

// Appends ".fff" with `digits` digits of `fraction`.
int appendFraction(char *out, int n, int64_t fraction, int digits)
{
    out[n++] = '.';
    for (int i = digits - 1; i >= 0; --i) {
        out[n + i] = char('0' + fraction % 10);
        fraction /= 10;
    }
    return n + digits;
}

} // namespace

// Opens a connection into `out`, which then owns the handle even when opening failed (SQLite hands
// back a handle for the error message in most failures).
int openInto(const QByteArray &name, int flags, DbPtr &out)
{
    sqlite3 *handle = nullptr;
    const int rc = sqlite3_open_v2(name.constData(), &handle, flags, nullptr);
    out.reset(handle);
    return rc;
}

// Prepares one statement into `out` (null for an empty text); `tail`, when given, gets where the first
// statement ends.
int prepareInto(sqlite3 *db, const QByteArray &sql, StmtPtr &out, unsigned flags, const char **tail)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.constData(), int(sql.size()), flags, &stmt, tail);
    out.reset(stmt);
    return rc;
}

Result<StmtPtr> prepare(sqlite3 *db, const QString &sql, const QString &path)
{
    StmtPtr stmt;
    if (prepareInto(db, sql.toUtf8(), stmt) != SQLITE_OK) {
        return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: %2")
                                                        .arg(path, QString::fromUtf8(sqlite3_errmsg(db))));
    }
    return stmt;
}

QString quoteIdent(const QString &name)
{
    QString out = name;
    out.replace(u'"', QStringLiteral("\"\""));
    return u'"' + out + u'"';
}

QString columnText(sqlite3_stmt *stmt, int col)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, col));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, col)) : QString();
}

void bindText(sqlite3_stmt *stmt, int idx, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(stmt, idx, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QDateTime parseUtc(const QString &text)
{
    QDateTime dt = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    dt.setTimeSpec(Qt::UTC);
    return dt;
}

QJsonArray columnsToJson(const std::vector<ColumnDef> &columns)
{
    QJsonArray out;
    for (const auto &c : columns) {
        out.append(QJsonObject{{QStringLiteral("name"), c.name},
                               {QStringLiteral("type"), c.type.toString()},
                               {QStringLiteral("comment"), c.comment}});
    }
    return out;
}

std::optional<std::vector<ColumnDef>> columnsFromJson(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isArray())
        return std::nullopt;
    std::vector<ColumnDef> out;
    for (const auto &v : doc.array()) {
        const QJsonObject o = v.toObject();
        auto type = ColumnType::parse(o.value(QStringLiteral("type")).toString());
        if (!type.ok())
            return std::nullopt;
        out.push_back(ColumnDef{o.value(QStringLiteral("name")).toString(), type.value(),
                                o.value(QStringLiteral("comment")).toString()});
    }
    return out;
}

// Strips backticks and a "project." prefix: "p.`T`" -> "t".
QString plainTableName(const QString &table)
{
    QString name = table.trimmed();
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot >= 0)
        name = name.mid(dot + 1);
    name.remove(u'`');
    return name.trimmed().toLower();
}

// Writes "yyyy-MM-dd" and returns the length.
int formatDate(char *out, int64_t epochDays)
{
    const CivilDate c = civilFromDays(epochDays);
    if (c.year < 0 || c.year > 9999)
        return std::snprintf(out, 32, "%lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
    const int y = int(c.year);
    out[0] = char('0' + y / 1000);
    out[1] = char('0' + y / 100 % 10);
    out[2] = char('0' + y / 10 % 10);
    out[3] = char('0' + y % 10);
    out[4] = '-';
    out[5] = char('0' + c.month / 10);
    out[6] = char('0' + c.month % 10);
    out[7] = '-';
    out[8] = char('0' + c.day / 10);
    out[9] = char('0' + c.day % 10);
    return 10;
}

// DATETIME storage: "yyyy-MM-dd HH:mm:ss" UTC, with ".zzz" when there are milliseconds.
int formatDateTimeMs(char *out, int64_t epochMs)
{
    const int64_t secs = floorDiv(epochMs, 1000);
    const int ms = int(epochMs - secs * 1000);
    const int n = formatDateTimeSeconds(out, secs);
    return ms ? appendFraction(out, n, ms, 3) : n;
}

// TIMESTAMP storage: "yyyy-MM-dd HH:mm:ss" UTC, with ".nnnnnnnnn" when there are nanoseconds.
int formatTimestamp(char *out, const Timestamp &t)
{
    const int n = formatDateTimeSeconds(out, t.epochSeconds);
    return t.nanos ? appendFraction(out, n, t.nanos, 9) : n;
}

} // namespace detail

} // namespace kmsync::engine::warehouse
