#include "engine/params/windowpreview.h"

#include "engine/params/lint.h"

namespace kmsync::engine::params {

std::vector<WindowInstance> previewWindows(const Cycle &cycle, QDate from, QDate to,
                                           const std::vector<Assignment> &assignments, const QString &beginName,
                                           const QString &endName)
{
    bool hasBegin = false, hasEnd = false;
    for (const Assignment &a : assignments) {
        hasBegin = hasBegin || a.name == beginName;
        hasEnd = hasEnd || a.name == endName;
    }
    std::vector<WindowInstance> out;
    const WindowInstance *previous = nullptr;
    for (const QDateTime &scheduled : cycle.scheduledTimes(from, to)) {
        WindowInstance inst;
        inst.scheduled = scheduled;
        QString beginValue, endValue;
        for (const Assignment &a : assignments) {
            auto value = evaluate(a.expression, scheduled);
            if (!value) {
                inst.errors.append(QStringLiteral("%1: %2").arg(a.name, value.error().message));
                continue;
            }
            inst.parameters.emplace_back(a.name, *value);
            if (a.name == beginName)
                beginValue = *value;
            if (a.name == endName)
                endValue = *value;
        }
        if (!hasBegin)
            inst.errors.append(QStringLiteral("no %1 assignment: the window start is unknown").arg(beginName));
        if (!hasEnd)
            inst.errors.append(QStringLiteral("no %1 assignment: the window end is unknown").arg(endName));
        if (!beginValue.isEmpty()) {
            auto begin = parseDataWorksDateTime(beginValue);
            if (begin)
                inst.start = *begin;
            else
                inst.errors.append(QStringLiteral("%1 (beginDateTime): %2").arg(beginName, begin.error().message));
        }
        if (!endValue.isEmpty()) {
            auto end = parseDataWorksDateTime(endValue);
            if (end)
                inst.end = *end;
            else
                inst.errors.append(QStringLiteral("%1 (endDateTime): %2").arg(endName, end.error().message));
        }
        if (inst.start && inst.end) {
            if (const auto problem = checkWindow(*inst.start, *inst.end))
                inst.errors.append(*problem);
        }
        if (previous && previous->end && inst.start) {
            const qint64 delta = previous->end->secsTo(*inst.start);
            inst.junction = delta == 0 ? Junction::Contiguous : (delta > 0 ? Junction::Gap : Junction::Overlap);
            inst.junctionSeconds = delta < 0 ? -delta : delta;
        }
        out.push_back(std::move(inst));
        previous = &out.back();
    }
    return out;
}

std::vector<WindowInstance> previewWindows(const CyclePreset &preset, QDate from, QDate to,
                                           const std::vector<Assignment> &assignments)
{
    return previewWindows(preset.cycle, from, to, assignments);
}

WindowSummary summarize(const std::vector<WindowInstance> &instances)
{
    WindowSummary s;
    for (const WindowInstance &i : instances) {
        ++s.instances;
        s.gaps += i.junction == Junction::Gap ? 1 : 0;
        s.overlaps += i.junction == Junction::Overlap ? 1 : 0;
        s.errors += i.errors.isEmpty() ? 0 : 1;
    }
    return s;
}

QString formatDuration(qint64 seconds)
{
    if (seconds == 0)
        return QStringLiteral("0s");
    QStringList parts;
    const qint64 d = seconds / 86400, h = (seconds % 86400) / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
    if (d)
        parts << QStringLiteral("%1d").arg(d);
    if (h)
        parts << QStringLiteral("%1h").arg(h);
    if (m)
        parts << QStringLiteral("%1m").arg(m);
    if (s)
        parts << QStringLiteral("%1s").arg(s);
    return parts.join(QLatin1Char(' '));
}

} // namespace kmsync::engine::params
