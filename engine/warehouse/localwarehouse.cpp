#include "engine/warehouse/localwarehouse.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cstdio>
#include <map>

#include <sqlite3.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include "engine/core/calendar.h"

namespace kmsync::engine::warehouse {

namespace {

constexpr int kCatalogueVersion = 1;

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
int prepareInto(sqlite3 *db, const QByteArray &sql, StmtPtr &out, unsigned flags = 0, const char **tail = nullptr)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.constData(), int(sql.size()), flags, &stmt, tail);
    out.reset(stmt);
    return rc;
}

QString quoteIdent(const QString &name)
{
    QString out = name;
    out.replace(u'"', QStringLiteral("\"\""));
    return u'"' + out + u'"';
}

// MaxCompute type -> SQLite column type (affinity).
QString sqliteType(const ColumnType &type)
{
    switch (type.kind) {
    case TypeKind::BigInt:
    case TypeKind::Int:
    case TypeKind::SmallInt:
    case TypeKind::TinyInt:
    case TypeKind::Boolean:
        return QStringLiteral("INTEGER");
    case TypeKind::Double:
    case TypeKind::Float:
        return QStringLiteral("REAL");
    case TypeKind::Binary:
        return QStringLiteral("BLOB");
    default: // STRING, VARCHAR, CHAR, DECIMAL (exact text), DATETIME, DATE, TIMESTAMP (text)
        return QStringLiteral("TEXT");
    }
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

// ---- value formatting (storage and query output) ----------------------------------------------

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

Result<StmtPtr> prepare(sqlite3 *db, const QString &sql, const QString &path)
{
    StmtPtr stmt;
    if (prepareInto(db, sql.toUtf8(), stmt) != SQLITE_OK) {
        return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: %2")
                                                        .arg(path, QString::fromUtf8(sqlite3_errmsg(db))));
    }
    return stmt;
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

void SqliteDeleter::operator()(sqlite3 *db) const noexcept
{
    sqlite3_close_v2(db);
}

void SqliteDeleter::operator()(sqlite3_stmt *stmt) const noexcept
{
    sqlite3_finalize(stmt);
}

// ---- open / close ---------------------------------------------------------------------------------

LocalWarehouse::LocalWarehouse(QString path, DbPtr db) : m_path(std::move(path)), m_db(std::move(db)) {}

LocalWarehouse::~LocalWarehouse()
{
    rollback(); // m_insert and then m_db are released by their owners
}

Result<std::unique_ptr<LocalWarehouse>> LocalWarehouse::open(const QString &path, const WarehouseOptions &options)
{
    const QFileInfo info(path);
    if (!info.exists() && !options.create) {
        return makeError(QStringLiteral("warehouse.not_found"),
                         QStringLiteral("warehouse %1 does not exist; check the datasource's connection.path").arg(path));
    }
    if (!info.exists() && !info.absoluteDir().exists()) {
        return makeError(QStringLiteral("warehouse.not_found"),
                         QStringLiteral("cannot create warehouse %1: the folder %2 does not exist")
                             .arg(path, info.absolutePath()));
    }
    if (info.exists() && info.isDir()) {
        return makeError(QStringLiteral("warehouse.not_found"),
                         QStringLiteral("warehouse %1 is a folder; connection.path must name a file").arg(path));
    }
    const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    DbPtr db;
    const int rc = openInto(QFile::encodeName(path), flags, db);
    sqlite3 *raw = db.get();
    if (rc != SQLITE_OK) {
        return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: %2")
                                                        .arg(path, QString::fromUtf8(raw ? sqlite3_errmsg(raw)
                                                                                         : sqlite3_errstr(rc))));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, std::max(options.busyTimeoutMs, 0));
    std::unique_ptr<LocalWarehouse> wh(new LocalWarehouse(path, std::move(db)));
    // WAL: a run is one transaction and readers (queries, the GUI) never block it; a killed writer's
    // uncommitted frames are ignored at the next open. NORMAL sync is durable enough for a local sandbox.
    const char *setup[] = {
        "PRAGMA page_size=16384", // only takes effect on a new file; fewer pages per bulk insert
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA temp_store=MEMORY",
        "CREATE TABLE IF NOT EXISTS _kmsync_tables ("
        " name TEXT PRIMARY KEY, project TEXT, columns TEXT NOT NULL, partition_keys TEXT NOT NULL,"
        " not_null TEXT NOT NULL DEFAULT '[]', comment TEXT NOT NULL DEFAULT '', lifecycle INTEGER,"
        " created TEXT NOT NULL, last_modified TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS _kmsync_partitions ("
        " table_name TEXT NOT NULL, spec TEXT NOT NULL, created TEXT NOT NULL,"
        " row_count INTEGER NOT NULL DEFAULT 0, last_modified TEXT NOT NULL, PRIMARY KEY (table_name, spec))",
    };
    for (const char *sql : setup) {
        if (auto r = wh->exec(sql); !r.ok())
            return r.error();
    }
    if (auto r = wh->exec(QStringLiteral("PRAGMA user_version=%1").arg(kCatalogueVersion).toUtf8().constData());
        !r.ok())
        return r.error();
    if (auto r = wh->exec(QStringLiteral("PRAGMA cache_size=-%1").arg(std::max(options.cacheKiB, 64)).toUtf8().constData());
        !r.ok())
        return r.error();
    if (options.maxPageCount > 0) {
        if (auto r = wh->exec(QStringLiteral("PRAGMA max_page_count=%1").arg(options.maxPageCount).toUtf8().constData());
            !r.ok())
            return r.error();
    }
    return wh;
}

