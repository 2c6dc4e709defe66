#include "engine/warehouse/localwarehouse.h"

#include <type_traits>
#include <variant>

#include <sqlite3.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include "engine/warehouse/rowstable.h"
#include "engine/warehouse/sqliteutil.h"

// LocalWarehouse's DDL: MaxCompute CREATE/DROP TABLE, ADD/DROP PARTITION and ADD COLUMNS (parsed by
// engine/odpssql) applied to the catalogue and the tables' rows tables (rowstable.h), all statements of a script
// in one transaction. Dropped rows are unlisted segments; their files are deleted after the commit.
namespace kmsync::engine::warehouse {

using namespace detail;

Result<QStringList> LocalWarehouse::executeSql(const QString &sql)
{
    auto statements = odpssql::parseScript(sql);
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
    // Files an earlier truncate or drop left while a query read (this transaction has changed nothing yet).
    removeUnlistedSegments(true);
    m_segmentsUnlisted = false;
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
    if (m_segmentsUnlisted) {
        m_segmentsUnlisted = false;
        removeUnlistedSegments(false);
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
            else if constexpr (std::is_same_v<T, DropPartitions>)
                return dropPartitions(s);
            else
                return addColumns(s);
        },
        statement);
}

Result<QString> LocalWarehouse::createTable(const CreateTable &create)
{
    const QString name = create.table.name;
    if (name.startsWith(QLatin1String("sqlite_"))) {
        return makeError(QStringLiteral("sql.invalid_name"),
                         QStringLiteral("table name \"%1\" is reserved in the local warehouse; choose another")
                             .arg(name));
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
    const QString ddl = rowsTableDdl(name, create.schema);
    if (auto r = exec(ddl.toUtf8().constData()); !r.ok()) {
        return makeError(QStringLiteral("sql.create_failed"),
                         QStringLiteral("cannot create table \"%1\" in warehouse %2: %3")
                             .arg(name, m_path, QString::fromUtf8(sqlite3_errmsg(m_db.get()))));
    }
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
    bindText(s, 3,
             QString::fromUtf8(QJsonDocument(columnsToJson(create.schema.columns)).toJson(QJsonDocument::Compact)));
    bindText(s, 4,
             QString::fromUtf8(
                 QJsonDocument(columnsToJson(create.schema.partitionKeys)).toJson(QJsonDocument::Compact)));
    bindText(s, 5,
             QString::fromUtf8(
                 QJsonDocument(QJsonArray::fromStringList(create.notNullColumns)).toJson(QJsonDocument::Compact)));
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
    auto rows = deleteTableRows(name);
    if (!rows.ok())
        return rows.error();
    auto parts = partitions(name);
    if (!parts.ok())
        return parts.error();
    if (auto r = exec(QStringLiteral("DROP TABLE %1").arg(quoteIdent(name)).toUtf8().constData()); !r.ok())
        return r.error();
    for (const char *sql :
         {"DELETE FROM _kmsync_partitions WHERE table_name = ?1", "DELETE FROM _kmsync_tables WHERE name = ?1"}) {
        auto stmt = prepare(m_db.get(), QString::fromLatin1(sql), m_path);
        if (!stmt.ok())
            return stmt.error();
        bindText(stmt->get(), 1, name);
        if (sqlite3_step(stmt->get()) != SQLITE_DONE)
            return ioError();
    }
    return QStringLiteral("dropped table %1 (%2 partitions, %3 rows)").arg(name).arg(parts->size()).arg(rows.value());
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
        auto spec = checkSpec(info.value(), raw, raw.toString(), QStringLiteral("sql.invalid_partition_spec"));
        if (!spec.ok())
            return spec.error();
        const QString text = spec.value().toString();
        auto entry = addPartitionEntry(info->schema.name, text, now);
        if (!entry.ok())
            return entry.error();
        if (!entry.value()) {
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
        auto spec = checkSpec(info.value(), raw, raw.toString(), QStringLiteral("sql.invalid_partition_spec"));
        if (!spec.ok())
            return spec.error();
        const QString text = spec.value().toString();
        auto stmt = prepare(m_db.get(),
                            QStringLiteral("DELETE FROM _kmsync_partitions WHERE table_name = ?1 AND spec = ?2"),
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

Result<QString> LocalWarehouse::addColumns(const AddColumns &add)
{
    auto found = findTable(add.table.name);
    if (!found.ok())
        return found.error();
    if (!found.value()) {
        return makeError(QStringLiteral("sql.no_such_table"),
                         QStringLiteral("table \"%1\" does not exist in warehouse %2").arg(add.table.name, m_path));
    }
    const TableInfo &info = *found.value();
    QSet<QString> names;
    for (const auto &c : info.schema.columns)
        names.insert(c.name.toLower());
    for (const auto &k : info.schema.partitionKeys)
        names.insert(k.name.toLower());
    for (const auto &c : add.columns) {
        if (names.contains(c.name.toLower())) {
            return makeError(QStringLiteral("sql.column_exists"),
                             QStringLiteral("ALTER TABLE %1 ADD COLUMNS: column \"%2\" already exists in the table (or "
                                            "is named twice); choose another name")
                                 .arg(info.schema.name, c.name));
        }
        names.insert(c.name.toLower());
    }
    // The rows table is declared again with the new columns after the old data columns (SELECT * keeps the
    // partition keys last). Segments written before read NULL in them.
    TableSchema schema = info.schema;
    schema.columns.insert(schema.columns.end(), add.columns.begin(), add.columns.end());
    const QString name = info.schema.name;
    for (const QString &step : {QStringLiteral("DROP TABLE %1").arg(quoteIdent(name)), rowsTableDdl(name, schema)}) {
        if (auto r = exec(step.toUtf8().constData()); !r.ok())
            return r.error(); // the caller rolls the whole script back
    }
    auto stmt = prepare(m_db.get(),
                        QStringLiteral("UPDATE _kmsync_tables SET columns = ?1, last_modified = ?2 WHERE name = ?3"),
                        m_path);
    if (!stmt.ok())
        return stmt.error();
    bindText(stmt->get(), 1,
             QString::fromUtf8(QJsonDocument(columnsToJson(schema.columns)).toJson(QJsonDocument::Compact)));
    bindText(stmt->get(), 2, nowText());
    bindText(stmt->get(), 3, name);
    if (sqlite3_step(stmt->get()) != SQLITE_DONE)
        return ioError();
    QStringList added;
    for (const auto &c : add.columns)
        added << QStringLiteral("%1 %2").arg(c.name, c.type.toString());
    return QStringLiteral("table %1: added column %2").arg(name, added.join(QStringLiteral(", ")));
}

} // namespace kmsync::engine::warehouse
