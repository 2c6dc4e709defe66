#include "engine/config/odpswriterconfig.h"

#include <QJsonArray>
#include <QRegularExpression>

#include "engine/config/loosejson.h"

namespace kmsync::engine::config {

OdpsWriterConfig OdpsWriterConfig::fromStep(const QJsonObject &step)
{
    OdpsWriterConfig c;
    JsonObjectReader p(takeStepEnvelope(step, c.stepType, c.category, c.name, c.stepExtra));
    p.take(QStringLiteral("datasource"), c.datasource);
    p.take(QStringLiteral("table"), c.table);
    p.take(QStringLiteral("partition"), c.partition);
    p.take(QStringLiteral("column"), c.column);
    p.take(QStringLiteral("truncate"), c.truncate);
    p.take(QStringLiteral("emptyAsNull"), c.emptyAsNull);
    p.take(QStringLiteral("compress"), c.compress);
    c.extra = p.rest();
    return c;
}

QJsonObject OdpsWriterConfig::toStep() const
{
    QJsonObject p = extra;
    if (!datasource.isEmpty() || !p.contains(QStringLiteral("datasource")))
        p.insert(QStringLiteral("datasource"), datasource);
    if (!table.isEmpty() || !p.contains(QStringLiteral("table")))
        p.insert(QStringLiteral("table"), table);
    putOptional(p, QStringLiteral("partition"), partition);
    if (!column.isEmpty() || !p.contains(QStringLiteral("column")))
        p.insert(QStringLiteral("column"), QJsonArray::fromStringList(column));
    putOptional(p, QStringLiteral("truncate"), truncate);
    putOptional(p, QStringLiteral("emptyAsNull"), emptyAsNull);
    putOptional(p, QStringLiteral("compress"), compress);

    QJsonObject step = makeStepEnvelope(stepExtra, stepType, category, name);
    step.insert(QStringLiteral("parameter"), p);
    return step;
}

bool OdpsWriterConfig::truncateValue() const
{
    return looseBool(truncate).value_or(true);
}

bool OdpsWriterConfig::emptyAsNullValue() const
{
    return looseBool(emptyAsNull).value_or(false);
}

Result<std::vector<std::pair<QString, QString>>> OdpsWriterConfig::partitionKeyValues() const
{
    std::vector<std::pair<QString, QString>> out;
    const QString text = partition.value_or(QString()).trimmed();
    if (text.isEmpty())
        return out;
    static const QRegularExpression separators(QStringLiteral("[,/]"));
    const QStringList parts = text.split(separators);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return makeError(QStringLiteral("config.partition"),
                             QStringLiteral("partition \"%1\": \"%2\" is not key=value; write e.g. ds=${partition} "
                                            "or ds=20221122,hh=10")
                                 .arg(text, part));
        }
        const QString key = part.left(eq).trimmed();
        const QString value = part.mid(eq + 1).trimmed();
        if (value.isEmpty()) {
            return makeError(QStringLiteral("config.partition"),
                             QStringLiteral("partition \"%1\": key %2 has no value").arg(text, key));
        }
        for (const auto &kv : out) {
            if (kv.first.compare(key, Qt::CaseInsensitive) == 0) {
                return makeError(QStringLiteral("config.partition"),
                                 QStringLiteral("partition \"%1\": key %2 appears twice").arg(text, key));
            }
        }
        out.emplace_back(key, value);
    }
    return out;
}

QString OdpsWriterConfig::partitionSpec() const
{
    const auto kvs = partitionKeyValues();
    if (!kvs)
        return {};
    QStringList parts;
    for (const auto &[k, v] : kvs.value())
        parts << k + QLatin1Char('=') + v;
    return parts.join(QLatin1Char(','));
}

} // namespace kmsync::engine::config
