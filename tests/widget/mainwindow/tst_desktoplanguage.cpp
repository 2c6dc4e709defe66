// link: kmsync_widgets kmsync_engine
// On a zh_CN desktop (LANGUAGE and LANG set before the application starts, as a login session sets them, which is
// what QLocale::system() reads) the first start is in 简体中文, the Language menu still overrides and is
// remembered, and what the engine tells the user in a run's log is Chinese too.
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskconfig.h"
#include "engine/job/connector.h"
#include "engine/warehouse/localwarehouse.h"
#include "tests/widget/mainwindowio.h"
#include "tests/widget/unreachabletask.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"

namespace {

const QString kSamples = QStringLiteral(KMSYNC_SOURCE_DIR "/resources/samples");
const QRegularExpression kChinese(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));

QString menuTitles(const kmsync::ui::MainWindow &window)
{
    QStringList titles;
    for (const QAction *action : window.menuBar()->actions())
        titles.append(action->text());
    return titles.join(QLatin1Char(' '));
}

} // namespace

class TestDesktopLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstStartFollowsTheDesktop();
    void languageMenuOverridesAndIsRemembered();
    void runLogIsChinese();
    void engineErrorsAreChinese();
    void rerunLineIsChinese();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
};

void TestDesktopLanguage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("kmsync-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_desktoplanguage"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    QVERIFY2(QLocale::system().uiLanguages().value(0).startsWith(QLatin1String("zh")),
             qPrintable(QLocale::system().uiLanguages().join(QLatin1Char(' '))));
}

void TestDesktopLanguage::cleanupTestCase()
{
    QSettings().clear();
}

void TestDesktopLanguage::firstStartFollowsTheDesktop()
{
    QVERIFY(!QSettings().contains(QStringLiteral("UI/Language"))); // never chosen
    kmsync::ui::MainWindow window;
    QCOMPARE(window.language(), QStringLiteral("zh_CN"));
    QVERIFY2(menuTitles(window).contains(kChinese), qPrintable(menuTitles(window)));
    // Following the desktop is not a choice: nothing is stored until the Language menu is used.
    QVERIFY(!QSettings().contains(QStringLiteral("UI/Language")));
}

void TestDesktopLanguage::languageMenuOverridesAndIsRemembered()
{
    {
        kmsync::ui::MainWindow window;
        window.setLanguage(QStringLiteral("en"));
        QCOMPARE(window.language(), QStringLiteral("en"));
        QVERIFY2(!menuTitles(window).contains(kChinese), qPrintable(menuTitles(window)));
    }
    kmsync::ui::MainWindow again; // the next start: English, whatever the desktop says
    QCOMPARE(again.language(), QStringLiteral("en"));
    QVERIFY2(!menuTitles(again).contains(kChinese), qPrintable(menuTitles(again)));
    again.setLanguage(QStringLiteral("zh_CN"));
    kmsync::ui::MainWindow chinese;
    QCOMPARE(chinese.language(), QStringLiteral("zh_CN"));
}

// A run of the sample task (sandbox Kafka, local warehouse) in 简体中文: the engine's own lines (how many messages
// it reads, what it committed, the sandbox's known time lookup) are Chinese, as the window is.
void TestDesktopLanguage::runLogIsChinese()
{
    for (const QString &name : {QStringLiteral("clicks-task.json"), QStringLiteral("datasources.json")})
        QVERIFY(QFile::copy(kSamples + QLatin1Char('/') + name, m_dir.filePath(name)));
    const QString taskPath = m_dir.filePath(QStringLiteral("clicks-task.json"));
    auto task = kmsync::engine::config::TaskConfig::loadFile(taskPath);
    QVERIFY(task.ok());
    auto warehouse = kmsync::engine::warehouse::LocalWarehouse::open(m_dir.filePath(QStringLiteral("warehouse.db")));
    QVERIFY(warehouse.ok());
    QVERIFY((*warehouse)->executeSql(kmsync::engine::config::generateDdl(*task)).ok());
    warehouse->reset();

    kmsync::ui::MainWindow window;
    window.setLanguage(QStringLiteral("zh_CN"));
    QVERIFY(kmsync::ui::test::openAndWait(window, taskPath));
    window.findChild<QSpinBox *>(QStringLiteral("errorLimitSpin"))->setValue(1000); // the sandbox's malformed values
    QDateTime cyctime = QDateTime::currentDateTime();
    cyctime.setTime(QTime(cyctime.time().hour(), 0));
    window.runPanel()->setCyctime(cyctime);
    QSignalSpy finished(window.runController(), &kmsync::ui::RunController::finished);
    QVERIFY(window.startRun());
    QVERIFY(finished.wait(120000));
    const auto summary = finished.last().first().value<kmsync::engine::RunSummary>();
    QVERIFY2(summary.ok, qPrintable(summary.errorMessage));
    const QString log = window.runPanel()->findChild<QPlainTextEdit *>(QStringLiteral("logView"))->toPlainText();
    const QString committed = QCoreApplication::translate("SyncJob", summary.written == 1 ? "committed %1 row to %2"
                                                                                          : "committed %1 rows to %2")
                                  .arg(summary.written)
                                  .arg(task->writer.table);
    QVERIFY2(committed.contains(kChinese), qPrintable(committed)); // the translation is there
    QVERIFY2(log.contains(committed), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("committed ")), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("message(s) to read")), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("answers every time lookup")), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("window: ")), qPrintable(log));
}

