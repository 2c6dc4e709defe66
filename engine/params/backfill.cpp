#include "engine/params/backfill.h"

#include <algorithm>

#include "engine/params/lint.h"

namespace kmsync::engine::params {

std::optional<BackfillOrder> backfillOrderFromName(const QString &name)
{
    if (name == QLatin1String("asc"))
        return BackfillOrder::Ascending;
    if (name == QLatin1String("desc"))
        return BackfillOrder::Descending;
    return std::nullopt;
}

std::vector<BackfillInstance> backfillInstances(const Cycle &cycle, QDate from, QDate to,
                                                const std::vector<Assignment> &assignments, BackfillOrder order,
                                                const QString &beginName, const QString &endName)
{
    std::vector<BackfillInstance> out;
    if (!from.isValid() || !to.isValid() || from > to)
        return out;
    // Business date D runs the instances scheduled on D + 1.
    for (const QDateTime &scheduled : cycle.scheduledTimes(from.addDays(1), to.addDays(1))) {
        BackfillInstance instance;
        instance.cyctime = scheduled;
        instance.bizdate = scheduled.date().addDays(-1);
        for (const Assignment &a : assignments) {
            auto value = evaluate(a.expression, scheduled);
            if (!value) {
                instance.errors.append(QStringLiteral("%1: %2").arg(a.name, value.error().message));
                continue;
            }
            instance.parameters.emplace_back(a.name, *value);
            if (a.name == beginName || a.name == endName) {
                if (auto time = parseDataWorksDateTime(*value))
                    (a.name == beginName ? instance.start : instance.end) = *time;
            }
        }
        out.push_back(std::move(instance));
    }
    if (order == BackfillOrder::Descending)
        std::reverse(out.begin(), out.end());
    return out;
}

} // namespace kmsync::engine::params
