#include "widgets/mainwindow/screenshotrenderer.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/config/ddlgenerator.h"
#include "engine/config/taskloader.h"
#include "widgets/backfill/backfilldialog.h"
#include "widgets/results/checkproductiondialog.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/datasources/datasourceeditdialog.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/common/engineadapter.h"
#include "widgets/preview/jsonviewdialog.h"
#include "widgets/mainwindow/mainwindow.h"
#include "widgets/preview/driftpanel.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/results/querypanel.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/sourcepage.h"
#include "widgets/taskeditor/taskadapter.h"
#include "widgets/taskeditor/taskeditor.h"
#include "widgets/common/visibletext.h"

namespace kmsync::ui {

namespace {

// Runs the event loop until `done` or the timeout; only for the batch screenshot mode, which has no user.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// Runs `work` on a worker thread and waits for its result with the event loop running (batch screenshot mode).
template <typename Work>
auto runOffGuiThread(Work work)
{
    QFutureWatcher<decltype(work())> watcher;
    watcher.setFuture(QtConcurrent::run(std::move(work)));
    spinUntil([&watcher] { return watcher.isFinished(); }, 120000);
    watcher.waitForFinished();
    return watcher.result();
}

// Connects to `signal`, runs `start` (true when it started something that ends with the signal) and runs the
// event loop until the signal arrives: the receiver's handlers have then run. Batch screenshot mode only.
template <typename Sender, typename Signal, typename Start>
bool startAndWait(Sender *sender, Signal signal, Start start, int timeoutMs = 60000)
{
    bool done = false;
    const QMetaObject::Connection connection = QObject::connect(sender, signal, sender, [&done] { done = true; });
    const bool started = start();
    if (started)
        spinUntil([&done] { return done; }, timeoutMs);
    QObject::disconnect(connection);
    return started && done;
}

} // namespace

ScreenshotRenderer::ScreenshotRenderer(MainWindow &window)
    : m_window(window)
{
}

bool ScreenshotRenderer::fillWithSandboxContent(const QString &workspace)
{
    const auto source = m_window.m_datasources.find(m_window.m_editor->sourcePage()->config().datasource);
    const QString destinationName = m_window.m_editor->destinationPage()->config().datasource;
    const auto destination = m_window.m_datasources.find(destinationName);
    if (m_window.m_file.isEmpty() || !source || !source->isSandbox() || !destination
        || destination->kind != engine::config::DatasourceKind::Local)
        return false;
    // The task and its datasources.json in a scratch workspace: the run's warehouse and ledger land there.
    const QFileInfo task(m_window.m_file);
    const QString copy = QDir(workspace).filePath(task.fileName());
    const bool copied = runOffGuiThread([from = task.absoluteDir(), to = QDir(workspace), name = task.fileName()] {
        return QFile::copy(from.filePath(name), to.filePath(name))
            && QFile::copy(from.filePath(QStringLiteral("datasources.json")),
                           to.filePath(QStringLiteral("datasources.json")));
    });
    if (!copied || !startAndWait(&m_window, &MainWindow::fileOpened, [&] { return m_window.openFile(copy); })
        || m_window.m_file != copy)
        return false;

    // The destination table in the scratch warehouse, then the Destination page's table list and partition keys.
    const engine::config::Datasources datasources = m_window.m_datasources;
    const QString table = m_window.m_editor->destinationPage()->config().table;
    const engine::config::TaskConfig edited = taskConfig(m_window.m_editor->task());
    const bool created = runOffGuiThread(
        [datasources, destinationName, table, edited, prompter = m_window.m_secrets.prompter] {
            const engine::StopToken neverStopped; // batch screenshot mode: nobody cancels
            const TableListing listing = listTables(datasources, destinationName, prompter.get(), neverStopped);
            for (const engine::TableSchema &schema : listing.tables) {
                if (schema.name.compare(table, Qt::CaseInsensitive) == 0)
                    return true;
            }
            const QString ddl = engine::config::generateDdl(edited);
            return runDdl(datasources, destinationName, ddl, prompter.get(), neverStopped).ok;
        });
    if (!created)
        return false;
    startAndWait(m_window.m_editor->destinationPage(), &DestinationPage::tablesLoaded, [this] {
        m_window.m_editor->destinationPage()->refreshTables();
        return m_window.m_editor->destinationPage()->isRefreshing();
    });

    // A run of the last full hour in the task's time zone: per-partition progress, the records/s chart and the
    // summary.
    const engine::config::TaskConfig config = taskConfig(m_window.m_editor->task());
    QDateTime cyctime = engine::config::defaultCyctime(config);
    cyctime = QDateTime(cyctime.date(), QTime(cyctime.time().hour(), 0));
    m_window.m_runPanel->setCyctime(cyctime, QString::fromUtf8(engine::config::taskTimeZone(config).id()));
    // Throttled as Settings > Speed would (this run only; the task keeps its setting): the sandbox's few records
    // then take seconds instead of a blink, so the records/s chart has points to show.
    RunRequest request = m_window.taskRequest();
    request.config.setting.throttle = true;
    request.config.setting.mbps = 0.004;
    startAndWait(
        m_window.m_runController, &RunController::finished, [&] { return m_window.m_runController->start(request); },
        180000);

    // Results: the seed's count query on what the run wrote.
    m_window.showResults();
    m_window.m_queryPanel->selectCheck(1);
    startAndWait(m_window.m_queryPanel, &QueryPanel::queryFinished, [this] {
        m_window.m_queryPanel->runQuery();
        return m_window.m_queryPanel->isRunning();
    });
    m_window.statusBar()->clearMessage();
    return true;
}

QStringList ScreenshotRenderer::render(const QString &dir)
{
    spinUntil([this] { return !m_window.isFileBusy(); }, 30000); // the task given on the command line
    QDir().mkpath(dir);
    QStringList written;
    const engine::config::Datasources shownDatasources = m_window.m_datasources; // the task's own, not the scratch copy
    // With the sandbox Kafka as source everything shows real content; otherwise (no sandbox, no local warehouse,
    // something failed) the panels and dialogs are shown as they open.
    QTemporaryDir workspace;
    const bool live = workspace.isValid() && fillWithSandboxContent(workspace.path());
    m_window.show();
    auto save = [&written, &dir](QWidget *widget, const QString &name) {
        const QString file = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (saveScreenshot(widget, file)) // the PNG and, beside it, the text it shows (visibletext.h)
            written.append(file);
    };
    if (!live) // Tools > Results before a query: the target table, no rows yet
        m_window.m_queryPanel->setTarget(m_window.m_editor->destinationPage()->config().table, QString());
    // Each panel on its own, at a size that shows its table, log and chart side by side.
    for (const auto &[dock, name] : {std::pair{m_window.m_runDock, QStringLiteral("panel-run")},
                                     std::pair{m_window.m_queryDock, QStringLiteral("panel-results")}}) {
        dock->setFloating(true);
        dock->show();
        dock->resize(1200, 480);
        QCoreApplication::processEvents();
        save(dock->widget(), name);
        dock->hide();
        dock->setFloating(false);
    }
    const QStringList names = {QStringLiteral("page-source"), QStringLiteral("page-destination"),
                               QStringLiteral("page-mapping"), QStringLiteral("page-scheduling"),
                               QStringLiteral("page-settings")};
    for (int i = 0; i < m_window.m_editor->tabs()->count() && i < names.size(); ++i) {
        m_window.m_editor->tabs()->setCurrentIndex(i);
        QCoreApplication::processEvents();
        save(&m_window, names.at(i));
    }
    m_window.m_editor->tabs()->setCurrentIndex(0);

    JsonViewDialog json(taskToJson(m_window.m_editor->task()), &m_window);
    DatasourceDialog datasources(shownDatasources, &m_window);
    datasources.setSecretAccess(m_window.m_secrets);
    datasources.setConnectionTester(&kmsync::ui::testConnection);
    const QStringList shownNames = shownDatasources.names();
    DatasourceEditDialog datasourceEdit(shownDatasources, shownNames.isEmpty() ? QString() : shownNames.first(),
                                        &m_window);
    DdlDialog ddl(engine::config::generateDdl(taskConfig(m_window.m_editor->task())), &m_window);
    MessagePreviewDialog preview(m_window.taskRequest(), &m_window);
    preview.setFetcher(
        [prompter = m_window.m_secrets.prompter](const PreviewRequest &request, const engine::StopToken &stop) {
            return fetchPreview(request, prompter.get(), stop);
        });
    CheckProductionDialog checkProduction(&m_window);
    // Tools > Backfill: the day before yesterday in the task's zone (its instances run yesterday, so every window
    // has data), with the task's own schedule.
    const engine::config::TaskConfig taskNow = taskConfig(m_window.m_editor->task());
    BackfillDialog backfill(taskNow, m_window.m_file, QStringLiteral("dev"), &m_window);
    backfill.setSecretPrompter(m_window.m_secrets.prompter);
    const QDate today = engine::config::defaultCyctime(taskNow).date();
    backfill.setRange(today.addDays(-2), today.addDays(-2));
    backfill.setParallel(2);
    if (live) {
        // The backfill's instances run (in the scratch workspace), each row with its counts.
        startAndWait(
            &backfill, &BackfillDialog::backfillFinished,
            [&backfill] {
                backfill.start();
                return backfill.isRunning();
            },
            180000);
        // Sandbox messages of the run's window, the first one open in the JSON tree; the production check's list.
        startAndWait(&preview, &MessagePreviewDialog::fetched, [&preview] {
            preview.fetch();
            return preview.isFetching();
        });
        if (!preview.outcome().result.records.empty())
            preview.selectRecord(0);
        const engine::config::TaskConfig task = taskConfig(m_window.m_editor->task());
        const QString file = m_window.m_datasources.file();
        checkProduction.setChecker([task, file, prompter = m_window.m_secrets.prompter](const engine::StopToken &stop) {
            return checkTaskInProduction(task, file, prompter.get(), stop);
        });
        startAndWait(&checkProduction, &CheckProductionDialog::checked, [&checkProduction] {
            checkProduction.check();
            return checkProduction.isChecking();
        });
    }
    const std::vector<std::pair<QDialog *, QString>> dialogs = {{&json, QStringLiteral("dialog-json")},
                                                                {&datasources, QStringLiteral("dialog-datasources")},
                                                                {&datasourceEdit,
                                                                 QStringLiteral("dialog-datasource-edit")},
                                                                {&ddl, QStringLiteral("dialog-ddl")},
                                                                {&preview, QStringLiteral("dialog-preview")},
                                                                {&checkProduction,
                                                                 QStringLiteral("dialog-check-production")},
                                                                {&backfill, QStringLiteral("dialog-backfill")}};
    for (const auto &[dialog, name] : dialogs) {
        dialog->show();
        QCoreApplication::processEvents();
        save(dialog, name);
        dialog->close();
    }
    // The preview's Drift tab: what the same messages hold that the mapping does not.
    if (auto *tabs = preview.findChild<QTabWidget *>(QStringLiteral("previewTabs"))) {
        tabs->setCurrentWidget(preview.driftPanel());
        if (preview.driftPanel()->unmappedTable()->rowCount() > 0)
            preview.driftPanel()->unmappedTable()->selectRow(0);
        preview.show();
        QCoreApplication::processEvents();
        save(&preview, QStringLiteral("dialog-preview-drift"));
        preview.close();
    }
    return written;
}

} // namespace kmsync::ui