// Outside the run log too: what the engine says in the preview dialog (a broker that refuses), in Test connection
// and when a task file does not load is Chinese in 简体中文.
void TestDesktopLanguage::engineErrorsAreChinese()
{
    kmsync::ui::MainWindow window;
    window.setLanguage(QStringLiteral("zh_CN"));

    kmsync::ui::RunRequest request;
    auto task = kmsync::engine::config::TaskConfig::loadFile(kSamples + QStringLiteral("/clicks-task.json"));
    QVERIFY(task.ok());
    request.config = *task;
    request.config.reader.datasource.reset();
    request.config.reader.server = QStringLiteral("127.0.0.1:1");
    request.taskPath = m_dir.filePath(QStringLiteral("clicks-task.json"));
    request.parameters = {{QStringLiteral("partition"), QStringLiteral("2026112610")}};
    request.cyctime = QDateTime::currentDateTime();
    kmsync::ui::MessagePreviewDialog dialog(request);
    dialog.setRange(kmsync::ui::PreviewRequest::Range::Latest);
    QSignalSpy fetched(&dialog, &kmsync::ui::MessagePreviewDialog::fetched);
    dialog.fetch();
    QVERIFY(fetched.wait(30000));
    const QString shown = dialog.findChild<QLabel *>(QStringLiteral("previewStatusLabel"))->text();
    QVERIFY2(shown.contains(QLatin1String("127.0.0.1:1")), qPrintable(shown));
    QVERIFY2(shown.contains(kChinese), qPrintable(shown));
    QVERIFY2(!shown.contains(QLatin1String("cannot reach")), qPrintable(shown));

    kmsync::engine::config::Datasource kafka;
    kafka.name = QStringLiteral("kafka");
    kafka.kind = kmsync::engine::config::DatasourceKind::Kafka;
    kafka.connection.insert(QStringLiteral("bootstrap.servers"), QStringLiteral("127.0.0.1:1"));
    const kmsync::engine::StopToken stop;
    const auto tested = kmsync::engine::connectorFor(kafka.kind).testConnection(kafka, stop);
    QVERIFY(!tested.ok());
    QVERIFY2(tested.error().message.contains(kChinese), qPrintable(tested.error().message));

    const auto broken = kmsync::engine::config::TaskConfig::fromJsonBytes("{\"steps\": ");
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().message.contains(kChinese), qPrintable(broken.error().message));
}

// A failed attempt waiting to rerun: the run log's line and the Run panel's countdown are Chinese.
void TestDesktopLanguage::rerunLineIsChinese()
{
    kmsync::ui::MainWindow window;
    window.setLanguage(QStringLiteral("zh_CN"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString problem;
    const kmsync::ui::RunRequest request = kmsync::ui::test::unreachableTask(dir, &problem);
    QVERIFY2(!request.taskPath.isEmpty(), qPrintable(problem));

    kmsync::ui::RunController controller;
    kmsync::ui::RunPanel panel;
    connect(&controller, &kmsync::ui::RunController::rerunScheduled, &panel, &kmsync::ui::RunPanel::showRerunScheduled);
    QStringList logged;
    connect(&controller, &kmsync::ui::RunController::logged, this,
            [&logged](int, const QString &message) { logged.append(message); });
    QSignalSpy scheduled(&controller, &kmsync::ui::RunController::rerunScheduled);
    QSignalSpy finished(&controller, &kmsync::ui::RunController::finished);
    QVERIFY(controller.start(request));
    QVERIFY(scheduled.wait(15000));
    QCoreApplication::processEvents(); // the log lines queued before the schedule
    const QString waiting =
        QCoreApplication::translate("TaskRunner", "attempt %1 of %2 failed (%3); waiting %4 s, attempt %5 starts at %6")
            .arg(1)
            .arg(2)
            .arg(QStringLiteral("unreachable"))
            .arg(600)
            .arg(2)
            .arg(scheduled.last().at(3).toString());
    QVERIFY2(waiting.contains(kChinese), qPrintable(waiting));
    QVERIFY2(logged.contains(waiting), qPrintable(logged.join(QLatin1Char('\n'))));
    const QString countdown = panel.rerunCountdownText();
    QVERIFY2(countdown.contains(QLatin1String("127.0.0.1:1")), qPrintable(countdown));
    QVERIFY2(!countdown.contains(QLatin1String("cannot reach")), qPrintable(countdown)); // the engine's reason too
    controller.cancel();
    QVERIFY(finished.wait(10000));
    const auto summary = finished.last().first().value<kmsync::engine::RunSummary>();
    QVERIFY(summary.cancelled);
    QVERIFY2(summary.errorMessage.contains(kChinese), qPrintable(summary.errorMessage));
}

// The desktop's language is the session's environment, read when the application starts.
int main(int argc, char *argv[])
{
    qputenv("LANGUAGE", "zh_CN:zh");
    qputenv("LANG", "zh_CN.UTF-8");
    qunsetenv("LC_ALL");
    qunsetenv("LC_MESSAGES");
    QApplication app(argc, argv);
    TestDesktopLanguage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desktoplanguage.moc"
