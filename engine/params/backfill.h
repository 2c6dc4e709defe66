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

// DataWorks' backfill (补数据, reference "Backfill"): the analyst picks business dates; for business date D every
// instance the cycle schedules on D + 1 runs, so ${...} and $bizdate evaluate with D and $[...] and $cyctime with
// the instance's scheduled time on D + 1. A daily task gives one instance per business date, an hourly one the 24
// instances scheduled on D + 1, a weekly one an instance for each D whose D + 1 is the cycle's weekday.

enum class BackfillOrder { Ascending, Descending };

// "asc" / "desc" (the CLI's --order), or nullopt.
std::optional<BackfillOrder> backfillOrderFromName(const QString &name);

struct BackfillInstance
{
    QDate bizdate;                                       // D, the business date ($bizdate)
    QDateTime cyctime;                                   // the scheduled time on D + 1 (naive, Qt::UTC spec)
    std::vector<std::pair<QString, QString>> parameters; // name -> value, in assignment order
    std::optional<QDateTime> start;                      // the startTime parameter as a time, when it is one
    std::optional<QDateTime> end;                        // the endTime parameter, likewise
    QStringList errors;                                  // assignments that do not evaluate ("name: message")

    QString bizdateText() const { return bizdate.toString(QStringLiteral("yyyyMMdd")); }
    QString cyctimeText() const { return cyctime.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); }
};

// Every instance of a backfill of the business dates [from, to] (inclusive) with `cycle`, each with `assignments`
// evaluated against its cyctime, in ascending or descending cyctime order. Empty when from > to.
std::vector<BackfillInstance> backfillInstances(const Cycle &cycle, QDate from, QDate to,
                                                const std::vector<Assignment> &assignments,
                                                BackfillOrder order = BackfillOrder::Ascending,
                                                const QString &beginName = QStringLiteral("startTime"),
                                                const QString &endName = QStringLiteral("endTime"));

} // namespace kmsync::engine::params
