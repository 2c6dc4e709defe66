#include "engine/warehouse/localwarehouse.h"

#include <algorithm>

#include <sqlite3.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include "engine/warehouse/sqliteutil.h"

// The warehouse's file, its catalogue and the RecordSink. DDL is in warehouseddl.cpp, read-only queries in
// warehousequery.cpp, the SQLite helpers and stored text forms in sqliteutil.cpp.
namespace kmsync::engine::warehouse {

using namespace detail;

// ---- open / close ---------------------------------------------------------------------------------

LocalWarehouse::LocalWarehouse(QString path, DbPtr db)
    : m_path(std::move(path))
    , m_db(std::move(db))
{
}

LocalWarehouse::~LocalWarehouse()
{
    rollback(); // m_insert and then m_db are released by their owners
}

Result<std::unique_ptr<LocalWarehouse>> LocalWarehouse::open(const QString &path, const WarehouseOptions &options)
{
    const QFileInfo info(path);
    if (!info.exists() && !options.create) {
        return makeError(QStringLiteral("warehouse.not_found"),
                         QStringLiteral("warehouse %1 does not exist; check the datasource's connection.path")
                             .arg(path));
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
        return makeError(QStringLiteral("sink.io"),
                         QStringLiteral("cannot write warehouse %1: %2")
                             .arg(path, QString::fromUtf8(raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, std::max(options.busyTimeoutMs, 0));
    std::unique_ptr<LocalWarehouse> wh(new LocalWarehouse(path, std::move(db)));
    // WAL: a run is one transaction and readers (queries, the GUI) never block it; a killed writer's
    // uncommitted frames are ignored at the next open. NORMAL sync is durable enough for a local sandbox.
    const char *setup[] = {
        // Only takes effect on a new file. 64 KiB, the largest: a bulk insert writes, spills and checkpoints
        // a quarter of the frames 16 KiB pages needed, which cut a 480k-row run's CPU by ~13 % and its commit
        // (the WAL checkpoint) by ~35 % (bench/engine-bench.sh, nested shape).
        "PRAGMA page_size=65536",
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
    if (auto r = wh->exec(
            QStringLiteral("PRAGMA cache_size=-%1").arg(std::max(options.cacheKiB, 64)).toUtf8().constData());
        !r.ok())
        return r.error();
    if (options.maxPageCount > 0) {
        if (auto r = wh->exec(
                QStringLiteral("PRAGMA max_page_count=%1").arg(options.maxPageCount).toUtf8().constData());
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
                         QStringLiteral("%1%2 (warehouse %3)")
                             .arg(what.isEmpty() ? QString() : what + QStringLiteral(": "), msg, m_path));
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
                         QStringLiteral("the catalogue entry of table \"%1\" in warehouse %2 is damaged")
                             .arg(name, m_path));
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
                         // What to do depends on where it is read: kmsync-cli and the desktop app add their own
                         // advice by the code (cli::adviceFor, ui::desktopAdvice).
                         QCoreApplication::translate("LocalWarehouse", "table \"%1\" does not exist in warehouse %2")
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
        if (spec.isEmpty())
            return PartitionSpec{};
        return makeError(code, QStringLiteral("table \"%1\" is not partitioned, so it takes no partition; got \"%2\". "
                                              "Leave the partition empty")
                                   .arg(table, original));
    }
    if (spec.isEmpty()) {
        return makeError(code, QStringLiteral("table \"%1\" is partitioned by (%2); give a partition for every key, "
                                              "e.g. \"%3\"")
                                   .arg(table, keyNames.join(QStringLiteral(", ")), example.join(u',')));
    }
    for (const auto &[key, value] : spec.levels) {
        if (!keyNames.contains(key)) {
            return makeError(code, QStringLiteral("partition \"%1\": table \"%2\" has no partition key \"%3\"; its "
                                                  "partition keys are (%4)")
                                       .arg(original, table, key, keyNames.join(QStringLiteral(", "))));
        }
    }
    PartitionSpec normalized;
    for (const auto &k : keys) {
        const auto it = std::find_if(spec.levels.begin(), spec.levels.end(),
                                     [&](const auto &kv) { return kv.first == k.name; });
        if (it == spec.levels.end()) {
            return makeError(code, QStringLiteral("partition \"%1\" does not give partition key \"%2\"; table \"%3\" "
                                                  "is partitioned by (%4), e.g. \"%5\"")
                                       .arg(original, k.name, table, keyNames.join(QStringLiteral(", ")),
                                            example.join(u',')));
        }
        const QString &value = it->second;
        for (const QChar c : value) {
            if (c.unicode() < 0x20 || QStringLiteral(",/='\"\\`").contains(c)) {
                return makeError(code,
                                 QStringLiteral("partition \"%1\": the value \"%2\" of key \"%3\" contains \"%4\", "
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
        normalized.levels.emplace_back(k.name, value);
    }
    return normalized;
}

Result<bool> LocalWarehouse::addPartitionEntry(const QString &table, const QString &spec, const QString &now)
{
    auto stmt = prepare(m_db.get(),
                        QStringLiteral("INSERT INTO _kmsync_partitions (table_name, spec, created, row_count, "
                                       "last_modified) VALUES (?1, ?2, ?3, 0, ?3) "
                                       "ON CONFLICT (table_name, spec) DO NOTHING"),
                        m_path);
    if (!stmt.ok())
        return stmt.error();
    bindText(stmt->get(), 1, table);
    bindText(stmt->get(), 2, spec);
    bindText(stmt->get(), 3, now);
    if (sqlite3_step(stmt->get()) != SQLITE_DONE)
        return ioError();
    return sqlite3_changes(m_db.get()) > 0;
}

Result<int64_t> LocalWarehouse::deletePartitionRows(const TableInfo &info, const PartitionSpec &spec)
{
    QString sql = QStringLiteral("DELETE FROM %1").arg(quoteIdent(info.schema.name));
    QStringList where;
    for (const auto &kv : spec.levels)
        where << quoteIdent(kv.first) + QStringLiteral(" = ?");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    auto stmt = prepare(m_db.get(), sql, m_path);
    if (!stmt.ok())
        return stmt.error();
    for (size_t i = 0; i < spec.levels.size(); ++i)
        bindText(stmt->get(), int(i + 1), spec.levels[i].second);
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
                         QStringLiteral(
                             "a write into table \"%1\" is already in progress; commit or roll it back first")
                             .arg(m_runTable.schema.name));
    }
    auto info = tableInfo(target.table);
    if (!info.ok())
        return info.error();
    auto parsed = PartitionSpec::parse(target.partitionSpec);
    if (!parsed.ok())
        return makeError(QStringLiteral("sink.invalid_partition_spec"), parsed.error().message);
    auto spec = checkSpec(info.value(), parsed.value(), target.partitionSpec,
                          QStringLiteral("sink.invalid_partition_spec"));
    if (!spec.ok())
        return spec.error();

    if (auto r = exec("BEGIN IMMEDIATE"); !r.ok())
        return r;
    auto fail = [this](Error e) {
        m_insert.reset();
        m_insertMany.reset();
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
    // Two statements: one inserting m_rowsPerInsert rows at once, which spares SQLite most of its per-row cost of
    // stepping and resetting (callgrind, nested shape: the writer 8.3k -> 6.1k instructions per row), and one row
    // for the rest of a batch. OR FAIL: a failing row stops the statement without undoing the rows before it, so
    // SQLite needs no statement journal (which copied the table's last page per statement); any failure fails the
    // whole run, which is rolled back as one transaction.
    m_rowsPerInsert = int(
        std::clamp<size_t>(kMaxParametersPerInsert / std::max<size_t>(width, 1), 1, kMaxRowsPerInsert));
    auto prepareInsert = [&](StmtPtr &stmt, int rows) {
        QStringList tuples;
        for (int r = 0; r < rows; ++r) {
            QStringList params;
            for (size_t i = 0; i < width; ++i)
                params << QStringLiteral("?%1").arg(r * width + i + 1);
            tuples << QLatin1Char('(') + params.join(QStringLiteral(", ")) + QLatin1Char(')');
        }
        const QByteArray sql = QStringLiteral("INSERT OR FAIL INTO %1 VALUES %2")
                                   .arg(quoteIdent(schema.name), tuples.join(QStringLiteral(", ")))
                                   .toUtf8();
        if (prepareInto(m_db.get(), sql, stmt, SQLITE_PREPARE_PERSISTENT) != SQLITE_OK)
            return false;
        // Partition key values are the same for every row: bound once (sqlite3_reset keeps bindings).
        for (int r = 0; r < rows; ++r) {
            for (size_t i = 0; i < spec->levels.size(); ++i)
                bindText(stmt.get(), int(r * width + schema.columns.size() + i + 1), spec->levels[i].second);
        }
        return true;
    };
    if (!prepareInsert(m_insert, 1) || !prepareInsert(m_insertMany, m_rowsPerInsert))
        return fail(ioError());
    m_binaryColumn.clear();
    for (const auto &c : schema.columns)
        m_binaryColumn.push_back(c.type.kind == TypeKind::Binary);
    m_runTable = std::move(info.value());
    m_runSpec = std::move(spec.value());
    m_runTruncate = target.truncate;
    m_runRows = 0;
    m_inRun = true;
    // The WAL grows by the run's size (it holds every page until the commit's checkpoint): have the disk write
    // it while the run reads, so the checkpoint's fsync of it does not wait for all of it at the end (a 480k-row
    // nested run's commit 175 -> 112 ms, median of 4 alternating runs).
    m_walWriteBehind = std::make_unique<WriteBehind>(m_path + QStringLiteral("-wal"));
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
    for (const Row &row : rows) {
        if (row.size() != width) {
            return makeError(QStringLiteral("sink.row_width"),
                             QStringLiteral("a row has %1 values but table \"%2\" has %3 columns")
                                 .arg(row.size())
                                 .arg(m_runTable.schema.name)
                                 .arg(width));
        }
    }
    const size_t stride = width + m_runTable.schema.partitionKeys.size();
    size_t next = 0;
    while (next < rows.size()) {
        const bool many = rows.size() - next >= size_t(m_rowsPerInsert);
        sqlite3_stmt *stmt = many ? m_insertMany.get() : m_insert.get();
        const size_t count = many ? size_t(m_rowsPerInsert) : 1;
        for (size_t r = 0; r < count; ++r)
            bindRow(stmt, int(r * stride), rows[next + r]);
        if (sqlite3_step(stmt) != SQLITE_DONE) {
            const Error e = ioError(QStringLiteral("table \"%1\"").arg(m_runTable.schema.name));
            sqlite3_reset(stmt);
            m_runFailed = true;
            return e;
        }
        sqlite3_reset(stmt);
        next += count;
        m_runRows += int64_t(count);
    }
    return {};
}

void LocalWarehouse::bindRow(sqlite3_stmt *stmt, int first, const Row &row) const
{
    char buf[64];
    for (size_t i = 0; i < row.size(); ++i) {
        const int idx = first + int(i) + 1;
        const Value &v = row[i];
        switch (v.index()) {
        case 0:
            sqlite3_bind_null(stmt, idx);
            break;
        case 1:
            sqlite3_bind_int(stmt, idx, std::get<bool>(v) ? 1 : 0);
            break;
        case 2:
            sqlite3_bind_int64(stmt, idx, std::get<int64_t>(v));
            break;
        case 3:
            sqlite3_bind_double(stmt, idx, std::get<double>(v));
            break;
        case 4: {
            const auto &s = std::get<std::string>(v);
            if (m_binaryColumn[i])
                sqlite3_bind_blob64(stmt, idx, s.data(), s.size(), SQLITE_STATIC);
            else
                sqlite3_bind_text64(stmt, idx, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
            break;
        }
        case 5: {
            const auto &s = std::get<Decimal>(v).text;
            sqlite3_bind_text64(stmt, idx, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
            break;
        }
        case 6:
            sqlite3_bind_text(stmt, idx, buf, formatDateTimeMs(buf, std::get<DateTime>(v).epochMs), SQLITE_TRANSIENT);
            break;
        case 7:
            sqlite3_bind_text(stmt, idx, buf, formatDate(buf, std::get<Date>(v).epochDays), SQLITE_TRANSIENT);
            break;
        case 8:
            sqlite3_bind_text(stmt, idx, buf, formatTimestamp(buf, std::get<Timestamp>(v)), SQLITE_TRANSIENT);
            break;
        default:
            sqlite3_bind_null(stmt, idx);
        }
    }
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
    m_insertMany.reset();
    auto fail = [this](Error e) {
        rollback();
        return e;
    };
    const QString now = nowText();
    const QString &table = m_runTable.schema.name;
    if (!m_runTable.schema.partitionKeys.empty()) {
        const QString spec = m_runSpec.toString();
        if (auto added = addPartitionEntry(table, spec, now); !added.ok())
            return fail(added.error());
        auto update = prepare(m_db.get(),
                              m_runTruncate
                                  ? QStringLiteral("UPDATE _kmsync_partitions SET row_count = ?1, "
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
    auto touch = prepare(m_db.get(), QStringLiteral("UPDATE _kmsync_tables SET last_modified = ?1 WHERE name = ?2"),
                         m_path);
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
    // Copy the run's pages from the WAL into the database file now, as part of the commit, rather than when
    // the WAL next passes 1000 pages or at close: the commit's reported time is then what it costs, whatever
    // the run's size, and the WAL does not grow across runs. PASSIVE: never waits for readers; what they still
    // hold is copied by a later checkpoint. A failure here loses nothing (the rows are committed in the WAL).
    sqlite3_wal_checkpoint_v2(m_db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return {};
}

void LocalWarehouse::rollback()
{
    m_insert.reset();
    m_insertMany.reset();
    if (m_db && !sqlite3_get_autocommit(m_db.get()))
        exec("ROLLBACK").ok();
    finishRun();
}

void LocalWarehouse::finishRun()
{
    m_walWriteBehind.reset();
    m_inRun = false;
    m_runFailed = false;
    m_runTable = TableInfo();
    m_runSpec = {};
    m_runRows = 0;
}

} // namespace kmsync::engine::warehouse
