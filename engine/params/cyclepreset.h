#pragma once

#include <optional>
#include <vector>

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>

#include "engine/params/schedulingparams.h"

namespace kmsync::engine::params {

enum class CycleUnit { Minute, Hour, Day, Week, Month };

// A DataWorks scheduling cycle (the "Configure a scheduling cycle" settings).
struct Cycle
{
    CycleUnit unit = CycleUnit::Day;
    int interval = 1;    // Minute: minutes (e.g. 5); Hour: hours; ignored otherwise
    QTime startAt{0, 0}; // Minute/Hour: "Start From"; Day/Week/Month: "Run At"
    QTime endAt{23, 59}; // Minute/Hour: "End At" (inclusive)
    int weekday = 1;     // Week: "Run Every", 1 = Monday ... 7 = Sunday
    int dayOfMonth = 1;  // Month: "Run Every" day N (months without that day are skipped)
    friend bool operator==(const Cycle &, const Cycle &) = default;

    // Every scheduled time (cyctime) in the inclusive date range, in order.
    std::vector<QDateTime> scheduledTimes(QDate from, QDate to) const;
    // e.g. "every 5 minutes from 00:00 to 23:59", "every day at 00:15", "every Monday at 00:15".
    QString describe() const;
};

// One of the seed's recommended configurations: cycle, parameter line (startTime/endTime/partition) and reruns.
struct CyclePreset
{
    QString id;    // "5min", "hour", "day", "week", "month"
    QString title; // "Every 5 minutes", ...
    Cycle cycle;
    QString parameterLine; // e.g. "startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000 partition=$[yyyymmdd-1]"
    int rerunTimes = 3;    // Auto Rerun upon Error: Number of re-runs
    int rerunIntervalMinutes = 2;

    std::vector<Assignment> assignments() const; // parameterLine parsed (presets always parse)
};

// The five presets in the seed's order: 5min, hour, day, week, month.
const std::vector<CyclePreset> &cyclePresets();
// The preset with that id ("5min", "hour", "day", "week", "month"; "minute" is an alias of "5min"), or nullopt.
std::optional<CyclePreset> cyclePreset(const QString &id);

} // namespace kmsync::engine::params
