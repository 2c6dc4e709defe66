// link: kmsync_widgets kmsync_engine
#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QPushButton>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QPlainTextEdit>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"
#include "engine/warehouse/localwarehouse.h"
#include "widgets/mainwindow/mainwindow.h"
#include "tests/widget/mainwindowio.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/taskeditor.h"

using kmsync::engine::RunSummary;
using kmsync::ui::RunController;
using kmsync::ui::RunRequest;

namespace {

const QString kSamples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples");

RunSummary lastSummary(const QSignalSpy &spy)
{
    return spy.last().first().value<RunSummary>();
}

// A copy of the sample workspace in `dir` with the destination table created; returns the task's path.
QString prepareSampleWorkspace(const QTemporaryDir &dir)
{
    for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")}) {
        if (!QFile::copy(kSamples + QLatin1Char('/') + name, dir.filePath(name)))
            return QString();
    }
    const QString taskPath = dir.filePath(QStringLiteral("clicks-task.json"));
    auto task = kmsync::engine::config::TaskConfig::loadFile(taskPath);
    if (!task.ok())
        return QString();
    auto warehouse = kmsync::engine::warehouse::LocalWarehouse::open(dir.filePath(QStringLiteral("warehouse.db")));
    if (!warehouse.ok() || !(*warehouse)->executeSql(kmsync::engine::config::generateDdl(*task)).ok())
        return QString();
    return taskPath;
}

// The last full hour: the hourly preset reads [cyctime - 1h, cyctime) into partition yyyymmddhh of cyctime.
QDateTime lastFullHour()
{
    QDateTime cyctime = QDateTime::currentDateTime();
    cyctime.setTime(QTime(cyctime.time().hour(), 0));
    return cyctime;
}

} // namespace

// The run thread: a worker object on a QThread, started with a queued call and reporting back through signals.
class TestRunController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badTaskFailsWithReason();
    void unknownDatasourceReportedBeforeRunning();
    void badParameterLineShownInPanel();
    void runsSampleTaskIntoLocalWarehouse();
    void missingTableOffersTheAppsAction();
    void guiThreadNeverBlocksDuringRun();

private:
    QTemporaryDir m_dir;
};

void TestRunController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_runcontroller"));
    QVERIFY(m_dir.isValid());
}

void TestRunController::badTaskFailsWithReason()
{
    RunController controller;
    QSignalSpy finished(&controller, &RunController::finished);
    QSignalSpy started(&controller, &RunController::started);
    RunRequest request;
    request.config.reader.datasource = QStringLiteral("no_such_kafka"); // and no topic, table, ...
    QVERIFY(controller.start(request));
    QCOMPARE(started.count(), 1);
    QVERIFY(controller.isRunning());
    QVERIFY(!controller.start(request)); // one run at a time
    QVERIFY(finished.wait(10000));
    QVERIFY(!controller.isRunning());
    const RunSummary summary = lastSummary(finished);
    QVERIFY(!summary.ok);
    QVERIFY2(summary.errorMessage.contains(QLatin1String("kafka")), qPrintable(summary.errorMessage));
    // The controller is reusable.
    QVERIFY(controller.start(request));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 2);
}

