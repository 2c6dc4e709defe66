#pragma once

#include <optional>

#include <QJsonObject>

namespace kmsync::engine::config {

// kmsync's own task options, stored under the top-level key "kmsync" (DataWorks ignores unknown
// top-level keys, so the file still moves to DataWorks unchanged):
//   "kmsync": {"reruns": 3, "rerunIntervalSeconds": 120}
// Auto-rerun mirrors DataWorks' "Auto Rerun upon Error" (the seed recommends 3 reruns, 2 minutes apart).
struct KmsyncOptions
{
    static constexpr int kDefaultReruns = 3;
    static constexpr int kDefaultRerunIntervalSeconds = 120;

    std::optional<int> reruns;
    std::optional<int> rerunIntervalSeconds;
    QJsonObject extra; // other keys, and known keys of the wrong type

    static KmsyncOptions fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    int rerunsValue() const { return reruns.value_or(kDefaultReruns); }
    int rerunIntervalSecondsValue() const { return rerunIntervalSeconds.value_or(kDefaultRerunIntervalSeconds); }

    friend bool operator==(const KmsyncOptions &, const KmsyncOptions &) = default;
};

} // namespace kmsync::engine::config
