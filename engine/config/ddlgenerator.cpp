#include "engine/config/ddlgenerator.h"

#include <QRegularExpression>
#include <QSet>

#include "engine/config/sourcefield.h"

namespace kmsync::engine::config {

namespace {

ColumnType typeOf(TypeKind kind)
{
    ColumnType type;
    type.kind = kind;
    return type;
}

QString truncateUtf8(const QString &text, int maxBytes)
{
    QString out = text;
    while (out.toUtf8().size() > maxBytes)
        out.chop(1);
    return out;
}

} // namespace

QString sanitizeTableName(const QString &topic)
{
    QString out;
    for (QChar c : topic.trimmed().toLower()) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                     || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        out += ok ? c : QLatin1Char('_');
    }
    if (out.isEmpty())
        out = QStringLiteral("kafka_topic");
    if (!(out.at(0) >= QLatin1Char('a') && out.at(0) <= QLatin1Char('z')))
        out.prepend(QStringLiteral("t_"));
    return truncateUtf8(out, 128);
}

ColumnType inferColumnType(const QStringList &samples)
{
    static const QRegularExpression integer(QStringLiteral(R"(^-?(0|[1-9][0-9]*)$)"));
    static const QRegularExpression number(QStringLiteral(R"(^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$)"));
    bool any = false;
    bool allInt = true;
    bool allNumber = true;
    bool allBool = true;
    for (const QString &raw : samples) {
        const QString text = raw.trimmed();
        if (text.isEmpty() || text == QLatin1String("null"))
            continue;
        any = true;
        bool isInt = integer.match(text).hasMatch();
        if (isInt) {
            bool ok = false;
            text.toLongLong(&ok);
            isInt = ok;
        }
        const bool isNumber = number.match(text).hasMatch();
        const bool isBool = text == QLatin1String("true") || text == QLatin1String("false");
        allInt = allInt && isInt;
        allNumber = allNumber && isNumber;
        allBool = allBool && isBool;
    }
    if (!any)
        return typeOf(TypeKind::String);
    if (allInt)
        return typeOf(TypeKind::BigInt);
    if (allNumber)
        return typeOf(TypeKind::Double);
    if (allBool)
        return typeOf(TypeKind::Boolean);
    return typeOf(TypeKind::String);
}

QString quoteIdentifier(const QString &name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('`'), QLatin1String("``"));
    return QLatin1Char('`') + escaped + QLatin1Char('`');
}

QString quoteComment(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('\'');
    for (QChar c : text) {
        switch (c.unicode()) {
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\'':
            out += QLatin1String("\\'");
            break;
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case 0:
            out += QLatin1String("\\0");
            break;
        default:
            out += c;
        }
    }
    out += QLatin1Char('\'');
    return out;
}

namespace {

// ddlSchema's body; `typeFor` gives a path column's type from its reader entry and parsed path.
template <typename TypeFor>
Result<TableSchema> buildSchema(const TaskConfig &task, TypeFor typeFor)
{
    if (task.reader.topic.trimmed().isEmpty())
        return makeError(QStringLiteral("ddl.no_topic"),
                         QStringLiteral("the reader has no topic; the table is named after the topic"));
    TableSchema schema;
    schema.name = sanitizeTableName(task.reader.topic);
    QSet<QString> used;
    for (const QString &field : kafkaFieldNames()) {
        const bool isBigInt = field == QLatin1String("__partition__") || field == QLatin1String("__offset__")
                           || field == QLatin1String("__timestamp__");
        schema.columns.push_back(
            {field, typeOf(isBigInt ? TypeKind::BigInt : TypeKind::String), kafkaFieldDescription(field)});
        used.insert(field.toLower());
    }
    for (const QString &entry : task.reader.column) {
        const auto field = parseSourceField(entry);
        if (!field)
            return field.error();
        if (field->kind() != mapping::SourceField::Kind::Path)
            continue;
        schema.columns.push_back(ddlPathColumn(entry, field->path(), typeFor(entry, field->path()), used));
    }
    const auto partitions = task.writer.partitionKeyValues();
    if (!partitions)
        return partitions.error();
    for (const auto &[key, value] : partitions.value())
        schema.partitionKeys.push_back({key, typeOf(TypeKind::String), QString()});
    return schema;
}

} // namespace

