#include "tests/support/mcserver/mcsqlengine.h"

#include <charconv>
#include <type_traits>
#include <variant>

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

#include "engine/odpssql/mcsql.h"

using namespace kmsync::engine;

namespace kmsync::test {

namespace {

Error sqlError(const QString &odpsCode, const QString &message)
{
    return makeError(QStringLiteral("mcserver.sql"), odpsCode + QLatin1Char(':') + message);
}

// "proj.`t`" or "`t`" → t (the project part is ignored: the server has one project). For SELECT, which the DDL
// parser does not read.
QString tableName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^(?:(`[^`]+`|\w+)\.)?(`(?:[^`]|``)+`|\w+)$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    QString name = m.captured(2);
    if (name.startsWith(QLatin1Char('`')))
        name = name.mid(1, name.size() - 2).replace(QStringLiteral("``"), QStringLiteral("`"));
    return name;
}

Error tableNotFound(const QString &name)
{
    return sqlError(QStringLiteral("ODPS-0130131"),
                    QStringLiteral("Table not found - table %1 cannot be resolved").arg(name));
}

// The service refuses a 2.0 type unless the statement's settings turn the 2.0 type system on.
Result<void> checkTypeSystem(const std::vector<ColumnDef> &columns, bool odps2)
{
    for (const ColumnDef &c : columns) {
        if (c.type.isOdps2() && !odps2) {
            return sqlError(QStringLiteral("ODPS-0130071"),
                            QStringLiteral(
                                "[1,1] Semantic analysis exception - column %1 : type %2 is not enabled in current "
                                "mode, set odps.sql.type.system.odps2=true")
                                .arg(c.name, c.type.toString()));
        }
    }
    return {};
}

QString csvField(const QString &s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))
        || s.contains(QLatin1Char('\r'))) {
        QString q = s;
        q.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return QLatin1Char('"') + q + QLatin1Char('"');
    }
    return s;
}

} // namespace

int64_t McTable::rowCount() const
{
    int64_t n = 0;
    for (const auto &[k, rows] : data)
        n += int64_t(rows.size());
    return n;
}

McTable *McSqlEngine::table(const QString &name)
{
    auto it = m_tables.find(name.toLower());
    return it == m_tables.end() ? nullptr : &it->second;
}

const McTable *McSqlEngine::table(const QString &name) const
{
    auto it = m_tables.find(name.toLower());
    return it == m_tables.end() ? nullptr : &it->second;
}

QStringList McSqlEngine::tableNames() const
{
    QStringList names;
    for (const auto &[k, t] : m_tables)
        names << t.schema.name;
    return names;
}

void McSqlEngine::putTable(const TableSchema &schema)
{
    McTable t;
    t.schema = schema;
    if (schema.partitionKeys.empty())
        t.data[QString()];
    m_tables[schema.name.toLower()] = std::move(t);
}

Result<QString> McSqlEngine::canonicalPartition(const McTable &table, const odpssql::PartitionSpec &spec)
{
    const auto &levels = spec.levels;
    const auto &keys = table.schema.partitionKeys;
    if (keys.empty()) {
        if (levels.empty())
            return QString();
        return makeError(QStringLiteral("InvalidPartitionSpec"),
                         QStringLiteral("table %1 is not partitioned, but a partition spec was given")
                             .arg(table.schema.name));
    }
    QStringList parts;
    for (const auto &key : keys) {
        int found = 0;
        QString value;
        for (const auto &[k, v] : levels) {
            if (k.compare(key.name, Qt::CaseInsensitive) == 0) {
                ++found;
                value = v;
            }
        }
        if (found != 1 || value.isEmpty()) {
            return makeError(QStringLiteral("InvalidPartitionSpec"),
                             QStringLiteral(
                                 "partition spec must name every partition key of %1 exactly once (missing or "
                                 "repeated: %2)")
                                 .arg(table.schema.name, key.name));
        }
        parts << key.name + QLatin1Char('=') + value;
    }
    if (levels.size() != keys.size()) {
        return makeError(QStringLiteral("InvalidPartitionSpec"),
                         QStringLiteral("partition spec has %1 levels, table %2 has %3 partition keys")
                             .arg(levels.size())
                             .arg(table.schema.name)
                             .arg(keys.size()));
    }
    return parts.join(QLatin1Char(','));
}

