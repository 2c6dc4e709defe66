// link: kmsync_core
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// `language`: the LANGUAGE and LANG the CLI runs with (empty: the test's own environment).
Run runCli(const QStringList &arguments, const QString &language = {})
{
    QProcess process;
    if (!language.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("LC_ALL"));
        env.remove(QStringLiteral("LC_MESSAGES"));
        env.insert(QStringLiteral("LANGUAGE"), language);
        env.insert(QStringLiteral("LANG"), language + QStringLiteral(".UTF-8"));
        process.setProcessEnvironment(env);
    }
    process.start(QStringLiteral(KMSYNC_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList lines(const QString &text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestCliParams final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void params_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("seed 5-minute task")
            << QStringList{"params",
                           "--cyctime",
                           "2022-11-22 10:00:00",
                           "startTime=$[yyyymmddhh24mi-8/24/60]00",
                           "endTime=$[yyyymmddhh24mi-3/24/60]00",
                           "partition=$[yyyymmddhh24mi-8/24/60]"}
            << QStringList{"startTime=20221122095200", "endTime=20221122095700", "partition=202211220952"};
        QTest::newRow("-p lines keep command-line order")
            << QStringList{"params",
                           "--cyctime",
                           "2022-11-22 10:05:00",
                           "first=$[hh24mi]",
                           "-p",
                           "startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000",
                           "partition=$[yyyymmddhh24]"}
            << QStringList{"first=1005", "startTime=20221122090000", "endTime=20221122100000", "partition=2022112210"};
        QTest::newRow("backfill --bizdate")
            << QStringList{"params",       "--bizdate",       "20140510",  "cyc=$cyctime",
                           "biz=$bizdate", "d=${yyyy-mm-dd}", "g=$gmtdate"}
            << QStringList{"cyc=20140511000000", "biz=20140510", "d=2014-05-10", "g=20140511"};
        QTest::newRow("compact cyctime") << QStringList{"params", "--cyctime", "20250727000500", "a=$[yyyy-mm]",
                                                        "b=$[yyyymm-15/24/60]"}
                                         << QStringList{"a=2025-07", "b=202507"};
        QTest::newRow("midnight edge") << QStringList{"params", "--cyctime", "2015-10-27 00:00:00", "-p",
                                                      "d=$[yyyymmdd-1/24] h=$[hh24-1/24]"}
                                       << QStringList{"d=20151026", "h=23"};
    }
    void params()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, expected);
        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(lines(run.out), expected);
        QVERIFY(run.err.isEmpty());
    }

    void paramsWarning()
    {
        // $[yyyymm-1] is one day earlier (Oracle rule), not one month: evaluated, with a warning on stderr.
        const Run run = runCli({QStringLiteral("params"), QStringLiteral("--cyctime"),
                                QStringLiteral("2026-03-22 00:00:00"), QStringLiteral("m=$[yyyymm-1]")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(lines(run.out), QStringList{QStringLiteral("m=202603")});
        QVERIFY2(run.err.startsWith(QStringLiteral("kmsync-cli params: warning: parameter 'm': ")),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("add_months")), qPrintable(run.err));
    }

    void paramsErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad expression")
            << QStringList{"params", "--cyctime", "2022-11-22 10:00:00", "startTime=$[yyyymmddhh24-]0000"}
            << "kmsync-cli params: parameter 'startTime': position 16: expected a number after '-'";
        QTest::newRow("unknown token") << QStringList{"params", "x=$[yyyymmddhh]"}
                                       << "unknown format token 'hh' at position 11 (use hh24)";
        QTest::newRow("spaces around =") << QStringList{"params", "-p", "startTime = $[yyyymmdd]"}
                                         << "no spaces are allowed around '='";
        QTest::newRow("bad cyctime") << QStringList{"params", "--cyctime", "22/11/2022", "x=$bizdate"}
                                     << "--cyctime \"22/11/2022\" is not a date-time";
        QTest::newRow("bad bizdate") << QStringList{"params", "--bizdate", "2022-11-22", "x=$bizdate"}
                                     << "--bizdate \"2022-11-22\" is not a date (expected YYYYMMDD)";
        QTest::newRow("no assignment") << QStringList{"params", "--cyctime", "2022-11-22 10:00:00"}
                                       << "no assignment given";
        QTest::newRow("unknown option") << QStringList{"params", "--nope"} << "kmsync-cli params: ";
    }
    void paramsErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(QStringLiteral("kmsync-cli params: ")), qPrintable(run.err));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void help_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("params") << "params";
        QTest::newRow("windows") << "windows";
    }
    void help()
    {
        QFETCH(QString, command);
        const Run run = runCli({command, QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QStringLiteral("Usage: kmsync-cli %1 ").arg(command)), qPrintable(run.out));
    }

    void windowsText_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("instances");
        QTest::addColumn<QString>("firstLine");
        QTest::addColumn<QString>("marker"); // on every instance but the first ("" = none anywhere)
        QTest::addColumn<QString>("summary");
        QTest::newRow("hourly preset is contiguous")
            << QStringList{"windows", "--cycle", "hour", "--from", "2022-11-22", "--to", "2022-11-22"} << 0 << 24
            << "2022-11-22 00:15:00  startTime=20221121230000 endTime=20221122000000 partition=2022112200  "
               "[2022-11-21 23:00:00, 2022-11-22 00:00:00)"
            << ""
            << "24 instances (every hour from 00:15 to 23:59), 0 gaps, 0 overlaps, 0 with errors";
        QTest::newRow("2-hour start on an hourly cycle overlaps")
            << QStringList{"windows",    "--cycle",    "hour",
                           "--from",     "2022-11-22", "--to",
                           "2022-11-22", "--params",   "startTime=$[yyyymmddhh24-2/24]0000 endTime=$[yyyymmddhh24]0000"}
            << 0 << 24
            << "2022-11-22 00:15:00  startTime=20221121220000 endTime=20221122000000  "
               "[2022-11-21 22:00:00, 2022-11-22 00:00:00)"
            << "  OVERLAP 1h"
            << "24 instances (every hour from 00:15 to 23:59), 0 gaps, 23 overlaps, 0 with errors";
        QTest::newRow("3-hour typo is a lint error")
            << QStringList{"windows",
                           "--cycle",
                           "hour",
                           "--from",
                           "2022-11-22",
                           "--to",
                           "2022-11-22",
                           "--params",
                           "startTime=$[yyyymmddhh24-3/24]00000 endTime=$[yyyymmddhh24]0000"}
            << 2 << 24
            << "2022-11-22 00:15:00  startTime=202211212100000 endTime=20221122000000  [?, 2022-11-22 00:00:00)  "
               "ERROR: startTime (beginDateTime): \"202211212100000\" is not a date-time: expected 14 digits "
               "yyyyMMddHHmmss, got 15 digits"
            << "  ERROR: "
            << "24 instances (every hour from 00:15 to 23:59), 0 gaps, 0 overlaps, 24 with errors";
        QTest::newRow("daily with gaps")
            << QStringList{"windows",    "--cycle",    "day",
                           "--from",     "2022-11-01", "--to",
                           "2022-11-03", "--params",   "startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd-1]120000"}
            << 0 << 3
            << "2022-11-01 00:15:00  startTime=20221031000000 endTime=20221031120000  "
               "[2022-10-31 00:00:00, 2022-10-31 12:00:00)"
            << "  GAP 12h"
            << "3 instances (every day at 00:15), 2 gaps, 0 overlaps, 0 with errors";
        // Singular forms: "1 instance", "1 gap" (not "1 instances").
        QTest::newRow("two days, one gap")
            << QStringList{"windows",    "--cycle",    "day",
                           "--from",     "2022-11-01", "--to",
                           "2022-11-02", "--params",   "startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd-1]120000"}
            << 0 << 2
            << "2022-11-01 00:15:00  startTime=20221031000000 endTime=20221031120000  "
               "[2022-10-31 00:00:00, 2022-10-31 12:00:00)"
            << "  GAP 12h"
            << "2 instances (every day at 00:15), 1 gap, 0 overlaps, 0 with errors";
        QTest::newRow("one instance")
            << QStringList{"windows", "--cycle", "day", "--from", "2022-11-01", "--to", "2022-11-01"} << 0 << 1
            << "2022-11-01 00:15:00  startTime=20221031000000 endTime=20221101000000 partition=20221031  "
               "[2022-10-31 00:00:00, 2022-11-01 00:00:00)"
            << ""
            << "1 instance (every day at 00:15), 0 gaps, 0 overlaps, 0 with errors";
    }
    void windowsText()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(int, instances);
        QFETCH(QString, firstLine);
        QFETCH(QString, marker);
        QFETCH(QString, summary);
        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == exitCode, qPrintable(run.err));
        const QStringList out = lines(run.out);
        QCOMPARE(out.size(), instances + 1);
        QCOMPARE(out.first(), firstLine);
        QCOMPARE(out.last(), summary);
        for (int i = 1; i < instances; ++i) {
            if (marker.isEmpty()) {
                QVERIFY2(!out.at(i).contains(QStringLiteral("GAP")) && !out.at(i).contains(QStringLiteral("OVERLAP")),
                         qPrintable(out.at(i)));
            } else {
                QVERIFY2(out.at(i).contains(marker), qPrintable(out.at(i)));
            }
        }
    }

    // kmsync-cli is English unless the environment asks for Chinese: then what the engine says (here the cycle) is
    // 简体中文, and the CLI's own words stay English.
    void chineseOnlyWhenAskedFor()
    {
        const QStringList arguments{QStringLiteral("windows"),   QStringLiteral("--cycle"),    QStringLiteral("hour"),
                                    QStringLiteral("--from"),    QStringLiteral("2022-11-22"), QStringLiteral("--to"),
                                    QStringLiteral("2022-11-22")};
        const Run english = runCli(arguments, QStringLiteral("en_US"));
        QCOMPARE(english.exitCode, 0);
        QCOMPARE(lines(english.out).last(),
                 QStringLiteral("24 instances (every hour from 00:15 to 23:59), 0 gaps, 0 overlaps, 0 with errors"));
        const Run chinese = runCli(arguments, QStringLiteral("zh_CN"));
        QCOMPARE(chinese.exitCode, 0);
        QCOMPARE(lines(chinese.out).last(),
                 QStringLiteral("24 instances (从 00:15 到 23:59 每小时), 0 gaps, 0 overlaps, 0 with errors"));
    }

    void windowsJson()
    {
        const Run run = runCli({QStringLiteral("windows"), QStringLiteral("--cycle"), QStringLiteral("month"),
                                QStringLiteral("--from"), QStringLiteral("2022-01-01"), QStringLiteral("--to"),
                                QStringLiteral("2022-06-30"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList out = lines(run.out);
        QCOMPARE(out.size(), 7);
        for (int i = 0; i < 6; ++i) {
            QJsonParseError error;
            const QJsonObject o = QJsonDocument::fromJson(out.at(i).toUtf8(), &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(o.value(QStringLiteral("scheduled")).toString(),
                     QStringLiteral("2022-%1-01 00:15:00").arg(i + 1, 2, 10, QLatin1Char('0')));
            QCOMPARE(o.value(QStringLiteral("junction")).toString(),
                     i == 0 ? QStringLiteral("first") : QStringLiteral("contiguous"));
            QVERIFY(o.value(QStringLiteral("errors")).toArray().isEmpty());
        }
        const QJsonObject first = QJsonDocument::fromJson(out.first().toUtf8()).object();
        QCOMPARE(first.value(QStringLiteral("start")).toString(), QStringLiteral("2021-12-01 00:00:00"));
        QCOMPARE(first.value(QStringLiteral("end")).toString(), QStringLiteral("2022-01-01 00:00:00"));
        QCOMPARE(first.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("partition")).toString(),
                 QStringLiteral("20211231"));
        const QJsonObject summary =
            QJsonDocument::fromJson(out.last().toUtf8()).object().value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("instances")).toInt(), 6);
        QCOMPARE(summary.value(QStringLiteral("gaps")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("overlaps")).toInt(), 0);
    }

    void windowsErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown cycle")
            << QStringList{"windows", "--cycle", "fortnight", "--from", "2022-11-01", "--to", "2022-11-02"}
            << "--cycle \"fortnight\" is not a cycle (allowed: day, hour, 5min, week, month)";
        QTest::newRow("bad date") << QStringList{"windows",    "--cycle", "day",       "--from",
                                                 "2022-11-31", "--to",    "2022-12-01"}
                                  << "--from \"2022-11-31\" is not a date (expected YYYY-MM-DD)";
        QTest::newRow("reversed") << QStringList{"windows",    "--cycle", "day",       "--from",
                                                 "2022-12-02", "--to",    "2022-12-01"}
                                  << "--from 2022-12-02 is after --to 2022-12-01";
        QTest::newRow("missing --to") << QStringList{"windows", "--cycle", "day", "--from", "2022-12-01"}
                                      << "--to is required";
        QTest::newRow("bad params") << QStringList{"windows", "--cycle",    "day",      "--from",       "2022-12-01",
                                                   "--to",    "2022-12-01", "--params", "startTime = x"}
                                    << "--params: position 11: no spaces are allowed around '='";
        QTest::newRow("bad format") << QStringList{"windows", "--cycle",    "day",      "--from", "2022-12-01",
                                                   "--to",    "2022-12-01", "--format", "xml"}
                                    << "--format \"xml\" is not allowed (text or json)";
    }
    void windowsErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith(QStringLiteral("kmsync-cli windows: ")), qPrintable(run.err));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliParams)
#include "tst_cli_params.moc"