Result<void> LocalWarehouse::exec(const char *sql)
{
    char *msg = nullptr;
    if (sqlite3_exec(m_db.get(), sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        QString text = QString::fromUtf8(msg ? msg : sqlite3_errmsg(m_db.get()));
        sqlite3_free(msg);
        if ((sqlite3_extended_errcode(m_db.get()) & 0xff) == SQLITE_BUSY)
            text += QStringLiteral(" (another run or DDL is writing to it; try again when it has finished)");
        return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: %2").arg(m_path, text));
    }
    return {};
}

Error LocalWarehouse::ioError(const QString &what) const
{
    const QString msg = QString::fromUtf8(sqlite3_errmsg(m_db.get()));
    if ((sqlite3_extended_errcode(m_db.get()) & 0xff) == SQLITE_CONSTRAINT) {
        return makeError(QStringLiteral("sink.constraint"),
                         QStringLiteral("%1%2 (warehouse %3)").arg(what.isEmpty() ? QString() : what + QStringLiteral(": "), msg, m_path));
    }
    if ((sqlite3_extended_errcode(m_db.get()) & 0xff) == SQLITE_BUSY) {
        return makeError(QStringLiteral("sink.io"),
                         QStringLiteral("cannot write warehouse %1: %2 (another run or DDL is writing to it; try again "
                                        "when it has finished)")
                             .arg(m_path, msg));
    }
    return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: %2").arg(m_path, msg));
}

// ---- catalogue ------------------------------------------------------------------------------------

Result<std::optional<TableInfo>> LocalWarehouse::findTable(const QString &table)
{
    auto stmt = prepare(m_db.get(),
                        QStringLiteral("SELECT columns, partition_keys, not_null, comment, lifecycle, created, "
                                       "last_modified FROM _kmsync_tables WHERE name = ?1"),
                        m_path);
    if (!stmt.ok())
        return stmt.error();
    sqlite3_stmt *s = stmt->get();
    const QString name = plainTableName(table);
    bindText(s, 1, name);
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE)
        return std::optional<TableInfo>();
    if (rc != SQLITE_ROW)
        return ioError();
    TableInfo info;
    info.schema.name = name;
    const auto columns = columnsFromJson(columnText(s, 0));
    const auto keys = columnsFromJson(columnText(s, 1));
    if (!columns || !keys) {
        return makeError(QStringLiteral("warehouse.catalogue"),
                         QStringLiteral("the catalogue entry of table \"%1\" in warehouse %2 is damaged").arg(name, m_path));
    }
    info.schema.columns = *columns;
    info.schema.partitionKeys = *keys;
    for (const auto &v : QJsonDocument::fromJson(columnText(s, 2).toUtf8()).array())
        info.notNullColumns << v.toString();
    info.comment = columnText(s, 3);
    if (sqlite3_column_type(s, 4) != SQLITE_NULL)
        info.lifecycle = sqlite3_column_int(s, 4);
    info.created = parseUtc(columnText(s, 5));
    info.lastModified = parseUtc(columnText(s, 6));
    return std::optional<TableInfo>(std::move(info));
}

