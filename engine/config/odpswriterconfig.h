#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include "engine/core/result.h"

namespace kmsync::engine::config {

// The MaxCompute Writer step ("stepType": "odps") of a DataWorks script-mode task. The datasource may
// be a MaxCompute project or a local SQLite warehouse (kmsync's datasource type "local").
struct OdpsWriterConfig
{
    QString stepType = QStringLiteral("odps");
    QString category = QStringLiteral("writer");
    QString name = QStringLiteral("Writer");
    QJsonObject stepExtra;

    QString datasource;
    QString table;
    std::optional<QString> partition;           // "ds=${partition}", "pt=1,type=2" (2019 also "pt=1/type=2")
    QStringList column;                         // destination columns; reader column[i] goes to writer column[i]
    QJsonValue truncate{QJsonValue::Undefined}; // bool or "true"/"false"
    QJsonValue emptyAsNull{QJsonValue::Undefined};
    QJsonValue compress{QJsonValue::Undefined};
    QJsonObject extra; // parameter keys kmsync does not know (schema, consistencyCommit, ...), kept as given

    static OdpsWriterConfig fromStep(const QJsonObject &step);
    QJsonObject toStep() const;

    bool truncateValue() const;    // default true (current DataWorks wizard)
    bool emptyAsNullValue() const; // default false
    // The partition split into key=value pairs, in order, by the rules of odpssql::PartitionSpec (keys in lower
    // case, quotes around a value dropped); an Error (code "config.partition") names a malformed part. An absent
    // or empty partition gives an empty list.
    Result<std::vector<std::pair<QString, QString>>> partitionKeyValues() const;
    // "ds=20221122,hh=10" (PartitionSpec::toString()); empty when there is none or it is malformed.
    QString partitionSpec() const;

    friend bool operator==(const OdpsWriterConfig &, const OdpsWriterConfig &) = default;
};

} // namespace kmsync::engine::config
