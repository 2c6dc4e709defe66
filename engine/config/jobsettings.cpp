#include "engine/config/jobsettings.h"

#include "engine/config/loosejson.h"

namespace kmsync::engine::config {

JobSettings JobSettings::fromJson(const QJsonObject &setting)
{
    JobSettings s;
    JsonObjectReader top(setting);
    std::optional<QJsonObject> errorLimit;
    std::optional<QJsonObject> speed;
    top.take(QStringLiteral("errorLimit"), errorLimit);
    top.take(QStringLiteral("speed"), speed);
    s.extra = top.rest();
    if (errorLimit) {
        JsonObjectReader r(*errorLimit);
        r.take(QStringLiteral("record"), s.errorLimitRecord);
        s.errorLimitExtra = r.rest();
    }
    if (speed) {
        JsonObjectReader r(*speed);
        r.take(QStringLiteral("concurrent"), s.concurrent);
        r.take(QStringLiteral("throttle"), s.throttle);
        r.take(QStringLiteral("mbps"), s.mbps);
        s.speedExtra = r.rest();
    }
    return s;
}

std::optional<QJsonObject> JobSettings::toJson() const
{
    const bool hasErrorLimit = errorLimitExtra || !errorLimitRecord.isUndefined();
    const bool hasSpeed = speedExtra || !concurrent.isUndefined() || !throttle.isUndefined() || !mbps.isUndefined();
    if (!extra && !hasErrorLimit && !hasSpeed)
        return std::nullopt;
    QJsonObject out = extra.value_or(QJsonObject());
    if (hasErrorLimit) {
        QJsonObject e = errorLimitExtra.value_or(QJsonObject());
        putOptional(e, QStringLiteral("record"), errorLimitRecord);
        out.insert(QStringLiteral("errorLimit"), e);
    }
    if (hasSpeed) {
        QJsonObject sp = speedExtra.value_or(QJsonObject());
        putOptional(sp, QStringLiteral("concurrent"), concurrent);
        putOptional(sp, QStringLiteral("throttle"), throttle);
        putOptional(sp, QStringLiteral("mbps"), mbps);
        out.insert(QStringLiteral("speed"), sp);
    }
    return out;
}

std::optional<qint64> JobSettings::errorLimitRecordValue() const
{
    return looseInt(errorLimitRecord);
}

int JobSettings::concurrentValue() const
{
    const auto v = looseInt(concurrent);
    return v && *v >= 1 && *v <= 1024 ? int(*v) : 1;
}

bool JobSettings::throttleValue() const
{
    return looseBool(throttle).value_or(false);
}

std::optional<double> JobSettings::mbpsValue() const
{
    return looseDouble(mbps);
}

} // namespace kmsync::engine::config