Result<QStringList> LocalWarehouse::tables()
{
    auto stmt = prepare(m_db.get(), QStringLiteral("SELECT name FROM _kmsync_tables ORDER BY name"), m_path);
    if (!stmt.ok())
        return stmt.error();
    QStringList out;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW)
        out << columnText(stmt->get(), 0);
    if (rc != SQLITE_DONE)
        return ioError();
    return out;
}

Result<TableInfo> LocalWarehouse::tableInfo(const QString &table)
{
    auto found = findTable(table);
    if (!found.ok())
        return found.error();
    if (!found.value()) {
        return makeError(QStringLiteral("sink.no_such_table"),
                         QStringLiteral("table \"%1\" does not exist in warehouse %2; create it with kmsync-cli ddl "
                                        "TASK --apply or kmsync-cli sql")
                             .arg(plainTableName(table), m_path));
    }
    return std::move(*found.value());
}

Result<std::vector<PartitionInfo>> LocalWarehouse::partitions(const QString &table)
{
    auto info = tableInfo(table);
    if (!info.ok())
        return info.error();
    auto stmt = prepare(m_db.get(),
                        QStringLiteral("SELECT spec, created, row_count, last_modified FROM _kmsync_partitions "
                                       "WHERE table_name = ?1 ORDER BY spec"),
                        m_path);
    if (!stmt.ok())
        return stmt.error();
    bindText(stmt->get(), 1, info->schema.name);
    std::vector<PartitionInfo> out;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        sqlite3_stmt *s = stmt->get();
        out.push_back(PartitionInfo{columnText(s, 0), parseUtc(columnText(s, 1)), sqlite3_column_int64(s, 2),
                                    parseUtc(columnText(s, 3))});
    }
    if (rc != SQLITE_DONE)
        return ioError();
    return out;
}

Result<PartitionSpec> LocalWarehouse::checkSpec(const TableInfo &info, const PartitionSpec &spec,
                                                const QString &original, const QString &code) const
{
    const auto &keys = info.schema.partitionKeys;
    QStringList keyNames;
    QStringList example;
    for (const auto &k : keys) {
        keyNames << k.name;
        example << k.name + QStringLiteral("=...");
    }
    const QString table = info.schema.name;
    if (keys.empty()) {
        if (spec.empty())
            return PartitionSpec{};
        return makeError(code, QStringLiteral("table \"%1\" is not partitioned, so it takes no partition; got \"%2\". "
                                              "Leave the partition empty")
                                   .arg(table, original));
    }
    if (spec.empty()) {
        return makeError(code, QStringLiteral("table \"%1\" is partitioned by (%2); give a partition for every key, "
                                              "e.g. \"%3\"")
                                   .arg(table, keyNames.join(QStringLiteral(", ")), example.join(u',')));
    }
    for (const auto &[key, value] : spec) {
        if (!keyNames.contains(key)) {
            return makeError(code, QStringLiteral("partition \"%1\": table \"%2\" has no partition key \"%3\"; its "
                                                  "partition keys are (%4)")
                                       .arg(original, table, key, keyNames.join(QStringLiteral(", "))));
        }
    }
    PartitionSpec normalized;
    for (const auto &k : keys) {
        const auto it = std::find_if(spec.begin(), spec.end(), [&](const auto &kv) { return kv.first == k.name; });
        if (it == spec.end()) {
            return makeError(code, QStringLiteral("partition \"%1\" does not give partition key \"%2\"; table \"%3\" "
                                                  "is partitioned by (%4), e.g. \"%5\"")
                                       .arg(original, k.name, table, keyNames.join(QStringLiteral(", ")),
                                            example.join(u',')));
        }
        const QString &value = it->second;
        for (const QChar c : value) {
            if (c.unicode() < 0x20 || QStringLiteral(",/='\"\\`").contains(c)) {
                return makeError(code, QStringLiteral("partition \"%1\": the value \"%2\" of key \"%3\" contains \"%4\", "
                                                      "which partition values may not contain")
                                           .arg(original, value, k.name, c));
            }
        }
        if (k.type.isInteger()) {
            bool ok = false;
            value.toLongLong(&ok);
            if (!ok) {
                return makeError(code, QStringLiteral("partition \"%1\": key \"%2\" is %3, so its value must be an "
                                                      "integer; got \"%4\"")
                                           .arg(original, k.name, k.type.toString(), value));
            }
        }
        normalized.emplace_back(k.name, value);
    }
    return normalized;
}

