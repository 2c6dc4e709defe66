#include "engine/config/odpswriterconfig.h"

#include <QJsonArray>

#include "engine/config/loosejson.h"
#include "engine/odpssql/partitionspec.h"

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
    // The rules are the one partition spec's; only the wording is for a task's author.
    const QString text = partition.value_or(QString()).trimmed();
    odpssql::PartitionSpecProblem problem;
    auto spec = odpssql::PartitionSpec::parse(text, &problem);
    if (spec)
        return std::move(spec->levels);
    const auto error = [&text](const QString &what) {
        return makeError(QStringLiteral("config.partition"), QStringLiteral("partition \"%1\": %2").arg(text, what));
    };
    switch (problem.kind) {
    case odpssql::PartitionSpecProblem::Kind::NotKeyValue:
        break;
    case odpssql::PartitionSpecProblem::Kind::EmptyValue:
        return error(QStringLiteral("key %1 has no value").arg(problem.key));
    case odpssql::PartitionSpecProblem::Kind::QuoteInValue:
        return error(QStringLiteral("the value of key %1 is %2; partition values may not contain quotes")
                         .arg(problem.key, problem.value));
    case odpssql::PartitionSpecProblem::Kind::KeyTwice:
        return error(QStringLiteral("key %1 appears twice").arg(problem.key));
    }
    return error(
        QStringLiteral("\"%1\" is not key=value; write e.g. ds=${partition} or ds=20221122,hh=10").arg(problem.level));
}

QString OdpsWriterConfig::partitionSpec() const
{
    const auto spec = odpssql::PartitionSpec::parse(partition.value_or(QString()));
    return spec ? spec->toString() : QString();
}

} // namespace kmsync::engine::config
