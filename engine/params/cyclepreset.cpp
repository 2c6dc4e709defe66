#include "engine/params/cyclepreset.h"

#include <QCoreApplication>

namespace kmsync::engine::params {

namespace {

QDateTime at(QDate date, QTime time)
{
    return QDateTime(date, time, Qt::UTC); // naive wall-clock time, like cyctime
}

QString weekdayName(int day)
{
    static const char *const names[] = {QT_TRANSLATE_NOOP("Cycle", "Monday"),    QT_TRANSLATE_NOOP("Cycle", "Tuesday"),
                                        QT_TRANSLATE_NOOP("Cycle", "Wednesday"), QT_TRANSLATE_NOOP("Cycle", "Thursday"),
                                        QT_TRANSLATE_NOOP("Cycle", "Friday"),    QT_TRANSLATE_NOOP("Cycle", "Saturday"),
                                        QT_TRANSLATE_NOOP("Cycle", "Sunday")};
    return (day >= 1 && day <= 7) ? QCoreApplication::translate("Cycle", names[day - 1])
                                  : QStringLiteral("day %1").arg(day);
}

} // namespace

std::vector<QDateTime> Cycle::scheduledTimes(QDate from, QDate to) const
{
    std::vector<QDateTime> out;
    if (!from.isValid() || !to.isValid() || from > to || !startAt.isValid())
        return out;
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        switch (unit) {
        case CycleUnit::Minute:
        case CycleUnit::Hour: {
            const int step = (unit == CycleUnit::Minute ? 60 : 3600) * qMax(1, interval);
            const int last = endAt.isValid() ? endAt.msecsSinceStartOfDay() / 1000 : 86399;
            for (int s = startAt.msecsSinceStartOfDay() / 1000; s <= last; s += step)
                out.push_back(at(day, QTime::fromMSecsSinceStartOfDay(s * 1000)));
            break;
        }
        case CycleUnit::Day:
            out.push_back(at(day, startAt));
            break;
        case CycleUnit::Week:
            if (day.dayOfWeek() == weekday)
                out.push_back(at(day, startAt));
            break;
        case CycleUnit::Month:
            if (day.day() == dayOfMonth)
                out.push_back(at(day, startAt));
            break;
        }
    }
    return out;
}

QString Cycle::describe() const
{
    const QString hm = QStringLiteral("HH:mm");
    switch (unit) {
    // English plurals spelt out (kmsync-cli prints these without a translator); 简体中文 from the translations.
    case CycleUnit::Minute:
        if (interval == 1)
            return QCoreApplication::translate("Cycle", "every minute from %1 to %2")
                .arg(startAt.toString(hm), endAt.toString(hm));
        return QCoreApplication::translate("Cycle", "every %1 minutes from %2 to %3")
            .arg(QString::number(interval), startAt.toString(hm), endAt.toString(hm));
    case CycleUnit::Hour:
        if (interval == 1)
            return QCoreApplication::translate("Cycle", "every hour from %1 to %2")
                .arg(startAt.toString(hm), endAt.toString(hm));
        return QCoreApplication::translate("Cycle", "every %1 hours from %2 to %3")
            .arg(QString::number(interval), startAt.toString(hm), endAt.toString(hm));
    case CycleUnit::Day:
        return QCoreApplication::translate("Cycle", "every day at %1").arg(startAt.toString(hm));
    case CycleUnit::Week:
        return QCoreApplication::translate("Cycle", "every %1 at %2").arg(weekdayName(weekday), startAt.toString(hm));
    case CycleUnit::Month:
        return QCoreApplication::translate("Cycle", "every month on day %1 at %2")
            .arg(dayOfMonth)
            .arg(startAt.toString(hm));
    }
    return QString();
}

std::vector<Assignment> CyclePreset::assignments() const
{
    auto parsed = parseAssignments(parameterLine);
    return parsed ? *parsed : std::vector<Assignment>{};
}

const std::vector<CyclePreset> &cyclePresets()
{
    static const std::vector<CyclePreset> presets = [] {
        std::vector<CyclePreset> p;
        Cycle minute{CycleUnit::Minute, 5, QTime(0, 0), QTime(23, 59), 1, 1};
        p.push_back({QStringLiteral("5min"), QStringLiteral("Every 5 minutes"), minute,
                     QStringLiteral("startTime=$[yyyymmddhh24mi-8/24/60]00 endTime=$[yyyymmddhh24mi-3/24/60]00 "
                                    "partition=$[yyyymmddhh24mi-8/24/60]"),
                     3, 2});
        Cycle hour{CycleUnit::Hour, 1, QTime(0, 15), QTime(23, 59), 1, 1};
        p.push_back({QStringLiteral("hour"), QStringLiteral("Every hour"), hour,
                     QStringLiteral("startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 "
                                    "partition=$[yyyymmddhh24]"),
                     3, 2});
        Cycle day{CycleUnit::Day, 1, QTime(0, 15), QTime(23, 59), 1, 1};
        p.push_back({QStringLiteral("day"), QStringLiteral("Every day"), day,
                     QStringLiteral("startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000 partition=$[yyyymmdd-1]"),
                     3, 2});
        Cycle week{CycleUnit::Week, 1, QTime(0, 15), QTime(23, 59), 1, 1};
        p.push_back({QStringLiteral("week"), QStringLiteral("Every week"), week,
                     QStringLiteral("startTime=$[yyyymmdd-7]000000 endTime=$[yyyymmdd]000000 partition=$[yyyymmdd-1]"),
                     3, 2});
        Cycle month{CycleUnit::Month, 1, QTime(0, 15), QTime(23, 59), 1, 1};
        p.push_back({QStringLiteral("month"), QStringLiteral("Every month"), month,
                     QStringLiteral("startTime=$[add_months(yyyymmdd,-1)]000000 endTime=$[yyyymmdd]000000 "
                                    "partition=$[yyyymmdd-1]"),
                     3, 2});
        return p;
    }();
    return presets;
}

std::optional<CyclePreset> cyclePreset(const QString &id)
{
    const QString key = id == QLatin1String("minute") ? QStringLiteral("5min") : id;
    for (const CyclePreset &p : cyclePresets()) {
        if (p.id == key)
            return p;
    }
    return std::nullopt;
}

} // namespace kmsync::engine::params