Result<int64_t> LocalWarehouse::deletePartitionRows(const TableInfo &info, const PartitionSpec &spec)
{
    QString sql = QStringLiteral("DELETE FROM %1").arg(quoteIdent(info.schema.name));
    QStringList where;
    for (const auto &kv : spec)
        where << quoteIdent(kv.first) + QStringLiteral(" = ?");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    auto stmt = prepare(m_db.get(), sql, m_path);
    if (!stmt.ok())
        return stmt.error();
    for (size_t i = 0; i < spec.size(); ++i)
        bindText(stmt->get(), int(i + 1), spec[i].second);
    if (sqlite3_step(stmt->get()) != SQLITE_DONE)
        return ioError();
    return int64_t(sqlite3_changes64(m_db.get()));
}

// ---- RecordSink -----------------------------------------------------------------------------------

Result<TableSchema> LocalWarehouse::tableSchema(const QString &table)
{
    auto info = tableInfo(table);
    if (!info.ok())
        return info.error();
    return info->schema;
}

Result<void> LocalWarehouse::begin(const SinkTarget &target)
{
    if (m_inRun) {
        return makeError(QStringLiteral("sink.state"),
                         QStringLiteral("a write into table \"%1\" is already in progress; commit or roll it back first")
                             .arg(m_runTable.schema.name));
    }
    auto info = tableInfo(target.table);
    if (!info.ok())
        return info.error();
    auto parsed = parsePartitionSpec(target.partitionSpec);
    if (!parsed.ok())
        return makeError(QStringLiteral("sink.invalid_partition_spec"), parsed.error().message);
    auto spec = checkSpec(info.value(), parsed.value(), target.partitionSpec, QStringLiteral("sink.invalid_partition_spec"));
    if (!spec.ok())
        return spec.error();

    if (auto r = exec("BEGIN IMMEDIATE"); !r.ok())
        return r;
    auto fail = [this](Error e) {
        m_insert.reset();
        exec("ROLLBACK").ok();
        return e;
    };
    if (target.truncate) {
        auto deleted = deletePartitionRows(info.value(), spec.value());
        if (!deleted.ok())
            return fail(deleted.error());
    }
    const auto &schema = info->schema;
    const size_t width = schema.columns.size() + schema.partitionKeys.size();
    QStringList params;
    for (size_t i = 0; i < width; ++i)
        params << QStringLiteral("?%1").arg(i + 1);
    const QByteArray sql = QStringLiteral("INSERT INTO %1 VALUES (%2)")
                               .arg(quoteIdent(schema.name), params.join(QStringLiteral(", ")))
                               .toUtf8();
    if (prepareInto(m_db.get(), sql, m_insert, SQLITE_PREPARE_PERSISTENT) != SQLITE_OK)
        return fail(ioError());
    // Partition key values are the same for every row: bound once (sqlite3_reset keeps bindings).
    for (size_t i = 0; i < spec->size(); ++i)
        bindText(m_insert.get(), int(schema.columns.size() + i + 1), spec.value()[i].second);
    m_binaryColumn.clear();
    for (const auto &c : schema.columns)
        m_binaryColumn.push_back(c.type.kind == TypeKind::Binary);
    m_runTable = std::move(info.value());
    m_runSpec = std::move(spec.value());
    m_runTruncate = target.truncate;
    m_runRows = 0;
    m_inRun = true;
    return {};
}

