// The main window: its layout, docks and banners, language, datasources, validation and closing. The actions and
// menus are in mainwindowactions.cpp, file handling in mainwindowfiles.cpp, the Tools dialogs in mainwindowtools.cpp.
#include "widgets/mainwindow/mainwindow.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>
#include <QVBoxLayout>

#include "engine/config/taskloader.h"
#include "engine/engine.h"
#include "widgets/common/engineadapter.h"
#include "widgets/mainwindow/screenshotrenderer.h"
#include "widgets/results/querypanel.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/taskeditor/schedulingpage.h"
#include "widgets/taskeditor/sourcepage.h"
#include "widgets/taskeditor/taskadapter.h"
#include "widgets/taskeditor/taskeditor.h"

// The icons live in kmsync_widgets, a static library: register them once before the first window.
static void initKmsyncResources()
{
    Q_INIT_RESOURCE(kmsync);
}

namespace kmsync::ui {

namespace {

const QString kGeometryKey = QStringLiteral("MainWindow/Geometry");
const QString kStateKey = QStringLiteral("MainWindow/State");
const QString kLanguageKey = QStringLiteral("UI/Language");

// The cycle's latest scheduled time at or before now, as wall-clock time in the task's time zone (the reader's
// timeZone, else the machine's): what "run with parameters" defaults to, as the CLI does.
QDateTime lastScheduledTime(const engine::params::Cycle &cycle, const engine::config::TaskConfig &task)
{
    const QDateTime now = engine::config::defaultCyctime(task); // naive (UTC spec), as the engine's cyctimes are
    const std::vector<QDateTime> times = cycle.scheduledTimes(now.date().addDays(-62), now.date());
    for (auto it = times.rbegin(); it != times.rend(); ++it) {
        if (*it <= now)
            return QDateTime(it->date(), it->time());
    }
    return QDateTime(now.date(), QTime(now.time().hour(), 0));
}

// The language of the first start, before the Language menu was used: the desktop's (the first of its UI
// languages that kmsync has: any Chinese is 简体中文), else English.
QString desktopLanguage()
{
    for (const QString &language : QLocale::system().uiLanguages()) {
        if (language.startsWith(QLatin1String("zh"), Qt::CaseInsensitive))
            return QStringLiteral("zh_CN");
        if (language.startsWith(QLatin1String("en"), Qt::CaseInsensitive))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_validateTimer(new QTimer(this))
    , m_reader(&MainWindow::readTaskFile)
    , m_writer(&MainWindow::writeTaskFile)
{
    initKmsyncResources();
    setObjectName(QStringLiteral("mainWindow"));
    // Install the translator before any page exists, so every widget is built in the chosen language: the one
    // chosen in the Language menu, else the desktop's (not stored, so the desktop is followed until a choice).
    m_language = QSettings().value(kLanguageKey, desktopLanguage()).toString();
    installTranslators();
    setWindowIcon(QIcon(QStringLiteral(":/icons/kmsync.svg")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    m_errorBanner = new QLabel(central);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setWordWrap(true);
    m_errorBanner->setStyleSheet(QStringLiteral("background: #ffebee; color: #b71c1c; padding: 6px;"));
    m_errorBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBanner->hide();
    m_sampleBanner = new QWidget(central);
    m_sampleBanner->setObjectName(QStringLiteral("sampleBanner"));
    m_sampleBanner->setStyleSheet(QStringLiteral("#sampleBanner { background: #e3f2fd; }"));
    m_sampleBanner->setAttribute(Qt::WA_StyledBackground);
    auto *sampleLayout = new QHBoxLayout(m_sampleBanner);
    m_sampleLabel = new QLabel(m_sampleBanner);
    m_sampleLabel->setWordWrap(true);
    m_sampleButton = new QPushButton(m_sampleBanner);
    m_sampleButton->setObjectName(QStringLiteral("openSampleButton"));
    sampleLayout->addWidget(m_sampleLabel, 1);
    sampleLayout->addWidget(m_sampleButton);
    connect(m_sampleButton, &QPushButton::clicked, this, &MainWindow::openSample);
    m_sampleBanner->hide();
    m_editor = new TaskEditor(central);
    m_editor->setObjectName(QStringLiteral("taskEditor"));
    layout->addWidget(m_sampleBanner);
    layout->addWidget(m_errorBanner);
    layout->addWidget(m_editor);
    setCentralWidget(central);

    m_runController = new RunController(this);
    m_runPanel = new RunPanel;
    m_runPanel->setObjectName(QStringLiteral("runPanel"));
    m_runDock = new QDockWidget(this);
    m_runDock->setObjectName(QStringLiteral("runDock"));
    m_runDock->setWidget(m_runPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_runDock);
    m_runDock->hide();
    m_queryPanel = new QueryPanel;
    m_queryPanel->setObjectName(QStringLiteral("queryPanel"));
    m_queryDock = new QDockWidget(this);
    m_queryDock->setObjectName(QStringLiteral("queryDock"));
    m_queryDock->setWidget(m_queryPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_queryDock);
    m_queryDock->hide();
    connect(m_runPanel, &RunPanel::runRequested, this, &MainWindow::startRun);
    connect(m_runPanel, &RunPanel::cancelRequested, m_runController, &RunController::cancel);
    connect(m_runPanel, &RunPanel::createTableRequested, this, &MainWindow::showDdl);
    connect(m_runController, &RunController::started, m_runPanel, &RunPanel::showStarted);
    connect(m_runController, &RunController::progressed, m_runPanel, &RunPanel::showProgress);
    connect(m_runController, &RunController::logged, m_runPanel, &RunPanel::appendLog);
    connect(m_runController, &RunController::finished, m_runPanel, &RunPanel::showFinished);
    connect(m_runController, &RunController::attemptStarted, m_runPanel, &RunPanel::showAttemptStarted);
    connect(m_runController, &RunController::rerunScheduled, m_runPanel, &RunPanel::showRerunScheduled);
    connect(m_runPanel, &RunPanel::rerunNowRequested, m_runController, &RunController::rerunNow);
    connect(m_editor->destinationPage(), &DestinationPage::ddlRequested, this, &MainWindow::showDdl);
    // The run uses the task's own parameter line unless the user types another one into the panel.
    connect(m_editor->schedulingPage(), &SchedulingPage::changed, this, [this] {
        const ScheduleForm schedule = m_editor->schedulingPage()->config();
        m_runPanel->setParameters(schedule.parameters);
        setDefaultCyctime(schedule.cycle);
    });

    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(300);
    connect(m_validateTimer, &QTimer::timeout, this, &MainWindow::validateNow);
    connect(m_editor, &TaskEditor::changed, this, &MainWindow::onEdited);
    connect(&m_openWatcher, &QFutureWatcher<TaskFileRead>::finished, this, &MainWindow::onOpenFinished);
    connect(&m_saveWatcher, &QFutureWatcher<QString>::finished, this, &MainWindow::onSaveFinished);

    createActions();
    statusBar();

    QSettings settings;
    retranslate();
    resize(1100, 800);
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());

    newTask();
}

MainWindow::~MainWindow()
{
    // A read in flight only loses its result; a write in flight must land (closeEvent() normally waits for it).
    m_openWatcher.disconnect(this);
    m_saveWatcher.disconnect(this);
    m_saveWatcher.waitForFinished();
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString &code)
{
    m_language = code == QLatin1String("zh_CN") ? code : QStringLiteral("en");
    installTranslators();
    QSettings().setValue(kLanguageKey, m_language);
    // Installing or removing a translator sends LanguageChange; English after English sends nothing.
    retranslate();
}

void MainWindow::installTranslators()
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator.get());
        m_translator.reset();
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator.get());
        m_qtTranslator.reset();
    }
    if (m_language != QLatin1String("zh_CN"))
        m_language = QStringLiteral("en");
    // English too: kmsync_en.ts holds the English plural forms ("1 instance", "2 instances").
    auto translator = std::make_unique<QTranslator>();
    if (translator->load(QStringLiteral(":/i18n/kmsync_") + m_language)) {
        QCoreApplication::installTranslator(translator.get());
        m_translator = std::move(translator);
    }
    if (m_language != QLatin1String("en")) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_") + m_language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            m_qtTranslator = std::move(qt);
        }
    }
}

