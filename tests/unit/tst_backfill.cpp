// link: kmsync_params kmsync_core
// DataWorks backfill instance expansion: business date D runs the instances scheduled on D + 1.
#include <QTest>

#include "engine/params/backfill.h"

using namespace kmsync::engine;
using namespace kmsync::engine::params;

namespace {

QDateTime at(const QString &text)
{
    QDateTime dt = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm"));
    dt.setTimeSpec(Qt::UTC);
    return dt;
}

std::vector<Assignment> presetWith(const QString &id, const QString &extra)
{
    auto parsed = parseAssignments(cyclePreset(id)->parameterLine + QLatin1Char(' ') + extra);
    return parsed ? *parsed : std::vector<Assignment>{};
}

QString param(const BackfillInstance &instance, const QString &name)
{
    for (const auto &[n, v] : instance.parameters) {
        if (n == name)
            return v;
    }
    return QStringLiteral("<missing>");
}

} // namespace

class TestBackfill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expansion_data()
    {
        QTest::addColumn<QString>("cycle");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("firstCyctime");
        QTest::addColumn<QString>("lastCyctime");
        QTest::addColumn<QStringList>("first"); // bizdate, startTime, endTime, partition of the first instance
        QTest::addColumn<QStringList>("last");
        QTest::newRow("day, three business dates")
            << "day" << QDate(2022, 11, 20) << QDate(2022, 11, 22) << 3 << "2022-11-21 00:15"
            << "2022-11-23 00:15" << QStringList{"20221120", "20221120000000", "20221121000000", "20221120"}
            << QStringList{"20221122", "20221122000000", "20221123000000", "20221122"};
        QTest::newRow("hour: the 24 instances on D + 1")
            << "hour" << QDate(2022, 11, 21) << QDate(2022, 11, 21) << 24 << "2022-11-22 00:15"
            << "2022-11-22 23:15" << QStringList{"20221121", "20221121230000", "20221122000000", "2022112200"}
            << QStringList{"20221121", "20221122220000", "20221122230000", "2022112223"};
        QTest::newRow("hour, two business dates")
            << "hour" << QDate(2022, 11, 21) << QDate(2022, 11, 22) << 48 << "2022-11-22 00:15"
            << "2022-11-23 23:15" << QStringList{"20221121", "20221121230000", "20221122000000", "2022112200"}
            << QStringList{"20221122", "20221123220000", "20221123230000", "2022112323"};
        QTest::newRow("5min: 288 instances on D + 1")
            << "5min" << QDate(2022, 11, 21) << QDate(2022, 11, 21) << 288 << "2022-11-22 00:00"
            << "2022-11-22 23:55" << QStringList{"20221121", "20221121235200", "20221121235700", "202211212352"}
            << QStringList{"20221121", "20221122234700", "20221122235200", "202211222347"};
        // Mondays scheduled on D + 1 in 2022-11-02 .. 2022-12-01: the 7th, 14th, 21st and 28th.
        QTest::newRow("week: D + 1 on the weekday")
            << "week" << QDate(2022, 11, 1) << QDate(2022, 11, 30) << 4 << "2022-11-07 00:15"
            << "2022-11-28 00:15" << QStringList{"20221106", "20221031000000", "20221107000000", "20221106"}
            << QStringList{"20221127", "20221121000000", "20221128000000", "20221127"};
        // Day 1 scheduled on D + 1 in 2022-01-02 .. 2023-01-01: February 1st to January 1st.
        QTest::newRow("month: D + 1 on the day of month")
            << "month" << QDate(2022, 1, 1) << QDate(2022, 12, 31) << 12 << "2022-02-01 00:15"
            << "2023-01-01 00:15" << QStringList{"20220131", "20220101000000", "20220201000000", "20220131"}
            << QStringList{"20221231", "20221201000000", "20230101000000", "20221231"};
        QTest::newRow("from after to") << "day" << QDate(2022, 11, 3) << QDate(2022, 11, 2) << 0 << ""
                                       << "" << QStringList{} << QStringList{};
    }
    void expansion()
    {
        QFETCH(QString, cycle);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, count);
        QFETCH(QString, firstCyctime);
        QFETCH(QString, lastCyctime);
        QFETCH(QStringList, first);
        QFETCH(QStringList, last);
        const auto preset = cyclePreset(cycle);
        QVERIFY(preset);
        // ${yyyymmdd} and $bizdate evaluate with D; $cyctime with the scheduled time.
        const auto instances = backfillInstances(preset->cycle, from, to,
                                                 presetWith(cycle, QStringLiteral("biz=$bizdate d=${yyyymmdd} "
                                                                                  "cyc=$cyctime")));
        QCOMPARE(int(instances.size()), count);
        if (count == 0)
            return;
        QCOMPARE(instances.front().cyctime, at(firstCyctime));
        QCOMPARE(instances.back().cyctime, at(lastCyctime));
        for (size_t i = 0; i < instances.size(); ++i) {
            const BackfillInstance &inst = instances[i];
            QVERIFY2(inst.errors.isEmpty(), qPrintable(inst.errors.join(QLatin1Char(';'))));
            QCOMPARE(inst.bizdate, inst.cyctime.date().addDays(-1));
            QVERIFY(inst.bizdate >= from && inst.bizdate <= to);
            QCOMPARE(param(inst, QStringLiteral("biz")), inst.bizdateText());
            QCOMPARE(param(inst, QStringLiteral("d")), inst.bizdateText());
            QCOMPARE(param(inst, QStringLiteral("cyc")), inst.cyctime.toString(QStringLiteral("yyyyMMddHHmmss")));
            QVERIFY(inst.start && inst.end);
            QCOMPARE(inst.start->toString(QStringLiteral("yyyyMMddHHmmss")), param(inst, QStringLiteral("startTime")));
            QCOMPARE(inst.end->toString(QStringLiteral("yyyyMMddHHmmss")), param(inst, QStringLiteral("endTime")));
            if (i > 0)
                QVERIFY(instances[i - 1].cyctime < inst.cyctime);
        }
        for (const auto &[instance, expected] : {std::pair{&instances.front(), first}, {&instances.back(), last}}) {
            QCOMPARE(instance->bizdateText(), expected.at(0));
            QCOMPARE(param(*instance, QStringLiteral("startTime")), expected.at(1));
            QCOMPARE(param(*instance, QStringLiteral("endTime")), expected.at(2));
            QCOMPARE(param(*instance, QStringLiteral("partition")), expected.at(3));
        }
    }

    void descendingIsTheReverse()
    {
        const auto preset = cyclePreset(QStringLiteral("hour"));
        const auto asc = backfillInstances(preset->cycle, QDate(2022, 11, 20), QDate(2022, 11, 21),
                                           preset->assignments(), BackfillOrder::Ascending);
        const auto desc = backfillInstances(preset->cycle, QDate(2022, 11, 20), QDate(2022, 11, 21),
                                            preset->assignments(), BackfillOrder::Descending);
        QCOMPARE(asc.size(), size_t(48));
        QCOMPARE(desc.size(), asc.size());
        for (size_t i = 0; i < asc.size(); ++i) {
            QCOMPARE(desc[i].cyctime, asc[asc.size() - 1 - i].cyctime);
            QCOMPARE(desc[i].parameters, asc[asc.size() - 1 - i].parameters);
        }
        QCOMPARE(desc.front().cyctime, at(QStringLiteral("2022-11-22 23:15")));
        QCOMPARE(desc.front().bizdateText(), QStringLiteral("20221121"));
    }

    void orderNames()
    {
        QCOMPARE(backfillOrderFromName(QStringLiteral("asc")), BackfillOrder::Ascending);
        QCOMPARE(backfillOrderFromName(QStringLiteral("desc")), BackfillOrder::Descending);
        QVERIFY(!backfillOrderFromName(QStringLiteral("up")));
    }

    void badExpressionIsAnInstanceError()
    {
        auto parsed = parseAssignments(QStringLiteral("startTime=$[yyyymmdd-1]000000 x=$[nonsense]"));
        QVERIFY(parsed.ok());
        const auto instances = backfillInstances(cyclePreset(QStringLiteral("day"))->cycle, QDate(2022, 11, 20),
                                                 QDate(2022, 11, 20), *parsed);
        QCOMPARE(instances.size(), size_t(1));
        QCOMPARE(instances[0].errors.size(), 1);
        QVERIFY2(instances[0].errors[0].startsWith(QStringLiteral("x: ")), qPrintable(instances[0].errors[0]));
        QCOMPARE(instances[0].parameters.size(), size_t(1));
        QVERIFY(instances[0].start.has_value());
        QVERIFY(!instances[0].end.has_value());
    }
};

QTEST_GUILESS_MAIN(TestBackfill)
#include "tst_backfill.moc"