Result<void> LocalWarehouse::write(std::span<const Row> rows)
{
    if (!m_inRun)
        return makeError(QStringLiteral("sink.state"), QStringLiteral("write() called without begin()"));
    if (m_runFailed) {
        return makeError(QStringLiteral("sink.state"),
                         QStringLiteral("an earlier write into table \"%1\" failed; roll the run back")
                             .arg(m_runTable.schema.name));
    }
    const size_t width = m_runTable.schema.columns.size();
    char buf[64];
    for (const Row &row : rows) {
        if (row.size() != width) {
            return makeError(QStringLiteral("sink.row_width"),
                             QStringLiteral("a row has %1 values but table \"%2\" has %3 columns")
                                 .arg(row.size())
                                 .arg(m_runTable.schema.name)
                                 .arg(width));
        }
        for (size_t i = 0; i < width; ++i) {
            const int idx = int(i + 1);
            const Value &v = row[i];
            switch (v.index()) {
            case 0:
                sqlite3_bind_null(m_insert.get(), idx);
                break;
            case 1:
                sqlite3_bind_int(m_insert.get(), idx, std::get<bool>(v) ? 1 : 0);
                break;
            case 2:
                sqlite3_bind_int64(m_insert.get(), idx, std::get<int64_t>(v));
                break;
            case 3:
                sqlite3_bind_double(m_insert.get(), idx, std::get<double>(v));
                break;
            case 4: {
                const auto &s = std::get<std::string>(v);
                if (m_binaryColumn[i])
                    sqlite3_bind_blob64(m_insert.get(), idx, s.data(), s.size(), SQLITE_STATIC);
                else
                    sqlite3_bind_text64(m_insert.get(), idx, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
                break;
            }
            case 5: {
                const auto &s = std::get<Decimal>(v).text;
                sqlite3_bind_text64(m_insert.get(), idx, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
                break;
            }
            case 6:
                sqlite3_bind_text(m_insert.get(), idx, buf, formatDateTimeMs(buf, std::get<DateTime>(v).epochMs),
                                  SQLITE_TRANSIENT);
                break;
            case 7:
                sqlite3_bind_text(m_insert.get(), idx, buf, formatDate(buf, std::get<Date>(v).epochDays), SQLITE_TRANSIENT);
                break;
            case 8:
                sqlite3_bind_text(m_insert.get(), idx, buf, formatTimestamp(buf, std::get<Timestamp>(v)), SQLITE_TRANSIENT);
                break;
            default:
                sqlite3_bind_null(m_insert.get(), idx);
            }
        }
        if (sqlite3_step(m_insert.get()) != SQLITE_DONE) {
            const Error e = ioError(QStringLiteral("table \"%1\"").arg(m_runTable.schema.name));
            sqlite3_reset(m_insert.get());
            m_runFailed = true;
            return e;
        }
        sqlite3_reset(m_insert.get());
        ++m_runRows;
    }
    return {};
}

Result<void> LocalWarehouse::commit()
{
    if (!m_inRun)
        return makeError(QStringLiteral("sink.state"), QStringLiteral("commit() called without begin()"));
    if (m_runFailed || sqlite3_get_autocommit(m_db.get())) {
        // SQLite may already have rolled the transaction back (e.g. disk full): never commit half a run.
        rollback();
        return makeError(QStringLiteral("sink.state"),
                         QStringLiteral("cannot commit: a write failed earlier in this run, which was rolled back"));
    }
    m_insert.reset();
    auto fail = [this](Error e) {
        rollback();
        return e;
    };
    const QString now = nowText();
    const QString &table = m_runTable.schema.name;
    if (!m_runTable.schema.partitionKeys.empty()) {
        const QString spec = partitionSpecToString(m_runSpec);
        auto insert = prepare(m_db.get(),
                              QStringLiteral("INSERT INTO _kmsync_partitions (table_name, spec, created, row_count, "
                                             "last_modified) VALUES (?1, ?2, ?3, 0, ?3) "
                                             "ON CONFLICT (table_name, spec) DO NOTHING"),
                              m_path);
        if (!insert.ok())
            return fail(insert.error());
        bindText(insert->get(), 1, table);
        bindText(insert->get(), 2, spec);
        bindText(insert->get(), 3, now);
        if (sqlite3_step(insert->get()) != SQLITE_DONE)
            return fail(ioError());
        auto update = prepare(m_db.get(),
                              m_runTruncate ? QStringLiteral("UPDATE _kmsync_partitions SET row_count = ?1, "
                                                             "last_modified = ?2 WHERE table_name = ?3 AND spec = ?4")
                                            : QStringLiteral("UPDATE _kmsync_partitions SET row_count = row_count + ?1, "
                                                             "last_modified = ?2 WHERE table_name = ?3 AND spec = ?4"),
                              m_path);
        if (!update.ok())
            return fail(update.error());
        sqlite3_bind_int64(update->get(), 1, m_runRows);
        bindText(update->get(), 2, now);
        bindText(update->get(), 3, table);
        bindText(update->get(), 4, spec);
        if (sqlite3_step(update->get()) != SQLITE_DONE)
            return fail(ioError());
    }
    auto touch = prepare(m_db.get(), QStringLiteral("UPDATE _kmsync_tables SET last_modified = ?1 WHERE name = ?2"), m_path);
    if (!touch.ok())
        return fail(touch.error());
    bindText(touch->get(), 1, now);
    bindText(touch->get(), 2, table);
    if (sqlite3_step(touch->get()) != SQLITE_DONE)
        return fail(ioError());
    touch.value().reset();
    if (auto r = exec("COMMIT"); !r.ok())
        return fail(r.error());
    finishRun();
    return {};
}

void LocalWarehouse::rollback()
{
    m_insert.reset();
    if (m_db && !sqlite3_get_autocommit(m_db.get()))
        exec("ROLLBACK").ok();
    finishRun();
}

void LocalWarehouse::finishRun()
{
    m_inRun = false;
    m_runFailed = false;
    m_runTable = TableInfo();
    m_runSpec.clear();
    m_runRows = 0;
}

// ---- DDL ------------------------------------------------------------------------------------------

Result<QStringList> LocalWarehouse::executeSql(const QString &sql)
{
    auto statements = parseScript(sql);
    if (!statements.ok())
        return statements.error();
    return execute(statements.value());
}

Result<QStringList> LocalWarehouse::execute(const std::vector<McStatement> &statements)
{
    if (m_inRun) {
        return makeError(QStringLiteral("sink.state"),
                         QStringLiteral("a write into table \"%1\" is in progress; DDL waits until it is committed")
                             .arg(m_runTable.schema.name));
    }
    if (auto r = exec("BEGIN IMMEDIATE"); !r.ok())
        return r.error();
    QStringList done;
    for (const auto &statement : statements) {
        auto r = applyStatement(statement);
        if (!r.ok()) {
            exec("ROLLBACK").ok();
            return r.error();
        }
        done << r.value();
    }
    if (auto r = exec("COMMIT"); !r.ok()) {
        exec("ROLLBACK").ok();
        return r.error();
    }
    return done;
}

Result<QString> LocalWarehouse::applyStatement(const McStatement &statement)
{
    return std::visit(
        [this](const auto &s) -> Result<QString> {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, CreateTable>)
                return createTable(s);
            else if constexpr (std::is_same_v<T, DropTable>)
                return dropTable(s);
            else if constexpr (std::is_same_v<T, AddPartitions>)
                return addPartitions(s);
            else
                return dropPartitions(s);
        },
        statement);
}

Result<QString> LocalWarehouse::createTable(const CreateTable &create)
{
    const QString name = create.table.name;
    if (name.startsWith(QLatin1String("sqlite_"))) {
        return makeError(QStringLiteral("sql.invalid_name"),
                         QStringLiteral("table name \"%1\" is reserved in the local warehouse; choose another").arg(name));
    }
    auto existing = findTable(name);
    if (!existing.ok())
        return existing.error();
    if (existing.value()) {
        if (create.ifNotExists)
            return QStringLiteral("table %1 already exists; nothing done").arg(name);
        return makeError(QStringLiteral("sql.table_exists"),
                         QStringLiteral("table \"%1\" already exists in warehouse %2; use CREATE TABLE IF NOT EXISTS, "
                                        "or DROP TABLE it first")
                             .arg(name, m_path));
    }
    QStringList defs;
    for (const auto &c : create.schema.columns) {
        QString def = quoteIdent(c.name) + u' ' + sqliteType(c.type);
        if (create.notNullColumns.contains(c.name))
            def += QStringLiteral(" NOT NULL");
        defs << def;
    }
    for (const auto &k : create.schema.partitionKeys)
        defs << quoteIdent(k.name) + QStringLiteral(" TEXT NOT NULL");
    const QString ddl = QStringLiteral("CREATE TABLE %1 (%2)").arg(quoteIdent(name), defs.join(QStringLiteral(", ")));
    if (auto r = exec(ddl.toUtf8().constData()); !r.ok()) {
        return makeError(QStringLiteral("sql.create_failed"),
                         QStringLiteral("cannot create table \"%1\" in warehouse %2: %3")
                             .arg(name, m_path, QString::fromUtf8(sqlite3_errmsg(m_db.get()))));
    }
    // No index on the partition key columns: it would cost ~40% of the bulk-insert rate, and a scan per
    // partition query or truncate is fast enough for a local warehouse.
    auto stmt = prepare(m_db.get(),
                        QStringLiteral("INSERT INTO _kmsync_tables (name, project, columns, partition_keys, not_null, "
                                       "comment, lifecycle, created, last_modified) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"),
                        m_path);
    if (!stmt.ok())
        return stmt.error();
    sqlite3_stmt *s = stmt->get();
    bindText(s, 1, name);
    bindText(s, 2, create.table.project);
    bindText(s, 3, QString::fromUtf8(QJsonDocument(columnsToJson(create.schema.columns)).toJson(QJsonDocument::Compact)));
    bindText(s, 4, QString::fromUtf8(QJsonDocument(columnsToJson(create.schema.partitionKeys)).toJson(QJsonDocument::Compact)));
    bindText(s, 5, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(create.notNullColumns)).toJson(QJsonDocument::Compact)));
    bindText(s, 6, create.comment);
    if (create.lifecycle)
        sqlite3_bind_int(s, 7, *create.lifecycle);
    else
        sqlite3_bind_null(s, 7);
    bindText(s, 8, nowText());
    if (sqlite3_step(s) != SQLITE_DONE)
        return ioError();
    QString what = QStringLiteral("created table %1 (%2 columns").arg(name).arg(create.schema.columns.size());
    if (!create.schema.partitionKeys.empty()) {
        QStringList names;
        for (const auto &k : create.schema.partitionKeys)
            names << k.name;
        what += QStringLiteral(", partitioned by ") + names.join(QStringLiteral(", "));
    }
    if (create.lifecycle)
        what += QStringLiteral(", lifecycle %1 days").arg(*create.lifecycle);
    return what + u')';
}

