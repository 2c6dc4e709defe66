#include "engine/core/columntype.h"

#include <array>
#include <utility>

#include <QRegularExpression>

namespace kmsync::engine {

namespace {

constexpr std::array<std::pair<TypeKind, const char *>, 15> kNames{{
    {TypeKind::BigInt, "BIGINT"},
    {TypeKind::Double, "DOUBLE"},
    {TypeKind::Decimal, "DECIMAL"},
    {TypeKind::Boolean, "BOOLEAN"},
    {TypeKind::String, "STRING"},
    {TypeKind::DateTime, "DATETIME"},
    {TypeKind::Int, "INT"},
    {TypeKind::SmallInt, "SMALLINT"},
    {TypeKind::TinyInt, "TINYINT"},
    {TypeKind::Float, "FLOAT"},
    {TypeKind::Date, "DATE"},
    {TypeKind::Timestamp, "TIMESTAMP"},
    {TypeKind::Varchar, "VARCHAR"},
    {TypeKind::Char, "CHAR"},
    {TypeKind::Binary, "BINARY"},
}};

const char *nameOf(TypeKind kind)
{
    for (const auto &[k, n] : kNames) {
        if (k == kind)
            return n;
    }
    return "STRING";
}

} // namespace

QString allowedTypeNames()
{
    QStringList names;
    for (const auto &entry : kNames)
        names << QString::fromLatin1(entry.second);
    return names.join(QStringLiteral(", "));
}

Result<ColumnType> ColumnType::parse(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*([A-Za-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$)"));
    const auto match = re.match(text);
    if (!match.hasMatch()) {
        return makeError(QStringLiteral("type.syntax"),
                         QStringLiteral("\"%1\" is not a MaxCompute type; allowed: %2").arg(text, allowedTypeNames()));
    }
    const QString name = match.captured(1).toUpper();
    ColumnType type;
    bool found = false;
    for (const auto &[k, n] : kNames) {
        if (name == QLatin1String(n)) {
            type.kind = k;
            found = true;
            break;
        }
    }
    if (name == QLatin1String("INTEGER")) {
        type.kind = TypeKind::Int;
        found = true;
    }
    if (!found) {
        return makeError(QStringLiteral("type.unknown"),
                         QStringLiteral("\"%1\" is not a MaxCompute type; allowed: %2").arg(text, allowedTypeNames()));
    }
    const bool hasArg1 = match.capturedLength(2) > 0;
    const bool hasArg2 = match.capturedLength(3) > 0;
    const int arg1 = match.captured(2).toInt();
    const int arg2 = match.captured(3).toInt();
    switch (type.kind) {
    case TypeKind::Decimal:
        if (hasArg1) {
            if (arg1 < 1 || arg1 > 38 || arg2 < 0 || arg2 > 18 || arg2 > arg1) {
                return makeError(QStringLiteral("type.decimal"),
                                 QStringLiteral("\"%1\": DECIMAL(p,s) needs 1 <= p <= 38, 0 <= s <= 18 and s <= p")
                                     .arg(text));
            }
            type.precision = arg1;
            type.scale = arg2;
        }
        break;
    case TypeKind::Varchar:
    case TypeKind::Char: {
        const int max = type.kind == TypeKind::Varchar ? 65535 : 255;
        if (!hasArg1 || hasArg2 || arg1 < 1 || arg1 > max) {
            return makeError(QStringLiteral("type.length"),
                             QStringLiteral("\"%1\": %2(n) needs one length 1 <= n <= %3")
                                 .arg(text, QString::fromLatin1(nameOf(type.kind)))
                                 .arg(max));
        }
        type.length = arg1;
        break;
    }
    default:
        if (hasArg1) {
            return makeError(QStringLiteral("type.arguments"),
                             QStringLiteral("\"%1\": %2 takes no arguments").arg(text, name));
        }
    }
    return type;
}

QString ColumnType::toString() const
{
    QString name = QString::fromLatin1(nameOf(kind));
    if (kind == TypeKind::Decimal && precision > 0)
        return QStringLiteral("%1(%2,%3)").arg(name).arg(precision).arg(scale);
    if (kind == TypeKind::Varchar || kind == TypeKind::Char)
        return QStringLiteral("%1(%2)").arg(name).arg(length);
    return name;
}

bool ColumnType::isOdps2() const
{
    switch (kind) {
    case TypeKind::Int:
    case TypeKind::SmallInt:
    case TypeKind::TinyInt:
    case TypeKind::Float:
    case TypeKind::Date:
    case TypeKind::Timestamp:
    case TypeKind::Varchar:
    case TypeKind::Char:
    case TypeKind::Binary:
        return true;
    case TypeKind::Decimal:
        return precision > 0; // DECIMAL(p,s) is a 2.0 type; plain DECIMAL is 1.0
    default:
        return false;
    }
}

bool ColumnType::isInteger() const
{
    return kind == TypeKind::BigInt || kind == TypeKind::Int || kind == TypeKind::SmallInt || kind == TypeKind::TinyInt;
}

} // namespace kmsync::engine
