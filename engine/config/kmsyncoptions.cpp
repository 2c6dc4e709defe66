#include "engine/config/kmsyncoptions.h"

#include "engine/config/loosejson.h"

namespace kmsync::engine::config {

KmsyncOptions KmsyncOptions::fromJson(const QJsonObject &object)
{
    KmsyncOptions o;
    JsonObjectReader r(object);
    r.take(QStringLiteral("reruns"), o.reruns);
    r.take(QStringLiteral("rerunIntervalSeconds"), o.rerunIntervalSeconds);
    o.extra = r.rest();
    return o;
}

QJsonObject KmsyncOptions::toJson() const
{
    QJsonObject out = extra;
    if (reruns)
        out.insert(QStringLiteral("reruns"), *reruns);
    if (rerunIntervalSeconds)
        out.insert(QStringLiteral("rerunIntervalSeconds"), *rerunIntervalSeconds);
    return out;
}

} // namespace kmsync::engine::config