Result<QString> LocalWarehouse::dropTable(const DropTable &drop)
{
    const QString name = drop.table.name;
    auto existing = findTable(name);
    if (!existing.ok())
        return existing.error();
    if (!existing.value()) {
        if (drop.ifExists)
            return QStringLiteral("table %1 does not exist; nothing done").arg(name);
        return makeError(QStringLiteral("sql.no_such_table"),
                         QStringLiteral("table \"%1\" does not exist in warehouse %2; use DROP TABLE IF EXISTS to "
                                        "ignore that")
                             .arg(name, m_path));
    }
    auto count = prepare(m_db.get(), QStringLiteral("SELECT count(*) FROM %1").arg(quoteIdent(name)), m_path);
    if (!count.ok())
        return count.error();
    if (sqlite3_step(count->get()) != SQLITE_ROW)
        return ioError();
    const int64_t rows = sqlite3_column_int64(count->get(), 0);
    count.value().reset();
    auto parts = partitions(name);
    if (!parts.ok())
        return parts.error();
    if (auto r = exec(QStringLiteral("DROP TABLE %1").arg(quoteIdent(name)).toUtf8().constData()); !r.ok())
        return r.error();
    for (const char *sql : {"DELETE FROM _kmsync_partitions WHERE table_name = ?1", "DELETE FROM _kmsync_tables WHERE name = ?1"}) {
        auto stmt = prepare(m_db.get(), QString::fromLatin1(sql), m_path);
        if (!stmt.ok())
            return stmt.error();
        bindText(stmt->get(), 1, name);
        if (sqlite3_step(stmt->get()) != SQLITE_DONE)
            return ioError();
    }
    return QStringLiteral("dropped table %1 (%2 partitions, %3 rows)").arg(name).arg(parts->size()).arg(rows);
}