QString McSqlEngine::formatValue(const Value &value, const ColumnType &type)
{
    struct V
    {
        const ColumnType &type;
        QString operator()(std::monostate) const { return QStringLiteral("\\N"); }
        QString operator()(bool b) const { return b ? QStringLiteral("true") : QStringLiteral("false"); }
        QString operator()(int64_t i) const { return QString::number(i); }
        QString operator()(double d) const
        {
            char buf[64];
            const auto r = type.kind == TypeKind::Float ? std::to_chars(buf, buf + sizeof buf, float(d))
                                                        : std::to_chars(buf, buf + sizeof buf, d);
            return QString::fromLatin1(buf, r.ptr - buf);
        }
        QString operator()(const std::string &s) const
        {
            if (type.kind == TypeKind::Binary)
                return QString::fromLatin1(QByteArray(s.data(), qsizetype(s.size())).toBase64());
            return QString::fromStdString(s);
        }
        QString operator()(const Decimal &d) const { return QString::fromStdString(d.text); }
        QString operator()(const DateTime &d) const
        {
            return QDateTime::fromMSecsSinceEpoch(d.epochMs, QTimeZone::utc())
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        }
        QString operator()(const Date &d) const
        {
            return QDate(1970, 1, 1).addDays(d.epochDays).toString(QStringLiteral("yyyy-MM-dd"));
        }
        QString operator()(const Timestamp &t) const
        {
            return QDateTime::fromSecsSinceEpoch(t.epochSeconds, QTimeZone::utc())
                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                 + QStringLiteral(".%1").arg(t.nanos, 9, 10, QLatin1Char('0'));
        }
    };
    return std::visit(V{type}, value);
}

Result<QString> McSqlEngine::execute(const QString &sqlText, const QMap<QString, QString> &settings)
{
    QString sql = sqlText.trimmed();
    while (sql.endsWith(QLatin1Char(';')))
        sql.chop(1);
    sql = sql.trimmed();
    const bool odps2 =
        settings.value(QStringLiteral("odps.sql.type.system.odps2")).compare(QLatin1String("true"), Qt::CaseInsensitive)
        == 0;
    static const QRegularExpression selectStart(QStringLiteral(R"(^SELECT\b)"),
                                                QRegularExpression::CaseInsensitiveOption);
    if (selectStart.match(sql).hasMatch())
        return select(sql);
    auto statement = odpssql::parseStatement(sql);
    if (!statement) {
        return sqlError(QStringLiteral("ODPS-0130161"),
                        QStringLiteral(
                            "[1,1] Parse exception - %1 (the kmsync test server runs CREATE/DROP TABLE, ALTER "
                            "TABLE ADD/DROP PARTITION, ADD COLUMNS and SELECT COUNT(*)/* FROM t [WHERE k='v'])")
                            .arg(statement.error().message));
    }
    return std::visit(
        [&](const auto &s) -> Result<QString> {
            using T = std::decay_t<decltype(s)>;
            if constexpr (std::is_same_v<T, odpssql::CreateTable>)
                return createTable(s, odps2);
            else if constexpr (std::is_same_v<T, odpssql::DropTable>)
                return dropTable(s);
            else if constexpr (std::is_same_v<T, odpssql::AddPartitions>)
                return changePartitions(s.table.name, s.partitions, true, s.ifNotExists);
            else if constexpr (std::is_same_v<T, odpssql::DropPartitions>)
                return changePartitions(s.table.name, s.partitions, false, s.ifExists);
            else
                return addColumns(s, odps2);
        },
        *statement);
}

Result<QString> McSqlEngine::createTable(const odpssql::CreateTable &create, bool odps2)
{
    if (auto ok = checkTypeSystem(create.schema.columns, odps2); !ok)
        return ok.error();
    if (auto ok = checkTypeSystem(create.schema.partitionKeys, odps2); !ok)
        return ok.error();
    if (table(create.table.name)) {
        if (create.ifNotExists)
            return QString();
        return sqlError(QStringLiteral("ODPS-0110061"),
                        QStringLiteral(
                            "Failed to run ddltask - AlreadyExistsException(message:Table %1 already exists)")
                            .arg(create.table.name));
    }
    putTable(create.schema);
    return QString();
}

Result<QString> McSqlEngine::addColumns(const odpssql::AddColumns &add, bool odps2)
{
    if (auto ok = checkTypeSystem(add.columns, odps2); !ok)
        return ok.error();
    McTable *t = table(add.table.name);
    if (!t)
        return tableNotFound(add.table.name);
    std::set<QString> names;
    for (const auto &c : t->schema.columns)
        names.insert(c.name.toLower());
    for (const auto &k : t->schema.partitionKeys)
        names.insert(k.name.toLower());
    for (const auto &c : add.columns) {
        if (!names.insert(c.name.toLower()).second)
            return sqlError(QStringLiteral("ODPS-0130071"),
                            QStringLiteral("[1,1] Semantic analysis exception - Duplicate column name: %1")
                                .arg(c.name));
    }
    // New columns come after the old data columns; rows written before read NULL there.
    t->schema.columns.insert(t->schema.columns.end(), add.columns.begin(), add.columns.end());
    for (auto &[partition, rows] : t->data) {
        for (Row &row : rows)
            row.resize(t->schema.columns.size());
    }
    return QString();
}

