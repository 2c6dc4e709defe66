#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include "engine/params/cyclepreset.h"
#include "engine/params/schedulingparams.h"

namespace kmsync::engine::params {

// How an instance's window meets the previous instance's window.
enum class Junction {
    First,      // no previous window (first instance, or the previous one had no valid window)
    Contiguous, // start == previous end
    Gap,        // start > previous end: data in between is never read
    Overlap,    // start < previous end: data in between is read twice
};

// One scheduled instance of a cycle with its resolved parameters and its [start, end) window.
struct WindowInstance
{
    QDateTime scheduled;                                 // cyctime (naive wall-clock, Qt::UTC spec)
    std::vector<std::pair<QString, QString>> parameters; // name -> value, in assignment order
    std::optional<QDateTime> start;                      // from startTime, when it is a valid 14-digit time
    std::optional<QDateTime> end;                        // from endTime, likewise
    Junction junction = Junction::First;
    qint64 junctionSeconds = 0; // size of the gap or overlap
    QStringList errors;         // lint errors of this instance (bad expression, not 14 digits, end <= start)
};

struct WindowSummary
{
    int instances = 0;
    int gaps = 0;
    int overlaps = 0;
    int errors = 0; // instances with at least one error
};

// Every instance of `cycle` scheduled in [from, to] (dates inclusive), each evaluated with `assignments`.
// The window comes from the assignments named `beginName` / `endName` (DataWorks' ${startTime} / ${endTime}).
std::vector<WindowInstance> previewWindows(const Cycle &cycle, QDate from, QDate to,
                                           const std::vector<Assignment> &assignments,
                                           const QString &beginName = QStringLiteral("startTime"),
                                           const QString &endName = QStringLiteral("endTime"));
// Same with the preset's cycle.
std::vector<WindowInstance> previewWindows(const CyclePreset &preset, QDate from, QDate to,
                                           const std::vector<Assignment> &assignments);

WindowSummary summarize(const std::vector<WindowInstance> &instances);

// "1h", "5m", "1d 2h 30m", "45s" — the size of a gap or an overlap.
QString formatDuration(qint64 seconds);

} // namespace kmsync::engine::params
