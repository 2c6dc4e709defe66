#include "engine/config/datasourcekind.h"

#include <QStringList>

#include "engine/config/loosejson.h"

namespace kmsync::engine::config {

QString datasourceKindName(DatasourceKind kind)
{
    switch (kind) {
    case DatasourceKind::Kafka:
        return QStringLiteral("kafka");
    case DatasourceKind::MaxCompute:
        return QStringLiteral("odps");
    case DatasourceKind::Local:
        return QStringLiteral("local");
    }
    return {};
}

std::optional<DatasourceKind> parseDatasourceKind(QStringView text)
{
    for (const DatasourceKind kind : kAllDatasourceKinds) {
        if (text == datasourceKindName(kind))
            return kind;
    }
    return std::nullopt;
}

Result<DatasourceKind> datasourceKindOf(const QString &datasource, const QJsonValue &type)
{
    if (const auto kind = type.isString() ? parseDatasourceKind(type.toString()) : std::nullopt)
        return *kind;
    QStringList allowed;
    for (const DatasourceKind kind : kAllDatasourceKinds)
        allowed << datasourceKindName(kind);
    return makeError(QStringLiteral("datasource.type"),
                     QStringLiteral("datasource \"%1\": type %2 is not one of %3")
                         .arg(datasource, jsonText(type), allowed.join(QStringLiteral(", "))));
}

bool isDestinationKind(DatasourceKind kind)
{
    switch (kind) {
    case DatasourceKind::Kafka:
        return false;
    case DatasourceKind::MaxCompute:
    case DatasourceKind::Local:
        return true;
    }
    return false;
}

} // namespace kmsync::engine::config