void TestRunController::unknownDatasourceReportedBeforeRunning()
{
    QFile sample(kSamples + QStringLiteral("/clicks-task.json"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QByteArray json = sample.readAll();
    json.replace("\"local_wh\"", "\"no_such_wh\"");
    RunController controller;
    QSignalSpy finished(&controller, &RunController::finished);
    RunRequest request;
    request.config = *kmsync::engine::config::TaskConfig::fromJsonBytes(json);
    request.taskPath = kSamples + QStringLiteral("/clicks-task.json"); // finds datasources.json
    request.parameters = {{QStringLiteral("startTime"), QStringLiteral("20221122090000")},
                          {QStringLiteral("endTime"), QStringLiteral("20221122100000")},
                          {QStringLiteral("partition"), QStringLiteral("2022112210")}};
    QVERIFY(controller.start(request));
    QVERIFY(finished.wait(10000));
    const RunSummary summary = lastSummary(finished);
    QVERIFY(!summary.ok);
    QVERIFY2(summary.errorMessage.contains(QLatin1String("no_such_wh")), qPrintable(summary.errorMessage));
    QVERIFY(!QFile::exists(kSamples + QStringLiteral("/warehouse.db"))); // nothing was opened or created
}

void TestRunController::badParameterLineShownInPanel()
{
    kmsync::ui::MainWindow window;
    window.runPanel()->setParameters(QStringLiteral("startTime = $[yyyymmdd]"));
    QVERIFY(!window.startRun());
    QVERIFY(!window.runController()->isRunning());
    QVERIFY2(window.runPanel()->statusText().startsWith(QStringLiteral("✖")),
             qPrintable(window.runPanel()->statusText()));
}

// A run whose destination table does not exist: the panel points to the app's own action (Generate table schema >
// Create table), as a button that opens that dialog, and never to a kmsync-cli command.
void TestRunController::missingTableOffersTheAppsAction()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")})
        QVERIFY(QFile::copy(kSamples + QLatin1Char('/') + name, dir.filePath(name)));
    const QString taskPath = dir.filePath(QStringLiteral("clicks-task.json")); // no table created
    kmsync::ui::MainWindow window;
    QVERIFY(kmsync::ui::test::openAndWait(window, taskPath));
    window.runPanel()->setCyctime(lastFullHour());
    QSignalSpy finished(window.runController(), &RunController::finished);
    QVERIFY(window.startRun());
    QVERIFY(finished.wait(120000));
    const RunSummary summary = lastSummary(finished);
    QCOMPARE(summary.errorCode, QStringLiteral("sink.no_such_table"));
    const QString status = window.runPanel()->statusText();
    const QString log = window.runPanel()->findChild<QPlainTextEdit *>(QStringLiteral("logView"))->toPlainText();
    QVERIFY2(status.contains(QStringLiteral("Generate table schema > Create table")), qPrintable(status));
    QVERIFY2(log.contains(QStringLiteral("Generate table schema > Create table")), qPrintable(log));
    QVERIFY2(!status.contains(QStringLiteral("kmsync-cli")), qPrintable(status));
    QVERIFY2(!log.contains(QStringLiteral("kmsync-cli")), qPrintable(log));
    auto *button = window.runPanel()->findChild<QPushButton *>(QStringLiteral("createTableButton"));
    QVERIFY(button);
    QVERIFY(!button->isHidden());
    // The button opens Generate table schema (the DDL dialog with its Create table).
    QString opened;
    QTimer::singleShot(0, &window, [&opened] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            opened = QString::fromLatin1(modal->metaObject()->className());
            if (auto *dialog = qobject_cast<QDialog *>(modal))
                dialog->reject();
        }
    });
    button->click();
    QCOMPARE(opened, QStringLiteral("kmsync::ui::DdlDialog"));
    // A new run hides it again.
    window.runPanel()->showStarted();
    QVERIFY(button->isHidden());
}

