#pragma once

#include <array>
#include <optional>

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include "engine/core/result.h"

namespace kmsync::engine::config {

// What a datasource is. datasources.json spells it as the entry's "type"; it is parsed once, when the file is
// loaded, and everything after that compares kinds, never text.
//
// Adding a kind: add it here and its text form in datasourcekind.cpp; then give it a Connector (everything kmsync
// does with a datasource: engine/job/connector.h), its required connection properties
// (Datasources::connectionProblems) and its form page in the datasource editor. The compiler lists every switch
// that still lacks it.
enum class DatasourceKind {
    Kafka,      // "kafka": a Kafka cluster (librdkafka properties) or the sandbox; the task's source
    MaxCompute, // "odps": a MaxCompute project (REST + Tunnel); a destination
    Local,      // "local": kmsync's SQLite warehouse file; a destination
};

inline constexpr std::array kAllDatasourceKinds{DatasourceKind::Kafka, DatasourceKind::MaxCompute,
                                                DatasourceKind::Local};

// The text form, as datasources.json writes it: "kafka", "odps", "local".
QString datasourceKindName(DatasourceKind kind);
// The kind whose text form is exactly `text`; nullopt for anything else.
std::optional<DatasourceKind> parseDatasourceKind(QStringView text);
// The "type" value of the entry `datasource`, parsed; an unknown or missing type is the Error "datasource.type"
// that names the datasource, the value and the allowed ones:
//   datasource "x": type "mysql" is not one of kafka, odps, local
Result<DatasourceKind> datasourceKindOf(const QString &datasource, const QJsonValue &type);

// A task's writer can write to it (local, odps).
bool isDestinationKind(DatasourceKind kind);

} // namespace kmsync::engine::config
