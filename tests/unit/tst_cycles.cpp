// link: kmsync_params kmsync_core
#include <QTest>

#include "engine/params/cyclepreset.h"
#include "engine/params/windowpreview.h"

using namespace kmsync::engine;
using namespace kmsync::engine::params;

namespace {

QDateTime at(const QString &iso)
{
    QDateTime dt = QDateTime::fromString(iso, QStringLiteral("yyyy-MM-dd HH:mm"));
    dt.setTimeSpec(Qt::UTC);
    return dt;
}

std::vector<Assignment> assignmentsOf(const QString &line)
{
    auto parsed = parseAssignments(line);
    return parsed ? *parsed : std::vector<Assignment>{};
}

} // namespace

class TestCycles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presets_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("unit");
        QTest::addColumn<int>("interval");
        QTest::addColumn<QTime>("startAt");
        QTest::addColumn<QString>("description");
        // The seed's recommended scheduling parameters and "Configure a scheduling cycle" table.
        QTest::newRow("5min") << "5min"
                              << "startTime=$[yyyymmddhh24mi-8/24/60]00 endTime=$[yyyymmddhh24mi-3/24/60]00 "
                                 "partition=$[yyyymmddhh24mi-8/24/60]"
                              << int(CycleUnit::Minute) << 5 << QTime(0, 0) << "every 5 minutes from 00:00 to 23:59";
        QTest::newRow("hour")
            << "hour"
            << "startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 partition=$[yyyymmddhh24]"
            << int(CycleUnit::Hour) << 1 << QTime(0, 15) << "every hour from 00:15 to 23:59";
        QTest::newRow("day") << "day"
                             << "startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000 partition=$[yyyymmdd-1]"
                             << int(CycleUnit::Day) << 1 << QTime(0, 15) << "every day at 00:15";
        QTest::newRow("week") << "week"
                              << "startTime=$[yyyymmdd-7]000000 endTime=$[yyyymmdd]000000 partition=$[yyyymmdd-1]"
                              << int(CycleUnit::Week) << 1 << QTime(0, 15) << "every Monday at 00:15";
        QTest::newRow("month") << "month"
                               << "startTime=$[add_months(yyyymmdd,-1)]000000 endTime=$[yyyymmdd]000000 "
                                  "partition=$[yyyymmdd-1]"
                               << int(CycleUnit::Month) << 1 << QTime(0, 15) << "every month on day 1 at 00:15";
    }
    void presets()
    {
        QFETCH(QString, id);
        QFETCH(QString, line);
        QFETCH(int, unit);
        QFETCH(int, interval);
        QFETCH(QTime, startAt);
        QFETCH(QString, description);
        const auto preset = cyclePreset(id);
        QVERIFY(preset.has_value());
        QCOMPARE(preset->id, id);
        QCOMPARE(preset->parameterLine, line);
        QCOMPARE(int(preset->cycle.unit), unit);
        QCOMPARE(preset->cycle.interval, interval);
        QCOMPARE(preset->cycle.startAt, startAt);
        QCOMPARE(preset->cycle.describe(), description);
        QCOMPARE(preset->rerunTimes, 3);
        QCOMPARE(preset->rerunIntervalMinutes, 2);
        QCOMPARE(preset->assignments().size(), size_t(3));
        QCOMPARE(preset->assignments().at(0).name, QStringLiteral("startTime"));
    }

    // Plural forms spelt out: no "every 05 minutes", no "1 hour(s)".
    void describePlurals()
    {
        Cycle cycle;
        cycle.unit = CycleUnit::Minute;
        cycle.interval = 1;
        QCOMPARE(cycle.describe(), QStringLiteral("every minute from 00:00 to 23:59"));
        cycle.interval = 10;
        QCOMPARE(cycle.describe(), QStringLiteral("every 10 minutes from 00:00 to 23:59"));
        cycle.unit = CycleUnit::Hour;
        cycle.interval = 2;
        cycle.startAt = QTime(0, 15);
        QCOMPARE(cycle.describe(), QStringLiteral("every 2 hours from 00:15 to 23:59"));
    }
    void presetList()
    {
        QStringList ids;
        for (const CyclePreset &p : cyclePresets())
            ids << p.id;
        QCOMPARE(ids, (QStringList{"5min", "hour", "day", "week", "month"}));
        QVERIFY(!cyclePreset(QStringLiteral("fortnight")).has_value());
        QCOMPARE(cyclePreset(QStringLiteral("minute"))->id, QStringLiteral("5min"));
        QCOMPARE(cyclePreset(QStringLiteral("week"))->cycle.weekday, 1);
        QCOMPARE(cyclePreset(QStringLiteral("month"))->cycle.dayOfMonth, 1);
        QCOMPARE(cyclePreset(QStringLiteral("5min"))->cycle.endAt, QTime(23, 59));
        QCOMPARE(cyclePreset(QStringLiteral("hour"))->cycle.endAt, QTime(23, 59));
    }

    void scheduledTimes_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("last");
        QTest::newRow("5min one day") << "5min" << QDate(2022, 11, 22) << QDate(2022, 11, 22) << 288
                                      << "2022-11-22 00:00"
                                      << "2022-11-22 23:55";
        QTest::newRow("hour one day") << "hour" << QDate(2022, 11, 22) << QDate(2022, 11, 22) << 24
                                      << "2022-11-22 00:15"
                                      << "2022-11-22 23:15";
        QTest::newRow("hour two days") << "hour" << QDate(2022, 11, 22) << QDate(2022, 11, 23) << 48
                                       << "2022-11-22 00:15"
                                       << "2022-11-23 23:15";
        QTest::newRow("day November") << "day" << QDate(2022, 11, 1) << QDate(2022, 11, 30) << 30 << "2022-11-01 00:15"
                                      << "2022-11-30 00:15";
        QTest::newRow("week November (Mondays)")
            << "week" << QDate(2022, 11, 1) << QDate(2022, 11, 30) << 4 << "2022-11-07 00:15"
            << "2022-11-28 00:15";
        QTest::newRow("month 2022") << "month" << QDate(2022, 1, 1) << QDate(2022, 12, 31) << 12 << "2022-01-01 00:15"
                                    << "2022-12-01 00:15";
        QTest::newRow("reversed range") << "day" << QDate(2022, 11, 2) << QDate(2022, 11, 1) << 0 << ""
                                        << "";
    }
    void scheduledTimes()
    {
        QFETCH(QString, id);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, count);
        QFETCH(QString, first);
        QFETCH(QString, last);
        const auto times = cyclePreset(id)->cycle.scheduledTimes(from, to);
        QCOMPARE(int(times.size()), count);
        if (count > 0) {
            QCOMPARE(times.front(), at(first));
            QCOMPARE(times.back(), at(last));
            for (size_t i = 1; i < times.size(); ++i)
                QVERIFY(times[i - 1] < times[i]);
        }
    }

    void presetWindows_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("firstStart");
        QTest::addColumn<QString>("firstEnd");
        QTest::addColumn<QString>("firstPartition");
        QTest::newRow("5min") << "5min" << QDate(2022, 11, 22) << QDate(2022, 11, 22) << 288 << "2022-11-21 23:52"
                              << "2022-11-21 23:57"
                              << "202211212352";
        QTest::newRow("hour") << "hour" << QDate(2022, 11, 22) << QDate(2022, 11, 23) << 48 << "2022-11-21 23:00"
                              << "2022-11-22 00:00"
                              << "2022112200";
        QTest::newRow("day") << "day" << QDate(2022, 11, 22) << QDate(2022, 12, 5) << 14 << "2022-11-21 00:00"
                             << "2022-11-22 00:00"
                             << "20221121";
        QTest::newRow("week") << "week" << QDate(2022, 11, 1) << QDate(2022, 12, 31) << 8 << "2022-10-31 00:00"
                              << "2022-11-07 00:00"
                              << "20221106";
        QTest::newRow("month") << "month" << QDate(2022, 1, 1) << QDate(2022, 12, 31) << 12 << "2021-12-01 00:00"
                               << "2022-01-01 00:00"
                               << "20211231";
    }
    void presetWindows()
    {
        // Every preset's windows join exactly: no gaps, no overlaps, no lint errors.
        QFETCH(QString, id);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, count);
        QFETCH(QString, firstStart);
        QFETCH(QString, firstEnd);
        QFETCH(QString, firstPartition);
        const CyclePreset preset = *cyclePreset(id);
        const auto windows = previewWindows(preset, from, to, preset.assignments());
        QCOMPARE(int(windows.size()), count);
        const WindowSummary summary = summarize(windows);
        QCOMPARE(summary.instances, count);
        QCOMPARE(summary.gaps, 0);
        QCOMPARE(summary.overlaps, 0);
        QCOMPARE(summary.errors, 0);
        QVERIFY(windows.front().start.has_value());
        QCOMPARE(*windows.front().start, at(firstStart));
        QCOMPARE(*windows.front().end, at(firstEnd));
        QCOMPARE(windows.front().junction, Junction::First);
        QCOMPARE(windows.front().parameters.size(), size_t(3));
        QCOMPARE(windows.front().parameters.at(0).first, QStringLiteral("startTime"));
        QCOMPARE(windows.front().parameters.at(2).first, QStringLiteral("partition"));
        QCOMPARE(windows.front().parameters.at(2).second, firstPartition);
        for (size_t i = 1; i < windows.size(); ++i) {
            QCOMPARE(windows[i].junction, Junction::Contiguous);
            QCOMPARE(*windows[i].start, *windows[i - 1].end);
        }
    }

    void customWindows_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("gaps");
        QTest::addColumn<int>("overlaps");
        QTest::addColumn<int>("errors");
        QTest::addColumn<qint64>("junctionSeconds"); // of the second instance
        QTest::addColumn<QString>("error");          // contained in the first instance's errors
        const QString end = QStringLiteral(" endTime=$[yyyymmddhh24]0000 partition=$[yyyymmddhh24]");
        QTest::newRow("2-hour start on an hourly cycle overlaps 1 h")
            << QStringLiteral("startTime=$[yyyymmddhh24-2/24]0000") + end << 0 << 23 << 0 << qint64(3600) << "";
        QTest::newRow("3-hour typo is a lint error per instance")
            << QStringLiteral("startTime=$[yyyymmddhh24-3/24]00000") + end << 0 << 0 << 24 << qint64(0)
            << "expected 14 digits yyyyMMddHHmmss, got 15 digits";
        QTest::newRow("half-hour windows leave 30 min gaps")
            << "startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24-1/24]3000" << 23 << 0 << 0 << qint64(1800)
            << "";
        QTest::newRow("empty window") << "startTime=$[yyyymmddhh24]0000 endTime=$[yyyymmddhh24]0000" << 23 << 0 << 24
                                      << qint64(3600) << "is not after beginDateTime";
        QTest::newRow("no endTime") << "startTime=$[yyyymmddhh24]0000" << 0 << 0 << 24 << qint64(0)
                                    << "no endTime assignment";
        QTest::newRow("bad expression") << QStringLiteral("startTime=$[yyyymmddhh]0000") + end << 0 << 0 << 24
                                        << qint64(0) << "use hh24";
    }
    void customWindows()
    {
        QFETCH(QString, line);
        QFETCH(int, gaps);
        QFETCH(int, overlaps);
        QFETCH(int, errors);
        QFETCH(qint64, junctionSeconds);
        QFETCH(QString, error);
        const auto assignments = assignmentsOf(line);
        QVERIFY(!assignments.empty());
        const auto windows = previewWindows(cyclePreset(QStringLiteral("hour"))->cycle, QDate(2022, 11, 22),
                                            QDate(2022, 11, 22), assignments);
        QCOMPARE(int(windows.size()), 24);
        const WindowSummary summary = summarize(windows);
        QCOMPARE(summary.gaps, gaps);
        QCOMPARE(summary.overlaps, overlaps);
        QCOMPARE(summary.errors, errors);
        QCOMPARE(windows.at(1).junctionSeconds, junctionSeconds);
        if (error.isEmpty()) {
            QVERIFY2(windows.front().errors.isEmpty(), qPrintable(windows.front().errors.join(QLatin1Char('\n'))));
        } else {
            QVERIFY2(windows.front().errors.join(QLatin1Char('\n')).contains(error),
                     qPrintable(windows.front().errors.join(QLatin1Char('\n'))));
        }
    }

    void formatDuration_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("0") << qint64(0) << "0s";
        QTest::newRow("5m") << qint64(300) << "5m";
        QTest::newRow("1h") << qint64(3600) << "1h";
        QTest::newRow("1h 30m") << qint64(5400) << "1h 30m";
        QTest::newRow("1d") << qint64(86400) << "1d";
        QTest::newRow("1d 2h 3m 4s") << qint64(86400 + 7200 + 180 + 4) << "1d 2h 3m 4s";
    }
    void formatDuration()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(params::formatDuration(seconds), text);
    }
};

QTEST_APPLESS_MAIN(TestCycles)
#include "tst_cycles.moc"