QString MainWindow::errorText() const
{
    return m_errorBanner->isVisibleTo(this) ? m_errorBanner->text() : QString();
}

void MainWindow::showError(const QString &message)
{
    m_errorBanner->setText(message);
    m_errorBanner->setVisible(!message.isEmpty());
}

void MainWindow::applyDatasources(const engine::config::Datasources &datasources)
{
    m_datasources = datasources;
    m_editor->sourcePage()->setDatasources(datasourceNames(m_datasources, [](engine::config::DatasourceKind kind) {
        return kind == engine::config::DatasourceKind::Kafka;
    }));
    m_editor->destinationPage()->setDatasources(datasourceNames(m_datasources, &engine::config::isDestinationKind));
    // Each listing works on its own copy.
    const std::shared_ptr<SecretPrompter> prompter = m_secrets.prompter;
    m_editor->sourcePage()->setTopicLister([datasources, prompter](const QString &name, const engine::StopToken &stop) {
        return listTopics(datasources, name, prompter.get(), stop);
    });
    m_editor->destinationPage()->setTableLister(
        [datasources, prompter](const QString &name, const engine::StopToken &stop) {
            return listTables(datasources, name, prompter.get(), stop);
        });
}

void MainWindow::setSecretAccess(SecretAccess secrets)
{
    m_secrets = std::move(secrets);
    m_runController->setSecretPrompter(m_secrets.prompter);
    applyDatasources(m_datasources); // the listers carry the prompter
}

