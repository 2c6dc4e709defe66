// link: kmsync_params kmsync_core
#include <QTest>
#include <QTimeZone>

#include "engine/params/lint.h"
#include "engine/params/schedulingparams.h"

using namespace kmsync::engine;
using namespace kmsync::engine::params;

namespace {

QDateTime cyc(const QString &yyyyMMddHHmmss)
{
    return QDateTime::fromString(yyyyMMddHHmmss, QStringLiteral("yyyyMMddHHmmss"));
}

} // namespace

class TestSchedParams final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("cyctime");
        QTest::addColumn<QString>("expected");

        // PARAM-2019, cyctime 20140515103000
        const QString p = QStringLiteral("20140515103000");
        QTest::newRow("2019 yyyy") << "$[yyyy]" << p << "2014";
        QTest::newRow("2019 yy") << "$[yy]" << p << "14";
        QTest::newRow("2019 mm is month") << "$[mm]" << p << "05";
        QTest::newRow("2019 dd") << "$[dd]" << p << "15";
        QTest::newRow("2019 yyyy-mm-dd") << "$[yyyy-mm-dd]" << p << "2014-05-15";
        QTest::newRow("2019 hh24:mi:ss") << "$[hh24:mi:ss]" << p << "10:30:00";
        QTest::newRow("2019 hh24:mi:ss - 1/24 (spaces)") << "$[hh24:mi:ss - 1/24]" << p << "09:30:00";
        QTest::newRow("2019 minus one minute") << "$[yyyy-mm-dd hh24:mi:ss -1/24/60]" << p << "2014-05-15 10:29:00";
        QTest::newRow("2019 add_months -1") << "$[add_months(yyyymmdd,-1)]" << p << "20140415";
        QTest::newRow("2019 add_months -12*1") << "$[add_months(yyyymmdd,-12*1)]" << p << "20130515";
        QTest::newRow("2019 hh24") << "$[hh24]" << p << "10";
        QTest::newRow("2019 mi is minute") << "$[mi]" << p << "30";

        // PARAM-2019, run 2018-07-22 (business date 20180721)
        const QString r = QStringLiteral("20180722000000");
        QTest::newRow("2018 ${yyyy-mm-dd}") << "${yyyy-mm-dd}" << r << "2018-07-21";
        QTest::newRow("2018 ${yyyymmdd-2} days") << "${yyyymmdd-2}" << r << "20180719";
        QTest::newRow("2018 ${yyyymm-2} months") << "${yyyymm-2}" << r << "201805";
        QTest::newRow("2018 ${yyyy-2} years") << "${yyyy-2}" << r << "2016";

        // PARAM-2019, run 2017-07-22
        const QString b = QStringLiteral("20170722000000");
        QTest::newRow("2017 $bizdate") << "$bizdate" << b << "20170721";
        QTest::newRow("2017 $bizmonth quirk (same month -> previous)") << "$bizmonth" << b << "201706";
        QTest::newRow("2017 $gmtdate") << "$gmtdate" << b << "20170722";
        QTest::newRow("$bizmonth other month") << "$bizmonth"
                                               << "20170801001500"
                                               << "201707";

        // PARAM-2019, hourly node
        QTest::newRow("hourly thishour") << "$[yyyy-mm-dd/hh24:mi:ss]"
                                         << "20190114010000"
                                         << "2019-01-14/01:00:00";
        QTest::newRow("hourly lasthour") << "$[yyyy-mm-dd/hh24:mi:ss-1/24]"
                                         << "20190114010000"
                                         << "2019-01-14/00:00:00";

        // PARAM-2019 FAQ, the midnight edge case
        QTest::newRow("midnight 00:00 yyyymmdd-1/24") << "$[yyyymmdd-1/24]"
                                                      << "20151027000000"
                                                      << "20151026";
        QTest::newRow("midnight 00:00 hh24-1/24") << "$[hh24-1/24]"
                                                  << "20151027000000"
                                                  << "23";
        QTest::newRow("midnight 01:00 yyyymmdd-1/24") << "$[yyyymmdd-1/24]"
                                                      << "20151027010000"
                                                      << "20151027";
        QTest::newRow("midnight 01:00 hh24-1/24") << "$[hh24-1/24]"
                                                  << "20151027010000"
                                                  << "00";
        QTest::newRow("midnight wrong day when split") << "$[yyyymmdd]$[hh24-1/24]"
                                                       << "20151027000000"
                                                       << "2015102723";
        QTest::newRow("midnight right when whole") << "$[yyyymmddhh24-1/24]"
                                                   << "20151027000000"
                                                   << "2015102623";

        // Current docs, daily run 2025-11-01 00:00
        const QString c = QStringLiteral("20251101000000");
        QTest::newRow("2025-11-01 ${yyyymmdd}") << "${yyyymmdd}" << c << "20251031";
        QTest::newRow("2025-11-01 $[yyyymmddhh24miss]") << "$[yyyymmddhh24miss]" << c << "20251101000000";
        QTest::newRow("2025-11-01 $bizdate") << "$bizdate" << c << "20251031";
        QTest::newRow("2025-11-01 $cyctime") << "$cyctime" << c << "20251101000000";
        QTest::newRow("2025-11-01 $gmtdate") << "$gmtdate" << c << "20251101";

        // Current docs, CYCTIME 20250727000500
        const QString d = QStringLiteral("20250727000500");
        QTest::newRow("20250727000500 yyyy-mm") << "$[yyyy-mm]" << d << "2025-07";
        QTest::newRow("20250727000500 mm") << "$[mm]" << d << "07";
        QTest::newRow("20250727000500 yyyy-15/24/60") << "$[yyyy-15/24/60]" << d << "2025";
        QTest::newRow("20250727000500 yyyymm-15/24/60") << "$[yyyymm-15/24/60]" << d << "202507";

        // SEED's Kafka examples
        const QString m5 = QStringLiteral("20221122100000");
        QTest::newRow("seed 5min startTime") << "$[yyyymmddhh24mi-8/24/60]00" << m5 << "20221122095200";
        QTest::newRow("seed 5min endTime") << "$[yyyymmddhh24mi-3/24/60]00" << m5 << "20221122095700";
        QTest::newRow("seed 5min partition") << "$[yyyymmddhh24mi-8/24/60]" << m5 << "202211220952";
        const QString h = QStringLiteral("20221122100500");
        QTest::newRow("seed hourly startTime") << "$[yyyymmddhh24-1/24]0000" << h << "20221122090000";
        QTest::newRow("seed hourly endTime") << "$[yyyymmddhh24]0000" << h << "20221122100000";
        QTest::newRow("seed hourly partition") << "$[yyyymmddhh24]" << h << "2022112210";
        QTest::newRow("seed 2-hourly startTime") << "$[yyyymmddhh24-2/24]0000" << h << "20221122080000";
        QTest::newRow("seed 3-hourly typo (15 digits)") << "$[yyyymmddhh24-3/24]00000" << h << "202211220700000";
        const QString dd = QStringLiteral("20221122000500");
        QTest::newRow("seed daily startTime") << "$[yyyymmdd-1]000000" << dd << "20221121000000";
        QTest::newRow("seed daily endTime") << "$[yyyymmdd]000000" << dd << "20221122000000";
        QTest::newRow("seed daily partition") << "$[yyyymmdd-1]" << dd << "20221121";
        QTest::newRow("seed weekly startTime") << "$[yyyymmdd-7]000000" << dd << "20221115000000";
        QTest::newRow("seed weekly endTime") << "$[yyyymmdd]000000" << dd << "20221122000000";
        QTest::newRow("seed weekly partition") << "$[yyyymmdd-1]" << dd << "20221121";
        QTest::newRow("seed monthly startTime") << "$[add_months(yyyymmdd,-1)]000000" << dd << "20221022000000";
        QTest::newRow("seed monthly endTime") << "$[yyyymmdd]000000" << dd << "20221122000000";
        QTest::newRow("seed monthly partition") << "$[yyyymmdd-1]" << dd << "20221121";

        // Built-ins in braces, literal text, weeks, boundaries
        QTest::newRow("${bizdate}") << "${bizdate}" << b << "20170721";
        QTest::newRow("${cyctime}") << "${cyctime}"
                                    << "20170722103000"
                                    << "20170722103000";
        QTest::newRow("${bdp.system.bizdate}") << "${bdp.system.bizdate}" << b << "20170721";
        QTest::newRow("${bdp.system.cyctime}") << "${bdp.system.cyctime}"
                                               << "20170722103000"
                                               << "20170722103000";
        QTest::newRow("${gmtdate}") << "${gmtdate}" << b << "20170722";
        QTest::newRow("${bizmonth}") << "${bizmonth}" << b << "201706";
        QTest::newRow("literal around") << "ds=$bizdate/hh=$[hh24]"
                                        << "20170722103000"
                                        << "ds=20170721/hh=10";
        QTest::newRow("plain literal") << "hello" << b << "hello";
        QTest::newRow("dollar not a builtin") << "cost $5" << b << "cost $5";
        QTest::newRow("${yyyymmdd-7*2} weeks") << "${yyyymmdd-7*2}" << r << "20180707";
        QTest::newRow("${yyyymmdd+1}") << "${yyyymmdd+1}" << r << "20180722";
        QTest::newRow("${yyyymm-1} across year") << "${yyyymm-1}"
                                                 << "20180102000000"
                                                 << "201712";
        QTest::newRow("$[yyyymmdd-1] across year") << "$[yyyymmdd-1]"
                                                   << "20230101001500"
                                                   << "20221231";
        QTest::newRow("$[yyyymmdd+1]") << "$[yyyymmdd+1]"
                                       << "20221231001500"
                                       << "20230101";
        QTest::newRow("$[yyyymm-1] is one day (Oracle rule)") << "$[yyyymm-1]"
                                                              << "20260322000000"
                                                              << "202603";
        QTest::newRow("add_months clamps to month end") << "$[add_months(yyyymmdd,-1)]"
                                                        << "20220331000000"
                                                        << "20220228";
        QTest::newRow("add_months +1 without sign") << "$[add_months(yyyy-mm,1)]"
                                                    << "20221215000000"
                                                    << "2023-01";
        QTest::newRow("add_months keeps the time") << "$[add_months(yyyymmddhh24mi,-12*2)]"
                                                   << "20221122104500"
                                                   << "202011221045";
        QTest::newRow("two terms") << "$[hh24mi-1-1/24]"
                                   << "20221122104500"
                                   << "0945";
        QTest::newRow("multiplied hours") << "$[yyyymmddhh24-3*1/24]"
                                          << "20221122020000"
                                          << "2022112123";
        QTest::newRow("yy rollover") << "$[yy-1]"
                                     << "20000101000000"
                                     << "99";
        QTest::newRow("seconds") << "$[ss]-$[mi-30/24/60/60]$[ss-30/24/60/60]"
                                 << "20221122104500"
                                 << "00-4430";
    }
    void evaluate()
    {
        QFETCH(QString, expression);
        QFETCH(QString, cyctime);
        QFETCH(QString, expected);
        const QDateTime time = cyc(cyctime);
        QVERIFY(time.isValid());
        const auto value = params::evaluate(expression, time);
        QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().message));
        QCOMPARE(*value, expected);
    }

    void hourlyInstancesShareBizdate()
    {
        // PARAM-2019: all 24 instances of an hourly node on 2019-01-14 have bizdate 20190113.
        for (int hour = 0; hour < 24; ++hour) {
            const QDateTime t(QDate(2019, 1, 14), QTime(hour, 0));
            const auto biz = params::evaluate(QStringLiteral("$bizdate"), t);
            QVERIFY(biz.ok());
            QCOMPARE(*biz, QStringLiteral("20190113"));
            const auto h = params::evaluate(QStringLiteral("$[hh24]"), t);
            QVERIFY(h.ok());
            QCOMPARE(h->toInt(), hour);
        }
    }

    void dstDoesNotShift()
    {
        // cyctime is a naive wall-clock time: 03:30 minus 2 hours is 01:30 even on the night clocks jump.
        const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
        if (!berlin.isValid())
            QSKIP("no Europe/Berlin time zone data");
        const QDateTime t(QDate(2022, 3, 27), QTime(3, 30), berlin);
        const auto v = params::evaluate(QStringLiteral("$[yyyymmddhh24mi-2/24]"), t);
        QVERIFY(v.ok());
        QCOMPARE(*v, QStringLiteral("202203270130"));
        const QDateTime autumn(QDate(2022, 10, 30), QTime(4, 0), berlin);
        const auto w = params::evaluate(QStringLiteral("$[hh24mi-2/24]"), autumn);
        QVERIFY(w.ok());
        QCOMPARE(*w, QStringLiteral("0200"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message"); // must be contained in the error message

        QTest::newRow("unterminated $[") << "$[yyyymmdd"
                                         << "position 1: '$[' is not closed (expected ']')";
        QTest::newRow("unterminated ${") << "x${yyyymmdd"
                                         << "position 2: '${' is not closed (expected '}')";
        QTest::newRow("hh without 24") << "$[hhmiss]"
                                       << "unknown format token 'hh' at position 3 (use hh24)";
        QTest::newRow("hh after date") << "$[yyyymmddhh]"
                                       << "unknown format token 'hh' at position 11 (use hh24)";
        QTest::newRow("upper case") << "$[YYYYMMDD]"
                                    << "unknown format token 'YYYYMMDD' at position 3";
        QTest::newRow("unknown letters") << "$[yyyymmddxx]"
                                         << "unknown format token 'xx' at position 11";
        QTest::newRow("single m") << "$[yyyym]"
                                  << "unknown format token 'm' at position 7";
        QTest::newRow("offset without number") << "$[yyyymmddhh24-]"
                                               << "position 16: expected a number after '-'";
        QTest::newRow("plus without number") << "$[yyyymmdd+ ]"
                                             << "position 13: expected a number after '+'";
        QTest::newRow("slash without number") << "$[yyyymmdd-1/]"
                                              << "position 14: expected a number after '/'";
        QTest::newRow("star without number") << "$[yyyymmdd-1*]"
                                             << "position 14: expected a number after '*'";
        QTest::newRow("division by zero") << "$[yyyymmdd-1/0]"
                                          << "position 14: division by zero";
        QTest::newRow("junk in offset") << "$[yyyymmdd-1x]"
                                        << "position 13: unexpected 'x' in the offset";
        QTest::newRow("offset without format") << "$[-1]"
                                               << "position 3: expected a format token";
        QTest::newRow("add_months()") << "$[add_months()]"
                                      << "add_months needs two arguments";
        QTest::newRow("add_months one arg") << "$[add_months(yyyymmdd)]"
                                            << "add_months needs two arguments";
        QTest::newRow("add_months no parens") << "$[add_months]"
                                              << "position 13: expected '(' after add_months";
        QTest::newRow("add_months empty months") << "$[add_months(yyyymmdd,)]"
                                                 << "position 23: expected a number";
        QTest::newRow("add_months fraction") << "$[add_months(yyyymmdd,-1/2)]"
                                             << "'/' is not allowed";
        QTest::newRow("add_months unclosed") << "$[add_months(yyyymmdd,-1]"
                                             << "'(' of add_months is not closed";
        QTest::newRow("add_months trailing") << "$[add_months(yyyymmdd,-1)-1]"
                                             << "expected ']' after add_months(...)";
        QTest::newRow("add_months in ${}") << "${add_months(yyyymmdd,-1)}"
                                           << "add_months works only in $[...]";
        QTest::newRow("empty $[]") << "$[]"
                                   << "position 3: empty expression in '$[]'";
        QTest::newRow("empty ${}") << "${}"
                                   << "position 3: empty expression in '${}'";
        QTest::newRow("blank $[ ]") << "$[  ]"
                                    << "position 3: empty expression";
        QTest::newRow("empty expression") << ""
                                          << "position 1: empty expression";
        QTest::newRow("hours in ${}") << "${yyyymmddhh24}"
                                      << "position 11: 'hh24' is not available in ${...}";
        QTest::newRow("fraction in ${}") << "${yyyymmdd-1/24}"
                                         << "'/' is not allowed";
        QTest::newRow("unknown builtin") << "$foo"
                                         << "position 1: unknown built-in '$foo'";
        QTest::newRow("jobid") << "$jobid"
                               << "'$jobid' is only known inside DataWorks";
        QTest::newRow("user parameter") << "${startTime}"
                                        << "'${startTime}' is neither a date format";
        QTest::newRow("huge number") << "$[yyyy-1234567890]"
                                     << "is too large";
    }
    void errors()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        const auto value = params::evaluate(expression, cyc(QStringLiteral("20221122100000")));
        QVERIFY2(!value.ok(), qPrintable(value.ok() ? *value : QString()));
        QCOMPARE(value.error().code, QStringLiteral("param.syntax"));
        QVERIFY2(value.error().message.contains(message), qPrintable(value.error().message));
        QVERIFY2(value.error().message.contains(QStringLiteral("\"%1\"").arg(expression)),
                 qPrintable(value.error().message));
    }

    void parseAssignments_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("expressions");
        QTest::newRow("seed 5min")
            << "startTime=$[yyyymmddhh24mi-8/24/60]00 endTime=$[yyyymmddhh24mi-3/24/60]00 partition=$[yyyymmddhh24mi-8/24/60]"
            << QStringList{"startTime", "endTime", "partition"}
            << QStringList{"$[yyyymmddhh24mi-8/24/60]00", "$[yyyymmddhh24mi-3/24/60]00", "$[yyyymmddhh24mi-8/24/60]"};
        QTest::newRow("spaces inside $[...]") << "  t=$[hh24:mi:ss - 1/24]\tbiz=$bizdate  " << QStringList{"t", "biz"}
                                              << QStringList{"$[hh24:mi:ss - 1/24]", "$bizdate"};
        QTest::newRow("unclosed $[ does not swallow the line")
            << "a=$[yyyy b=$bizdate" << QStringList{"a", "b"} << QStringList{"$[yyyy", "$bizdate"};
        QTest::newRow("empty line") << "   " << QStringList{} << QStringList{};
        QTest::newRow("dotted name") << "bdp.x=1" << QStringList{"bdp.x"} << QStringList{"1"};
    }
    void parseAssignments()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, names);
        QFETCH(QStringList, expressions);
        const auto parsed = params::parseAssignments(line);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(qsizetype(parsed->size()), names.size());
        for (qsizetype i = 0; i < names.size(); ++i) {
            QCOMPARE(parsed->at(size_t(i)).name, names.at(i));
            QCOMPARE(parsed->at(size_t(i)).expression, expressions.at(i));
        }
    }

    void assignmentErrors_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("spaces around =") << "startTime = $[yyyymmdd]"
                                         << "position 11: no spaces are allowed around '='";
        QTest::newRow("space after =") << "startTime= $[yyyymmdd]"
                                       << "no spaces are allowed around '='";
        QTest::newRow("space before =") << "startTime =$[yyyymmdd]"
                                        << "no spaces are allowed around '='";
        QTest::newRow("= in expression") << "a=b=c"
                                         << "position 4: '=' is not allowed in the expression of 'a'";
        QTest::newRow("missing name") << "=x"
                                      << "position 1: missing parameter name";
        QTest::newRow("empty expression") << "a=1 b="
                                          << "position 7: empty expression for 'b'";
        QTest::newRow("no =") << "a=1 justtext"
                              << "position 5: expected name=expression, got 'justtext'";
        QTest::newRow("twice") << "a=1 a=2"
                               << "position 5: parameter 'a' is assigned twice";
        QTest::newRow("bad name") << "1a=x"
                                  << "invalid parameter name '1a'";
    }
    void assignmentErrors()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        const auto parsed = params::parseAssignments(line);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, QStringLiteral("param.assignment"));
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    }

    void evaluateAssignments()
    {
        const auto parsed = params::parseAssignments(QStringLiteral(
            "startTime=$[yyyymmddhh24mi-8/24/60]00 endTime=$[yyyymmddhh24mi-3/24/60]00 partition=$[yyyymmddhh24mi-8/24/60]"));
        QVERIFY(parsed.ok());
        const auto values = params::evaluateAssignments(*parsed, cyc(QStringLiteral("20221122100000")));
        QVERIFY(values.ok());
        QCOMPARE(values->size(), 3);
        QCOMPARE(values->value(QStringLiteral("startTime")), QStringLiteral("20221122095200"));
        QCOMPARE(values->value(QStringLiteral("endTime")), QStringLiteral("20221122095700"));
        QCOMPARE(values->value(QStringLiteral("partition")), QStringLiteral("202211220952"));

        const auto bad = params::evaluateAssignments({{QStringLiteral("ok"), QStringLiteral("$bizdate")},
                                                      {QStringLiteral("broken"), QStringLiteral("$[yyyymmddhh]")}},
                                                     cyc(QStringLiteral("20221122100000")));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.startsWith(QStringLiteral("parameter 'broken': ")),
                 qPrintable(bad.error().message));
        QVERIFY2(bad.error().message.contains(QStringLiteral("use hh24")), qPrintable(bad.error().message));
    }

    void substitute_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("task values") << R"({"beginDateTime":"${startTime}","endDateTime":"${endTime}"})"
                                     << R"({"beginDateTime":"20221122095200","endDateTime":"20221122095700"})";
        QTest::newRow("unknown kept") << "ds=${partition} x=${other}"
                                      << "ds=202211220952 x=${other}";
        QTest::newRow("unterminated kept") << "a ${startTime"
                                           << "a ${startTime";
        QTest::newRow("no refs") << "plain"
                                 << "plain";
        QTest::newRow("adjacent") << "${startTime}${endTime}"
                                  << "2022112209520020221122095700";
    }
    void substitute()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QMap<QString, QString> values{{QStringLiteral("startTime"), QStringLiteral("20221122095200")},
                                            {QStringLiteral("endTime"), QStringLiteral("20221122095700")},
                                            {QStringLiteral("partition"), QStringLiteral("202211220952")}};
        QCOMPARE(params::substitute(text, values), expected);
    }

    void referencedParameters()
    {
        const QString task = QStringLiteral(
            R"({"beginDateTime":"${startTime}","endDateTime":"${endTime}","partition":"ds=${partition}",)"
            R"("a":"${bizdate}","b":"${yyyymmdd}","c":"${bdp.system.cyctime}","d":"${startTime}","e":"${x y}"})");
        QCOMPARE(params::referencedParameters(task),
                 (QStringList{QStringLiteral("startTime"), QStringLiteral("endTime"), QStringLiteral("partition")}));
        QVERIFY(params::referencedParameters(QStringLiteral("no references")).isEmpty());
    }

    void parseDateTime_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected"); // ISO text, or empty when it must be rejected
        QTest::addColumn<QString>("message");
        QTest::newRow("seed 5min begin") << "20221122095200"
                                         << "2022-11-22T09:52:00"
                                         << "";
        QTest::newRow("midnight") << "20221122000000"
                                  << "2022-11-22T00:00:00"
                                  << "";
        QTest::newRow("seed 3-hour typo (15 digits)") << "202211220700000"
                                                      << ""
                                                      << "got 15 digits";
        QTest::newRow("13 digits") << "2022112209000"
                                   << ""
                                   << "got 13 digits";
        QTest::newRow("month 13") << "20221322000000"
                                  << ""
                                  << "real calendar date";
        QTest::newRow("Feb 30") << "20220230000000"
                                << ""
                                << "real calendar date";
        QTest::newRow("hour 25") << "20221122250000"
                                 << ""
                                 << "real time of day";
        QTest::newRow("with separators") << "2022-11-22 09:52:00"
                                         << ""
                                         << "not all digits";
        QTest::newRow("empty") << ""
                               << ""
                               << "14 digits yyyyMMddHHmmss";
    }
    void parseDateTime()
    {
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QFETCH(QString, message);
        const auto dt = parseDataWorksDateTime(value);
        if (expected.isEmpty()) {
            QVERIFY(!dt.ok());
            QCOMPARE(dt.error().code, QStringLiteral("param.datetime"));
            QVERIFY2(dt.error().message.contains(message), qPrintable(dt.error().message));
            QVERIFY2(dt.error().message.contains(QStringLiteral("\"%1\"").arg(value)), qPrintable(dt.error().message));
            QVERIFY2(dt.error().message.contains(QStringLiteral("14 digits yyyyMMddHHmmss")),
                     qPrintable(dt.error().message));
        } else {
            QVERIFY2(dt.ok(), qPrintable(dt.ok() ? QString() : dt.error().message));
            QCOMPARE(dt->toString(Qt::ISODate), expected + QLatin1Char('Z'));
        }
    }

    void parseDateTimeInZone()
    {
        const QTimeZone shanghai(QByteArrayLiteral("Asia/Shanghai"));
        if (!shanghai.isValid())
            QSKIP("no Asia/Shanghai time zone data");
        const auto dt = parseDataWorksDateTime(QStringLiteral("20221122095200"), shanghai);
        QVERIFY(dt.ok());
        QCOMPARE(dt->toUTC(), QDateTime(QDate(2022, 11, 22), QTime(1, 52), Qt::UTC));
    }

    void checkWindow_data()
    {
        QTest::addColumn<QString>("begin");
        QTest::addColumn<QString>("end");
        QTest::addColumn<QString>("message"); // empty: the window is fine
        QTest::newRow("seed 5min") << "20221122095200"
                                   << "20221122095700"
                                   << "";
        QTest::newRow("empty window") << "20221122100000"
                                      << "20221122100000"
                                      << "is not after beginDateTime";
        QTest::newRow("reversed") << "20221122100000"
                                  << "20221122090000"
                                  << "endDateTime 2022-11-22 09:00:00 is not after beginDateTime 2022-11-22 10:00:00";
        QTest::newRow("3-hour typo begin") << "202211220700000"
                                           << "20221122100000"
                                           << "beginDateTime: \"202211220700000\"";
        QTest::newRow("bad end") << "20221122090000"
                                 << "2022112210"
                                 << "endDateTime: \"2022112210\"";
    }
    void checkWindow()
    {
        QFETCH(QString, begin);
        QFETCH(QString, end);
        QFETCH(QString, message);
        const auto problem = params::checkWindow(begin, end);
        if (message.isEmpty()) {
            QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
        } else {
            QVERIFY(problem.has_value());
            QVERIFY2(problem->contains(message), qPrintable(*problem));
        }
    }

    void warnings_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("warning"); // empty: no warning expected
        QTest::newRow("seed 5min") << "$[yyyymmddhh24mi-8/24/60]00"
                                   << "";
        QTest::newRow("seed daily") << "$[yyyymmdd-1]000000"
                                    << "";
        QTest::newRow("seed monthly") << "$[add_months(yyyymmdd,-1)]000000"
                                      << "";
        QTest::newRow("doc yyyymm-15/24/60") << "$[yyyymm-15/24/60]"
                                             << "";
        QTest::newRow("yyyymm-1 is a day") << "$[yyyymm-1]"
                                           << "\"$[yyyymm-1]\": offsets in $[...] count days, so '-1'";
        QTest::newRow("yyyy-1 is a day") << "$[yyyy - 1]"
                                         << "so '-1' is days";
        QTest::newRow("midnight split") << "$[yyyymmdd]$[hh24-1/24]"
                                        << "\"$[hh24-1/24]\" shifts the time but not the date";
        QTest::newRow("midnight whole") << "$[yyyymmddhh24-1/24]"
                                        << "";
        QTest::newRow("business date") << "${yyyymm-1}"
                                       << "";
    }
    void warnings()
    {
        QFETCH(QString, expression);
        QFETCH(QString, warning);
        QVERIFY(params::evaluate(expression, cyc(QStringLiteral("20221122000000"))).ok());
        const QStringList found = expressionWarnings(expression);
        if (warning.isEmpty()) {
            QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        } else {
            QCOMPARE(found.size(), 1);
            QVERIFY2(found.first().contains(warning), qPrintable(found.first()));
        }
    }
};

QTEST_APPLESS_MAIN(TestSchedParams)
#include "tst_schedparams.moc"
