#pragma once

#include <optional>

#include <QJsonObject>
#include <QJsonValue>

namespace kmsync::engine::config {

// The task's "setting" block: {"errorLimit":{"record":...},"speed":{"concurrent":..,"throttle":..,"mbps":..}}.
// Values are kept as given ("record": "0" stays a string).
struct JobSettings
{
    QJsonValue errorLimitRecord{
        QJsonValue::Undefined};                   // dirty records allowed; string or number; Undefined when absent
    QJsonValue concurrent{QJsonValue::Undefined}; // 1..32
    QJsonValue throttle{QJsonValue::Undefined};   // bool
    QJsonValue mbps{QJsonValue::Undefined};       // MB/s when throttle is true
    // The blocks' other keys (errorLimit.strategy, speed.dmu, ...). nullopt = the block was absent.
    std::optional<QJsonObject> errorLimitExtra;
    std::optional<QJsonObject> speedExtra;
    std::optional<QJsonObject> extra; // other keys of "setting"; nullopt = no "setting" block at all

    static JobSettings fromJson(const QJsonObject &setting);
    // nullopt when there was no setting block and nothing is set.
    std::optional<QJsonObject> toJson() const;

    // Dirty records allowed; nullopt = no limit given (DataWorks' default is zero tolerance).
    std::optional<qint64> errorLimitRecordValue() const;
    int concurrentValue() const; // default 1
    bool throttleValue() const;  // default false
    std::optional<double> mbpsValue() const;

    friend bool operator==(const JobSettings &, const JobSettings &) = default;
};

} // namespace kmsync::engine::config
