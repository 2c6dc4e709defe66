#include "engine/warehouse/localwarehouse.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>

#include "engine/warehouse/rowstable.h"
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
    rollback(); // a run in progress leaves nothing behind; m_db is released by its owner
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
    registerRowsModule(raw);
    std::unique_ptr<LocalWarehouse> wh(new LocalWarehouse(path, std::move(db)));
    wh->m_busyTimeoutMs = std::max(options.busyTimeoutMs, 0);
    // Named after the file SQLite opened (absolute, symbolic links resolved), as the rows tables find it.
    wh->m_segmentFolder = segmentFolder(QString::fromUtf8(sqlite3_db_filename(raw, "main")));
    // The rows' folder and its lock file (segmentfile.h, rowstable.h).
    if (!QDir().mkpath(wh->m_segmentFolder)) {
        return makeError(QStringLiteral("sink.io"),
                         QStringLiteral("cannot write warehouse %1: cannot create the folder %2 for its rows")
                             .arg(path, wh->m_segmentFolder));
    }
    {
        QFile lock(wh->m_segmentFolder + QStringLiteral("/lock"));
        if (!lock.exists() && !lock.open(QIODevice::WriteOnly)) {
            return makeError(QStringLiteral("sink.io"),
                             QStringLiteral("cannot write warehouse %1: cannot create %2: %3")
                                 .arg(path, lock.fileName(), lock.errorString()));
        }
    }
    // WAL: a run holds the write lock and readers (queries, the GUI) never block it; a killed writer's
    // uncommitted frames are ignored at the next open. NORMAL sync is durable enough for a local sandbox.
    const char *setup[] = {
        // Only takes effect on a new file. 64 KiB: chosen when rows were stored in SQLite's pages (it cut a
        // 480k-row run's CPU by ~13 % against 16 KiB); kept, the catalogue does not care.
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
        "CREATE TABLE IF NOT EXISTS _kmsync_segments ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, spec TEXT NOT NULL,"
        " file TEXT NOT NULL UNIQUE, rows INTEGER NOT NULL, bytes INTEGER NOT NULL, columns INTEGER NOT NULL,"
        " created TEXT NOT NULL)",
        // Every query of a table, every truncate and drop looks up the segments of one table (or partition).
        "CREATE INDEX IF NOT EXISTS _kmsync_segments_table ON _kmsync_segments (table_name, spec)",
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
        wh->m_maxSegmentBytes = options.maxPageCount * int64_t(65536);
    }
    if (auto r = wh->migrateOldTables(); !r.ok())
        return r.error();
    wh->removeUnlistedSegments(false);
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
    const QString text = spec.toString();
    return unlistSegments(info.schema.name, &text);
}

Result<int64_t> LocalWarehouse::deleteTableRows(const QString &table)
{
    return unlistSegments(table, nullptr);
}

Result<int64_t> LocalWarehouse::unlistSegments(const QString &table, const QString *spec)
{
    const QString where = spec ? QStringLiteral(" WHERE table_name = ?1 AND spec = ?2")
                               : QStringLiteral(" WHERE table_name = ?1");
    int64_t rows = 0;
    for (const QString &sql : {QStringLiteral("SELECT coalesce(sum(rows), 0) FROM _kmsync_segments") + where,
                               QStringLiteral("DELETE FROM _kmsync_segments") + where}) {
        auto stmt = prepare(m_db.get(), sql, m_path);
        if (!stmt.ok())
            return stmt.error();
        bindText(stmt->get(), 1, table);
        if (spec)
            bindText(stmt->get(), 2, *spec);
        const int rc = sqlite3_step(stmt->get());
        if (rc == SQLITE_ROW)
            rows = sqlite3_column_int64(stmt->get(), 0);
        else if (rc != SQLITE_DONE)
            return ioError();
    }
    if (rows > 0)
        m_segmentsUnlisted = true;
    return rows;
}

void LocalWarehouse::removeUnlistedSegments(bool inTransaction)
{
    const SegmentFolderLock lock(m_segmentFolder, SegmentFolderLock::Mode::ExclusiveIfFree);
    if (!lock.held())
        return; // a query is reading: later
    if (!inTransaction) {
        sqlite3_busy_timeout(m_db.get(), 0);
        const bool locked = sqlite3_exec(m_db.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
        sqlite3_busy_timeout(m_db.get(), m_busyTimeoutMs);
        if (!locked)
            return; // another writer: it cleans up
    }
    std::set<QString> listed;
    bool read = false;
    if (auto stmt = prepare(m_db.get(), QStringLiteral("SELECT file FROM _kmsync_segments"), m_path); stmt.ok()) {
        int rc;
        while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW)
            listed.insert(columnText(stmt->get(), 0));
        read = rc == SQLITE_DONE;
    }
    if (read) {
        const QDir folder(m_segmentFolder);
        for (const QString &file : folder.entryList({QStringLiteral("*.seg")}, QDir::Files)) {
            if (!listed.count(file) && !(m_segment && m_segment->path() == folder.filePath(file)))
                QFile::remove(folder.filePath(file));
        }
    }
    if (!inTransaction)
        exec("ROLLBACK").ok();
}