Result<QString> LocalWarehouse::addPartitions(const AddPartitions &add)
{
    auto info = tableInfo(add.table.name);
    if (!info.ok())
        return makeError(QStringLiteral("sql.no_such_table"), info.error().message);
    QStringList added;
    QStringList existed;
    const QString now = nowText();
    for (const auto &raw : add.partitions) {
        auto spec = checkSpec(info.value(), raw, partitionSpecToString(raw), QStringLiteral("sql.invalid_partition_spec"));
        if (!spec.ok())
            return spec.error();
        const QString text = partitionSpecToString(spec.value());
        auto stmt = prepare(m_db.get(),
                            QStringLiteral("INSERT INTO _kmsync_partitions (table_name, spec, created, row_count, "
                                           "last_modified) VALUES (?1, ?2, ?3, 0, ?3) "
                                           "ON CONFLICT (table_name, spec) DO NOTHING"),
                            m_path);
        if (!stmt.ok())
            return stmt.error();
        bindText(stmt->get(), 1, info->schema.name);
        bindText(stmt->get(), 2, text);
        bindText(stmt->get(), 3, now);
        if (sqlite3_step(stmt->get()) != SQLITE_DONE)
            return ioError();
        if (sqlite3_changes(m_db.get()) == 0) {
            if (!add.ifNotExists) {
                return makeError(QStringLiteral("sql.partition_exists"),
                                 QStringLiteral("partition %1 of table \"%2\" already exists; use ADD IF NOT EXISTS "
                                                "PARTITION to ignore that")
                                     .arg(text, info->schema.name));
            }
            existed << text;
        } else {
            added << text;
        }
    }
    QString what = QStringLiteral("table %1: ").arg(info->schema.name);
    QStringList parts;
    if (!added.isEmpty())
        parts << QStringLiteral("added partition %1").arg(added.join(QStringLiteral(", ")));
    if (!existed.isEmpty())
        parts << QStringLiteral("partition %1 already existed").arg(existed.join(QStringLiteral(", ")));
    return what + parts.join(QStringLiteral("; "));
}

