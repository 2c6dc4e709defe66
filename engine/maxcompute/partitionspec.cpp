#include "engine/maxcompute/partitionspec.h"

#include <QRegularExpression>

namespace kmsync::engine::maxcompute {

Result<PartitionSpec> PartitionSpec::parse(const QString &text)
{
    PartitionSpec spec;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return spec;
    static const QRegularExpression sep(QStringLiteral("[,/]"));
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    for (const QString &part : trimmed.split(sep)) {
        const int eq = part.indexOf(QLatin1Char('='));
        QString name = eq < 0 ? part.trimmed() : part.left(eq).trimmed();
        QString value = eq < 0 ? QString() : part.mid(eq + 1).trimmed();
        if (value.size() >= 2 && (value.front() == QLatin1Char('\'') || value.front() == QLatin1Char('"'))
            && value.back() == value.front()) {
            value = value.mid(1, value.size() - 2);
        }
        if (eq < 0 || !nameRe.match(name).hasMatch() || value.isEmpty()
            || value.contains(QLatin1Char('\'')) || value.contains(QLatin1Char('"'))) {
            return makeError(QStringLiteral("sink.invalid_partition_spec"),
                             QStringLiteral("Partition spec \"%1\": \"%2\" is not key=value; expected e.g. "
                                            "\"ds=20221122\" or \"ds=20221122,hh=10\" with non-empty values.")
                                 .arg(text, part));
        }
        spec.levels.append({name, value});
    }
    return spec;
}

QString PartitionSpec::toTunnelString() const
{
    QStringList parts;
    for (const auto &[k, v] : levels)
        parts << k + QLatin1Char('=') + v;
    return parts.join(QLatin1Char(','));
}

QString PartitionSpec::toQuotedString() const
{
    QStringList parts;
    for (const auto &[k, v] : levels)
        parts << k + QStringLiteral("='") + v + QLatin1Char('\'');
    return parts.join(QLatin1Char(','));
}

} // namespace kmsync::engine::maxcompute
