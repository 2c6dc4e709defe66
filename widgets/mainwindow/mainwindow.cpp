#include "widgets/mainwindow/mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTranslator>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/config/taskloader.h"
#include "engine/engine.h"
#include "engine/params/schedulingparams.h"
#include "widgets/backfill/backfilldialog.h"
#include "widgets/results/checkproductiondialog.h"
#include "widgets/datasources/datasourcedialog.h"
#include "widgets/datasources/datasourceeditdialog.h"
#include "widgets/ddl/ddldialog.h"
#include "widgets/taskeditor/destinationpage.h"
#include "widgets/common/engineadapter.h"
#include "widgets/taskeditor/fieldmappingmodel.h"
#include "widgets/taskeditor/fieldmappingpage.h"
#include "widgets/preview/jsonviewdialog.h"
#include "widgets/preview/messagepreviewdialog.h"
#include "widgets/results/querypanel.h"
#include "widgets/run/runcontroller.h"
#include "widgets/run/runpanel.h"
#include "widgets/mainwindow/sampleworkspace.h"
#include "widgets/taskeditor/schedulingpage.h"
#include "widgets/mainwindow/screenshotrenderer.h"
#include "widgets/taskeditor/sourcepage.h"
#include "widgets/taskeditor/taskadapter.h"
#include "widgets/taskeditor/taskeditor.h"
#include "widgets/common/visibletext.h"

// The icons live in kmsync_widgets, a static library: register them once before the first window.
static void initKmsyncResources()
{
    Q_INIT_RESOURCE(kmsync);
}