void MainWindow::setDefaultCyctime(const engine::params::Cycle &cycle)
{
    const engine::config::TaskConfig task = taskConfig(m_editor->task());
    m_runPanel->setCyctime(lastScheduledTime(cycle, task), QString::fromUtf8(engine::config::taskTimeZone(task).id()));
}

void MainWindow::newTask()
{
    m_editor->setTask(kmsync::ui::newTask());
    m_runPanel->setParameters(m_editor->schedulingPage()->config().parameters);
    setDefaultCyctime(m_editor->schedulingPage()->config().cycle);
    setCurrentFile(QString());
    applyDatasources({}); // no task file, no workspace datasources
    showError(QString());
    m_editor->showIssues({});
}

std::vector<FieldIssue> MainWindow::validateNow()
{
    m_validateTimer->stop();
    std::vector<FieldIssue> issues = validateTask(m_editor->task());
    m_editor->showIssues(issues);
    return issues;
}

void MainWindow::onEdited()
{
    setWindowModified(true);
    m_validateTimer->start();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About kmsync"),
                       tr("<h3>kmsync %1</h3><p>Kafka → MaxCompute batch synchronization on the desktop, "
                          "configured like DataWorks' codeless UI and saved as DataWorks script-mode JSON.</p>")
                           .arg(engine::versionString()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_runController->isRunning()) {
        const auto answer =
            QMessageBox::question(this, tr("Run in progress"),
                                  tr("A run is in progress. Cancel it and close? Nothing it wrote is committed."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_runController->cancel();
    }
    if (m_saving) {
        // Closing now could lose the file being written: close once it is on disk (not if the save fails).
        event->ignore();
        m_afterSave = [this] { close(); };
        statusBar()->showMessage(tr("Closing when the save has finished…"));
        return;
    }
    if (isWindowModified()) {
        const auto answer = askToSave();
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            // The save runs on its worker; the window closes when it has succeeded.
            event->ignore();
            m_afterSave = [this] { close(); };
            save();
            if (!m_saving)
                m_afterSave = nullptr;
            return;
        }
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    event->accept();
}

QStringList MainWindow::renderScreenshots(const QString &dir)
{
    return ScreenshotRenderer(*this).render(dir);
}

} // namespace kmsync::ui
