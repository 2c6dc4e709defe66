// link: kmsync_config kmsync_params kmsync_mapping kmsync_core
// Runs the kmsync-cli binary (KMSYNC_CLI_PATH): the validate and ddl commands' exit codes and output.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"

namespace {

const QString kSample = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/clicks-task.json");
const QString kSampleDatasources = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples/datasources.json");
const QString kData = QStringLiteral(KMSYNC_TEST_DATA "/tasks/");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(KMSYNC_CLI_PATH), arguments);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList sampleParams()
{
    return {QStringLiteral("--cyctime"), QStringLiteral("2022-11-22 10:00:00"),
            QStringLiteral("-p"),        QStringLiteral("startTime=$[yyyymmddhh24mi-8/24/60]00"),
            QStringLiteral("-p"),        QStringLiteral("endTime=$[yyyymmddhh24mi-3/24/60]00"),
            QStringLiteral("--param"),   QStringLiteral("partition=$[yyyymmddhh24mi-8/24/60]")};
}

} // namespace

class TestCliConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validateExitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stdoutContains");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("sample with parameters")
            << (QStringList{QStringLiteral("validate"), kSample} + sampleParams()) << 0 << QString() << QString();
        QTest::newRow("sample with explicit datasources and prod")
            << (QStringList{QStringLiteral("validate"), kSample, QStringLiteral("--datasources"), kSampleDatasources,
                            QStringLiteral("--env"), QStringLiteral("prod")}
                + sampleParams())
            << 0 << QString() << QString();
        QTest::newRow("sample without parameters")
            << QStringList{QStringLiteral("validate"), kSample} << 2
            << "ERROR steps[0].parameter.beginDateTime: ${startTime} has no value; pass -p startTime=...\n"
            << QString();
        QTest::newRow("bad keyType")
            << QStringList{QStringLiteral("validate"), kData + QStringLiteral("bad-keytype.json"),
                           QStringLiteral("--datasources"), kSampleDatasources}
            << 2
            << "ERROR steps[0].parameter.keyType: \"TEXT\" is not one of BYTEARRAY, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING\n"
            << QString();
        QTest::newRow("not json") << QStringList{QStringLiteral("validate"), kData + QStringLiteral("not-json.json")}
                                  << 2 << QString()
                                  << "kmsync-cli validate: " + kData
                                         + "not-json.json: not valid JSON at line 3, column 1";
        QTest::newRow("datax 1.0") << QStringList{QStringLiteral("validate"), kData + QStringLiteral("datax-1.0.json")}
                                   << 2 << QString() << "DataX 1.0";
        QTest::newRow("missing file") << QStringList{QStringLiteral("validate"), kData + QStringLiteral("nope.json")}
                                      << 2 << QString() << "kmsync-cli validate: cannot read task file";
        QTest::newRow("no task") << QStringList{QStringLiteral("validate")} << 2 << QString()
                                 << "kmsync-cli validate: missing the TASK file";
        QTest::newRow("bad cyctime")
            << QStringList{QStringLiteral("validate"), kSample, QStringLiteral("--cyctime"), QStringLiteral("tomorrow")}
            << 2 << QString()
            << "kmsync-cli validate: --cyctime \"tomorrow\" is not a time; use \"YYYY-MM-DD HH:MM:SS\"";
        QTest::newRow("bad -p") << QStringList{QStringLiteral("validate"), kSample, QStringLiteral("-p"),
                                               QStringLiteral("startTime")}
                                << 2 << QString() << "kmsync-cli validate: -p \"startTime\" is not NAME=EXPR";
        QTest::newRow("bad expression") << QStringList{QStringLiteral("validate"), kSample, QStringLiteral("-p"),
                                                       QStringLiteral("startTime=$[yyyymmdd")}
                                        << 2 << QString() << "kmsync-cli validate: ";
        QTest::newRow("bad env") << QStringList{QStringLiteral("validate"), kSample, QStringLiteral("--env"),
                                                QStringLiteral("qa")}
                                 << 2 << QString() << "--env \"qa\" is not allowed; use dev or prod";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("validate"), kSample,
                                                       QStringLiteral("--frobnicate")}
                                        << 2 << QString() << "kmsync-cli validate: Unknown option 'frobnicate'";
        QTest::newRow("help") << QStringList{QStringLiteral("validate"), QStringLiteral("--help")} << 0
                              << "Usage: kmsync-cli validate [options] TASK" << QString();
    }
    void validateExitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stdoutContains);
        QFETCH(QString, stderrContains);
        const Run r = runCli(arguments);
        QVERIFY2(r.exitCode == exitCode,
                 qPrintable(QStringLiteral("exit %1, stdout:\n%2\nstderr:\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(r.out.contains(stdoutContains), qPrintable(r.out));
        QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
        if (exitCode == 0 && !arguments.contains(QStringLiteral("--help")))
            QCOMPARE(r.out, QString()); // a valid task prints nothing
    }

    // A valid task: stdout holds only the findings (none here), stderr one OK line naming the window and its zone.
    // -p takes one NAME=EXPR or a whole parameter line, as `params` does; both give the same task.
    void validateSaysOkOnStderr()
    {
        const QStringList common{QStringLiteral("validate"), kSample, QStringLiteral("--cyctime"),
                                 QStringLiteral("2022-11-22 10:00:00")};
        const Run line = runCli(common
                                + QStringList{QStringLiteral("-p"),
                                              QStringLiteral("startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000 "
                                                             "partition=$[yyyymmdd-1]")});
        QVERIFY2(line.exitCode == 0, qPrintable(line.err));
        QCOMPARE(line.out, QString());
        QCOMPARE(line.err,
                 QStringLiteral("OK: clicks-task.json (16 columns, window 2022-11-21 00:00:00 to 2022-11-22 00:00:00 "
                                "Asia/Shanghai)\n"));
        const Run single = runCli(common
                                  + QStringList{QStringLiteral("-p"), QStringLiteral("startTime=$[yyyymmdd-1]000000"),
                                                QStringLiteral("-p"), QStringLiteral("endTime=$[yyyymmdd]000000"),
                                                QStringLiteral("-p"), QStringLiteral("partition=$[yyyymmdd-1]")});
        QCOMPARE(single.exitCode, 0);
        QCOMPARE(single.err, line.err);
    }

    void validateLinesAreTheFindings()
    {
        const Run r = runCli({QStringLiteral("validate"), kSample});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 QStringList(
                     {QStringLiteral(
                          "ERROR steps[0].parameter.beginDateTime: ${startTime} has no value; pass -p startTime=..."),
                      QStringLiteral(
                          "ERROR steps[0].parameter.endDateTime: ${endTime} has no value; pass -p endTime=..."),
                      QStringLiteral(
                          "ERROR steps[1].parameter.partition: ${partition} has no value; pass -p partition=...")}));
        QCOMPARE(r.err, QString());
    }

    void validateWarningsOnlyExitsZero()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto task = kmsync::engine::config::TaskConfig::loadFile(kSample);
        QVERIFY(task.ok());
        task->reader.groupId = QStringLiteral("other_group"); // a WARNING, not an ERROR
        const QString file = dir.filePath(QStringLiteral("task.json"));
        QVERIFY(task->saveFile(file).ok());
        const Run r = runCli(
            QStringList{QStringLiteral("validate"), file, QStringLiteral("--datasources"), kSampleDatasources}
            + sampleParams());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral(
                            "WARNING steps[0].parameter.groupId: differs from kafkaConfig group.id \"kmsync_clicks\"; "
                            "groupId \"other_group\" is used\n"));
    }

    void validateFindsDatasourcesNextToTask()
    {
        // no datasources.json next to the copied task: the datasource names are unknown
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(kSample, dir.filePath(QStringLiteral("task.json"))));
        Run r = runCli(QStringList{QStringLiteral("validate"), dir.filePath(QStringLiteral("task.json"))}
                       + sampleParams());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(
                     QLatin1String("ERROR steps[0].parameter.datasource: unknown datasource \"sandbox_kafka\"")),
                 qPrintable(r.out));
        // with one next to it, they resolve
        QVERIFY(QFile::copy(kSampleDatasources, dir.filePath(QStringLiteral("datasources.json"))));
        r = runCli(QStringList{QStringLiteral("validate"), dir.filePath(QStringLiteral("task.json"))} + sampleParams());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    }

    void ddlPrintsTheSchema()
    {
        const Run r = runCli({QStringLiteral("ddl"), kSample});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto task = kmsync::engine::config::TaskConfig::loadFile(kSample);
        QVERIFY(task.ok());
        QCOMPARE(r.out, kmsync::engine::config::generateDdl(task.value()));
        QVERIFY(r.out.startsWith(QLatin1String("CREATE TABLE IF NOT EXISTS `clicks` (\n  `__key__` STRING COMMENT")));
        QVERIFY(r.out.endsWith(QLatin1String("PARTITIONED BY (\n  `ds` STRING\n)\nLIFECYCLE 36500;\n")));
    }

    void ddlInfersTypesFromSamples()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString samples = dir.filePath(QStringLiteral("values.jsonl"));
        QFile f(samples);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"event_id":"e-1","user":{"id":42,"name":"Ann"},"page":{"url":"/a","ref.domain":"x.com"},"items":[{"sku":"A1","qty":2}],"amount":12.5,"ts":"2026-11-25 10:00:00","tags":["a","b"]})"
            "\n"
            R"({"event_id":"e-2","user":{"id":7,"name":"Bo"},"page":{"url":"/b","ref.domain":"y.com"},"items":[{"sku":"B2","qty":1}],"amount":3,"ts":"2026-11-25 10:01:00","tags":[]})"
            "\n");
        f.close();
        const Run r = runCli({QStringLiteral("ddl"), kSample, QStringLiteral("--samples"), samples});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("  `user_id` BIGINT COMMENT")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("  `amount` DOUBLE COMMENT")));
        QVERIFY(r.out.contains(QLatin1String("  `items_0_qty` BIGINT COMMENT")));
        QVERIFY(r.out.contains(QLatin1String("  `page_ref_domain` STRING COMMENT")));
        QVERIFY(r.out.contains(QLatin1String("  `event_id` STRING COMMENT")));
        // strings that read as the task's date-times are DATETIME (the field profile's inference)
        QVERIFY(r.out.contains(QLatin1String("  `ts` DATETIME COMMENT")));
        QVERIFY(r.out.contains(QLatin1String("  `tags_0` STRING COMMENT")));
        const Run bad = runCli(
            {QStringLiteral("ddl"), kSample, QStringLiteral("--samples"), dir.filePath(QStringLiteral("none.jsonl"))});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.startsWith(QLatin1String("kmsync-cli ddl: cannot read --samples")));
    }

    void ddlErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("help") << QStringList{QStringLiteral("ddl"), QStringLiteral("--help")} << 0 << QString();
        QTest::newRow("no task") << QStringList{QStringLiteral("ddl")} << 2 << "kmsync-cli ddl: missing the TASK file";
        QTest::newRow("bad path") << QStringList{QStringLiteral("ddl"), kData + QStringLiteral("bad-keytype.json")} << 2
                                  << "kmsync-cli ddl: JSON path \"items[0.sku\"";
        QTest::newRow("not json") << QStringList{QStringLiteral("ddl"), kData + QStringLiteral("not-json.json")} << 2
                                  << "not valid JSON";
    }
    void ddlErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrContains);
        const Run r = runCli(arguments);
        QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
        if (arguments.contains(QStringLiteral("--help")))
            QVERIFY(r.out.startsWith(QLatin1String("Usage: kmsync-cli ddl [options] TASK")));
    }

    void listedInTopLevelHelp()
    {
        const Run r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("validate")));
        QVERIFY(r.out.contains(QLatin1String("ddl")));
    }
};

QTEST_GUILESS_MAIN(TestCliConfig)
#include "tst_cli_config.moc"
