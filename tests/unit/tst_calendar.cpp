// link: kmsync_core
#include <QTest>

#include "engine/core/calendar.h"

using namespace kmsync::engine;

// The calendar is constexpr: the epoch and the ends of the year range are checked at compile time too.
static_assert(civilFromDays(0) == CivilDate{1970, 1, 1});
static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(9999, 12, 31) == 2932896);
static_assert(floorDiv(-1, 86400) == -1 && floorMod(-1, 86400) == 86399);

class TestCalendar final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Dates whose day counts are known independently (e.g. from Python's datetime.date.toordinal()).
    void knownDates_data()
    {
        QTest::addColumn<int>("year");
        QTest::addColumn<uint>("month");
        QTest::addColumn<uint>("day");
        QTest::addColumn<qint64>("epochDays");

        QTest::newRow("epoch") << 1970 << 1u << 1u << qint64(0);
        QTest::newRow("day before epoch") << 1969 << 12u << 31u << qint64(-1);
        QTest::newRow("2000-02-29 (leap, divisible by 400)") << 2000 << 2u << 29u << qint64(11016);
        QTest::newRow("2024-02-29") << 2024 << 2u << 29u << qint64(19782);
        QTest::newRow("1900-01-01") << 1900 << 1u << 1u << qint64(-25567);
        QTest::newRow("1899-12-31") << 1899 << 12u << 31u << qint64(-25568);
        QTest::newRow("1900-02-28 (1900 is no leap year)") << 1900 << 2u << 28u << qint64(-25509);
        QTest::newRow("1900-03-01") << 1900 << 3u << 1u << qint64(-25508);
        QTest::newRow("year 1") << 1 << 1u << 1u << qint64(-719162);
        QTest::newRow("year 0 (leap)") << 0 << 2u << 29u << qint64(-719469);
        QTest::newRow("0000-01-01") << 0 << 1u << 1u << qint64(-719528);
        QTest::newRow("-0001-12-31") << -1 << 12u << 31u << qint64(-719529);
        QTest::newRow("9999-12-31") << 9999 << 12u << 31u << qint64(2932896);
        QTest::newRow("10000-01-01") << 10000 << 1u << 1u << qint64(2932897);
    }
    void knownDates()
    {
        QFETCH(int, year);
        QFETCH(uint, month);
        QFETCH(uint, day);
        QFETCH(qint64, epochDays);
        QVERIFY(isValidDate(year, month, day));
        QCOMPARE(daysFromCivil(year, month, day), epochDays);
        QCOMPARE(civilFromDays(epochDays), (CivilDate{year, month, day}));
    }

    void invalidDates_data()
    {
        QTest::addColumn<int>("year");
        QTest::addColumn<uint>("month");
        QTest::addColumn<uint>("day");

        QTest::newRow("2023-02-29") << 2023 << 2u << 29u;
        QTest::newRow("1900-02-29") << 1900 << 2u << 29u;
        QTest::newRow("2022-02-30") << 2022 << 2u << 30u;
        QTest::newRow("2022-04-31") << 2022 << 4u << 31u;
        QTest::newRow("month 0") << 2022 << 0u << 1u;
        QTest::newRow("month 13") << 2022 << 13u << 1u;
        QTest::newRow("day 0") << 2022 << 1u << 0u;
        QTest::newRow("month 99") << 2022 << 99u << 99u;
    }
    void invalidDates()
    {
        QFETCH(int, year);
        QFETCH(uint, month);
        QFETCH(uint, day);
        QVERIFY(!isValidDate(year, month, day));
    }

    // Every day of years 0..10000 round-trips, and consecutive days step through the calendar.
    void everyDayRoundTrips()
    {
        CivilDate previous = civilFromDays(daysFromCivil(0, 1, 1) - 1);
        QCOMPARE(previous, (CivilDate{-1, 12, 31}));
        for (int64_t d = daysFromCivil(0, 1, 1); d <= daysFromCivil(10000, 12, 31); ++d) {
            const CivilDate c = civilFromDays(d);
            if (c.day == 1) {
                QVERIFY(c.month == previous.month % 12 + 1);
                QCOMPARE(c.year, previous.year + (c.month == 1 ? 1 : 0));
            } else {
                QVERIFY(c.day == previous.day + 1 && c.month == previous.month && c.year == previous.year);
            }
            if (daysFromCivil(int(c.year), c.month, c.day) != d)
                QFAIL(qPrintable(QStringLiteral("day %1 does not round-trip").arg(d)));
            previous = c;
        }
    }

    // Far outside std::chrono::year's -32767..32767: the calendar repeats every 400 years (146097 days).
    void farDays_data()
    {
        QTest::addColumn<qint64>("cycles");
        QTest::newRow("+1000 cycles") << qint64(1000);
        QTest::newRow("-1000 cycles") << qint64(-1000);
        QTest::newRow("+10^12 cycles") << qint64(1000000000000);
        QTest::newRow("-10^12 cycles") << qint64(-1000000000000);
    }
    void farDays()
    {
        QFETCH(qint64, cycles);
        for (const int64_t d : {int64_t(-1), int64_t(0), int64_t(59), int64_t(11016), int64_t(146096)}) {
            const CivilDate near = civilFromDays(d);
            const CivilDate far = civilFromDays(d + cycles * 146097);
            QCOMPARE(far, (CivilDate{near.year + cycles * 400, near.month, near.day}));
        }
    }

    void floorDivision()
    {
        QCOMPARE(floorDiv(86399, 86400), int64_t(0));
        QCOMPARE(floorDiv(-86400, 86400), int64_t(-1));
        QCOMPARE(floorDiv(-86401, 86400), int64_t(-2));
        QCOMPARE(floorMod(-86401, 86400), int64_t(86399));
        QCOMPARE(floorMod(1001, 1000), int64_t(1));
    }
};

QTEST_APPLESS_MAIN(TestCalendar)
#include "tst_calendar.moc"
