#include "engine/job/prodcheck.h"

#include "engine/job/connector.h"
#include "engine/job/destination.h"

namespace kmsync::engine {

namespace {

QString columnList(const std::vector<ColumnDef> &columns)
{
    QStringList parts;
    for (const ColumnDef &column : columns)
        parts.append(column.name + QLatin1Char(' ') + column.type.toString());
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

const ColumnDef *findColumn(const std::vector<ColumnDef> &columns, const QString &name)
{
    for (const ColumnDef &column : columns) {
        if (column.name.compare(name, Qt::CaseInsensitive) == 0)
            return &column;
    }
    return nullptr;
}

bool sameKeys(const std::vector<ColumnDef> &a, const std::vector<ColumnDef> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].name.compare(b[i].name, Qt::CaseInsensitive) != 0 || a[i].type != b[i].type)
            return false;
    }
    return true;
}

} // namespace

std::vector<ProdFinding> compareTableSchemas(const TableSchema &dev, const TableSchema &prod)
{
    std::vector<ProdFinding> findings;
    const QString table = dev.name.isEmpty() ? prod.name : dev.name;
    QStringList devCommon;
    for (const ColumnDef &column : dev.columns) {
        const ColumnDef *other = findColumn(prod.columns, column.name);
        if (!other) {
            findings.push_back({QStringLiteral("prod.column_missing"),
                                QStringLiteral("table %1: column %2 (%3) exists in dev but not in prod")
                                    .arg(table, column.name, column.type.toString())});
            continue;
        }
        devCommon.append(column.name.toLower());
        if (other->type != column.type) {
            findings.push_back({QStringLiteral("prod.column_type"),
                                QStringLiteral("table %1: column %2 is %3 in dev but %4 in prod")
                                    .arg(table, column.name, column.type.toString(), other->type.toString())});
        }
    }
    QStringList prodCommon;
    for (const ColumnDef &column : prod.columns) {
        if (!findColumn(dev.columns, column.name)) {
            findings.push_back({QStringLiteral("prod.column_extra"),
                                QStringLiteral("table %1: column %2 (%3) exists in prod but not in dev")
                                    .arg(table, column.name, column.type.toString())});
            continue;
        }
        prodCommon.append(column.name.toLower());
    }
    if (devCommon != prodCommon) {
        findings.push_back(
            {QStringLiteral("prod.column_order"),
             QStringLiteral("table %1: the columns are in another order (dev: %2; prod: %3); a run writes "
                            "by position")
                 .arg(table, devCommon.join(QStringLiteral(", ")), prodCommon.join(QStringLiteral(", ")))});
    }
    if (!sameKeys(dev.partitionKeys, prod.partitionKeys)) {
        findings.push_back({QStringLiteral("prod.partition_keys"),
                            QStringLiteral("table %1: partition keys differ (dev: %2; prod: %3)")
                                .arg(table, columnList(dev.partitionKeys), columnList(prod.partitionKeys))});
    }
    return findings;
}

ProdCheckReport checkProduction(const config::TaskConfig &task, const config::Datasources &dev,
                                const config::Datasources &prod, const StopToken &stop, int kafkaTimeoutMs)
{
    ProdCheckReport report;
    report.topic = task.reader.topic;
    report.table = task.writer.table;
    auto failed = [&report](const QString &message) {
        report.findings.push_back({QStringLiteral("prod.check_failed"), message});
    };

    // The topic on the prod Kafka cluster.
    const QString reader = task.reader.datasource.value_or(QString());
    if (reader.isEmpty()) {
        failed(QStringLiteral("the reader names no datasource, so there is no prod Kafka to check topic %1 on")
                   .arg(report.topic));
    } else if (auto kafka = prod.resolve(reader); !kafka.ok()) {
        failed(QStringLiteral("prod Kafka: %1").arg(kafka.error().message));
    } else if (auto topics = connectorFor(kafka->kind).listTopics(*kafka, kafkaTimeoutMs, stop); !topics.ok()) {
        failed(QStringLiteral("prod Kafka \"%1\": %2").arg(reader, topics.error().message));
    } else if (!topics->contains(report.topic)) {
        report.findings.push_back(
            {QStringLiteral("prod.topic_missing"),
             QStringLiteral("topic %1 does not exist on the prod Kafka \"%2\" (%3 topic(s) there)")
                 .arg(report.topic, reader)
                 .arg(topics->size())});
    } else {
        report.passed.append(QStringLiteral("topic %1 exists on the prod Kafka \"%2\"").arg(report.topic, reader));
    }

    // The table on the prod destination, with the dev table's schema.
    const QString writer = task.writer.datasource;
    auto prodDestination = prod.resolve(writer);
    if (!prodDestination.ok()) {
        failed(QStringLiteral("prod destination: %1").arg(prodDestination.error().message));
        return report;
    }
    auto prodSchema = describeDestinationTable(*prodDestination, report.table, stop);
    if (!prodSchema.ok()) {
        if (prodSchema.error().code == QLatin1String("sink.no_such_table")) {
            report.findings.push_back(
                {QStringLiteral("prod.table_missing"),
                 QStringLiteral("table %1 does not exist in the prod destination \"%2\"").arg(report.table, writer)});
        } else {
            failed(QStringLiteral("prod destination \"%1\": %2").arg(writer, prodSchema.error().message));
        }
        return report;
    }
    report.passed.append(QStringLiteral("table %1 exists in the prod destination \"%2\"").arg(report.table, writer));
    auto devDestination = dev.resolve(writer);
    if (!devDestination.ok()) {
        failed(QStringLiteral("dev destination: %1").arg(devDestination.error().message));
        return report;
    }
    auto devSchema = describeDestinationTable(*devDestination, report.table, stop);
    if (!devSchema.ok()) {
        failed(QStringLiteral("dev destination \"%1\": %2 (nothing to compare the prod schema with)")
                   .arg(writer, devSchema.error().message));
        return report;
    }
    const std::vector<ProdFinding> differences = compareTableSchemas(*devSchema, *prodSchema);
    if (differences.empty())
        report.passed.append(QStringLiteral("table %1 has the same schema in dev and prod").arg(report.table));
    report.findings.insert(report.findings.end(), differences.begin(), differences.end());
    return report;
}

} // namespace kmsync::engine