void TestRunController::runsSampleTaskIntoLocalWarehouse()
{
    // A copy of the sample workspace: the sandbox Kafka (seeded with 48 hours of clicks) and a local warehouse.
    const QString taskPath = prepareSampleWorkspace(m_dir);
    QVERIFY(!taskPath.isEmpty());

    kmsync::ui::MainWindow window;
    QVERIFY(kmsync::ui::test::openAndWait(window, taskPath));
    const QDateTime cyctime = lastFullHour();
    // The sandbox has a few malformed JSON values: tolerate them. The run uses the editor's unsaved state.
    window.findChild<QSpinBox *>(QStringLiteral("errorLimitSpin"))->setValue(1000);
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.runPanel()->parameters(), window.editor()->task().schedule.parameters);
    // The hourly cycle starts at :15, so the default scheduled time is the latest hh:15 that has passed.
    // It is wall-clock time in the task's zone (the sample reads in Asia/Shanghai), whatever the machine's.
    const QDateTime suggested = window.runPanel()->cyctime();
    QCOMPARE(suggested.time().minute(), 15);
    QCOMPARE(window.runPanel()->cyctimeZone(), QStringLiteral("Asia/Shanghai"));
    const QDateTime zonedNow = QDateTime::currentDateTime().toTimeZone(QTimeZone("Asia/Shanghai"));
    const QDateTime nowThere(zonedNow.date(), zonedNow.time());
    QVERIFY(suggested <= nowThere);
    QVERIFY(suggested.secsTo(nowThere) < 3600);

    window.runPanel()->setCyctime(cyctime);
    QSignalSpy finished(window.runController(), &RunController::finished);
    QSignalSpy progressed(window.runController(), &RunController::progressed);
    QVERIFY(window.startRun());
    QVERIFY(finished.wait(120000));
    const RunSummary summary = lastSummary(finished);
    QVERIFY2(summary.ok, qPrintable(summary.errorCode + QStringLiteral(": ") + summary.errorMessage));
    QCOMPARE(summary.partitionSpec, QStringLiteral("ds=") + cyctime.toString(QStringLiteral("yyyyMMddHH")));
    QVERIFY(summary.read > 0);
    QCOMPARE(summary.written + summary.dirty, summary.read);
    QVERIFY(progressed.count() > 0);
    QVERIFY2(window.runPanel()->statusText().contains(QString::number(summary.written)),
             qPrintable(window.runPanel()->statusText()));
    // The log shows what the run resolved to, the window audit and the offset-ledger check.
    auto *log = window.runPanel()->findChild<QPlainTextEdit *>(QStringLiteral("logView"));
    QVERIFY(log);
    const QString logText = log->toPlainText();
    QVERIFY2(logText.contains(QStringLiteral("parameters: ")) && logText.contains(QStringLiteral("partition=")),
             qPrintable(logText));
    // The window as wall-clock times in the task's time zone, the zone named.
    static const QRegularExpression windowLine(QStringLiteral(
        "window: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d to \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Asia/Shanghai\n"));
    QVERIFY2(logText.contains(windowLine), qPrintable(logText));
    QVERIFY2(logText.contains(QStringLiteral("Window audit:")), qPrintable(logText));
    QVERIFY2(logText.contains(QStringLiteral("Offset ledger: no earlier run")), qPrintable(logText));

    // What the warehouse holds is what the summary says was written.
    auto count = kmsync::engine::warehouse::LocalWarehouse::queryFile(
        m_dir.filePath(QStringLiteral("warehouse.db")),
        QStringLiteral("select count(*) from clicks where ds='%1'").arg(summary.partitionSpec.mid(3)), 1);
    QVERIFY2(count.ok(), count.ok() ? "" : qPrintable(count.error().message));
    QCOMPARE(count->rows.size(), size_t(1));
    QCOMPARE(count->rows[0][0].value_or(QString()), QString::number(summary.written));

    // The records/s chart was fed from the progress: points over elapsed seconds, with a real rate among them.
    auto *chartView = window.runPanel()->findChild<QChartView *>(QStringLiteral("rateChart"));
    QVERIFY(chartView);
    QCOMPARE(chartView->chart()->series().size(), qsizetype(1));
    auto *series = qobject_cast<QLineSeries *>(chartView->chart()->series().first());
    QVERIFY(series);
    QVERIFY(series->count() > 0);
    double maxRate = 0;
    for (const QPointF &point : series->points())
        maxRate = std::max(maxRate, point.y());
    QVERIFY2(maxRate > 0, qPrintable(QString::number(series->count())));
    // The next run starts with an empty chart.
    window.runPanel()->setParameters(QStringLiteral("startTime = $[yyyymmdd]")); // does not parse: no run
    QVERIFY(!window.startRun());
    QVERIFY(series->count() > 0);
    window.runPanel()->setParameters(window.editor()->task().schedule.parameters);
    QVERIFY(window.startRun());
    QCOMPARE(series->count(), 0);
    QVERIFY(finished.wait(120000));
}

void TestRunController::guiThreadNeverBlocksDuringRun()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString taskPath = prepareSampleWorkspace(dir);
    QVERIFY(!taskPath.isEmpty());
    kmsync::ui::MainWindow window;
    QVERIFY(kmsync::ui::test::openAndWait(window, taskPath));
    window.findChild<QSpinBox *>(QStringLiteral("errorLimitSpin"))->setValue(1000);
    window.runPanel()->setCyctime(lastFullHour());
    window.show(); // the run panel, its table and chart are painted as the progress arrives
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // A GUI-thread timer ticking every 10 ms: the largest gap between ticks is the longest the GUI was blocked.
    QElapsedTimer sinceTick;
    qint64 largestGap = 0;
    int ticks = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        largestGap = std::max(largestGap, sinceTick.restart());
        ++ticks;
    });
    QSignalSpy finished(window.runController(), &RunController::finished);
    QSignalSpy progressed(window.runController(), &RunController::progressed);
    sinceTick.start();
    ticker.start();
    QTRY_VERIFY(ticks >= 5); // the ticker runs before the run starts
    // Run the way the user does (F5): the action shows the run dock and starts the run from the event loop.
    auto *runAction = window.findChild<QAction *>(QStringLiteral("actionRun"));
    QVERIFY(runAction);
    QTimer::singleShot(0, runAction, &QAction::trigger);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
    QTest::qWait(50); // the ticks right after finished() count too
    ticker.stop();

    const RunSummary summary = lastSummary(finished);
    QVERIFY2(summary.ok, qPrintable(summary.errorCode + QStringLiteral(": ") + summary.errorMessage));
    QVERIFY(summary.read > 0);
    QVERIFY(progressed.count() > 0);
    QVERIFY(ticks > 10);
    QVERIFY2(largestGap < 250,
             qPrintable(QStringLiteral("the GUI thread was blocked for %1 ms (%2 ticks)").arg(largestGap).arg(ticks)));
}

QTEST_MAIN(TestRunController)
#include "tst_runcontroller.moc"