ColumnDef ddlPathColumn(const QString &entry, const mapping::JsonPath &path, const ColumnType &type,
                        QSet<QString> &used)
{
    const QString base = truncateUtf8(ddlColumnName(path), 120);
    QString name = base;
    for (int n = 2; used.contains(name.toLower()); ++n)
        name = QStringLiteral("%1_%2").arg(base).arg(n);
    used.insert(name.toLower());
    return {name, type, truncateUtf8(QStringLiteral("JSON path %1 of the message value").arg(entry), 1024)};
}

Result<TableSchema> ddlSchema(const TaskConfig &task, const QMap<QString, QStringList> &samples)
{
    return buildSchema(task, [&samples](const QString &entry, const mapping::JsonPath &) {
        return inferColumnType(samples.value(entry));
    });
}

Result<TableSchema> ddlSchema(const TaskConfig &task, const mapping::FieldProfile &profile)
{
    QMap<QString, ColumnType> types;
    for (const auto &p : profile.paths)
        types.insert(p.path, p.inferredType);
    return buildSchema(task, [&types](const QString &, const mapping::JsonPath &path) {
        return types.value(path.toString(), typeOf(TypeKind::String));
    });
}

QString renderAddColumns(const QString &table, const std::vector<ColumnDef> &columns)
{
    QStringList lines;
    for (const ColumnDef &c : columns) {
        QString line = QStringLiteral("  %1 %2").arg(quoteIdentifier(c.name), c.type.toString());
        if (!c.comment.isEmpty())
            line += QStringLiteral(" COMMENT ") + quoteComment(c.comment);
        lines << line;
    }
    return QStringLiteral("ALTER TABLE %1 ADD COLUMNS (\n%2\n);\n")
        .arg(quoteIdentifier(table), lines.join(QStringLiteral(",\n")));
}

QString renderDdl(const TableSchema &schema, int lifecycleDays)
{
    const auto column = [](const ColumnDef &c) {
        QString line = QStringLiteral("  %1 %2").arg(quoteIdentifier(c.name), c.type.toString());
        if (!c.comment.isEmpty())
            line += QStringLiteral(" COMMENT ") + quoteComment(c.comment);
        return line;
    };
    QStringList columns;
    for (const ColumnDef &c : schema.columns)
        columns << column(c);
    QString ddl = QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n%2\n)\n")
                      .arg(quoteIdentifier(schema.name), columns.join(QStringLiteral(",\n")));
    if (!schema.partitionKeys.empty()) {
        QStringList keys;
        for (const ColumnDef &c : schema.partitionKeys)
            keys << column(c);
        ddl += QStringLiteral("PARTITIONED BY (\n%1\n)\n").arg(keys.join(QStringLiteral(",\n")));
    }
    ddl += QStringLiteral("LIFECYCLE %1;\n").arg(lifecycleDays);
    return ddl;
}

QString generateDdl(const TaskConfig &task, const QMap<QString, QStringList> &samples)
{
    const auto schema = ddlSchema(task, samples);
    if (!schema)
        return QStringLiteral("-- cannot generate DDL: %1\n").arg(schema.error().message);
    return renderDdl(schema.value());
}

QString generateDdl(const TaskConfig &task, const mapping::FieldProfile &profile)
{
    const auto schema = ddlSchema(task, profile);
    if (!schema)
        return QStringLiteral("-- cannot generate DDL: %1\n").arg(schema.error().message);
    return renderDdl(schema.value());
}

} // namespace kmsync::engine::config
