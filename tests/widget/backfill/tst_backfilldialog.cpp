// link: kmsync_widgets kmsync_engine
// Tools > Backfill offscreen: the instances listed before starting, then a real backfill of the sample task on the
// sandbox Kafka into a local warehouse (off the GUI thread), Cancel, and Resume skipping what is committed.
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"
#include "engine/warehouse/localwarehouse.h"
#include "widgets/backfill/backfilldialog.h"

using kmsync::ui::BackfillDialog;
using namespace kmsync::engine;

namespace {

const QString kSamples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples");

// Today in the sample task's zone (its reader reads Asia/Shanghai times; the sandbox's data is the last 48 hours).
QDate today()
{
    return QDateTime::currentDateTime().toTimeZone(QTimeZone("Asia/Shanghai")).date();
}

} // namespace

class TestBackfillDialog final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_taskPath;
    config::TaskConfig m_task;

    QStringList partitions()
    {
        auto result = warehouse::LocalWarehouse::queryFile(m_dir.filePath(QStringLiteral("warehouse.db")),
                                                           QStringLiteral("select distinct ds from clicks order by ds"),
                                                           0);
        QStringList out;
        if (result.ok()) {
            for (const auto &row : result->rows)
                out << row.at(0).value_or(QString());
        }
        return out;
    }

    static bool waitFinished(BackfillDialog &dialog)
    {
        QSignalSpy spy(&dialog, &BackfillDialog::backfillFinished);
        return spy.wait(120000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")})
            QVERIFY(QFile::copy(kSamples + QLatin1Char('/') + name, m_dir.filePath(name)));
        m_taskPath = m_dir.filePath(QStringLiteral("clicks-task.json"));
        auto task = config::TaskConfig::loadFile(m_taskPath);
        QVERIFY(task.ok());
        m_task = *task;
        auto wh = warehouse::LocalWarehouse::open(m_dir.filePath(QStringLiteral("warehouse.db")));
        QVERIFY(wh.ok());
        QVERIFY((*wh)->executeSql(config::generateDdl(m_task)).ok());
    }

    void listsTheInstancesBeforeStarting()
    {
        BackfillDialog dialog(m_task, m_taskPath, QStringLiteral("dev"));
        // The sample task has no schedule of its own: the presets only, "Every day" first.
        auto *cycle = dialog.findChild<QComboBox *>(QStringLiteral("backfillCycle"));
        QVERIFY(cycle);
        QCOMPARE(cycle->currentData().toString(), QStringLiteral("day"));
        QCOMPARE(cycle->findData(QStringLiteral("task")), -1);

        dialog.setRange(QDate(2022, 11, 20), QDate(2022, 11, 22));
        QCOMPARE(dialog.instanceCount(), 3);
        QCOMPARE(dialog.cellText(0, BackfillDialog::ScheduledColumn), QStringLiteral("2022-11-21 00:15:00"));
        QCOMPARE(dialog.cellText(0, BackfillDialog::BizdateColumn), QStringLiteral("20221120"));
        QCOMPARE(dialog.cellText(0, BackfillDialog::PartitionColumn), QStringLiteral("ds=20221120"));
        QCOMPARE(dialog.cellText(0, BackfillDialog::WindowColumn),
                 QStringLiteral("[2022-11-20 00:00, 2022-11-21 00:00)"));
        QCOMPARE(dialog.summaryText(), QStringLiteral("3 instance(s), every day at 00:15\nParameters: "
                                                      "startTime=$[yyyymmdd-1]000000 endTime=$[yyyymmdd]000000 "
                                                      "partition=$[yyyymmdd-1]"));
        dialog.setDescending(true);
        QCOMPARE(dialog.cellText(0, BackfillDialog::BizdateColumn), QStringLiteral("20221122"));

        // Hourly: the 24 instances scheduled on D + 1.
        dialog.setDescending(false);
        dialog.setRange(QDate(2022, 11, 21), QDate(2022, 11, 21));
        dialog.setCycle(QStringLiteral("hour"));
        QCOMPARE(dialog.instanceCount(), 24);
        QCOMPARE(dialog.cellText(0, BackfillDialog::PartitionColumn), QStringLiteral("ds=2022112200"));
        QCOMPARE(dialog.cellText(23, BackfillDialog::WindowColumn),
                 QStringLiteral("[2022-11-22 22:00, 2022-11-22 23:00)"));
        QCOMPARE(dialog.statusText(0), QString());

        // A reversed range lists nothing and cannot start.
        dialog.setRange(QDate(2022, 11, 22), QDate(2022, 11, 21));
        QCOMPARE(dialog.instanceCount(), 0);
        QVERIFY(dialog.summaryText().contains(QStringLiteral("is after")));
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("backfillStart"))->isEnabled());
    }

    void taskScheduleIsTheDefault()
    {
        config::TaskConfig task = m_task;
        config::KmsyncOptions k = task.kmsyncValue();
        k.extra.insert(QStringLiteral("schedule"),
                       QJsonObject{{QStringLiteral("cycle"), QStringLiteral("week")},
                                   {QStringLiteral("startAt"), QStringLiteral("00:30")},
                                   {QStringLiteral("weekday"), 1},
                                   {QStringLiteral("parameters"),
                                    QStringLiteral("startTime=$[yyyymmdd-7]000000 endTime=$[yyyymmdd]000000 "
                                                   "partition=$[yyyymmdd-1]")}});
        task.kmsync = k;
        BackfillDialog dialog(task, m_taskPath, QStringLiteral("dev"));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("backfillCycle"))->currentData().toString(),
                 QStringLiteral("task"));
        dialog.setRange(QDate(2022, 11, 1), QDate(2022, 11, 30));
        QCOMPARE(dialog.instanceCount(), 4); // Mondays the 7th to the 28th
        QCOMPARE(dialog.cellText(0, BackfillDialog::ScheduledColumn), QStringLiteral("2022-11-07 00:30:00"));
        QCOMPARE(dialog.cellText(0, BackfillDialog::WindowColumn),
                 QStringLiteral("[2022-10-31 00:00, 2022-11-07 00:00)"));
    }

    void runsThenResumeSkipsWhatIsCommitted()
    {
        BackfillDialog dialog(m_task, m_taskPath, QStringLiteral("dev"));
        const QDate first = today().addDays(-2);
        const QDate last = today().addDays(-1);
        dialog.setRange(first, last);
        dialog.setParallel(2);
        QCOMPARE(dialog.instanceCount(), 2);
        auto *resume = dialog.findChild<QPushButton *>(QStringLiteral("backfillResume"));
        auto *cancel = dialog.findChild<QPushButton *>(QStringLiteral("backfillCancel"));
        QVERIFY(!resume->isEnabled());
        QVERIFY(!cancel->isEnabled());
        QSignalSpy finished(&dialog, &BackfillDialog::backfillFinished);
        dialog.findChild<QPushButton *>(QStringLiteral("backfillStart"))->click();
        QVERIFY(dialog.isRunning());
        QVERIFY(cancel->isEnabled());
        QCOMPARE(dialog.statusText(0), QStringLiteral("Queued"));
        QVERIFY(finished.wait(120000));
        for (int row = 0; row < 2; ++row)
            QVERIFY2(dialog.statusText(row).startsWith(QStringLiteral("Done: ")), qPrintable(dialog.statusText(row)));
        QVERIFY2(dialog.summaryText().startsWith(QStringLiteral("2 instances: 2 succeeded, 0 failed")),
                 qPrintable(dialog.summaryText()));
        QVERIFY(!resume->isEnabled()); // nothing left to resume
        QCOMPARE(partitions(),
                 (QStringList{first.toString(QStringLiteral("yyyyMMdd")), last.toString(QStringLiteral("yyyyMMdd"))}));

        dialog.resume();
        QVERIFY(finished.wait(120000));
        for (int row = 0; row < 2; ++row)
            QVERIFY2(dialog.statusText(row).startsWith(QStringLiteral("Skipped: already committed")),
                     qPrintable(dialog.statusText(row)));
        QVERIFY2(dialog.summaryText().contains(QStringLiteral("2 skipped")), qPrintable(dialog.summaryText()));
    }

    void cancelThenResume()
    {
        BackfillDialog dialog(m_task, m_taskPath, QStringLiteral("dev"));
        const QDate first = today().addDays(-5); // the three days before the ones above (the sandbox: no data)
        dialog.setRange(first, first.addDays(2));
        QSignalSpy finished(&dialog, &BackfillDialog::backfillFinished);
        dialog.start();
        dialog.cancel();
        QVERIFY(finished.wait(120000));
        for (int row = 0; row < 3; ++row) {
            const QString status = dialog.statusText(row);
            QVERIFY2(status == QStringLiteral("Not run") || status.startsWith(QStringLiteral("Cancelled")),
                     qPrintable(status));
        }
        auto *resume = dialog.findChild<QPushButton *>(QStringLiteral("backfillResume"));
        QVERIFY(resume->isEnabled());
        resume->click();
        QVERIFY(finished.wait(120000));
        for (int row = 0; row < 3; ++row)
            QVERIFY2(dialog.statusText(row).startsWith(QStringLiteral("Done: ")), qPrintable(dialog.statusText(row)));
        QVERIFY(!resume->isEnabled());
    }
};

QTEST_MAIN(TestBackfillDialog)
#include "tst_backfilldialog.moc"