namespace kmsync::ui {

namespace {

const QString kGeometryKey = QStringLiteral("MainWindow/Geometry");
const QString kStateKey = QStringLiteral("MainWindow/State");
const QString kRecentKey = QStringLiteral("MainWindow/RecentFiles");
const QString kLastDirKey = QStringLiteral("MainWindow/LastDirectory");
const QString kLanguageKey = QStringLiteral("UI/Language");
constexpr int kMaxRecent = 8;

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

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_validateTimer(new QTimer(this))
    , m_reader(&MainWindow::readTaskFile)
    , m_writer(&MainWindow::writeTaskFile)
{
    initKmsyncResources();
    setObjectName(QStringLiteral("mainWindow"));
    // Install the translator before any page exists, so every widget is built in the chosen language.
    m_language = QSettings().value(kLanguageKey, QStringLiteral("en")).toString();
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
    connect(m_runController, &RunController::started, m_runPanel, &RunPanel::showStarted);
    connect(m_runController, &RunController::progressed, m_runPanel, &RunPanel::showProgress);
    connect(m_runController, &RunController::logged, m_runPanel, &RunPanel::appendLog);
    connect(m_runController, &RunController::finished, m_runPanel, &RunPanel::showFinished);
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

void MainWindow::createActions()
{
    auto action = [this](const char *icon, const QKeySequence &shortcut, auto slot) {
        auto *a = new QAction(this);
        if (icon)
            a->setIcon(QIcon(QLatin1String(icon)));
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_newAction = action(":/icons/new.svg", QKeySequence::New, [this] { maybeSave([this] { newTask(); }); });
    m_openAction = action(":/icons/open.svg", QKeySequence::Open, &MainWindow::open);
    m_openSampleAction = action(nullptr, QKeySequence(), [this] { maybeSave([this] { openSample(); }); });
    m_openSampleAction->setObjectName(QStringLiteral("actionOpenSample"));
    m_saveAction = action(":/icons/save.svg", QKeySequence::Save, &MainWindow::save);
    m_saveAsAction = action(nullptr, QKeySequence::SaveAs, &MainWindow::saveAs);
    m_viewJsonAction = action(":/icons/json.svg", QKeySequence(Qt::CTRL | Qt::Key_J), &MainWindow::viewJson);
    m_validateAction = action(nullptr, QKeySequence(Qt::Key_F7), &MainWindow::validateNow);
    m_quitAction = action(nullptr, QKeySequence::Quit, &QWidget::close);
    m_aboutAction = action(nullptr, QKeySequence(), &MainWindow::about);
    m_datasourcesAction = action(nullptr, QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::showDatasources);
    m_datasourcesAction->setObjectName(QStringLiteral("actionDatasources"));
    m_previewAction = action(nullptr, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &MainWindow::showPreview);
    m_previewAction->setObjectName(QStringLiteral("actionPreview"));
    m_resultsAction = action(nullptr, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &MainWindow::showResults);
    m_resultsAction->setObjectName(QStringLiteral("actionResults"));
    m_checkProductionAction = action(nullptr, QKeySequence(), &MainWindow::showCheckProduction);
    m_checkProductionAction->setObjectName(QStringLiteral("actionCheckProduction"));
    m_backfillAction = action(nullptr, QKeySequence(), &MainWindow::showBackfill);
    m_backfillAction->setObjectName(QStringLiteral("actionBackfill"));
    m_runAction = action(":/icons/run.svg", QKeySequence(Qt::Key_F5), [this] {
        m_runDock->show();
        startRun();
    });
    m_runAction->setObjectName(QStringLiteral("actionRun"));
    m_cancelRunAction = action(nullptr, QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { m_runController->cancel(); });
    m_newAction->setObjectName(QStringLiteral("actionNew"));
    m_openAction->setObjectName(QStringLiteral("actionOpen"));
    m_saveAction->setObjectName(QStringLiteral("actionSave"));
    m_saveAsAction->setObjectName(QStringLiteral("actionSaveAs"));
    m_viewJsonAction->setObjectName(QStringLiteral("actionViewJson"));
    m_validateAction->setObjectName(QStringLiteral("actionValidate"));

    m_englishAction = new QAction(QStringLiteral("English"), this);
    m_chineseAction = new QAction(QStringLiteral("简体中文"), this);
    m_languageGroup = new QActionGroup(this);
    for (QAction *a : {m_englishAction, m_chineseAction}) {
        a->setCheckable(true);
        m_languageGroup->addAction(a);
    }
    connect(m_englishAction, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
    connect(m_chineseAction, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh_CN")); });

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addAction(m_openSampleAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_viewJsonAction);
    m_fileMenu->addAction(m_validateAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_toolsMenu = menuBar()->addMenu(QString());
    m_toolsMenu->addAction(m_runAction);
    m_toolsMenu->addAction(m_cancelRunAction);
    m_toolsMenu->addSeparator();
    m_toolsMenu->addAction(m_datasourcesAction);
    m_toolsMenu->addSeparator();
    m_toolsMenu->addAction(m_previewAction);
    m_toolsMenu->addAction(m_resultsAction);
    m_toolsMenu->addAction(m_checkProductionAction);
    m_toolsMenu->addSeparator();
    m_toolsMenu->addAction(m_backfillAction);
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->addAction(m_englishAction);
    m_languageMenu->addAction(m_chineseAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->addAction(m_newAction);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addAction(m_saveAction);
    m_toolBar->addAction(m_viewJsonAction);
    m_toolBar->addAction(m_runAction);
    updateRecentMenu();
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_languageMenu->setTitle(tr("&Language"));
    m_toolsMenu->setTitle(tr("&Tools"));
    m_datasourcesAction->setText(tr("&Datasources…"));
    m_previewAction->setText(tr("&Preview Messages…"));
    m_resultsAction->setText(tr("Re&sults"));
    m_checkProductionAction->setText(tr("Check &Production…"));
    m_backfillAction->setText(tr("&Backfill…"));
    m_queryDock->setWindowTitle(tr("Results"));
    m_runAction->setText(tr("&Run with Parameters"));
    m_cancelRunAction->setText(tr("&Cancel Run"));
    m_runDock->setWindowTitle(tr("Run"));
    m_helpMenu->setTitle(tr("&Help"));
    m_newAction->setText(tr("&New Task"));
    m_openAction->setText(tr("&Open…"));
    m_openSampleAction->setText(tr("Open Sa&mple Task"));
    m_sampleLabel->setText(tr("New to kmsync? The sample task reads 48 hours of click events from the built-in "
                              "sandbox Kafka into a local warehouse: open it and press Run."));
    m_sampleButton->setText(tr("Open the sample task"));
    m_saveAction->setText(tr("&Save"));
    m_saveAsAction->setText(tr("Save &As…"));
    m_viewJsonAction->setText(tr("View &JSON"));
    m_validateAction->setText(tr("&Validate"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About kmsync"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_englishAction->setChecked(m_language == QLatin1String("en"));
    m_chineseAction->setChecked(m_language == QLatin1String("zh_CN"));
    setWindowTitle(tr("%1[*] — kmsync").arg(m_file.isEmpty() ? tr("Untitled") : QFileInfo(m_file).fileName()));
    updateRecentMenu();
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
    if (m_language != QLatin1String("en")) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(QStringLiteral(":/i18n/kmsync_") + m_language)) {
            QCoreApplication::installTranslator(translator.get());
            m_translator = std::move(translator);
        }
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

void MainWindow::setTaskFileIo(TaskReader reader, TaskWriter writer)
{
    m_reader = reader ? std::move(reader) : TaskReader(&MainWindow::readTaskFile);
    m_writer = writer ? std::move(writer) : TaskWriter(&MainWindow::writeTaskFile);
}

TaskFileRead MainWindow::readTaskFile(const QString &path)
{
    TaskFileRead read;
    read.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        read.error = tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return read;
    }
    read.bytes = file.readAll();
    read.datasources = datasourcesForTask(path);
    return read;
}

QString MainWindow::writeTaskFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

bool MainWindow::isFileBusy() const
{
    return m_opening || m_saving;
}

void MainWindow::updateFileActions()
{
    const bool busy = isFileBusy();
    for (QAction *a : {m_newAction, m_openAction, m_openSampleAction, m_saveAction, m_saveAsAction})
        a->setEnabled(!busy);
    m_sampleButton->setEnabled(!busy);
    m_recentMenu->setEnabled(!busy && !m_recentMenu->isEmpty());
}

bool MainWindow::openFile(const QString &path)
{
    if (isFileBusy())
        return false;
    const TaskReader reader = m_reader;
    startOpen(path, [reader, path] { return reader(path); });
    return true;
}

void MainWindow::startOpen(const QString &path, const std::function<TaskFileRead()> &read)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_opening = true;
    m_openWatcher.setFuture(QtConcurrent::run(read));
    updateFileActions();
}

void MainWindow::onOpenFinished()
{
    const TaskFileRead read = m_openWatcher.result();
    m_opening = false;
    updateFileActions();
    statusBar()->clearMessage();
    auto fail = [this](const QString &message) {
        showError(message);
        Q_EMIT fileError(message);
    };
    if (!read.error.isEmpty())
        return fail(read.error);
    auto task = taskFromJson(read.bytes);
    if (!task)
        return fail(tr("Could not load %1: %2").arg(QDir::toNativeSeparators(read.path), task.error().message));
    m_editor->setTask(*task);
    m_sampleBanner->hide();
    m_runPanel->setParameters(task->schedule.parameters);
    setDefaultCyctime(task->schedule.cycle);
    setCurrentFile(read.path);
    addRecentFile(read.path);
    applyDatasources(read.datasources);
    showError(QString());
    validateNow();
    if (read.createdSampleTable)
        m_editor->destinationPage()->refreshTables(); // the new table's columns and keys reach the mapping
    if (read.sample)
        m_runDock->show();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(read.path)), 5000);
    Q_EMIT fileOpened(read.path);
}

bool MainWindow::saveFile(const QString &path)
{
    if (isFileBusy())
        return false;
    m_saving = true;
    m_savingPath = path;
    m_savingJson = taskToJson(m_editor->task());
    const TaskWriter writer = m_writer;
    const QByteArray json = m_savingJson;
    statusBar()->showMessage(tr("Saving %1…").arg(QDir::toNativeSeparators(path)));
    m_saveWatcher.setFuture(QtConcurrent::run([writer, path, json] { return writer(path, json); }));
    updateFileActions();
    return true;
}

void MainWindow::onSaveFinished()
{
    const QString error = m_saveWatcher.result();
    m_saving = false;
    const QString path = std::exchange(m_savingPath, QString());
    const QByteArray json = std::exchange(m_savingJson, QByteArray());
    const std::function<void()> next = std::exchange(m_afterSave, nullptr);
    updateFileActions();
    statusBar()->clearMessage();
    if (!error.isEmpty()) {
        showError(error);
        Q_EMIT fileError(error);
        return; // `next` is dropped: nothing replaces or closes a task that is not saved
    }
    // What was written is now the original the next save starts from, unless the task was edited meanwhile:
    // those edits stay in the editor, and the window stays modified.
    const bool editedMeanwhile = taskToJson(m_editor->task()) != json;
    if (!editedMeanwhile) {
        if (auto reloaded = taskFromJson(json))
            m_editor->setTask(*reloaded);
    }
    setCurrentFile(path);
    setWindowModified(editedMeanwhile);
    addRecentFile(path);
    showError(QString());
    const auto issues = validateNow();
    statusBar()->showMessage(issues.empty() ? tr("Saved %1").arg(QDir::toNativeSeparators(path))
                                            : tr("Saved %1 with %n problem(s)", nullptr, int(issues.size()))
                                                  .arg(QDir::toNativeSeparators(path)),
                             5000);
    Q_EMIT fileSaved(path);
    if (next)
        next();
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

void MainWindow::setCurrentFile(const QString &path)
{
    m_file = path;
    setWindowModified(false);
    retranslate();
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings settings;
    settings.setValue(kRecentKey, files);
    settings.setValue(kLastDirKey, QFileInfo(absolute).absolutePath());
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files.at(i);
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(path)));
        connect(a, &QAction::triggered, this, [this, path] { maybeSave([this, path] { openFile(path); }); });
    }
    m_recentMenu->setEnabled(!files.isEmpty() && !isFileBusy());
}

QMessageBox::StandardButton MainWindow::askToSave()
{
    return QMessageBox::warning(this, tr("Unsaved changes"), tr("The task has unsaved changes. Save them first?"),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
}

void MainWindow::maybeSave(std::function<void()> next)
{
    if (!isWindowModified()) {
        next();
        return;
    }
    const auto answer = askToSave();
    if (answer == QMessageBox::Discard) {
        next();
    } else if (answer == QMessageBox::Save) {
        m_afterSave = std::move(next);
        save();
        if (!m_saving)
            m_afterSave = nullptr; // no save started (Save As cancelled)
    }
}

void MainWindow::open()
{
    maybeSave([this] {
        const QString dir = QSettings().value(kLastDirKey, QDir::homePath()).toString();
        const QString path = QFileDialog::getOpenFileName(this, tr("Open task"), dir,
                                                          tr("Task files (*.json);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
}

void MainWindow::save()
{
    if (m_file.isEmpty())
        saveAs();
    else
        saveFile(m_file);
}

void MainWindow::saveAs()
{
    const QString dir = m_file.isEmpty() ? QSettings().value(kLastDirKey, QDir::homePath()).toString() : m_file;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save task"), dir, tr("Task files (*.json)"));
    if (!path.isEmpty())
        saveFile(path);
}

void MainWindow::viewJson()
{
    JsonViewDialog dialog(taskToJson(m_editor->task()), this);
    dialog.exec();
}

bool MainWindow::startRun()
{
    if (m_runController->isRunning())
        return false;
    auto assignments = engine::params::parseAssignments(m_runPanel->parameters());
    if (!assignments) {
        m_runPanel->showError(assignments.error().message);
        return false;
    }
    RunRequest request;
    request.config = taskConfig(m_editor->task());
    request.taskPath = m_file;
    request.parameters = *assignments;
    request.cyctime = m_runPanel->cyctime();
    return m_runController->start(request);
}

void MainWindow::showDatasources()
{
    DatasourceDialog dialog(m_datasources, this);
    dialog.setSecretAccess(m_secrets);
    dialog.setConnectionTester(&kmsync::ui::testConnection);
    connect(&dialog, &DatasourceDialog::datasourcesSaved, this, &MainWindow::applyDatasources); // the file changed
    dialog.exec();
}

void MainWindow::showDdl()
{
    DdlDialog dialog(kmsync::ui::generateDdl(taskToJson(m_editor->task()), m_previewSamples), this);
    const QString datasource = m_editor->destinationPage()->config().datasource;
    const auto ds = m_datasources.find(datasource);
    if (ds && engine::config::isDestinationKind(ds->kind)) {
        const engine::config::Datasources datasources = m_datasources;
        dialog.setTableCreator([datasources, datasource, prompter = m_secrets.prompter](const QString &ddl,
                                                                                        const engine::StopToken &stop) {
            return runDdl(datasources, datasource, ddl, prompter.get(), stop);
        });
    }
    connect(&dialog, &DdlDialog::tableCreated, this, [this](const DdlResult &result) {
        if (result.ok)
            m_editor->destinationPage()->refreshTables(); // the new table's columns and keys reach the mapping
    });
    dialog.exec();
}

RunRequest MainWindow::taskRequest() const
{
    RunRequest request;
    request.config = taskConfig(m_editor->task());
    request.taskPath = m_file;
    if (auto assignments = engine::params::parseAssignments(m_runPanel->parameters()))
        request.parameters = *assignments;
    request.cyctime = m_runPanel->cyctime();
    return request;
}

void MainWindow::showPreview()
{
    MessagePreviewDialog dialog(taskRequest(), this);
    dialog.setFetcher([prompter = m_secrets.prompter](const PreviewRequest &request, const engine::StopToken &stop) {
        return fetchPreview(request, prompter.get(), stop);
    });
    dialog.setFieldAdder([this](const QString &field) {
        FieldMappingModel *model = m_editor->mappingPage()->model();
        return model->addSourceField(field) >= 0 ? QString() : model->lastError();
    });
    dialog.exec();
    m_previewSamples = dialog.samples(); // "Generate table schema" types its JSON columns from them
}

void MainWindow::showResults()
{
    QueryTarget target = resolveQueryTarget(taskRequest());
    if (!target.error.isEmpty()) {
        // The parameters do not resolve: check the table as the destination page names it, without a partition.
        statusBar()->showMessage(target.error, 8000);
        target.datasource = m_editor->destinationPage()->config().datasource;
        target.table = m_editor->destinationPage()->config().table;
    }
    m_queryPanel->setTarget(target.table, target.partitionSpec);
    const engine::config::Datasources datasources = m_datasources;
    const QString datasource = target.datasource;
    m_queryPanel->setQueryRunner(
        [datasources, datasource, prompter = m_secrets.prompter](const QString &sql, const engine::StopToken &stop) {
            return queryDatasource(datasources, datasource, sql, QueryPanel::kMaxRows, prompter.get(), stop);
        });
    m_queryDock->show();
    m_queryDock->raise();
}

void MainWindow::showCheckProduction()
{
    CheckProductionDialog dialog(this);
    const QByteArray json = taskToJson(m_editor->task());
    const QString file = m_datasources.file();
    dialog.setChecker([json, file, prompter = m_secrets.prompter](const engine::StopToken &stop) {
        return checkTaskInProduction(json, file, prompter.get(), stop);
    });
    dialog.check();
    dialog.exec();
}

void MainWindow::showBackfill()
{
    const RunRequest task = taskRequest();
    BackfillDialog dialog(task.config, task.taskPath, task.env, this);
    dialog.setSecretPrompter(m_secrets.prompter);
    dialog.exec();
}

QString MainWindow::sampleWorkspace() const
{
    return sampleWorkspacePath();
}

bool MainWindow::openSample()
{
    if (isFileBusy())
        return false;
    const QString workspace = sampleWorkspace();
    const TaskReader reader = m_reader;
    startOpen(QDir(workspace).filePath(QStringLiteral("clicks-task.json")),
              [workspace, reader] { return prepareSample(workspace, reader); });
    return true;
}

bool MainWindow::offerSampleOnFirstStart()
{
    m_sampleBanner->setVisible(m_file.isEmpty() && recentFiles().isEmpty());
    return m_sampleBanner->isVisibleTo(this);
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