Result<QString> McSqlEngine::dropTable(const odpssql::DropTable &drop)
{
    if (!table(drop.table.name)) {
        if (drop.ifExists)
            return QString();
        return tableNotFound(drop.table.name);
    }
    m_tables.erase(drop.table.name);
    return QString();
}

Result<QString> McSqlEngine::changePartitions(const QString &name, const std::vector<odpssql::PartitionSpec> &specs,
                                              bool add, bool guarded)
{
    McTable *t = table(name);
    if (!t)
        return tableNotFound(name);
    for (const auto &spec : specs) {
        auto key = canonicalPartition(*t, spec);
        if (!key)
            return sqlError(QStringLiteral("ODPS-0130071"),
                            QStringLiteral("[1,1] Semantic analysis exception - %1").arg(key.error().message));
        const bool exists = t->partitions.count(*key) > 0;
        if (add) {
            if (exists && !guarded)
                return sqlError(QStringLiteral("ODPS-0130111"),
                                QStringLiteral("Partition already exists - %1").arg(*key));
            t->partitions.insert(*key);
            t->data[*key];
        } else {
            if (!exists && !guarded)
                return sqlError(QStringLiteral("ODPS-0130121"), QStringLiteral("Partition not found - %1").arg(*key));
            t->partitions.erase(*key);
            t->data.erase(*key);
        }
    }
    return QString();
}

Result<QString> McSqlEngine::select(const QString &sql) const
{
    const auto ci = QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption;
    static const QRegularExpression
        selectRe(QStringLiteral(R"(^SELECT\s+(COUNT\s*\(\s*\*\s*\)|\*)\s+FROM\s+(\S+)(?:\s+WHERE\s+(.+))?$)"), ci);
    if (const auto m = selectRe.match(sql); m.hasMatch()) {
        const QString name = tableName(m.captured(2));
        const McTable *t = table(name);
        if (!t)
            return tableNotFound(name);
        std::vector<std::pair<QString, QString>> where;
        if (!m.captured(3).isEmpty()) {
            static const QRegularExpression andRe(QStringLiteral(R"(\s+AND\s+)"),
                                                  QRegularExpression::CaseInsensitiveOption);
            auto spec = odpssql::PartitionSpec::parse(m.captured(3).split(andRe).join(QLatin1Char(',')));
            if (!spec)
                return sqlError(QStringLiteral("ODPS-0130161"),
                                QStringLiteral("[1,1] Parse exception - %1").arg(spec.error().message));
            where = spec->levels;
            for (const auto &[k, v] : where) {
                bool isKey = false;
                for (const auto &pk : t->schema.partitionKeys)
                    isKey = isKey || pk.name.compare(k, Qt::CaseInsensitive) == 0;
                if (!isKey)
                    return sqlError(
                        QStringLiteral("ODPS-0130071"),
                        QStringLiteral(
                            "[1,1] Semantic analysis exception - the test server filters only on partition keys, not '%1'")
                            .arg(k));
            }
        }
        const auto matches = [&](const QString &key) {
            const QStringList parts = key.split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (const auto &[k, v] : where) {
                bool ok = false;
                for (const QString &p : parts)
                    ok = ok || p.compare(k + QLatin1Char('=') + v, Qt::CaseInsensitive) == 0;
                if (!ok)
                    return false;
            }
            return true;
        };
        const bool count = m.captured(1).startsWith(QLatin1Char('c'), Qt::CaseInsensitive);
        if (count) {
            int64_t n = 0;
            for (const auto &[key, rows] : t->data)
                n += matches(key) ? int64_t(rows.size()) : 0;
            return QStringLiteral("\"_c0\"\n%1\n").arg(n);
        }
        QStringList header;
        for (const auto &c : t->schema.columns)
            header << csvField(c.name);
        for (const auto &c : t->schema.partitionKeys)
            header << csvField(c.name);
        QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
        for (const auto &[key, rows] : t->data) {
            if (!matches(key))
                continue;
            QStringList partValues;
            for (const QString &p : key.split(QLatin1Char(','), Qt::SkipEmptyParts))
                partValues << csvField(p.section(QLatin1Char('='), 1));
            for (const Row &row : rows) {
                QStringList fields;
                for (size_t i = 0; i < t->schema.columns.size(); ++i)
                    fields << csvField(formatValue(i < row.size() ? row[i] : Value{}, t->schema.columns[i].type));
                fields << partValues;
                out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
            }
        }
        return out;
    }
    return sqlError(QStringLiteral("ODPS-0130161"),
                    QStringLiteral("[1,1] Parse exception - the kmsync test server runs only SELECT COUNT(*)/* FROM t "
                                   "[WHERE k='v'] as a query, not: %1")
                        .arg(sql.left(80)));
}

} // namespace kmsync::test