Result<QString> LocalWarehouse::dropPartitions(const DropPartitions &drop)
{
    auto info = tableInfo(drop.table.name);
    if (!info.ok())
        return makeError(QStringLiteral("sql.no_such_table"), info.error().message);
    QStringList dropped;
    QStringList missing;
    for (const auto &raw : drop.partitions) {
        auto spec = checkSpec(info.value(), raw, partitionSpecToString(raw), QStringLiteral("sql.invalid_partition_spec"));
        if (!spec.ok())
            return spec.error();
        const QString text = partitionSpecToString(spec.value());
        auto stmt = prepare(m_db.get(), QStringLiteral("DELETE FROM _kmsync_partitions WHERE table_name = ?1 AND spec = ?2"),
                            m_path);
        if (!stmt.ok())
            return stmt.error();
        bindText(stmt->get(), 1, info->schema.name);
        bindText(stmt->get(), 2, text);
        if (sqlite3_step(stmt->get()) != SQLITE_DONE)
            return ioError();
        const bool existed = sqlite3_changes(m_db.get()) > 0;
        auto rows = deletePartitionRows(info.value(), spec.value());
        if (!rows.ok())
            return rows.error();
        if (!existed && rows.value() == 0) {
            if (!drop.ifExists) {
                return makeError(QStringLiteral("sql.no_such_partition"),
                                 QStringLiteral("partition %1 of table \"%2\" does not exist; use DROP IF EXISTS "
                                                "PARTITION to ignore that")
                                     .arg(text, info->schema.name));
            }
            missing << text;
        } else {
            dropped << QStringLiteral("%1 (%2 rows)").arg(text).arg(rows.value());
        }
    }
    QStringList parts;
    if (!dropped.isEmpty())
        parts << QStringLiteral("dropped partition %1").arg(dropped.join(QStringLiteral(", ")));
    if (!missing.isEmpty())
        parts << QStringLiteral("partition %1 did not exist").arg(missing.join(QStringLiteral(", ")));
    return QStringLiteral("table %1: ").arg(info->schema.name) + parts.join(QStringLiteral("; "));
}

// ---- read-only query ------------------------------------------------------------------------------

Result<QueryResult> LocalWarehouse::query(const QString &sql, int maxRows)
{
    return queryFile(m_path, sql, maxRows);
}

Result<QueryResult> LocalWarehouse::queryFile(const QString &path, const QString &sql, int maxRows)
{
    if (!QFileInfo(path).isFile()) {
        return makeError(QStringLiteral("warehouse.not_found"),
                         QStringLiteral("warehouse %1 does not exist; check the datasource's connection.path").arg(path));
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
    sqlite3_exec(raw, "PRAGMA query_only=1", nullptr, nullptr, nullptr);

    // MaxCompute names tables "project.table"; the local warehouse is one project.
    static const QRegularExpression projectPrefix(
        QStringLiteral(R"((\b(?:from|join|update|into|table)\s+)(?:`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)\s*\.\s*(?=`|[A-Za-z_]))"),
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
        return makeError(QStringLiteral("query.empty"), QStringLiteral("the query is empty; give one SELECT statement"));
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
                                        "the warehouse. Use kmsync-cli sql for CREATE/DROP TABLE and partitions")
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
