#include "tests/support/mcserver/mcsqlengine.h"

#include <charconv>

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

using namespace kmsync::engine;

namespace kmsync::test {

namespace {

Error sqlError(const QString &odpsCode, const QString &message)
{
    return makeError(QStringLiteral("mcserver.sql"), odpsCode + QLatin1Char(':') + message);
}

QString unquoteIdent(QString s)
{
    s = s.trimmed();
    if (s.size() >= 2 && s.front() == QLatin1Char('`') && s.back() == QLatin1Char('`'))
        s = s.mid(1, s.size() - 2).replace(QStringLiteral("``"), QStringLiteral("`"));
    return s;
}

// "proj.`t`" or "`t`" → t (the project part is ignored: the server has one project).
QString tableName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^(?:(`[^`]+`|\w+)\.)?(`(?:[^`]|``)+`|\w+)$)"));
    const auto m = re.match(text.trimmed());
    return m.hasMatch() ? unquoteIdent(m.captured(2)) : QString();
}

// Splits at top-level commas (not inside parentheses or quotes).
QStringList splitTopLevel(const QString &text)
{
    QStringList parts;
    int depth = 0;
    QChar quote;
    QString current;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            current += c;
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('`') || c == QLatin1Char('"'))
            quote = c;
        if (c == QLatin1Char('('))
            ++depth;
        if (c == QLatin1Char(')'))
            --depth;
        if (c == QLatin1Char(',') && depth == 0) {
            parts << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty())
        parts << current.trimmed();
    return parts;
}

// The text inside the parenthesis that opens at `open`; `end` gets the index after the closing one.
QString parenBody(const QString &text, qsizetype open, qsizetype &end)
{
    int depth = 0;
    QChar quote;
    for (qsizetype i = open; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('`'))
            quote = c;
        else if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth == 0) {
            end = i + 1;
            return text.mid(open + 1, i - open - 1);
        }
    }
    end = -1;
    return {};
}