Result<void> LocalWarehouse::migrateOldTables()
{
    // Tables of catalogue version 1 are plain SQLite tables holding their rows: move each one's rows into one
    // segment per partition (in the order they were inserted) and make it a rows table, in one transaction.
    std::vector<TableInfo> old;
    {
        auto stmt = prepare(m_db.get(),
                            QStringLiteral(
                                "SELECT t.name FROM _kmsync_tables t JOIN sqlite_master m ON m.name = t.name "
                                "WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY t.name"),
                            m_path);
        if (!stmt.ok())
            return stmt.error();
        QStringList names;
        while (sqlite3_step(stmt->get()) == SQLITE_ROW)
            names << columnText(stmt->get(), 0);
        stmt.value().reset();
        for (const QString &name : names) {
            auto info = tableInfo(name);
            if (!info.ok())
                return info.error();
            old.push_back(std::move(info.value()));
        }
    }
    if (old.empty())
        return {};
    if (auto r = exec("BEGIN IMMEDIATE"); !r.ok())
        return r;
    std::vector<std::pair<QString, std::unique_ptr<SegmentWriter>>> written;
    auto fail = [&](Error e) {
        exec("ROLLBACK").ok();
        for (auto &w : written)
            w.second->discard();
        return e;
    };
    const QString now = nowText();
    for (const TableInfo &info : old) {
        const auto &schema = info.schema;
        const int data = int(schema.columns.size());
        const int keys = int(schema.partitionKeys.size());
        std::vector<Affinity> affinities;
        for (const auto &c : schema.columns)
            affinities.push_back(affinityOf(c.type));
        auto rows = prepare(m_db.get(), QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(quoteIdent(schema.name)),
                            m_path);
        if (!rows.ok())
            return fail(rows.error());
        std::vector<std::pair<QString, SegmentWriter *>> bySpec; // in the order partitions first appear
        int rc;
        while ((rc = sqlite3_step(rows->get())) == SQLITE_ROW) {
            QStringList levels;
            for (int k = 0; k < keys; ++k)
                levels << schema.partitionKeys[size_t(k)].name + u'=' + columnText(rows->get(), data + k);
            const QString spec = levels.join(u',');
            auto it = std::find_if(bySpec.begin(), bySpec.end(), [&](const auto &p) { return p.first == spec; });
            if (it == bySpec.end()) {
                auto w = SegmentWriter::create(newSegmentPath(), affinities, 0, m_path);
                if (!w.ok())
                    return fail(w.error());
                bySpec.emplace_back(spec, w.value().get());
                written.emplace_back(spec, std::move(w.value()));
                it = bySpec.end() - 1;
            }
            if (auto r = it->second->appendStored(rows->get(), 0, data); !r.ok())
                return fail(r.error());
        }
        if (rc != SQLITE_DONE)
            return fail(ioError());
        rows.value().reset();
        for (const auto &[spec, w] : bySpec) {
            if (auto r = w->finish(); !r.ok())
                return fail(r.error());
            if (auto r = listSegment(schema.name, spec, *w, data, now); !r.ok())
                return fail(r.error());
        }
        for (const QString &sql :
             {QStringLiteral("DROP TABLE %1").arg(quoteIdent(schema.name)), rowsTableDdl(schema.name, schema)}) {
            if (auto r = exec(sql.toUtf8().constData()); !r.ok())
                return fail(r.error());
        }
    }
    if (auto r = syncFolder(); !r.ok())
        return fail(r.error());
    if (auto r = exec(QStringLiteral("PRAGMA user_version=%1").arg(kCatalogueVersion).toUtf8().constData()); !r.ok())
        return fail(r.error());
    if (auto r = exec("COMMIT"); !r.ok())
        return fail(r.error());
    return {};
}

