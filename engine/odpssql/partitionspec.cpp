#include "engine/odpssql/partitionspec.h"

#include <QStringList>

namespace kmsync::engine::odpssql {

namespace {

bool isKeyName(const QString &key)
{
    if (key.isEmpty())
        return false;
    const auto ascii = [](QChar c) { return c.unicode() < 128; };
    if (!ascii(key.front()) || !(key.front().isLetter() || key.front() == u'_'))
        return false;
    for (const QChar c : key) {
        if (!ascii(c) || !(c.isLetterOrNumber() || c == u'_'))
            return false;
    }
    return true;
}

Error specError(const QString &text, const QString &what)
{
    return makeError(QStringLiteral("mcsql.partition_spec"),
                     QStringLiteral("partition spec \"%1\": %2").arg(text, what));
}

} // namespace

Result<PartitionSpec> PartitionSpec::parse(const QString &text, PartitionSpecProblem *problem)
{
    const auto broke = [problem](PartitionSpecProblem::Kind kind, const QString &level, const QString &key,
                                 const QString &value) {
        if (problem)
            *problem = {kind, level, key, value};
    };
    PartitionSpec out;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return out;
    QString normalized = trimmed;
    normalized.replace(u'/', u',');
    for (const QString &rawPart : normalized.split(u',')) {
        const QString part = rawPart.trimmed();
        const qsizetype eq = part.indexOf(u'=');
        const QString key = eq < 0 ? QString() : part.left(eq).trimmed().toLower();
        if (!isKeyName(key)) {
            broke(PartitionSpecProblem::Kind::NotKeyValue, part, {}, {});
            return specError(text, QStringLiteral("\"%1\" is not key=value; expected e.g. \"ds=20221122\" or "
                                                  "\"ds=20221122,hh=10\"")
                                       .arg(part));
        }
        QString value = part.mid(eq + 1).trimmed();
        if (value.size() >= 2 && (value.front() == u'\'' || value.front() == u'"') && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        if (value.isEmpty()) {
            broke(PartitionSpecProblem::Kind::EmptyValue, part, key, value);
            return specError(text, QStringLiteral("partition key \"%1\" has an empty value").arg(key));
        }
        if (value.contains(u'\'') || value.contains(u'"')) {
            broke(PartitionSpecProblem::Kind::QuoteInValue, part, key, value);
            return specError(text, QStringLiteral("the value of partition key \"%1\" is \"%2\"; partition values may "
                                                  "not contain quotes")
                                       .arg(key, value));
        }
        for (const auto &kv : out.levels) {
            if (kv.first == key) {
                broke(PartitionSpecProblem::Kind::KeyTwice, part, key, value);
                return specError(text, QStringLiteral("partition key \"%1\" is given twice").arg(key));
            }
        }
        out.levels.emplace_back(key, value);
    }
    return out;
}

QString PartitionSpec::toString() const
{
    QStringList parts;
    for (const auto &[k, v] : levels)
        parts << k + u'=' + v;
    return parts.join(u',');
}

QString PartitionSpec::toQuotedString() const
{
    QStringList parts;
    for (const auto &[k, v] : levels)
        parts << k + QStringLiteral("='") + v + u'\'';
    return parts.join(u',');
}

} // namespace kmsync::engine::odpssql