Result<std::vector<ColumnDef>> parseColumns(const QString &body, bool odps2)
{
    std::vector<ColumnDef> cols;
    static const QRegularExpression colRe(
        QStringLiteral(R"(^(`(?:[^`]|``)+`|[\w]+)\s+([A-Za-z]+\s*(?:\([^)]*\))?)\s*(?:NOT\s+NULL\s*)?(?:COMMENT\s+'((?:[^'\\]|\\.)*)')?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QString &item : splitTopLevel(body)) {
        const auto m = colRe.match(item);
        if (!m.hasMatch())
            return sqlError(QStringLiteral("ODPS-0130161"), QStringLiteral("[1,1] Parse exception - invalid column definition '%1'").arg(item));
        auto type = ColumnType::parse(m.captured(2));
        if (!type)
            return sqlError(QStringLiteral("ODPS-0130161"), QStringLiteral("[1,1] Parse exception - %1").arg(type.error().message));
        if (type->isOdps2() && !odps2) {
            return sqlError(QStringLiteral("ODPS-0130071"),
                            QStringLiteral("[1,1] Semantic analysis exception - column %1 : type %2 is not enabled in current "
                                           "mode, set odps.sql.type.system.odps2=true")
                                .arg(unquoteIdent(m.captured(1)), type->toString()));
        }
        cols.push_back(ColumnDef{unquoteIdent(m.captured(1)), *type, m.captured(3)});
    }
    return cols;
}

Result<QList<QPair<QString, QString>>> parseSpecList(const QString &body)
{
    QList<QPair<QString, QString>> levels;
    static const QRegularExpression kv(QStringLiteral(R"re(^(`[^`]+`|\w+)\s*=\s*(?:'([^']*)'|"([^"]*)"|(\w+))$)re"));
    for (const QString &item : splitTopLevel(body)) {
        const auto m = kv.match(item);
        if (!m.hasMatch())
            return sqlError(QStringLiteral("ODPS-0130161"), QStringLiteral("[1,1] Parse exception - invalid partition spec '%1'").arg(item));
        QString value = m.captured(2);
        if (value.isEmpty())
            value = m.captured(3);
        if (value.isEmpty())
            value = m.captured(4);
        levels.append({unquoteIdent(m.captured(1)), value});
    }
    return levels;
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

Result<QString> McSqlEngine::canonicalPartition(const McTable &table, const QList<QPair<QString, QString>> &levels)
{
    const auto &keys = table.schema.partitionKeys;
    if (keys.empty()) {
        if (levels.isEmpty())
            return QString();
        return makeError(QStringLiteral("InvalidPartitionSpec"),
                         QStringLiteral("table %1 is not partitioned, but a partition spec was given").arg(table.schema.name));
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
                             QStringLiteral("partition spec must name every partition key of %1 exactly once (missing or "
                                            "repeated: %2)")
                                 .arg(table.schema.name, key.name));
        }
        parts << key.name + QLatin1Char('=') + value;
    }
    if (levels.size() != qsizetype(keys.size())) {
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
            return QDateTime::fromMSecsSinceEpoch(d.epochMs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        }
        QString operator()(const Date &d) const
        {
            return QDate(1970, 1, 1).addDays(d.epochDays).toString(QStringLiteral("yyyy-MM-dd"));
        }
        QString operator()(const Timestamp &t) const
        {
            return QDateTime::fromSecsSinceEpoch(t.epochSeconds, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
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
    const bool odps2 = settings.value(QStringLiteral("odps.sql.type.system.odps2")).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    const auto ci = QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption;

    static const QRegularExpression createRe(
        QStringLiteral(R"(^CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?((?:(?:`[^`]+`|\w+)\.)?(?:`(?:[^`]|``)+`|\w+))\s*\()"), ci);
    if (const auto m = createRe.match(sql); m.hasMatch()) {
        const QString name = tableName(m.captured(2));
        qsizetype end = 0;
        const QString body = parenBody(sql, m.capturedEnd(0) - 1, end);
        if (end < 0)
            return sqlError(QStringLiteral("ODPS-0130161"), QStringLiteral("[1,1] Parse exception - unbalanced parentheses"));
        auto cols = parseColumns(body, odps2);
        if (!cols)
            return cols.error();
        TableSchema schema;
        schema.name = name;
        schema.columns = *cols;
        QString rest = sql.mid(end);
        static const QRegularExpression partRe(QStringLiteral(R"(PARTITIONED\s+BY\s*\()"), ci);
        if (const auto pm = partRe.match(rest); pm.hasMatch()) {
            qsizetype pend = 0;
            auto pcols = parseColumns(parenBody(rest, pm.capturedEnd(0) - 1, pend), odps2);
            if (!pcols)
                return pcols.error();
            schema.partitionKeys = *pcols;
            rest = rest.left(pm.capturedStart(0)) + rest.mid(pend);
        }
        static const QRegularExpression tailRe(
            QStringLiteral(R"(^\s*(COMMENT\s+'(?:[^'\\]|\\.)*'\s*)?(TBLPROPERTIES\s*\([^)]*\)\s*)?(LIFECYCLE\s+\d+\s*)?$)"), ci);
        if (!tailRe.match(rest).hasMatch())
            return sqlError(QStringLiteral("ODPS-0130161"), QStringLiteral("[1,1] Parse exception - unexpected '%1'").arg(rest.trimmed().left(60)));
        if (schema.columns.empty())
            return sqlError(QStringLiteral("ODPS-0130161"), QStringLiteral("[1,1] Parse exception - a table needs columns"));
        if (table(name)) {
            if (!m.captured(1).isEmpty())
                return QString();
            return sqlError(QStringLiteral("ODPS-0110061"), QStringLiteral("Failed to run ddltask - AlreadyExistsException(message:Table %1 already exists)").arg(name));
        }
        putTable(schema);
        return QString();
    }

    static const QRegularExpression dropRe(QStringLiteral(R"(^DROP\s+TABLE\s+(IF\s+EXISTS\s+)?(\S+)$)"), ci);
    if (const auto m = dropRe.match(sql); m.hasMatch()) {
        const QString name = tableName(m.captured(2));
        if (!table(name)) {
            if (!m.captured(1).isEmpty())
                return QString();
            return sqlError(QStringLiteral("ODPS-0130131"), QStringLiteral("Table not found - table %1 cannot be resolved").arg(name));
        }
        m_tables.erase(name.toLower());
        return QString();
    }

    static const QRegularExpression alterRe(
        QStringLiteral(R"(^ALTER\s+TABLE\s+(\S+)\s+(ADD|DROP)\s+(IF\s+(?:NOT\s+)?EXISTS\s+)?(PARTITION\s*\(.*)$)"), ci);
    if (const auto m = alterRe.match(sql); m.hasMatch()) {
        const QString name = tableName(m.captured(1));
        McTable *t = table(name);
        if (!t)
            return sqlError(QStringLiteral("ODPS-0130131"), QStringLiteral("Table not found - table %1 cannot be resolved").arg(name));
        const bool add = m.captured(2).compare(QLatin1String("ADD"), Qt::CaseInsensitive) == 0;
        const bool guarded = !m.captured(3).isEmpty();
        QString specs = m.captured(4);
        static const QRegularExpression specRe(QStringLiteral(R"(^\s*,?\s*PARTITION\s*\()"), ci);
        while (!specs.trimmed().isEmpty()) {
            const auto sm = specRe.match(specs);
            if (!sm.hasMatch())
                return sqlError(QStringLiteral("ODPS-0130161"), QStringLiteral("[1,1] Parse exception - unexpected '%1'").arg(specs.trimmed().left(60)));
            qsizetype end = 0;
            auto levels = parseSpecList(parenBody(specs, sm.capturedEnd(0) - 1, end));
            if (!levels)
                return levels.error();
            auto key = canonicalPartition(*t, *levels);
            if (!key)
                return sqlError(QStringLiteral("ODPS-0130071"), QStringLiteral("[1,1] Semantic analysis exception - %1").arg(key.error().message));
            const bool exists = t->partitions.count(*key) > 0;
            if (add) {
                if (exists && !guarded)
                    return sqlError(QStringLiteral("ODPS-0130111"), QStringLiteral("Partition already exists - %1").arg(*key));
                t->partitions.insert(*key);
                t->data[*key];
            } else {
                if (!exists && !guarded)
                    return sqlError(QStringLiteral("ODPS-0130121"), QStringLiteral("Partition not found - %1").arg(*key));
                t->partitions.erase(*key);
                t->data.erase(*key);
            }
            specs = specs.mid(end);
        }
        return QString();
    }

    static const QRegularExpression selectRe(
        QStringLiteral(R"(^SELECT\s+(COUNT\s*\(\s*\*\s*\)|\*)\s+FROM\s+(\S+)(?:\s+WHERE\s+(.+))?$)"), ci);
    if (const auto m = selectRe.match(sql); m.hasMatch()) {
        const QString name = tableName(m.captured(2));
        const McTable *t = table(name);
        if (!t)
            return sqlError(QStringLiteral("ODPS-0130131"), QStringLiteral("Table not found - table %1 cannot be resolved").arg(name));
        QList<QPair<QString, QString>> where;
        if (!m.captured(3).isEmpty()) {
            static const QRegularExpression andRe(QStringLiteral(R"(\s+AND\s+)"), QRegularExpression::CaseInsensitiveOption);
            auto levels = parseSpecList(m.captured(3).split(andRe).join(QLatin1Char(',')));
            if (!levels)
                return levels.error();
            where = *levels;
            for (const auto &[k, v] : where) {
                bool isKey = false;
                for (const auto &pk : t->schema.partitionKeys)
                    isKey = isKey || pk.name.compare(k, Qt::CaseInsensitive) == 0;
                if (!isKey)
                    return sqlError(QStringLiteral("ODPS-0130071"), QStringLiteral("[1,1] Semantic analysis exception - the test server filters only on partition keys, not '%1'").arg(k));
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
                    QStringLiteral("[1,1] Parse exception - the kmsync test server runs only CREATE/DROP TABLE, ALTER TABLE "
                                   "ADD/DROP PARTITION and SELECT COUNT(*)/* FROM t [WHERE k='v'], not: %1")
                        .arg(sql.left(80)));
}

} // namespace kmsync::test