Result<void> LocalWarehouse::listSegment(const QString &table, const QString &spec, const SegmentWriter &segment,
                                         int columns, const QString &now)
{
    auto stmt = prepare(m_db.get(),
                        QStringLiteral("INSERT INTO _kmsync_segments (table_name, spec, file, rows, bytes, columns, "
                                       "created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
                        m_path);
    if (!stmt.ok())
        return stmt.error();
    sqlite3_stmt *s = stmt->get();
    bindText(s, 1, table);
    bindText(s, 2, spec);
    bindText(s, 3, QFileInfo(segment.path()).fileName());
    sqlite3_bind_int64(s, 4, segment.rows());
    sqlite3_bind_int64(s, 5, segment.bytes());
    sqlite3_bind_int(s, 6, columns);
    bindText(s, 7, now);
    if (sqlite3_step(s) != SQLITE_DONE)
        return ioError();
    return {};
}

QString LocalWarehouse::newSegmentPath() const
{
    return m_segmentFolder
         + QStringLiteral("/%1.seg").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

Result<void> LocalWarehouse::syncFolder()
{
    // A new file's name is durable only once its folder is synced.
    const int fd = ::open(QFile::encodeName(m_segmentFolder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const QString why = QString::fromLocal8Bit(strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return makeError(QStringLiteral("sink.io"), QStringLiteral("cannot write warehouse %1: cannot sync %2: %3")
                                                        .arg(m_path, m_segmentFolder, why));
    }
    ::close(fd);
    return {};
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
    // No other run or DDL can start now: every segment file the catalogue does not list is a killed run's.
    removeUnlistedSegments(true);
    m_segmentsUnlisted = false;
    auto fail = [this](Error e) {
        if (m_segment) {
            m_segment->discard();
            m_segment.reset();
        }
        exec("ROLLBACK").ok();
        return e;
    };
    if (target.truncate) {
        auto deleted = deletePartitionRows(info.value(), spec.value());
        if (!deleted.ok())
            return fail(deleted.error());
    }
    const auto &schema = info->schema;
    std::vector<Affinity> affinities;
    m_runNotNull.clear();
    for (size_t i = 0; i < schema.columns.size(); ++i) {
        affinities.push_back(affinityOf(schema.columns[i].type));
        if (info->notNullColumns.contains(schema.columns[i].name))
            m_runNotNull.push_back(i);
    }
    auto segment = SegmentWriter::create(newSegmentPath(), std::move(affinities), m_maxSegmentBytes, m_path);
    if (!segment.ok())
        return fail(segment.error());
    m_segment = std::move(segment.value());
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
    for (const Row &row : rows) {
        if (row.size() != width) {
            return makeError(QStringLiteral("sink.row_width"),
                             QStringLiteral("a row has %1 values but table \"%2\" has %3 columns")
                                 .arg(row.size())
                                 .arg(m_runTable.schema.name)
                                 .arg(width));
        }
    }
    for (const size_t c : m_runNotNull) {
        for (const Row &row : rows) {
            const Value &v = row[c];
            if (v.index() == 0 || (v.index() == 3 && std::isnan(std::get<double>(v)))) { // SQLite stores NaN as NULL
                m_runFailed = true;
                const QString &table = m_runTable.schema.name;
                return makeError(QStringLiteral("sink.constraint"),
                                 QStringLiteral("table \"%1\": NOT NULL constraint failed: %1.%2 (warehouse %3)")
                                     .arg(table, m_runTable.schema.columns[c].name, m_path));
            }
        }
    }
    if (auto r = m_segment->append(rows); !r.ok()) {
        m_runFailed = true;
        return r;
    }
    m_runRows += int64_t(rows.size());
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
    auto fail = [this](Error e) {
        rollback();
        return e;
    };
    const QString now = nowText();
    const QString &table = m_runTable.schema.name;
    if (m_runRows > 0) {
        // The segment is durable (data, then its name) before the transaction that lists it commits.
        if (auto r = m_segment->finish(); !r.ok())
            return fail(r.error());
        if (auto r = syncFolder(); !r.ok())
            return fail(r.error());
        if (auto r = listSegment(table, m_runSpec.toString(), *m_segment, int(m_runTable.schema.columns.size()), now);
            !r.ok())
            return fail(r.error());
    }
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
    if (m_runRows == 0)
        m_segment->discard(); // nothing to list
    m_segment.reset();        // committed: the file stays
    const bool unlisted = m_segmentsUnlisted;
    finishRun();
    if (unlisted)
        removeUnlistedSegments(false); // a truncate's old segments
    // Copy the commit's catalogue pages from the WAL into the database file now (a few pages): the WAL does
    // not grow across runs. PASSIVE: never waits for readers. A failure here loses nothing.
    sqlite3_wal_checkpoint_v2(m_db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return {};
}

void LocalWarehouse::rollback()
{
    if (m_db && !sqlite3_get_autocommit(m_db.get()))
        exec("ROLLBACK").ok();
    if (m_segment) {
        m_segment->discard();
        m_segment.reset();
    }
    finishRun();
}

void LocalWarehouse::finishRun()
{
    m_segment.reset();
    m_segmentsUnlisted = false;
    m_runNotNull.clear();
    m_inRun = false;
    m_runFailed = false;
    m_runTable = TableInfo();
    m_runSpec = {};
    m_runRows = 0;
}

} // namespace kmsync::engine::warehouse
